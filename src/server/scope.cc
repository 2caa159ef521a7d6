#include "server/scope.h"

#include <algorithm>

#include "model/codes.h"

namespace continuum {

std::vector<uint32_t> IcosInScope(const Population& population, Role role,
                                  std::string_view organisation) {
  const auto& orgs = population.organisations;
  auto kind_of = [&](uint32_t org) { return static_cast<OrgKind>(orgs.kind[org]); };
  std::vector<uint32_t> icos;
  const std::string_view kind = OrganisationKindOf(role);
  if (kind.empty() && role != Role::kEvaluator) return icos;  // an administrator: accounts only
  uint32_t own = Dictionary::kMissing;
  if (!kind.empty()) {
    own = orgs.ids.Find(organisation);
    if (own == Dictionary::kMissing || kOrgKindCodes[static_cast<size_t>(kind_of(own))] != kind)
      return icos;
    // A practice clinician opens the ICO their practice belongs to, on the day reports take
    // membership on.
    if (role == Role::kPracticeClinician) own = population.IcoOn(own, population.LastDayOfData());
    if (own == Dictionary::kMissing) return icos;
  }
  for (uint32_t org = 0; org < orgs.kind.size(); ++org) {
    if (kind_of(org) != OrgKind::kIco) continue;
    const bool in = role == Role::kEvaluator || org == own ||
                    (role == Role::kCommissioner && orgs.parent[org] == own);
    if (in) icos.push_back(org);
  }
  std::sort(icos.begin(), icos.end(),
            [&](uint32_t a, uint32_t b) { return orgs.ids.Value(a) < orgs.ids.Value(b); });
  return icos;
}

std::vector<uint32_t> CommissionersInScope(const Population& population, Role role,
                                           std::string_view organisation) {
  const auto& orgs = population.organisations;
  std::vector<uint32_t> out;
  if (role != Role::kCommissioner && role != Role::kEvaluator) return out;
  const uint32_t own = role == Role::kCommissioner ? orgs.ids.Find(organisation) : 0;
  for (uint32_t org = 0; org < orgs.kind.size(); ++org) {
    if (orgs.kind[org] != static_cast<uint8_t>(OrgKind::kIco)) continue;
    const uint32_t commissioner = orgs.parent[org];
    if (commissioner == Dictionary::kMissing ||
        orgs.kind[commissioner] != static_cast<uint8_t>(OrgKind::kCommissioner))
      continue;
    if (role == Role::kCommissioner && commissioner != own) continue;
    if (std::find(out.begin(), out.end(), commissioner) == out.end()) out.push_back(commissioner);
  }
  std::sort(out.begin(), out.end(),
            [&](uint32_t a, uint32_t b) { return orgs.ids.Value(a) < orgs.ids.Value(b); });
  return out;
}

}  // namespace continuum
