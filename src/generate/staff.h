// The workforce: GPs (100 over the demo's 14 practices, in proportion to list size), practice
// nurses and pharmacists, consultants by treatment function and nurses at the trusts, community
// nurses and therapists, mental health staff, social workers and care workers, and the hospice's
// palliative care team. Numbers outside practices scale with the population served.
//
//   std::vector<StaffMember> staff = BuildStaff(world);   // staff_id = position + 1
#pragma once

#include <string_view>
#include <vector>

#include "generate/organisations.h"

namespace continuum {

struct StaffMember {
  int org = 0;  // index into World::organisations
  StaffRole role = StaffRole::kGp;
  std::string_view specialty;  // treatment function code, or empty
};

std::vector<StaffMember> BuildStaff(const World& world);

}  // namespace continuum
