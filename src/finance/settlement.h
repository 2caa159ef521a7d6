// The settlement statement of a risk-share contract: given the budget and what was spent, who
// bears what and who pays whom. Money stays in integer pence throughout.
//
//   Outturn outturn{.spend = spend,
//                   .stop_loss_excess = StopLossExcess(patient_year_costs, threshold)};
//   Settlement s = Settle(contract, budget, outturn);
//   s.NetPayment()   // > 0: the counterparty pays the ICO; < 0: the ICO pays the counterparty
//
// The order of the calculation and its rounding rules are in docs/finance.md.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "finance/contract.h"

namespace continuum {

// What the ICO's registered population cost in the contract's period, actual or forecast.
struct Outturn {
  Pence spend = 0;
  // Σ max(0, cost − threshold) over patient-years, from StopLossExcess(); 0 without a stop-loss.
  Pence stop_loss_excess = 0;
};

// The part of each patient-year's cost above `threshold`, summed.
Pence StopLossExcess(std::span<const Pence> patient_year_costs, Pence threshold);

// Where a settlement line's amount goes.
enum class Flow {
  kBorneByIco,           // part of an overspend the ICO absorbs: no money moves
  kKeptByIco,            // part of an underspend the ICO keeps: no money moves
  kCounterpartyPaysIco,  // the counterparty pays the ICO
  kIcoPaysCounterparty,  // the ICO pays the counterparty
};
inline constexpr std::string_view kFlowCodes[] = {"borne_by_ico", "kept_by_ico",
                                                  "counterparty_pays_ico", "ico_pays_counterparty"};

struct SettlementLine {
  std::string label;  // "overspend 2%–5% of budget: ICO 50%"
  Pence amount = 0;   // never negative; the flow says which way it goes
  Flow flow = Flow::kBorneByIco;
};

struct Settlement {
  // Who and when, copied from the contract for the statement.
  std::string contract_name;
  std::string ico;
  std::string counterparty;
  std::string counterparty_name;
  Day start = 0;
  Day end = 0;

  Pence budget = 0;
  Pence spend = 0;
  Pence stop_loss_recovery = 0;  // the counterparty's share of the stop-loss excess
  Pence variance = 0;            // spend − recovery − budget: > 0 overspend, < 0 underspend
  // How |variance| is divided after the caps; the two always sum to |variance|.
  Pence ico_share = 0;
  Pence counterparty_share = 0;
  // Non-zero lines in order: stop-loss recovery, each band's ICO and counterparty parts, beyond
  // the corridor, the cap.
  std::vector<SettlementLine> lines;

  Pence NetSpend() const { return spend - stop_loss_recovery; }
  bool Overspent() const { return variance > 0; }
  // The ICO's gain (> 0) or loss (< 0) on the period after risk sharing.
  Pence IcoResult() const { return Overspent() ? -ico_share : ico_share; }
  // The one payment that settles the contract: > 0 the counterparty pays the ICO this much,
  // < 0 the ICO pays the counterparty.
  Pence NetPayment() const {
    return stop_loss_recovery + (Overspent() ? counterparty_share : -counterparty_share);
  }
};

// Settles `contract` for a resolved `budget` (the fixed amount, or capitation × heads).
// Requires budget >= 0, outturn.spend >= 0 and 0 <= outturn.stop_loss_excess.
Settlement Settle(const Contract& contract, Pence budget, const Outturn& outturn);

// `amount` × `share` rounded to the penny, half away from zero, in exact integer arithmetic.
Pence ApplyShare(Pence amount, PartsPerMillion share);

}  // namespace continuum
