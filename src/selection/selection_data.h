// What every selection measure reads: the population, who is compared with whom
// (selection_units.h), and the capitation lists of the years measured and the year before them
// (list_year.h).
//
//   SelectionData d = BuildSelectionData(population, cost, 2023, 2024);
//   for (int y = d.first; y <= d.last; ++y) { const ListYear& list = d.Year(y); ... }
#pragma once

#include <span>
#include <vector>

#include "selection/list_year.h"
#include "selection/selection_measure.h"
#include "selection/selection_units.h"

namespace continuum {

// How a patient leaves an ICO (or a commissioner's control practices) within a year.
enum class ListExit { kStays, kRemoval, kOther };

struct SelectionData {
  const Population* population = nullptr;
  SelectionUnits units;
  std::vector<ListYear> years;  // first - 1 .. last (last + 1 is never needed)
  int first = 0, last = 0;      // the financial years measured

  const ListYear& Year(int year) const { return years[year - years.front().year]; }
  bool HasYear(int year) const {
    return !years.empty() && year >= years.front().year && year <= years.back().year;
  }
  // Adds list row `row` of `list` to a profile (age on the list day, sex, deprivation,
  // conditions).
  void AddToProfile(const ListYear& list, size_t row, ProfileSum* profile) const;
  // How registration `registration`, counted in `unit`, leaves within financial year `year`:
  // ending then for a practice-initiated removal, or for moving away or emigrating (kOther);
  // kStays when it runs on, ends in death, or ends for a move to another practice of the same
  // unit from the next day.
  ListExit ExitInYear(uint32_t registration, int year, int32_t unit) const;
  // The years from first to last that ICO `ico` (index into units.icos) counts in: it was live
  // on the year's first day and its commissioner's need is known. When there are none, `why`
  // says why for the first year.
  std::vector<int> MeasuredYears(size_t ico, std::string* why) const;
  // "" when ICO `ico` can be compared; otherwise "not enough data: " and why (its commissioner
  // has no control practices, or `why` from MeasuredYears when it found no year).
  std::string NoComparison(size_t ico, const std::string& why) const;
};

SelectionData BuildSelectionData(const Population& population, std::span<const int32_t> event_cost,
                                 int first, int last);

}  // namespace continuum
