#include "finance/simulation.h"

#include <gtest/gtest.h>

#include <cmath>

#include "core/random.h"

namespace continuum {
namespace {

// 20,000 patient-years shaped like an ICO's: most cost little, a few a great deal.
std::vector<Pence> HeavyTailedCosts() {
  Rng rng(11);
  std::vector<Pence> costs;
  for (int i = 0; i < 20000; ++i) {
    const double pounds = rng.Chance(0.2) ? 0 : rng.LogNormal(6.0, 1.6);
    costs.push_back(std::llround(pounds * 100));
  }
  return costs;
}

Contract ExampleContract() {
  Contract c;
  c.overspend = {{0, 20'000, kWhole}, {20'000, 50'000, kWhole / 2}, {50'000, std::nullopt, 0}};
  c.underspend = c.overspend;
  c.stop_loss = StopLoss{.threshold_per_patient_year = 5'000'000, .counterparty_share = 800'000};
  return c;
}

double Mean(const std::vector<Pence>& v) {
  double sum = 0;
  for (Pence c : v) sum += static_cast<double>(c);
  return sum / v.size();
}

TEST(Simulation, TheSimulatedSpreadMatchesTheAnalyticOne) {
  const std::vector<Pence> costs = HeavyTailedCosts();
  // The variance of a sum of n independent draws is n x the variance of one, computed here
  // directly from the costs.
  const double mean = Mean(costs);
  double variance = 0;
  for (Pence c : costs) variance += (c - mean) * (c - mean);
  variance /= costs.size();
  const Pence budget = std::llround(mean * costs.size());
  Contract contract = ExampleContract();
  contract.stop_loss.reset();  // so that the budget is weighed against the whole spend
  const Simulation s = Simulate(contract, budget, costs, {.years = 10000, .seed = 3});
  ASSERT_EQ(s.sizes.size(), 1u);
  const SizeSimulation& z = s.sizes[0];
  EXPECT_NEAR(z.analytic_sd, std::sqrt(costs.size() * variance), 1e-6 * z.analytic_sd);
  EXPECT_NEAR(z.sd_spend / z.analytic_sd, 1.0, 0.02);
  EXPECT_NEAR(z.mean_spend / budget, 1.0, 3 * z.analytic_sd / std::sqrt(10000.0) / budget + 1e-9);
  // With the budget at the mean, an overspend is about as likely as not.
  EXPECT_NEAR(z.p_overspend, 0.5, 0.05);
  double total = z.p_beyond_corridor;
  for (double p : z.p_over_band) total += p;
  for (double p : z.p_under_band) total += p;
  EXPECT_NEAR(total, 1.0, 1e-9);
  EXPECT_LE(z.spend_p5, z.spend_p50);
  EXPECT_LE(z.spend_p50, z.spend_p95);
  EXPECT_EQ(z.mean_stop_loss_recovery, 0);
}

TEST(Simulation, IsReproducibleWhateverTheThreads) {
  const std::vector<Pence> costs = HeavyTailedCosts();
  const Simulation a =
      Simulate(ExampleContract(), 100'000'000, costs, {.years = 500, .seed = 9, .threads = 1});
  const Simulation b =
      Simulate(ExampleContract(), 100'000'000, costs, {.years = 500, .seed = 9, .threads = 2});
  const Simulation c =
      Simulate(ExampleContract(), 100'000'000, costs, {.years = 500, .seed = 10, .threads = 2});
  EXPECT_EQ(a.sizes[0].mean_spend, b.sizes[0].mean_spend);
  EXPECT_EQ(a.sizes[0].spend_p95, b.sizes[0].spend_p95);
  EXPECT_EQ(a.sizes[0].mean_net_payment, b.sizes[0].mean_net_payment);
  EXPECT_NE(a.sizes[0].mean_spend, c.sizes[0].mean_spend);
  EXPECT_GT(a.sizes[0].mean_stop_loss_recovery, 0);
}

TEST(Simulation, RiskFallsWithPopulationSize) {
  const std::vector<Pence> costs = HeavyTailedCosts();
  const Pence budget = std::llround(Mean(costs) * costs.size());
  const Simulation s = Simulate(ExampleContract(), budget, costs,
                                {.years = 4000, .seed = 5, .sizes = {5'000, 20'000, 80'000}});
  ASSERT_EQ(s.sizes.size(), 3u);
  // The budget scales per head; the spread relative to it halves each time the size quadruples.
  EXPECT_EQ(s.sizes[0].budget, std::llround(budget / 4.0));
  EXPECT_EQ(s.sizes[2].budget, budget * 4);
  for (int k = 0; k < 2; ++k) {
    const double wide = s.sizes[k].sd_spend / s.sizes[k].budget;
    const double narrow = s.sizes[k + 1].sd_spend / s.sizes[k + 1].budget;
    EXPECT_NEAR(wide / narrow, 2.0, 0.15);
    // So a large variance, beyond the corridor's 5%, grows rarer.
    EXPECT_GE(s.sizes[k].p_beyond_corridor, s.sizes[k + 1].p_beyond_corridor);
  }
}

}  // namespace
}  // namespace continuum
