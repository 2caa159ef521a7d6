#include "core/coefficients_file.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

TEST(CoefficientsFile, ReadsSettingsHeaderAndRows) {
  auto file = ParseCoefficientsFile(
      "\xEF\xBB\xBF# a model: any comment\n# source: fitted on 2023-24\n\nname,value\n"
      "intercept, -3.5\n a:b ,0.25\r\n",
      "m.csv", "name,value");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->Value("source"), "fitted on 2023-24");
  EXPECT_EQ(file->LineOf("source"), 2);
  EXPECT_EQ(file->Value("a model"), "");  // a key with a space is a comment
  EXPECT_EQ(file->header_line, 4);
  ASSERT_EQ(file->rows.size(), 2u);
  EXPECT_EQ(file->rows[1].name, "a:b");
  EXPECT_EQ(file->rows[1].value, 0.25);
  EXPECT_EQ(file->rows[1].line, 6);
  EXPECT_EQ(FormatCoefficient(0.1), "0.1");
  EXPECT_EQ(std::stod(FormatCoefficient(1.0 / 3)), 1.0 / 3);
}

TEST(CoefficientsFile, NamesTheLineAndFieldOfAMistake) {
  auto message = [](std::string_view text) {
    auto file = ParseCoefficientsFile(text, "m.csv", "name,value", "a number of pounds");
    return file.ok() ? std::string() : file.status().message();
  };
  EXPECT_EQ(message("name,value\nx,inf\n"),
            "m.csv line 2, field value: 'inf' is not a number of pounds");
  EXPECT_EQ(message("name,value\nx,1,2\n"),
            "m.csv line 2: expected 2 fields (name,value), found 3");
  EXPECT_EQ(message("x,1\n"), "m.csv line 1: expected the header 'name,value', found 'x,1'");
  EXPECT_EQ(message("# only a comment\n"), "m.csv: no 'name,value' header line");
}

}  // namespace
}  // namespace continuum
