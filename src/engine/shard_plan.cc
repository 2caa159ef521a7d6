#include "engine/shard_plan.h"

#include <algorithm>

#include "model/codes.h"

namespace continuum {
uint32_t CommissionerAbove(const Population& p, uint32_t org) {
  const OrganisationColumns& o = p.organisations;
  for (size_t steps = 0; org != Dictionary::kMissing && steps <= o.size(); ++steps) {
    if (o.kind[org] == static_cast<uint8_t>(OrgKind::kCommissioner)) return org;
    org = o.parent[org];
  }
  return Dictionary::kMissing;
}

std::vector<uint8_t> CommissionerPractices(const Population& p, uint32_t commissioner) {
  const ShardPlan plan = PlanShards(p);
  std::vector<uint8_t> in(p.organisations.size(), 0);
  if (commissioner >= plan.shard_of.size() || plan.shard_of[commissioner] == ShardPlan::kNone)
    return in;
  const uint32_t shard = plan.shard_of[commissioner];
  for (uint32_t org = 0; org < in.size(); ++org) {
    const std::vector<uint32_t>& of = plan.practice_shards[org];
    in[org] = std::find(of.begin(), of.end(), shard) != of.end();
  }
  return in;
}

ShardPlan PlanShards(const Population& p) {
  const OrganisationColumns& o = p.organisations;
  const MembershipColumns& m = p.memberships;
  ShardPlan plan;
  plan.shard_of.assign(o.size(), ShardPlan::kNone);
  plan.practice_shards.resize(o.size());
  // Commissioners in id order, so a plan names its shards the same way every time.
  std::vector<uint32_t> commissioners;
  for (uint32_t org = 0; org < o.size(); ++org)
    if (o.kind[org] == static_cast<uint8_t>(OrgKind::kCommissioner)) commissioners.push_back(org);
  std::sort(commissioners.begin(), commissioners.end(),
            [&](uint32_t a, uint32_t b) { return o.ids.Value(a) < o.ids.Value(b); });
  for (uint32_t c : commissioners) {
    plan.shard_of[c] = static_cast<uint32_t>(plan.names.size());
    plan.names.push_back(o.ids.Value(c));
  }
  uint32_t rest = ShardPlan::kNone;
  auto shard_above = [&](uint32_t org) {
    const uint32_t c = CommissionerAbove(p, org);
    if (c != Dictionary::kMissing) return plan.shard_of[c];
    if (rest == ShardPlan::kNone) {
      rest = static_cast<uint32_t>(plan.names.size());
      plan.names.emplace_back();
    }
    return rest;
  };
  for (uint32_t org = 0; org < o.size(); ++org) {
    const auto kind = static_cast<OrgKind>(o.kind[org]);
    if (kind == OrgKind::kIco) plan.shard_of[org] = shard_above(org);
    if (kind != OrgKind::kPractice) continue;
    plan.shard_of[org] = shard_above(org);
    std::vector<uint32_t>& shards = plan.practice_shards[org];
    shards.push_back(plan.shard_of[org]);
    if (org + 1 < m.first_membership.size()) {
      for (uint32_t r = m.first_membership[org]; r < m.first_membership[org + 1]; ++r)
        shards.push_back(shard_above(m.ico[r]));
    }
    std::sort(shards.begin(), shards.end());
    shards.erase(std::unique(shards.begin(), shards.end()), shards.end());
  }
  return plan;
}

std::string ShardSnapshotName(const std::string& name) { return "population/" + name; }

}  // namespace continuum
