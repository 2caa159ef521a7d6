// HTTP requests through the API (`Api::Handle`, the path every request takes after the HTTP
// edge) on the hand-made ICO with one signed-in user of each role. The input:
//
//   byte 0        whose session the request carries: 0 none, 1 + r the user of role r
//   POST /api/voice/responses?x=1
//   content-type: application/json     (headers, one a line, to a blank line)
//
//   {"survey": ...}                     (the body: the rest)
//
// The session's cookie and CSRF token are added to the request; a session the request ended (a
// sign-out, a new password, the account disabled) is signed in again for the next input.
#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>

#include "fuzz_support.h"
#include "security/roles.h"
#include "server/api.h"
#include "store/accounts.h"

namespace continuum {
namespace {

constexpr std::string_view kPassword = "fuzzing-is-not-a-password";

struct UserSession {
  std::string cookie, csrf;
};

struct ApiFixture {
  std::unique_ptr<Api> api;
  std::array<UserSession, kRoleCount> sessions;
};

// The value of `"name": "..."` in a JSON answer (the API's own, so plainly written).
std::string JsonString(std::string_view body, std::string_view name) {
  const std::string key = "\"" + std::string(name) + "\":\"";
  const size_t at = body.find(key);
  if (at == std::string_view::npos) return "";
  const size_t from = at + key.size();
  return std::string(body.substr(from, body.find('"', from) - from));
}

UserSession SignIn(Api& api, Role role);

// Signs the user of `role` in again after a request signed it out, and first undoes what an
// administrator's request may have done to it (a new password, the account disabled).
UserSession SignInAgain(Api& api, Role role) {
  Accounts accounts(*Fixture().workspace);
  if (!accounts.SetPassword(RoleName(role), kPassword).ok() ||
      !accounts.SetDisabled(RoleName(role), false).ok())
    std::abort();
  return SignIn(api, role);
}

UserSession SignIn(Api& api, Role role) {
  HttpRequest r{.method = "POST", .path = "/api/login"};
  r.headers.emplace("content-type", "application/json");
  r.body = "{\"username\":\"" + std::string(RoleName(role)) + "\",\"password\":\"" +
           std::string(kPassword) + "\"}";
  r.remote_address = "10.0.0.9";
  const HttpResponse answer = api.Handle(r);
  UserSession s;
  for (const auto& [name, value] : answer.headers) {
    if (name == "Set-Cookie") s.cookie = value.substr(0, value.find(';'));
  }
  if (answer.body) s.csrf = JsonString(*answer.body, "csrf_token");
  return s;
}

ApiFixture& Shared() {
  static ApiFixture* f = [] {
    auto* fixture = new ApiFixture;
    FixtureIco& ico = Fixture();
    Accounts accounts(*ico.workspace);
    for (int r = 0; r < kRoleCount; ++r) {
      const Role role = static_cast<Role>(r);
      const std::string_view kind = OrganisationKindOf(role);
      const char* organisation = kind == "practice"       ? "P001"
                                 : kind == "ico"          ? "ICO1"
                                 : kind == "commissioner" ? "COM1"
                                                          : "";
      const Status added = accounts.AddUser(RoleName(role), role, organisation, kPassword);
      if (!added.ok()) std::abort();
    }
    const std::string cases = std::string(CONTINUUM_SOURCE_DIR) + "/tests/cases";
    auto api = Api::Create(ico.population(), *ico.workspace,
                           {.clock = [] { return int64_t{1'750'000'000}; },
                            .contract = *ReadNamedText(cases + "/finance/fixture_contract.json"),
                            .simulation_years = 20,
                            .voice_watch_seconds = 0});
    if (!api.ok()) {
      std::fprintf(stderr, "%s\n", api.status().message().c_str());
      std::abort();
    }
    fixture->api = std::move(*api);
    for (int r = 0; r < kRoleCount; ++r)
      fixture->sessions[r] = SignIn(*fixture->api, static_cast<Role>(r));
    return fixture;
  }();
  return *f;
}

// Splits "/api/x?a=1&b" into the path and its query, as the HTTP edge does.
void SetTarget(std::string_view target, HttpRequest* r) {
  const size_t q = target.find('?');
  r->path = std::string(target.substr(0, q));
  if (q == std::string_view::npos) return;
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const std::string_view pair = query.substr(0, query.find('&'));
    const size_t eq = pair.find('=');
    r->query.emplace(std::string(pair.substr(0, eq)),
                     eq == std::string_view::npos ? "" : std::string(pair.substr(eq + 1)));
    query.remove_prefix(std::min(query.size(), pair.size() + 1));
  }
}

HttpRequest ParseRequest(std::string_view input) {
  HttpRequest r;
  r.remote_address = "10.0.0.1";
  auto line = [&input] {
    const size_t end = input.find('\n');
    const std::string_view l = input.substr(0, end);
    input.remove_prefix(end == std::string_view::npos ? input.size() : end + 1);
    return l;
  };
  const std::string_view request_line = line();
  const size_t space = request_line.find(' ');
  r.method = std::string(request_line.substr(0, space));
  SetTarget(space == std::string_view::npos ? "" : request_line.substr(space + 1), &r);
  for (std::string_view header = line(); !header.empty(); header = line()) {
    const size_t colon = header.find(':');
    std::string name(header.substr(0, colon));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string_view value =
        colon == std::string_view::npos ? std::string_view() : header.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    r.headers.emplace(std::move(name), std::string(value));
  }
  r.body = std::string(input);
  return r;
}

}  // namespace
}  // namespace continuum

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  continuum::Shared();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  if (size == 0) return 0;
  ApiFixture& f = Shared();
  const int who = data[0] % (kRoleCount + 1);
  HttpRequest request = ParseRequest(FuzzText(data + 1, size - 1));
  if (who > 0) {
    const UserSession& s = f.sessions[who - 1];
    request.headers.emplace("cookie", s.cookie);
    request.headers.emplace("x-csrf-token", s.csrf);
  }
  const HttpResponse response = f.api->Handle(request);
  if (response.status < 200 || response.status > 599) std::abort();
  if (response.body && response.content_type.starts_with("application/json"))
    CheckUtf8(*response.body);
  if (who > 0 && response.status == 401) {
    // Signed out by this request, or refused only for a cookie of its own?
    HttpRequest check{.method = "GET", .path = "/api/session", .remote_address = "10.0.0.9"};
    check.headers.emplace("cookie", f.sessions[who - 1].cookie);
    if (f.api->Handle(check).status == 401)
      f.sessions[who - 1] = SignInAgain(*f.api, static_cast<Role>(who - 1));
  }
  return 0;
}
