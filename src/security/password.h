// Passwords and tokens: Argon2id password hashes, random session tokens and the digests stored
// in their place. This file and password.cc are the only places that use libsodium.
//
//   CONTINUUM_RETURN_IF_ERROR(InitialiseCrypto());          // once, at start-up
//   auto hash = HashPassword(password);                     // "$argon2id$v=19$m=65536,t=2,p=1$..."
//   if (VerifyPassword(*hash, attempt)) ...
//   std::string token = RandomToken();                      // give to the browser
//   std::string stored = TokenDigest(token);                // keep this, never the token
//   std::string digest = Blake2bHex(bytes);                 // 64 hex digits of BLAKE2b-256
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace continuum {

// Initialises libsodium; safe to call more than once and from several threads. The functions
// below that need it (hashing, verifying, tokens) call it themselves, so calling it at start-up
// only reports a failure early.
Status InitialiseCrypto();

// An Argon2id hash of `password` with libsodium's INTERACTIVE limits (2 passes over 64 MiB), as
// the self-describing string that VerifyPassword takes. A fresh random salt each time, so two
// hashes of one password differ. Internal error if the memory cannot be had.
Result<std::string> HashPassword(std::string_view password);
// Whether `password` matches a string from HashPassword; false for a damaged hash.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);
// Whether a stored hash was made with other parameters (or another algorithm) than HashPassword
// uses now, so it should be replaced after the next successful VerifyPassword.
bool NeedsRehash(std::string_view stored_hash);

// The rule a new password must meet: at least 12 characters and more than one kind of character
// (lower-case letters, capitals, digits, others such as spaces and punctuation). InvalidInput
// saying the rule otherwise.
Status CheckPasswordStrength(std::string_view password);

// 32 random bytes as URL-safe base64 without padding: 43 characters.
std::string RandomToken();
// The BLAKE2b digest (32 bytes) of a token as 64 lower-case hex digits: what is stored, so that a
// copy of the workspace holds no usable token.
std::string TokenDigest(std::string_view token);
// The BLAKE2b digest (32 bytes, no key) of any bytes as 64 lower-case hex digits; the audit log
// chains its entries with it (store/audit_log.h).
std::string Blake2bHex(std::string_view bytes);
// Compares two secrets in time that does not depend on where they differ; false if their
// lengths differ.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace continuum
