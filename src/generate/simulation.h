// Everything a person's simulation reads, built once per run and shared by all threads.
#pragma once

#include <cstdint>

#include "generate/case_mix.h"
#include "generate/conditions.h"
#include "generate/organisations.h"
#include "generate/places.h"
#include "generate/plan.h"
#include "generate/rates.h"
#include "generate/window.h"

namespace continuum {

inline constexpr int64_t kFirstPatientId = 100001;

struct Simulation {
  const World* world = nullptr;
  const Places* places = nullptr;
  const Plan* plan = nullptr;
  const ConditionModel* conditions = nullptr;
  const RateModel* rates = nullptr;
  const UnitCosts* costs = nullptr;
  Window window{3};
  uint64_t seed = 0;

  const Practice& practice(int i) const { return world->practices[i]; }
  // The organisation index of the practice a person is registered with on `day`.
  int PracticeOrgOn(const Person& person, Day day) const {
    return world->practices[person.PracticeOn(day)].org;
  }
};

}  // namespace continuum
