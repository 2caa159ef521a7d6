#include "core/quoted.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

TEST(Quoted, ShortValuesAreQuotedWhole) {
  EXPECT_EQ(Quoted("2019-02-30"), "'2019-02-30'");
  EXPECT_EQ(Quoted("half", '"'), "\"half\"");
  EXPECT_EQ(Quoted("café"), "'café'");
}

// A field of megabytes is shown by its start and its length, so a message stays a line.
TEST(Quoted, LongValuesAreCutAtSixtyCharactersWithTheirLength) {
  const std::string big(8 << 20, 'x');
  EXPECT_EQ(Quoted(big), "'" + std::string(60, 'x') + "…' (8388608 bytes)");
  // Cut between characters, never inside one.
  std::string accents;
  for (int i = 0; i < 70; ++i) accents += "é";
  EXPECT_EQ(Quoted(accents), "'" + accents.substr(0, 120) + "…' (140 bytes)");
  EXPECT_EQ(Quoted(std::string(60, 'y')), "'" + std::string(60, 'y') + "'");
}

// A carriage return would send the terminal back over the message; ESC and BEL would drive it.
TEST(Quoted, ControlCharactersAndBrokenUtf8AreEscaped) {
  EXPECT_EQ(Quoted("a\rb\nc\td"), "'a\\rb\\nc\\td'");
  EXPECT_EQ(Quoted(std::string("\x1b[2J\x07\0z", 7)), "'\\x1B[2J\\x07\\x00z'");
  EXPECT_EQ(Quoted("caf\xff"), "'caf\\xFF'");
  EXPECT_EQ(Quoted("\xc2\x9b"
                   "31m"),
            "'\\u009B31m'");
  EXPECT_EQ(Printable("\x7f\xe2\x82"), "\\x7F\\xE2\\x82");
}

TEST(Quoted, FindsControlCharactersButNotTabs) {
  size_t at = 0;
  EXPECT_FALSE(HasControlCharacter("Nelson\tVale café", &at));
  EXPECT_TRUE(HasControlCharacter("Nelson\x1b[31m", &at));
  EXPECT_EQ(at, 6u);
  EXPECT_TRUE(HasControlCharacter(std::string("a\0", 2), &at));
  EXPECT_EQ(at, 1u);
  EXPECT_TRUE(HasControlCharacter("x\xc2\x9b", &at));
  EXPECT_EQ(at, 1u);
}

}  // namespace
}  // namespace continuum
