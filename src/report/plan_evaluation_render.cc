#include "report/plan_evaluation_render.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

std::string Figure(double value) { return Readable(value); }

std::string Interval(const EstimateRow& row) {
  return Figure(row.ci_low) + " to " + Figure(row.ci_high);
}

nlohmann::ordered_json RowJson(const EstimateRow& row) {
  nlohmann::ordered_json j;
  j["estimate"] = row.estimate;
  j["std_error"] = row.std_error;
  j["ci_low"] = row.ci_low;
  j["ci_high"] = row.ci_high;
  return j;
}

nlohmann::ordered_json Optional(const std::optional<double>& value) {
  return value ? nlohmann::ordered_json(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json CaseManagementJson(const CaseManagementEvaluation& cm) {
  nlohmann::ordered_json j;
  j["rule"] = {{"min_age", cm.plan.min_age},
               {"min_emergency_admissions", cm.plan.min_emergency_admissions}};
  nlohmann::ordered_json found = nlohmann::ordered_json::array();
  for (const auto& [ico, day] : cm.found_on)
    found.push_back({{"ico", ico}, {"found_on", FormatDate(day)}});
  j["found_on"] = found;
  j["follow_up_to"] = FormatDate(cm.follow_up_to);
  j["cases"] = cm.cases;
  j["comparison_patients"] = cm.comparison_patients;
  nlohmann::ordered_json balance = nlohmann::ordered_json::array();
  for (const BalanceRow& row : cm.balance) {
    balance.push_back({{"variable", row.variable},
                       {"cases_mean", row.treated_mean},
                       {"comparison_mean", row.pool_mean},
                       {"smd", row.smd_before},
                       {"imbalanced", std::fabs(row.smd_before) >= 0.1}});
  }
  j["balance"] = balance;
  nlohmann::ordered_json outcomes = nlohmann::ordered_json::array();
  for (const CaseManagementOutcome& o : cm.outcomes) {
    outcomes.push_back({{"outcome", o.outcome->id},
                        {"title", o.outcome->title},
                        {"cases_baseline", o.cases_baseline},
                        {"cases_follow_up", o.cases_follow_up},
                        {"comparison_baseline", o.comparison_baseline},
                        {"comparison_follow_up", o.comparison_follow_up},
                        {"rate_ratio", o.rate_ratio},
                        {"std_error_log", o.std_error},
                        {"ci_low", o.ci_low},
                        {"ci_high", o.ci_high},
                        {"summary", o.summary}});
  }
  j["outcomes"] = outcomes;
  j["warnings"] = cm.warnings;
  return j;
}

std::string CaseManagementText(const CaseManagementEvaluation& cm) {
  std::string out = "Case management (patients)\n  The rule: aged " +
                    std::to_string(cm.plan.min_age) + " or over with " +
                    std::to_string(cm.plan.min_emergency_admissions) +
                    " or more emergency admissions in the year before the case-finding day (";
  for (size_t i = 0; i < cm.found_on.size(); ++i) {
    out += (i ? ", " : "") + cm.found_on[i].first + " " + FormatDate(cm.found_on[i].second);
  }
  out += "), followed to " + FormatDate(cm.follow_up_to) + ": " + std::to_string(cm.cases) +
         " case-managed patients in the pilots' practices, " +
         std::to_string(cm.comparison_patients) + " found by the same rule in the comparison's\n";
  TextTable balance({"characteristic", "cases", "comparison", "SMD", ""});
  for (const BalanceRow& row : cm.balance) {
    balance.AddRow({row.variable, Figure(row.treated_mean), Figure(row.pool_mean),
                    Figure(row.smd_before),
                    std::fabs(row.smd_before) >= 0.1 ? "adjusted for" : ""});
  }
  out += balance.Render();
  TextTable rates({"outcome (a person a year)", "cases, baseline", "cases, follow-up",
                   "comparison, baseline", "comparison, follow-up", "rate ratio", "95% interval"});
  for (const CaseManagementOutcome& o : cm.outcomes) {
    rates.AddRow({o.outcome->title, Figure(o.cases_baseline), Figure(o.cases_follow_up),
                  Figure(o.comparison_baseline), Figure(o.comparison_follow_up),
                  Figure(o.rate_ratio), Figure(o.ci_low) + " to " + Figure(o.ci_high)});
  }
  out += rates.Render();
  for (const CaseManagementOutcome& o : cm.outcomes) out += "  " + o.summary + "\n";
  for (const std::string& warning : cm.warnings) out += "  warning: " + warning + "\n";
  return out + "\n";
}

std::string Json(const PlanEvaluation& e) {
  const AnalysisPlan& plan = *e.plan;
  nlohmann::ordered_json j;
  j["plan"] = {{"file", plan.file}, {"name", plan.name}};
  nlohmann::ordered_json pilots = nlohmann::ordered_json::array();
  for (const PilotPlan& pilot : e.pilots) {
    pilots.push_back({{"ico", pilot.ico}, {"start", FormatDate(pilot.start)}});
  }
  j["pilots"] = pilots;
  nlohmann::ordered_json periods = nlohmann::ordered_json::array();
  for (size_t k = 0; k + 1 < e.period_starts.size(); ++k) {
    periods.push_back({{"period", k + 1},
                       {"from", FormatDate(e.period_starts[k])},
                       {"to", FormatDate(e.period_starts[k + 1] - 1)}});
  }
  j["periods"] = periods;
  j["comparison"] = {{"pool", e.pool_practices},
                     {"matched", e.comparison_practices},
                     {"pilot_practices", e.pilot_practices},
                     {"unmatched_pilot_practices", e.unmatched_practices},
                     {"matches", plan.matches},
                     {"caliper", plan.caliper}};
  nlohmann::ordered_json balance = nlohmann::ordered_json::array();
  for (const BalanceRow& row : e.balance) {
    balance.push_back({{"variable", row.variable},
                       {"pilot_mean", row.treated_mean},
                       {"pool_mean", row.pool_mean},
                       {"matched_pilot_mean", row.matched_treated_mean},
                       {"matched_mean", row.matched_mean},
                       {"smd_before", row.smd_before},
                       {"smd_after", row.smd_after},
                       {"imbalanced", row.imbalanced}});
  }
  j["balance"] = balance;
  nlohmann::ordered_json outcomes = nlohmann::ordered_json::array();
  for (const OutcomeEstimate& o : e.outcomes) {
    nlohmann::ordered_json out;
    out["outcome"] = o.outcome->id;
    out["dimension"] = o.outcome->dimension;
    out["title"] = o.outcome->title;
    out["unit"] = o.outcome->unit;
    out["better"] = o.outcome->lower_is_better ? "lower" : "higher";
    if (!o.not_estimated.empty()) {
      out["not_estimated"] = o.not_estimated;
      out["summary"] = o.summary;
      outcomes.push_back(out);
      continue;
    }
    out["pilot_practices"] = o.treated_practices;
    out["comparison_practices"] = o.comparison_practices;
    out["dropped_practices"] = o.dropped_practices;
    out["programme"] = RowJson(o.programme);
    out["pilots_after"] = o.treated_after;
    out["counterfactual"] = o.counterfactual;
    out["relative"] = Optional(o.relative);
    out["relative_low"] = Optional(o.relative_low);
    out["relative_high"] = Optional(o.relative_high);
    nlohmann::ordered_json events = nlohmann::ordered_json::array();
    for (const EstimateRow& row : o.event_study) {
      nlohmann::ordered_json r = RowJson(row);
      r["periods_since_start"] = *row.time;
      events.push_back(r);
    }
    out["event_study"] = events;
    out["spend_against_comparison_pounds"] = o.spend_against_comparison
                                                 ? RowJson(*o.spend_against_comparison)
                                                 : nlohmann::ordered_json(nullptr);
    out["pre_trend_p_value"] = Optional(o.pre_trend_p_value);
    nlohmann::ordered_json per_pilot = nlohmann::ordered_json::array();
    for (const PilotEffect& p : o.pilots) {
      nlohmann::ordered_json r = RowJson(p.effect);
      r["ico"] = p.ico;
      if (!p.not_estimated.empty()) r["not_estimated"] = p.not_estimated;
      per_pilot.push_back(r);
    }
    out["pilots"] = per_pilot;
    out["placebo_in_time"] =
        o.placebo_in_time ? RowJson(*o.placebo_in_time) : nlohmann::ordered_json(nullptr);
    out["placebo_in_space"] =
        o.placebo_in_space ? RowJson(*o.placebo_in_space) : nlohmann::ordered_json(nullptr);
    if (!o.placebo_in_time_not_run.empty())
      out["placebo_in_time_not_run"] = o.placebo_in_time_not_run;
    if (!o.placebo_in_space_not_run.empty()) {
      out["placebo_in_space_not_run"] = o.placebo_in_space_not_run;
    }
    nlohmann::ordered_json left = nlohmann::ordered_json::array();
    for (const PilotEffect& p : o.leave_one_out) {
      nlohmann::ordered_json r = RowJson(p.effect);
      r["without"] = p.ico;
      if (!p.not_estimated.empty()) r["not_estimated"] = p.not_estimated;
      left.push_back(r);
    }
    out["leave_one_pilot_out"] = left;
    out["e_value"] = Optional(o.e_value);
    out["e_value_interval"] = Optional(o.e_value_interval);
    out["warnings"] = o.warnings;
    out["summary"] = o.summary;
    outcomes.push_back(out);
  }
  j["outcomes"] = outcomes;
  j["commissioner_benefit"] = e.commissioner_benefit;
  j["case_management"] =
      e.case_management ? CaseManagementJson(*e.case_management) : nlohmann::ordered_json(nullptr);
  j["warnings"] = e.warnings;
  return JsonText(j, 2) + "\n";
}

std::string Text(const PlanEvaluation& e) {
  const AnalysisPlan& plan = *e.plan;
  std::string out = "Evaluation: " + plan.name + " (" + plan.file + ")\n";
  for (const PilotPlan& pilot : e.pilots) {
    out += "  Pilot " + pilot.ico + " from " + FormatDate(pilot.start) + "\n";
  }
  out += "  " + std::to_string(e.period_starts.size() - 1) + " periods of " +
         std::to_string(plan.period_months) + " months, " + FormatDate(plan.from) + " to " +
         FormatDate(plan.to) + "; " + std::to_string(plan.replicates) +
         " wild cluster bootstrap replicates (clusters: practices), seed " +
         std::to_string(plan.seed) + "\n\n";
  out += "Comparison: " + std::to_string(e.comparison_practices.size()) + " of " +
         std::to_string(e.pool_practices.size()) +
         " practices outside every ICO, matched to the pilots' " +
         std::to_string(e.pilot_practices.size()) + " practices (Mahalanobis distance, up to " +
         std::to_string(plan.matches) + " each within " + Figure(plan.caliper) + ")\n";
  TextTable balance({"characteristic", "pilots", "all others", "matched pilots", "matched others",
                     "SMD before", "SMD after", ""});
  for (const BalanceRow& row : e.balance) {
    balance.AddRow({row.variable, Figure(row.treated_mean), Figure(row.pool_mean),
                    Figure(row.matched_treated_mean), Figure(row.matched_mean),
                    Figure(row.smd_before), Figure(row.smd_after),
                    row.imbalanced ? "above 0.1" : ""});
  }
  out += balance.Render() + "\n";
  for (const EvaluationDimension& dimension : kEvaluationDimensions) {
    bool any = false;
    for (const OutcomeEstimate& o : e.outcomes) any = any || o.outcome->dimension == dimension.id;
    const bool commissioner = std::string_view(dimension.id) == "commissioner";
    any = any || (commissioner && !e.commissioner_benefit.empty());
    if (!any) continue;
    out += dimension.title + std::string("\n");
    if (commissioner) {
      for (const std::string& line : e.commissioner_benefit) out += "  " + line + "\n";
    }
    for (const OutcomeEstimate& o : e.outcomes) {
      if (o.outcome->dimension != dimension.id) continue;
      out += "  " + o.summary + "\n";
      if (!o.not_estimated.empty()) continue;
      out += "    effect " + Figure(o.programme.estimate) + " (" + Interval(o.programme) +
             "), standard error " + Figure(o.programme.std_error) + "; pilots after their start " +
             Figure(o.treated_after) + " against " + Figure(o.counterfactual) + " without them; " +
             std::to_string(o.treated_practices) + " pilot and " +
             std::to_string(o.comparison_practices) + " comparison practices\n";
      if (o.pilots.size() > 1) {
        for (const PilotEffect& p : o.pilots) {
          out +=
              "    " + p.ico + ": " +
              (p.not_estimated.empty() ? Figure(p.effect.estimate) + " (" + Interval(p.effect) + ")"
                                       : "not estimated: " + p.not_estimated) +
              "\n";
        }
      }
      for (const std::string& warning : o.warnings) out += "    warning: " + warning + "\n";
    }
    out += "\n";
  }
  if (e.case_management) out += CaseManagementText(*e.case_management);
  if (!e.warnings.empty()) {
    out += "Warnings\n";
    for (const std::string& warning : e.warnings) out += "  - " + warning + "\n";
  }
  return out;
}

}  // namespace

std::string RenderPlanEvaluation(const PlanEvaluation& evaluation, OutputFormat format) {
  return format == OutputFormat::kJson ? Json(evaluation) : Text(evaluation);
}

}  // namespace continuum
