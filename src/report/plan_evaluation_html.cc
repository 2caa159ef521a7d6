#include "report/plan_evaluation_html.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "report/html_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

std::string Figure(double value) { return Readable(value); }

std::string Cell(const std::string& text) { return "<td>" + HtmlText(text) + "</td>"; }

std::string Row(const EstimateRow& row) {
  return Cell(Figure(row.estimate)) + Cell(Figure(row.std_error)) +
         Cell(Figure(row.ci_low) + " to " + Figure(row.ci_high));
}

// A pilot's figures, or why there are none.
std::string PilotRow(const PilotEffect& p) {
  if (p.not_estimated.empty()) return Row(p.effect);
  return "<td colspan=\"3\">not estimated: " + HtmlText(p.not_estimated) + "</td>";
}

constexpr char kStyle[] = R"(
body { font: 15px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem;
       color: #1d2330; }
h1 { font-size: 1.6rem; } h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccd; }
h3 { margin-top: 1.8rem; }
table { border-collapse: collapse; margin: .6rem 0; }
th, td { padding: .2rem .6rem; border-bottom: 1px solid #e3e5ea; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.flag { color: #a4262c; font-weight: 600; }
.finding { margin: .4rem 0 .8rem; }
.warning { color: #8a5300; }
svg text { font: 11px system-ui, sans-serif; fill: #4a5060; }
)";

// The event study as a chart: each event time's estimate with its 95% interval, zero, and the
// start marked.
std::string EventChart(const OutcomeEstimate& o) {
  if (o.event_study.empty()) return "";
  constexpr double kWidth = 640, kHeight = 220, kLeft = 60, kRight = 16, kTop = 12, kBottom = 30;
  double low = 0, high = 0;
  for (const EstimateRow& row : o.event_study) {
    low = std::min(low, row.ci_low);
    high = std::max(high, row.ci_high);
  }
  if (high - low <= 0) high = low + 1;
  const int first = static_cast<int>(*o.event_study.front().time);
  const int last = static_cast<int>(*o.event_study.back().time);
  const double span = std::max(1, last - first);
  auto x = [&](double e) {
    return kLeft + (e - first + 0.5) / (span + 1) * (kWidth - kLeft - kRight);
  };
  auto y = [&](double v) { return kTop + (high - v) / (high - low) * (kHeight - kTop - kBottom); };
  std::string svg = fmt::format(
      "<svg viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" "
      "aria-label=\"Event study: effect by periods since the start, with 95% intervals\">",
      kWidth, kHeight);
  svg += fmt::format(
      "<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#8a8f9c\"/>", kLeft,
      kWidth - kRight, y(0), y(0));
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">0</text>", kLeft - 6,
                     y(0) + 4);
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", kLeft - 6,
                     y(high) + 8, HtmlText(Figure(high)));
  svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>", kLeft - 6,
                     y(low), HtmlText(Figure(low)));
  // The start: between the last period before it and the first after.
  svg += fmt::format(
      "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"#c4c8d2\" "
      "stroke-dasharray=\"4 3\"/>",
      x(-0.5), kTop, kHeight - kBottom);
  for (const EstimateRow& row : o.event_study) {
    const double e = static_cast<double>(*row.time);
    const char* colour = e < 0 ? "#6b7385" : "#1f5fbf";
    svg += fmt::format(
        "<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\" "
        "stroke-width=\"2\"/><circle cx=\"{0:.1f}\" cy=\"{4:.1f}\" r=\"3.5\" fill=\"{3}\"/>",
        x(e), y(row.ci_high), y(row.ci_low), colour, y(row.estimate));
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>", x(e),
                       kHeight - 10, static_cast<int>(e));
  }
  svg += "</svg>";
  return "<figure>" + svg +
         "<figcaption>Effect by periods since the start (0 is the first period of the pilot), "
         "with 95% intervals; grey before the start, where it should be zero.</figcaption>"
         "</figure>";
}

