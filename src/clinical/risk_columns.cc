#include "clinical/risk_columns.h"

#include <algorithm>
#include <cctype>
#include <climits>

#include "clinical/comorbidity.h"

namespace continuum {
namespace {

constexpr int kAgeBands = 13;
constexpr std::string_view kAgeBandNames[kAgeBands] = {"0-4",   "5-14",  "15-24", "25-34", "35-44",
                                                       "45-54", "55-64", "65-69", "70-74", "75-79",
                                                       "80-84", "85-89", "90+"};
constexpr int kAgeBandLow[kAgeBands] = {0, 5, 15, 25, 35, 45, 55, 65, 70, 75, 80, 85, 90};
// The age/sex cell the intercept stands for: men aged 25-34.
constexpr int kReferenceCell = 3 + kAgeBands * static_cast<int>(Sex::kMale);
constexpr int kDeprivationTerms = 4;  // quintiles 1 (most deprived) to 4; 5 is the reference

// Conditions as a clinician names them, by Condition.
constexpr std::string_view kConditionWords[kConditionCount] = {"hypertension",
                                                               "diabetes",
                                                               "asthma",
                                                               "COPD",
                                                               "coronary heart disease",
                                                               "heart failure",
                                                               "atrial fibrillation",
                                                               "stroke or TIA",
                                                               "chronic kidney disease",
                                                               "cancer",
                                                               "dementia",
                                                               "depression",
                                                               "severe mental illness",
                                                               "epilepsy",
                                                               "hypothyroidism",
                                                               "palliative care"};

// Charlson conditions as a clinician names them, by the data file's category; others fall back
// to the file's own name.
struct CharlsonWords {
  std::string_view category, words;
};
constexpr CharlsonWords kCharlsonWords[] = {
    {"mi", "myocardial infarction"},
    {"chf", "heart failure"},
    {"pvd", "peripheral vascular disease"},
    {"cerebrovascular", "cerebrovascular disease"},
    {"dementia", "dementia"},
    {"chronic_pulmonary", "chronic lung disease"},
    {"rheumatic", "rheumatic disease"},
    {"peptic_ulcer", "peptic ulcer"},
    {"mild_liver", "mild liver disease"},
    {"diabetes_uncomplicated", "diabetes"},
    {"diabetes_complicated", "diabetes with complications"},
    {"hemiplegia", "hemiplegia or paraplegia"},
    {"renal", "renal disease"},
    {"malignancy", "cancer"},
    {"severe_liver", "severe liver disease"},
    {"metastatic", "metastatic cancer"},
    {"hiv", "HIV/AIDS"},
};

// The bands of each count, from the lowest; a count of 0 is the reference. `one` describes a
// count of 1, `many` follows any other number.
struct ActivityBands {
  RiskCount count;
  std::string_view stem;
  std::vector<int> lows;  // each band runs to the next one's low - 1; the last is open
  std::string_view one, many;
};
const std::vector<ActivityBands>& Activities() {
  static const std::vector<ActivityBands> activities = {
      {RiskCount::kEmergency,
       "emergency_12m",
       {1, 2, 3},
       "an emergency admission in the last 12 months",
       "emergency admissions in the last 12 months"},
      {RiskCount::kEmergencyYearBefore,
       "emergency_13_24m",
       {1, 2},
       "an emergency admission 13-24 months ago",
       "emergency admissions 13-24 months ago"},
      {RiskCount::kRecentEmergency,
       "emergency_3m",
       {1},
       "an emergency admission in the last 3 months",
       "emergency admissions in the last 3 months"},
      {RiskCount::kAe,
       "ae_12m",
       {1, 2, 3},
       "an A&E attendance in the last 12 months",
       "A&E attendances in the last 12 months"},
      {RiskCount::kOutpatientFirst,
       "outpatient_first_12m",
       {1, 2},
       "a first outpatient appointment in the last 12 months",
       "first outpatient appointments in the last 12 months"},
      {RiskCount::kOutpatientFollowUp,
       "outpatient_followup_12m",
       {1, 3, 6},
       "an outpatient follow-up in the last 12 months",
       "outpatient follow-ups in the last 12 months"},
      {RiskCount::kElective,
       "elective_12m",
       {1, 2},
       "an elective admission or day case in the last 12 months",
       "elective admissions or day cases in the last 12 months"},
      {RiskCount::kBedDays,
       "bed_days_12m",
       {1, 7, 21},
       "a day in hospital in the last 12 months",
       "days in hospital in the last 12 months"},
      {RiskCount::kGp,
       "gp_12m",
       {1, 3, 6, 12},
       "a GP consultation in the last 12 months",
       "GP consultations in the last 12 months"},
      {RiskCount::kNurse,
       "nurse_12m",
       {1, 3, 6},
       "a practice nurse contact in the last 12 months",
       "practice nurse contacts in the last 12 months"},
      {RiskCount::kCommunity,
       "community_12m",
       {1, 6, 20},
       "a community contact in the last 12 months",
       "community contacts in the last 12 months"},
      {RiskCount::kMentalHealth,
       "mental_health_12m",
       {1, 6},
       "a mental health contact in the last 12 months",
       "mental health contacts in the last 12 months"},
      {RiskCount::kSocialCare,
       "social_care_12m",
       {1},
       "a social care package in the last 12 months",
       "social care packages in the last 12 months"},
      {RiskCount::kPrescriptionItems,
       "prescription_items_12m",
       {1, 10, 30, 60},
       "a prescription item in the last 12 months",
       "prescription items in the last 12 months"},
  };
  return activities;
}

std::string BandText(int low, int high) {
  if (high == INT32_MAX) return std::to_string(low) + "+";
  if (low == high) return std::to_string(low);
  return std::to_string(low) + "-" + std::to_string(high);
}

std::string CountWords(int n, std::string_view one, std::string_view many) {
  return n == 1 ? std::string(one) : std::to_string(n) + " " + std::string(many);
}

int AgeBand(int age) {
  int band = 0;
  while (band + 1 < kAgeBands && age >= kAgeBandLow[band + 1]) ++band;
  return band;
}

// The catalogue and the lookups from a patient's features to its columns.
struct Catalogue {
  std::vector<RiskColumn> columns;
  std::array<int, 2 * kAgeBands> age_sex{};              // by cell; -1 for the reference
  std::array<int, kDeprivationTerms + 2> deprivation{};  // by quintile 0..5; -1 for none
  std::array<int, kConditionCount> registers{};
  std::array<int, kCharlsonConditions> charlson{};
  std::array<std::vector<std::pair<int, int>>, kRiskCountKinds> bands;  // (low, column)
  int new_to_list = 0;

