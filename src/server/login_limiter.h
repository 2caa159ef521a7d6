// Slows password guessing down while letting the real user in: it locks the attacker, not the
// account. Each attempt is counted as a failure before its password is verified (Begin checks
// and reserves at once, under one lock), so a burst of simultaneous attempts meets the limits
// exactly as a sequence would. The rules (docs/security.md says why):
//   1. One user from one address: kFreeFailures failures, then each further attempt waits
//      kFirstWaitSeconds, doubling with each failure up to kLongestWaitSeconds. A success from
//      that address resets it; a day without failures forgets it.
//   2. One address: after kMaxFailuresPerAddress failures (any users) within kWindowSeconds, it
//      is refused for every user who has never signed in from it.
//   3. One user: after kMaxFailuresPerUser failures within kWindowSeconds from addresses they
//      have never signed in from, every such address is refused for them; where they have
//      signed in before, only rule 1 applies.
// Unknown users meet rule 2 only. Each table keeps at most kMaxEntries keys, dropping the
// longest quiet first, so memory stays bounded whatever is tried.
//
//   LoginLimiter::Attempt a = limiter.Begin(username, address, user_exists, now);
//   if (!a.allowed) return TooManyRequests(a.retry_after);
//   bool ok = Verify(...);
//   limiter.Finish(a, ok ? LoginLimiter::kSucceeded : LoginLimiter::kFailed, now);
#pragma once

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace continuum {

class LoginLimiter {
 public:
  static constexpr int kFreeFailures = 5;
  static constexpr int64_t kFirstWaitSeconds = 60;
  static constexpr int64_t kLongestWaitSeconds = 15 * 60;
  static constexpr int64_t kForgetSeconds = 24 * 60 * 60;  // rule 1 after a quiet day
  static constexpr int kMaxFailuresPerAddress = 20;
  static constexpr int kMaxFailuresPerUser = 10;
  static constexpr int64_t kWindowSeconds = 15 * 60;
  static constexpr size_t kMaxEntries = 10'000;

  // An attempt as Begin saw it: whether it may go on, and what it reserved.
  struct Attempt {
    bool allowed = false;
    int64_t retry_after = 0;  // seconds, when refused
    std::string username, address;
    bool user_exists = false;
    bool signed_in_here_before = false;  // the user has signed in from this address
    int64_t at = 0;
  };
  enum Outcome { kSucceeded, kFailed, kNotTried };
  // Lockouts a failure began, as sentences for the audit log (the user's) and the server's log
  // (the address's); empty when none began.
  struct Lockouts {
    std::string user, address;
  };

  Attempt Begin(std::string_view username, std::string_view address, bool user_exists, int64_t now);
  // kNotTried (the password was never verified) gives the reservation back.
  Lockouts Finish(const Attempt& attempt, Outcome outcome, int64_t now);
  // Keys held across the tables, for tests of the bound.
  size_t Entries();

 private:
  struct Pair {
    int failures = 0;
    int64_t last = 0;  // the latest failure
  };
  struct Window {
    std::deque<int64_t> failures;  // times within kWindowSeconds, oldest first
    int64_t last = 0;
  };
  static int64_t PairWait(int failures);

  std::mutex mutex_;
  std::unordered_map<std::string, Pair> pairs_;  // by username + '\n' + address
  std::unordered_map<std::string, Window> users_, addresses_;
  std::unordered_map<std::string, int64_t> signed_in_from_;  // pair key: the latest success
};

}  // namespace continuum
