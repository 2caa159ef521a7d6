#include "server/http_adapter.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstring>

namespace continuum {
namespace {

using Clock = std::chrono::steady_clock;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

std::string ErrorJson(int status, const std::string& message) {
  // Only fixed messages pass through here: nothing needs escaping.
  return "{\"error\":{\"code\":" + std::to_string(status) + ",\"message\":\"" + message + "\"}}";
}

// What the adapter says when it answers a request itself, before or instead of the handler.
const char* StatusMessage(int status) {
  switch (status) {
    case 400:
      return "the request could not be read";
    case 404:
      return "no such resource";
    case 408:
      return "the request took too long to arrive";
    case 411:
      return "send the request body with a Content-Length (or chunked)";
    case 413:
      return "the request body is too large";
    case 414:
      return "the request line is too long";
    case 415:
      return "send the request body uncompressed (no Content-Encoding)";
    case 416:
      return "the Range header could not be read";
    case 431:
      return "the request headers are too large";
    case 500:
      return "the server failed to answer; see its log";
    case 501:
      return "only chunked Transfer-Encoding is understood";
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

class Connection;

// The request a pool thread is reading and answering. The library's callbacks see only its
// Request and Response, so they find this through `current`.
struct Exchange {
  Connection* connection = nullptr;
  Clock::time_point started;
  int64_t started_ms = 0;         // unix time, for the log
  bool headers_read = false;      // the line and headers are in; the body (if any) is next
  bool timed_out = false;         // the deadline passed while reading
  bool over_budget = false;       // more bytes came than the headers (or body) may have
  bool close = false;             // part of the request is left unread: end the connection
  std::string route, user, note;  // for the log, from the handler's answer
};
thread_local Exchange* current = nullptr;

// One client connection as the library reads and writes it, through a buffer. Reads end at the
// request's deadline and after its budget of bytes, so that no sender, however slow or large,
// holds a worker thread or memory for longer than one request may.
class Connection final : public httplib::Stream {
 public:
  Connection(int fd, int stop_fd, int write_timeout_ms, std::atomic<int64_t>* bytes_read)
      : fd_(fd), stop_fd_(stop_fd), write_timeout_ms_(write_timeout_ms), bytes_read_(bytes_read) {
    Address(::getpeername, &remote_ip_, &remote_port_);
    Address(::getsockname, &local_ip_, &local_port_);
  }

  // Waits up to `ms` for the next request; false when the client closed the connection, went
  // quiet or the server is stopping.
  bool AwaitRequest(int ms) const {
    if (begin_ < end_) return true;
    pollfd p[2] = {{fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    return ::poll(p, 2, ms) > 0 && p[1].revents == 0 && (p[0].revents & POLLIN);
  }
  void BeginRequest(Clock::time_point deadline, size_t budget) {
    deadline_ = deadline;
    budget_ = budget;
  }
  void AllowMore(size_t bytes) { budget_ += bytes; }

  bool is_readable() const override { return begin_ < end_ || Wait(POLLIN, MsLeft()); }
  bool is_writable() const override { return Wait(POLLOUT, write_timeout_ms_); }

  ssize_t read(char* ptr, size_t size) override {
    if (budget_ == 0) {
      if (current != nullptr) current->over_budget = true;
      return -1;
    }
    if (begin_ == end_) {
      const ssize_t filled = Fill();
      if (filled <= 0) return filled;
    }
    const size_t n = std::min({size, end_ - begin_, budget_});
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    budget_ -= n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      const ssize_t n = ::send(fd_, ptr, size, MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n >= 0) return n;
      if (errno == EINTR) continue;
      if ((errno != EAGAIN && errno != EWOULDBLOCK) || !Wait(POLLOUT, write_timeout_ms_)) return -1;
    }
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = remote_ip_;
    port = remote_port_;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = local_ip_;
    port = local_port_;
  }
  int socket() const override { return fd_; }

 private:
  // Refills the empty buffer: the bytes read, 0 when the client closed, -1 on an error or at the
  // deadline.
  ssize_t Fill() {
    for (;;) {
      const ssize_t n = ::recv(fd_, buffer_, sizeof buffer_, MSG_DONTWAIT);
      if (n >= 0) {
        begin_ = 0;
        end_ = static_cast<size_t>(n);
        bytes_read_->fetch_add(n, std::memory_order_relaxed);
        return n;
      }
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) return -1;
      if (!Wait(POLLIN, MsLeft())) {
        if (current != nullptr && Clock::now() >= deadline_) current->timed_out = true;
        return -1;
      }
    }
  }
  int MsLeft() const {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline_ - Clock::now()).count();
    return static_cast<int>(std::max<int64_t>(0, left + 1));
  }
  bool Wait(short events, int ms) const {
    pollfd p{fd_, events, 0};
    for (;;) {
      const int r = ::poll(&p, 1, ms);
      if (r >= 0 || errno != EINTR) return r > 0;
    }
  }
  template <typename Name>
  void Address(Name name, std::string* ip, int* port) const {
    sockaddr_storage a{};
    socklen_t length = sizeof a;
    if (name(fd_, reinterpret_cast<sockaddr*>(&a), &length) != 0) return;
    char text[INET6_ADDRSTRLEN] = "";
    if (a.ss_family == AF_INET) {
      const auto* v4 = reinterpret_cast<const sockaddr_in*>(&a);
      ::inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
      *port = ntohs(v4->sin_port);
    } else if (a.ss_family == AF_INET6) {
      const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&a);
      ::inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
      *port = ntohs(v6->sin6_port);
    }
    *ip = text;
  }

  const int fd_, stop_fd_, write_timeout_ms_;
  std::atomic<int64_t>* bytes_read_;  // the server's counter
  Clock::time_point deadline_{};
  size_t budget_ = 0;  // bytes the current request may still read
  char buffer_[16 << 10];
  size_t begin_ = 0, end_ = 0;  // the unread part of buffer_
  std::string remote_ip_, local_ip_;
  int remote_port_ = 0, local_port_ = 0;
};

// The library parses and answers; the connections, their deadlines and budgets are ours, so
// only its request processing is used.
class Engine : public httplib::Server {
 public:
  bool Process(httplib::Stream& stream, bool& closed) {
    return process_request(stream, /*close_connection=*/false, closed, nullptr);
  }
  // The library sends a body only while it believes it is listening, and stops when told not.
  void SetListening(int fd) { svr_sock_ = fd; }
};

constexpr int kWriteTimeoutMs = 10'000;
// Chunked framing may be up to 5 bytes for each byte of body ("1\r\nx\r\n"): what a body may
// read from the socket besides itself.
constexpr size_t kFramingAllowance = 6;

}  // namespace

struct HttpServer::Impl {
  Handler handler;
  Options options;
  Engine engine;
  int listen_fd = -1;
  int stop_fd = -1;  // an eventfd, readable once Stop() is called
  std::atomic<bool> stopping{false};
  std::atomic<int64_t> bytes_read{0}, answers{0};

