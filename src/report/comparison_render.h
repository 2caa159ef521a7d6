// The commissioner's comparison as the server sends it: each ICO and control practice with the
// population it serves, and the quality indicators for each of them against the commissioner's
// value (report/quality_render.h's JSON, the commissioner as its total).
//
//   std::string j = RenderComparisonJson(population, comparison, Disclosure::kControlled);
#pragma once

#include <string>

#include "clinical/comparison.h"
#include "report/disclosure.h"

namespace continuum {

std::string RenderComparisonJson(const Population& population, const Comparison& comparison,
                                 Disclosure disclosure);

}  // namespace continuum
