#include "security/password.h"

#include <gtest/gtest.h>

#include <cctype>

namespace continuum {
namespace {

TEST(Password, AHashVerifiesItsPasswordOnly) {
  ASSERT_TRUE(InitialiseCrypto().ok());
  auto hash = HashPassword("Correct horse battery");
  ASSERT_TRUE(hash.ok()) << hash.status().message();
  EXPECT_TRUE(hash->starts_with("$argon2id$")) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "Correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct horse battery"));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
  EXPECT_FALSE(VerifyPassword("not a hash", "Correct horse battery"));
  EXPECT_FALSE(NeedsRehash(*hash));
}

TEST(Password, TwoHashesOfOnePasswordDiffer) {
  auto first = HashPassword("Correct horse battery");
  auto second = HashPassword("Correct horse battery");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(*first, *second);
  EXPECT_TRUE(VerifyPassword(*second, "Correct horse battery"));
}

TEST(Password, OtherParametersOrAlgorithmsNeedARehash) {
  // Argon2id with one pass over 8 MiB, and Argon2i: both from older settings.
  EXPECT_TRUE(
      NeedsRehash("$argon2id$v=19$m=8192,t=1,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                  "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"));
  EXPECT_TRUE(
      NeedsRehash("$argon2i$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
                  "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"));
  EXPECT_TRUE(NeedsRehash(""));
}

TEST(Password, StrengthRuleIsSaidInTheMessage) {
  EXPECT_TRUE(CheckPasswordStrength("Correct horse battery").ok());
  EXPECT_TRUE(CheckPasswordStrength("abcdefghijk7").ok());
  Status short_one = CheckPasswordStrength("Abc123!");
  EXPECT_EQ(short_one.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(short_one.message(),
            "the password has 7 characters; a password needs at least 12 characters and more "
            "than one kind of character (lower-case letters, capitals, digits, others such as "
            "spaces and punctuation)");
  Status one_kind = CheckPasswordStrength("correcthorsebattery");
  EXPECT_EQ(one_kind.code(), StatusCode::kInvalidInput);
  EXPECT_TRUE(one_kind.message().starts_with("the password has only one kind of character; "))
      << one_kind.message();
  // Characters, not bytes: eleven accented letters and a digit are twelve.
  EXPECT_TRUE(CheckPasswordStrength("ééééééééééé1").ok());
  EXPECT_FALSE(CheckPasswordStrength("éééééé1").ok());
}

TEST(Password, TokensAreLongRandomAndUrlSafe) {
  const std::string a = RandomToken(), b = RandomToken();
  EXPECT_EQ(a.size(), 43u);
  EXPECT_EQ(b.size(), 43u);
  EXPECT_NE(a, b);
  for (const char c : a)
    EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') << a;
}

TEST(Password, DigestsAreStableHex) {
  const std::string token = RandomToken();
  const std::string digest = TokenDigest(token);
  EXPECT_EQ(digest.size(), 64u);
  EXPECT_EQ(digest.find_first_not_of("0123456789abcdef"), std::string::npos) << digest;
  EXPECT_EQ(TokenDigest(token), digest);
  EXPECT_NE(TokenDigest(RandomToken()), digest);
  // BLAKE2b-256 of the empty string.
  EXPECT_EQ(TokenDigest(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
  // Any bytes, as Python's hashlib.blake2b(b"abc", digest_size=32) gives them.
  EXPECT_EQ(Blake2bHex("abc"), "bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319");
}

TEST(Password, ConstantTimeEqualsComparesWholeSecrets) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_TRUE(ConstantTimeEquals("", ""));
}

}  // namespace
}  // namespace continuum
