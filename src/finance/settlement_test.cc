#include "finance/settlement.h"

#include <gtest/gtest.h>

#include <random>

namespace continuum {
namespace {

constexpr Pence kBudget = 100'000'000;  // £1,000,000.00: 1% is £10,000.00, 1,000,000 pence

// Overspend: the ICO bears all up to 2%, half from 2% to 5%, and nothing beyond (no open band).
// Underspend: the ICO keeps all up to 1%, 75% from 1% to 3% and 25% above 3% (an open band).
Contract TestContract() {
  Contract c;
  c.name = "Test";
  c.ico = "ZICO1";
  c.commissioner = "ZQ1";
  c.counterparty = "ZRP";
  c.overspend = {{0, 20'000, kWhole}, {20'000, 50'000, 500'000}};
  c.underspend = {{0, 10'000, kWhole}, {10'000, 30'000, 750'000}, {30'000, std::nullopt, 250'000}};
  return c;
}

// Checks what every settlement must satisfy, whatever its inputs.
void ExpectBalanced(const Settlement& s) {
  const Pence magnitude = s.variance < 0 ? -s.variance : s.variance;
  EXPECT_EQ(s.ico_share + s.counterparty_share, magnitude);
  EXPECT_GE(s.ico_share, 0);
  EXPECT_GE(s.counterparty_share, 0);
  // The ICO's result is its budget less its spend plus what it is paid (or less what it pays).
  EXPECT_EQ(s.budget - s.spend + s.NetPayment(), s.IcoResult());
  // The lines add up to the totals: the ICO's own lines less the cap line give its share; the
  // counterparty's lines (after the stop-loss) give its share.
  Pence ico_lines = 0, counterparty_lines = 0, cap = 0;
  for (size_t i = 0; i < s.lines.size(); ++i) {
    const SettlementLine& line = s.lines[i];
    EXPECT_GT(line.amount, 0) << line.label;
    if (line.label.rfind("stop-loss", 0) == 0) continue;
    if (line.label.rfind("ICO loss above", 0) == 0 || line.label.rfind("ICO gain above", 0) == 0) {
      cap = line.amount;
    }
    const bool ico = line.flow == Flow::kBorneByIco || line.flow == Flow::kKeptByIco;
    (ico ? ico_lines : counterparty_lines) += line.amount;
  }
  EXPECT_EQ(ico_lines - cap, s.ico_share);
  EXPECT_EQ(counterparty_lines, s.counterparty_share);
}

struct Case {
  const char* what;
  Pence spend;
  Pence ico_share;  // worked by hand from the bands above
  Pence counterparty_share;
};

// No stop-loss and no caps: the corridor alone, on and either side of each edge.
TEST(Settlement, CorridorTableWorkedByHand) {
  const Case cases[] = {
      {"on budget", kBudget, 0, 0},
      {"over 1%", kBudget + 1'000'000, 1'000'000, 0},
      {"over 2% less 1p", kBudget + 1'999'999, 1'999'999, 0},
      {"over exactly 2%", kBudget + 2'000'000, 2'000'000, 0},
      // The penny above 2% is split 0.5 / 0.5: half a penny rounds away from zero, to the ICO.
      {"over 2% and 1p", kBudget + 2'000'001, 2'000'001, 0},
      {"over 3.5%", kBudget + 3'500'000, 2'750'000, 750'000},
      // 2,999,999 in the 2-5% band: ICO round(1,499,999.5) = 1,500,000.
      {"over 5% less 1p", kBudget + 4'999'999, 3'500'000, 1'499'999},
      {"over exactly 5%", kBudget + 5'000'000, 3'500'000, 1'500'000},
      {"over 5% and 1p", kBudget + 5'000'001, 3'500'000, 1'500'001},
      {"over 10%", kBudget + 10'000'000, 3'500'000, 6'500'000},
      {"under 0.5%", kBudget - 500'000, 500'000, 0},
      {"under exactly 1%", kBudget - 1'000'000, 1'000'000, 0},
      // The penny above 1% is split 0.75 / 0.25: round(0.75) = 1 to the ICO.
      {"under 1% and 1p", kBudget - 1'000'001, 1'000'001, 0},
      // 1,999,999 in the 1-3% band: ICO round(1,499,999.25) = 1,499,999.
      {"under 3% less 1p", kBudget - 2'999'999, 2'499'999, 500'000},
      {"under exactly 3%", kBudget - 3'000'000, 2'500'000, 500'000},
      // The penny in the open band: ICO round(0.25) = 0.
      {"under 3% and 1p", kBudget - 3'000'001, 2'500'000, 500'001},
      // 17,000,000 in the open band: ICO 4,250,000.
      {"under 20%", kBudget - 20'000'000, 6'750'000, 13'250'000},
  };
  const Contract contract = TestContract();
  for (const Case& c : cases) {
    const Settlement s = Settle(contract, kBudget, {.spend = c.spend});
    EXPECT_EQ(s.variance, c.spend - kBudget) << c.what;
    EXPECT_EQ(s.ico_share, c.ico_share) << c.what;
    EXPECT_EQ(s.counterparty_share, c.counterparty_share) << c.what;
    ExpectBalanced(s);
  }
}

TEST(Settlement, ZeroVarianceHasNoLines) {
  const Settlement s = Settle(TestContract(), kBudget, {.spend = kBudget});
  EXPECT_TRUE(s.lines.empty());
  EXPECT_EQ(s.IcoResult(), 0);
  EXPECT_EQ(s.NetPayment(), 0);
}

TEST(Settlement, AVarianceOnAnEdgeFillsOnlyTheBandBelow) {
  const Settlement s = Settle(TestContract(), kBudget, {.spend = kBudget + 2'000'000});
  ASSERT_EQ(s.lines.size(), 1u);
  EXPECT_EQ(s.lines[0].label, "overspend 0%–2% of budget: ICO 100%");
  EXPECT_EQ(s.lines[0].amount, 2'000'000);
  EXPECT_EQ(s.lines[0].flow, Flow::kBorneByIco);
}

TEST(Settlement, StopLossExcessAtTheThreshold) {
  const Pence threshold = 5'000'000;
  const std::vector<Pence> costs = {0, 4'999'999, 5'000'000, 5'000'001, 7'500'000};
  EXPECT_EQ(StopLossExcess(costs, threshold), 1 + 2'500'000);
  EXPECT_EQ(StopLossExcess(std::vector<Pence>{4'999'999, 5'000'000}, threshold), 0);
  EXPECT_EQ(StopLossExcess(std::vector<Pence>{5'000'001}, threshold), 1);
  EXPECT_EQ(StopLossExcess(costs, 0), 4'999'999 + 5'000'000 + 5'000'001 + 7'500'000);
  EXPECT_EQ(StopLossExcess({}, threshold), 0);
}

TEST(Settlement, StopLossRecoveryComesOffTheSpendFirst) {
  Contract contract = TestContract();
  contract.stop_loss = StopLoss{5'000'000, 800'000};
  // No excess: no recovery and no line.
  Settlement none = Settle(contract, kBudget, {.spend = kBudget + 3'000'000});
  EXPECT_EQ(none.stop_loss_recovery, 0);
  EXPECT_EQ(none.lines.front().label, "overspend 0%–2% of budget: ICO 100%");
  // An excess of 1p: 0.8p rounds to 1p.
  EXPECT_EQ(Settle(contract, kBudget, {.spend = kBudget, .stop_loss_excess = 1}).stop_loss_recovery,
            1);
  // Over 3% with an excess of 2,500,001: recovery round(2,000,000.8) = 2,000,001, so the
  // corridor sees 999,999 over, all the ICO's.
  const Settlement s =
      Settle(contract, kBudget, {.spend = kBudget + 3'000'000, .stop_loss_excess = 2'500'001});
  EXPECT_EQ(s.stop_loss_recovery, 2'000'001);
  EXPECT_EQ(s.NetSpend(), kBudget + 999'999);
  EXPECT_EQ(s.variance, 999'999);
  EXPECT_EQ(s.ico_share, 999'999);
  EXPECT_EQ(s.counterparty_share, 0);
  EXPECT_EQ(s.NetPayment(), 2'000'001);
  EXPECT_EQ(s.IcoResult(), -999'999);
  ASSERT_EQ(s.lines.size(), 2u);
  EXPECT_EQ(s.lines[0].label,
            "stop-loss: risk partner 80% of patient-year costs above the threshold");
  EXPECT_EQ(s.lines[0].flow, Flow::kCounterpartyPaysIco);
  ExpectBalanced(s);
  // Enough recovery to turn an overspend into an underspend.
  const Settlement turned =
      Settle(contract, kBudget, {.spend = kBudget + 100, .stop_loss_excess = 1'000});
  EXPECT_EQ(turned.variance, -700);
  EXPECT_EQ(turned.ico_share, 700);
  EXPECT_EQ(turned.NetPayment(), 800);
  ExpectBalanced(turned);
}

TEST(Settlement, LossCapBindsOnlyAboveIt) {
  Contract contract = TestContract();
  contract.max_ico_loss = 3'000'000;
  // Over 10%: the ICO's 3,500,000 is capped at 3,000,000; the partner meets the other 500,000.
  const Settlement capped = Settle(contract, kBudget, {.spend = kBudget + 10'000'000});
  EXPECT_EQ(capped.ico_share, 3'000'000);
  EXPECT_EQ(capped.counterparty_share, 7'000'000);
  EXPECT_EQ(capped.IcoResult(), -3'000'000);
  EXPECT_EQ(capped.NetPayment(), 7'000'000);
  EXPECT_EQ(capped.lines.back().label, "ICO loss above the cap, met by the risk partner");
  EXPECT_EQ(capped.lines.back().amount, 500'000);
  EXPECT_EQ(capped.lines.back().flow, Flow::kCounterpartyPaysIco);
  ExpectBalanced(capped);
  // Over 3.5%: the ICO's 2,750,000 is under the cap.
  const Settlement under = Settle(contract, kBudget, {.spend = kBudget + 3'500'000});
  EXPECT_EQ(under.ico_share, 2'750'000);
  EXPECT_EQ(under.counterparty_share, 750'000);
  // Exactly at the cap binds nothing: a loss of 3,000,000 is 2,000,000 + half of 2,000,000.
  const Settlement at = Settle(contract, kBudget, {.spend = kBudget + 4'000'000});
  EXPECT_EQ(at.ico_share, 3'000'000);
  EXPECT_EQ(at.lines.size(), 3u);
  // The loss cap has no effect on an underspend.
  EXPECT_EQ(Settle(contract, kBudget, {.spend = kBudget - 20'000'000}).ico_share, 6'750'000);
}

TEST(Settlement, GainCapBindsOnlyAboveIt) {
  Contract contract = TestContract();
  contract.max_ico_gain = 2'000'000;
  const Settlement capped = Settle(contract, kBudget, {.spend = kBudget - 20'000'000});
  EXPECT_EQ(capped.ico_share, 2'000'000);
  EXPECT_EQ(capped.counterparty_share, 18'000'000);
  EXPECT_EQ(capped.IcoResult(), 2'000'000);
  EXPECT_EQ(capped.NetPayment(), -18'000'000);
  EXPECT_EQ(capped.lines.back().label, "ICO gain above the cap, passed to the risk partner");
  EXPECT_EQ(capped.lines.back().amount, 4'750'000);
  EXPECT_EQ(capped.lines.back().flow, Flow::kIcoPaysCounterparty);
  ExpectBalanced(capped);
  const Settlement under = Settle(contract, kBudget, {.spend = kBudget - 500'000});
  EXPECT_EQ(under.ico_share, 500'000);
  EXPECT_EQ(under.NetPayment(), 0);
  // The gain cap has no effect on an overspend.
  EXPECT_EQ(Settle(contract, kBudget, {.spend = kBudget + 10'000'000}).ico_share, 3'500'000);
}

TEST(Settlement, LinesOfAnUnderspendInEachBand) {
  const Settlement s = Settle(TestContract(), kBudget, {.spend = kBudget - 20'000'000});
  ASSERT_EQ(s.lines.size(), 5u);
  EXPECT_EQ(s.lines[0].label, "underspend 0%–1% of budget: ICO 100%");
  EXPECT_EQ(s.lines[0].amount, 1'000'000);
  EXPECT_EQ(s.lines[0].flow, Flow::kKeptByIco);
  EXPECT_EQ(s.lines[1].label, "underspend 1%–3% of budget: ICO 75%");
  EXPECT_EQ(s.lines[1].amount, 1'500'000);
  EXPECT_EQ(s.lines[2].label, "underspend 1%–3% of budget: risk partner 25%");
  EXPECT_EQ(s.lines[2].amount, 500'000);
  EXPECT_EQ(s.lines[2].flow, Flow::kIcoPaysCounterparty);
  EXPECT_EQ(s.lines[3].label, "underspend 3% and above of budget: ICO 25%");
  EXPECT_EQ(s.lines[3].amount, 4'250'000);
  EXPECT_EQ(s.lines[4].label, "underspend 3% and above of budget: risk partner 75%");
  EXPECT_EQ(s.lines[4].amount, 12'750'000);
}

TEST(Settlement, BeyondTheLastFiniteBandTheCounterpartyTakesAll) {
  const Settlement s = Settle(TestContract(), kBudget, {.spend = kBudget + 10'000'000});
  EXPECT_EQ(s.lines.back().label, "overspend above 5% of budget: risk partner 100%");
  EXPECT_EQ(s.lines.back().amount, 5'000'000);
  EXPECT_EQ(s.lines.back().flow, Flow::kCounterpartyPaysIco);
}

TEST(Settlement, SharesRoundHalfAwayFromZero) {
  EXPECT_EQ(ApplyShare(1, 500'000), 1);
  EXPECT_EQ(ApplyShare(1, 499'999), 0);
  EXPECT_EQ(ApplyShare(-1, 500'000), -1);
  EXPECT_EQ(ApplyShare(3, 333'333), 1);
  EXPECT_EQ(ApplyShare(26'250'000'000, 20'000), 525'000'000);
  // No overflow: the largest budgets times a whole share.
  EXPECT_EQ(ApplyShare(900'000'000'000'000, kWhole), 900'000'000'000'000);
}

// Whatever the contract and the outturn, the ICO's and the counterparty's shares sum exactly to
// the variance and the statement balances.
TEST(Settlement, SharesAlwaysSumToTheVariance) {
  std::mt19937_64 random(20240401);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(random);
  };
  auto bands = [&] {
    std::vector<CorridorBand> out;
    PartsPerMillion from = 0;
    const int count = static_cast<int>(uniform(1, 4));
    for (int i = 0; i < count; ++i) {
      const PartsPerMillion to = from + uniform(1, 80'000);
      const bool open = i + 1 == count && uniform(0, 1) == 1;
      out.push_back({from, open ? std::nullopt : std::optional(to), uniform(0, kWhole)});
      from = to;
    }
    return out;
  };
  for (int trial = 0; trial < 20'000; ++trial) {
    Contract contract = TestContract();
    contract.overspend = bands();
    contract.underspend = bands();
    if (uniform(0, 1)) contract.stop_loss = StopLoss{uniform(0, 10'000'000), uniform(0, kWhole)};
    if (uniform(0, 1)) contract.max_ico_loss = uniform(0, 50'000'000);
    if (uniform(0, 1)) contract.max_ico_gain = uniform(0, 50'000'000);
    const Pence budget = uniform(0, 30'000'000'000);
    const Pence spend = std::max<Pence>(0, budget + uniform(-budget / 5 - 1, budget / 5 + 1));
    const Pence excess = uniform(0, spend / 10);
    const Settlement s = Settle(contract, budget, {.spend = spend, .stop_loss_excess = excess});
    ExpectBalanced(s);
    if (HasFailure()) {
      ADD_FAILURE() << "trial " << trial << ": budget " << budget << ", spend " << spend;
      break;
    }
  }
}

}  // namespace
}  // namespace continuum
