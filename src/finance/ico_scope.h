// Which practices' patients a budget covers: an ICO's member practices (organisations of kind
// practice whose parent is the ICO).
//
//   auto scope = IcoScopeOf(population, "ZICO1");
//   if (scope->member[population.events.practice[e]]) ...   // the event counts against the ICO
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "engine/population.h"

namespace continuum {

struct IcoScope {
  uint32_t ico;                     // organisation index
  std::vector<uint32_t> practices;  // member practices, organisation indexes in id order
  std::vector<uint8_t> member;      // by organisation index: 1 for a member practice
};

// Practices as reports group them: each ICO with its member practices, ICOs in organisation
// order and practices in id order, then the control practices (every practice whose parent is
// not an ICO, such as the commissioner's non-pilot practices) as one last group.
struct PracticeGroup {
  uint32_t ico = Dictionary::kMissing;  // organisation index; kMissing for the control practices
  std::vector<uint32_t> practices;      // organisation indexes in id order
};
std::vector<PracticeGroup> PracticeGroups(const Population& population);

// The ICO `ico_id` and its member practices; an error naming the id when it is not an ICO or
// has no member practices. `where` prefixes the message ("nelson.json, field ico").
Result<IcoScope> IcoScopeOf(const Population& population, std::string_view ico_id,
                            std::string_view where);

}  // namespace continuum
