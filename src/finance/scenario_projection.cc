#include "finance/scenario_projection.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "engine/registered_on.h"

namespace continuum {
namespace {

double Fraction(PartsPerMillion share) { return static_cast<double>(share) / kWhole; }

bool InScope(const Population& p, const IcoScope& scope, size_t e, Day start, Day end) {
  const EventColumns& ev = p.events;
  return ev.day[e] >= start && ev.day[e] <= end && ev.practice[e] < scope.member.size() &&
         scope.member[ev.practice[e]];
}

// Each change adds its per-patient differences (pence, as expected values) to `delta`.
ChangeEffect ShiftFollowUps(const ScenarioChange& c, const Population& p,
                            std::span<const int32_t> cost, const IcoScope& scope, Day start,
                            Day end, const std::vector<int32_t>& slot, std::vector<double>* delta) {
  ChangeEffect effect{.label = c.label, .kind = c.kind};
  const EventColumns& e = p.events;
  std::vector<uint8_t> chosen(e.specialties.size() + 1, c.specialties.empty());
  for (const std::string& code : c.specialties) {
    const uint32_t k = e.specialties.Find(code);
    if (k != Dictionary::kMissing) chosen[k] = 1;
  }
  const double share = Fraction(c.share);
  double removed = 0, added = 0;
  std::vector<uint8_t> touched(slot.size(), 0);
  for (size_t i = 0; i < e.size(); ++i) {
    if (e.setting[i] != uint8_t(Setting::kOutpatientFollowUp) || !InScope(p, scope, i, start, end))
      continue;
    if (!chosen[e.specialty[i] == UINT16_MAX ? chosen.size() - 1 : e.specialty[i]]) continue;
    if (cost[i] < 0) continue;  // uncosted: nothing to save on
    const int32_t s = slot[e.patient[i]];
    const double out = share * cost[i],
                 in = share * static_cast<double>(c.unit_cost) * e.quantity[i];
    (*delta)[s] += in - out;
    removed += out;
    added += in;
    effect.events_removed += share * e.quantity[i];
    touched[s] = 1;
  }
  effect.events_added = effect.events_removed;
  effect.cost_removed = std::llround(removed);
  effect.cost_added = std::llround(added);
  effect.patients = std::count(touched.begin(), touched.end(), 1);
  return effect;
}

ChangeEffect CaseManagement(const ScenarioChange& c, const Population& p,
                            std::span<const int32_t> cost, const IcoScope& scope, Day start,
                            Day end, const PatientCosts& base, const std::vector<int32_t>& slot,
                            std::span<const double> risk, std::vector<double>* delta) {
  ChangeEffect effect{.label = c.label, .kind = c.kind};
  const EventColumns& e = p.events;
  // The list on the first day, ranked by the risk model when given, then on the year before:
  // emergency admissions, then cost.
  std::vector<uint8_t> listed(base.patient.size(), 0);
  const RegistrationColumns& r = p.registrations;
  for (size_t i = 0; i < r.size(); ++i)
    if (scope.member[r.practice[i]] && RegistrationOn(p, i, start) && slot[r.patient[i]] >= 0)
      listed[slot[r.patient[i]]] = 1;
  const Day prior_start = start - 365;
  std::vector<int32_t> prior_admissions(base.patient.size(), 0);
  std::vector<Pence> prior_cost(base.patient.size(), 0);
  std::vector<Pence> emergency_cost(base.patient.size(), 0);
  std::vector<int32_t> emergencies(base.patient.size(), 0);
  for (size_t i = 0; i < e.size(); ++i) {
    const int32_t s = slot[e.patient[i]];
    if (s < 0) continue;
    const bool emergency = e.setting[i] == uint8_t(Setting::kEmergency);
    if (e.day[i] >= prior_start && e.day[i] < start) {
      prior_admissions[s] += emergency;
      prior_cost[s] += std::max(0, cost[i]);
    } else if (emergency && InScope(p, scope, i, start, end) && cost[i] >= 0) {
      emergency_cost[s] += cost[i];
      ++emergencies[s];
    }
  }
  std::vector<int32_t> ranked;
  for (int32_t s = 0; s < static_cast<int32_t>(listed.size()); ++s)
    if (listed[s]) ranked.push_back(s);
  // Probabilities by slot; NaN (not scored) ranks last.
  std::vector<double> probability(risk.empty() ? 0 : base.patient.size(), -1.0);
  for (size_t k = 0; k < probability.size(); ++k) {
    const double value = risk[base.patient[k]];
    if (!std::isnan(value)) probability[k] = value;
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](int32_t a, int32_t b) {
    if (!probability.empty() && probability[a] != probability[b])
      return probability[a] > probability[b];
    if (prior_admissions[a] != prior_admissions[b])
      return prior_admissions[a] > prior_admissions[b];
    return prior_cost[a] > prior_cost[b];
  });
  const size_t top = static_cast<size_t>(
      std::ceil(static_cast<long double>(ranked.size()) * c.top_share / kWhole - 1e-9));
  const double share = Fraction(c.share);
  double removed = 0;
  for (size_t k = 0; k < std::min(top, ranked.size()); ++k) {
    const int32_t s = ranked[k];
    const double out = share * emergency_cost[s];
    (*delta)[s] += static_cast<double>(c.cost_per_patient) - out;
    removed += out;
    effect.events_removed += share * emergencies[s];
    ++effect.patients;
  }
  effect.cost_removed = std::llround(removed);
  effect.cost_added = effect.patients * c.cost_per_patient;
  return effect;
}

ChangeEffect EndOfLife(const ScenarioChange& c, const Population& p, std::span<const int32_t> cost,
                       const IcoScope& scope, Day start, Day end, const std::vector<int32_t>& slot,
                       std::vector<double>* delta) {
  ChangeEffect effect{.label = c.label, .kind = c.kind};
  const PatientColumns& pt = p.patients;
  std::vector<uint8_t> hospital_death(slot.size(), 0);
  for (uint32_t i = 0; i < pt.size(); ++i) {
    if (slot[i] < 0 || pt.death[i] < start || pt.death[i] > end) continue;
    if (pt.death_place[i] == uint8_t(PlaceOfDeath::kHospital)) hospital_death[i] = 1;
  }
  const double share = Fraction(c.share);
  const EventColumns& e = p.events;
  double removed = 0;
  for (size_t i = 0; i < e.size(); ++i) {
    const uint32_t patient = e.patient[i];
    if (!hospital_death[patient] || e.setting[i] != uint8_t(Setting::kEmergency)) continue;
    if (!InScope(p, scope, i, start, end) || cost[i] < 0) continue;
    if (e.day[i] < pt.death[patient] - c.days_before_death) continue;
    const double out = share * cost[i];
    (*delta)[slot[patient]] += -out;
    removed += out;
    effect.events_removed += share;
  }
  for (uint32_t i = 0; i < pt.size(); ++i) {
    if (!hospital_death[i]) continue;
    ++effect.patients;
    (*delta)[slot[i]] += share * static_cast<double>(c.cost_per_death);
    effect.events_added += share;  // deaths cared for at home or in a hospice
  }
  effect.cost_removed = std::llround(removed);
  effect.cost_added = std::llround(effect.events_added * static_cast<double>(c.cost_per_death));
  return effect;
}

}  // namespace

