#include "finance/patient_costs.h"

namespace continuum {

PatientCosts PatientCostsIn(const Population& p, std::span<const int32_t> event_cost,
                            const IcoScope& scope, Day start, Day end) {
  PatientCosts out{.start = start, .end = end};
  std::vector<int32_t> slot(p.patients.size(), -1);
  const RegistrationColumns& r = p.registrations;
  for (size_t i = 0; i < r.size(); ++i) {
    if (!scope.member[r.practice[i]] || r.start[i] > end || r.end[i] < start) continue;
    if (slot[r.patient[i]] < 0) slot[r.patient[i]] = 0;  // numbered below, in patient order
  }
  for (uint32_t patient = 0; patient < slot.size(); ++patient) {
    if (slot[patient] < 0) continue;
    slot[patient] = static_cast<int32_t>(out.patient.size());
    out.patient.push_back(patient);
  }
  out.cost.assign(out.patient.size(), 0);
  const EventColumns& e = p.events;
  for (size_t i = 0; i < e.size(); ++i) {
    if (e.day[i] < start || e.day[i] > end || e.practice[i] >= scope.member.size() ||
        !scope.member[e.practice[i]])
      continue;
    ++out.events;
    if (event_cost[i] < 0) {
      ++out.uncosted_events;
      continue;
    }
    out.cost[slot[e.patient[i]]] += event_cost[i];
    out.total += event_cost[i];
  }
  return out;
}

}  // namespace continuum
