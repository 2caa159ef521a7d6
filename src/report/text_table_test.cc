#include "report/text_table.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

TEST(TextTable, NumbersGroupAndRound) {
  EXPECT_EQ(WithThousands(0), "0");
  EXPECT_EQ(WithThousands(999), "999");
  EXPECT_EQ(WithThousands(1000), "1,000");
  EXPECT_EQ(WithThousands(-1234567), "-1,234,567");
  EXPECT_EQ(WithThousands(INT64_MIN), "-9,223,372,036,854,775,808");  // no overflow negating it
  EXPECT_EQ(Decimal(1234.567, 2), "1,234.57");
  EXPECT_EQ(Decimal(0.5, 0), "1");
  EXPECT_EQ(Decimal(-0.25, 1), "-0.3");
  EXPECT_EQ(Decimal(2.0, 1), "2.0");
}

TEST(TextTable, AlignsNumbersRightAndTextLeft) {
  TextTable t({"name", "count"});
  t.AddRow({"gp", "5"});
  t.AddRow({"emergency", "1,234"});
  EXPECT_EQ(t.Render(),
            "name       count\n"
            "----------------\n"
            "gp             5\n"
            "emergency  1,234\n");
}

}  // namespace
}  // namespace continuum
