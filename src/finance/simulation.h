// The financial risk of a hard budget: Monte Carlo simulation of the year's outturn by
// bootstrap of patient-years (each simulated year draws the population's patient-years with
// replacement), settled under the contract each time; and the same for other population
// sizes drawn from the same patient-years, budget and caps scaled per head, to show how risk
// falls with size. Seeded and reproducible: each simulated year has its own random stream, so
// the results do not depend on how many threads run them.
//
//   Simulation s = Simulate(contract, budget, costs.cost, {.years = 10000, .seed = 7});
//   s.sizes[0].sd_spend, s.sizes[0].analytic_sd, s.sizes[0].p_over_band[1]
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "finance/settlement.h"

namespace continuum {

struct SimulationOptions {
  int years = 10000;
  uint64_t seed = 2008;
  std::vector<int64_t> sizes;  // patient-years drawn a year; empty: the base population's own
  int threads = 2;
};

// The simulated years of one population size.
struct SizeSimulation {
  int64_t population = 0;  // patient-years drawn each simulated year
  Pence budget = 0;        // the contract's budget scaled to this population, per head
  double mean_spend = 0, sd_spend = 0;
  // The standard deviation the sum of `population` independent draws must have: the square root
  // of population x the variance of one patient-year's cost.
  double analytic_sd = 0;
  Pence spend_p5 = 0, spend_p50 = 0, spend_p95 = 0;
  double p_overspend = 0;
  // Probability that the variance ends in each corridor band (contract order), by side.
  std::vector<double> p_over_band, p_under_band;
  double p_beyond_corridor = 0;                   // past the last band with an end
  double mean_ico_result = 0, sd_ico_result = 0;  // > 0 gain, < 0 loss
  Pence ico_result_p5 = 0, ico_result_p95 = 0;
  double mean_net_payment = 0, sd_net_payment = 0;  // > 0 the counterparty pays the ICO
  double mean_stop_loss_recovery = 0;
};

struct Simulation {
  int years = 0;
  uint64_t seed = 0;
  int64_t base_population = 0;  // patient-years the draws come from
  double mean_cost = 0;         // of one patient-year, pence
  std::vector<SizeSimulation> sizes;
};

Simulation Simulate(const Contract& contract, Pence budget, std::span<const Pence> patient_costs,
                    const SimulationOptions& options);

}  // namespace continuum