std::string OutcomeSection(const OutcomeEstimate& o, const AnalysisPlan& plan) {
  const OutcomeDefinition& d = *o.outcome;
  std::string s = "<h3 id=\"" + HtmlText(d.id) + "\">" + HtmlText(d.title) + "</h3>";
  s += "<p class=\"finding\">" + HtmlText(o.summary) + "</p>";
  if (!o.not_estimated.empty()) return s;
  s += "<table><tr><th>estimate (" + HtmlText(d.unit) +
       ")</th><th>effect</th><th>std error</th><th>95% interval</th></tr>";
  s += "<tr><td>programme</td>" + Row(o.programme) + "</tr>";
  if (o.spend_against_comparison) {
    s += "<tr><td>spend against the comparison (pounds)</td>" + Row(*o.spend_against_comparison) +
         "</tr>";
  }
  if (o.pilots.size() > 1) {
    for (const PilotEffect& p : o.pilots) s += "<tr>" + Cell(p.ico) + PilotRow(p) + "</tr>";
  }
  s += "</table>";
  s += "<p>The pilots' practices after their start: " + HtmlText(Figure(o.treated_after)) +
       "; without the pilots (the comparison's change carried over): " +
       HtmlText(Figure(o.counterfactual)) + ". " + std::to_string(o.treated_practices) +
       " pilot and " + std::to_string(o.comparison_practices) + " comparison practices" +
       (o.dropped_practices > 0
            ? "; " + std::to_string(o.dropped_practices) + " left out for want of data"
            : std::string()) +
       ".</p>";
  s += EventChart(o);
  s += "<table><tr><th>what could break it</th><th>effect</th><th>std error</th>"
       "<th>95% interval</th></tr>";
  s += "<tr><td>pre-trend test (bootstrap p)</td><td colspan=\"3\">" +
       (o.pre_trend_p_value ? HtmlText(Figure(*o.pre_trend_p_value))
                            : std::string("not tested: no period before a start was estimated")) +
       "</td></tr>";
  if (o.placebo_in_time) {
    s += "<tr><td>a false start " + std::to_string(plan.placebo_periods_before) +
         " periods early</td>" + Row(*o.placebo_in_time) + "</tr>";
  } else if (!o.placebo_in_time_not_run.empty()) {
    s += "<tr><td>a false earlier start</td><td colspan=\"3\">not run: " +
         HtmlText(o.placebo_in_time_not_run) + "</td></tr>";
  }
  if (o.placebo_in_space) {
    s += "<tr><td>comparison practices as if pilots</td>" + Row(*o.placebo_in_space) + "</tr>";
  } else if (!o.placebo_in_space_not_run.empty()) {
    s += "<tr><td>comparison practices as if pilots</td><td colspan=\"3\">not run: " +
         HtmlText(o.placebo_in_space_not_run) + "</td></tr>";
  }
  for (const PilotEffect& p : o.leave_one_out) {
    s += "<tr><td>without " + HtmlText(p.ico) + "</td>" + PilotRow(p) + "</tr>";
  }
  if (o.e_value) {
    s += "<tr><td>E-value (effect; interval)</td><td colspan=\"3\">" +
         HtmlText(Figure(*o.e_value)) + "; " + HtmlText(Figure(o.e_value_interval.value_or(1))) +
         "</td></tr>";
  }
  s += "</table>";
  for (const std::string& w : o.warnings) {
    s += "<p class=\"warning\">Warning: " + HtmlText(w) + "</p>";
  }
  return s;
}

}  // namespace

// The patients the ICOs case-managed against those the same rule found in comparison practices.
std::string CaseManagementSection(const CaseManagementEvaluation& cm) {
  std::string h = "<h2>Case management</h2><p>The rule: registered on the case-finding day (";
  for (size_t i = 0; i < cm.found_on.size(); ++i) {
    h += (i ? ", " : "") + HtmlText(cm.found_on[i].first + " " + FormatDate(cm.found_on[i].second));
  }
  h += "), aged " + std::to_string(cm.plan.min_age) + " or over, with " +
       std::to_string(cm.plan.min_emergency_admissions) +
       " or more emergency admissions in the year before. It found " + std::to_string(cm.cases) +
       " patients in the pilots' practices, whom the pilots case-managed, and " +
       std::to_string(cm.comparison_patients) +
       " in the comparison practices; both groups are followed to " + FormatDate(cm.follow_up_to) +
       ". Selected alike, they regress to the mean alike; a Poisson regression allows for what "
       "still differs (age, sex, deprivation, conditions, each patient's use in the year before "
       "and the year before that, and their practice's habits), with robust 95% intervals.</p>";
  for (const CaseManagementOutcome& o : cm.outcomes) {
    h += "<p class=\"summary\">" + HtmlText(o.summary) + "</p>";
  }
  h += "<table><caption>Rates a person a year, and the adjusted rate ratio</caption><tr>"
       "<th>outcome</th><th>cases, baseline year</th><th>cases, follow-up</th>"
       "<th>comparison, baseline year</th><th>comparison, follow-up</th><th>rate ratio</th>"
       "<th>95% interval</th></tr>";
  for (const CaseManagementOutcome& o : cm.outcomes) {
    h += "<tr>" + Cell(o.outcome->title) + Cell(Figure(o.cases_baseline)) +
         Cell(Figure(o.cases_follow_up)) + Cell(Figure(o.comparison_baseline)) +
         Cell(Figure(o.comparison_follow_up)) + Cell(Figure(o.rate_ratio)) +
         Cell(Figure(o.ci_low) + " to " + Figure(o.ci_high)) + "</tr>";
  }
  h += "</table><table><caption>The two groups on the case-finding day (standardised mean "
       "differences of 0.1 or more flagged; the regression adjusts for each)</caption><tr>"
       "<th>characteristic</th><th>cases</th><th>comparison</th><th>SMD</th></tr>";
  for (const BalanceRow& row : cm.balance) {
    const bool flag = std::fabs(row.smd_before) >= 0.1;
    h += "<tr>" + Cell(row.variable) + Cell(Figure(row.treated_mean)) +
         Cell(Figure(row.pool_mean)) +
         (flag ? "<td class=\"flag\">" + HtmlText(Figure(row.smd_before)) + "</td>"
               : Cell(Figure(row.smd_before))) +
         "</tr>";
  }
  h += "</table>";
  if (!cm.warnings.empty()) {
    h += "<ul>";
    for (const std::string& w : cm.warnings) h += "<li class=\"warning\">" + HtmlText(w) + "</li>";
    h += "</ul>";
  }
  return h;
}

