#include "generate/conditions.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <string>
#include <vector>

#include "generate/life_course.h"

namespace continuum {
namespace {

constexpr int kPalliative = static_cast<int>(Condition::kPalliative);
constexpr uint64_t kReferenceSeed = 0x434F4E44ULL;  // fixed: the scales never vary by run
constexpr int kReferencePeople = 40000;

struct ConditionParameters {
  Condition condition;
  std::string_view measure;  // the prevalence row of targets.csv
  int denominator_age;       // the measure counts patients of this age and over
  // Relative prevalence at ages 0, 10, ..., 100 (QOF registers rise steeply with age).
  std::array<double, 11> by_age;
  double male_ratio;   // prevalence in men relative to women
  double deprivation;  // log odds ratio of decile 1 over the middle (decile 10 gets minus it)
  double loading;      // correlation of the liability with the latent risk
  double adjust;       // measured correction for deaths, resolutions and ageing in the window
  std::string_view icd10;
};

// Age shapes after NHS Digital QOF prevalence by age and the condition epidemiology literature
// (approximate). Loadings are moderate: registers cluster in the frail, so multimorbidity is the
// rule over 75, but a register says only part of how frail someone is (frailty also drives
// admissions, care and death directly), as diagnoses explain only part of cost in life.
// clang-format off
constexpr ConditionParameters kParameters[] = {
    // condition, targets.csv row, denominator age,
    //   relative prevalence at ages 0, 10, ..., 100, male ratio, deprivation, loading, adjust, ICD-10
    {Condition::kHypertension, "prevalence_hypertension", 0,
     {0, 0, 0.3, 1.5, 5, 13, 25, 40, 52, 58, 58}, 1.1, 0.15, 0.22, 0.98, "I10"},
    {Condition::kDiabetes, "prevalence_diabetes_17plus", 17,
     {0.1, 0.2, 0.8, 2, 4.5, 8, 12.5, 16, 17, 17, 17}, 1.3, 0.45, 0.25, 1.02, "E11.9"},
    {Condition::kAsthma, "prevalence_asthma", 0,
     {2.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5, 8.5}, 0.8, 0.15, 0.12, 1.43, "J45.9"},
    {Condition::kCopd, "prevalence_copd", 0,
     {0, 0, 0, 0.1, 0.4, 1.3, 3.5, 6.5, 8, 8, 8}, 1.05, 0.7, 0.28, 1.04, "J44.9"},
    {Condition::kChd, "prevalence_chd", 0,
     {0, 0, 0, 0.1, 0.6, 2, 5.5, 10.5, 15.5, 18, 18}, 1.8, 0.3, 0.28, 0.95, "I25.9"},
    {Condition::kHeartFailure, "prevalence_heart_failure", 0,
     {0, 0, 0, 0.05, 0.15, 0.4, 1, 2.6, 5.5, 9, 10}, 1.35, 0.3, 0.32, 1.0, "I50.9"},
    {Condition::kAf, "prevalence_af", 0,
     {0, 0, 0, 0.05, 0.2, 0.6, 2, 5.5, 11, 15, 15}, 1.35, 0.0, 0.22, 1.01, "I48.9"},
    {Condition::kStrokeTia, "prevalence_stroke_tia", 0,
     {0, 0, 0.05, 0.15, 0.4, 1, 2.5, 5.2, 8.5, 11, 11}, 1.1, 0.3, 0.28, 0.96, "I63.9"},
    {Condition::kCkd, "prevalence_ckd_18plus", 18,
     {0, 0, 0.1, 0.2, 0.5, 1.3, 3.5, 9, 20, 32, 35}, 0.75, 0.2, 0.28, 1.007, "N18.3"},
    {Condition::kCancer, "prevalence_cancer", 0,
     {0.05, 0.1, 0.25, 0.6, 1.3, 2.6, 5, 8.5, 11.5, 12, 12}, 1.0, 0.0, 0.15, 1.02, "C80.9"},
    {Condition::kDementia, "prevalence_dementia", 0,
     {0, 0, 0, 0, 0.02, 0.1, 0.5, 2, 7, 18, 25}, 0.85, 0.15, 0.22, 1.2, "F03"},
    {Condition::kDepression, "prevalence_depression_18plus", 18,
     {0, 1, 8, 12, 13.5, 14, 14, 14, 14, 14, 14}, 0.55, 0.35, 0.18, 1.24, "F32.9"},
    {Condition::kSmi, "prevalence_smi", 0,
     {0, 0.05, 0.6, 1.0, 1.2, 1.25, 1.25, 1.25, 1.25, 1.25, 1.25}, 1.1, 0.6, 0.15, 1.01, "F20.9"},
    {Condition::kEpilepsy, "prevalence_epilepsy_18plus", 18,
     {0.3, 0.55, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1, 1, 1}, 1.1, 0.35, 0.12, 0.99, "G40.9"},
    {Condition::kHypothyroidism, "prevalence_hypothyroidism", 0,
     {0, 0.1, 0.6, 1.3, 2.3, 3.8, 5.5, 7.5, 9, 9, 9}, 0.2, 0.05, 0.08, 1.02, "E03.9"},
};
// clang-format on
static_assert(std::size(kParameters) == kConditionCount - 1, "every register but palliative");

// Fraction of episodes later recorded as resolved, and how long after onset (years).
struct Resolution {
  Condition condition;
  int onset_before_age;  // only episodes starting before this age resolve
  double probability, min_years, max_years;
};
constexpr Resolution kResolutions[] = {
    {Condition::kDepression, 200, 0.2, 0.5, 6.0},
    {Condition::kAsthma, 16, 0.35, 2.0, 12.0},
};

}  // namespace

ConditionModel::ConditionModel(const AgeSexTable& england, const CalibrationTargets& targets) {
  // A reference sample of England: ages and sexes from the embedded table, latent frailty as
  // the synthetic people get it (survivors to their age), deciles evenly spread.
  struct Reference {
    int age, sex, decile;
    double frailty;
  };
  Rng rng(kReferenceSeed);
  const AgeSexSampler sampler(england);
  std::vector<Reference> sample(kReferencePeople);
  for (Reference& r : sample) {
    const auto [sex, age] = sampler.Draw(rng.Uniform());
    r.age = age;
    r.sex = static_cast<int>(sex);
    r.decile = 1 + static_cast<int>(rng.Below(10));
    r.frailty = DrawFrailty(&rng, age, sex, r.decile);
  }
  std::vector<float> thresholds(sample.size());
  for (const ConditionParameters& p : kParameters) {
    const int c = static_cast<int>(p.condition);
    assert(&p == &kParameters[c] && "kParameters is in Condition order");
    loading_[c] = static_cast<float>(p.loading);
    double mean = 0;
    for (int d = 1; d <= 10; ++d) mean += std::exp(p.deprivation * (5.5 - d) / 4.5) / 10;
    for (int d = 1; d <= 10; ++d) {
      deprivation_[c][d] = static_cast<float>(std::exp(p.deprivation * (5.5 - d) / 4.5) / mean);
    }
    // Interpolate the shape by single year, keep it non-decreasing, split by sex.
    std::array<std::array<double, kMaxAge + 1>, 2> shape{};
    const double female = 2.0 / (1.0 + p.male_ratio), male = female * p.male_ratio;
    double running = 0;
    for (int a = 0; a <= kMaxAge; ++a) {
      const int band = std::min(a / 10, 9);
      const double t = (a - band * 10) / 10.0;
      running = std::max(running, p.by_age[band] * (1 - t) + p.by_age[band + 1] * t);
      shape[0][a] = running * female;
      shape[1][a] = running * male;
    }
    // Each reference person's draw, as a threshold on the prevalence curve (see Draw()).
    for (size_t i = 0; i < sample.size(); ++i) {
      const double liability =
          -p.loading * sample[i].frailty + std::sqrt(1.0 - p.loading * p.loading) * rng.Normal();
      thresholds[i] = static_cast<float>(NormalCdf(liability) / deprivation_[c][sample[i].decile]);
    }
    // The scale at which the sample, at and over the denominator age, has the target prevalence.
    const double target = targets.Value(p.measure) / 100.0 * p.adjust;
    auto prevalence = [&](double scale) {
      int64_t people = 0, on_register = 0;
      for (size_t i = 0; i < sample.size(); ++i) {
        const Reference& r = sample[i];
        if (r.age < p.denominator_age) continue;
        ++people;
        on_register += thresholds[i] < std::min(0.97, scale * shape[r.sex][r.age]);
      }
      return people > 0 ? static_cast<double>(on_register) / people : 0.0;
    };
    double low = 0, high = 1;
    for (int iteration = 0; iteration < 50; ++iteration) {
      const double mid = 0.5 * (low + high);
      (prevalence(mid) < target ? low : high) = mid;
    }
    const double scale = 0.5 * (low + high);
    for (int s = 0; s < 2; ++s) {
      for (int a = 0; a <= kMaxAge; ++a) {
        prevalence_[c][s][a] = static_cast<float>(std::min(0.97, shape[s][a] * scale));
      }
    }
  }
}

void ConditionModel::Draw(Rng* rng, Day birth, Sex sex, int decile, double frailty,
                          ConditionDays* onset, ConditionDays* resolved) const {
  onset->fill(kNever);
  resolved->fill(kNever);
  const int s = static_cast<int>(sex);
  for (int c = 0; c < kConditionCount; ++c) {
    if (c == kPalliative) continue;
    const double loading = loading_[c];
    const double liability =
        -loading * frailty + std::sqrt(1.0 - loading * loading) * rng->Normal();
    const double threshold = NormalCdf(liability) / deprivation_[c][decile];
    const auto& curve = prevalence_[c][s];
    const auto first = std::upper_bound(curve.begin(), curve.end(), threshold);
    if (first == curve.end()) continue;
    const int age = static_cast<int>(first - curve.begin());
    // Recorded during the year before that birthday, so that by completed age a the register
    // holds everyone below p(a).
    (*onset)[c] = std::max(birth, birth + static_cast<Day>(age * 365.25 - rng->Uniform() * 365.0));
    for (const Resolution& r : kResolutions) {
      if (static_cast<int>(r.condition) == c && age < r.onset_before_age &&
          rng->Chance(r.probability)) {
        (*resolved)[c] =
            (*onset)[c] + static_cast<Day>(365.25 * rng->Uniform(r.min_years, r.max_years));
      }
    }
  }
}

std::string_view ConditionModel::Icd10(Condition c) {
  if (c == Condition::kPalliative) return "Z51.5";
  return kParameters[static_cast<int>(c)].icd10;
}

}  // namespace continuum
