// The organisations of the synthetic world: the commissioners (one by default), the ICOs each
// contracts and their member practices, each commissioner's control practices reporting to it
// directly, and the providers
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

#include "core/date.h"
#include "generate/area.h"
#include "model/codes.h"

namespace continuum {

// The options after an area's defaults have been applied.
struct WorldSpec {
  int64_t patients = 0;  // per ICO
  int practices = 0;     // per ICO
  int gps = 0;           // per ICO
  int icos = 1;
  int commissioners = 1;      // ICOs go to commissioners in contiguous blocks (CommissionerOf)
  int control_practices = 0;  // per commissioner
  const Area* area = nullptr;
  uint64_t seed = 0;
};

struct Organisation {
  std::string id, name;
  OrgKind kind;
  int parent = -1;  // index into World::organisations, -1 for none
};

// A period of membership of an ICO (memberships.csv); `end` is kOpenMembership while a member.
inline constexpr Day kOpenMembership = INT32_MAX;
struct MembershipSpan {
  int ico = 0;  // index into World::icos
  Day start = 0, end = kOpenMembership;
};

struct Practice {
  int org = 0;  // index into World::organisations
  // The ICO's index, or World::icos.size() + c for commissioner c's control practices. Patients
  // move only between practices of one group.
  int group = 0;
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
  // Unplanted variation: a multiplier (mean 1) on outpatient referrals and planned procedures.
  double referral_propensity = 1.0;
  double quality = 0.0;
  bool delayed_heart_failure_pathway = false;
  // Dated membership (memberships.h): empty means a member of its group's ICO for all time (the
  // single-ICO default); otherwise a member only on these days, in order, never overlapping.
  std::vector<MembershipSpan> memberships;
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
  // Practice indices per ICO, then each commissioner's controls (when it has any).
  std::vector<std::vector<int>> groups;
  std::vector<int> icos;           // organisation indices
  std::vector<int> commissioners;  // organisation indices; the first is `commissioner`
  int commissioner = 0;
  Providers providers;

  // Whether the practice's group is an ICO (it is a member at some time).
  bool IsMember(int practice) const {
    return practices[practice].group < static_cast<int>(icos.size());
  }
  // The index (into `icos`) of the ICO the practice is a member of on `day`, or -1.
  int IcoOn(int practice, Day day) const;
  // Whether the practice is a member of an ICO on `day`.
  bool IsMemberOn(int practice, Day day) const { return IcoOn(practice, day) >= 0; }
  int64_t TotalListSize() const;
};

World BuildWorld(const WorldSpec& spec);

// The commissioner (0-based) contracting ICO `ico` of `icos` under `commissioners`: contiguous
// blocks as even as can be, so ZICO1.. go to ZQ1, the next block to ZQ2, and so on.
int CommissionerOf(int ico, int icos, int commissioners);

// Splits `total` in proportion to `weights` into whole numbers that sum to it exactly
// (largest remainder).
std::vector<int64_t> Apportion(int64_t total, const std::vector<double>& weights);

}  // namespace continuum
