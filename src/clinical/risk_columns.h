// The columns an emergency-admission risk model draws from: each patient's features
// (risk_features.h) as 0/1 flags, each with a stable name, a label for the coefficient table and
// words for one patient's list of risk factors. Categories leave out a reference level (a man
// aged 25-34, IMD quintile 5, no use of a service, no condition), so each coefficient reads as
// log-odds above or below it.
//
//   std::vector<int> columns = RiskModelColumns(RiskColumnSet::kFull, true);
//   DesignMatrix x = RiskDesignMatrix(features, columns);
//   RiskColumns()[columns[0]].name                    // "age_sex:F_0-4"
//   RiskFactorWords(features, row, columns[j])        // "2 emergency admissions in the last 12
//   months"
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clinical/risk_features.h"
#include "stats/design_matrix.h"

namespace continuum {

enum class RiskColumnKind : uint8_t {
  kAgeSex,       // an age band and sex
  kDeprivation,  // an IMD quintile
  kRegister,     // a long-term condition register
  kCharlson,     // a Charlson condition coded in the 24 months before
  kActivity,     // a band of one RiskCount
  kNewToList,    // registered less than 12 months
};

struct RiskColumn {
  std::string name;   // "age_sex:F_85-89", "register:heart_failure", "emergency_12m:2"
  std::string label;  // "woman aged 85-89", "on the heart failure register"
  RiskColumnKind kind;
  RiskCount count = RiskCount::kEmergency;  // kActivity: the count and its band
  int low = 0, high = 0;                    // high is INT32_MAX for an open band ("3+")
};

// Every column, in a fixed order (a column's index is its place here).
const std::vector<RiskColumn>& RiskColumns();
// The index of a column name, or -1.
int FindRiskColumn(std::string_view name);

enum class RiskColumnSet : uint8_t {
  kAgeSex,  // age and sex only: the baseline a model must beat
  kFull,    // every column
};
// The columns of a model, as indexes into RiskColumns(). Without `year_before` (the data do not
// reach 24 months before the fit's index day) the admissions 13-24 months before are left out.
std::vector<int> RiskModelColumns(RiskColumnSet set, bool year_before);

// The columns one patient's row holds (value 1), in catalogue order.
struct RiskRowColumns {
  std::array<uint16_t, 64> index;
  int size = 0;
  const uint16_t* begin() const { return index.data(); }
  const uint16_t* end() const { return index.data() + size; }
};
RiskRowColumns ActiveRiskColumns(const RiskFeatures& features, size_t row);

// A design matrix over `columns` (indexes into RiskColumns(), in the matrix's column order), a
// row per patient of `features`.
DesignMatrix RiskDesignMatrix(const RiskFeatures& features, std::span<const int> columns);

// What column `column` says of the patient in `row`, in words a clinician reads, with their own
// numbers: "aged 87", "2 emergency admissions in the last 12 months", "heart failure".
std::string RiskFactorWords(const RiskFeatures& features, size_t row, int column);

}  // namespace continuum
