#include "clinical/pathway_fixture.h"

namespace continuum {

void PathwayFixture::Condition(uint32_t patient, continuum::Condition condition,
                               std::string_view onset, std::string_view resolved) {
  ConditionColumns& c = population.conditions;
  c.patient.push_back(patient);
  c.condition.push_back(uint8_t(condition));
  c.onset.push_back(*ParseDate(onset));
  c.resolved.push_back(resolved.empty() ? kNoDay : *ParseDate(resolved));
}

void PathwayFixture::Observation(uint32_t patient, std::string_view date, ObservationKind kind,
                                 double value) {
  ObservationColumns& o = population.observations;
  o.patient.push_back(patient);
  o.day.push_back(*ParseDate(date));
  o.kind.push_back(uint8_t(kind));
  o.value.push_back(static_cast<float>(value));
}

void PathwayFixture::Observation(uint32_t patient, std::string_view date, ObservationKind kind,
                                 std::string_view code) {
  Observation(patient, date, kind, FindCode(ObservationValueCodes(kind), code));
}

void PathwayFixture::Referral(uint32_t patient, std::string_view date, std::string_view from,
                              std::string_view to, std::string_view specialty,
                              std::string_view reason) {
  ReferralColumns& r = population.referrals;
  EventColumns& e = population.events;
  r.patient.push_back(patient);
  r.day.push_back(*ParseDate(date));
  r.from.push_back(population.organisations.ids.Find(from));
  r.to.push_back(population.organisations.ids.Find(to));
  r.specialty.push_back(specialty.empty() ? UINT16_MAX
                                          : static_cast<uint16_t>(e.specialties.Intern(specialty)));
  r.reason.push_back(reason.empty() ? Dictionary::kMissing : e.diagnoses.Intern(reason));
  r.outcome.push_back(uint8_t(ReferralOutcome::kSeen));
}

size_t PathwayFixture::Activity(uint32_t patient, std::string_view date, Setting setting,
                                std::string_view provider, std::string_view specialty,
                                std::string_view procedure, uint16_t stay) {
  const size_t event = Event(patient, date, setting, provider, 0, "", stay);
  if (!specialty.empty()) SetSpecialty(event, specialty);
  EventColumns& e = population.events;
  if (!procedure.empty()) e.procedure[event] = e.procedures.Intern(procedure);
  return event;
}

void PathwayFixture::PreferredPlace(uint32_t patient, PlaceOfDeath place) {
  population.patients.preferred_place[patient] = uint8_t(place);
}

}  // namespace continuum
