// The Evaluation page's answers (docs/evaluation.md): the analysis plans stored in the workspace
// (continuum evaluate add) that a user may open, and one plan's evaluation, worked out by the
// function `continuum evaluate --plan` calls and sent under disclosure control
// (report/plan_evaluation_disclosure.h). An evaluator opens every plan; a commissioner's analyst a
// plan only when every pilot it evaluates is an ICO their commissioner contracts, so no answer
// tells them of another commissioner's pilot. An evaluation takes seconds: it is kept, by plan
// version, for the data generation and survey responses it was worked out on.
#include "core/quoted.h"
#include "engine/engine.h"
#include "evaluation/plan_evaluation.h"
#include "evaluation/plan_text.h"
#include "report/api_render.h"
#include "report/plan_evaluation_disclosure.h"
#include "report/plan_evaluation_render.h"
#include "server/api.h"
#include "server/route_support.h"
#include "server/scope.h"
#include "store/saved_files.h"

namespace continuum {
namespace {

// Whether every ICO the plan evaluates is in `icos` (the user's scope), and it names one at all.
bool PlanInScope(const std::vector<std::string>& pilots, const Population& directory,
                 const std::vector<uint32_t>& icos) {
  if (pilots.empty()) return false;
  for (const std::string& pilot : pilots) {
    const uint32_t ico = directory.organisations.ids.Find(pilot);
    if (ico == Dictionary::kMissing || !InScope(icos, ico)) return false;
  }
  return true;
}

}  // namespace

Result<std::vector<Api::PlanInForce>> Api::PlansFor(const SignedIn& who) {
  Result<std::vector<SavedFile>> stored = [&] {
    std::lock_guard store(store_mutex_);
    return SavedFiles(workspace_).List(SavedKind::kPlan, "", /*in_force_only=*/true);
  }();
  if (!stored.ok()) return stored.status();
  const std::shared_ptr<const Population> directory = CurrentPopulation();
  const std::vector<uint32_t> icos = IcosInScope(*directory, who.role, who.organisation);
  std::vector<PlanInForce> plans;
  for (SavedFile& file : *stored) {
    // A plan stored by an older version that no longer reads is left out, not an error for all.
    Result<PlanText> read = ReadPlanText({file.file_name, file.text});
    if (!read.ok()) continue;
    std::vector<std::string> pilots = PlanPilotIcos(read->plan, directory->organisations);
    if (!PlanInScope(pilots, *directory, icos)) continue;
    plans.push_back({std::move(file), std::move(*read), std::move(pilots)});
  }
  return plans;
}

HttpResponse Api::Evaluations(const Call& call) {
  Result<std::vector<PlanInForce>> plans = PlansFor(*call.who);
  if (!plans.ok()) return Error(plans.status());
  std::vector<PlanListed> listed;
  for (const PlanInForce& p : *plans) {
    listed.push_back({p.file.id, p.file.name, p.file.file_name, p.file.version, p.pilots});
  }
  return JsonResponse(200, RenderPlansJson(listed));
}

HttpResponse Api::Evaluation(const Call& call) {
  const std::string& id = call.params.at("plan");
  Result<std::vector<PlanInForce>> plans = PlansFor(*call.who);
  if (!plans.ok()) return Error(plans.status());
  const PlanInForce* plan = nullptr;
  for (const PlanInForce& p : *plans) {
    if (std::to_string(p.file.id) == id) plan = &p;
  }
  // A plan outside the user's scope is not told from one that does not exist.
  if (plan == nullptr)
    return Error(403, "the plan " + Quoted(id) + " is not among those " + call.who->username +
                          " may open (GET /api/evaluations lists them)");
  Result<std::shared_ptr<const std::string>> body = EvaluationOf(*plan);
  if (!body.ok()) return Error(body.status());
  const Status audited = Audit(call, {},
                               "evaluation of plan " + Quoted(plan->file.name) + " version " +
                                   std::to_string(plan->file.version));
  if (!audited.ok()) return Error(500, "not sent: the access could not be audited");
  return JsonResponse(200, *body);
}

Result<std::shared_ptr<const std::string>> Api::EvaluationOf(const PlanInForce& plan) {
  // One evaluation at a time: a second request for the same plan waits and is served the first's.
  std::lock_guard evaluating(evaluations_mutex_);
  const std::shared_ptr<PopulationShards> shards = CurrentShards();
  const Responses responses = CurrentResponses();
  if (auto it = evaluations_.find(plan.file.id); it != evaluations_.end() &&
                                                 it->second.generation == shards->generation() &&
                                                 it->second.responses == responses)
    return it->second.json;
  // The whole population, as the command line evaluates on: a plan's comparison practices may be
  // any commissioner's. A programme served in shards is loaded whole for it, then let go.
  std::shared_ptr<const Population> whole = shards->whole();
  if (!whole) {
    Result<std::unique_ptr<Workspace>> reader =
        Workspace::Open(workspace_.path(), Workspace::kReadOnly);
    if (!reader.ok()) return reader.status();
    Result<Population> loaded = Engine::LoadPopulation(**reader);
    if (!loaded.ok()) return loaded.status();
    whole = std::make_shared<const Population>(std::move(*loaded));
  }
  Result<PlanEvaluation> exact =
      EvaluatePlan(*whole, plan.read.plan, *plan.read.catalogue, *responses);
  if (!exact.ok()) return exact.status();
  auto json = std::make_shared<const std::string>(
      RenderPlanEvaluation(ControlPlanEvaluation(*exact, *whole), OutputFormat::kJson));
  evaluations_[plan.file.id] = {shards->generation(), responses, json};
  return json;
}

}  // namespace continuum
