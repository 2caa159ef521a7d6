// Signed-in sessions: kept in memory, where every request looks them up, and in the workspace
// (store/accounts.h), so that a restart does not sign everyone out. The browser holds a random
// token; only its digest is stored. A session ends after kIdleSeconds without a request,
// kLifeSeconds after sign-in, or on sign-out.
//
//   SessionStore sessions(&accounts, &store_mutex);
//   std::string token = *sessions.Start(user, now, &signed_in);   // the cookie's value
//   std::optional<SignedIn> who = sessions.Find(token, now);
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
#include "security/roles.h"
#include "store/accounts.h"

namespace continuum {

struct SignedIn {
  int64_t user_id = 0;
  std::string username;
  Role role = Role::kEvaluator;
  std::string organisation;  // whose data the user serves (store/accounts.h User)
  std::string csrf_token;    // sent back in X-CSRF-Token on every state-changing request
  int64_t expires_at = 0;    // unix seconds
  int64_t idle_until = 0;
  int64_t started_at = 0;
};

class SessionStore {
 public:
  static constexpr int64_t kIdleSeconds = 30 * 60;
  static constexpr int64_t kLifeSeconds = 12 * 60 * 60;
  // Sessions ended outside this server (`continuum user disable` or `passwd` on the workspace)
  // stop working within this many seconds: Find() looks at the workspace's sessions that often.
  static constexpr int64_t kResyncSeconds = 5;

  // Neither is owned; `store_mutex` is held around every use of the workspace's connection.
  SessionStore(Accounts* accounts, std::mutex* store_mutex)
      : accounts_(accounts), store_mutex_(store_mutex) {}

  // Takes up the unexpired sessions stored in the workspace.
  Status Load(int64_t now);
  // A new session for `user`; returns its token.
  Result<std::string> Start(const User& user, int64_t now, SignedIn* signed_in);
  // The session of `token`, when live; its idle time starts again. At most every kResyncSeconds
  // it first drops the sessions the workspace no longer holds.
  std::optional<SignedIn> Find(std::string_view token, int64_t now);
  void End(std::string_view token);
  // Ends every session of a user (disabled, or a new password).
  void EndAllOf(int64_t user_id);

 private:
  void Resync(int64_t now);

  Accounts* accounts_;
  std::mutex* store_mutex_;
  std::mutex mutex_;  // guards by_digest_ and resync_at_
  std::unordered_map<std::string, SignedIn> by_digest_;
  int64_t resync_at_ = 0;
};

}  // namespace continuum
