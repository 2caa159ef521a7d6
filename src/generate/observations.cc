#include "generate/observations.h"

#include <algorithm>
#include <cmath>

namespace continuum {
namespace {

constexpr Condition kVascular[] = {
    Condition::kHypertension, Condition::kDiabetes,     Condition::kChd, Condition::kStrokeTia,
    Condition::kCkd,          Condition::kHeartFailure, Condition::kAf};

int Clamp(double value, int low, int high) {
  return std::clamp(static_cast<int>(std::lround(value)), low, high);
}

}  // namespace

void AddObservations(const Simulation& sim, const Person& p, Rng* rng, PersonRecords* records) {
  const Window& window = sim.window;
  // Stable levels: smoking (more in deprived areas, ex-smokers with age), BMI, blood pressure
  // and, for diabetes, HbA1c (median ~55 mmol/mol, long right tail).
  const int age_at_start = static_cast<int>((p.entry - p.birth) / 365.25);
  const double current = 0.09 + 0.014 * (10 - p.decile) - (age_at_start > 65 ? 0.05 : 0.0);
  const double ex = 0.12 + 0.004 * std::max(0, age_at_start - 25);
  const double u = rng->Uniform();
  const auto smoking = u < current        ? SmokingStatus::kCurrent
                       : u < current + ex ? SmokingStatus::kEx
                                          : SmokingStatus::kNever;
  const double bmi = std::clamp(rng->Normal(27.3 + 0.25 * (5.5 - p.decile), 4.8), 15.0, 55.0);
  const double pressure = rng->Normal(0.0, 10.0);
  const double hba1c = 36.0 + rng->LogNormal(2.95, 0.45);

  auto add = [&](Day day, ObservationKind kind, int value) {
    records->observations.push_back({day, kind, value});
  };
  for (int y = 0; y < window.years(); ++y) {
    const Day a = std::max(p.entry, window.YearStart(y));
    const Day b = std::min(p.exit, window.YearEnd(y));
    if (a > b) continue;
    const double share = (b - a + 1) / 365.25;
    auto day_in = [&] { return a + static_cast<Day>(rng->Below(b - a + 1)); };
    const Day mid = a + (b - a) / 2;
    const int age = static_cast<int>((mid - p.birth) / 365.25);
    if (age < 16) continue;
    const double quality = sim.practice(p.PracticeOn(mid)).quality;
    bool vascular = false;
    for (Condition c : kVascular) vascular = vascular || p.Has(c, mid);
    const bool diabetes = p.Has(Condition::kDiabetes, mid);
    const bool hypertension = p.Has(Condition::kHypertension, mid);

    if (rng->Chance(std::clamp(0.4 + 0.08 * quality, 0.1, 0.9) * share)) {
      add(day_in(), ObservationKind::kSmokingStatus, static_cast<int>(smoking));
    }
    int readings = vascular ? rng->Poisson(1.3 * share) : age >= 40 && rng->Chance(0.3 * share);
    for (; readings > 0; --readings) {
      const Day day = day_in();
      const double systolic = 112 + 0.5 * std::max(0, age - 30) + pressure +
                              (hypertension ? 12 - 4 * quality : 0) + rng->Normal(0.0, 8.0);
      add(day, ObservationKind::kSystolicBp, Clamp(systolic, 60, 260));
      add(day, ObservationKind::kDiastolicBp,
          Clamp(0.42 * systolic + 22 + rng->Normal(0.0, 6.0), 30, 160));
    }
    if (diabetes) {
      for (int n = rng->Poisson(1.8 * share); n > 0; --n) {
        add(day_in(), ObservationKind::kHba1c,
            Clamp(hba1c - 2.5 * quality + rng->Normal(0.0, 4.0), 20, 200));
      }
    } else if (age >= 40 && rng->Chance(0.08 * share)) {
      add(day_in(), ObservationKind::kHba1c, Clamp(rng->Normal(38.0, 3.5), 20, 47));
    }
    if (rng->Chance((diabetes ? 0.8 : 0.25) * share)) {
      add(day_in(), ObservationKind::kBmi, Clamp((bmi + rng->Normal(0.0, 0.6)) * 10, 100, 800));
    }
  }
}

}  // namespace continuum
