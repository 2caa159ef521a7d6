// Which practices' patients a budget covers: an ICO's member practices on a day. Membership is
// data with dates (memberships.csv, Population::IcoOn): a practice with membership rows belongs
// to the ICO only on their days; one without belongs to its parent ICO for all time.
//
//   auto scope = IcoScopeOf(population, "ZICO1");        // members on the last day of data
//   auto then = IcoScopeOn(population, "ZICO1", day);    // members on `day`
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
  Day day;                          // the day whose membership this is
  std::vector<uint32_t> practices;  // member practices, organisation indexes in id order
  std::vector<uint8_t> member;      // by organisation index: 1 for a member practice
};

// Practices as reports group them: each ICO with its member practices, ICOs in organisation
// order and practices in id order, then the control practices (every practice that is no ICO's
// member on the day, such as the commissioner's non-pilot practices) as one last group.
struct PracticeGroup {
  uint32_t ico = Dictionary::kMissing;  // organisation index; kMissing for the control practices
  std::vector<uint32_t> practices;      // organisation indexes in id order
};
std::vector<PracticeGroup> PracticeGroupsOn(const Population& population, Day day);
// The groups on the last day of data (Population::LastDayOfData).
std::vector<PracticeGroup> PracticeGroups(const Population& population);

// The ICO `ico_id` and its member practices on `day`; an error naming the id when it is not an
// ICO or has no member practices that day. `where` prefixes the message ("nelson.json, field
// ico").
Result<IcoScope> IcoScopeOn(const Population& population, std::string_view ico_id, Day day,
                            std::string_view where);
// The members on the last day of data (Population::LastDayOfData): what a report showing one
// membership for its whole window uses.
Result<IcoScope> IcoScopeOf(const Population& population, std::string_view ico_id,
                            std::string_view where);

}  // namespace continuum
