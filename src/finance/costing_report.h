// What costing did, for people to check: events and cost by setting (recorded, priced at the
// tariff, uncosted), and the uncosted events grouped by setting, provider and reason, or listed
// one by one in a CSV file.
//
//   CostingReport r = SummariseCosting(population, costing);
//   WriteUncostedEvents(population, costing, "uncosted.csv");
#pragma once

#include <array>
#include <string>
#include <vector>

#include "finance/costing.h"
#include "finance/ico_scope.h"

namespace continuum {

struct CostingSetting {
  int64_t events = 0, recorded_events = 0, priced_events = 0, uncosted_events = 0;
  Pence recorded_cost = 0, priced_cost = 0;
};

struct UncostedGroup {
  Setting setting;
  uint32_t provider;  // organisation index
  UncostedReason reason;
  int64_t events = 0;
  int64_t first_event_id = 0;
};

struct CostingReport {
  std::string tariff_name;
  std::string ico_id;  // the ICO whose member practices' events alone count, or empty for all
  std::array<CostingSetting, kSettingCount> settings{};
  CostingSetting total;
  std::vector<UncostedGroup> uncosted;  // most events first
};

// With `ico`, only the events of its member practices' patients (by the practice on the event's
// day); without it (nullptr), every event of the workspace.
CostingReport SummariseCosting(const Population& population, const Costing& costing,
                               const IcoScope* ico = nullptr);

// "no price fits (setting emergency, specialty 300, HRG chapter D)" and the like.
std::string DescribeUncosted(const Population& population, size_t event, UncostedReason reason);

// Writes every uncosted event (of `ico`'s member practices' patients, with it) with its reason:
// event_id, patient_id, date, setting, provider_id, specialty, diagnosis, quantity,
// length_of_stay, reason.
Status WriteUncostedEvents(const Population& population, const Costing& costing,
                           const std::string& path, const IcoScope* ico = nullptr);

}  // namespace continuum