  void Configure();
  void Converse(int fd);
  void Answer(const httplib::Request& in, std::string body, httplib::Response& out);
  httplib::Server::HandlerResponse CheckHeaders(const httplib::Request& in, httplib::Response& out);
  void Report(const httplib::Request& in, const httplib::Response& out);
};

HttpServer::HttpServer(Handler handler) : impl_(std::make_unique<Impl>()) {
  impl_->handler = std::move(handler);
  impl_->stop_fd = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

HttpServer::~HttpServer() {
  Stop();
  if (impl_->listen_fd >= 0) ::close(impl_->listen_fd);
  if (impl_->stop_fd >= 0) ::close(impl_->stop_fd);
}

void HttpServer::Impl::Answer(const httplib::Request& in, std::string body,
                              httplib::Response& out) {
  HttpRequest r;
  r.method = in.method;
  r.path = in.path;
  r.body = std::move(body);
  r.remote_address = in.remote_addr;
  for (const auto& [name, value] : in.params) r.query.emplace(name, value);
  for (const auto& [name, value] : in.headers) r.headers.emplace(Lower(name), value);
  HttpResponse answer = handler(r);
  Write(answer, out);
  if (current != nullptr) {
    current->route = std::move(answer.log_route);
    current->user = std::move(answer.log_user);
    current->note = std::move(answer.log_note);
  }
}

// Runs once the request line and headers are in, before any body is read: refuses what could
// not be read safely (a body over the limit, compressed, or framed two ways) and opens the
// budget for a body.
httplib::Server::HandlerResponse HttpServer::Impl::CheckHeaders(const httplib::Request& in,
                                                                httplib::Response& out) {
  if (current->headers_read) return httplib::Server::HandlerResponse::Unhandled;  // checked
  current->headers_read = true;
  auto refuse = [&](int status) {
    out.status = status;
    current->close = true;  // the body, if any, is left unread
    return httplib::Server::HandlerResponse::Handled;
  };
  const bool takes_body =
      in.method == "POST" || in.method == "PUT" || in.method == "PATCH" || in.method == "DELETE";
  const std::string encoding = in.get_header_value("Content-Encoding");
  if (!encoding.empty() && strcasecmp(encoding.c_str(), "identity") != 0) return refuse(415);
  const std::string transfer = in.get_header_value("Transfer-Encoding");
  const size_t lengths = in.get_header_value_count("Content-Length");
  if (!transfer.empty()) {
    if (strcasecmp(transfer.c_str(), "chunked") != 0) return refuse(501);
    if (lengths > 0 || !takes_body) return refuse(400);  // framed two ways, or a body unasked
  } else if (lengths > 1) {
    return refuse(400);
  } else if (lengths == 1) {
    const std::string length = in.get_header_value("Content-Length");
    if (length.empty() || length.size() > 19 ||
        !std::all_of(length.begin(), length.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return refuse(400);
    if (std::stoull(length) > options.max_body_bytes) return refuse(413);
  } else if (in.method != "DELETE" && takes_body) {
    return refuse(411);  // else the library would read until the client closes
  }
  current->connection->AllowMore(
      (transfer.empty() ? 1 : kFramingAllowance) * options.max_body_bytes + 64);
  return httplib::Server::HandlerResponse::Unhandled;
}

void HttpServer::Impl::Report(const httplib::Request& in, const httplib::Response& out) {
  answers.fetch_add(1, std::memory_order_relaxed);
  if (!options.on_answer || current == nullptr) return;
  const auto now = Clock::now();
  RequestRecord record;
  record.started_ms = current->started_ms;
  record.method = in.method;
  record.route = current->route.empty() ? in.path : current->route;
  record.status = out.status;
  record.duration_us =
      std::chrono::duration_cast<std::chrono::microseconds>(now - current->started).count();
  record.user = current->user;
  record.note = current->note;
  options.on_answer(record);
}

void HttpServer::Impl::Configure() {
  Engine& s = engine;
  s.set_keep_alive_max_count(100000);  // only for the Keep-Alive header: connections are ours
  s.set_keep_alive_timeout(options.keep_alive_seconds);
  s.set_payload_max_length(options.max_body_bytes);
  s.set_pre_routing_handler(
      [this](const httplib::Request& in, httplib::Response& out) { return CheckHeaders(in, out); });
  // A client that waits to be told to send its body is refused first, when it should be.
  s.set_expect_100_continue_handler([this](const httplib::Request& in, httplib::Response& out) {
    return CheckHeaders(in, out) == httplib::Server::HandlerResponse::Handled ? out.status : 100;
  });
  auto plain = [this](const httplib::Request& in, httplib::Response& out) {
    Answer(in, in.body, out);
  };
  // A body is read through a receiver that stops at the limit, so a chunked one is never read
  // whole either.
  auto with_body = [this](const httplib::Request& in, httplib::Response& out,
                          const httplib::ContentReader& reader) {
    std::string body;
    bool too_large = false;
    const size_t limit = options.max_body_bytes;
    const bool read = reader([&](const char* data, size_t n) {
      if (n > limit - body.size()) {
        too_large = true;
        return false;
      }
      body.append(data, n);
      return true;
    });
    if (!read) {
      current->close = true;
      out.status = too_large || current->over_budget ? 413 : current->timed_out ? 408 : 400;
      return;  // the error handler writes the answer
    }
    Answer(in, std::move(body), out);
  };
  s.Get(".*", plain);
  s.Options(".*", plain);
  s.Post(".*", with_body);
  s.Put(".*", with_body);
  s.Patch(".*", with_body);
  s.Delete(".*", with_body);
  // What the library answers itself (a malformed request, a body over the limit, a slow
  // sender) still leaves as Continuum's JSON error, with its status made exact.
  s.set_error_handler([](const httplib::Request&, httplib::Response& out) {
    if (!out.body.empty() || out.content_provider_) return;  // Continuum's own answer
    if (current != nullptr) {
      if (current->timed_out) out.status = 408;
      if (current->over_budget) out.status = current->headers_read ? 413 : 431;
      current->close = true;  // what follows a request the library refused cannot be trusted
      if (out.status >= 500 && current->note.empty())
        current->note = "answered by the HTTP layer: " + std::string(StatusMessage(out.status));
    }
    out.set_content(ErrorJson(out.status, StatusMessage(out.status)), "application/json");
  });
  s.set_exception_handler(
      [](const httplib::Request&, httplib::Response& out, std::exception_ptr failure) {
        out.status = 500;
        out.set_content(ErrorJson(500, StatusMessage(500)), "application/json");
        if (current == nullptr) return;
        try {
          std::rethrow_exception(failure);
        } catch (const std::exception& e) {
          current->note = std::string("exception: ") + e.what();
        } catch (...) {
          current->note = "exception of an unknown type";
        }
      });
  // Every answer carries the security headers: the handler's have them, the library's get them
  // here.
  s.set_post_routing_handler([](const httplib::Request&, httplib::Response& out) {
    if (out.has_header("X-Content-Type-Options")) return;
    HttpResponse headers;
    AddSecurityHeaders(&headers, /*api=*/true);  // an error: never to be kept
    for (const auto& [name, value] : headers.headers) out.set_header(name, value);
  });
  s.set_logger(
      [this](const httplib::Request& in, const httplib::Response& out) { Report(in, out); });
}

Result<int> HttpServer::Bind(const Options& options) {
  impl_->options = options;
  impl_->Configure();
  if (impl_->stop_fd < 0)
    return Status::IoError("cannot make an event descriptor: " + std::string(std::strerror(errno)));
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string port_text = std::to_string(options.port);
  const std::string where = options.host + ":" + port_text;
  if (const int e = ::getaddrinfo(options.host.c_str(), port_text.c_str(), &hints, &found); e != 0)
    return Status::IoError("cannot listen on " + where + ": " + ::gai_strerror(e));
  std::unique_ptr<addrinfo, decltype(&::freeaddrinfo)> owned(found, &::freeaddrinfo);
  int error = 0;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      error = errno;
      continue;
    }
    // SO_REUSEADDR lets a restarted server listen while its old connections linger; unlike the
    // SO_REUSEPORT the library would set, it never lets two servers listen on one port.
    const int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, SOMAXCONN) == 0) {
      impl_->listen_fd = fd;
      break;
    }
    error = errno;
    ::close(fd);
  }
  impl_->engine.SetListening(impl_->listen_fd);
  if (impl_->listen_fd < 0) {
    if (error == EADDRINUSE)
      return Status::IoError("port " + port_text + " is already in use (another continuum serve?)");
    return Status::IoError("cannot listen on " + where + ": " + std::strerror(error));
  }
  sockaddr_storage bound{};
  socklen_t length = sizeof bound;
  ::getsockname(impl_->listen_fd, reinterpret_cast<sockaddr*>(&bound), &length);
  return bound.ss_family == AF_INET6
             ? ntohs(reinterpret_cast<const sockaddr_in6*>(&bound)->sin6_port)
             : ntohs(reinterpret_cast<const sockaddr_in*>(&bound)->sin_port);
}

