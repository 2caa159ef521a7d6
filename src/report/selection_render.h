// `continuum selection` as text for people, CSV for other tools (one row per ICO and measure:
// ico,measure,effect,ci_low,ci_high,p_value,q_value,alert) and JSON for programs.
//
//   std::string out = RenderSelection(population, *report, OutputFormat::kCsv);
#pragma once

#include <string>

#include "engine/population.h"
#include "report/output_format.h"
#include "selection/selection_report.h"

namespace continuum {

std::string RenderSelection(const Population& population, const SelectionReport& report,
                            OutputFormat format);

// One sentence on an alert for people: the ICO, the measure, its size and who it concerns.
std::string SelectionAlertText(const Population& population, const SelectionMeasure& measure);

}  // namespace continuum
