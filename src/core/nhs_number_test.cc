#include "core/nhs_number.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

// Worked by hand: 943 476 591 -> 9*10+4*9+3*8+4*7+7*6+6*5+5*4+9*3+1*2 = 299;
// 299 mod 11 = 2; 11 - 2 = 9. So 9434765919 is valid.
TEST(NhsNumber, HandWorkedCheckDigit) {
  EXPECT_EQ(NhsCheckDigit(943476591), 9);
  EXPECT_TRUE(IsValidNhsNumber("9434765919"));
  EXPECT_FALSE(IsValidNhsNumber("9434765918"));
}

TEST(NhsNumber, RemainderOfTenHasNoValidNumber) {
  // 000 000 001 -> sum 2; 11 - 2 = 9. 000 000 006 -> sum 12; 12 mod 11 = 1; 11 - 1 = 10: invalid.
  EXPECT_EQ(NhsCheckDigit(1), 9);
  EXPECT_EQ(NhsCheckDigit(6), -1);
  for (int last = 0; last <= 9; ++last) {
    EXPECT_FALSE(IsValidNhsNumber("000000006" + std::to_string(last)));
  }
}

TEST(NhsNumber, CheckOfZeroWhenRemainderIsZero) {
  // 000 000 011 -> 1*3 + 1*2 = 5 ... choose 000 000 055: 5*3+5*2 = 25; 25 mod 11 = 3 -> 8.
  EXPECT_EQ(NhsCheckDigit(55), 8);
  // 100 000 000 -> 1*10 = 10; 10 mod 11 = 10; 11 - 10 = 1.
  EXPECT_EQ(NhsCheckDigit(100000000), 1);
  // 000 000 000 -> 0; 11 - 0 = 11 -> 0.
  EXPECT_EQ(NhsCheckDigit(0), 0);
  EXPECT_TRUE(IsValidNhsNumber("0000000000"));
}

TEST(NhsNumber, RejectsWrongShape) {
  EXPECT_FALSE(IsValidNhsNumber("943476591"));
  EXPECT_FALSE(IsValidNhsNumber("94347659190"));
  EXPECT_FALSE(IsValidNhsNumber("943 476 5919"));
  EXPECT_FALSE(IsValidNhsNumber("94347659a9"));
}

}  // namespace
}  // namespace continuum
