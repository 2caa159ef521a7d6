// The monthly budget monitor: the year's budget phased by month (and by setting, provider,
// member practice and condition group) with the seasonality of earlier years; actual spend to
// the end of a month against it; an estimate of activity not yet reported; and a year-end
// forecast with a prediction interval. docs/finance.md gives the arithmetic.
//
//   auto m = RunMonitor(population, costing.cost, scope,
//                       {.period_start = s, .period_end = e, .budget = b, .month = MonthIndex(d)});
//   m->forecast, m->forecast_low[1], m->by_setting[0].variance
#pragma once

#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "finance/ico_scope.h"

namespace continuum {

struct MonitorOptions {
  Day period_start = 0, period_end = 0;  // whole months: the 1st to a month's last day
  Pence budget = 0;                      // for the whole period
  int month = 0;                         // MonthIndex of the month reported on
  // Each member practice's budget (organisation index, pence), from the capitation model; when
  // given, each is phased by its own earlier years instead of the ICO's budget being split by
  // the practices' past spend.
  std::vector<std::pair<uint32_t, Pence>> practice_budgets;
};

struct MonitorLine {
  std::string name;  // setting code, provider id, practice id or condition group
  Pence budget = 0;  // for the whole period
  Pence budget_to_date = 0, actual_to_date = 0;
  Pence variance = 0;       // actual - budget to date: positive is an overspend
  double variance_pct = 0;  // of the budget to date (0 when that is 0)
  Pence forecast = 0;       // year-end
};

struct MonitorMonth {
  int month = 0;  // MonthIndex
  Pence budget = 0;
  Pence actual = 0;            // reported spend (months up to the one reported on)
  Pence not_yet_reported = 0;  // estimated spend missing from the reported figure
  Pence forecast = 0;          // expected spend, for the months after the one reported on
};

struct NotYetReported {
  Setting setting;
  Day last_reported = 0;  // the last day with activity of this setting in the workspace
  int missing_days = 0;   // from then to the end of the month reported on, within the period
  Pence estimate = 0;
};

struct Monitor {
  MonitorOptions options;
  Day as_at = 0;                   // the last day of the month reported on
  std::vector<int> profile_years;  // how many years back each earlier year lies (1, 2, ...)
  double share_to_date = 0;        // of a year's spend that falls in the months to date
  Pence budget_to_date = 0, actual_to_date = 0, not_yet_reported = 0;
  Pence variance = 0;  // actual (with not yet reported) - budget, to date
  double variance_pct = 0;
  Pence forecast = 0;
  // Year-end prediction intervals: [0] 80%, [1] 95%.
  Pence forecast_low[2] = {0, 0}, forecast_high[2] = {0, 0};
  double forecast_sd = 0;  // pence
  std::vector<MonitorMonth> months;
  std::vector<NotYetReported> unreported;
  // Largest absolute variance first.
  std::vector<MonitorLine> by_setting, by_provider, by_practice, by_condition_group;
  int64_t events_to_date = 0, uncosted_to_date = 0;
};

Result<Monitor> RunMonitor(const Population& population, std::span<const int32_t> event_cost,
                           const IcoScope& scope, const MonitorOptions& options);

// RunMonitor in its two steps, so that many months of one period are reported from one pass
// over the events (docs/architecture.md, "Shards"): ScanForMonitor is the map over halves of the
// events and the merge of their sums, to the end of `options.month`; FinishMonitor reports on any
// month of the period up to that one from the sums. The commissioner's oversight scans once per
// ICO and finishes every month of its history.
//
//   auto scan = ScanForMonitor(population, cost, scope, {..., .month = last});
//   for (int m = first; m <= last; ++m) FinishMonitor(population, cost, scope, **scan, {..., .month
//   = m});
struct MonitorScan;
Result<std::shared_ptr<const MonitorScan>> ScanForMonitor(const Population& population,
                                                          std::span<const int32_t> event_cost,
                                                          const IcoScope& scope,
                                                          const MonitorOptions& options);
// The scan must reach `options.month`; with no earlier year in the data (the costs to date are
// then the sample of patients' costs) a month before the scan's is scanned again.
Result<Monitor> FinishMonitor(const Population& population, std::span<const int32_t> event_cost,
                              const IcoScope& scope, const MonitorScan& scan,
                              const MonitorOptions& options);

}  // namespace continuum
