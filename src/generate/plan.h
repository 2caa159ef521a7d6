// Who will be simulated, decided before any person is: everyone on the member and control
// practices' lists on the first day, then the babies and newcomers who register during the
// window, each with a practice, an arrival day and an NHS number. Persons are then simulated
// independently, each from their own random stream, so the work splits over threads freely.
//
//   Result<Plan> plan = MakePlan(world, window, seed);
//   plan->persons[i].practice
#pragma once

#include <cstdint>
#include <vector>

#include "core/status.h"
#include "generate/organisations.h"
#include "generate/window.h"

namespace continuum {

enum class Arrival : uint8_t {
  kListed,   // registered before the window opens
  kBorn,     // born and registered during the window
  kMovedIn,  // moved into the area and registered during the window
};

struct PersonSpec {
  int32_t practice = 0;  // index into World::practices
  Arrival arrival = Arrival::kListed;
  Day entry = 0;  // registration day for kBorn and kMovedIn
};

struct Plan {
  std::vector<PersonSpec> persons;       // in patient_id order
  std::vector<uint32_t> nhs_first_nine;  // per person: the NHS number before its check digit
};

// Births and arrivals a year per registered patient (targets.csv: births_per_1000; arrivals
// balance the leavers so that list sizes stay level).
inline constexpr double kBirthsPerHead = 0.0112;
inline constexpr double kArrivalsPerHead = 0.031;

// The most persons the NHS number ranges used here can number (docs/calibration.md).
int64_t MaxPersons();

Result<Plan> MakePlan(const World& world, const Window& window, uint64_t seed);

}  // namespace continuum
