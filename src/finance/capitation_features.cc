#include "finance/capitation_features.h"

#include <algorithm>

#include "engine/registered_on.h"

namespace continuum {
namespace {

constexpr std::string_view kAgeBandNames[kAgeBandCount] = {
    "0-4", "5-14", "15-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"};
constexpr std::string_view kPriorMarkerNames[kPriorMarkerCount] = {
    "emergency_1", "emergency_2+", "elective_or_day_case", "outpatient_1-3", "outpatient_4+",
    "ae_1",        "ae_2+",        "social_care",          "mental_health"};
// The age/sex cell the intercept stands for: men aged 25-34.
constexpr int kReferenceAgeSex = 3 + kAgeBandCount * static_cast<int>(Sex::kMale);

std::array<std::string, kTermCount> MakeTermNames() {
  std::array<std::string, kTermCount> names;
  names[kInterceptTerm] = "intercept";
  for (int cell = 0; cell < 2 * kAgeBandCount; ++cell) {
    if (cell == kReferenceAgeSex) continue;
    const int term = kFirstAgeSexTerm + cell - (cell > kReferenceAgeSex ? 1 : 0);
    names[term] = std::string("age_sex:") + std::string(kSexCodes[cell / kAgeBandCount]) + "_" +
                  std::string(kAgeBandNames[cell % kAgeBandCount]);
  }
  for (int c = 0; c < kConditionCount; ++c) {
    names[kFirstConditionTerm + c] = "condition:" + std::string(kConditionCodes[c]);
  }
  for (int m = 0; m < kPriorMarkerCount; ++m) {
    names[kFirstPriorTerm + m] = "prior:" + std::string(kPriorMarkerNames[m]);
  }
  for (int q = 0; q < kImdQuintileTerms; ++q) {
    names[kFirstImdTerm + q] = "imd:quintile_" + std::to_string(q + 1);
  }
  return names;
}

uint16_t Bit(PriorMarker m) { return static_cast<uint16_t>(1u << static_cast<int>(m)); }

}  // namespace

const std::array<std::string, kTermCount>& CapitationTermNames() {
  static const std::array<std::string, kTermCount> names = MakeTermNames();
  return names;
}

int FindCapitationTerm(std::string_view name) {
  const auto& names = CapitationTermNames();
  for (int t = 0; t < kTermCount; ++t) {
    if (names[t] == name) return t;
  }
  return -1;
}

int CapitationAgeBand(int age) { return age < 5 ? 0 : std::min(kAgeBandCount - 1, (age + 5) / 10); }

TermIndices CapitationFeatures::Terms(size_t row, bool age_sex_only) const {
  TermIndices t;
  t.index[t.size++] = kInterceptTerm;
  const int cell = age_sex[row];
  if (cell != kReferenceAgeSex) {
    t.index[t.size++] = static_cast<uint8_t>(kFirstAgeSexTerm + cell - (cell > kReferenceAgeSex));
  }
  if (age_sex_only) return t;
  for (uint32_t bits = conditions[row]; bits != 0; bits &= bits - 1) {
    t.index[t.size++] = static_cast<uint8_t>(kFirstConditionTerm + __builtin_ctz(bits));
  }
  for (uint32_t bits = prior[row]; bits != 0; bits &= bits - 1) {
    t.index[t.size++] = static_cast<uint8_t>(kFirstPriorTerm + __builtin_ctz(bits));
  }
  const int quintile = imd_quintile[row];
  if (quintile >= 1 && quintile <= kImdQuintileTerms) {
    t.index[t.size++] = static_cast<uint8_t>(kFirstImdTerm + quintile - 1);
  }
  return t;
}

CapitationFeatures BuildCapitationFeatures(const Population& p, std::span<const int32_t> event_cost,
                                           int year, std::span<const uint8_t> practices) {
  CapitationFeatures f;
  f.year = year;
  f.list_day = FinancialYearStart(year);
  const PatientColumns& patients = p.patients;
  const RegistrationColumns& r = p.registrations;

  // The list: everyone registered with a practice on 1 April.
  std::vector<int32_t> row_of(patients.size(), -1);
  for (uint32_t i = 0; i < patients.size(); ++i) {
    uint32_t practice = Dictionary::kMissing;
    for (uint32_t k = patients.first_registration[i]; k < patients.first_registration[i + 1]; ++k) {
      if (RegistrationOn(p, k, f.list_day)) {
        practice = r.practice[k];
        break;
      }
    }
    if (practice == Dictionary::kMissing) continue;
    if (!practices.empty() && !practices[practice]) continue;
    row_of[i] = static_cast<int32_t>(f.patient.size());
    f.patient.push_back(i);
    f.practice.push_back(practice);
    const int band = CapitationAgeBand(AgeOn(patients.birth[i], f.list_day));
    const int sex = patients.sex[i] == static_cast<uint8_t>(Sex::kMale) ? 1 : 0;
    f.age_sex.push_back(static_cast<uint8_t>(band + kAgeBandCount * sex));
    const int decile = patients.imd_decile[i];
    f.imd_quintile.push_back(decile >= 1 && decile <= 10 ? static_cast<uint8_t>((decile + 1) / 2)
                                                         : 0);
  }
  const size_t n = f.patient.size();
  f.conditions.assign(n, 0);
  f.prior.assign(n, 0);
  f.cost.assign(n, 0);

  // Conditions active on 1 April: begun on or before it and not resolved by then.
  const ConditionColumns& c = p.conditions;
  for (size_t k = 0; k < c.size(); ++k) {
    const int32_t row = row_of[c.patient[k]];
    if (row < 0 || c.onset[k] > f.list_day || c.resolved[k] <= f.list_day) continue;
    if (c.condition[k] < kConditionCount) f.conditions[row] |= uint16_t(1u << c.condition[k]);
  }

  // Events: utilisation in Y - 1, cost in Y. Counts saturate at the top band of each marker.
  const EventColumns& e = p.events;
  const Day prior_start = FinancialYearStart(year - 1);
  const Day target_end = FinancialYearEnd(year);
  std::vector<uint8_t> emergencies(n, 0), outpatients(n, 0), ae(n, 0);
  for (size_t k = 0; k < e.size(); ++k) {
    const Day day = e.day[k];
    if (day < prior_start || day > target_end) continue;
    const int32_t row = row_of[e.patient[k]];
    if (row < 0) continue;
    const int32_t cost = event_cost[k];
    if (day >= f.list_day) {
      if (cost >= 0) {
        f.cost[row] += cost;
      } else {
        ++f.uncosted_events;
      }
      continue;
    }
    if (cost < 0) ++f.prior_uncosted_events;
    switch (static_cast<Setting>(e.setting[k])) {
      case Setting::kEmergency:
        emergencies[row] = std::min<uint8_t>(emergencies[row] + 1, 2);
        break;
      case Setting::kElective:
      case Setting::kDayCase:
        f.prior[row] |= Bit(PriorMarker::kElective);
        break;
      case Setting::kOutpatientFirst:
      case Setting::kOutpatientFollowUp:
        outpatients[row] = std::min<uint8_t>(outpatients[row] + 1, 4);
        break;
      case Setting::kAe:
        ae[row] = std::min<uint8_t>(ae[row] + 1, 2);
        break;
      case Setting::kSocialCare:
        f.prior[row] |= Bit(PriorMarker::kSocialCare);
        break;
      case Setting::kMentalHealth:
        f.prior[row] |= Bit(PriorMarker::kMentalHealth);
        break;
      default:
        break;
    }
  }
  for (size_t row = 0; row < n; ++row) {
    uint16_t bits = f.prior[row];
    if (emergencies[row] == 1) bits |= Bit(PriorMarker::kEmergency1);
    if (emergencies[row] >= 2) bits |= Bit(PriorMarker::kEmergency2Plus);
    if (outpatients[row] >= 1 && outpatients[row] <= 3) bits |= Bit(PriorMarker::kOutpatient1To3);
    if (outpatients[row] >= 4) bits |= Bit(PriorMarker::kOutpatient4Plus);
    if (ae[row] == 1) bits |= Bit(PriorMarker::kAe1);
    if (ae[row] >= 2) bits |= Bit(PriorMarker::kAe2Plus);
    f.prior[row] = bits;
  }
  if (e.size() > 0) {
    // A year counts as covered when events reach into its first and last month.
    f.prior_year_complete = e.first_day < prior_start + 31;
    f.target_year_complete = e.last_day > target_end - 31;
  } else {
    f.prior_year_complete = f.target_year_complete = false;
  }
  return f;
}

}  // namespace continuum
