#include "core/date.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/quoted.h"

namespace continuum {

// Howard Hinnant's days_from_civil / civil_from_days, exact for the proleptic Gregorian calendar.
Day DayFromCivil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

CivilDate CivilFromDay(Day z) {
  int zz = z + 719468;
  const int era = (zz >= 0 ? zz : zz - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(zz - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), static_cast<int>(m), static_cast<int>(d)};
}

bool IsValidCivil(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int max_day = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= max_day;
}

Result<Day> ParseDate(std::string_view t) {
  auto digit = [&](size_t i) { return t[i] >= '0' && t[i] <= '9'; };
  if (t.size() != 10 || t[4] != '-' || t[7] != '-' || !digit(0) || !digit(1) || !digit(2) ||
      !digit(3) || !digit(5) || !digit(6) || !digit(8) || !digit(9)) {
    return Status::InvalidInput(Quoted(t) + " is not a date (expected YYYY-MM-DD)");
  }
  const int y = (t[0] - '0') * 1000 + (t[1] - '0') * 100 + (t[2] - '0') * 10 + (t[3] - '0');
  const int m = (t[5] - '0') * 10 + (t[6] - '0');
  const int d = (t[8] - '0') * 10 + (t[9] - '0');
  if (!IsValidCivil(y, m, d)) {
    return Status::InvalidInput(Quoted(t) + " is not a date");
  }
  if (y < 1800 || y > 2199) {
    return Status::InvalidInput(Quoted(t) + " is outside the years 1800 to 2199");
  }
  return DayFromCivil(y, m, d);
}

char* FormatDateTo(Day day, char* out) {
  const CivilDate c = CivilFromDay(day);
  int y = c.year;
  out[3] = static_cast<char>('0' + y % 10);
  y /= 10;
  out[2] = static_cast<char>('0' + y % 10);
  y /= 10;
  out[1] = static_cast<char>('0' + y % 10);
  y /= 10;
  out[0] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + c.month / 10);
  out[6] = static_cast<char>('0' + c.month % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + c.day / 10);
  out[9] = static_cast<char>('0' + c.day % 10);
  return out + 10;
}

std::string FormatDate(Day day) {
  char buffer[10];
  FormatDateTo(day, buffer);
  return std::string(buffer, 10);
}

int MonthIndex(Day day) {
  const CivilDate c = CivilFromDay(day);
  return c.year * 12 + c.month - 1;
}

Day MonthStart(int month_index) { return DayFromCivil(month_index / 12, month_index % 12 + 1, 1); }

Day MonthEnd(int month_index) { return MonthStart(month_index + 1) - 1; }

std::string FormatMonth(int month_index) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", month_index / 12, month_index % 12 + 1);
  return buffer;
}

int FinancialYearOf(Day day) {
  const CivilDate c = CivilFromDay(day);
  return c.month >= 4 ? c.year : c.year - 1;
}

Day FinancialYearStart(int year) { return DayFromCivil(year, 4, 1); }

Day FinancialYearEnd(int year) { return DayFromCivil(year + 1, 4, 1) - 1; }

std::string FormatFinancialYear(int year) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02d", year, (year + 1) % 100);
  return buffer;
}

Result<int> ParseFinancialYear(std::string_view text) {
  auto digits = [&](size_t from, size_t count) {
    int value = 0;
    for (size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int year = text.size() == 4 || text.size() == 7 ? digits(0, 4) : -1;
  const bool ok = year >= 1800 && year <= 2199 &&
                  (text.size() == 4 || (text[4] == '-' && digits(5, 2) == (year + 1) % 100));
  if (!ok) {
    return Status::InvalidInput(Quoted(text) +
                                " is not a financial year (write 2024-25, or 2024 for it)");
  }
  return year;
}

Day AddMonths(Day day, int months) {
  const CivilDate c = CivilFromDay(day);
  const int index = c.year * 12 + (c.month - 1) + months;
  const Day first = DayFromCivil(index / 12, index % 12 + 1, 1);
  return std::min(first + c.day - 1, MonthEnd(MonthIndex(first)));
}

Day Today() { return static_cast<Day>(std::time(nullptr) / 86400); }

int AgeOn(Day birth, Day on) { return AgeOn(birth, CivilFromDay(on)); }

int AgeOn(Day birth, const CivilDate& o) {
  const CivilDate b = CivilFromDay(birth);
  int age = o.year - b.year;
  if (o.month < b.month || (o.month == b.month && o.day < b.day)) --age;
  return age;
}

Result<int> ParseMonth(std::string_view text, std::string_view where) {
  auto day = ParseDate(std::string(text) + "-01");
  if (text.size() != 7 || !day.ok())
    return Status::InvalidInput(std::string(where) + ": " + Quoted(text) +
                                " is not a month (YYYY-MM)");
  return MonthIndex(*day);
}

}  // namespace continuum
