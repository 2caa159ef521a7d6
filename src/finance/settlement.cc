#include "finance/settlement.h"

#include <algorithm>
#include <cassert>

namespace continuum {
namespace {

std::string RoleName(CounterpartyRole role) {
  return role == CounterpartyRole::kCommissioner ? "commissioner" : "risk partner";
}

}  // namespace

Pence ApplyShare(Pence amount, PartsPerMillion share) {
  const __int128 product = static_cast<__int128>(amount) * share;
  const __int128 half = kWhole / 2;
  return static_cast<Pence>(product >= 0 ? (product + half) / kWhole
                                         : -((-product + half) / kWhole));
}

Pence StopLossExcess(std::span<const Pence> patient_year_costs, Pence threshold) {
  Pence excess = 0;
  for (Pence cost : patient_year_costs) excess += std::max<Pence>(0, cost - threshold);
  return excess;
}

Settlement Settle(const Contract& contract, Pence budget, const Outturn& outturn) {
  assert(budget >= 0 && outturn.spend >= 0 && outturn.stop_loss_excess >= 0);
  Settlement s{.contract_name = contract.name,
               .ico = contract.ico,
               .counterparty = contract.counterparty,
               .counterparty_name = contract.counterparty_name,
               .start = contract.start,
               .end = contract.end,
               .budget = budget,
               .spend = outturn.spend};
  const std::string counterparty = RoleName(contract.counterparty_role);
  auto add = [&s](std::string label, Pence amount, Flow flow) {
    if (amount != 0) s.lines.push_back({std::move(label), amount, flow});
  };

  // (a) The stop-loss comes off the spend before the corridor sees it.
  if (contract.stop_loss) {
    s.stop_loss_recovery =
        ApplyShare(outturn.stop_loss_excess, contract.stop_loss->counterparty_share);
    add("stop-loss: " + counterparty + " " + FormatPercent(contract.stop_loss->counterparty_share) +
            " of patient-year costs above the threshold",
        s.stop_loss_recovery, Flow::kCounterpartyPaysIco);
  }

  // (b) The variance against the budget.
  s.variance = s.NetSpend() - budget;
  const bool over = s.variance > 0;
  const Pence magnitude = over ? s.variance : -s.variance;
  const std::vector<CorridorBand>& bands = over ? contract.overspend : contract.underspend;
  const std::string side = over ? "overspend " : "underspend ";
  const Flow ico_flow = over ? Flow::kBorneByIco : Flow::kKeptByIco;
  const Flow counterparty_flow = over ? Flow::kCounterpartyPaysIco : Flow::kIcoPaysCounterparty;

  // (c) Each band takes the part of |variance| between its edges; an amount exactly on an edge
  // fills the band below it and leaves nothing for the band above.
  for (const CorridorBand& band : bands) {
    const Pence from = ApplyShare(budget, band.from);
    const Pence to = band.to ? ApplyShare(budget, *band.to) : std::max(magnitude, from);
    const Pence amount = std::clamp(magnitude, from, to) - from;
    const Pence ico = ApplyShare(amount, band.ico_share);
    const std::string range =
        side + FormatPercent(band.from) +
        (band.to ? "–" + FormatPercent(*band.to) : std::string(" and above")) + " of budget: ";
    add(range + "ICO " + FormatPercent(band.ico_share), ico, ico_flow);
    add(range + counterparty + " " + FormatPercent(kWhole - band.ico_share), amount - ico,
        counterparty_flow);
    s.ico_share += ico;
    s.counterparty_share += amount - ico;
  }
  if (!bands.empty() && bands.back().to) {
    const Pence beyond = std::max<Pence>(0, magnitude - ApplyShare(budget, *bands.back().to));
    add(side + "above " + FormatPercent(*bands.back().to) + " of budget: " + counterparty + " 100%",
        beyond, counterparty_flow);
    s.counterparty_share += beyond;
  }

  // (d) The cap limits the ICO's part; the counterparty takes what lies beyond it.
  const std::optional<Pence>& cap = over ? contract.max_ico_loss : contract.max_ico_gain;
  if (cap && s.ico_share > *cap) {
    const Pence excess = s.ico_share - *cap;
    add(over ? "ICO loss above the cap, met by the " + counterparty
             : "ICO gain above the cap, passed to the " + counterparty,
        excess, counterparty_flow);
    s.ico_share -= excess;
    s.counterparty_share += excess;
  }
  assert(s.ico_share + s.counterparty_share == magnitude);
  return s;
}

}  // namespace continuum
