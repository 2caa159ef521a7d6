// A scenario applied to a year of the ICO's costed activity: what each change removes and adds
// (activity and cost), each patient's cost with the changes, and so the saving and its effect
// on the risk-share settlement. Changes are applied as expected values per patient (a share of
// each follow-up, of each admission), so totals are exact in expectation.
//
//   auto p = ProjectScenario(scenario, population, costing.cost, scope, start, end);
//   p->effects[0].Saving(), p->scenario_costs
#pragma once

#include <span>
#include <string>
#include <vector>

#include "finance/patient_costs.h"
#include "finance/scenario.h"

namespace continuum {

struct ChangeEffect {
  std::string label;
  ScenarioChange::Kind kind;
  int64_t patients = 0;       // patients the change touches
  double events_removed = 0;  // expected activity taken away (follow-ups, admissions)
  double events_added = 0;    // expected activity added (community contacts, deaths cared for)
  Pence cost_removed = 0, cost_added = 0;
  Pence Saving() const { return cost_removed - cost_added; }
};

// How case management chooses its patients.
enum class CaseFinding : uint8_t {
  kPriorAdmissions,  // emergency admissions in the 365 days before, then cost in them
  kRiskModel,        // each patient's probability from the emergency-admission risk model
};

struct ScenarioProjection {
  PatientCosts base;                 // each patient's cost in the period as it was
  std::vector<Pence> scenario_cost;  // parallel to base.patient, with the changes
  Pence scenario_total = 0;
  std::vector<ChangeEffect> effects;
  CaseFinding case_finding = CaseFinding::kPriorAdmissions;
  Pence Saving() const { return base.total - scenario_total; }
};

// `risk`, when not empty, is each patient's probability of an emergency admission in the year
// from `start` by population index (NaN for patients not scored), and case management takes
// the highest first (ties on the year before); when empty it ranks on the year before.
ScenarioProjection ProjectScenario(const Scenario& scenario, const Population& population,
                                   std::span<const int32_t> event_cost, const IcoScope& scope,
                                   Day start, Day end, std::span<const double> risk = {});

}  // namespace continuum
