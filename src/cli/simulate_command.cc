// continuum simulate: the financial risk of the contract by Monte Carlo bootstrap of
// patient-years, for the ICO's own population and for 50,000, 100,000 and 200,000.
#include <cstdio>

#include "cli/command.h"
#include "cli/contract_context.h"
#include "finance/simulation.h"
#include "report/simulation_render.h"

namespace continuum {
namespace {

struct SimulateArgs {
  ContractArgs contract;
  int years = 10000;
  uint64_t seed = 2008;
  std::vector<int64_t> sizes{50'000, 100'000, 200'000};
};

Status RunSimulate(const SimulateArgs& args) {
  if (args.years < 100 || args.years > 1'000'000)
    return Status::InvalidInput("--years: " + std::to_string(args.years) +
                                " is not between 100 and 1,000,000");
  for (int64_t n : args.sizes)
    if (n < 1 || n > 100'000'000)
      return Status::InvalidInput("--sizes: " + std::to_string(n) +
                                  " is not a population between 1 and 100,000,000");
  auto context = OpenContract(args.contract);
  if (!context.ok()) return context.status();
  const Contract& c = context->contract;
  const Population& p = context->population();
  const BaseYear year = BaseYearOf(c, p);
  const Day start = year.start, end = year.end;
  const PatientCosts base = PatientCostsIn(p, context->costing.cost, context->scope, start, end);
  if (base.patient.empty())
    return Status::InvalidInput("no patients of " + c.ico + " between " + FormatDate(start) +
                                " and " + FormatDate(end) + " to simulate from");
  std::vector<int64_t> sizes{static_cast<int64_t>(base.patient.size())};
  sizes.insert(sizes.end(), args.sizes.begin(), args.sizes.end());
  // The budget per patient-year of the base, so every size is budgeted alike.
  const Simulation simulation = Simulate(c, context->budget.amount, base.cost,
                                         {.years = args.years, .seed = args.seed, .sizes = sizes});
  const std::string out =
      RenderSimulation(c, context->budget, simulation,
                       args.contract.json ? OutputFormat::kJson : OutputFormat::kText);
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kSimulate(
    "simulate",
    "Monte Carlo simulation of the year-end outturn and settlement, and how the risk falls with "
    "population size",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<SimulateArgs>();
      AddContractOptions(app, &args->contract);
      app.add_option("--years", args->years, "Simulated years, 100 to 1,000,000")
          ->capture_default_str();
      app.add_option("--seed", args->seed, "Random seed; the same seed gives the same results")
          ->capture_default_str();
      app.add_option("--sizes", args->sizes, "Other population sizes to simulate")
          ->delimiter(',')
          ->capture_default_str();
      return [args] { return RunSimulate(*args); };
    });

}  // namespace
}  // namespace continuum