void HttpServer::Impl::Converse(int fd) {
  const int yes = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);  // headers and body: two writes
  Connection connection(fd, stop_fd, kWriteTimeoutMs, &bytes_read);
  bool unread = false;
  while (!stopping.load(std::memory_order_relaxed) &&
         connection.AwaitRequest(options.keep_alive_seconds * 1000)) {
    Exchange exchange;
    exchange.connection = &connection;
    exchange.started = Clock::now();
    exchange.started_ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
    connection.BeginRequest(
        exchange.started + std::chrono::milliseconds(options.request_deadline_ms),
        options.max_header_bytes);
    current = &exchange;
    bool closed = false;
    const bool served = engine.Process(connection, closed);
    current = nullptr;
    unread = exchange.close || exchange.timed_out || exchange.over_budget;
    if (!served || closed || unread) break;
  }
  ::shutdown(fd, SHUT_WR);
  if (unread) {
    // The client may still be sending what was refused: read a little of it, briefly, so that
    // closing does not reset the connection before the answer is read.
    char sink[16 << 10];
    size_t drained = 0;
    pollfd p{fd, POLLIN, 0};
    while (drained < (256u << 10) && ::poll(&p, 1, 200) > 0) {
      const ssize_t n = ::recv(fd, sink, sizeof sink, 0);
      if (n <= 0) break;
      drained += static_cast<size_t>(n);
    }
  }
  ::close(fd);
}

