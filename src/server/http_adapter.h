// The HTTP edge: cpp-httplib's only home. It turns the library's requests into HttpRequest, calls
// one handler, and writes its HttpResponse back; routing, sessions and access control live above
// it. A small client is here too, for the tests and the load benchmark.
//
//   HttpServer server([&](const HttpRequest& r) { return api.Handle(r); });
//   Result<int> port = server.Bind({.host = "127.0.0.1", .port = 0});   // 0: any free port
//   std::thread t([&] { (void)server.Serve(); });   ...   server.Stop(); t.join();
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "server/http_message.h"

namespace continuum {

class HttpServer {
 public:
  using Handler = std::function<HttpResponse(const HttpRequest&)>;
  struct Options {
    std::string host = "127.0.0.1";
    int port = 8080;
    // Each open connection holds a worker thread while it is kept alive, so this is also the
    // most connections served at once (more wait to be accepted).
    int max_connections = 512;
    size_t max_body_bytes = 1 << 20;  // larger request bodies get 413
    int keep_alive_seconds = 5;
  };

  explicit HttpServer(Handler handler);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Listens on the host and port; returns the port (the one chosen when asked for 0).
  Result<int> Bind(const Options& options);
  // Serves until Stop(): blocks the calling thread.
  Status Serve();
  void Stop();

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
