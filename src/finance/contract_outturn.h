// A contract against the workspace: its budget resolved (fixed, or capitation per head times
// the ICO's need-weighted list) and its outturn — the year-end actual when the data cover the
// whole period, otherwise the monitor's forecast from a month.
//
//   auto budget = ResolveContractBudget(contract, population, costing.cost);
//   auto outturn = ContractOutturnOf(contract, population, costing.cost, scope, budget->amount,
//   {}); Settlement s = Settle(contract, budget->amount, outturn->outturn);
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "finance/contract.h"
#include "finance/monitor.h"
#include "finance/patient_costs.h"
#include "finance/settlement.h"

namespace continuum {

struct ResolvedBudget {
  Pence amount = 0;
  bool capitation = false;    // set from the capitation model rather than fixed in the contract
  int year = 0;               // the capitation year (its list is those registered on 1 April)
  Pence per_head = 0;         // the contract's envelope a head, for capitation
  int64_t heads = 0;          // the ICO's list on 1 April, for capitation
  double weighted_heads = 0;  // its need-weighted heads
  // The ICO's member practices' budgets from the capitation model (organisation index, pence),
  // for capitation budgets; the monitor phases each practice's own.
  std::vector<std::pair<uint32_t, Pence>> practices;
  std::string tariff;           // the tariff the events were costed with, for the reports
  int64_t uncosted_events = 0;  // events no price fitted, in the whole workspace
};

// Checks what the contract file alone cannot: a period of twelve whole months that the
// workspace's activity reaches into, and organisations that exist with the right kinds (the
// ICO's commissioner; a risk partner, or the commissioner, as counterparty). Messages name
// `file`.
Status CheckContractAgainstWorkspace(const Contract& contract, const Population& population,
                                     const std::string& file);
// The part of that check that needs only the organisations (a directory's, engine/engine.h): the
// ICO is an ICO of the workspace, commissioned by the contract's commissioner, and the
// counterparty is of the kind its role names. `contract add` runs it before storing a contract.
Status CheckContractOrganisations(const Contract& contract,
                                  const OrganisationColumns& organisations,
                                  const std::string& file);

Result<ResolvedBudget> ResolveContractBudget(const Contract& contract, const Population& population,
                                             std::span<const int32_t> event_cost);
// Several contracts' budgets, in their order: one capitation run serves every contract asking the
// same of it (the year, the envelope a head and the commissioner's lists), and distinct runs are
// made side by side.
std::vector<Result<ResolvedBudget>> ResolveContractBudgets(
    std::span<const Contract* const> contracts, const Population& population,
    std::span<const int32_t> event_cost);

// The year a simulation or scenario works on: the contract's period when the workspace's
// activity covers it, otherwise the twelve months to the last day of activity.
struct BaseYear {
  Day start = 0, end = 0;
  bool contract_period = true;
};
BaseYear BaseYearOf(const Contract& contract, const Population& population);

struct ContractOutturn {
  bool forecast = false;  // true: from the monitor at `month`; false: the year-end actual
  int month = 0;          // MonthIndex of the forecast's month
  Outturn outturn;
  PatientCosts costs;  // each patient's cost in the period (to date, for a forecast)
  std::optional<Monitor> monitor;
};

// The stop-loss excess of the years before the contract's period (the same twelve months one,
// two, ... years earlier, wholly in the data) and their spend: a forecast's excess is the
// forecast times their ratio. The same for every month of the period, so a caller forecasting
// many months works it out once.
struct StopLossHistory {
  double excess = 0, spend = 0;
};
StopLossHistory StopLossHistoryOf(const Contract& contract, const Population& population,
                                  std::span<const int32_t> event_cost, const IcoScope& scope);

// What a caller forecasting many months of one contract works out once: the earlier years'
// stop-loss excess and the monitor's scan of the events to its last month (monitor.h).
struct OutturnReuse {
  StopLossHistory history;
  std::shared_ptr<const MonitorScan> scan;
};

// The outturn of `contract`'s period: the actual spend when the workspace's activity reaches the
// period's end and no month is asked for; otherwise the forecast from the monitor at `month`
// (default: the last month with activity), with the stop-loss excess grown in proportion from
// the earlier years' or, without any, from the excess to date. With `reuse`, the forecast is
// finished from its scan and history, and each patient's costs to date (`costs`) are counted
// only when the excess needs them.
Result<ContractOutturn> ContractOutturnOf(const Contract& contract, const Population& population,
                                          std::span<const int32_t> event_cost,
                                          const IcoScope& scope, const ResolvedBudget& budget,
                                          std::optional<int> month,
                                          const OutturnReuse* reuse = nullptr);

}  // namespace continuum
