#include "clinical/comparison.h"

#include <limits>

#include "engine/registered_on.h"

namespace continuum {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

bool IsKind(const OrganisationColumns& o, uint32_t org, OrgKind kind) {
  return o.kind[org] == static_cast<uint8_t>(kind);
}

}  // namespace

Result<QualityScope> ComparisonScopeOf(const Population& population, uint32_t commissioner,
                                       Day period_start, Day period_end) {
  const OrganisationColumns& o = population.organisations;
  const std::string id(o.ids.Value(commissioner));
  if (!IsKind(o, commissioner, OrgKind::kCommissioner))
    return Status::InvalidInput(id + " is not a commissioner");
  QualityScope s;
  s.ico = commissioner;  // the total unit
  s.period_start = period_start;
  s.period_end = period_end;
  s.unit_of.assign(o.size(), kNone);
  // Each practice as a member of its ICO on the period's last day (dated membership); a
  // practice of the commissioner that is no ICO's member that day is a control practice.
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (IsKind(o, org, OrgKind::kIco) && o.parent[org] == commissioner) {
      const auto unit = static_cast<uint32_t>(s.practices.size());
      s.practices.push_back(org);
      for (uint32_t p = 0; p < o.size(); ++p) {
        if (IsKind(o, p, OrgKind::kPractice) && population.IcoOn(p, period_end) == org)
          s.unit_of[p] = unit;
      }
    }
  }
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (!IsKind(o, org, OrgKind::kPractice) || population.IcoOn(org, period_end) != kNone) continue;
    const uint32_t parent = o.parent[org];
    const uint32_t owner =
        parent != kNone && IsKind(o, parent, OrgKind::kIco) ? o.parent[parent] : parent;
    if (owner == commissioner) {
      s.unit_of[org] = static_cast<uint32_t>(s.practices.size());
      s.practices.push_back(org);
    }
  }
  if (s.practices.empty())
    return Status::InvalidInput("the commissioner " + id +
                                " contracts no ICO and no practice to compare");
  return s;
}

Result<Comparison> RunComparison(const Population& population, uint32_t commissioner,
                                 std::vector<Indicator> indicators, int year,
                                 std::span<const VoiceResponse> responses) {
  Result<QualityScope> scope =
      ComparisonScopeOf(population, commissioner, FinancialYearStart(year), FinancialYearEnd(year));
  if (!scope.ok()) return scope.status();
  Comparison c;
  c.commissioner = commissioner;
  const OrganisationColumns& o = population.organisations;
  for (uint32_t org : scope->practices)
    c.units.push_back({.org = org, .ico = IsKind(o, org, OrgKind::kIco), .practices = 0});
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (IsKind(o, org, OrgKind::kPractice) && scope->unit_of[org] != kNone)
      ++c.units[scope->unit_of[org]].practices;
  }
  c.total = {.org = commissioner};
  c.total.practices = 0;
  const Day day = scope->period_end;
  for (uint32_t patient = 0; patient < population.patients.size(); ++patient) {
    const uint32_t practice = RegisteredPracticeOn(population, patient, day);
    if (practice == Dictionary::kMissing || scope->unit_of[practice] == kNone) continue;
    const bool older = AgeOn(population.patients.birth[patient], day) >= 65;
    for (ComparedUnit* u : {&c.units[scope->unit_of[practice]], &c.total}) {
      ++u->registered;
      u->aged_65_plus += older;
    }
  }
  for (const ComparedUnit& u : c.units) c.total.practices += u.practices;
  Result<std::unique_ptr<QualityRun>> quality =
      RunQualityOn(population, std::move(*scope), std::move(indicators), false, responses);
  if (!quality.ok()) return quality.status();
  c.quality = std::move(*quality);
  return c;
}

}  // namespace continuum
