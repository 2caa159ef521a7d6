#include "report/scenario_render.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "report/count_json.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

using nlohmann::json;

// Money as shown: under disclosure control a cost withheld with the activity it rests on is -1
// (report/scenario_disclosure.h).
json Money(Pence pence, Disclosure disclosure) {
  if (disclosure == Disclosure::kControlled && pence < 0) return nullptr;
  return pence;
}

json SettlementSummary(const Settlement& s) {
  return {{"spend_pence", s.spend},
          {"stop_loss_recovery_pence", s.stop_loss_recovery},
          {"variance_pence", s.variance},
          {"ico_result_pence", s.IcoResult()},
          {"net_payment_pence", s.NetPayment()}};
}

// Expected activity: to two decimals, or under disclosure control as a count (a handful of
// admissions avoided could point to a handful of patients).
json Activity(double events, Disclosure disclosure) {
  if (disclosure == Disclosure::kExact) return std::round(events * 100) / 100;
  return events < 0 ? json(nullptr) : CountJson(events, disclosure);
}

}  // namespace

std::string RenderScenario(const Contract& c, const ResolvedBudget& b, const Scenario& scenario,
                           const ScenarioOutcome& outcome, OutputFormat format,
                           Disclosure disclosure) {
  const BaseYear& year = outcome.year;
  const ScenarioProjection& p = outcome.projection;
  const Settlement &before = outcome.before, &after = outcome.after;
  if (format == OutputFormat::kJson) {
    json changes = json::array();
    for (const ChangeEffect& e : p.effects)
      changes.push_back(
          {{"label", e.label},
           {"kind", kScenarioKindCodes[int(e.kind)]},
           {"patients", ShownCountJson(e.patients, disclosure)},
           {"events_removed", Activity(e.events_removed, disclosure)},
           {"events_added", Activity(e.events_added, disclosure)},
           {"cost_removed_pence", Money(e.cost_removed, disclosure)},
           {"cost_added_pence", Money(e.cost_added, disclosure)},
           {"saving_pence",
            e.cost_removed < 0 || e.cost_added < 0 ? json(nullptr) : json(e.Saving())}});
    const bool withheld = disclosure == Disclosure::kControlled && p.scenario_total < 0;
    json j = {
        {"scenario", scenario.name},
        {"disclosure", DisclosureName(disclosure)},
        {"contract", c.name},
        {"ico", c.ico},
        {"year", {{"start", FormatDate(year.start)}, {"end", FormatDate(year.end)}}},
        {"budget_pence", b.amount},
        {"changes", changes},
        {"spend_before_pence", p.base.total},
        {"spend_after_pence", withheld ? json(nullptr) : json(p.scenario_total)},
        {"saving_pence", withheld ? json(nullptr) : json(p.Saving())},
        {"case_finding",
         p.case_finding == CaseFinding::kRiskModel ? "risk_model" : "prior_emergency_admissions"},
        {"settlement_before", SettlementSummary(before)},
        {"settlement_after", withheld ? json(nullptr) : SettlementSummary(after)}};
    return JsonText(j, 2) + "\n";
  }
  std::string out = fmt::format(
      "Scenario: {}\nApplied to {}'s activity from {} to {} ({}), against the contract {} with a "
      "budget of {}.\n\n",
      scenario.name, c.ico, FormatDate(year.start), FormatDate(year.end),
      year.contract_period ? "the contract's period" : "the latest twelve months", c.name,
      Pounds(b.amount));
  TextTable t({"change", "patients", "activity removed", "activity added", "cost removed",
               "cost added", "saving"});
  for (const ChangeEffect& e : p.effects)
    t.AddRow({e.label, WithThousands(e.patients), Decimal(e.events_removed, 0),
              Decimal(e.events_added, 0), Pounds(e.cost_removed), Pounds(e.cost_added),
              Pounds(e.Saving())});
  out += t.Render();
  for (const ScenarioChange& change : scenario.changes) {
    if (change.kind != ScenarioChange::Kind::kCaseManagement) continue;
    out += p.case_finding == CaseFinding::kRiskModel
               ? "Case management takes the patients at highest risk by the emergency-admission "
                 "risk model\n(continuum risk), fitted on the year before.\n"
               : "Case management takes the patients with the most emergency admissions in the "
                 "year before\n(the data do not hold the two years the risk model needs).\n";
  }
  out += fmt::format("Spend {} -> {}: a saving of {} ({}%).\n\n", Pounds(p.base.total),
                     Pounds(p.scenario_total), Pounds(p.Saving()),
                     Decimal(p.base.total ? 100.0 * p.Saving() / p.base.total : 0, 2));
  TextTable s({"settlement", "without the scenario", "with it", "difference"});
  auto row = [&](const std::string& name, Pence x, Pence y) {
    s.AddRow({name, Pounds(x, 2), Pounds(y, 2), Pounds(y - x, 2)});
  };
  row("spend", before.spend, after.spend);
  row("stop-loss recovery", before.stop_loss_recovery, after.stop_loss_recovery);
  row("variance (+ over, - under)", before.variance, after.variance);
  row("ICO result (+ gain, - loss)", before.IcoResult(), after.IcoResult());
  row("net payment (+ to the ICO)", before.NetPayment(), after.NetPayment());
  out += s.Render();
  return out;
}

std::string RenderScenarioListJson(std::span<const std::string> scenarios) {
  std::string out = "{\"scenarios\": [";
  for (size_t k = 0; k < scenarios.size(); ++k) {
    if (k > 0) out += ",\n";
    out += scenarios[k];
  }
  return out + "]}\n";
}

}  // namespace continuum
