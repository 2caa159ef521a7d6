#include "report/selection_disclosure.h"

#include <cmath>

#include "report/disclosure.h"

namespace continuum {
namespace {

// A count as disclosed, NaN when suppressed.
double Count(double count) {
  if (std::isnan(count)) return count;
  const std::optional<int64_t> shown = DiscloseCount(std::llround(count), Disclosure::kControlled);
  return shown ? static_cast<double>(*shown) : NAN;
}

// A figure of patients rounded to the nearest 5 (an expected count is no patient's, but its
// decimals, beside the observed count rounded, would narrow it).
double Rounded(double value) { return std::isnan(value) ? value : 5 * std::round(value / 5); }

PatientProfile Disclose(PatientProfile p) {
  if (p.patients < kSmallestProfile) return PatientProfile{};
  const int64_t n = p.patients;
  p.patients = static_cast<int64_t>(Count(static_cast<double>(n)));
  p.mean_age = std::round(p.mean_age);
  for (double* share : {&p.aged_75_plus, &p.women, &p.most_deprived}) {
    // A share of a small group says how many: 10% of 10 patients is one. Shown only when the
    // patients with it and those without are each none or more than 7.
    const int64_t with = std::llround(*share * static_cast<double>(n)), without = n - with;
    const auto small = [](int64_t k) { return k >= 1 && k <= kLargestSuppressedCount; };
    *share = small(with) || small(without) ? NAN : std::round(*share * 20) / 20;  // to 5 points
  }
  p.mean_conditions = std::round(p.mean_conditions * 10) / 10;
  return p;
}

}  // namespace

SelectionReport DiscloseSelection(SelectionReport report) {
  for (SelectionMeasure& m : report.measures) {
    if (m.estimated() && m.smallest_count <= kLargestSuppressedCount) {
      m.effect = m.ci_low = m.ci_high = m.p_value = m.q_value = NAN;
      m.not_estimated.clear();
      m.withheld = true;
    }
    if (m.unit != "pounds" && m.unit != "mean need decile") {
      m.observed = Count(m.observed);
      m.expected = Rounded(m.expected);
    }
    m.concerned = Disclose(m.concerned);
    m.comparison = Disclose(m.comparison);
  }
  for (auto* exits : {&report.ico_exits, &report.control_exits}) {
    for (ExitsByDecile& x : *exits) {
      for (int k = 0; k < 10; ++k) {
        x.patients[k] = static_cast<int64_t>(Rounded(static_cast<double>(x.patients[k])));
        for (auto* counts : {&x.removals, &x.other_exits}) {
          const double shown = Count(static_cast<double>((*counts)[k]));
          (*counts)[k] = std::isnan(shown) ? -1 : static_cast<int64_t>(shown);
        }
      }
    }
  }
  for (RegisterSize& r : report.registers) {
    r.observed = Count(r.observed);
    r.expected = Rounded(r.expected);
  }
  report.controlled = true;
  return report;
}

}  // namespace continuum
