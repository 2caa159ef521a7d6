#include "clinical/scenario_run.h"

#include <algorithm>

#include "clinical/risk_run.h"

namespace continuum {

Result<ScenarioOutcome> RunScenario(const Scenario& scenario, const Population& population,
                                    const ContractSetup& setup) {
  std::vector<double> risk;
  const bool manages_cases = std::any_of(
      scenario.changes.begin(), scenario.changes.end(), [](const ScenarioChange& change) {
        return change.kind == ScenarioChange::Kind::kCaseManagement;
      });
  if (manages_cases) {
    const Day start = BaseYearOf(setup.contract, population).start;
    // Without a year of data before the base year no model can be fitted: case management
    // then ranks on the year before, as ProjectScenario says.
    if (auto scores = RiskByPatient(population, setup.scope.member, start); scores.ok())
      risk = std::move(*scores);
  }
  return ApplyScenario(scenario, population, setup, risk);
}

}  // namespace continuum
