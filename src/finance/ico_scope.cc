#include "finance/ico_scope.h"

#include <algorithm>

namespace continuum {
namespace {

// Every practice, organisation indexes in id order.
std::vector<uint32_t> PracticesInIdOrder(const OrganisationColumns& o) {
  std::vector<uint32_t> practices;
  for (uint32_t i = 0; i < o.size(); ++i) {
    if (o.kind[i] == uint8_t(OrgKind::kPractice)) practices.push_back(i);
  }
  std::sort(practices.begin(), practices.end(),
            [&](uint32_t a, uint32_t b) { return o.ids.Value(a) < o.ids.Value(b); });
  return practices;
}

}  // namespace

Result<IcoScope> IcoScopeOn(const Population& p, std::string_view ico_id, Day day,
                            std::string_view where) {
  const OrganisationColumns& o = p.organisations;
  const uint32_t ico = o.ids.Find(ico_id);
  const std::string prefix = where.empty() ? "" : std::string(where) + ": ";
  if (ico == Dictionary::kMissing)
    return Status::NotFound(prefix + "organisation " + std::string(ico_id) +
                            " is not in the workspace");
  if (o.kind[ico] != uint8_t(OrgKind::kIco))
    return Status::InvalidInput(prefix + "organisation " + std::string(ico_id) + " is a " +
                                std::string(kOrgKindCodes[o.kind[ico]]) + ", not an ico");
  IcoScope scope{.ico = ico, .day = day, .member = std::vector<uint8_t>(o.size(), 0)};
  for (uint32_t practice : PracticesInIdOrder(o)) {
    if (p.IcoOn(practice, day) == ico) {
      scope.practices.push_back(practice);
      scope.member[practice] = 1;
    }
  }
  if (scope.practices.empty()) {
    return Status::InvalidInput(prefix + "ico " + std::string(ico_id) + " has no member practices" +
                                (day == kNoDay ? "" : " on " + FormatDate(day)));
  }
  return scope;
}

Result<IcoScope> IcoScopeOf(const Population& p, std::string_view ico_id, std::string_view where) {
  return IcoScopeOn(p, ico_id, p.LastDayOfData(), where);
}

std::vector<PracticeGroup> PracticeGroupsOn(const Population& p, Day day) {
  const OrganisationColumns& o = p.organisations;
  std::vector<PracticeGroup> groups;
  std::vector<int32_t> group_of(o.size() + 1, -1);  // by ICO; the last entry: control
  for (uint32_t ico = 0; ico < o.size(); ++ico) {
    if (o.kind[ico] != uint8_t(OrgKind::kIco)) continue;
    group_of[ico] = static_cast<int32_t>(groups.size());
    groups.push_back({.ico = ico});
  }
  for (uint32_t practice : PracticesInIdOrder(o)) {
    const uint32_t ico = p.IcoOn(practice, day);
    int32_t& group = group_of[ico == Dictionary::kMissing ? o.size() : ico];
    if (group < 0) {
      group = static_cast<int32_t>(groups.size());
      groups.push_back({});
    }
    groups[group].practices.push_back(practice);
  }
  // An ICO without member practices has nothing to report.
  std::erase_if(groups, [](const PracticeGroup& g) { return g.practices.empty(); });
  return groups;
}

std::vector<PracticeGroup> PracticeGroups(const Population& p) {
  return PracticeGroupsOn(p, p.LastDayOfData());
}

}  // namespace continuum
