#include "core/date.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

TEST(Date, KnownDayNumbers) {
  EXPECT_EQ(DayFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DayFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DayFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(*ParseDate("2024-03-31"), 19813);
}

TEST(Date, RoundTripsEveryDayOverThreeCenturies) {
  for (Day d = DayFromCivil(1850, 1, 1); d < DayFromCivil(2150, 1, 1); ++d) {
    const CivilDate c = CivilFromDay(d);
    ASSERT_EQ(DayFromCivil(c.year, c.month, c.day), d);
    ASSERT_EQ(*ParseDate(FormatDate(d)), d);
  }
}

TEST(Date, RejectsImpossibleAndMalformedDates) {
  EXPECT_FALSE(ParseDate("2019-02-29").ok());
  EXPECT_TRUE(ParseDate("2020-02-29").ok());
  EXPECT_FALSE(ParseDate("1900-02-29").ok());
  EXPECT_TRUE(ParseDate("2000-02-29").ok());
  EXPECT_FALSE(ParseDate("2019-13-01").ok());
  EXPECT_FALSE(ParseDate("2019-04-31").ok());
  EXPECT_FALSE(ParseDate("2019-4-30").ok());
  EXPECT_FALSE(ParseDate("30/04/2019").ok());
  EXPECT_FALSE(ParseDate("").ok());
  EXPECT_EQ(ParseDate("2019-02-30").status().message(), "'2019-02-30' is not a date");
}

TEST(Date, AgeCountsCompletedYears) {
  const Day birth = DayFromCivil(1950, 6, 15);
  EXPECT_EQ(AgeOn(birth, DayFromCivil(2020, 6, 14)), 69);
  EXPECT_EQ(AgeOn(birth, DayFromCivil(2020, 6, 15)), 70);
  EXPECT_EQ(MonthIndex(DayFromCivil(2024, 3, 5)), 2024 * 12 + 2);
  EXPECT_EQ(FormatMonth(2024 * 12 + 2), "2024-03");
}

TEST(Date, FinancialYearsRunAprilToMarch) {
  EXPECT_EQ(FinancialYearOf(DayFromCivil(2025, 3, 31)), 2024);
  EXPECT_EQ(FinancialYearOf(DayFromCivil(2025, 4, 1)), 2025);
  EXPECT_EQ(FinancialYearStart(2024), DayFromCivil(2024, 4, 1));
  EXPECT_EQ(FinancialYearEnd(2024), DayFromCivil(2025, 3, 31));
  EXPECT_EQ(FormatFinancialYear(2024), "2024-25");
  EXPECT_EQ(FormatFinancialYear(1999), "1999-00");
  EXPECT_EQ(AddMonths(DayFromCivil(2024, 3, 31), -1), DayFromCivil(2024, 2, 29));
  EXPECT_EQ(AddMonths(DayFromCivil(2024, 4, 1), -24), DayFromCivil(2022, 4, 1));
  EXPECT_EQ(AddMonths(DayFromCivil(2024, 11, 30), 3), DayFromCivil(2025, 2, 28));
  EXPECT_EQ(AddMonths(DayFromCivil(2024, 1, 15), 12), DayFromCivil(2025, 1, 15));
  EXPECT_EQ(*ParseFinancialYear("2024-25"), 2024);
  EXPECT_EQ(*ParseFinancialYear("1999-00"), 1999);
  EXPECT_EQ(*ParseFinancialYear("2024"), 2024);
  for (const char* bad : {"2024-26", "2024/25", "24-25", "", "2024-2", "abcd"}) {
    EXPECT_FALSE(ParseFinancialYear(bad).ok()) << bad;
  }
  EXPECT_EQ(ParseFinancialYear("2024-26").status().message(),
            "'2024-26' is not a financial year (write 2024-25, or 2024 for it)");
}

}  // namespace
}  // namespace continuum
