// A risk-share contract: the ICO's budget for a period, the risk corridor that splits an
// overspend or underspend between the ICO and its counterparty, the stop-loss on costly
// patients and the caps on the ICO's loss and gain. The JSON format is in docs/finance.md.
//
//   Result<Contract> contract = ReadContract("data/contracts/nelson_vale.json");
//   if (!contract.ok()) return contract.status();  // "nelson_vale.json, field period.end: ..."
//   Settlement s = Settle(*contract, budget, outturn);   // finance/settlement.h
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/money.h"
#include "core/status.h"

namespace continuum {

// An exact fraction in millionths: kWhole (1'000'000) is all of it, 0.8 is 800'000, and 2% of
// the budget is 20'000. Contracts write shares as 0..1 (up to 6 decimals) and band edges as
// percentages (up to 4 decimals), so both read exactly into this one unit.
using PartsPerMillion = int64_t;
inline constexpr PartsPerMillion kWhole = 1'000'000;

enum class CounterpartyRole { kRiskPartner, kCommissioner };
inline constexpr std::string_view kCounterpartyRoleCodes[] = {"risk_partner", "commissioner"};

// One band of a corridor: the ICO's share of the part of the variance that lies between
// `from` and `to` of the budget. Beyond the last band with a `to`, the counterparty takes all.
struct CorridorBand {
  PartsPerMillion from = 0;
  std::optional<PartsPerMillion> to;  // nullopt: the band is open and runs without limit
  PartsPerMillion ico_share = kWhole;
};

struct ContractBudget {
  enum class Basis {
    kFixed,       // `amount` is the whole budget for the period
    kCapitation,  // `amount` is per registered head; the caller resolves the budget
  };
  Basis basis = Basis::kFixed;
  Pence amount = 0;
};

// The counterparty meets a share of each patient-year's cost above the threshold.
struct StopLoss {
  Pence threshold_per_patient_year = 0;
  PartsPerMillion counterparty_share = 0;
};

struct Contract {
  std::string name;
  std::string ico;                // organisation id of the ICO that holds the budget, e.g. ZICO1
  std::string commissioner;       // organisation id of who funds the budget, e.g. ZQ1
  std::string counterparty;       // organisation id of who shares the risk, e.g. ZRP
  std::string counterparty_name;  // for statements; may be empty
  CounterpartyRole counterparty_role = CounterpartyRole::kRiskPartner;
  Day start = 0;  // first and last day of the period, inclusive
  Day end = 0;
  ContractBudget budget;
  // Bands for spend above the budget and below it, ordered and contiguous from 0%.
  std::vector<CorridorBand> overspend;
  std::vector<CorridorBand> underspend;
  std::optional<StopLoss> stop_loss;
  // The most the ICO can lose or gain on the corridor; beyond it the counterparty takes the rest.
  std::optional<Pence> max_ico_loss;
  std::optional<Pence> max_ico_gain;
};

// A share as a percentage for people: 20'000 is "2%", 25'000 "2.5%", kWhole "100%".
std::string FormatPercent(PartsPerMillion share);

// Reads a contract from JSON text; `file_name` names it in messages. Every problem is an
// invalid-input status naming the file and field.
Result<Contract> ParseContract(std::string_view json, const std::string& file_name);
// Reads the contract file at `path`.
Result<Contract> ReadContract(const std::string& path);

}  // namespace continuum
