// A savings scenario, as data: the service changes of an ICO's business case, each with its
// size and unit costs. docs/finance.md documents the JSON; finance/scenario_projection.h
// applies a scenario to a year of the ICO's costed activity.
//
//   Result<Scenario> s = ReadScenario("data/scenarios/nelson_vale_savings.json");
//   s->changes[0].kind == ScenarioChange::Kind::kShiftFollowUps
#pragma once

#include <string>
#include <vector>

#include "finance/contract.h"
#include "model/codes.h"

namespace continuum {

struct ScenarioChange {
  enum class Kind {
    // A share of outpatient follow-up attendances (optionally of some specialties only) moves
    // to another setting, such as community clinics, at a stated unit cost.
    kShiftFollowUps,
    // The patients at highest risk of emergency admission (by the risk model, or on the year
    // before when it cannot be fitted) are case managed at a cost per patient, and their
    // emergency admissions fall by a share.
    kCaseManagement,
    // A share of the people who would die in hospital die at home or in a hospice instead: their
    // emergency admissions in the days before death are avoided, for a cost of care per death.
    kEndOfLifeAtHome,
  };
  Kind kind = Kind::kShiftFollowUps;
  std::string label;          // the change's own "label", or its kind
  PartsPerMillion share = 0;  // of follow-ups moved, of admissions avoided, of deaths moved
  // kShiftFollowUps
  Setting to_setting = Setting::kCommunity;
  std::vector<std::string> specialties;  // empty: every specialty
  Pence unit_cost = 0;
  // kCaseManagement
  PartsPerMillion top_share = 0;  // of the registered list, the highest risk first
  Pence cost_per_patient = 0;
  // kEndOfLifeAtHome
  int days_before_death = 30;
  Pence cost_per_death = 0;
};

inline constexpr std::string_view kScenarioKindCodes[] = {"shift_outpatient_follow_ups",
                                                          "case_management", "end_of_life_at_home"};

struct Scenario {
  std::string name;
  std::vector<ScenarioChange> changes;
};

Result<Scenario> ParseScenario(std::string_view json, const std::string& file_name);
Result<Scenario> ReadScenario(const std::string& path);

}  // namespace continuum