ScenarioProjection ProjectScenario(const Scenario& scenario, const Population& p,
                                   std::span<const int32_t> cost, const IcoScope& scope, Day start,
                                   Day end, std::span<const double> risk) {
  ScenarioProjection out;
  if (!risk.empty()) out.case_finding = CaseFinding::kRiskModel;
  out.base = PatientCostsIn(p, cost, scope, start, end);
  std::vector<int32_t> slot(p.patients.size(), -1);
  for (size_t s = 0; s < out.base.patient.size(); ++s)
    slot[out.base.patient[s]] = static_cast<int32_t>(s);
  std::vector<double> delta(out.base.patient.size(), 0);
  for (const ScenarioChange& c : scenario.changes) {
    switch (c.kind) {
      case ScenarioChange::Kind::kShiftFollowUps:
        out.effects.push_back(ShiftFollowUps(c, p, cost, scope, start, end, slot, &delta));
        break;
      case ScenarioChange::Kind::kCaseManagement:
        out.effects.push_back(
            CaseManagement(c, p, cost, scope, start, end, out.base, slot, risk, &delta));
        break;
      case ScenarioChange::Kind::kEndOfLifeAtHome:
        out.effects.push_back(EndOfLife(c, p, cost, scope, start, end, slot, &delta));
        break;
    }
  }
  out.scenario_cost.resize(out.base.patient.size());
  for (size_t s = 0; s < out.base.patient.size(); ++s) {
    out.scenario_cost[s] = std::max<Pence>(0, std::llround(out.base.cost[s] + delta[s]));
    out.scenario_total += out.scenario_cost[s];
  }
  return out;
}

}  // namespace continuum
