#include "finance/monitor.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <thread>
#include <utility>

#include "finance/hrg_chapter.h"

namespace continuum {
namespace {

constexpr int kMonths = 12;
constexpr double kZ[2] = {1.2815515655446004, 1.959963984540054};  // 80% and 95%, two-sided
constexpr int kGroups = 27;  // 0: no diagnosis recorded; 1 + letter - 'A'

// Spend of one breakdown (setting, provider, practice or condition group) by key and by month
// of the period: in the earlier years (summed) and in the period to date.
struct Breakdown {
  explicit Breakdown(size_t keys) : history(keys * kMonths, 0), actual(keys * kMonths, 0) {}
  std::vector<Pence> history;  // [key * 12 + month], summed over the earlier years
  std::vector<Pence> actual;
  size_t keys() const { return history.size() / kMonths; }
};

// What the scan of the events needs to know.
struct ScanInputs {
  const Population& p;
  std::span<const int32_t> cost;
  const IcoScope& scope;
  int first_month = 0, earliest_month = 0;
  Day as_at = 0, earliest_day = 0;
  // The sample of patients' costs for the interval: the year before, or the period to date.
  Day sample_start = 0, sample_end = 0;
  std::vector<uint8_t> group_of;  // condition group by diagnosis id
  std::vector<int16_t> month_of;  // months since the earliest month, by day
};

// The sums one pass over (part of) the events produces.
struct Scan {
  Scan(size_t orgs, size_t patients)
      : by_provider(orgs),
        by_practice(orgs),
        last_reported(kSettingCount, INT32_MIN),
        sample_cost(patients, 0) {}
  Breakdown total{1}, by_setting{kSettingCount}, by_provider, by_practice, by_group{kGroups};
  std::vector<Day> last_reported;  // by setting, over the whole workspace
  std::vector<Pence> sample_cost;  // by patient, in the sample window (see ScanInputs)
  // Events of the period (and those not costed) by its month.
  std::array<int64_t, kMonths> events{}, uncosted{};

