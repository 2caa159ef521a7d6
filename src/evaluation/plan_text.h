// An analysis plan read from its text, as a file holds it or the workspace stored it (continuum
// evaluate add), with the outcome catalogue its outcomes point into; and the check, before a plan
// is stored, that each pilot it names is an ICO of the workspace. The command line and the server
// read plans through it, so both refuse a plan for the same reasons.
//
//   Result<PlanText> read = ReadPlanText({"nelson_vale_plan.json", text});
//   CheckPlanPilots(read->plan, population.organisations);
//   EvaluatePlan(population, read->plan, *read->catalogue, responses);
#pragma once

#include <memory>
#include <vector>

#include "core/named_text.h"
#include "engine/population.h"
#include "evaluation/analysis_plan.h"
#include "evaluation/outcome_catalogue.h"

namespace continuum {

struct PlanText {
  // What plan.outcomes point into; shared, so a copy of the plan stays valid.
  std::shared_ptr<const std::vector<OutcomeDefinition>> catalogue;
  AnalysisPlan plan;
};

// InvalidInput naming the file, field and reason when the text is not a plan.
Result<PlanText> ReadPlanText(const NamedText& file);

// InvalidInput naming the plan's field when a pilot is not an ICO of `organisations` (a plan of
// "every_ico" names none).
Status CheckPlanPilots(const AnalysisPlan& plan, const OrganisationColumns& organisations);

// The ICOs the plan's pilots are, as org_ids: with "every_ico" every ICO of `organisations`.
std::vector<std::string> PlanPilotIcos(const AnalysisPlan& plan,
                                       const OrganisationColumns& organisations);

}  // namespace continuum
