#include "finance/contract_outturn.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "engine/shard_plan.h"
#include "finance/capitation_run.h"

namespace continuum {

Status CheckContractAgainstWorkspace(const Contract& contract, const Population& p,
                                     const std::string& file) {
  const CivilDate start = CivilFromDay(contract.start), after = CivilFromDay(contract.end + 1);
  if (start.day != 1 || after.day != 1 ||
      MonthIndex(contract.end) - MonthIndex(contract.start) != 11) {
    return Status::InvalidInput(file + ", field period: " + FormatDate(contract.start) + " to " +
                                FormatDate(contract.end) +
                                " is not twelve whole months; a contract's budget is for a year "
                                "(for example 2024-04-01 to 2025-03-31)");
  }
  const EventColumns& e = p.events;
  if (e.size() == 0 || e.last_day < contract.start || e.first_day > contract.end) {
    return Status::InvalidInput(file + ", field period: " + FormatDate(contract.start) + " to " +
                                FormatDate(contract.end) + " has no activity in the workspace" +
                                (e.size() ? " (activity runs " + FormatDate(e.first_day) + " to " +
                                                FormatDate(e.last_day) + ")"
                                          : ""));
  }
  return CheckContractOrganisations(contract, p.organisations, file);
}

Status CheckContractOrganisations(const Contract& contract, const OrganisationColumns& o,
                                  const std::string& file) {
  auto kind_of = [&](const std::string& id, const std::string& field) -> Result<OrgKind> {
    const uint32_t i = o.ids.Find(id);
    if (i == Dictionary::kMissing)
      return Status::InvalidInput(file + ", field " + field + ": organisation " + id +
                                  " is not in the workspace");
    return OrgKind(o.kind[i]);
  };
  // "RAX is an acute_trust, not a commissioner".
  auto is_a = [](OrgKind kind) {
    const std::string code(kOrgKindCodes[int(kind)]);
    return std::string(code.find_first_of("aeiou") == 0 ? " is an " : " is a ") + code;
  };
  auto commissioner = kind_of(contract.commissioner, "commissioner");
  if (!commissioner.ok()) return commissioner.status();
  if (*commissioner != OrgKind::kCommissioner)
    return Status::InvalidInput(file + ", field commissioner: " + contract.commissioner +
                                is_a(*commissioner) + ", not a commissioner");
  auto ico_kind = kind_of(contract.ico, "ico");
  if (!ico_kind.ok()) return ico_kind.status();
  if (*ico_kind != OrgKind::kIco)
    return Status::InvalidInput(file + ", field ico: " + contract.ico + is_a(*ico_kind) +
                                ", not an ico");
  const uint32_t ico = o.ids.Find(contract.ico);
  if (o.parent[ico] != o.ids.Find(contract.commissioner))
    return Status::InvalidInput(file + ", field commissioner: " + contract.commissioner +
                                " does not commission " + contract.ico);
  auto counterparty = kind_of(contract.counterparty, "counterparty.organisation");
  if (!counterparty.ok()) return counterparty.status();
  if (contract.counterparty_role == CounterpartyRole::kRiskPartner &&
      *counterparty != OrgKind::kRiskPartner)
    return Status::InvalidInput(file +
                                ", field counterparty.organisation: " + contract.counterparty +
                                is_a(*counterparty) + ", not a risk_partner");
  return Status::Ok();
}

namespace {

// The capitation run that sets a contract's budget; nullopt for a fixed budget.
std::optional<CapitationRequest> CapitationRequestOf(const Contract& contract,
                                                     const Population& p) {
  if (contract.budget.basis == ContractBudget::Basis::kFixed) return std::nullopt;
  CapitationRequest request;
  request.budget = {.year = FinancialYearOf(contract.start),
                    .basis = AllocationBasis::kPerHead,
                    .amount = contract.budget.amount};
  // Shared over the lists of the ICO's commissioner, whoever else the workspace holds.
  const uint32_t ico = p.organisations.ids.Find(contract.ico);
  const uint32_t commissioner =
      ico == Dictionary::kMissing ? Dictionary::kMissing : CommissionerAbove(p, ico);
  if (commissioner != Dictionary::kMissing)
    request.practices = CommissionerPractices(p, commissioner);
  return request;
}

bool SameRequest(const CapitationRequest& a, const CapitationRequest& b) {
  return a.budget.year == b.budget.year && a.budget.basis == b.budget.basis &&
         a.budget.amount == b.budget.amount && a.practices == b.practices;
}

Result<ResolvedBudget> BudgetFromCapitation(const Contract& contract, const Population& p,
                                            const Result<CapitationReport>& run) {
  if (!run.ok()) return run.status().WithContext("the contract's capitation budget");
  const BudgetLine* line = IcoBudget(*run, contract.ico);
  if (line == nullptr || line->heads == 0)
    return Status::InvalidInput("the contract's ico " + contract.ico + " has no patients on " +
                                FormatDate(run->budget.list_day) +
                                " to set a capitation budget for");
  ResolvedBudget resolved{.amount = line->budget,
                          .capitation = true,
                          .year = run->budget.year,
                          .per_head = contract.budget.amount,
                          .heads = line->heads,
                          .weighted_heads = line->weighted_heads};
  for (const BudgetGroup& group : run->budget.groups) {
    if (!group.ico || group.total.id != contract.ico) continue;
    for (const BudgetLine& practice : group.practices)
      resolved.practices.push_back({p.organisations.ids.Find(practice.id), practice.budget});
  }
  return resolved;
}

}  // namespace

Result<ResolvedBudget> ResolveContractBudget(const Contract& contract, const Population& p,
                                             std::span<const int32_t> event_cost) {
  const Contract* one[] = {&contract};
  return std::move(ResolveContractBudgets(one, p, event_cost)[0]);
}

std::vector<Result<ResolvedBudget>> ResolveContractBudgets(
    std::span<const Contract* const> contracts, const Population& p,
    std::span<const int32_t> event_cost) {
  // The distinct capitation runs, and which one each contract's budget comes from.
  std::vector<CapitationRequest> requests;
  std::vector<int> run_of(contracts.size(), -1);
  for (size_t c = 0; c < contracts.size(); ++c) {
    std::optional<CapitationRequest> request = CapitationRequestOf(*contracts[c], p);
    if (!request) continue;
    const auto same = std::find_if(requests.begin(), requests.end(),
                                   [&](const auto& r) { return SameRequest(r, *request); });
    run_of[c] = static_cast<int>(same - requests.begin());
    if (same == requests.end()) requests.push_back(std::move(*request));
  }
  std::vector<Result<CapitationReport>> runs(requests.size(), Status::Internal("not run"));
  ParallelFor(requests.size(),
              [&](size_t r) { runs[r] = RunCapitation(p, event_cost, requests[r]); });
  std::vector<Result<ResolvedBudget>> budgets;
  for (size_t c = 0; c < contracts.size(); ++c) {
    if (run_of[c] < 0)
      budgets.emplace_back(ResolvedBudget{.amount = contracts[c]->budget.amount});
    else
      budgets.push_back(BudgetFromCapitation(*contracts[c], p, runs[run_of[c]]));
  }
  return budgets;
}

BaseYear BaseYearOf(const Contract& contract, const Population& p) {
  if (p.events.last_day >= contract.end) return {contract.start, contract.end, true};
  const CivilDate last = CivilFromDay(p.events.last_day);
  const int day = std::min(last.day, 28);  // a year before 29 February: from 1 March
  return {DayFromCivil(last.year - 1, last.month, day) + 1 + (last.day - day), p.events.last_day,
          false};
}

StopLossHistory StopLossHistoryOf(const Contract& contract, const Population& p,
                                  std::span<const int32_t> event_cost, const IcoScope& scope) {
  StopLossHistory h;
  if (!contract.stop_loss) return h;
  const Pence threshold = contract.stop_loss->threshold_per_patient_year;
  const CivilDate s = CivilFromDay(contract.start);
  // The earlier years, latest first: year k starts on starts[k] and ends the day before the
  // year after it starts.
  std::vector<Day> starts;
  for (int back = 1; DayFromCivil(s.year - back, s.month, 1) >= p.events.first_day; ++back)
    starts.push_back(DayFromCivil(s.year - back, s.month, 1));
  if (starts.empty()) return h;
  const Day first = starts.back(), last = DayFromCivil(s.year, s.month, 1) - 1;
  // Each patient's cost in each year, in one pass over the events: what PatientCostsIn gives for
  // each year, with the patient-years outside the scope left at 0.
  const size_t years = starts.size();
  std::vector<Pence> cost(p.patients.size() * years, 0);
  const EventColumns& e = p.events;
  Pence spend = 0;
  for (size_t i = 0; i < e.size(); ++i) {
    const Day day = e.day[i];
    if (day < first || day > last || event_cost[i] < 0) continue;
    const uint32_t practice = e.practice[i];
    if (practice >= scope.member.size() || !scope.member[practice]) continue;
    size_t year = 0;
    while (day < starts[year]) ++year;
    cost[size_t{e.patient[i]} * years + year] += event_cost[i];
    spend += event_cost[i];
  }
  h.excess = static_cast<double>(StopLossExcess(cost, threshold));
  h.spend = static_cast<double>(spend);
  return h;
}

Result<ContractOutturn> ContractOutturnOf(const Contract& contract, const Population& p,
                                          std::span<const int32_t> event_cost,
                                          const IcoScope& scope, const ResolvedBudget& budget,
                                          std::optional<int> month, const OutturnReuse* reuse) {
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
  const MonitorOptions options{.period_start = contract.start,
                               .period_end = contract.end,
                               .budget = budget.amount,
                               .month = out.month,
                               .practice_budgets = budget.practices};
  auto monitor = reuse && reuse->scan ? FinishMonitor(p, event_cost, scope, *reuse->scan, options)
                                      : RunMonitor(p, event_cost, scope, options);
  if (!monitor.ok()) return monitor.status();
  const StopLossHistory h = reuse                ? reuse->history
                            : contract.stop_loss ? StopLossHistoryOf(contract, p, event_cost, scope)
                                                 : StopLossHistory{};
  if (!reuse || (contract.stop_loss && h.spend <= 0))
    out.costs = PatientCostsIn(p, event_cost, scope, contract.start, monitor->as_at);
  out.outturn.spend = monitor->forecast;
  if (contract.stop_loss) {
    // Patients cross the threshold late in the year, so the excess to date says little; the
    // earlier years' excess as a share of their spend, applied to the forecast, says more.
    const double excess = h.excess, spend = h.spend;
    out.outturn.stop_loss_excess =
        spend > 0 ? std::llround(excess / spend * static_cast<double>(monitor->forecast))
                  : std::llround(static_cast<double>(StopLossExcess(out.costs.cost, threshold)) /
                                 monitor->share_to_date);
  }
  out.monitor = std::move(*monitor);
  return out;
}

}  // namespace continuum
