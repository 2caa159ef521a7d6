#include "generate/care_adjustments.h"

#include "generate/selection.h"

namespace continuum {
namespace {

// The registers the QOF has indicators an adjustment can except a patient from.
constexpr Condition kAdjustable[] = {
    Condition::kHypertension, Condition::kDiabetes,     Condition::kAsthma, Condition::kCopd,
    Condition::kChd,          Condition::kHeartFailure, Condition::kAf,     Condition::kStrokeTia,
    Condition::kCkd,          Condition::kDementia,     Condition::kSmi,    Condition::kEpilepsy,
};

}  // namespace

void AddCareAdjustments(const Simulation& sim, const Person& p, Rng* rng, PersonRecords* records) {
  const Window& window = sim.window;
  for (const Condition condition : kAdjustable) {
    const int c = static_cast<int>(condition);
    if (p.onset[c] > p.exit || p.resolved[c] <= p.entry) continue;
    for (int y = 0; y < window.years(); ++y) {
      const Day day = window.YearStart(y) + static_cast<Day>(rng->Below(365));
      const double draw = rng->Uniform();
      if (day < p.entry || day > p.exit || day > window.YearEnd(y) || !p.Has(condition, day))
        continue;
      double share = kCareAdjustmentShare;
      if (sim.exceptions != nullptr) {
        for (const PlantedUpcoding& e : *sim.exceptions) {
          if (e.year == y && IcoOn(sim, p, day) == e.ico) share *= 1 + e.percent / 100;
        }
      }
      if (draw < share) records->observations.push_back({day, ObservationKind::kCareAdjustment, c});
    }
  }
}

}  // namespace continuum
