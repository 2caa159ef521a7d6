#include "server/http_message.h"

namespace continuum {
namespace {

std::string First(const std::multimap<std::string, std::string>& values, std::string_view name) {
  auto it = values.find(std::string(name));
  return it == values.end() ? "" : it->second;
}

}  // namespace

std::string HttpRequest::Header(std::string_view name) const { return First(headers, name); }
std::string HttpRequest::Query(std::string_view name) const { return First(query, name); }

std::string HttpRequest::Cookie(std::string_view name) const {
  const std::string all = Header("cookie");
  size_t at = 0;
  while (at < all.size()) {
    size_t end = all.find(';', at);
    if (end == std::string::npos) end = all.size();
    std::string_view pair(all.data() + at, end - at);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    const size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name)
      return std::string(pair.substr(eq + 1));
    at = end + 1;
  }
  return "";
}

void AddSecurityHeaders(HttpResponse* r, bool api) {
  r->headers.emplace_back("X-Content-Type-Options", "nosniff");
  r->headers.emplace_back("X-Frame-Options", "DENY");
  r->headers.emplace_back("Referrer-Policy", "no-referrer");
  if (api) r->headers.emplace_back("Cache-Control", "no-store");
  r->headers.emplace_back("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
}

HttpResponse TextResponse(int status, std::string body, std::string content_type) {
  HttpResponse r;
  r.status = status;
  r.content_type = std::move(content_type);
  r.body = std::make_shared<const std::string>(std::move(body));
  return r;
}

HttpResponse JsonResponse(int status, std::string body) {
  return TextResponse(status, std::move(body), "application/json");
}

HttpResponse JsonResponse(int status, std::shared_ptr<const std::string> body) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace continuum
