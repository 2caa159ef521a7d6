#include "server/ico_room.h"

#include <algorithm>
#include <chrono>

#include "clinical/comparison.h"
#include "clinical/quality_run.h"
#include "clinical/scenario_run.h"
#include "core/parallel.h"
#include "finance/contract_simulation.h"
#include "finance/ico_scope.h"
#include "finance/monitor.h"
#include "finance/settlement.h"
#include "report/api_render.h"
#include "report/comparison_render.h"
#include "report/monitor_render.h"
#include "report/overview_render.h"
#include "report/pathways_disclosure.h"
#include "report/pathways_render.h"
#include "report/quality_disclosure.h"
#include "report/quality_render.h"
#include "report/risk_disclosure.h"
#include "report/risk_render.h"
#include "report/scenario_disclosure.h"
#include "report/scenario_render.h"
#include "report/settle_render.h"
#include "report/simulation_render.h"

namespace continuum {
namespace {

using Text = std::shared_ptr<const std::string>;

Text Shared(std::string text) { return std::make_shared<const std::string>(std::move(text)); }

// Renders an answer for both audiences.
template <typename Render>
std::pair<Text, Text> ForEach(Render render) {
  return {Shared(render(Disclosure::kExact)), Shared(render(Disclosure::kControlled))};
}

}  // namespace

IcoRoom::IcoRoom(std::shared_ptr<const Population> population, uint32_t ico,
                 const std::vector<Indicator>& indicators, std::function<Responses()> responses,
                 IcoRoomOptions options)
    : owned_population_(std::move(population)),
      population_(*owned_population_),
      ico_(ico),
      id_(population_.organisations.ids.Value(ico)),
      indicators_(indicators),
      responses_(std::move(responses)),
      options_(std::move(options)) {
  const Population& p = population_;
  const uint32_t commissioner = p.organisations.parent[ico_];
  has_commissioner_ =
      commissioner != Dictionary::kMissing &&
      p.organisations.kind[commissioner] == static_cast<uint8_t>(OrgKind::kCommissioner);
  Result<IcoScope> scope = IcoScopeOf(p, id_, "the ICO");
  if (scope.ok()) {
    for (uint32_t practice : scope->practices)
      member_practices_.emplace_back(p.organisations.ids.Value(practice),
                                     p.organisations.name[practice]);
  }
}

IcoRoom::~IcoRoom() {
  // The simulation's thread reads the contract: wait for it before the contract goes.
  if (simulation_.valid()) simulation_.wait();
}

Result<std::shared_ptr<const std::string>> IcoRoom::Answer(AnswerId answer, bool exact) {
  switch (answer) {
    case kOverview:
    case kQuality:
    case kComparison:
      CONTINUUM_RETURN_IF_ERROR(quality_part_.Run([&] {
        std::lock_guard lock(quality_mutex_);
        return CountQuality();
      }));
      if (answer == kComparison) {
        if (!has_commissioner_)
          return Status::NotFound("the ICO " + id_ +
                                  " has no commissioner in the workspace to compare under");
        CONTINUUM_RETURN_IF_ERROR(CompareReleased());
      }
      if (answer == kQuality) return QualityAnswer(exact);
      break;
    case kRisk:
      CONTINUUM_RETURN_IF_ERROR(risk_part_.Run([&] { return BuildRisk(); }));
      break;
    case kPathways:
      CONTINUUM_RETURN_IF_ERROR(pathways_part_.Run([&] { return BuildPathways(); }));
      break;
    case kMonitor:
    case kSettlement:
    case kScenarios:
      if (!has_contract())
        return Status::NotFound("the ICO " + id_ + " has no contract on this server");
      CONTINUUM_RETURN_IF_ERROR(finance_part_.Run([&] { return BuildFinance(); }));
      break;
    case kAnswerCount:
      return Status::Internal("no such answer");
  }
  std::lock_guard lock(answers_mutex_);
  const Aggregate& a = answers_[answer];
  return exact ? a.exact : a.controlled;
}

IcoRoom::Rendered IcoRoom::Worked() {
  Rendered worked;
  std::lock_guard lock(answers_mutex_);
  for (int a = 0; a < kAnswerCount; ++a) worked[a] = {answers_[a].controlled, answers_[a].exact};
  return worked;
}

HttpResponse IcoRoom::Simulation() {
  if (!has_contract())
    return JsonResponse(404,
                        RenderApiError(404, "the ICO " + id_ + " has no contract on this server"));
  if (Status built = finance_part_.Run([&] { return BuildFinance(); }); !built.ok())
    return JsonResponse(500, RenderApiError(500, built.message()));
  return simulation_.get();
}

Result<VoiceWindow> IcoRoom::QualityWindow() {
  CONTINUUM_RETURN_IF_ERROR(quality_part_.Run([&] {
    std::lock_guard lock(quality_mutex_);
    return CountQuality();
  }));
  std::lock_guard lock(answers_mutex_);
  return voice_window_;
}

Status IcoRoom::RefreshQuality() {
  std::lock_guard lock(quality_mutex_);
  if (!quality_counted_) return Status::Ok();  // counted with the latest when first asked for
  return CountQuality();
}

Status IcoRoom::CountQuality() {
  const Population& p = population_;
  const Responses responses = responses_();
  const int year = DefaultQualityYear(p);
  Result<std::unique_ptr<QualityRun>> quality =
      RunQuality(p, ico_, indicators_, year, false, *responses);
  if (!quality.ok()) return quality.status().WithContext("quality indicators");
  const QualityRun& exact = **quality;
  const QualityReport& report = exact.report;
  const int64_t now = options_.clock ? options_.clock()
                                     : std::chrono::duration_cast<std::chrono::seconds>(
                                           std::chrono::system_clock::now().time_since_epoch())
                                           .count();
  const int64_t today = now / 86400;
  const bool release = released_day_ != today;
  std::shared_ptr<const QualityRun> exact_run = std::move(*quality), shown_run;
  Text overview_controlled, overview_exact;
  // The release and the exact answers are independent: worked out side by side. The quality
  // answers, megabytes of JSON, are rendered when first asked for (QualityAnswer).
  Status statuses[2];
  ParallelFor(2, [&](size_t part) {
    if (part == 0 && release) {
      Result<std::unique_ptr<QualityRun>> controlled =
          ControlQuality(p, exact, KeptWholeTotal(exact.scope));
      if (!controlled.ok()) {
        statuses[0] = controlled.status().WithContext("disclosure control");
        return;
      }
      shown_run = std::move(*controlled);
      overview_controlled =
          Shared(RenderOverviewJson(p, shown_run->report, Disclosure::kControlled));
    } else if (part == 1) {
      overview_exact = Shared(RenderOverviewJson(p, report, Disclosure::kExact));
    }
  });
  for (const Status& status : statuses) CONTINUUM_RETURN_IF_ERROR(status);
  std::lock_guard lock(answers_mutex_);
  voice_window_ = {MonthStart(report.first_month),
                   MonthEnd(report.first_month + report.month_count - 1)};
  answers_[kOverview].exact = std::move(overview_exact);
  answers_[kQuality].exact = nullptr;
  quality_runs_[1] = std::move(exact_run);
  if (release) {
    answers_[kOverview].controlled = std::move(overview_controlled);
    answers_[kQuality].controlled = nullptr;
    quality_runs_[0] = std::move(shown_run);
    answers_[kComparison] = {};
    released_day_ = today;
    released_responses_ = responses;
    released_year_ = year;
    ++release_;
  }
  quality_counted_ = true;
  return Status::Ok();
}

Result<std::shared_ptr<const std::string>> IcoRoom::QualityAnswer(bool exact) {
  std::shared_ptr<const QualityRun> run;
  {
    std::lock_guard lock(answers_mutex_);
    const Aggregate& a = answers_[kQuality];
    if (const Text& body = exact ? a.exact : a.controlled) return body;
    run = quality_runs_[exact];
  }
  if (!run) return Status::Internal("the quality indicators have not been counted");
  Text body =
      Shared(RenderQualityJson(run->report, exact ? Disclosure::kExact : Disclosure::kControlled));
  std::lock_guard lock(answers_mutex_);
  // Kept unless a count came meanwhile (its answer is rendered when next asked for).
  if (quality_runs_[exact] == run)
    (exact ? answers_[kQuality].exact : answers_[kQuality].controlled) = body;
  return body;
}

Status IcoRoom::CompareReleased() {
  std::lock_guard compare(comparison_mutex_);
  // The commissioner's analysts and evaluators alone see the comparison, so it is worked out
  // when first asked for, from the responses of the release the overview and quality answers
  // belong to: no two answers of one release tell one recorded response apart. A release made
  // meanwhile is compared in its turn.
  for (;;) {
    Responses responses;
    int year = 0;
    uint64_t release = 0;
    {
      std::lock_guard lock(answers_mutex_);
      if (compared_release_ == release_) return Status::Ok();
      responses = released_responses_;
      year = released_year_;
      release = release_;
    }
    const Population& p = population_;
    Result<Comparison> compared =
        RunComparison(p, p.organisations.parent[ico_], indicators_, year, *responses);
    if (!compared.ok()) return compared.status().WithContext("the commissioner's comparison");
    // Each ICO of the commissioner shows in the comparison what its own report shows.
    std::vector<uint32_t> icos;
    for (const ComparedUnit& u : compared->units) {
      if (u.ico) icos.push_back(u.org);
    }
    Result<std::vector<UnitWithheld>> totals =
        IcoTotalsWithheld(p, icos, indicators_, year, *responses);
    if (!totals.ok()) return totals.status().WithContext("disclosure control");
    Result<Comparison> controlled = ControlComparison(p, *compared, *totals);
    if (!controlled.ok()) return controlled.status().WithContext("disclosure control");
    Text comparison = Shared(RenderComparisonJson(p, *controlled, Disclosure::kControlled));
    std::lock_guard lock(answers_mutex_);
    if (release_ != release) continue;
    answers_[kComparison] = {comparison, comparison};
    compared_release_ = release;
    return Status::Ok();
  }
}

Status IcoRoom::BuildRisk() {
  const Population& p = population_;
  Result<IcoScope> scope = IcoScopeOf(p, id_, "the ICO");
  if (!scope.ok()) return scope.status();
  // The model scores everyone once; each practice's list is its share of the ICO's highest-risk
  // patients.
  Result<RiskReport> risk = RunRisk(p, scope->member, {.top = 5000});
  if (!risk.ok()) return risk.status().WithContext("risk model");
  risk_ = std::move(*risk);
  std::pair<Text, Text> rendered = {
      Shared(RenderRiskAggregatesJson(risk_, p, ico_, Disclosure::kExact)),
      Shared(RenderRiskAggregatesJson(ControlRisk(risk_), p, ico_, Disclosure::kControlled))};
  for (uint32_t practice : scope->practices) {
    PracticeAnswer& cases = case_finding_[std::string(p.organisations.ids.Value(practice))];
    cases.body = Shared(RenderCaseFindingJson(risk_, p, practice, options_.case_finding_limit));
    for (const RiskCase& c : risk_.cases) {
      if (c.practice == practice && cases.patients.size() < size_t(options_.case_finding_limit))
        cases.patients.push_back(c.patient_id);
    }
  }
  std::lock_guard lock(answers_mutex_);
  answers_[kRisk] = {rendered.first, rendered.second};
  return Status::Ok();
}

Status IcoRoom::BuildPathways() {
  const Population& p = population_;
  // The last financial year of data, as at its last day.
  Result<std::vector<PathwayDefinition>> definitions = ShippedPathways();
  if (!definitions.ok()) return definitions.status();
  pathway_definitions_ = std::move(*definitions);
  const PathwayRun run = FollowPathways(p, pathway_definitions_, DefaultPathwayOptions(p));
  // The ICO beside its commissioner's other ICOs and control practices, never another's.
  ReportScope scope;
  if (has_commissioner_) scope.commissioner = p.organisations.parent[ico_];
  pathways_ = ReportPathways(p, pathway_definitions_, run, scope);
  std::pair<Text, Text> rendered = {
      Shared(RenderPathwaysJson(pathways_, Disclosure::kExact)),
      Shared(RenderPathwaysJson(ControlPathways(pathways_), Disclosure::kControlled))};
  for (const auto& [id, name] : member_practices_) {
    PracticeAnswer& worklist = worklist_[id];
    worklist.body = Shared(RenderWorklist(pathways_, OutputFormat::kJson, id));
    for (const WorklistItem& w : pathways_.worklist) {
      if (w.practice == id) worklist.patients.push_back(w.patient_id);
    }
    std::sort(worklist.patients.begin(), worklist.patients.end());
    worklist.patients.erase(std::unique(worklist.patients.begin(), worklist.patients.end()),
                            worklist.patients.end());
  }
  std::lock_guard lock(answers_mutex_);
  answers_[kPathways] = {rendered.first, rendered.second};
  return Status::Ok();
}

Status IcoRoom::BuildFinance() {
  const Population& p = population_;
  Result<Tariff> tariff =
      LayerTariffs(options_.tariffs.empty() ? std::vector{DefaultTariffText()} : options_.tariffs);
  if (!tariff.ok()) return tariff.status();
  Result<ContractSetup> read = SetUpContract(p, options_.contract, *tariff);
  if (!read.ok()) return read.status();
  contract_ = std::make_unique<const ContractSetup>(std::move(*read));
  const ContractSetup* setup = contract_.get();
  const Contract& c = setup->contract;
  if (p.organisations.ids.Find(c.ico) != ico_)
    return Status::InvalidInput(options_.contract.name + ", field ico: " + c.ico +
                                " is not the ICO " + id_);
  auto monitor = RunMonitor(p, setup->costing.cost, setup->scope,
                            {.period_start = c.start,
                             .period_end = c.end,
                             .budget = setup->budget.amount,
                             .month = MonthIndex(std::min(p.events.last_day, c.end)),
                             .practice_budgets = setup->budget.practices});
  if (!monitor.ok()) return monitor.status().WithContext("monitor");
  const OrganisationNames names = OrganisationNamesOf(p.organisations);
  std::pair<Text, Text> monitor_json = ForEach([&](Disclosure d) {
    return RenderMonitor(c, setup->budget, *monitor, OutputFormat::kJson, 8, d, names);
  });
  auto outturn = ContractOutturnOf(c, p, setup->costing.cost, setup->scope, setup->budget, {});
  if (!outturn.ok()) return outturn.status().WithContext("settlement");
  const continuum::Settlement settlement = Settle(c, setup->budget.amount, outturn->outturn);
  std::pair<Text, Text> settlement_json = ForEach([&](Disclosure d) {
    return RenderSettle(c, setup->budget, *outturn, settlement, OutputFormat::kJson, d);
  });
  std::vector<std::string> exact, controlled;
  for (const NamedText& file : options_.scenarios) {
    Result<Scenario> scenario = ParseScenario(file.text, file.name);
    if (!scenario.ok()) return scenario.status();
    Result<ScenarioOutcome> outcome = RunScenario(*scenario, p, *setup);
    if (!outcome.ok()) return outcome.status().WithContext(file.name);
    exact.push_back(RenderScenario(c, setup->budget, *scenario, *outcome, OutputFormat::kJson,
                                   Disclosure::kExact));
    controlled.push_back(RenderScenario(c, setup->budget, *scenario,
                                        ControlScenario(c, setup->budget.amount, *outcome),
                                        OutputFormat::kJson, Disclosure::kControlled));
  }
  std::pair<Text, Text> scenarios_json = ForEach([&](Disclosure d) {
    return RenderScenarioListJson(d == Disclosure::kExact ? exact : controlled);
  });
  const int years = options_.simulation_years;
  simulation_ =
      // The sizes are copied here: the thread may outlive the program's globals at exit.
      std::async(std::launch::async, [&p, setup, years, sizes = kComparedPopulationSizes] {
        Result<continuum::Simulation> s =
            SimulateContract(p, *setup, {.years = years, .sizes = sizes});
        if (!s.ok()) return JsonResponse(422, RenderApiError(422, s.status().message()));
        return JsonResponse(
            200, RenderSimulation(setup->contract, setup->budget, *s, OutputFormat::kJson));
      }).share();
  std::lock_guard lock(answers_mutex_);
  answers_[kMonitor] = {monitor_json.first, monitor_json.second};
  answers_[kSettlement] = {settlement_json.first, settlement_json.second};
  answers_[kScenarios] = {scenarios_json.first, scenarios_json.second};
  return Status::Ok();
}

Result<IcoRoom::PracticeAnswer> IcoRoom::PracticeData(
    Once& part, Status (IcoRoom::*build)(), const std::map<std::string, PracticeAnswer>& answers,
    std::string_view practice) {
  CONTINUUM_RETURN_IF_ERROR(part.Run([&] { return (this->*build)(); }));
  auto it = answers.find(std::string(practice));
  if (it == answers.end())
    return Status::NotFound("no member practice " + std::string(practice) + " in " + id_);
  return it->second;
}

Result<IcoRoom::PracticeAnswer> IcoRoom::CaseFinding(std::string_view practice) {
  return PracticeData(risk_part_, &IcoRoom::BuildRisk, case_finding_, practice);
}

Result<IcoRoom::PracticeAnswer> IcoRoom::Worklist(std::string_view practice) {
  return PracticeData(pathways_part_, &IcoRoom::BuildPathways, worklist_, practice);
}

}  // namespace continuum
