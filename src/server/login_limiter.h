// Slows down password guessing: after kMaxFailures failed sign-ins for one username, or
// kMaxFailuresPerAddress from one network address, within kWindowSeconds, further attempts are
// refused (HTTP 429) until the oldest failure leaves the window, before any password is hashed.
//
//   if (!limiter.Allowed(username, address, now)) return TooManyRequests();
//   ok ? limiter.Succeeded(username) : limiter.Failed(username, address, now);
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
  static constexpr int kMaxFailures = 5;
  static constexpr int kMaxFailuresPerAddress = 20;
  static constexpr int64_t kWindowSeconds = 15 * 60;

  bool Allowed(std::string_view username, std::string_view address, int64_t now);
  void Failed(std::string_view username, std::string_view address, int64_t now);
  void Succeeded(std::string_view username);

 private:
  // Failure times by key ("u:" + username, "a:" + address), oldest first.
  std::unordered_map<std::string, std::deque<int64_t>> failures_;
  std::mutex mutex_;
};

}  // namespace continuum
