#include "server/http_adapter.h"

#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>

namespace continuum {
namespace {

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string ErrorJson(int status, const std::string& message) {
  // Only fixed messages pass through here: nothing needs escaping.
  return "{\"error\":{\"code\":" + std::to_string(status) + ",\"message\":\"" + message + "\"}}";
}

const char* StatusMessage(int status) {
  switch (status) {
    case 400:
      return "the request could not be read";
    case 404:
      return "no such resource";
    case 413:
      return "the request body is too large";
    case 414:
      return "the request line is too long";
    default:
      return "the request failed";
  }
}

void Write(const HttpResponse& from, httplib::Response& to) {
  to.status = from.status;
  for (const auto& [name, value] : from.headers) to.set_header(name, value);
  // A bodiless answer (304) gets no provider: the library takes a provider of length 0 for one
  // of unknown length and calls it for ever, holding the connection and a core.
  if (!from.body || from.body->empty()) {
    if (!from.content_type.empty()) to.set_header("Content-Type", from.content_type);
    return;
  }
  // A content provider sends the shared body without copying it (and, having a length, is
  // never compressed on the fly).
  std::shared_ptr<const std::string> body = from.body;
  to.set_content_provider(body->size(), from.content_type,
                          [body](size_t offset, size_t length, httplib::DataSink& sink) {
                            return sink.write(body->data() + offset, length);
                          });
}

// The listening socket's backlog is raised after binding: the library asks for only 5.
class Listener : public httplib::Server {
 public:
  void RaiseBacklog() { ::listen(svr_sock_, SOMAXCONN); }
};

}  // namespace

struct HttpServer::Impl {
  Handler handler;
  Listener server;
};

HttpServer::HttpServer(Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
}

HttpServer::~HttpServer() { Stop(); }

Result<int> HttpServer::Bind(const Options& options) {
  httplib::Server& s = impl_->server;
  const size_t threads = static_cast<size_t>(std::max(1, options.max_connections));
  s.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  s.set_tcp_nodelay(true);  // headers and body go out in two writes
  s.set_keep_alive_max_count(100000);
  s.set_keep_alive_timeout(options.keep_alive_seconds);
  s.set_read_timeout(10);
  s.set_write_timeout(10);
  s.set_payload_max_length(options.max_body_bytes);
  auto serve = [this](const httplib::Request& in, httplib::Response& out) {
    HttpRequest r;
    r.method = in.method;
    r.path = in.path;
    r.body = in.body;
    r.remote_address = in.remote_addr;
    for (const auto& [name, value] : in.params) r.query.emplace(name, value);
    for (const auto& [name, value] : in.headers) r.headers.emplace(Lower(name), value);
    Write(impl_->handler(r), out);
  };
  s.Get(".*", serve);
  s.Post(".*", serve);
  s.Put(".*", serve);
  s.Patch(".*", serve);
  s.Delete(".*", serve);
  s.Options(".*", serve);
  // What the library answers itself (a malformed request, a body over the limit) still leaves
  // as Continuum's JSON error.
  s.set_error_handler([](const httplib::Request&, httplib::Response& out) {
    if (!out.body.empty() || out.content_provider_) return;  // Continuum's own answer
    out.set_content(ErrorJson(out.status, StatusMessage(out.status)), "application/json");
  });
  s.set_exception_handler([](const httplib::Request&, httplib::Response& out, std::exception_ptr) {
    out.status = 500;
    out.set_content(ErrorJson(500, "the server failed to answer; see its log"), "application/json");
  });
  int port = options.port;
  if (port == 0) {
    port = s.bind_to_any_port(options.host);
    if (port < 0) return Status::IoError("cannot listen on " + options.host);
  } else if (!s.bind_to_port(options.host, port)) {
    return Status::IoError("cannot listen on " + options.host + ":" + std::to_string(port) +
                           " (in use, or not allowed)");
  }
  impl_->server.RaiseBacklog();
  return port;
}

Status HttpServer::Serve() {
  if (!impl_->server.listen_after_bind() && impl_->server.is_running())
    return Status::IoError("the server stopped unexpectedly");
  return Status::Ok();
}

void HttpServer::Stop() {
  if (impl_ && impl_->server.is_running()) impl_->server.stop();
}

std::string HttpReply::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? "" : it->second;
}

Result<HttpReply> HttpCall(const std::string& host, int port, const std::string& method,
                           const std::string& path, const std::string& body,
                           const std::vector<std::pair<std::string, std::string>>& headers) {
  httplib::Client client(host, port);
  client.set_connection_timeout(5);
  client.set_read_timeout(30);
  httplib::Request request;
  request.method = method;
  request.path = path;
  request.body = body;
  for (const auto& [name, value] : headers) request.headers.emplace(name, value);
  if (!body.empty() && request.headers.find("Content-Type") == request.headers.end())
    request.headers.emplace("Content-Type", "application/json");
  httplib::Result result = client.send(request);
  if (!result) return Status::IoError("no answer from " + host + ":" + std::to_string(port));
  HttpReply reply;
  reply.status = result->status;
  reply.body = result->body;
  for (const auto& [name, value] : result->headers) reply.headers.emplace(Lower(name), value);
  return reply;
}

}  // namespace continuum
