#include "finance/monitor.h"

#include <algorithm>
#include <cmath>

#include "finance/hrg_chapter.h"
#include "finance/patient_costs.h"

namespace continuum {
namespace {

constexpr int kMonths = 12;
constexpr double kZ[2] = {1.2815515655446004, 1.959963984540054};  // 80% and 95%, two-sided
constexpr int kGroups = 27;  // 0: no diagnosis recorded; 1 + letter - 'A'

// Spend of one breakdown (setting, provider, practice or condition group) by key and by month
// of the period: in the earlier years (summed) and in the period to date.
struct Breakdown {
  explicit Breakdown(size_t keys) : history(keys * kMonths, 0), actual(keys * kMonths, 0) {}
  std::vector<double> history;  // [key * 12 + month]
  std::vector<Pence> actual;
  size_t keys() const { return history.size() / kMonths; }
};

int DaysInMonth(int month_index) {
  const int year = month_index / 12, month = month_index % 12 + 1;
  const Day first = DayFromCivil(year, month, 1);
  const Day next = month == 12 ? DayFromCivil(year + 1, 1, 1) : DayFromCivil(year, month + 1, 1);
  return next - first;
}

Status CheckOptions(const Population& p, const MonitorOptions& o) {
  const CivilDate start = CivilFromDay(o.period_start), after = CivilFromDay(o.period_end + 1);
  if (start.day != 1 || after.day != 1 || o.period_end < o.period_start)
    return Status::InvalidInput("the budget period " + FormatDate(o.period_start) + " to " +
                                FormatDate(o.period_end) + " must be whole months");
  if (MonthIndex(o.period_end) - MonthIndex(o.period_start) + 1 != kMonths)
    return Status::InvalidInput("the budget period " + FormatDate(o.period_start) + " to " +
                                FormatDate(o.period_end) + " must be twelve months");
  if (o.month < MonthIndex(o.period_start) || o.month > MonthIndex(o.period_end))
    return Status::InvalidInput("month " + FormatMonth(o.month) + " is outside the budget period " +
                                FormatDate(o.period_start) + " to " + FormatDate(o.period_end));
  if (p.events.size() == 0 || p.events.last_day < o.period_start ||
      p.events.first_day > o.period_end)
    return Status::InvalidInput("the budget period " + FormatDate(o.period_start) + " to " +
                                FormatDate(o.period_end) + " has no activity in the workspace" +
                                (p.events.size()
                                     ? " (activity runs " + FormatDate(p.events.first_day) +
                                           " to " + FormatDate(p.events.last_day) + ")"
                                     : ""));
  if (DayFromCivil(o.month / 12, o.month % 12 + 1, 1) > p.events.last_day)
    return Status::InvalidInput("month " + FormatMonth(o.month) +
                                " has no activity yet: the workspace's activity ends on " +
                                FormatDate(p.events.last_day));
  return Status::Ok();
}

// The budget of each key and month, apportioned to the penny in proportion to the earlier
// years' spend; with no earlier year there is nothing to split a breakdown by.
std::vector<Pence> PhaseBudget(Pence budget, const Breakdown& b, bool has_history) {
  if (!has_history && b.keys() > 1) return std::vector<Pence>(b.history.size(), 0);
  return Apportion(budget, b.history);
}

std::vector<MonitorLine> Lines(const Breakdown& b, const std::vector<Pence>& phased,
                               int months_to_date, const std::vector<std::string>& names,
                               const std::vector<Pence>& extra_actual) {
  std::vector<MonitorLine> lines;
  for (size_t k = 0; k < b.keys(); ++k) {
    MonitorLine line{.name = names[k]};
    double history = 0, history_to_date = 0;
    for (int m = 0; m < kMonths; ++m) {
      const size_t i = k * kMonths + m;
      line.budget += phased[i];
      history += b.history[i];
      if (m < months_to_date) {
        line.budget_to_date += phased[i];
        line.actual_to_date += b.actual[i];
        history_to_date += b.history[i];
      }
    }
    if (!extra_actual.empty()) line.actual_to_date += extra_actual[k];
    if (line.budget == 0 && line.actual_to_date == 0) continue;
    line.variance = line.actual_to_date - line.budget_to_date;
    line.variance_pct =
        line.budget_to_date ? 100.0 * line.variance / static_cast<double>(line.budget_to_date) : 0;
    // Run rate where the earlier years saw spend to date; otherwise what is left of the budget.
    line.forecast = history_to_date > 0
                        ? std::llround(line.actual_to_date / (history_to_date / history))
                        : line.actual_to_date + line.budget - line.budget_to_date;
    lines.push_back(std::move(line));
  }
  std::stable_sort(lines.begin(), lines.end(), [](const MonitorLine& a, const MonitorLine& b) {
    return std::llabs(a.variance) > std::llabs(b.variance);
  });
  return lines;
}

}  // namespace

Result<Monitor> RunMonitor(const Population& p, std::span<const int32_t> event_cost,
                           const IcoScope& scope, const MonitorOptions& options) {
  CONTINUUM_RETURN_IF_ERROR(CheckOptions(p, options));
  Monitor out{.options = options};
  const int first_month = MonthIndex(options.period_start);
  const int months_to_date = options.month - first_month + 1;
  out.as_at = options.month == MonthIndex(options.period_end)
                  ? options.period_end
                  : DayFromCivil((options.month + 1) / 12, (options.month + 1) % 12 + 1, 1) - 1;
  // Earlier years: the same twelve months 1, 2, ... years before, wholly inside the data.
  std::vector<int> shift_months;  // month offset back to each earlier year
  for (int back = 1; back <= 10; ++back) {
    const int start = first_month - 12 * back;
    if (DayFromCivil(start / 12, start % 12 + 1, 1) < p.events.first_day) break;
    out.profile_years.push_back(back);
    shift_months.push_back(12 * back);
  }
  const int earliest_month = first_month - 12 * static_cast<int>(shift_months.size());

  const EventColumns& e = p.events;
  const size_t orgs = p.organisations.size();
  Breakdown total(1), by_setting(kSettingCount), by_provider(orgs), by_practice(orgs),
      by_group(kGroups);
  std::vector<uint8_t> group_of(e.diagnoses.size(), 0);
  for (uint32_t d = 0; d < e.diagnoses.size(); ++d) {
    const char chapter = HrgChapterOf(e.diagnoses.Value(d));
    group_of[d] = chapter ? 1 + chapter - 'A' : 0;
  }
  std::vector<Day> last_reported(kSettingCount, INT32_MIN);
  for (size_t i = 0; i < e.size(); ++i) {
    last_reported[e.setting[i]] = std::max(last_reported[e.setting[i]], e.day[i]);
    if (e.day[i] > out.as_at || e.practice[i] >= orgs || !scope.member[e.practice[i]]) continue;
    const int month = MonthIndex(e.day[i]);
    if (month < earliest_month) continue;
    const uint32_t d = e.diagnosis[i];
    const size_t keys[] = {0, e.setting[i], e.provider[i], e.practice[i],
                           d == Dictionary::kMissing ? 0u : group_of[d]};
    Breakdown* breakdowns[] = {&total, &by_setting, &by_provider, &by_practice, &by_group};
    if (month >= first_month) {
      ++out.events_to_date;
      if (event_cost[i] < 0) {
        ++out.uncosted_to_date;
        continue;
      }
      for (int b = 0; b < 5; ++b)
        breakdowns[b]->actual[keys[b] * kMonths + month - first_month] += event_cost[i];
    } else if (event_cost[i] > 0) {
      const int m = (month - earliest_month) % 12;
      for (int b = 0; b < 5; ++b) breakdowns[b]->history[keys[b] * kMonths + m] += event_cost[i];
    }
  }
  double history_total = 0, history_to_date = 0;
  for (int m = 0; m < kMonths; ++m) {
    history_total += total.history[m];
    if (m < months_to_date) history_to_date += total.history[m];
  }
  const bool has_history = history_total > 0;
  if (!has_history) {  // no earlier year: phase by days; breakdowns get no budget
    for (int m = 0; m < kMonths; ++m) total.history[m] = DaysInMonth(first_month + m);
    history_total = 365;
    history_to_date = 0;
    for (int m = 0; m < months_to_date; ++m) history_to_date += total.history[m];
  }
  out.share_to_date = history_to_date / history_total;

  // Activity not yet reported: a setting whose latest activity is before the end of the month
  // is assumed to have the rest still to come, at the earlier years' daily rate for those days
  // grown by how this year's reported days compare with the same days before.
  std::vector<Pence> unreported_by_setting(kSettingCount, 0);
  std::vector<double> unreported_by_month(kMonths, 0);
  for (int s = 0; s < kSettingCount; ++s) {
    if (last_reported[s] == INT32_MIN || last_reported[s] >= out.as_at) continue;
    const Day from = std::max(last_reported[s] + 1, options.period_start);
    double expected_missing = 0, expected_reported = 0;
    std::vector<double> missing_by_month(kMonths, 0);
    Pence reported = 0;
    for (int m = 0; m < months_to_date; ++m) {
      const int month = first_month + m;
      const double daily = by_setting.history[s * kMonths + m] / DaysInMonth(month);
      const Day month_start = DayFromCivil(month / 12, month % 12 + 1, 1);
      const Day month_end = month_start + DaysInMonth(month) - 1;
      const Day missing_from = std::max(month_start, from);
      const int missing = std::max(0, std::min(month_end, out.as_at) - missing_from + 1);
      expected_missing += daily * missing;
      missing_by_month[m] = daily * missing;
      expected_reported += daily * (DaysInMonth(month) - missing);
      reported += by_setting.actual[s * kMonths + m];
    }
    const double growth = expected_reported > 0 ? reported / expected_reported : 1.0;
    const Pence estimate = std::llround(expected_missing * growth);
    if (estimate <= 0) continue;
    out.unreported.push_back({Setting(s), last_reported[s], out.as_at - from + 1, estimate});
    for (int m = 0; m < kMonths; ++m) unreported_by_month[m] += missing_by_month[m] * growth;
    unreported_by_setting[s] = estimate;
    out.not_yet_reported += estimate;
  }

  const std::vector<Pence> monthly = PhaseBudget(options.budget, total, true);
  const std::vector<Pence> unreported_monthly =
      Apportion(out.not_yet_reported, unreported_by_month);
  for (int m = 0; m < kMonths; ++m) {
    MonitorMonth row{.month = first_month + m, .budget = monthly[m]};
    if (m < months_to_date) {
      row.actual = total.actual[m];
      row.not_yet_reported = unreported_monthly[m];
      out.budget_to_date += row.budget;
      out.actual_to_date += row.actual;
    }
    out.months.push_back(row);
  }
  out.variance = out.actual_to_date + out.not_yet_reported - out.budget_to_date;
  out.variance_pct =
      out.budget_to_date ? 100.0 * out.variance / static_cast<double>(out.budget_to_date) : 0;
  const double to_date = static_cast<double>(out.actual_to_date + out.not_yet_reported);
  out.forecast = std::llround(to_date / out.share_to_date);
  const Pence remaining = out.forecast - out.actual_to_date - out.not_yet_reported;
  std::vector<double> later(kMonths, 0);
  for (int m = months_to_date; m < kMonths; ++m) later[m] = total.history[m];
  const std::vector<Pence> later_spend = Apportion(remaining, later);
  for (int m = months_to_date; m < kMonths; ++m) out.months[m].forecast = later_spend[m];

  // The interval reflects the randomness of patients' costs (docs/finance.md): with V the
  // variance of a year's spend (the sum of each patient's variance), the forecast's error
  // variance is V x (share still to come) / (share to date).
  // V from the year before; with no earlier year, from the costs to date grown to a year.
  const int back = first_month - kMonths;
  const bool last_year_known = !out.profile_years.empty();
  const PatientCosts sample =
      last_year_known
          ? PatientCostsIn(p, event_cost, scope, DayFromCivil(back / 12, back % 12 + 1, 1),
                           options.period_start - 1)
          : PatientCostsIn(p, event_cost, scope, options.period_start, out.as_at);
  double year_variance = 0;
  if (!sample.cost.empty()) {
    const double mean = static_cast<double>(sample.total) / sample.cost.size();
    for (Pence c : sample.cost) year_variance += (c - mean) * (c - mean);
    if (!last_year_known) year_variance /= out.share_to_date;
  }
  const double still_to_come = 1.0 - out.share_to_date;
  out.forecast_sd = std::sqrt(year_variance * still_to_come / out.share_to_date);
  for (int k = 0; k < 2; ++k) {
    // The year cannot end below what is already spent.
    out.forecast_low[k] = std::max<Pence>(out.actual_to_date + out.not_yet_reported,
                                          std::llround(out.forecast - kZ[k] * out.forecast_sd));
    out.forecast_high[k] = std::llround(out.forecast + kZ[k] * out.forecast_sd);
  }

  std::vector<std::string> setting_names, org_names, group_names;
  for (std::string_view s : kSettingCodes) setting_names.emplace_back(s);
  for (uint32_t o = 0; o < orgs; ++o) org_names.push_back(p.organisations.ids.Value(o));
  group_names.push_back("no diagnosis recorded");
  for (char c = 'A'; c <= 'Z'; ++c) group_names.emplace_back(HrgChapterName(c));
  out.by_setting = Lines(by_setting, PhaseBudget(options.budget, by_setting, has_history),
                         months_to_date, setting_names, unreported_by_setting);
  out.by_provider = Lines(by_provider, PhaseBudget(options.budget, by_provider, has_history),
                          months_to_date, org_names, {});
  out.by_practice = Lines(by_practice, PhaseBudget(options.budget, by_practice, has_history),
                          months_to_date, org_names, {});
  out.by_condition_group = Lines(by_group, PhaseBudget(options.budget, by_group, has_history),
                                 months_to_date, group_names, {});
  return out;
}

}  // namespace continuum