  Catalogue() {
    auto add = [&](RiskColumn column) {
      columns.push_back(std::move(column));
      return static_cast<int>(columns.size()) - 1;
    };
    for (int cell = 0; cell < 2 * kAgeBands; ++cell) {
      const int band = cell % kAgeBands;
      const bool male = cell / kAgeBands == static_cast<int>(Sex::kMale);
      age_sex[cell] = cell == kReferenceCell
                          ? -1
                          : add({.name = "age_sex:" + std::string(kSexCodes[cell / kAgeBands]) +
                                         "_" + std::string(kAgeBandNames[band]),
                                 .label = std::string(male ? "man" : "woman") + " aged " +
                                          std::string(kAgeBandNames[band]),
                                 .kind = RiskColumnKind::kAgeSex});
    }
    deprivation.fill(-1);
    for (int q = 1; q <= kDeprivationTerms; ++q) {
      deprivation[q] = add({.name = "imd:quintile_" + std::to_string(q),
                            .label = q == 1 ? "living in the most deprived fifth of areas"
                                            : "living in IMD quintile " + std::to_string(q),
                            .kind = RiskColumnKind::kDeprivation});
    }
    for (int c = 0; c < kConditionCount; ++c) {
      registers[c] = add({.name = "register:" + std::string(kConditionCodes[c]),
                          .label = "on the " + std::string(kConditionWords[c]) + " register",
                          .kind = RiskColumnKind::kRegister});
    }
    const auto& categories = ComorbidityMatcher::Get().categories();
    for (int k = 0; k < kCharlsonConditions; ++k) {
      charlson[k] = add({.name = "charlson:" + categories[k].column.substr(9),
                         .label = CharlsonConditionWords(k) + " coded in the last 2 years",
                         .kind = RiskColumnKind::kCharlson});
    }
    for (const ActivityBands& a : Activities()) {
      for (size_t b = 0; b < a.lows.size(); ++b) {
        const int low = a.lows[b];
        const int high = b + 1 < a.lows.size() ? a.lows[b + 1] - 1 : INT32_MAX;
        const std::string range = BandText(low, high);
        bands[static_cast<int>(a.count)].emplace_back(
            low,
            add({.name = std::string(a.stem) + ":" + range,
                 .label = range == "1" ? std::string(a.one) : range + " " + std::string(a.many),
                 .kind = RiskColumnKind::kActivity,
                 .count = a.count,
                 .low = low,
                 .high = high}));
      }
    }
    new_to_list = add({.name = "new_to_list",
                       .label = "new to the list (registered less than 12 months)",
                       .kind = RiskColumnKind::kNewToList});
  }

