#include "server/login_limiter.h"

namespace continuum {
namespace {

// The failures of `key` still inside the window.
size_t Recent(std::unordered_map<std::string, std::deque<int64_t>>& failures,
              const std::string& key, int64_t now) {
  auto it = failures.find(key);
  if (it == failures.end()) return 0;
  std::deque<int64_t>& times = it->second;
  while (!times.empty() && times.front() <= now - LoginLimiter::kWindowSeconds) times.pop_front();
  if (times.empty()) {
    failures.erase(it);
    return 0;
  }
  return times.size();
}

}  // namespace

bool LoginLimiter::Allowed(std::string_view username, std::string_view address, int64_t now) {
  std::lock_guard lock(mutex_);
  return Recent(failures_, "u:" + std::string(username), now) < kMaxFailures &&
         Recent(failures_, "a:" + std::string(address), now) < kMaxFailuresPerAddress;
}

void LoginLimiter::Failed(std::string_view username, std::string_view address, int64_t now) {
  std::lock_guard lock(mutex_);
  failures_["u:" + std::string(username)].push_back(now);
  failures_["a:" + std::string(address)].push_back(now);
}

void LoginLimiter::Succeeded(std::string_view username) {
  std::lock_guard lock(mutex_);
  failures_.erase("u:" + std::string(username));
}

}  // namespace continuum
