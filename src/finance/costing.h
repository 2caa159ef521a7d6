// Costing: every activity event gets a cost. An event that carries a recorded cost keeps it;
// one without is priced at the tariff (unit price by setting, specialty and HRG chapter, times
// quantity, plus excess bed days beyond the trim point, times the provider's market forces
// factor). An event no price fits stays uncosted: it is counted and listed, never priced at zero.
//
//   Costing c = CostActivity(population, *tariff);
//   Pence total = c.recorded_cost + c.priced_cost;   // c.cost[e] per event, kNoCost if uncosted
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "engine/population.h"
#include "finance/tariff.h"

namespace continuum {

enum class UncostedReason : uint8_t {
  kNoPrice,    // no price in the tariff fits the event's setting, specialty and HRG chapter
  kOverLimit,  // the priced cost exceeds the £10,000,000 a single event may cost
};

enum class CostingMode : uint8_t {
  kRecordedFirst,  // recorded costs stand; the tariff prices the rest
  kTariffOnly,     // every event at the tariff, as if none had a recorded cost
};

struct Costing {
  std::string tariff_name;
  CostingMode mode = CostingMode::kRecordedFirst;
  // Per event, parallel to population.events: pence, or kNoCost when uncosted.
  std::vector<int32_t> cost;
  int64_t recorded_events = 0, priced_events = 0;
  Pence recorded_cost = 0, priced_cost = 0;
  // True when event `i`'s cost is the one it was recorded with.
  bool IsRecorded(const EventColumns& events, size_t i) const {
    return mode == CostingMode::kRecordedFirst && events.cost[i] >= 0;
  }
  // Indexes of the events left uncosted, in event order, with why.
  std::vector<uint32_t> uncosted;
  std::vector<UncostedReason> uncosted_reason;
};

Costing CostActivity(const Population& population, const Tariff& tariff,
                     CostingMode mode = CostingMode::kRecordedFirst);

}  // namespace continuum
