#include "report/contract_render.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "report/settlement_render.h"
#include "report/text_table.h"

namespace continuum {
namespace {

using nlohmann::json;

std::string BudgetBasis(const ResolvedBudget& b) {
  if (!b.capitation) return "fixed in the contract";
  return fmt::format("capitation: {} a head x {} need-weighted heads ({} registered on {})",
                     Pounds(b.per_head, 2), Decimal(b.weighted_heads, 0), WithThousands(b.heads),
                     FormatDate(FinancialYearStart(b.year)));
}

std::string Header(const Contract& c, const ResolvedBudget& b) {
  return fmt::format("{}\nICO {}; risk shared with {} ({}); period {} to {}.\nBudget {}: {}.\n",
                     c.name, c.ico,
                     c.counterparty_name.empty() ? c.counterparty : c.counterparty_name,
                     kCounterpartyRoleCodes[int(c.counterparty_role)], FormatDate(c.start),
                     FormatDate(c.end), Pounds(b.amount), BudgetBasis(b));
}

json HeaderJson(const Contract& c, const ResolvedBudget& b) {
  return {{"contract", c.name},
          {"ico", c.ico},
          {"counterparty", c.counterparty},
          {"period", {{"start", FormatDate(c.start)}, {"end", FormatDate(c.end)}}},
          {"budget_pence", b.amount},
          {"budget_basis", b.capitation ? "capitation" : "fixed"},
          {"capitation", b.capitation ? json{{"year", FormatFinancialYear(b.year)},
                                             {"per_head_pence", b.per_head},
                                             {"heads", b.heads},
                                             {"weighted_heads", b.weighted_heads}}
                                      : json(nullptr)}};
}

std::string Percent(double pct) { return (pct > 0 ? "+" : "") + Decimal(pct, 1) + "%"; }

json LinesJson(const std::vector<MonitorLine>& lines) {
  json out = json::array();
  for (const MonitorLine& l : lines)
    out.push_back({{"name", l.name},
                   {"budget_pence", l.budget},
                   {"budget_to_date_pence", l.budget_to_date},
                   {"actual_to_date_pence", l.actual_to_date},
                   {"variance_pence", l.variance},
                   {"variance_pct", l.variance_pct},
                   {"forecast_pence", l.forecast}});
  return out;
}

std::string LinesText(const std::string& title, const std::vector<MonitorLine>& lines, int top) {
  TextTable t(
      {title, "budget to date", "actual to date", "variance", "%", "year budget", "forecast"});
  int shown = 0;
  for (const MonitorLine& l : lines) {
    if (shown++ == top) break;
    t.AddRow({l.name, Pounds(l.budget_to_date), Pounds(l.actual_to_date), Pounds(l.variance),
              l.budget_to_date ? Percent(l.variance_pct) : "-", Pounds(l.budget),
              Pounds(l.forecast)});
  }
  std::string out = t.Render();
  if (static_cast<int>(lines.size()) > top)
    out += fmt::format("({} more; --top N shows more, --json all)\n", lines.size() - top);
  return out;
}

}  // namespace

std::string RenderMonitor(const Contract& c, const ResolvedBudget& b, const Monitor& m,
                          OutputFormat format, int top) {
  if (format == OutputFormat::kJson) {
    json j = HeaderJson(c, b);
    j["month"] = FormatMonth(m.options.month);
    j["as_at"] = FormatDate(m.as_at);
    j["earlier_years_used"] = m.profile_years;
    j["share_of_year_to_date"] = m.share_to_date;
    j["budget_to_date_pence"] = m.budget_to_date;
    j["actual_to_date_pence"] = m.actual_to_date;
    j["not_yet_reported_pence"] = m.not_yet_reported;
    j["variance_pence"] = m.variance;
    j["variance_pct"] = m.variance_pct;
    j["forecast_pence"] = m.forecast;
    j["forecast_sd_pence"] = m.forecast_sd;
    j["forecast_interval_80_pence"] = {m.forecast_low[0], m.forecast_high[0]};
    j["forecast_interval_95_pence"] = {m.forecast_low[1], m.forecast_high[1]};
    j["events_to_date"] = m.events_to_date;
    j["uncosted_events_to_date"] = m.uncosted_to_date;
    j["months"] = json::array();
    for (const MonitorMonth& row : m.months)
      j["months"].push_back({{"month", FormatMonth(row.month)},
                             {"budget_pence", row.budget},
                             {"actual_pence", row.actual},
                             {"not_yet_reported_pence", row.not_yet_reported},
                             {"forecast_pence", row.forecast}});
    j["not_yet_reported"] = json::array();
    for (const NotYetReported& u : m.unreported)
      j["not_yet_reported"].push_back({{"setting", kSettingCodes[int(u.setting)]},
                                       {"last_reported", FormatDate(u.last_reported)},
                                       {"missing_days", u.missing_days},
                                       {"estimate_pence", u.estimate}});
    j["by_setting"] = LinesJson(m.by_setting);
    j["by_provider"] = LinesJson(m.by_provider);
    j["by_practice"] = LinesJson(m.by_practice);
    j["by_condition_group"] = LinesJson(m.by_condition_group);
    return j.dump(2) + "\n";
  }
  std::string out = Header(c, b);
  out += fmt::format(
      "\nMonitor to the end of {} ({}% of a year's spend usually falls by then{}).\n",
      FormatMonth(m.options.month), Decimal(100 * m.share_to_date, 1),
      m.profile_years.empty()
          ? "; no earlier year in the data, so phased by days"
          : fmt::format("; phased like the {} earlier year(s)", m.profile_years.size()));
  TextTable head({"", "budget to date", "actual to date", "not yet reported", "variance", "%"});
  head.AddRow({"ICO " + c.ico, Pounds(m.budget_to_date), Pounds(m.actual_to_date),
               Pounds(m.not_yet_reported), Pounds(m.variance), Percent(m.variance_pct)});
  out += head.Render();
  out += fmt::format(
      "Year-end forecast {} against a budget of {} ({}): 80% interval {} to {}, 95% interval {} to "
      "{}.\n",
      Pounds(m.forecast), Pounds(m.options.budget),
      Percent(100.0 * (m.forecast - m.options.budget) / m.options.budget),
      Pounds(m.forecast_low[0]), Pounds(m.forecast_high[0]), Pounds(m.forecast_low[1]),
      Pounds(m.forecast_high[1]));
  if (m.uncosted_to_date > 0)
    out += fmt::format(
        "{} events to date have no cost and count in no figure (continuum costing "
        "lists them).\n",
        WithThousands(m.uncosted_to_date));
  for (const NotYetReported& u : m.unreported)
    out += fmt::format("Not yet reported: {} activity ends on {}; {} days to {} estimated at {}.\n",
                       kSettingCodes[int(u.setting)], FormatDate(u.last_reported), u.missing_days,
                       FormatDate(m.as_at), Pounds(u.estimate));
  out += "\n";
  TextTable months({"month", "budget", "actual", "not yet reported", "forecast",
                    "cumulative budget", "cumulative actual or forecast"});
  Pence budget_sum = 0, spend_sum = 0;
  for (const MonitorMonth& row : m.months) {
    const bool past = row.month <= m.options.month;
    budget_sum += row.budget;
    spend_sum += past ? row.actual + row.not_yet_reported : row.forecast;
    months.AddRow({FormatMonth(row.month), Pounds(row.budget), past ? Pounds(row.actual) : "",
                   past ? Pounds(row.not_yet_reported) : "", past ? "" : Pounds(row.forecast),
                   Pounds(budget_sum), Pounds(spend_sum)});
  }
  out += months.Render();
  out += "\nLargest variances first (positive: overspent):\n";
  out += LinesText("setting", m.by_setting, top) + "\n";
  out += LinesText("provider", m.by_provider, top) + "\n";
  out += LinesText("member practice", m.by_practice, top) + "\n";
  out += LinesText("condition group (HRG chapter of the diagnosis)", m.by_condition_group, top);
  return out;
}

std::string RenderSettle(const Contract& c, const ResolvedBudget& b, const ContractOutturn& o,
                         const Settlement& s, OutputFormat format) {
  const std::string basis = o.forecast
                                ? "forecast from the monitor at the end of " + FormatMonth(o.month)
                                : "year-end actual";
  if (format == OutputFormat::kJson) {
    json j = HeaderJson(c, b);
    j["outturn_basis"] = o.forecast ? "forecast" : "actual";
    if (o.forecast) j["forecast_month"] = FormatMonth(o.month);
    j["patients"] = o.costs.patient.size();
    j["uncosted_events"] = o.costs.uncosted_events;
    j["settlement"] = json::parse(RenderSettlementJson(s));
    return j.dump(2) + "\n";
  }
  std::string out = Header(c, b);
  out +=
      fmt::format("Outturn: {} — spend {} by {} patients{}.\n\n", basis, Pounds(o.outturn.spend),
                  WithThousands(static_cast<int64_t>(o.costs.patient.size())),
                  o.costs.uncosted_events ? fmt::format(" ({} uncosted events count in no figure)",
                                                        WithThousands(o.costs.uncosted_events))
                                          : "");
  return out + RenderSettlementText(s);
}

std::string RenderSimulation(const Contract& c, const ResolvedBudget& b, const Simulation& sim,
                             OutputFormat format) {
  auto band_label = [](const CorridorBand& band) {
    return FormatPercent(band.from) + "-" + (band.to ? FormatPercent(*band.to) : "");
  };
  if (format == OutputFormat::kJson) {
    json j = HeaderJson(c, b);
    j["simulated_years"] = sim.years;
    j["seed"] = sim.seed;
    j["base_patient_years"] = sim.base_population;
    j["mean_cost_per_patient_year_pence"] = sim.mean_cost;
    j["sizes"] = json::array();
    for (const SizeSimulation& z : sim.sizes) {
      json over = json::array(), under = json::array();
      for (size_t k = 0; k < z.p_over_band.size(); ++k)
        over.push_back({{"band", band_label(c.overspend[k])}, {"probability", z.p_over_band[k]}});
      for (size_t k = 0; k < z.p_under_band.size(); ++k)
        under.push_back(
            {{"band", band_label(c.underspend[k])}, {"probability", z.p_under_band[k]}});
      j["sizes"].push_back({{"population", z.population},
                            {"budget_pence", z.budget},
                            {"mean_spend_pence", z.mean_spend},
                            {"sd_spend_pence", z.sd_spend},
                            {"analytic_sd_pence", z.analytic_sd},
                            {"spend_p5_pence", z.spend_p5},
                            {"spend_p50_pence", z.spend_p50},
                            {"spend_p95_pence", z.spend_p95},
                            {"p_overspend", z.p_overspend},
                            {"overspend_bands", over},
                            {"underspend_bands", under},
                            {"p_beyond_corridor", z.p_beyond_corridor},
                            {"mean_ico_result_pence", z.mean_ico_result},
                            {"sd_ico_result_pence", z.sd_ico_result},
                            {"ico_result_p5_pence", z.ico_result_p5},
                            {"ico_result_p95_pence", z.ico_result_p95},
                            {"mean_net_payment_pence", z.mean_net_payment},
                            {"sd_net_payment_pence", z.sd_net_payment},
                            {"mean_stop_loss_recovery_pence", z.mean_stop_loss_recovery}});
    }
    return j.dump(2) + "\n";
  }
  std::string out = Header(c, b);
  out += fmt::format(
      "\n{} simulated years (seed {}), each drawing patient-years with replacement from the {} "
      "of the base year (mean {} a patient-year); budget and caps scaled per head.\n",
      WithThousands(sim.years), sim.seed, WithThousands(sim.base_population),
      Pounds(sim.mean_cost, 2));
  std::vector<std::string> header{"population",  "budget",      "mean spend",       "SD",
                                  "analytic SD", "SD % budget", "5th-95th centile", "P(overspend)"};
  TextTable spread(header);
  for (const SizeSimulation& z : sim.sizes)
    spread.AddRow(
        {WithThousands(z.population), Pounds(z.budget), Pounds(z.mean_spend), Pounds(z.sd_spend),
         Pounds(z.analytic_sd), Decimal(100 * z.sd_spend / z.budget, 2) + "%",
         Pounds(z.spend_p5) + " to " + Pounds(z.spend_p95), Decimal(100 * z.p_overspend, 1) + "%"});
  out += spread.Render();
  out += "\nWhere the variance lands (probability by corridor band):\n";
  std::vector<std::string> bands{"population"};
  for (const CorridorBand& band : c.overspend) bands.push_back("over " + band_label(band));
  for (const CorridorBand& band : c.underspend) bands.push_back("under " + band_label(band));
  bands.push_back("beyond");
  TextTable where(bands);
  for (const SizeSimulation& z : sim.sizes) {
    std::vector<std::string> row{WithThousands(z.population)};
    for (double p : z.p_over_band) row.push_back(Decimal(100 * p, 1) + "%");
    for (double p : z.p_under_band) row.push_back(Decimal(100 * p, 1) + "%");
    row.push_back(Decimal(100 * z.p_beyond_corridor, 1) + "%");
    where.AddRow(row);
  }
  out += where.Render();
  out +=
      "\nThe settlement (ICO result: + gain, - loss; net payment: + the counterparty pays the "
      "ICO):\n";
  TextTable settle({"population", "mean ICO result", "SD", "5th-95th centile", "mean net payment",
                    "SD", "mean stop-loss recovery"});
  for (const SizeSimulation& z : sim.sizes)
    settle.AddRow({WithThousands(z.population), Pounds(z.mean_ico_result), Pounds(z.sd_ico_result),
                   Pounds(z.ico_result_p5) + " to " + Pounds(z.ico_result_p95),
                   Pounds(z.mean_net_payment), Pounds(z.sd_net_payment),
                   Pounds(z.mean_stop_loss_recovery)});
  out += settle.Render();
  return out;
}

}  // namespace continuum
