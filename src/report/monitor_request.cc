#include "report/monitor_request.h"

#include <algorithm>

#include "report/monitor_render.h"

namespace continuum {

Result<std::string> MonitorReportText(const ContractArgs& args, const std::string& month_text,
                                      int top, OutputFormat format) {
  auto context = OpenContract(args);
  if (!context.ok()) return context.status();
  const Contract& c = context->contract;
  const Population& p = context->population();
  int month = MonthIndex(std::min(p.events.last_day, c.end));
  if (!month_text.empty()) {
    auto parsed = ParseMonth(month_text, "--month");
    if (!parsed.ok()) return parsed.status();
    month = *parsed;
  }
  auto monitor = RunMonitor(p, context->costing.cost, context->scope,
                            {.period_start = c.start,
                             .period_end = c.end,
                             .budget = context->budget.amount,
                             .month = month,
                             .practice_budgets = context->budget.practices});
  if (!monitor.ok()) return monitor.status();
  return RenderMonitor(c, context->budget, *monitor, format, top, Disclosure::kExact,
                       OrganisationNamesOf(p.organisations));
}

}  // namespace continuum
