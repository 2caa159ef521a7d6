#include "report/monitor_render.h"

#include <fmt/format.h>

#include <cmath>

#include "report/contract_header.h"
#include "report/count_json.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

using nlohmann::json;

std::string Percent(double pct) { return (pct > 0 ? "+" : "") + Decimal(pct, 1) + "%"; }

// The running totals of a month, as the burn-up draws them and the text's month table prints them.
struct Cumulative {
  Pence budget = 0;  // the phased budget to the end of the month
  Pence actual = 0;  // reported spend to the end of the month (to the monitor's month only)
  // Reported spend and the estimate not yet reported, to the monitor's month; from there on,
  // with the forecast of each later month added, so that the year's last is the forecast outturn.
  Pence spend = 0;
};

// The running totals month by month: the one place they are added up, for the text and the JSON.
std::vector<Cumulative> CumulativeMonths(const Monitor& m) {
  std::vector<Cumulative> out;
  Cumulative sum;
  for (const MonitorMonth& row : m.months) {
    const bool past = row.month <= m.options.month;
    sum.budget += row.budget;
    if (past) sum.actual += row.actual;
    sum.spend += past ? row.actual + row.not_yet_reported : row.forecast;
    out.push_back(sum);
  }
  return out;
}

// `names`, when given, titles the lines by their codes.
json LinesJson(const std::vector<MonitorLine>& lines, const OrganisationNames* names = nullptr) {
  json out = json::array();
  for (const MonitorLine& l : lines) {
    json line = {{"name", l.name},
                 {"budget_pence", l.budget},
                 {"budget_to_date_pence", l.budget_to_date},
                 {"actual_to_date_pence", l.actual_to_date},
                 {"variance_pence", l.variance},
                 {"variance_pct", l.variance_pct},
                 {"forecast_pence", l.forecast}};
    if (names) {
      const auto title = names->find(l.name);
      if (title != names->end()) line["title"] = title->second;
    }
    out.push_back(std::move(line));
  }
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

OrganisationNames OrganisationNamesOf(const OrganisationColumns& organisations) {
  OrganisationNames names;
  for (uint32_t o = 0; o < organisations.name.size(); ++o)
    names.emplace(organisations.ids.Value(o), organisations.name[o]);
  return names;
}

std::string RenderMonitor(const Contract& c, const ResolvedBudget& b, const Monitor& m,
                          OutputFormat format, int top, Disclosure disclosure,
                          const OrganisationNames& names) {
  if (format == OutputFormat::kJson) {
    json j = ContractHeaderJson(c, b, disclosure);
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
    j["forecast_sd_pence"] = std::llround(m.forecast_sd);
    j["forecast_interval_80_pence"] = {m.forecast_low[0], m.forecast_high[0]};
    j["forecast_interval_95_pence"] = {m.forecast_low[1], m.forecast_high[1]};
    j["events_to_date"] = CountJson(m.events_to_date, disclosure);
    j["uncosted_events_to_date"] = CountJson(m.uncosted_to_date, disclosure);
    j["months"] = json::array();
    const std::vector<Cumulative> cumulative = CumulativeMonths(m);
    for (size_t i = 0; i < m.months.size(); ++i) {
      const MonitorMonth& row = m.months[i];
      const bool past = row.month <= m.options.month;
      j["months"].push_back(
          {{"month", FormatMonth(row.month)},
           {"budget_pence", row.budget},
           {"actual_pence", row.actual},
           {"not_yet_reported_pence", row.not_yet_reported},
           {"forecast_pence", past ? json(nullptr) : json(row.forecast)},
           {"cumulative_budget_pence", cumulative[i].budget},
           {"cumulative_actual_pence", past ? json(cumulative[i].actual) : json(nullptr)},
           {"cumulative_spend_pence", cumulative[i].spend}});
    }
    j["not_yet_reported"] = json::array();
    for (const NotYetReported& u : m.unreported)
      j["not_yet_reported"].push_back({{"setting", kSettingCodes[int(u.setting)]},
                                       {"last_reported", FormatDate(u.last_reported)},
                                       {"missing_days", u.missing_days},
                                       {"estimate_pence", u.estimate}});
    j["by_setting"] = LinesJson(m.by_setting);
    j["by_provider"] = LinesJson(m.by_provider, &names);
    j["by_practice"] = LinesJson(m.by_practice, &names);
    j["by_condition_group"] = LinesJson(m.by_condition_group);
    return JsonText(j, 2) + "\n";
  }
  std::string out = ContractHeader(c, b);
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
  const std::vector<Cumulative> cumulative = CumulativeMonths(m);
  for (size_t i = 0; i < m.months.size(); ++i) {
    const MonitorMonth& row = m.months[i];
    const bool past = row.month <= m.options.month;
    months.AddRow({FormatMonth(row.month), Pounds(row.budget), past ? Pounds(row.actual) : "",
                   past ? Pounds(row.not_yet_reported) : "", past ? "" : Pounds(row.forecast),
                   Pounds(cumulative[i].budget), Pounds(cumulative[i].spend)});
  }
  out += months.Render();
  out += "\nLargest variances first (positive: overspent):\n";
  out += LinesText("setting", m.by_setting, top) + "\n";
  out += LinesText("provider", m.by_provider, top) + "\n";
  out += LinesText("member practice", m.by_practice, top) + "\n";
  out += LinesText("condition group (HRG chapter of the diagnosis)", m.by_condition_group, top);
  return out;
}

}  // namespace continuum
