// The financial years the synthetic data covers: `years` years from 1 April, the last ending on
// 31 March 2025.
//
//   Window w(3);                 // 2022-04-01 .. 2025-03-31
//   w.YearStart(1)               // 2023-04-01
#pragma once

#include "core/date.h"

namespace continuum {

class Window {
 public:
  static constexpr int kLastYearEnd = 2025;  // the window ends on 31 March of this year
  static constexpr int kMaxYears = 10;       // the most years a run may cover

  explicit Window(int years)
      : years_(years),
        start_(DayFromCivil(kLastYearEnd - years, 4, 1)),
        end_(DayFromCivil(kLastYearEnd, 3, 31)) {}

  int years() const { return years_; }
  Day start() const { return start_; }
  Day end() const { return end_; }
  Day YearStart(int year) const { return DayFromCivil(kLastYearEnd - years_ + year, 4, 1); }
  Day YearEnd(int year) const { return YearStart(year + 1) - 1; }
  // The year (0 .. years() - 1) a day falls in; days outside the window count in the nearest.
  int YearOf(Day day) const {
    int year = 0;
    while (year + 1 < years_ && day >= YearStart(year + 1)) ++year;
    return year;
  }

 private:
  int years_;
  Day start_, end_;
};

}  // namespace continuum
