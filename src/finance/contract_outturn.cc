#include "finance/contract_outturn.h"

#include <algorithm>
#include <cmath>

#include "finance/capitation_run.h"

namespace continuum {

Result<ResolvedBudget> ResolveContractBudget(const Contract& contract, const Population& p,
                                             std::span<const int32_t> event_cost) {
  if (contract.budget.basis == ContractBudget::Basis::kFixed)
    return ResolvedBudget{.amount = contract.budget.amount};
  CapitationRequest request;
  request.budget = {.year = FinancialYearOf(contract.start),
                    .basis = AllocationBasis::kPerHead,
                    .amount = contract.budget.amount};
  auto run = RunCapitation(p, event_cost, request);
  if (!run.ok()) return run.status().WithContext("the contract's capitation budget");
  const BudgetLine* line = IcoBudget(*run, contract.ico);
  if (line == nullptr || line->heads == 0)
    return Status::InvalidInput("the contract's ico " + contract.ico + " has no patients on " +
                                FormatDate(run->budget.list_day) +
                                " to set a capitation budget for");
  return ResolvedBudget{.amount = line->budget,
                        .capitation = true,
                        .year = run->budget.year,
                        .per_head = contract.budget.amount,
                        .heads = line->heads,
                        .weighted_heads = line->weighted_heads};
}

BaseYear BaseYearOf(const Contract& contract, const Population& p) {
  if (p.events.last_day >= contract.end) return {contract.start, contract.end, true};
  const CivilDate last = CivilFromDay(p.events.last_day);
  const int day = std::min(last.day, 28);  // a year before 29 February: from 1 March
  return {DayFromCivil(last.year - 1, last.month, day) + 1 + (last.day - day), p.events.last_day,
          false};
}

Result<ContractOutturn> ContractOutturnOf(const Contract& contract, const Population& p,
                                          std::span<const int32_t> event_cost,
                                          const IcoScope& scope, Pence budget,
                                          std::optional<int> month) {
  const EventColumns& e = p.events;
  const bool data_in_period =
      e.size() > 0 && e.last_day >= contract.start && e.first_day <= contract.end;
  if (!data_in_period) {
    return Status::InvalidInput("the contract period " + FormatDate(contract.start) + " to " +
                                FormatDate(contract.end) + " has no activity in the workspace" +
                                (e.size() ? " (activity runs " + FormatDate(e.first_day) + " to " +
                                                FormatDate(e.last_day) + ")"
                                          : ""));
  }
  const Pence threshold = contract.stop_loss ? contract.stop_loss->threshold_per_patient_year : 0;
  ContractOutturn out;
  if (!month && e.last_day >= contract.end) {
    out.costs = PatientCostsIn(p, event_cost, scope, contract.start, contract.end);
    out.outturn.spend = out.costs.total;
    if (contract.stop_loss)
      out.outturn.stop_loss_excess = StopLossExcess(out.costs.cost, threshold);
    return out;
  }
  out.forecast = true;
  out.month = month ? *month : MonthIndex(std::min(e.last_day, contract.end));
  auto monitor = RunMonitor(p, event_cost, scope,
                            {.period_start = contract.start,
                             .period_end = contract.end,
                             .budget = budget,
                             .month = out.month});
  if (!monitor.ok()) return monitor.status();
  out.costs = PatientCostsIn(p, event_cost, scope, contract.start, monitor->as_at);
  out.outturn.spend = monitor->forecast;
  if (contract.stop_loss) {
    out.outturn.stop_loss_excess = std::llround(
        static_cast<double>(StopLossExcess(out.costs.cost, threshold)) / monitor->share_to_date);
  }
  out.monitor = std::move(*monitor);
  return out;
}

}  // namespace continuum
