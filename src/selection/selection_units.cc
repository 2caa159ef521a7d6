#include "selection/selection_units.h"

#include <algorithm>

#include "engine/shard_plan.h"

namespace continuum {

int32_t SelectionUnits::UnitOn(uint32_t practice, Day day) const {
  if (control_of[practice] >= 0) return static_cast<int32_t>(icos.size()) + control_of[practice];
  const uint32_t ico = population->IcoOn(practice, day);
  if (ico == Dictionary::kMissing) return kNoUnit;
  const auto it = std::lower_bound(icos.begin(), icos.end(), ico);
  return it != icos.end() && *it == ico ? static_cast<int32_t>(it - icos.begin()) : kNoUnit;
}

SelectionUnits FindSelectionUnits(const Population& p) {
  const OrganisationColumns& orgs = p.organisations;
  SelectionUnits units;
  units.population = &p;
  std::vector<int32_t> commissioner_index(orgs.size(), -1);
  for (uint32_t org = 0; org < orgs.size(); ++org) {
    if (orgs.kind[org] == static_cast<uint8_t>(OrgKind::kCommissioner)) {
      commissioner_index[org] = static_cast<int32_t>(units.commissioners.size());
      units.commissioners.push_back(org);
    }
  }
  for (uint32_t org = 0; org < orgs.size(); ++org) {
    if (orgs.kind[org] != static_cast<uint8_t>(OrgKind::kIco)) continue;
    const uint32_t above = CommissionerAbove(p, org);
    if (above == Dictionary::kMissing) continue;  // an ICO no commissioner contracts
    units.icos.push_back(org);
    units.commissioner_of_ico.push_back(static_cast<uint32_t>(commissioner_index[above]));
  }
  // A practice ever a member of an ICO, by membership or by parent, is no control.
  std::vector<uint8_t> ever_member(orgs.size(), 0);
  for (size_t m = 0; m < p.memberships.size(); ++m) ever_member[p.memberships.practice[m]] = 1;
  units.control_of.assign(orgs.size(), -1);
  units.commissioner_of_practice.assign(orgs.size(), -1);
  units.control_practices.assign(units.commissioners.size(), 0);
  for (uint32_t org = 0; org < orgs.size(); ++org) {
    if (orgs.kind[org] != static_cast<uint8_t>(OrgKind::kPractice)) continue;
    const uint32_t above = CommissionerAbove(p, org);
    if (above == Dictionary::kMissing) continue;
    units.commissioner_of_practice[org] = commissioner_index[above];
    const uint32_t parent = orgs.parent[org];
    const bool under_ico =
        parent != Dictionary::kMissing && orgs.kind[parent] == static_cast<uint8_t>(OrgKind::kIco);
    if (ever_member[org] || under_ico) continue;
    units.control_of[org] = commissioner_index[above];
    ++units.control_practices[commissioner_index[above]];
  }
  return units;
}

}  // namespace continuum
