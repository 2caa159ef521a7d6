#include "report/evaluation_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

const char* ComparisonName(ComparisonUnits comparison) {
  return comparison == ComparisonUnits::kNeverTreated ? "never_treated" : "not_yet_treated";
}

const char* WeightsName(BootstrapWeights weights) {
  return weights == BootstrapWeights::kWebb ? "webb" : "rademacher";
}

std::string Names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

// Four significant figures, for people.
std::string Figure(double value) { return fmt::format("{:.4g}", value); }

std::string Interval(const EstimateRow& row) {
  return Figure(row.ci_low) + " to " + Figure(row.ci_high);
}

std::string Csv(const PanelEvaluation& evaluation) {
  std::string out = "estimand,group,time,estimate,std_error,ci_low,ci_high\n";
  auto optional = [](const std::optional<int64_t>& value) {
    return value ? std::to_string(*value) : std::string();
  };
  for (const EstimateRow& row : evaluation.estimates) {
    // Shortest text that reads back as the same double.
    out += fmt::format("{},{},{},{},{},{},{}\n", row.estimand, optional(row.group),
                       optional(row.time), row.estimate, row.std_error, row.ci_low, row.ci_high);
  }
  return out;
}

nlohmann::ordered_json RowJson(const EstimateRow& row) {
  nlohmann::ordered_json j;
  j["estimand"] = row.estimand;
  j["group"] = row.group ? nlohmann::ordered_json(*row.group) : nullptr;
  j["time"] = row.time ? nlohmann::ordered_json(*row.time) : nullptr;
  j["estimate"] = row.estimate;
  j["std_error"] = row.std_error;
  j["ci_low"] = row.ci_low;
  j["ci_high"] = row.ci_high;
  if (row.estimand == "att_gt" || row.estimand == "group") j["treated_units"] = row.treated_units;
  if (row.estimand == "att_gt") j["comparison_units"] = row.comparison_units;
  return j;
}

nlohmann::ordered_json RegressionJson(const RegressionResult& regression, size_t effect) {
  nlohmann::ordered_json j;
  if (!regression.fit) {
    j["not_run"] = regression.not_run;
    return j;
  }
  const ClusteredOlsFit& fit = *regression.fit;
  j["estimate"] = fit.coefficients[effect];
  j["std_error"] = fit.std_errors[effect];
  j["observations"] = fit.observations;
  j["parameters"] = fit.parameters;
  j["clusters"] = fit.clusters;
  nlohmann::ordered_json coefficients = nlohmann::ordered_json::array();
  for (size_t k = 0; k < fit.coefficients.size(); ++k) {
    coefficients.push_back({{"estimate", fit.coefficients[k]}, {"std_error", fit.std_errors[k]}});
    if (effect == 0 && k > 0) coefficients.back()["covariate"] = regression.covariates[k - 1];
  }
  j["coefficients"] = coefficients;
  if (!regression.absorbed.empty()) j["absorbed_covariates"] = regression.absorbed;
  return j;
}

std::string Json(const PanelEvaluation& e) {
  nlohmann::ordered_json j;
  j["file"] = e.file;
  j["units"] = e.units;
  j["clusters"] = e.clusters;
  j["periods"] = e.periods;
  j["first_period"] = e.first_period;
  j["last_period"] = e.last_period;
  j["treated_units"] = e.treated_units;
  j["treated_clusters"] = e.treated_clusters;
  j["covariates"] = e.covariate_names;
  j["comparison"] = ComparisonName(e.comparison);
  j["bootstrap"] = {{"replicates", e.bootstrap.replicates},
                    {"seed", e.bootstrap.seed},
                    {"level", e.bootstrap.level},
                    {"weights", WeightsName(e.weights)}};
  nlohmann::ordered_json estimates = nlohmann::ordered_json::array();
  for (const EstimateRow& row : e.estimates) estimates.push_back(RowJson(row));
  j["estimates"] = estimates;
  nlohmann::ordered_json groups = nlohmann::ordered_json::array();
  for (const EstimateRow& row : e.groups) groups.push_back(RowJson(row));
  j["groups"] = groups;
  j["event_band_critical_value"] = e.event_band_critical_value;
  if (e.pre_trend_tested) {
    j["pre_trend"] = {
        {"statistic", e.pre_trend.statistic},
        {"degrees_of_freedom", e.pre_trend.degrees_of_freedom},
        {"denominator_degrees_of_freedom", e.pre_trend.denominator_degrees_of_freedom},
        {"f_p_value", e.pre_trend.rank_limited ? nlohmann::ordered_json(nullptr)
                                               : nlohmann::ordered_json(e.pre_trend.p_value)},
        {"bootstrap_p_value", e.pre_trend_p_value}};
  } else {
    j["pre_trend"] = nullptr;  // no event time before a start was estimated
  }
  j["two_way_fixed_effects"] = RegressionJson(e.two_way_fixed_effects, 0);
  j["two_by_two"] = RegressionJson(e.two_by_two, 3);
  j["warnings"] = e.warnings;
  return JsonText(j, 2) + "\n";
}

