#include "security/password.h"

#include <sodium.h>

#include <cstring>

namespace continuum {
namespace {

// INTERACTIVE: a login costs one core a few tens of milliseconds and 64 MiB. MODERATE (256 MiB,
// about a second) would let a handful of logins stall a small server. NeedsRehash compares stored
// hashes against these, so raising them upgrades each user's hash at their next login.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
constexpr int kAlgorithm = crypto_pwhash_ALG_ARGON2ID13;
constexpr std::string_view kArgon2idPrefix = "$argon2id$";

constexpr size_t kMinimumPasswordLength = 12;
constexpr size_t kTokenBytes = 32;
constexpr size_t kDigestBytes = 32;

// libsodium reads hashes as NUL-terminated strings of at most crypto_pwhash_STRBYTES - 1 bytes.
bool CopyHash(std::string_view stored_hash, char (&out)[crypto_pwhash_STRBYTES]) {
  if (stored_hash.size() >= sizeof(out) || stored_hash.find('\0') != std::string_view::npos)
    return false;
  std::memcpy(out, stored_hash.data(), stored_hash.size());
  out[stored_hash.size()] = '\0';
  return true;
}

}  // namespace

Status InitialiseCrypto() {
  // sodium_init is thread-safe and returns 1 when already initialised.
  if (sodium_init() < 0) {
    return Status::Internal(
        "the cryptography library could not start (it found no source of random numbers)");
  }
  return Status::Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  CONTINUUM_RETURN_IF_ERROR(InitialiseCrypto());
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            kAlgorithm) != 0) {
    return Status::Internal("hashing a password needs 64 MiB of memory, which was not available");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  char hash[crypto_pwhash_STRBYTES];
  if (!InitialiseCrypto().ok() || !CopyHash(stored_hash, hash)) return false;
  return crypto_pwhash_str_verify(hash, password.data(), password.size()) == 0;
}

bool NeedsRehash(std::string_view stored_hash) {
  char hash[crypto_pwhash_STRBYTES];
  if (!stored_hash.starts_with(kArgon2idPrefix) || !CopyHash(stored_hash, hash)) return true;
  return crypto_pwhash_str_needs_rehash(hash, kOpsLimit, kMemLimit) != 0;
}

Status CheckPasswordStrength(std::string_view password) {
  size_t characters = 0;
  bool lower = false, upper = false, digit = false, other = false;
  for (const char c : password) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++characters;  // UTF-8 lead bytes
    if (c >= 'a' && c <= 'z')
      lower = true;
    else if (c >= 'A' && c <= 'Z')
      upper = true;
    else if (c >= '0' && c <= '9')
      digit = true;
    else
      other = true;
  }
  const std::string rule =
      "a password needs at least 12 characters and more than one kind of character (lower-case "
      "letters, capitals, digits, others such as spaces and punctuation)";
  if (characters < kMinimumPasswordLength) {
    return Status::InvalidInput("the password has " + std::to_string(characters) + " character" +
                                (characters == 1 ? "" : "s") + "; " + rule);
  }
  if (lower + upper + digit + other < 2) {
    return Status::InvalidInput("the password has only one kind of character; " + rule);
  }
  return Status::Ok();
}

std::string RandomToken() {
  // Without a source of random numbers libsodium aborts rather than hand out a weak token.
  InitialiseCrypto().ok();
  unsigned char bytes[kTokenBytes];
  randombytes_buf(bytes, sizeof(bytes));
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  char text[sodium_base64_ENCODED_LEN(kTokenBytes, kVariant)];
  sodium_bin2base64(text, sizeof(text), bytes, sizeof(bytes), kVariant);
  sodium_memzero(bytes, sizeof(bytes));
  return std::string(text);
}

std::string TokenDigest(std::string_view token) { return Blake2bHex(token); }

std::string Blake2bHex(std::string_view bytes) {
  unsigned char digest[kDigestBytes];
  crypto_generichash(digest, sizeof(digest), reinterpret_cast<const unsigned char*>(bytes.data()),
                     bytes.size(), nullptr, 0);
  char hex[kDigestBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof(hex), digest, sizeof(digest));
  return std::string(hex, kDigestBytes * 2);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace continuum
