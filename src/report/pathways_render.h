// What `continuum pathways` prints: for each pathway, the ICO's steps (states, where patients
// wait, adherence with its 95% interval, median and 90th-percentile days, breaches), adherence by
// member practice, the control practices apart, coverage and exclusions; or, with --worklist,
// the overdue steps for care coordinators as a table, CSV or JSON.
//
//   std::string s = RenderPathways(report, OutputFormat::kText);
//   std::string w = RenderWorklist(report, OutputFormat::kCsv);
#pragma once

#include <string>
#include <string_view>

#include "clinical/pathway_report.h"
#include "report/disclosure.h"
#include "report/output_format.h"

namespace continuum {

// Text or JSON.
std::string RenderPathways(const PathwaysReport& report, OutputFormat format);
// The report as JSON for an audience: under Disclosure::kControlled every count is suppressed
// (1-7) or rounded to 5, and adherence and days resting on a suppressed count are withheld.
std::string RenderPathwaysJson(const PathwaysReport& report, Disclosure disclosure);
// `practice` non-empty: only the steps of patients registered there.
std::string RenderWorklist(const PathwaysReport& report, OutputFormat format,
                           std::string_view practice = "");

}  // namespace continuum
