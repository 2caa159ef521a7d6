#include "selection/selection_data.h"

#include <algorithm>
#include <bit>

namespace continuum {

void SelectionData::AddToProfile(const ListYear& list, size_t row, ProfileSum* profile) const {
  const uint32_t patient = list.list.patient[row];
  const PatientColumns& patients = population->patients;
  profile->Add(list.list.age[row], patients.sex[patient] == static_cast<uint8_t>(Sex::kFemale),
               list.list.imd_quintile[row], std::popcount(list.list.conditions[row]));
}

ListExit SelectionData::ExitInYear(uint32_t k, int year, int32_t unit) const {
  const Population& p = *population;
  const RegistrationColumns& r = p.registrations;
  if (r.end[k] > FinancialYearEnd(year) || r.end[k] < FinancialYearStart(year)) {
    return ListExit::kStays;
  }
  const uint32_t patient = r.patient[k];
  if (p.patients.death[patient] <= r.end[k]) return ListExit::kStays;  // left by dying
  const uint8_t reason = r.end_reason[k];
  const bool removal = reason == static_cast<uint8_t>(RegistrationEnd::kRemoval);
  const bool other = reason == static_cast<uint8_t>(RegistrationEnd::kMoveOut) ||
                     reason == static_cast<uint8_t>(RegistrationEnd::kEmigration);
  if (!removal && !other) return ListExit::kStays;
  if (k + 1 < p.patients.first_registration[patient + 1] && r.start[k + 1] <= r.end[k] + 1 &&
      units.UnitOn(r.practice[k + 1], r.start[k + 1]) == unit) {
    return ListExit::kStays;  // moved between practices of the same ICO or control pool
  }
  return removal ? ListExit::kRemoval : ListExit::kOther;
}

std::vector<int> SelectionData::MeasuredYears(size_t ico, std::string* why) const {
  std::vector<int> years;
  std::string first_why;
  for (int year = first; year <= last; ++year) {
    std::string no = Year(year).need_missing[units.commissioner_of_ico[ico]];
    const std::vector<int32_t>& unit_of = Year(year).practice_unit;
    const bool live =
        std::find(unit_of.begin(), unit_of.end(), static_cast<int32_t>(ico)) != unit_of.end();
    if (!live && no.empty()) {
      no = "it was not live on " + FormatDate(FinancialYearStart(year));
    }
    if (no.empty()) {
      years.push_back(year);
    } else if (first_why.empty()) {
      first_why = std::move(no);
    }
  }
  if (years.empty()) *why = first_why;
  return years;
}

std::string SelectionData::NoComparison(size_t ico, const std::string& why) const {
  if (units.control_practices[units.commissioner_of_ico[ico]] == 0) {
    return "not enough data: its commissioner " +
           population->organisations.ids.Value(
               units.commissioners[units.commissioner_of_ico[ico]]) +
           " has no control practices to compare it with";
  }
  if (!why.empty()) return "not enough data: " + why;
  return "";
}

SelectionData BuildSelectionData(const Population& p, std::span<const int32_t> event_cost,
                                 int first, int last) {
  SelectionData d;
  d.population = &p;
  d.units = FindSelectionUnits(p);
  d.first = first;
  d.last = last;
  d.years = BuildListYears(p, event_cost, d.units, first - 1, last);
  return d;
}

}  // namespace continuum
