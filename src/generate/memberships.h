// A programme's dated ICO memberships (memberships.csv): ICOs go live on staggered days, as the
// Integrated Care Pilots did, and a few practices leave or switch ICO. The single-ICO default
// has none, so its practices are members of their ICO for all time.
//
//   PlanMemberships(window, &world);   // fills Practice::memberships in a programme
//   std::string rows = MembershipRows(world);
#pragma once

#include <string>

#include "generate/organisations.h"
#include "generate/window.h"

namespace continuum {

// Whether the world is a programme (more than one ICO or commissioner), which has dated
// memberships.
bool IsProgramme(const World& world);

// ICO `ico`'s go-live day: the start of a quarter in the window's first two years (its first
// year for windows of one or two years). ICOs are ranked round-robin across commissioners
// (each commissioner's first ICO, then each one's second, ...) and spread evenly over the
// quarters in that order, so ZICO1 goes live on the window's first day and every commissioner
// has early and late ICOs.
Day GoLive(const World& world, const Window& window, int ico);

// In a programme: every member practice joins its ICO on the ICO's go-live and stays, except
// (with three ICOs or more and a window of two years or more) that the last practice of the first
// ICO switches to the second and the last practice of the third ICO leaves the programme (then
// belongs to its commissioner), both on the first day of the last financial year.
void PlanMemberships(const Window& window, World* world);

// The rows of memberships.csv without a header: practice_id,ico_id,start_date,end_date.
std::string MembershipRows(const World& world);

}  // namespace continuum
