// Oral anticoagulation in atrial fibrillation (NICE NG196): most people on the AF register take
// a direct oral anticoagulant, some warfarin, and the share treated rises with the practice's
// quality (about 76% in a poor practice, 84% in an average one, 90% in a good one). Each
// treated person keeps one medicine, issued as its own prescription (quantity 1, the BNF
// chemical substance in `medicine`) on the cycle of their other repeats.
//
//   const Anticoagulant drug = DrawAnticoagulant(&rng);      // once per person with AF
//   if (drug.TakenWith(practice.quality)) ... drug.medicine  // "0208020Z0" (apixaban)
#pragma once

#include <string_view>

#include "core/random.h"

namespace continuum {

// BNF chemical substances (section 2.8.2, oral anticoagulants).
inline constexpr std::string_view kWarfarin = "0208020V0";
inline constexpr std::string_view kDabigatran = "0208020X0";
inline constexpr std::string_view kRivaroxaban = "0208020Y0";
inline constexpr std::string_view kApixaban = "0208020Z0";
inline constexpr std::string_view kEdoxaban = "0208020AA";

struct Anticoagulant {
  std::string_view medicine;  // BNF code of the medicine the person would be given
  double draw = 0;            // uniform: treated when below the practice's treated share

  bool TakenWith(double practice_quality) const;
};

// The share of people with AF a practice of this quality anticoagulates.
double AnticoagulatedShare(double practice_quality);

Anticoagulant DrawAnticoagulant(Rng* rng);

}  // namespace continuum
