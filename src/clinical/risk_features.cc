#include "clinical/risk_features.h"

#include <algorithm>

#include "clinical/comorbidity.h"
#include "engine/registered_on.h"

namespace continuum {
namespace {

// Keeps the elements of `column` whose `keep` is 1, in order.
template <typename T>
void Compact(std::vector<T>& column, const std::vector<uint8_t>& keep) {
  size_t out = 0;
  for (size_t i = 0; i < column.size(); ++i) {
    if (keep[i]) column[out++] = column[i];
  }
  column.resize(out);
}

// The count each setting adds to, by Setting.
constexpr RiskCount kNoCount = static_cast<RiskCount>(kRiskCountKinds);
constexpr RiskCount kCountOf[kSettingCount] = {
    RiskCount::kGp,
    RiskCount::kNurse,
    RiskCount::kCommunity,
    RiskCount::kOutpatientFirst,
    RiskCount::kOutpatientFollowUp,
    RiskCount::kAe,
    RiskCount::kElective,
    RiskCount::kElective,
    RiskCount::kEmergency,
    RiskCount::kMentalHealth,
    RiskCount::kSocialCare,
    RiskCount::kPrescriptionItems,
    kNoCount};  // end-of-life care: the palliative care register stands for it

void Add(uint16_t& count, uint32_t amount) {
  count = static_cast<uint16_t>(std::min<uint32_t>(count + amount, UINT16_MAX));
}

}  // namespace

RiskFeatures BuildRiskFeatures(const Population& p, std::span<const uint8_t> member, Day index_day,
                               RiskOutcome outcome) {
  RiskFeatures f;
  f.index_day = index_day;
  const Day history_start = AddMonths(index_day, -12);
  const Day year_before_start = AddMonths(index_day, -24);
  const Day recent_start = AddMonths(index_day, -3);
  const Day year_end = AddMonths(index_day, 12) - 1;
  const bool measure = outcome == RiskOutcome::kMeasure;
  const PatientColumns& patients = p.patients;
  const RegistrationColumns& r = p.registrations;
  auto is_member = [&](uint32_t practice) {
    return practice < member.size() && member[practice] != 0;
  };

  // The lists on the index day, and how long each patient stays on them: the run of member
  // registrations, each starting by the day after the last ended, around the index day.
  std::vector<int32_t> row_of(patients.size(), -1);
  std::vector<Day> follow_end;  // the last day of the outcome period, by row
  std::vector<uint8_t> left;    // 1: left the member lists before the end of the outcome year
  for (uint32_t i = 0; i < patients.size(); ++i) {
    const uint32_t first = patients.first_registration[i],
                   last = patients.first_registration[i + 1];
    uint32_t k = first;
    while (k < last && !RegistrationOn(p, k, index_day)) ++k;
    if (k == last || !is_member(r.practice[k])) continue;
    Day chain_start = r.start[k], chain_end = r.end[k];
    for (uint32_t j = k;
         j > first && is_member(r.practice[j - 1]) && r.end[j - 1] >= chain_start - 1; --j) {
      chain_start = std::min(chain_start, r.start[j - 1]);
    }
    for (uint32_t j = k + 1; j < last && is_member(r.practice[j]) && r.start[j] <= chain_end + 1;
         ++j) {
      chain_end = std::max(chain_end, r.end[j]);
    }
    row_of[i] = static_cast<int32_t>(f.patient.size());
    f.patient.push_back(i);
    f.practice.push_back(r.practice[k]);
    f.age.push_back(static_cast<uint8_t>(std::min(255, AgeOn(patients.birth[i], index_day))));
    f.sex.push_back(patients.sex[i]);
    const uint8_t decile = patients.imd_decile[i];
    f.imd_decile.push_back(decile >= 1 && decile <= 10 ? decile : 0);
    f.new_to_list.push_back(chain_start > history_start && patients.birth[i] < history_start);
    const Day death_or_end = std::min(year_end, patients.death[i]);
    left.push_back(chain_end < death_or_end);
    follow_end.push_back(std::min(death_or_end, chain_end));
  }
  const size_t n = f.patient.size();
  f.registers.assign(n, 0);
  f.charlson.assign(n, 0);
  f.counts.assign(n, {});
  std::vector<uint8_t> admitted(n, 0);

  // Registers the day before the index day.
  const Day day_before = index_day - 1;
  const ConditionColumns& c = p.conditions;
  for (size_t k = 0; k < c.size(); ++k) {
    const int32_t row = row_of[c.patient[k]];
    if (row < 0 || c.onset[k] > day_before || c.resolved[k] <= day_before) continue;
    if (c.condition[k] < kConditionCount) f.registers[row] |= uint16_t(1u << c.condition[k]);
  }
  const std::vector<ComorbidityMask> coded = PatientComorbidities(p, year_before_start, day_before);
  for (size_t row = 0; row < n; ++row) {
    f.charlson[row] = static_cast<uint32_t>(coded[f.patient[row]] & kCharlsonBits);
  }

  const EventColumns& e = p.events;
  for (size_t k = 0; k < e.size(); ++k) {
    const Day day = e.day[k];
    if (day < year_before_start || day > year_end) continue;
    const int32_t row = row_of[e.patient[k]];
    if (row < 0) continue;
    const auto setting = static_cast<Setting>(e.setting[k]);
    if (day >= index_day) {
      if (setting == Setting::kEmergency && day <= follow_end[row]) admitted[row] = 1;
      continue;
    }
    auto& counts = f.counts[row];
    auto add = [&](RiskCount kind, uint32_t amount = 1) {
      Add(counts[static_cast<int>(kind)], amount);
    };
    if (day < history_start) {
      if (setting == Setting::kEmergency) add(RiskCount::kEmergencyYearBefore);
      continue;
    }
    if (IsAdmission(setting) && e.length_of_stay[k] != kNoStay) {
      add(RiskCount::kBedDays, e.length_of_stay[k]);
    }
    const RiskCount kind = kCountOf[e.setting[k]];
    if (kind == RiskCount::kEmergency && day >= recent_start) add(RiskCount::kRecentEmergency);
    if (kind != kNoCount) add(kind, kind == RiskCount::kPrescriptionItems ? e.quantity[k] : 1);
  }

  RiskCoverage& cover = f.coverage;
  cover.registered = static_cast<int64_t>(n);
  if (measure) {
    std::vector<uint8_t> keep(n, 1);
    for (size_t row = 0; row < n; ++row) {
      const bool died = patients.death[f.patient[row]] <= year_end && !left[row];
      cover.died += died;
      cover.died_admitted += died && admitted[row];
      cover.left_admitted += left[row] && admitted[row];
      if (left[row] && !admitted[row]) {
        keep[row] = 0;
        ++cover.excluded_left;
      }
    }
    f.outcome = std::move(admitted);
    if (cover.excluded_left > 0) {
      for (auto* column : {&f.patient, &f.practice}) Compact(*column, keep);
      for (auto* column : {&f.age, &f.sex, &f.imd_decile, &f.new_to_list, &f.outcome}) {
        Compact(*column, keep);
      }
      Compact(f.registers, keep);
      Compact(f.charlson, keep);
      Compact(f.counts, keep);
    }
    cover.admitted = std::count(f.outcome.begin(), f.outcome.end(), 1);
  }
  cover.scored = static_cast<int64_t>(f.size());
  cover.new_to_list = std::count(f.new_to_list.begin(), f.new_to_list.end(), 1);

  if (e.size() > 0) {
    // A period counts as covered when the events reach into its first (or last) month.
    f.history_complete = e.first_day < history_start + 31;
    f.year_before_complete = e.first_day < year_before_start + 31;
    f.outcome_complete = e.last_day > year_end - 31;
  } else {
    f.history_complete = f.year_before_complete = f.outcome_complete = false;
  }
  return f;
}

}  // namespace continuum