  static std::string CharlsonConditionWords(int k) {
    const ComorbidityCategory& category = ComorbidityMatcher::Get().categories()[k];
    const std::string_view code = std::string_view(category.column).substr(9);  // "charlson_"
    for (const CharlsonWords& w : kCharlsonWords) {
      if (w.category == code) return std::string(w.words);
    }
    std::string words = category.name;
    if (!words.empty()) words[0] = static_cast<char>(std::tolower(words[0]));
    return words;
  }
};

const Catalogue& TheCatalogue() {
  static const Catalogue catalogue;
  return catalogue;
}

}  // namespace

const std::vector<RiskColumn>& RiskColumns() { return TheCatalogue().columns; }

int FindRiskColumn(std::string_view name) {
  const auto& columns = RiskColumns();
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<int> RiskModelColumns(RiskColumnSet set, bool year_before) {
  std::vector<int> out;
  const auto& columns = RiskColumns();
  for (size_t i = 0; i < columns.size(); ++i) {
    const RiskColumn& c = columns[i];
    if (set == RiskColumnSet::kAgeSex && c.kind != RiskColumnKind::kAgeSex) continue;
    if (!year_before && c.kind == RiskColumnKind::kActivity &&
        c.count == RiskCount::kEmergencyYearBefore)
      continue;
    out.push_back(static_cast<int>(i));
  }
  return out;
}

RiskRowColumns ActiveRiskColumns(const RiskFeatures& f, size_t row) {
  const Catalogue& cat = TheCatalogue();
  RiskRowColumns out;
  auto push = [&](int column) {
    if (column >= 0) out.index[out.size++] = static_cast<uint16_t>(column);
  };
  const int sex = f.sex[row] == static_cast<uint8_t>(Sex::kMale) ? 1 : 0;
  push(cat.age_sex[AgeBand(f.age[row]) + kAgeBands * sex]);
  const int decile = f.imd_decile[row];
  push(cat.deprivation[decile == 0 ? 0 : (decile + 1) / 2]);
  for (uint32_t bits = f.registers[row]; bits != 0; bits &= bits - 1) {
    push(cat.registers[__builtin_ctz(bits)]);
  }
  for (uint32_t bits = f.charlson[row]; bits != 0; bits &= bits - 1) {
    push(cat.charlson[__builtin_ctz(bits)]);
  }
  for (int kind = 0; kind < kRiskCountKinds; ++kind) {
    const int n = f.counts[row][kind];
    if (n == 0) continue;
    int column = -1;
    for (const auto& [low, c] : cat.bands[kind]) {
      if (n >= low) column = c;
    }
    push(column);
  }
  if (f.new_to_list[row]) push(cat.new_to_list);
  return out;
}

DesignMatrix RiskDesignMatrix(const RiskFeatures& f, std::span<const int> columns) {
  const auto& all = RiskColumns();
  std::vector<std::string> names;
  std::vector<int> position(all.size(), -1);  // catalogue index -> matrix column
  for (size_t j = 0; j < columns.size(); ++j) {
    names.push_back(all[columns[j]].name);
    position[columns[j]] = static_cast<int>(j);
  }
  DesignMatrix x(std::move(names));
  x.Reserve(f.size(), f.size() * 8);
  for (size_t row = 0; row < f.size(); ++row) {
    for (uint16_t column : ActiveRiskColumns(f, row)) {
      if (position[column] >= 0) x.Add(static_cast<uint32_t>(position[column]));
    }
    x.EndRow();
  }
  return x;
}

std::string RiskFactorWords(const RiskFeatures& f, size_t row, int column) {
  const RiskColumn& c = RiskColumns()[column];
  switch (c.kind) {
    case RiskColumnKind::kAgeSex:
      return "aged " + std::to_string(f.age[row]);
    case RiskColumnKind::kDeprivation:
      return "living in an area of IMD decile " + std::to_string(f.imd_decile[row]) +
             (f.imd_decile[row] <= 2 ? " (most deprived)" : "");
    case RiskColumnKind::kRegister:
      for (int k = 0; k < kConditionCount; ++k) {
        if (TheCatalogue().registers[k] == column) return std::string(kConditionWords[k]);
      }
      break;
    case RiskColumnKind::kCharlson:
      return c.label;
    case RiskColumnKind::kActivity:
      for (const ActivityBands& a : Activities()) {
        if (a.count == c.count) return CountWords(f.Count(row, c.count), a.one, a.many);
      }
      break;
    case RiskColumnKind::kNewToList:
      return "new to the list in the last 12 months";
  }
  return c.label;
}

}  // namespace continuum
