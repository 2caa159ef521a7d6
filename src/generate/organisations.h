// The organisations of the synthetic world: one commissioner, its ICOs and their member
// practices, control practices reporting to the commissioner directly, and the providers
// around them (acute, community and mental health trusts, the local authority's social care, a
// hospice charity, a social enterprise and a private risk partner). Names are fictional; with
// an area, the first ICO's practices take the area's real practice codes, names and list sizes.
//
//   World world = BuildWorld(spec);
//   world.organisations[world.providers.acute].id   // "ZRA"
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "generate/area.h"
#include "model/codes.h"

namespace continuum {

// The options after an area's defaults have been applied.
struct WorldSpec {
  int64_t patients = 0;  // per ICO
  int practices = 0;     // per ICO
  int gps = 0;           // per ICO
  int icos = 1;
  int control_practices = 0;
  const Area* area = nullptr;
  uint64_t seed = 0;
};

struct Organisation {
  std::string id, name;
  OrgKind kind;
  int parent = -1;  // index into World::organisations, -1 for none
};

struct Practice {
  int org = 0;             // index into World::organisations
  int group = 0;           // the ICO's index, or World::icos.size() for control practices
  int index_in_group = 0;  // 0-based position among its group's practices
  int64_t list_size = 0;   // registered at the start of the window
  int gps = 0;
  double position = 0.5;  // 0..1 along its group's row of LSOAs, the centre of its catchment
  // Planted ground truth (plants.h, docs/calibration.md): a multiplier on emergency admissions
  // and A&E attendances for patients of the same risk; a primary care quality score (mean 0, sd
  // about 0.7) that lowers ACSC admissions, HbA1c and blood pressure and raises recording,
  // reviews, anticoagulation, care plans and follow-up; and long waits on the suspected heart
  // failure pathway.
  double admission_propensity = 1.0;
  double quality = 0.0;
  bool delayed_heart_failure_pathway = false;
};

struct Providers {
  int acute = -1;      // the local district general hospital
  int tertiary = -1;   // a university hospital for cardiothoracic, oncology, renal, stroke
  int community = -1;  // community health services trust
  int mental_health = -1;
  int social_care = -1;  // the local authority
  int hospice = -1;      // charity
  int social_enterprise = -1;
  int risk_partner = -1;
};

struct World {
  std::vector<Organisation> organisations;
  std::vector<Practice> practices;
  std::vector<std::vector<int>> groups;  // practice indices per ICO, then the controls if any
  std::vector<int> icos;                 // organisation indices
  int commissioner = 0;
  Providers providers;

  bool IsMember(int practice) const {
    return practices[practice].group < static_cast<int>(icos.size());
  }
  int64_t TotalListSize() const;
};

World BuildWorld(const WorldSpec& spec);

// Splits `total` in proportion to `weights` into whole numbers that sum to it exactly
// (largest remainder).
std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights);

}  // namespace continuum
