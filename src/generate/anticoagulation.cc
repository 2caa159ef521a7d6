#include "generate/anticoagulation.h"

#include <algorithm>

namespace continuum {
namespace {

// Shares of oral anticoagulant prescribing in England around 2023 (OpenPrescribing, approx.):
// apixaban and edoxaban lead, rivaroxaban next, dabigatran rare, warfarin one in six.
struct Share {
  std::string_view medicine;
  double share;
};
constexpr Share kShares[] = {{kApixaban, 0.46},
                             {kEdoxaban, 0.17},
                             {kRivaroxaban, 0.18},
                             {kDabigatran, 0.03},
                             {kWarfarin, 0.16}};

}  // namespace

double AnticoagulatedShare(double practice_quality) {
  return std::clamp(0.84 + 0.04 * practice_quality, 0.7, 0.92);
}

bool Anticoagulant::TakenWith(double practice_quality) const {
  return draw < AnticoagulatedShare(practice_quality);
}

Anticoagulant DrawAnticoagulant(Rng* rng) {
  Anticoagulant drug;
  drug.draw = rng->Uniform();
  double u = rng->Uniform();
  drug.medicine = kShares[0].medicine;
  for (const Share& s : kShares) {
    if (u < s.share) {
      drug.medicine = s.medicine;
      break;
    }
    u -= s.share;
  }
  return drug;
}

}  // namespace continuum
