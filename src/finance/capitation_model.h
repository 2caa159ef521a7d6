// A person-based capitation model in the manner of PBRA (Dixon et al., BMJ 2011;343:d6608):
// next-year cost regressed by ordinary least squares on the terms of capitation_features.h,
// fitted on one year, validated on the next, and saved to or read from a coefficients file.
//
//   auto fit = FitCapitationModel(BuildCapitationFeatures(p, p.events.cost, 2023), kFull);
//   CapitationValidation v = ValidateCapitationModel(*fit, next_year_features);
//   Status s = WriteCapitationModel(*fit, "model.csv");   // ReadCapitationModel("model.csv")
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "finance/capitation_features.h"

namespace continuum {

enum class CapitationModelKind : uint8_t {
  kAgeSex,  // intercept and age/sex bands
  kFull,    // every term of the catalogue
};
inline constexpr std::string_view kCapitationModelKindCodes[] = {"age_sex", "full"};

// Whether `term` (an index into CapitationTermNames()) belongs to models of `kind`.
bool ModelHasTerm(CapitationModelKind kind, int term);

struct CapitationModel {
  CapitationModelKind kind = CapitationModelKind::kFull;
  // Where the coefficients came from: "fitted on 2023-24 (features from 2022-23)" for a fit, or
  // the file's own `# source:` line.
  std::string source;
  // Pounds a head a year for each catalogue term; 0 for terms outside the model's kind and for
  // terms no one in the fitting year had (which cannot be estimated).
  std::array<double, kTermCount> coefficient{};
  int64_t fit_rows = 0;      // people the fit saw (0 for a model read from a file)
  double fit_r2 = 0;         // person-level R² on the fitting year itself
  std::vector<int> dropped;  // model terms no one in the fitting year had (coefficient 0)

  // Predicted cost of one row of `features`, in pence (may be negative: OLS is unconstrained).
  double Predict(const CapitationFeatures& features, size_t row) const;
};

// Ordinary least squares with intercept, accumulating XᵀX over each row's few active terms (two
// threads). Terms nobody has are left out of the fit with coefficient 0; exactly collinear terms
// get the minimum-norm solution. InvalidInput when the list is empty.
Result<CapitationModel> FitCapitationModel(const CapitationFeatures& features,
                                           CapitationModelKind kind);

// How well a model predicts a year it was not fitted on.
struct CapitationValidation {
  int64_t people = 0, practices = 0;
  // 1 - SSE/SST over people, predictions as the model gives them.
  double person_r2 = 0;
  // Over practices, on cost per head, each practice weighted by its list size, after scaling the
  // predictions to the year's actual total (as an allocation would be).
  double practice_r2 = 0;
  // Practices whose actual cost is 10% or more above or below their scaled prediction.
  int64_t practices_off_by_10_percent = 0;
  double predicted_total = 0, actual_total = 0;  // pence, before scaling
};

CapitationValidation ValidateCapitationModel(const CapitationModel& model,
                                             const CapitationFeatures& features);

// The coefficients file, in pounds a head a year:
//   # continuum capitation model
//   # model: full
//   # source: fitted on 2023-24 (features from 2022-23)
//   term,coefficient
//   intercept,312.58
//   age_sex:F_0-4,-41.2
// `# model:` is required and names the term set; every term of that set must appear exactly
// once (write 0 for a term that adds nothing); `# source:` is optional; other `#` lines are
// comments. Errors name the file, line and field.
std::string FormatCapitationModel(const CapitationModel& model);
Result<CapitationModel> ParseCapitationModel(std::string_view text, const std::string& file_name);
Status WriteCapitationModel(const CapitationModel& model, const std::string& path);
Result<CapitationModel> ReadCapitationModel(const std::string& path);

}  // namespace continuum
