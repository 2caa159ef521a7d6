#include "server/session_store.h"

#include <vector>

#include "security/password.h"

namespace continuum {

Status SessionStore::Load(int64_t now) {
  std::lock_guard store(*store_mutex_);
  Result<std::vector<Session>> live = accounts_->LiveSessions(now);
  if (!live.ok()) return live.status();
  std::lock_guard lock(mutex_);
  for (const Session& s : *live) {
    Result<std::optional<User>> user = accounts_->FindUserById(s.user_id);
    if (!user.ok()) return user.status();
    if (!*user || (*user)->disabled) continue;
    by_digest_[s.token_digest] = {.user_id = s.user_id,
                                  .username = (*user)->username,
                                  .role = (*user)->role,
                                  .organisation = (*user)->organisation,
                                  .csrf_token = s.csrf_token,
                                  .expires_at = s.expires_at,
                                  .idle_until = now + kIdleSeconds,
                                  .started_at = s.created_at};
  }
  return Status::Ok();
}

Result<std::string> SessionStore::Start(const User& user, int64_t now, SignedIn* signed_in) {
  const std::string token = RandomToken();
  const std::string digest = TokenDigest(token);
  *signed_in = {.user_id = user.id,
                .username = user.username,
                .role = user.role,
                .organisation = user.organisation,
                .csrf_token = RandomToken(),
                .expires_at = now + kLifeSeconds,
                .idle_until = now + kIdleSeconds,
                .started_at = now};
  std::lock_guard store(*store_mutex_);
  CONTINUUM_RETURN_IF_ERROR(accounts_->SaveSession({.token_digest = digest,
                                                    .user_id = user.id,
                                                    .csrf_token = signed_in->csrf_token,
                                                    .created_at = now,
                                                    .expires_at = signed_in->expires_at}));
  std::lock_guard lock(mutex_);
  by_digest_[digest] = *signed_in;
  return token;
}

void SessionStore::Resync(int64_t now) {
  Result<std::vector<Session>> live = [&] {
    std::lock_guard store(*store_mutex_);
    return accounts_->LiveSessions(now);
  }();
  if (!live.ok()) return;  // tried again at the next resync; the sessions in memory stand
  std::unordered_map<std::string, bool> stored;
  for (const Session& s : *live) stored.emplace(s.token_digest, true);
  std::lock_guard lock(mutex_);
  // A session started since the workspace was read is not in it yet, and stays.
  std::erase_if(by_digest_, [&](const auto& entry) {
    return entry.second.started_at < now && !stored.contains(entry.first);
  });
}

std::optional<SignedIn> SessionStore::Find(std::string_view token, int64_t now) {
  if (token.empty()) return std::nullopt;
  const std::string digest = TokenDigest(token);
  bool resync = false;
  {
    std::lock_guard lock(mutex_);
    if (now >= resync_at_) {
      resync_at_ = now + kResyncSeconds;
      resync = true;
    }
  }
  if (resync) Resync(now);
  {
    std::lock_guard lock(mutex_);
    auto it = by_digest_.find(digest);
    if (it == by_digest_.end()) return std::nullopt;
    if (now < it->second.expires_at && now < it->second.idle_until) {
      it->second.idle_until = now + kIdleSeconds;
      return it->second;
    }
    by_digest_.erase(it);
  }
  std::lock_guard store(*store_mutex_);
  (void)accounts_->DeleteSession(digest);  // expired either way; a failed delete is harmless
  return std::nullopt;
}

void SessionStore::End(std::string_view token) {
  const std::string digest = TokenDigest(token);
  {
    std::lock_guard lock(mutex_);
    by_digest_.erase(digest);
  }
  std::lock_guard store(*store_mutex_);
  (void)accounts_->DeleteSession(digest);
}

void SessionStore::EndAllOf(int64_t user_id) {
  {
    std::lock_guard lock(mutex_);
    std::erase_if(by_digest_, [&](const auto& entry) { return entry.second.user_id == user_id; });
  }
  std::lock_guard store(*store_mutex_);
  (void)accounts_->DeleteSessionsOf(user_id);
}

}  // namespace continuum
