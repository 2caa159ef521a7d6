// The HTTP edge: cpp-httplib's only home. It listens, reads each request within a deadline and
// a size cap, turns it into HttpRequest, calls one handler, and writes its HttpResponse back;
// routing, sessions and access control live above it. Every answer, the library's own too,
// carries the security headers, and each is reported to Options::on_answer for the log. A small
// client is here too, for the tests and the load benchmark.
//
//   HttpServer server([&](const HttpRequest& r) { return api.Handle(r); });
//   Result<int> port = server.Bind({.host = "127.0.0.1", .port = 0});   // 0: any free port
//   std::thread t([&] { (void)server.Serve(); });   ...   server.Stop(); t.join();
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "server/http_message.h"
#include "server/request_log.h"

namespace continuum {

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  struct Options {
    std::string host = "127.0.0.1";
    int port = 8080;
    // Each open connection holds a worker thread while it is kept alive, so this is also the
    // most connections served at once (more wait, accepted, for a free thread).
    int max_connections = 512;
    // Larger request bodies get 413, chunked or not, and are never read whole.
    size_t max_body_bytes = 1 << 20;
    // The request line and headers together; more gets 431.
    size_t max_header_bytes = 64 << 10;
    // From a request's first byte to its last: a slower sender gets 408 and is disconnected.
    int request_deadline_ms = 10'000;
    int keep_alive_seconds = 5;
    // Called once for every answer sent, from the thread that sent it; may be empty.
    std::function<void(const RequestRecord&)> on_answer;
  };
  // What the server has done so far, for tests and benchmarks.
  struct Counters {
    int64_t bytes_read = 0;  // from every request's socket, headers and bodies
    int64_t answers = 0;
  };

  explicit HttpServer(Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Listens on the host and port; returns the port (the one chosen when asked for 0). A port
  // another process listens on is an IoError saying so: the socket is never shared.
  Result<int> Bind(const Options& options);
  // Serves until Stop(): blocks the calling thread.
  Status Serve();
  void Stop();
  Counters counters() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request to host:port, for tests and benchmarks.
struct HttpReply {
  int status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string Header(const std::string& name) const;
};
Result<HttpReply> HttpCall(const std::string& host, int port, const std::string& method,
                           const std::string& path, const std::string& body = "",
                           const std::vector<std::pair<std::string, std::string>>& headers = {});

}  // namespace continuum
