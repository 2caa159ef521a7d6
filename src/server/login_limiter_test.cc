#include "server/login_limiter.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

TEST(LoginLimiter, FailuresPerUserAndAddressOpenAgainOutsideTheWindow) {
  LoginLimiter limiter;
  const int64_t t = 1000;
  for (int k = 0; k < LoginLimiter::kMaxFailures; ++k) {
    EXPECT_TRUE(limiter.Allowed("ann", "a1", t + k));
    limiter.Failed("ann", "a1", t + k);
  }
  EXPECT_FALSE(limiter.Allowed("ann", "a2", t + 10));  // the user, from anywhere
  EXPECT_TRUE(limiter.Allowed("bob", "a1", t + 10));   // the address allows more
  EXPECT_TRUE(limiter.Allowed("ann", "a1", t + LoginLimiter::kWindowSeconds + 1));
}

TEST(LoginLimiter, ManyUsersFromOneAddressAreStopped) {
  LoginLimiter limiter;
  for (int k = 0; k < LoginLimiter::kMaxFailuresPerAddress; ++k)
    limiter.Failed("user" + std::to_string(k), "bad", 0);
  EXPECT_FALSE(limiter.Allowed("someone_new", "bad", 1));
  EXPECT_TRUE(limiter.Allowed("someone_new", "good", 1));
}

TEST(LoginLimiter, ASuccessClearsTheUsersFailures) {
  LoginLimiter limiter;
  for (int k = 0; k < LoginLimiter::kMaxFailures - 1; ++k) limiter.Failed("ann", "a", 0);
  limiter.Succeeded("ann");
  for (int k = 0; k < LoginLimiter::kMaxFailures - 1; ++k) limiter.Failed("ann", "a", 1);
  EXPECT_TRUE(limiter.Allowed("ann", "a", 2));
}

}  // namespace
}  // namespace continuum
