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
  // For the server's log only, never sent: the route that answered (its pattern, such as
  // "/api/practices/{practice}/worklist"), who asked, and why a 5xx failed or a sign-in
  // lockout that began.
  std::string log_route, log_user, log_note;
};

// The headers every answer carries: no sniffing, no framing, no referrer, a Content-Security-
// Policy of the server's own origin; with `api`, also Cache-Control: no-store (the web app's
// files say their own caching).
void AddSecurityHeaders(HttpResponse* response, bool api);

// A response carrying `body` (JSON unless told otherwise).
HttpResponse TextResponse(int status, std::string body, std::string content_type);
HttpResponse JsonResponse(int status, std::string body);
HttpResponse JsonResponse(int status, std::shared_ptr<const std::string> body);

}  // namespace continuum
