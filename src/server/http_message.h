// Continuum's own HTTP request and response: what the server's handlers take and return, so
// that everything above the adapter (http_adapter.cc, the only user of cpp-httplib) can be
// tested without sockets.
//
//   HttpResponse r = JsonResponse(200, body);
//   r.headers.emplace_back("Set-Cookie", cookie);
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace continuum {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string path;    // without the query string, percent-decoded
  std::multimap<std::string, std::string> query;
  std::multimap<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string remote_address;
  bool over_tls = false;

  // The first value of a header (name in lower case) or of a query parameter, or "".
  std::string Header(std::string_view name) const;
  std::string Query(std::string_view name) const;
  // A cookie's value from the Cookie header, or "".
  std::string Cookie(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  // Shared so that a cached body is served without a copy.
  std::shared_ptr<const std::string> body;
  std::vector<std::pair<std::string, std::string>> headers;
};

// A response carrying `body` (JSON unless told otherwise).
HttpResponse TextResponse(int status, std::string body, std::string content_type);
HttpResponse JsonResponse(int status, std::string body);
HttpResponse JsonResponse(int status, std::shared_ptr<const std::string> body);

}  // namespace continuum
