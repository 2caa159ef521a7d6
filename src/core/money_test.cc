#include "core/money.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

TEST(Money, ParsesPoundsExactlyIntoPence) {
  EXPECT_EQ(*ParsePounds("39.00"), 3900);
  EXPECT_EQ(*ParsePounds("39"), 3900);
  EXPECT_EQ(*ParsePounds("39.5"), 3950);
  EXPECT_EQ(*ParsePounds("0.07"), 7);
  EXPECT_EQ(*ParsePounds("123456789.99"), 12345678999);
}

TEST(Money, RejectsNegativeAndMalformedAmounts) {
  EXPECT_NE(ParsePounds("-1.00").status().message().find("negative"), std::string::npos);
  for (const char* bad : {"", ".5", "1.", "1.234", "1,000", "£5", "1e3", " 5"}) {
    EXPECT_FALSE(ParsePounds(bad).ok()) << bad;
  }
}

TEST(Money, ApportionsToThePennyByLargestRemainder) {
  EXPECT_EQ(Apportion(1000, std::vector<double>{1, 1, 1}), (std::vector<Pence>{334, 333, 333}));
  // 10 split 1:2:3 is 1.667, 3.333, 5: floors 1, 3, 5 and the penny left goes to 1.667.
  EXPECT_EQ(Apportion(10, std::vector<double>{1, 2, 3}), (std::vector<Pence>{2, 3, 5}));
  EXPECT_EQ(Apportion(-10, std::vector<double>{1, 2, 3}), (std::vector<Pence>{-2, -3, -5}));
  EXPECT_EQ(Apportion(7, std::vector<double>{0, 0}), (std::vector<Pence>{4, 3}));
  EXPECT_EQ(Apportion(5, std::vector<double>{}), (std::vector<Pence>{}));
  EXPECT_EQ(Apportion(101, std::vector<double>{0.5, 0.25, 0.25}), (std::vector<Pence>{51, 25, 25}));
  EXPECT_EQ(Apportion(100, std::vector<double>{1, 2, 3}), (std::vector<Pence>{17, 33, 50}));
  std::vector<double> weights;
  for (int i = 1; i <= 97; ++i) weights.push_back(1.0 / i);
  Pence sum = 0;
  for (Pence p : Apportion(123456789, weights)) sum += p;
  EXPECT_EQ(sum, 123456789);
}

TEST(Money, FormatsTwoDecimals) {
  EXPECT_EQ(FormatPounds(3900), "39.00");
  EXPECT_EQ(FormatPounds(7), "0.07");
  EXPECT_EQ(FormatPounds(0), "0.00");
  EXPECT_EQ(FormatPounds(-250), "-2.50");
  for (Pence p : {0L, 1L, 99L, 100L, 123456L, 999999999L}) {
    EXPECT_EQ(*ParsePounds(FormatPounds(p)), p);
  }
}

}  // namespace
}  // namespace continuum
