// The API's router: one path every request takes (the route, the JSON body, the session, the
// role, the CSRF token and, on an ICO's routes, its scope) before the route's handler runs.
#include <string>
#include <vector>

#include "core/csv.h"
#include "core/quoted.h"
#include "security/password.h"
#include "server/api.h"
#include "server/route_support.h"
#include "server/scope.h"

namespace continuum {
namespace {

constexpr std::string_view kSessionCookie = "continuum_session";

// Whether the path, every query parameter and the body are UTF-8: InvalidInput naming the
// first that is not.
Status CheckUtf8(const HttpRequest& request) {
  size_t at = 0;
  if (!IsValidUtf8(request.path, &at)) return Status::InvalidInput("the path is not valid UTF-8");
  for (const auto& [name, value] : request.query) {
    if (!IsValidUtf8(name, &at) || !IsValidUtf8(value, &at))
      return Status::InvalidInput("the query string is not valid UTF-8");
  }
  if (!IsValidUtf8(request.body, &at))
    return Status::InvalidInput("the request body is not valid UTF-8 (byte " +
                                std::to_string(at + 1) + ")");
  return Status::Ok();
}

bool ChangesState(std::string_view method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

}  // namespace

std::vector<std::string> PathSegments(std::string_view path) {
  std::vector<std::string> out;
  size_t at = 1;  // after the leading '/'
  while (at <= path.size()) {
    size_t end = path.find('/', at);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

HttpResponse Api::Handle(const HttpRequest& request) {
  HttpResponse response = Dispatch(request, Now());
  AddSecurityHeaders(&response, /*api=*/request.path.starts_with("/api/"));
  return response;
}

HttpResponse Api::Dispatch(const HttpRequest& request, int64_t now) {
  if (Status utf8 = CheckUtf8(request); !utf8.ok()) return Error(400, utf8.message());
  if (!request.path.starts_with("/api/")) {
    if (options_.web != nullptr && (request.method == "GET" || request.method == "HEAD")) {
      std::optional<HttpResponse> file =
          options_.web->Find(request.path, request.Header("if-none-match"));
      if (file) return *file;
    }
    return Error(404, "no such page: " + request.path);
  }
  const std::vector<std::string> segments = PathSegments(request.path);
  const Route* found = nullptr;
  bool other_method = false;
  std::map<std::string, std::string> params;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    std::map<std::string, std::string> captured;
    bool match = true;
    for (size_t k = 0; k < segments.size() && match; ++k) {
      const std::string& want = route.segments[k];
      if (want.size() > 2 && want.front() == '{' && want.back() == '}')
        captured[want.substr(1, want.size() - 2)] = segments[k];
      else
        match = want == segments[k];
    }
    if (!match) continue;
    if (route.method != request.method) {
      other_method = true;
      continue;
    }
    found = &route;
    params = std::move(captured);
    break;
  }
  if (found == nullptr) {
    return other_method ? Error(405, request.method + " is not allowed on " + request.path)
                        : Error(404, "no such resource: " + request.path);
  }
  // The signed-in user is logged with every answer, a refusal (403) as much as a success; a
  // refusal is logged with the path asked for, an answer with its route.
  std::optional<SignedIn> who;
  HttpResponse r = [&]() -> HttpResponse {
    if (ChangesState(request.method) &&
        request.Header("content-type").find("application/json") != 0)
      return Error(415, "send the request body as application/json");
    if (!found->public_route) {
      who = sessions_.Find(request.Cookie(kSessionCookie), now);
      if (!who) return Error(401, "sign in first (no session, or it has expired)");
      if (!((found->roles >> static_cast<int>(who->role)) & 1u))
        return Error(
            403, "the role " + std::string(RoleTitle(who->role)) + " may not use " + request.path);
      if (ChangesState(request.method) &&
          !ConstantTimeEquals(request.Header("x-csrf-token"), who->csrf_token))
        return Error(403, "missing or wrong X-CSRF-Token header");
    }
    Call call{request, who ? &*who : nullptr, std::move(params), now};
    std::shared_ptr<IcoRoom> room;
    if (auto ico_param = call.params.find("ico"); ico_param != call.params.end() && who) {
      // Outside the user's scope nothing of the ICO is computed, and an ICO that exists is not
      // told from one that does not.
      const std::shared_ptr<PopulationShards> shards = CurrentShards();
      const Population& directory = *shards->directory();
      const uint32_t ico = directory.organisations.ids.Find(ico_param->second);
      const std::vector<uint32_t> icos = IcosInScope(directory, who->role, who->organisation);
      if (ico == Dictionary::kMissing || !InScope(icos, ico))
        return Error(403, "the ICO " + Quoted(ico_param->second) + " is not among those " +
                              who->username + " may open");
      if (found->answer >= 0) {
        // Worked out before its shard was let go: served without loading it again.
        if (std::shared_ptr<const std::string> kept =
                KeptAnswer(ico, found->answer, ExactAggregates(who->role)))
          return JsonResponse(200, std::move(kept));
      }
      Result<std::shared_ptr<IcoRoom>> made = Room(shards, ico);
      if (!made.ok()) return Error(made.status());
      room = std::move(*made);
      call.room = room.get();
    }
    if (auto param = call.params.find("commissioner"); param != call.params.end() && who) {
      // The same for a commissioner's oversight.
      std::shared_ptr<PopulationShards> shards = CurrentShards();
      const Population& directory = *shards->directory();
      const uint32_t commissioner = directory.organisations.ids.Find(param->second);
      const std::vector<uint32_t> mine =
          CommissionersInScope(directory, who->role, who->organisation);
      if (commissioner == Dictionary::kMissing || !InScope(mine, commissioner))
        return Error(403, "the commissioner " + Quoted(param->second) + " is not among those " +
                              who->username + " may oversee");
      Result<std::shared_ptr<const Population>> population = shards->For(commissioner);
      if (!population.ok()) return Error(population.status());
      ForgetEvicted(shards);
      call.commissioner = commissioner;
      call.population = std::move(*population);
      call.shards = std::move(shards);
    }
    HttpResponse answer = found->handler(*this, call);
    answer.log_route = found->pattern;
    return answer;
  }();
  if (who) r.log_user = who->username;
  return r;
}

}  // namespace continuum
