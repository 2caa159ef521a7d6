#include "evaluation/plan_text.h"

#include "codec/json_reader.h"
#include "core/quoted.h"
#include "model/codes.h"

namespace continuum {

Result<PlanText> ReadPlanText(const NamedText& file) {
  Result<std::vector<OutcomeDefinition>> catalogue = OutcomeCatalogue();
  if (!catalogue.ok()) return catalogue.status();
  PlanText read;
  read.catalogue = std::make_shared<const std::vector<OutcomeDefinition>>(std::move(*catalogue));
  Result<JsonDocument> document = JsonDocument::Parse(file.text, file.name);
  if (!document.ok()) return document.status();
  Result<AnalysisPlan> plan = ReadAnalysisPlan(*document, *read.catalogue);
  if (!plan.ok()) return plan.status();
  read.plan = std::move(*plan);
  return read;
}

Status CheckPlanPilots(const AnalysisPlan& plan, const OrganisationColumns& organisations) {
  for (const PilotPlan& pilot : plan.pilots) {
    const uint32_t org = organisations.ids.Find(pilot.ico);
    if (org == Dictionary::kMissing ||
        organisations.kind[org] != static_cast<uint8_t>(OrgKind::kIco))
      return Status::InvalidInput(plan.file + ", field " + pilot.path +
                                  ".ico: " + Quoted(pilot.ico) + " is not an ICO in the workspace");
  }
  return Status::Ok();
}

std::vector<std::string> PlanPilotIcos(const AnalysisPlan& plan,
                                       const OrganisationColumns& organisations) {
  std::vector<std::string> icos;
  if (!plan.every_ico) {
    for (const PilotPlan& pilot : plan.pilots) icos.push_back(pilot.ico);
    return icos;
  }
  for (uint32_t org = 0; org < organisations.size(); ++org) {
    if (organisations.kind[org] == static_cast<uint8_t>(OrgKind::kIco))
      icos.emplace_back(organisations.ids.Value(org));
  }
  return icos;
}

}  // namespace continuum
