// Where patients live: LSOAs with their deprivation decile and age/sex structure, and each
// practice's catchment over them. Synthetic LSOAs (codes E0199xxxx, which no real LSOA uses)
// are made per group of practices; an area's real LSOAs are shared by every group. IMD deciles
// are assigned here (the open data has them only for the whole local authority): deprivation
// runs smoothly along each row of LSOAs, so neighbouring practices serve similar places, and a
// real area's deciles depend only on its LSOA codes and its IMD average rank.
//
//   Places places = BuildPlaces(world, area, england, seed);
//   int lsoa = places.DrawLsoa(practice, rng.Uniform());
#pragma once

#include <string>
#include <vector>

#include "generate/age_structure.h"
#include "generate/area.h"
#include "generate/organisations.h"

namespace continuum {

struct Lsoa {
  std::string code;
  int decile = 5;  // IMD decile, 1 = most deprived
  AgeSexSampler ages;
  AgeSexTable population;
};

class Places {
 public:
  const std::vector<Lsoa>& lsoas() const { return lsoas_; }
  const Lsoa& lsoa(int i) const { return lsoas_[i]; }
  // An LSOA for a patient of `practice`, in proportion to population near its catchment centre.
  int DrawLsoa(int practice, double u) const;

 private:
  friend Places BuildPlaces(const World&, const Area*, const AgeSexTable&, uint64_t);
  std::vector<Lsoa> lsoas_;
  std::vector<std::vector<int>> catchment_lsoas_;      // per practice
  std::vector<std::vector<double>> catchment_weight_;  // cumulative, per practice
};

Places BuildPlaces(const World& world, const Area* area, const AgeSexTable& england, uint64_t seed);

}  // namespace continuum
