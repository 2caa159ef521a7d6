// The ICO overview the web app opens on, as JSON: the ICO, its member practices with their list
// sizes, and each quality indicator's headline (the ICO's value with its interval, its SPC icons
// and how many practices stand outside the 99.8% funnel either way). Counts pass through
// disclosure control for audiences that may not see small numbers; a value resting on a
// suppressed count is withheld too.
//
//   std::string json = RenderOverviewJson(population, run->report, Disclosure::kControlled);
#pragma once

#include <string>

#include "clinical/quality_report.h"
#include "engine/population.h"
#include "report/disclosure.h"

namespace continuum {

std::string RenderOverviewJson(const Population& population, const QualityReport& quality,
                               Disclosure disclosure);

}  // namespace continuum
