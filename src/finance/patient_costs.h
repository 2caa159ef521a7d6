// Each patient's cost to an ICO over a period: everyone registered with a member practice at
// some time in the period, with the cost of their events while they were. The unit of the
// risk-share stop-loss and of the financial-risk simulation.
//
//   PatientCosts c = PatientCostsIn(population, costing.cost, scope, start, end);
//   c.total == sum of c.cost
#pragma once

#include <span>
#include <vector>

#include "finance/ico_scope.h"

namespace continuum {

struct PatientCosts {
  Day start = 0, end = 0;
  std::vector<uint32_t> patient;  // patient indexes, ascending
  std::vector<Pence> cost;        // parallel to patient
  Pence total = 0;
  int64_t events = 0;           // events in scope and in the period
  int64_t uncosted_events = 0;  // of those, events without a cost (counted in no total)
};

PatientCosts PatientCostsIn(const Population& population, std::span<const int32_t> event_cost,
                            const IcoScope& scope, Day start, Day end);

}  // namespace continuum