std::string Text(const PanelEvaluation& e) {
  std::string out = "Staggered difference-in-differences: " + e.file + "\n";
  out += "  " + WithThousands(e.units) + " units in " + WithThousands(e.clusters) +
         " clusters, periods " + std::to_string(e.first_period) + " to " +
         std::to_string(e.last_period) + "; " + WithThousands(e.treated_units) +
         " units treated, in " + WithThousands(e.treated_clusters) + " clusters and " +
         std::to_string(e.groups.size()) +
         (e.groups.size() == 1 ? " start period" : " start periods") + "\n";
  out +=
      std::string("  Compared with units ") +
      (e.comparison == ComparisonUnits::kNeverTreated ? "never treated" : "not yet treated") +
      (e.covariate_names.empty() ? std::string() : ", adjusted for " + Names(e.covariate_names)) +
      ". " + fmt::format("{:g}", e.bootstrap.level * 100) +
      "% intervals by the wild cluster bootstrap: " + std::to_string(e.bootstrap.replicates) +
      " replicates, " + (e.weights == BootstrapWeights::kWebb ? "Webb" : "Rademacher") +
      " weights, seed " + std::to_string(e.bootstrap.seed) + "\n\n";
  const EstimateRow& overall = e.estimates.back();
  out += "Overall effect: " + Figure(overall.estimate) + " (" + Interval(overall) +
         "), standard error " + Figure(overall.std_error) + "\n";
  out +=
      "  the average of every group's effect in every period from its start, weighted by group "
      "size (Callaway and Sant'Anna 2021)\n\n";

  TextTable groups({"start", "units", "effect", "std error", "95% interval"});
  for (const EstimateRow& row : e.groups) {
    groups.AddRow({std::to_string(*row.group), WithThousands(row.treated_units),
                   Figure(row.estimate), Figure(row.std_error), Interval(row)});
  }
  out += "By start period (each group's mean effect from its start)\n" + groups.Render() + "\n";

  TextTable events({"periods since start", "effect", "std error", "95% interval"});
  for (const EstimateRow& row : e.estimates) {
    if (row.estimand != "event") continue;
    events.AddRow(
        {std::to_string(*row.time), Figure(row.estimate), Figure(row.std_error), Interval(row)});
  }
  out += "Event study\n" + events.Render();
  if (!e.pre_trend_tested) {
    out += "  No effect before a start could be estimated, so parallel trends are not tested\n";
  } else {
    out += "  Joint test of no effect before the start (" +
           std::to_string(e.pre_trend.degrees_of_freedom) + " event times): Wald " +
           Figure(e.pre_trend.statistic) + ", bootstrap p = " + Figure(e.pre_trend_p_value) +
           (e.pre_trend.rank_limited ? std::string()
                                     : ", Hotelling's F p = " + Figure(e.pre_trend.p_value)) +
           "\n";
  }
  out += "  A band covering every event time at once: estimate ± " +
         Figure(e.event_band_critical_value) + " standard errors\n\n";

  out += "Beside it (cluster-robust standard errors)\n";
  if (e.two_way_fixed_effects.fit) {
    const ClusteredOlsFit& fit = *e.two_way_fixed_effects.fit;
    out += "  Two-way fixed effects: " + Figure(fit.coefficients[0]) + ", standard error " +
           Figure(fit.std_errors[0]) +
           (e.groups.size() > 1
                ? " (weighs some effects negatively when starts are staggered and effects change "
                  "over time; Goodman-Bacon 2021)"
                : std::string()) +
           "\n";
    if (!e.two_way_fixed_effects.absorbed.empty()) {
      out += "    covariates fixed within every unit, absorbed by the unit effects: " +
             Names(e.two_way_fixed_effects.absorbed) + "\n";
    }
  } else {
    out += "  Two-way fixed effects: not run: " + e.two_way_fixed_effects.not_run + "\n";
  }
  if (e.two_by_two.fit) {
    out += "  Two-by-two: " + Figure(e.two_by_two.fit->coefficients[3]) + ", standard error " +
           Figure(e.two_by_two.fit->std_errors[3]) + "\n";
  } else {
    out += "  Two-by-two: not run: " + e.two_by_two.not_run + "\n";
  }

  TextTable cells(
      {"start", "period", "treated", "compared", "effect", "std error", "95% interval"});
  for (const EstimateRow& row : e.estimates) {
    if (row.estimand != "att_gt") continue;
    cells.AddRow({std::to_string(*row.group), std::to_string(*row.time),
                  WithThousands(row.treated_units), WithThousands(row.comparison_units),
                  Figure(row.estimate), Figure(row.std_error), Interval(row)});
  }
  out += "\nEvery group and period, ATT(g, t)\n" + cells.Render();
  if (!e.warnings.empty()) {
    out += "\nWarnings\n";
    for (const std::string& warning : e.warnings) out += "  - " + warning + "\n";
  }
  return out;
}

}  // namespace

std::string RenderPanelEvaluation(const PanelEvaluation& evaluation, OutputFormat format) {
  switch (format) {
    case OutputFormat::kCsv:
      return Csv(evaluation);
    case OutputFormat::kJson:
      return Json(evaluation);
    case OutputFormat::kText:
      break;
  }
  return Text(evaluation);
}

}  // namespace continuum
