#include "server/login_limiter.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace continuum {
namespace {

using L = LoginLimiter;

// Attempts `n` wrong passwords in a row, each finished before the next; the last Begin.
L::Attempt FailTimes(L& limiter, const std::string& user, const std::string& address, int n,
                     int64_t now) {
  L::Attempt a;
  for (int k = 0; k < n; ++k) {
    a = limiter.Begin(user, address, /*user_exists=*/true, now);
    if (a.allowed) (void)limiter.Finish(a, L::kFailed, now);
  }
  return a;
}

TEST(LoginLimiter, AttemptsAreCountedBeforeTheyAreVerified) {
  L limiter;
  // Sixty attempts begun at once, none finished yet: only the free ones go on.
  int allowed = 0;
  std::vector<L::Attempt> begun;
  for (int k = 0; k < 60; ++k) {
    begun.push_back(limiter.Begin("ann", "10.1.1.1", true, 1000));
    allowed += begun.back().allowed;
  }
  EXPECT_EQ(allowed, L::kFreeFailures);
  EXPECT_EQ(begun.back().retry_after, L::kFirstWaitSeconds);
}

TEST(LoginLimiter, TheWaitDoublesUpToTheLongest) {
  L limiter;
  int64_t now = 1000;
  FailTimes(limiter, "ann", "a", L::kFreeFailures, now);
  std::vector<int64_t> waits;
  for (int k = 0; k < 6; ++k) {
    const L::Attempt refused = limiter.Begin("ann", "a", true, now);
    EXPECT_FALSE(refused.allowed);
    waits.push_back(refused.retry_after);
    now += refused.retry_after;
    const L::Attempt a = limiter.Begin("ann", "a", true, now);
    ASSERT_TRUE(a.allowed);
    const L::Lockouts began = limiter.Finish(a, L::kFailed, now);
    EXPECT_NE(began.user.find("paused"), std::string::npos);
  }
  EXPECT_EQ(waits, (std::vector<int64_t>{60, 120, 240, 480, 900, 900}));
}

TEST(LoginLimiter, TheRealUserSignsInFromTheirUsualAddressWhileTheAttackerIsLocked) {
  L limiter;
  const int64_t t = 5000;
  (void)limiter.Finish(limiter.Begin("ann", "home", true, t), L::kSucceeded, t);
  // An attacker from one address, then from many: the pair, then the user, are locked...
  EXPECT_FALSE(FailTimes(limiter, "ann", "evil", L::kFreeFailures + 1, t + 1).allowed);
  for (int k = 0; k < L::kMaxFailuresPerUser; ++k)
    FailTimes(limiter, "ann", "bot" + std::to_string(k), 1, t + 2);
  EXPECT_FALSE(limiter.Begin("ann", "bot-new", true, t + 3).allowed);
  // ... but not from where Ann has signed in before.
  const L::Attempt home = limiter.Begin("ann", "home", true, t + 3);
  EXPECT_TRUE(home.allowed);
  (void)limiter.Finish(home, L::kSucceeded, t + 3);
  // Her success does not unlock the attacker.
  EXPECT_FALSE(limiter.Begin("ann", "evil", true, t + 4).allowed);
  EXPECT_FALSE(limiter.Begin("ann", "bot-new", true, t + 4).allowed);
}

TEST(LoginLimiter, AnAddressLockSparesUsersWhoHaveSignedInFromIt) {
  L limiter;
  (void)limiter.Finish(limiter.Begin("bob", "proxy", true, 0), L::kSucceeded, 0);
  for (int k = 0; k < L::kMaxFailuresPerAddress; ++k)
    FailTimes(limiter, "user" + std::to_string(k), "proxy", 1, 1);
  EXPECT_FALSE(limiter.Begin("someone_new", "proxy", false, 2).allowed);  // unknown users too
  EXPECT_FALSE(limiter.Begin("carol", "proxy", true, 2).allowed);
  EXPECT_TRUE(limiter.Begin("carol", "elsewhere", true, 2).allowed);
  EXPECT_TRUE(limiter.Begin("bob", "proxy", true, 2).allowed);
  EXPECT_TRUE(limiter.Begin("carol", "proxy", true, 2 + L::kWindowSeconds).allowed);
}

TEST(LoginLimiter, ASuccessOrAnUntriedAttemptGivesTheReservationBack) {
  L limiter;
  for (int k = 0; k < 3 * L::kFreeFailures; ++k) {
    const L::Attempt a = limiter.Begin("ann", "a", true, k);
    ASSERT_TRUE(a.allowed) << k;
    (void)limiter.Finish(a, k % 2 ? L::kSucceeded : L::kNotTried, k);
  }
  EXPECT_EQ(FailTimes(limiter, "ann", "a", L::kFreeFailures, 100).allowed, true);
}

TEST(LoginLimiter, MemoryStaysBoundedWhateverIsTried) {
  L limiter;
  for (int k = 0; k < 3 * static_cast<int>(L::kMaxEntries); ++k) {
    const std::string n = std::to_string(k);
    (void)limiter.Finish(limiter.Begin("user" + n, "10.0." + n, k % 2 == 0, k), L::kFailed, k);
  }
  EXPECT_LE(limiter.Entries(), 3 * L::kMaxEntries);
}

}  // namespace
}  // namespace continuum
