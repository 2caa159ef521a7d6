// continuum simulate: the financial risk of the contract by Monte Carlo bootstrap of
// patient-years, for the ICO's own population and for 50,000, 100,000 and 200,000.
#include <cstdio>

#include "cli/command.h"
#include "cli/contract_context.h"
#include "finance/contract_simulation.h"
#include "report/simulation_render.h"

namespace continuum {
namespace {

struct SimulateArgs {
  ContractArgs contract;
  int years = 10000;
  uint64_t seed = 2008;
  std::vector<int64_t> sizes = kComparedPopulationSizes;
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
  const Result<Simulation> simulation =
      SimulateContract(context->population(), *context,
                       {.years = args.years, .seed = args.seed, .sizes = args.sizes});
  if (!simulation.ok()) return simulation.status();
  const std::string out =
      RenderSimulation(context->contract, context->budget, *simulation,
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
      AddSeedOption(app, &args->seed, "Random seed; the same seed gives the same results");
      app.add_option("--sizes", args->sizes, "Other population sizes to simulate")
          ->delimiter(',')
          ->capture_default_str();
      return [args] { return RunSimulate(*args); };
    });

}  // namespace
}  // namespace continuum