Status HttpServer::Serve() {
  Impl& s = *impl_;
  if (s.listen_fd < 0) return Status::Internal("Serve() before a successful Bind()");
  {
    httplib::ThreadPool pool(static_cast<size_t>(std::max(1, s.options.max_connections)));
    pollfd p[2] = {{s.listen_fd, POLLIN, 0}, {s.stop_fd, POLLIN, 0}};
    while (!s.stopping.load()) {
      if (::poll(p, 2, -1) < 0 && errno != EINTR) break;
      if (p[1].revents != 0) break;
      if ((p[0].revents & POLLIN) == 0) continue;
      const int fd = ::accept4(s.listen_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) {
        // Out of descriptors: wait for connections to close rather than spin.
        if (errno == EMFILE || errno == ENFILE) ::poll(nullptr, 0, 10);
        continue;
      }
      pool.enqueue([&s, fd] { s.Converse(fd); });
    }
    pool.shutdown();  // each connection ends at its next request or the stop
  }
  return Status::Ok();
}

void HttpServer::Stop() {
  // Safe in a signal handler: an atomic store and a write.
  impl_->stopping.store(true);
  impl_->engine.SetListening(-1);
  const uint64_t one = 1;
  if (impl_->stop_fd >= 0) (void)!::write(impl_->stop_fd, &one, sizeof one);
}

HttpServer::Counters HttpServer::counters() const {
  return {.bytes_read = impl_->bytes_read.load(), .answers = impl_->answers.load()};
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
