#include "finance/capitation_features.h"

#include <algorithm>
#include <array>
#include <thread>

#include "core/parallel.h"
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

namespace {

// The list of 1 April of `year` and the conditions active that day; `row_of` maps each patient to
// their row, or -1.
void BuildList(const Population& p, int year, std::span<const uint8_t> practices,
               CapitationFeatures* out, std::vector<int32_t>* row_of) {
  CapitationFeatures& f = *out;
  f.year = year;
  f.list_day = FinancialYearStart(year);
  const PatientColumns& patients = p.patients;
  const RegistrationColumns& r = p.registrations;
  row_of->assign(patients.size(), -1);
  const CivilDate list_day = CivilFromDay(f.list_day);
  if (practices.empty()) {  // nearly everyone is on some list
    for (auto* column : {&f.patient, &f.practice}) column->reserve(patients.size());
    for (auto* column : {&f.age_sex, &f.age, &f.imd_quintile}) column->reserve(patients.size());
  }
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
    (*row_of)[i] = static_cast<int32_t>(f.patient.size());
    f.patient.push_back(i);
    f.practice.push_back(practice);
    const int age = AgeOn(patients.birth[i], list_day);
    f.age.push_back(static_cast<uint8_t>(std::clamp(age, 0, 255)));
    const int band = CapitationAgeBand(age);
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
    const int32_t row = (*row_of)[c.patient[k]];
    if (row < 0 || c.onset[k] > f.list_day || c.resolved[k] <= f.list_day) continue;
    if (c.condition[k] < kConditionCount) f.conditions[row] |= uint16_t(1u << c.condition[k]);
  }
}

// Utilisation in Y - 1, counted towards the markers; counts saturate at each marker's top band.
struct Utilisation {
  std::vector<uint8_t> emergencies, outpatients, ae;
  explicit Utilisation(size_t n) : emergencies(n, 0), outpatients(n, 0), ae(n, 0) {}
  void Add(Setting setting, size_t row, uint16_t* prior) {
    switch (setting) {
      case Setting::kEmergency:
        emergencies[row] = std::min<uint8_t>(emergencies[row] + 1, 2);
        break;
      case Setting::kElective:
      case Setting::kDayCase:
        *prior |= Bit(PriorMarker::kElective);
        break;
      case Setting::kOutpatientFirst:
      case Setting::kOutpatientFollowUp:
        outpatients[row] = std::min<uint8_t>(outpatients[row] + 1, 4);
        break;
      case Setting::kAe:
        ae[row] = std::min<uint8_t>(ae[row] + 1, 2);
        break;
      case Setting::kSocialCare:
        *prior |= Bit(PriorMarker::kSocialCare);
        break;
      case Setting::kMentalHealth:
        *prior |= Bit(PriorMarker::kMentalHealth);
        break;
      default:
        break;
    }
  }
  uint16_t Markers(size_t row, uint16_t bits) const {
    if (emergencies[row] == 1) bits |= Bit(PriorMarker::kEmergency1);
    if (emergencies[row] >= 2) bits |= Bit(PriorMarker::kEmergency2Plus);
    if (outpatients[row] >= 1 && outpatients[row] <= 3) bits |= Bit(PriorMarker::kOutpatient1To3);
    if (outpatients[row] >= 4) bits |= Bit(PriorMarker::kOutpatient4Plus);
    if (ae[row] == 1) bits |= Bit(PriorMarker::kAe1);
    if (ae[row] >= 2) bits |= Bit(PriorMarker::kAe2Plus);
    return bits;
  }
};

}  // namespace

CapitationFeatures BuildCapitationFeatures(const Population& p, std::span<const int32_t> event_cost,
                                           int year, std::span<const uint8_t> practices) {
  return std::move(BuildCapitationFeaturesForYears(p, event_cost, year, year, practices).front());
}

std::vector<CapitationFeatures> BuildCapitationFeaturesForYears(
    const Population& p, std::span<const int32_t> event_cost, int first, int last,
    std::span<const uint8_t> practices) {
  const size_t years = last >= first ? static_cast<size_t>(last - first + 1) : 0;
  std::vector<CapitationFeatures> out(years);
  std::vector<std::vector<int32_t>> row_of(years);
  ParallelFor(years, [&](size_t y) {
    BuildList(p, first + static_cast<int>(y), practices, &out[y], &row_of[y]);
  });
  if (years == 0) return out;

  // Events, read once for every year: an event of year Y is the cost of Y's list and utilisation
  // for Y + 1's. The patients are split between threads, so that each writes only its own rows.
  const EventColumns& e = p.events;
  // Day bounds of the financial years first - 1 .. last: year first - 1 + j is [bound[j],
  // bound[j + 1]).
  std::vector<Day> bound;
  for (int y = first - 1; y <= last + 1; ++y) bound.push_back(FinancialYearStart(y));
  std::vector<Utilisation> used;
  for (const CapitationFeatures& f : out) used.emplace_back(f.size());
  // Each thread reads every event's patient to find its own, so more than a few threads would
  // only share the memory bandwidth the reading needs.
  const size_t threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  std::vector<std::vector<std::array<int64_t, 2>>> uncosted(
      threads, std::vector<std::array<int64_t, 2>>(years, {0, 0}));
  ParallelFor(threads, [&](size_t t) {
    // This thread's patients: [from, to).
    const uint32_t from = static_cast<uint32_t>(p.patients.size() * t / threads);
    const uint32_t to = static_cast<uint32_t>(p.patients.size() * (t + 1) / threads);
    for (size_t k = 0; k < e.size(); ++k) {
      const uint32_t patient = e.patient[k];
      if (patient < from || patient >= to) continue;
      const Day day = e.day[k];
      if (day < bound.front() || day >= bound.back()) continue;
      size_t j = 0;  // year first - 1 + j
      while (day >= bound[j + 1]) ++j;
      const int32_t cost = event_cost[k];
      // The cost of year first - 1 + j, for list j - 1.
      if (j >= 1 && j <= years) {
        const int32_t row = row_of[j - 1][patient];
        if (row >= 0) {
          if (cost >= 0) {
            out[j - 1].cost[row] += cost;
          } else {
            ++uncosted[t][j - 1][0];
          }
        }
      }
      // Utilisation in year first - 1 + j, for list j.
      if (j < years) {
        const int32_t row = row_of[j][patient];
        if (row >= 0) {
          if (cost < 0) ++uncosted[t][j][1];
          used[j].Add(static_cast<Setting>(e.setting[k]), row, &out[j].prior[row]);
        }
      }
    }
  });
  for (size_t y = 0; y < years; ++y) {
    CapitationFeatures& f = out[y];
    for (size_t t = 0; t < threads; ++t) {
      f.uncosted_events += uncosted[t][y][0];
      f.prior_uncosted_events += uncosted[t][y][1];
    }
    for (size_t row = 0; row < f.size(); ++row) f.prior[row] = used[y].Markers(row, f.prior[row]);
    if (e.size() > 0) {
      // A year counts as covered when events reach into its first and last month.
      f.prior_year_complete = e.first_day < FinancialYearStart(f.year - 1) + 31;
      f.target_year_complete = e.last_day > FinancialYearEnd(f.year) - 31;
    } else {
      f.prior_year_complete = f.target_year_complete = false;
    }
  }
  return out;
}

}  // namespace continuum
