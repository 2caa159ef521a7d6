// A difference in differences of a yearly proportion, as two measures use it (outside_budget.h,
// care_adjustments.h): of the patients on each ICO's lists on 1 April of a year Y measured, the
// share with something in the year, against the same share a year earlier at the practices that
// are the ICO's members on 1 April of Y (its own year before: for a new ICO, the year before the
// pilot), set against the same two shares at its commissioner's control practices. The effect
// is (ICO in Y / ICO the year before) / (controls in Y / controls the year before), pooled over
// the ICO's measured years, with the Woolf variance of its log, the sum of 1/a - 1/n over the
// four shares. A practice's two years share many patients, which makes this variance larger
// than the truth: the test errs towards silence.
//
//   ShareChange s(data);
//   for each list year and row: s.Add(data, list, row, counted_now, counted_before);
//   std::vector<SelectionMeasure> m = s.Measures(data, "care_adjustments", "with an adjustment");
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "selection/selection_data.h"

namespace continuum {

class ShareChange {
 public:
  explicit ShareChange(const SelectionData& data);

  // Each practice's unit on 1 April of year `year` (first - 1 .. last), by organisation.
  const std::vector<int32_t>& UnitsOn(int year) const { return unit_at_[year - base_]; }

  // Counts row `row` of `list` (a year first - 1 .. last): in its own year, when that is measured,
  // with `counted` saying whether it has what is counted within the year at its own unit; and as
  // the year before for the next year's unit of its practice, with `counted_before` saying the
  // same within that unit.
  void Add(const SelectionData& data, const ListYear& list, size_t row, bool counted,
           bool counted_before);

  // Per ICO, the measure `name`; `what` says what a counted patient has, for "not enough data".
  std::vector<SelectionMeasure> Measures(const SelectionData& data, std::string_view name,
                                         std::string_view what) const;

 private:
  struct Count {
    int64_t listed = 0, counted = 0;
  };
  int base_ = 0;
  std::vector<std::vector<int32_t>> unit_at_;
  // [year measured - first][unit]: the year itself, and the year before at the same practices.
  std::vector<std::vector<Count>> now_, before_;
  std::vector<ProfileSum> listed_, counted_;    // per ICO, in its years
  std::vector<std::vector<uint8_t>> measured_;  // [ICO][year - first]: one of its years
};

}  // namespace continuum
