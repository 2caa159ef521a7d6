// For the server's tests: requests as the HTTP edge hands them to Api::Handle, signed in as a user
// with their session cookie and CSRF token, and answers parsed as JSON.
//
//   TestClient client(*api);
//   TestClient::User board = client.SignIn("board", password);
//   TestClient::Answer a = client.Get(board, "/api/icos");
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "server/api.h"

namespace continuum {

// A request with the query string split off the path, from 10.0.0.1.
inline HttpRequest TestRequest(std::string method, std::string path, std::string body = "") {
  HttpRequest r;
  r.method = std::move(method);
  if (const size_t q = path.find('?'); q != std::string::npos) {
    std::string_view query = std::string_view(path).substr(q + 1);
    while (!query.empty()) {
      const std::string_view pair = query.substr(0, query.find('&'));
      const size_t eq = pair.find('=');
      r.query.emplace(std::string(pair.substr(0, eq)),
                      eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
      query.remove_prefix(std::min(query.size(), pair.size() + 1));
    }
    path.resize(q);
  }
  r.path = std::move(path);
  r.body = std::move(body);
  r.remote_address = "10.0.0.1";
  if (!r.body.empty()) r.headers.emplace("content-type", "application/json");
  return r;
}

class TestClient {
 public:
  struct Answer {
    int status;
    nlohmann::json body;  // discarded (is_discarded()) when the body is not JSON
  };
  struct User {
    std::string cookie, csrf;
  };

  explicit TestClient(Api& api) : api_(api) {}

  Answer Send(const HttpRequest& r) {
    HttpResponse out = api_.Handle(r);
    return {out.status, nlohmann::json::parse(out.body ? *out.body : "", nullptr, false)};
  }
  // Signs in; a user without a cookie when refused.
  User SignIn(std::string_view username, std::string_view password) {
    HttpResponse out = api_.Handle(
        TestRequest("POST", "/api/login",
                    nlohmann::json{{"username", username}, {"password", password}}.dump()));
    User user;
    for (const auto& [name, value] : out.headers) {
      if (name == "Set-Cookie") user.cookie = value.substr(0, value.find(';'));
    }
    if (out.status == 200 && out.body)
      user.csrf = nlohmann::json::parse(*out.body).value("csrf_token", "");
    return user;
  }
  Answer Get(const User& user, std::string path) {
    HttpRequest r = TestRequest("GET", std::move(path));
    r.headers.emplace("cookie", user.cookie);
    return Send(r);
  }

 private:
  Api& api_;
};

}  // namespace continuum
