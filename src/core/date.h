// Dates as day numbers: days since 1970-01-01 in the proleptic Gregorian calendar.
//
//   Result<Day> d = ParseDate("2024-03-31");   // 19813
//   std::string s = FormatDate(*d);             // "2024-03-31"
//   int m = MonthIndex(*d);                     // 2024*12 + 2
//
// A Day is a plain int32 so that columns of dates are compact and comparable.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace continuum {

using Day = int32_t;

struct CivilDate {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

Day DayFromCivil(int year, int month, int day);
CivilDate CivilFromDay(Day day);
bool IsValidCivil(int year, int month, int day);

// Parses exactly "YYYY-MM-DD" (years 1800..2199) and rejects impossible dates.
Result<Day> ParseDate(std::string_view text);
std::string FormatDate(Day day);
// Writes the 10 characters of "YYYY-MM-DD" to out; returns out + 10.
char* FormatDateTo(Day day, char* out);

// Months counted from year 0: year * 12 + (month - 1). Differences are month counts.
int MonthIndex(Day day);
std::string FormatMonth(int month_index);  // "2024-03"
Day MonthStart(int month_index);           // its first day
Day MonthEnd(int month_index);             // its last day
// "2024-09" as a MonthIndex, or an error naming where it came from ("--month", "?month=").
Result<int> ParseMonth(std::string_view text, std::string_view where);

// Financial years run from 1 April to 31 March and are named by the year they start in:
// FinancialYearOf(2025-03-31) is 2024, which runs 2024-04-01 to 2025-03-31.
int FinancialYearOf(Day day);
Day FinancialYearStart(int year);           // 1 April of `year`
Day FinancialYearEnd(int year);             // 31 March of `year + 1`
std::string FormatFinancialYear(int year);  // "2024-25"
// "2024-25" (the second year must follow the first) or "2024", as the year it starts in.
Result<int> ParseFinancialYear(std::string_view text);

// Today's date (UTC) from the system clock.
Day Today();

// The same day `months` months later (earlier when negative), or the month's last day when it
// is shorter: AddMonths(2024-03-31, -1) is 2024-02-29.
Day AddMonths(Day day, int months);
// Completed years of age on `on` for someone born on `birth`.
int AgeOn(Day birth, Day on);
// The same with the day given as a civil date, for many births on one day.
int AgeOn(Day birth, const CivilDate& on);

}  // namespace continuum