  void Add(const Scan& o) {
    for (auto [a, b] : {std::pair{&total, &o.total},
                        {&by_setting, &o.by_setting},
                        {&by_provider, &o.by_provider},
                        {&by_practice, &o.by_practice},
                        {&by_group, &o.by_group}}) {
      for (size_t i = 0; i < a->history.size(); ++i) {
        a->history[i] += b->history[i];
        a->actual[i] += b->actual[i];
      }
    }
    for (int s = 0; s < kSettingCount; ++s)
      last_reported[s] = std::max(last_reported[s], o.last_reported[s]);
    for (size_t i = 0; i < sample_cost.size(); ++i) sample_cost[i] += o.sample_cost[i];
    for (int m = 0; m < kMonths; ++m) {
      events[m] += o.events[m];
      uncosted[m] += o.uncosted[m];
    }
  }
};

void ScanEvents(const ScanInputs& in, size_t begin, size_t end, Scan* out) {
  const EventColumns& e = in.p.events;
  const uint32_t orgs = static_cast<uint32_t>(in.p.organisations.size());
  const int period_offset = in.first_month - in.earliest_month;  // months before the period
  // Raw pointers in locals: through `out` the compiler would reload every array each event.
  const Day* days = e.day.data();
  const uint8_t* settings = e.setting.data();
  const uint32_t *practices = e.practice.data(), *providers = e.provider.data(),
                 *diagnoses = e.diagnosis.data(), *patients = e.patient.data();
  const int32_t* costs = in.cost.data();
  const uint8_t* member = in.scope.member.data();
  const uint8_t* group_of = in.group_of.data();
  const uint32_t no_diagnosis = static_cast<uint32_t>(in.group_of.size() - 1);
  const int16_t* month_of = in.month_of.data();
  Breakdown* sums[] = {&out->total, &out->by_setting, &out->by_provider, &out->by_practice,
                       &out->by_group};
  Pence* actual[5];
  Pence* history[5];
  for (int b = 0; b < 5; ++b) {
    actual[b] = sums[b]->actual.data();
    history[b] = sums[b]->history.data();
  }
  Pence* sample = out->sample_cost.data();
  Day last[kSettingCount];
  std::copy(out->last_reported.begin(), out->last_reported.end(), last);
  std::array<int64_t, kMonths> events{}, uncosted{};
  for (size_t i = begin; i < end; ++i) {
    const Day day = days[i];
    const uint8_t setting = settings[i];
    last[setting] = std::max(last[setting], day);
    const uint32_t practice = practices[i];
    if (day > in.as_at || day < in.earliest_day || practice >= orgs || !member[practice]) continue;
    const int m = month_of[day - in.earliest_day];
    const int32_t cost = costs[i];
    const uint32_t d = diagnoses[i];
    const size_t group = group_of[d == Dictionary::kMissing ? no_diagnosis : d];
    if (day >= in.sample_start && day <= in.sample_end && cost > 0) sample[patients[i]] += cost;
    const size_t keys[5] = {0, setting, providers[i], practice, group};
    if (m >= period_offset) {
      const size_t month = m - period_offset;
      ++events[month];
      if (cost < 0) {
        ++uncosted[month];
        continue;
      }
      for (int b = 0; b < 5; ++b) actual[b][keys[b] * kMonths + month] += cost;
    } else if (cost > 0) {
      const size_t month = m % kMonths;
      for (int b = 0; b < 5; ++b) history[b][keys[b] * kMonths + month] += cost;
    }
  }
  std::copy(last, last + kSettingCount, out->last_reported.begin());
  for (int m = 0; m < kMonths; ++m) {
    out->events[m] += events[m];
    out->uncosted[m] += uncosted[m];
  }
}

// The last day of the month reported on.
Day AsAt(const MonitorOptions& o) {
  return o.month == MonthIndex(o.period_end)
             ? o.period_end
             : DayFromCivil((o.month + 1) / 12, (o.month + 1) % 12 + 1, 1) - 1;
}

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
  const std::vector<double> weights(b.history.begin(), b.history.end());
  return Apportion(budget, weights);
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

struct MonitorScan {
  int month = 0;                   // the last month scanned (MonthIndex)
  Day as_at = 0;                   // its last day
  std::vector<int> profile_years;  // as Monitor::profile_years
  Day sample_start = 0, sample_end = 0;
  Scan sums;
};

Result<std::shared_ptr<const MonitorScan>> ScanForMonitor(const Population& p,
                                                          std::span<const int32_t> event_cost,
                                                          const IcoScope& scope,
                                                          const MonitorOptions& options) {
  CONTINUUM_RETURN_IF_ERROR(CheckOptions(p, options));
  const int first_month = MonthIndex(options.period_start);
  const Day as_at = AsAt(options);
  // Earlier years: the same twelve months 1, 2, ... years before, wholly inside the data.
  std::vector<int> profile_years;
  for (int back = 1; back <= 10; ++back) {
    const int start = first_month - 12 * back;
    if (DayFromCivil(start / 12, start % 12 + 1, 1) < p.events.first_day) break;
    profile_years.push_back(back);
  }
  const int earliest_month = first_month - 12 * static_cast<int>(profile_years.size());

  const EventColumns& e = p.events;
  const size_t orgs = p.organisations.size();
  ScanInputs in{.p = p,
                .cost = event_cost,
                .scope = scope,
                .first_month = first_month,
                .earliest_month = earliest_month,
                .as_at = as_at};
  in.group_of.assign(e.diagnoses.size() + 1, 0);  // the last entry: no diagnosis
  for (uint32_t d = 0; d < e.diagnoses.size(); ++d) {
    const char chapter = HrgChapterOf(e.diagnoses.Value(d));
    in.group_of[d] = chapter ? 1 + chapter - 'A' : 0;
  }
  // Month (counted from the earliest month) by day, so the scan does no calendar work.
  in.earliest_day = DayFromCivil(earliest_month / 12, earliest_month % 12 + 1, 1);
  in.month_of.resize(std::max(0, as_at - in.earliest_day + 1));
  for (Day d = in.earliest_day; d <= as_at; ++d)
    in.month_of[d - in.earliest_day] = static_cast<int16_t>(MonthIndex(d) - earliest_month);
  in.sample_start = profile_years.empty() ? options.period_start
                                          : DayFromCivil((first_month - kMonths) / 12,
                                                         (first_month - kMonths) % 12 + 1, 1);
  in.sample_end = profile_years.empty() ? as_at : options.period_start - 1;
  // Map and merge: two halves of the events on two threads, each into its own sums, then added
  // together.
  auto out = std::make_shared<MonitorScan>(MonitorScan{.month = options.month,
                                                       .as_at = as_at,
                                                       .profile_years = profile_years,
                                                       .sample_start = in.sample_start,
                                                       .sample_end = in.sample_end,
                                                       .sums = Scan(orgs, p.patients.size())});
  Scan other(orgs, p.patients.size());
  const size_t half = e.size() / 2;
  std::thread worker([&] { ScanEvents(in, half, e.size(), &other); });
  ScanEvents(in, 0, half, &out->sums);
  worker.join();
  out->sums.Add(other);
  return std::shared_ptr<const MonitorScan>(std::move(out));
}

Result<Monitor> RunMonitor(const Population& p, std::span<const int32_t> event_cost,
                           const IcoScope& scope, const MonitorOptions& options) {
  Result<std::shared_ptr<const MonitorScan>> scan = ScanForMonitor(p, event_cost, scope, options);
  if (!scan.ok()) return scan.status();
  return FinishMonitor(p, event_cost, scope, **scan, options);
}

Result<Monitor> FinishMonitor(const Population& p, std::span<const int32_t> event_cost,
                              const IcoScope& scope, const MonitorScan& scanned,
                              const MonitorOptions& options) {
  CONTINUUM_RETURN_IF_ERROR(CheckOptions(p, options));
  if (options.month > scanned.month)
    return Status::Internal("the monitor's scan ends at " + FormatMonth(scanned.month) +
                            ", before " + FormatMonth(options.month));
  // Without an earlier year the sample of costs is the period to date: this month's own scan.
  if (scanned.profile_years.empty() && options.month != scanned.month)
    return RunMonitor(p, event_cost, scope, options);
  Monitor out{.options = options};
  const int first_month = MonthIndex(options.period_start);
  const int months_to_date = options.month - first_month + 1;
  out.as_at = AsAt(options);
  out.profile_years = scanned.profile_years;
  const size_t orgs = p.organisations.size();
  struct {
    Day sample_start, sample_end;
  } in{scanned.sample_start, scanned.sample_end};
  // Finish: from a copy of the sums, which the phasing below may change.
  Scan scan = scanned.sums;
  Breakdown& total = scan.total;
  Breakdown &by_setting = scan.by_setting, &by_provider = scan.by_provider,
            &by_practice = scan.by_practice, &by_group = scan.by_group;
  // How far each setting's feed has reported: over the whole workspace, which a shard knows
  // without its events.
  for (int s = 0; s < kSettingCount; ++s) {
    const Day whole = p.events.last_day_by_setting[s];
    if (whole != 0) scan.last_reported[s] = std::max(scan.last_reported[s], whole);
  }
  const std::vector<Day>& last_reported = scan.last_reported;
  for (int m = 0; m < months_to_date; ++m) {
    out.events_to_date += scan.events[m];
    out.uncosted_to_date += scan.uncosted[m];
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
      const double daily =
          static_cast<double>(by_setting.history[s * kMonths + m]) / DaysInMonth(month);
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
  for (int m = months_to_date; m < kMonths; ++m) later[m] = static_cast<double>(total.history[m]);
  const std::vector<Pence> later_spend = Apportion(remaining, later);
  for (int m = months_to_date; m < kMonths; ++m) out.months[m].forecast = later_spend[m];

  // The interval reflects the randomness of patients' costs (docs/finance.md): with V the
  // variance of a year's spend (the sum of each patient's variance), the forecast's error
  // variance is V x (share still to come) / (share to date).
  // V from the year before (everyone registered with a member practice in it, with their costs
  // there); with no earlier year, from the costs to date grown to a year.
  double year_variance = 0;
  {
    std::vector<uint8_t> registered(p.patients.size(), 0);
    const RegistrationColumns& r = p.registrations;
    for (size_t i = 0; i < r.size(); ++i)
      if (scope.member[r.practice[i]] && r.start[i] <= in.sample_end && r.end[i] >= in.sample_start)
        registered[r.patient[i]] = 1;
    double n = 0, sum = 0, squares = 0;
    for (size_t i = 0; i < registered.size(); ++i) {
      if (!registered[i]) continue;
      const double c = static_cast<double>(scan.sample_cost[i]);
      n += 1;
      sum += c;
      squares += c * c;
    }
    if (n > 0) year_variance = std::max(0.0, squares - sum * sum / n);
    if (out.profile_years.empty()) year_variance /= out.share_to_date;
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
  std::vector<Pence> practice_phased = PhaseBudget(options.budget, by_practice, has_history);
  if (!options.practice_budgets.empty()) {
    std::fill(practice_phased.begin(), practice_phased.end(), 0);
    for (const auto& [practice, budget] : options.practice_budgets) {
      if (practice >= orgs) continue;
      std::vector<double> weights(kMonths);
      for (int m = 0; m < kMonths; ++m)
        weights[m] = has_history ? static_cast<double>(by_practice.history[practice * kMonths + m])
                                 : DaysInMonth(first_month + m);
      const std::vector<Pence> months = Apportion(budget, weights);
      std::copy(months.begin(), months.end(), practice_phased.begin() + practice * kMonths);
    }
  }
  out.by_practice = Lines(by_practice, practice_phased, months_to_date, org_names, {});
  out.by_condition_group = Lines(by_group, PhaseBudget(options.budget, by_group, has_history),
                                 months_to_date, group_names, {});
  return out;
}

}  // namespace continuum