std::string RenderPlanEvaluationHtml(const PlanEvaluation& e) {
  const AnalysisPlan& plan = *e.plan;
  std::string h = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  h += "<title>" + HtmlText(plan.name) + "</title><style>" + kStyle + "</style></head><body>\n";
  h += "<h1>" + HtmlText(plan.name) + "</h1>";
  h += "<p>The analysis plan <code>" + HtmlText(plan.file) + "</code>, run with Continuum: ";
  for (size_t i = 0; i < e.pilots.size(); ++i) {
    h += (i ? ", " : "") + HtmlText(e.pilots[i].ico) + " from " + FormatDate(e.pilots[i].start);
  }
  h += "; " + std::to_string(e.period_starts.size() - 1) + " periods of " +
       std::to_string(plan.period_months) + " months from " + FormatDate(plan.from) + " to " +
       FormatDate(plan.to) + ".</p>\n";

  h += "<h2>Findings</h2>";
  for (const EvaluationDimension& dimension : kEvaluationDimensions) {
    bool any = false;
    for (const OutcomeEstimate& o : e.outcomes) any = any || o.outcome->dimension == dimension.id;
    const bool commissioner = std::string_view(dimension.id) == "commissioner";
    any = any || (commissioner && !e.commissioner_benefit.empty());
    if (!any) continue;
    h += "<h3>" + HtmlText(dimension.title) + "</h3>";
    if (commissioner) {
      for (const std::string& line : e.commissioner_benefit) {
        h += "<p class=\"finding\">" + HtmlText(line) + "</p>";
      }
    }
    for (const OutcomeEstimate& o : e.outcomes) {
      if (o.outcome->dimension == dimension.id) {
        h += "<p class=\"finding\">" + HtmlText(o.summary) + " <a href=\"#" +
             HtmlText(o.outcome->id) + "\">Details</a></p>";
      }
    }
  }
  if (!e.warnings.empty()) {
    h += "<h3>What weakens every finding</h3><ul>";
    for (const std::string& w : e.warnings) h += "<li class=\"warning\">" + HtmlText(w) + "</li>";
    h += "</ul>";
  }

  h += "<h2>The comparison</h2><p>" + std::to_string(e.comparison_practices.size()) + " of the " +
       std::to_string(e.pool_practices.size()) +
       " practices that belong to no ICO through the periods were matched to the pilots' " +
       std::to_string(e.pilot_practices.size()) +
       " practices on their characteristics before the first start, by Mahalanobis distance, up "
       "to " +
       std::to_string(plan.matches) + " each within a distance of " + Figure(plan.caliper) +
       ". A standardised mean difference of 0.1 or more is flagged.</p>";
  h += "<table><tr><th>characteristic</th><th>pilot practices</th><th>all others</th>"
       "<th>matched pilot practices</th><th>matched comparison</th><th>SMD before</th>"
       "<th>SMD after</th></tr>";
  for (const BalanceRow& row : e.balance) {
    h += "<tr>" + Cell(row.variable) + Cell(Figure(row.treated_mean)) +
         Cell(Figure(row.pool_mean)) + Cell(Figure(row.matched_treated_mean)) +
         Cell(Figure(row.matched_mean)) + Cell(Figure(row.smd_before)) +
         (row.imbalanced ? "<td class=\"flag\">" + HtmlText(Figure(row.smd_after)) + "</td>"
                         : Cell(Figure(row.smd_after))) +
         "</tr>";
  }
  h += "</table>";

  h += "<h2>Every outcome</h2>";
  for (const OutcomeEstimate& o : e.outcomes) h += OutcomeSection(o, plan);

  if (e.case_management) h += CaseManagementSection(*e.case_management);

  h += "<h2>Methods</h2><p>Each outcome is measured for every practice in every period and "
       "compared by staggered difference-in-differences (Callaway and Sant'Anna, Journal of "
       "Econometrics 225:200, 2021), each pilot's practices against the matched comparison "
       "practices never in an ICO, with 95% intervals from the wild cluster bootstrap by practice "
       "(" +
       std::to_string(plan.replicates) + " replicates, seed " + std::to_string(plan.seed) +
       "; Cameron, Gelbach and Miller, Review of Economics and Statistics 90:414, 2008). The "
       "pre-trend test asks whether the pilots' practices already moved differently before "
       "their start; the placebo tests move the start earlier and treat comparison practices as "
       "pilots, where no effect should be found; the E-value (VanderWeele and Ding, Annals of "
       "Internal Medicine 167:268, 2017) is how strongly an unmeasured confounder would have to "
       "be associated with both the pilots and the outcome to explain the effect away.</p>";
  h += "</body></html>\n";
  return h;
}

}  // namespace continuum
