// Long-term conditions: a liability-threshold model. Each condition has a register prevalence
// by age and sex (rising with age), a deprivation gradient, and a loading on the person's
// latent risk, which correlates conditions with each other and with admissions and death.
// A person is on the register at age a when Phi(-loading*z + sqrt(1-loading^2)*e) < p(a), so
// the onset age is where the prevalence curve first passes that draw. Each curve is scaled
// once per run so that a reference sample of England (its age structure, with latent risk
// drawn as for the synthetic people) has the QOF prevalence in targets.csv.
//
//   const ConditionModel& model = ...;   // built once per run
//   model.Draw(&rng, birth, sex, decile, frailty, &onset, &resolved);
#pragma once

#include <array>
#include <string_view>

#include "core/date.h"
#include "core/random.h"
#include "generate/age_structure.h"
#include "generate/targets.h"
#include "model/codes.h"

namespace continuum {

inline constexpr Day kNever = INT32_MAX;
using ConditionDays = std::array<Day, kConditionCount>;

class ConditionModel {
 public:
  ConditionModel(const AgeSexTable& england, const CalibrationTargets& targets);

  // Draws onset and resolution days (kNever when none) for every register except palliative
  // care, which follows from dying (end_of_life.cc).
  void Draw(Rng* rng, Day birth, Sex sex, int decile, double frailty, ConditionDays* onset,
            ConditionDays* resolved) const;

  // The ICD-10 code recorded when a condition drives a contact (e.g. "E11.9" for diabetes).
  static std::string_view Icd10(Condition c);

 private:
  // Probability of being on the register by each age, per condition and sex, non-decreasing.
  std::array<std::array<std::array<float, kMaxAge + 1>, 2>, kConditionCount> prevalence_{};
  std::array<std::array<float, 11>, kConditionCount> deprivation_{};  // by decile 1..10
  std::array<float, kConditionCount> loading_{};
};

}  // namespace continuum
