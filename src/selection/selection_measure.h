// One selection measure for one ICO: its effect against the comparison, the 95% interval, the
// one-sided p-value in the direction that would profit the ICO, and (set across the whole report)
// the q-value and whether it raises an alert. A measure the data cannot support says why instead
// (`not_estimated`), and then has no p-value, takes no part in the false discovery rate and never
// raises an alert.
//
//   SelectionMeasure m = NewMeasure("removals_top_need", ico);
//   SetRatio(&m, std::log(ratio), variance, Adverse::kHigher);
#pragma once

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace continuum {

// Which way of the effect would profit the ICO at its patients' expense.
enum class Adverse : uint8_t { kHigher, kLower };

// The patients a measure is about, in aggregate: how many, and who they are.
struct PatientProfile {
  int64_t patients = 0;
  double mean_age = NAN;
  double aged_75_plus = NAN;  // shares, 0..1
  double women = NAN;
  double most_deprived = NAN;    // in IMD quintile 1
  double mean_conditions = NAN;  // recorded long-term conditions on the list day
};

struct SelectionMeasure {
  std::string measure;        // a code from docs/selection.md: "removals_top_need", "register:copd"
  uint32_t ico = 0;           // organisation index
  std::string not_estimated;  // why the measure could not be estimated; empty when it was
  Adverse adverse = Adverse::kHigher;
  double effect = NAN, ci_low = NAN, ci_high = NAN;  // a ratio: 1 is "as the comparison"
  double p_value = NAN, q_value = NAN;
  bool alert = false;
  // Under disclosure control: the effect, interval, p- and q-value withheld, as they rest on a
  // count small enough to give it away (report/selection_disclosure.h); the alert still shows.
  bool withheld = false;
  // The ICO's observed figure against what the comparison leads one to expect (counts, pounds
  // or conditions as `unit` says), over the years counted.
  double observed = NAN, expected = NAN;
  std::string unit;
  std::vector<int> years;  // financial years counted
  // The smallest count of patients (or events) the effect is built from, for disclosure control:
  // a figure resting on a small count can give the count away.
  int64_t smallest_count = 0;
  PatientProfile concerned;   // the ICO's patients the measure is about
  PatientProfile comparison;  // the comparison's

  bool estimated() const { return not_estimated.empty(); }
};

SelectionMeasure NewMeasure(std::string_view measure, uint32_t ico, Adverse adverse);

// What a measure's effect says, for people ("practice-initiated removals of the top decile of
// need, ..."), from the catalogue of docs/selection.md; empty for a code not in it.
std::string_view MeasureMeaning(std::string_view measure);

// Sets effect = exp(log_ratio), its 95% interval exp(log_ratio ± 1.96 √variance) and the
// one-sided p-value of a normal test in the adverse direction.
void SetRatio(SelectionMeasure* m, double log_ratio, double variance);

// What one practice adds to an observed-against-expected comparison, for the dispersion check.
struct PracticeShare {
  double observed = 0, expected = 0, variance = 0;  // variance: as the measure models it
};
// How much more the practices differ than the measure's model of independent patients allows:
// the Pearson dispersion max(1, Σ (O_p - R E_p)² / Σ V_p x P / (P - 1)) over P practices, where R
// is the observed-over-expected ratio of each practice's own group (`group[p]` indexes `ratio`),
// so that an effect shared by all of a group's practices does not count as spread. A measure's
// variance is multiplied by it (quasi-likelihood), as practice habits make patients of one
// practice alike.
double PracticeDispersion(const std::vector<PracticeShare>& practices,
                          const std::vector<int>& group, const std::vector<double>& ratio);

// The count, sum and sum of squares of a figure over patients.
struct Moments {
  int64_t n = 0;
  double sum = 0, sum2 = 0;
  void Add(double x) {
    ++n;
    sum += x;
    sum2 += x * x;
  }
  void Add(const Moments& o) {
    n += o.n;
    sum += o.sum;
    sum2 += o.sum2;
  }
  double Mean() const { return sum / static_cast<double>(n); }
  // The sampling variance of the mean (0 below two patients).
  double MeanVariance() const;
  // The variance of the log of the mean (delta method).
  double LogMeanVariance() const { return MeanVariance() / (Mean() * Mean()); }
};

// Accumulates a PatientProfile from one patient at a time.
struct ProfileSum {
  int64_t patients = 0;
  double age = 0, aged_75_plus = 0, women = 0, most_deprived = 0, conditions = 0;
  void Add(int age_years, bool woman, int imd_quintile, int condition_count);
  void Add(const ProfileSum& other);
  PatientProfile Profile() const;
};

}  // namespace continuum
