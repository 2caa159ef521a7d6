// Prints the quality report: per indicator, each practice's value with its 95% interval, its
// place in the funnel and its latest SPC signal, with the coverage line; or, for one practice,
// its monthly run with each month's signals. JSON carries everything, months included.
//
//   std::string text = RenderQuality(report, OutputFormat::kText, "");
//   std::string one = RenderQuality(report, OutputFormat::kText, "P001");
#pragma once

#include <string>

#include "clinical/quality_report.h"
#include "report/output_format.h"

namespace continuum {

// `practice_id` non-empty: that practice's months; `summary`: one line an indicator.
std::string RenderQuality(const QualityReport& report, OutputFormat format,
                          const std::string& practice_id, bool summary = false);

// The words for an SPC chart's variation and assurance icons ("improving", "hit and miss").
std::string_view VariationText(Variation v);
std::string_view AssuranceText(const std::optional<Assurance>& a);

}  // namespace continuum
