#include "server/login_limiter.h"

#include <algorithm>
#include <vector>

namespace continuum {
namespace {

std::string PairKey(std::string_view username, std::string_view address) {
  return std::string(username) + '\n' + std::string(address);
}

// Before a new key goes in: at the bound, drop the tenth of the keys whose last activity is
// oldest (a tenth at a time, so that the scan is paid once per many keys).
template <typename Map, typename Last>
void MakeRoom(Map& map, Last last) {
  if (map.size() < LoginLimiter::kMaxEntries) return;
  std::vector<int64_t> times;
  times.reserve(map.size());
  for (const auto& [key, value] : map) times.push_back(last(value));
  auto cut = times.begin() + static_cast<std::ptrdiff_t>(times.size() / 10);
  std::nth_element(times.begin(), cut, times.end());
  const int64_t oldest_kept = *cut;
  std::erase_if(map, [&](const auto& entry) { return last(entry.second) < oldest_kept; });
  if (map.size() >= LoginLimiter::kMaxEntries) {  // all of one time: any will do
    map.erase(map.begin());
  }
}

// The window's failures still inside it.
size_t Recent(std::deque<int64_t>& failures, int64_t now) {
  while (!failures.empty() && failures.front() <= now - LoginLimiter::kWindowSeconds)
    failures.pop_front();
  return failures.size();
}

// Takes back one failure reserved at `at`.
template <typename Map>
void Unreserve(Map& map, const std::string& key, int64_t at) {
  auto it = map.find(key);
  if (it == map.end()) return;
  auto& failures = it->second.failures;
  auto found = std::find(failures.rbegin(), failures.rend(), at);
  if (found != failures.rend()) failures.erase(std::next(found).base());
  if (failures.empty()) map.erase(it);
}

std::string Minutes(int64_t seconds) {
  return seconds % 60 == 0 ? std::to_string(seconds / 60) + " min" : std::to_string(seconds) + " s";
}

}  // namespace

int64_t LoginLimiter::PairWait(int failures) {
  if (failures < kFreeFailures) return 0;
  const int doublings = std::min(failures - kFreeFailures, 16);
  return std::min(kFirstWaitSeconds << doublings, kLongestWaitSeconds);
}

LoginLimiter::Attempt LoginLimiter::Begin(std::string_view username, std::string_view address,
                                          bool user_exists, int64_t now) {
  Attempt a;
  a.username = username;
  a.address = address;
  a.user_exists = user_exists;
  a.at = now;
  const std::string pair_key = PairKey(username, address);
  std::lock_guard lock(mutex_);
  a.signed_in_here_before = user_exists && signed_in_from_.contains(pair_key);
  auto refuse = [&](int64_t until) {
    a.retry_after = std::max<int64_t>(1, until - now);
    return a;
  };
  // Rule 1: this user from this address.
  Pair* pair = nullptr;
  if (user_exists) {
    auto it = pairs_.find(pair_key);
    if (it != pairs_.end() && now - it->second.last >= kForgetSeconds) {
      pairs_.erase(it);
      it = pairs_.end();
    }
    if (it != pairs_.end()) {
      pair = &it->second;
      const int64_t wait = PairWait(pair->failures);
      if (wait > 0 && now < pair->last + wait) return refuse(pair->last + wait);
    }
  }
  // Rule 2: this address, for users who have never signed in from it.
  auto address_it = addresses_.find(a.address);
  if (!a.signed_in_here_before && address_it != addresses_.end() &&
      Recent(address_it->second.failures, now) >= static_cast<size_t>(kMaxFailuresPerAddress))
    return refuse(address_it->second.failures.front() + kWindowSeconds);
  // Rule 3: this user, from addresses they have never signed in from.
  auto user_it = users_.find(a.username);
  if (user_exists && !a.signed_in_here_before && user_it != users_.end() &&
      Recent(user_it->second.failures, now) >= static_cast<size_t>(kMaxFailuresPerUser))
    return refuse(user_it->second.failures.front() + kWindowSeconds);
  // Allowed: reserved as a failure until Finish says otherwise.
  a.allowed = true;
  if (user_exists) {
    if (pair == nullptr) {
      MakeRoom(pairs_, [](const Pair& p) { return p.last; });
      pair = &pairs_[pair_key];
    }
    ++pair->failures;
    pair->last = now;
    if (!a.signed_in_here_before) {
      if (user_it == users_.end()) {
        MakeRoom(users_, [](const Window& w) { return w.last; });
        user_it = users_.emplace(a.username, Window{}).first;
      }
      user_it->second.failures.push_back(now);
      user_it->second.last = now;
    }
  }
  if (address_it == addresses_.end()) {
    MakeRoom(addresses_, [](const Window& w) { return w.last; });
    address_it = addresses_.emplace(a.address, Window{}).first;
  }
  address_it->second.failures.push_back(now);
  address_it->second.last = now;
  return a;
}

LoginLimiter::Lockouts LoginLimiter::Finish(const Attempt& a, Outcome outcome, int64_t now) {
  Lockouts began;
  if (!a.allowed) return began;
  const std::string pair_key = PairKey(a.username, a.address);
  std::lock_guard lock(mutex_);
  if (outcome == kFailed) {
    if (auto it = pairs_.find(pair_key); it != pairs_.end()) {
      if (const int64_t wait = PairWait(it->second.failures); wait > 0)
        began.user = "sign-in for " + a.username + " from " + a.address + " paused for " +
                     Minutes(wait) + " after " + std::to_string(it->second.failures) + " failures";
    }
    if (auto it = users_.find(a.username);
        it != users_.end() && !a.signed_in_here_before &&
        Recent(it->second.failures, now) == static_cast<size_t>(kMaxFailuresPerUser))
      began.user += std::string(began.user.empty() ? "" : "; ") + a.username + " refused for " +
                    Minutes(kWindowSeconds) +
                    " from every address they have never signed in from, after " +
                    std::to_string(kMaxFailuresPerUser) + " failures from such addresses";
    if (auto it = addresses_.find(a.address);
        it != addresses_.end() &&
        Recent(it->second.failures, now) == static_cast<size_t>(kMaxFailuresPerAddress))
      began.address = "sign-in from " + a.address + " refused for " + Minutes(kWindowSeconds) +
                      " to users who have never signed in from it, after " +
                      std::to_string(kMaxFailuresPerAddress) + " failures";
    return began;
  }
  // Not a failure: the reservation is given back.
  if (a.user_exists && !a.signed_in_here_before) Unreserve(users_, a.username, a.at);
  Unreserve(addresses_, a.address, a.at);
  if (auto it = pairs_.find(pair_key); it != pairs_.end()) {
    // Its time stays: a later one only waits longer.
    if (outcome == kSucceeded || --it->second.failures <= 0) pairs_.erase(it);
  }
  if (outcome == kSucceeded) {
    if (!signed_in_from_.contains(pair_key))
      MakeRoom(signed_in_from_, [](int64_t last) { return last; });
    signed_in_from_[pair_key] = now;
  }
  return began;
}

size_t LoginLimiter::Entries() {
  std::lock_guard lock(mutex_);
  return pairs_.size() + users_.size() + addresses_.size() + signed_in_from_.size();
}

}  // namespace continuum
