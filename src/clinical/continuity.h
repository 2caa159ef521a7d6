// Continuity and fragmentation of one patient's care, from their contacts in time order and the
// provider and setting of each. The three continuity indices are those reviews of the field use
// (Jee and Cabana, "Indices for continuity of care: a systematic review of the literature",
// Medical Care Research and Review 63:158, 2006; Pollack et al., "Patterns and predictors of
// continuity of care", 2016), each between 0 and 1, 1 being one provider throughout:
//   - usual provider of care (UPC, Breslau and Reeb 1975): the share of contacts with the
//     provider seen most;
//   - continuity of care index (COC, Bice and Boxerman 1977): (Σ_j n_j² − n) / (n (n − 1)) over
//     the n contacts, n_j of them with provider j;
//   - sequential continuity (SECON, Steinwachs 1979): the share of consecutive pairs of contacts
//     with the same provider.
// Fragmentation, the risk the seeds name ("increase fragmentation rather than integration"): the
// number of distinct providers, and the hand-offs between settings (consecutive contacts in
// different settings).
//
//   ContinuityScores s = ScoreContinuity(providers, settings);   // A A B A C: UPC 0.6, COC 0.3
#pragma once

#include <cstdint>
#include <span>

namespace continuum {

struct ContinuityScores {
  int32_t contacts = 0;
  int32_t providers = 0;         // distinct
  int32_t setting_handoffs = 0;  // consecutive contacts in different settings
  // Defined from two contacts on (a single contact has no continuity to measure); 0 below.
  double usual_provider = 0;
  double bice_boxerman = 0;
  double sequential = 0;
};

// `providers` and `settings` describe the same contacts, in time order.
ContinuityScores ScoreContinuity(std::span<const uint32_t> providers,
                                 std::span<const uint8_t> settings);

}  // namespace continuum
