// Which ICOs a signed-in user may open, from their role and the organisation they serve: the
// board, clinical lead and care coordinator their ICO; a practice clinician the ICO of their
// practice on the last day of data (and only that practice's patients); a commissioner's analyst
// every ICO their commissioner contracts; an evaluator every ICO of the programme; an administrator
// none.
//
//   std::vector<uint32_t> icos = IcosInScope(population, Role::kCommissioner, "ZC001");
//   if (InScope(icos, ico)) ...
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "engine/population.h"
#include "security/roles.h"

namespace continuum {

// Organisation indexes of the ICOs, in id order; empty when the organisation is not in the
// workspace or not of the kind the role serves.
std::vector<uint32_t> IcosInScope(const Population& population, Role role,
                                  std::string_view organisation);

// Organisation indexes of the commissioners whose oversight the user may open, in id order: a
// commissioner's analyst their own commissioner; an evaluator every commissioner that contracts
// an ICO; anyone else none.
std::vector<uint32_t> CommissionersInScope(const Population& population, Role role,
                                           std::string_view organisation);

inline bool InScope(const std::vector<uint32_t>& icos, uint32_t ico) {
  for (uint32_t in : icos) {
    if (in == ico) return true;
  }
  return false;
}

}  // namespace continuum
