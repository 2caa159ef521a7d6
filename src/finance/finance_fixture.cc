#include "finance/finance_fixture.h"

#include <algorithm>
#include <cmath>

namespace continuum {
namespace {

Day D(std::string_view iso) { return *ParseDate(iso); }

}  // namespace

uint32_t FinanceFixture::Organisation(std::string_view id, OrgKind kind, std::string_view parent) {
  OrganisationColumns& o = population.organisations;
  const uint32_t index = o.ids.Intern(id);
  o.name.emplace_back(id);
  o.kind.push_back(uint8_t(kind));
  o.parent.push_back(parent.empty() ? Dictionary::kMissing : o.ids.Find(parent));
  return index;
}

uint32_t FinanceFixture::Patient(std::string_view practice, std::string_view registered,
                                 std::string_view left) {
  PatientColumns& p = population.patients;
  const uint32_t index = static_cast<uint32_t>(p.id.size());
  p.id.push_back(index + 1);
  p.birth.push_back(D("1950-01-01"));
  p.sex.push_back(uint8_t(Sex::kFemale));
  p.imd_decile.push_back(5);
  p.lsoa.push_back(0);
  p.death.push_back(kNoDay);
  p.death_place.push_back(kNoCode);
  p.preferred_place.push_back(kNoCode);
  RegistrationColumns& r = population.registrations;
  p.first_registration.resize(index + 2, 0);
  p.first_registration[index] = static_cast<uint32_t>(r.size());
  r.patient.push_back(index);
  r.practice.push_back(population.organisations.ids.Find(practice));
  r.start.push_back(D(registered));
  r.end.push_back(left.empty() ? kNoDay : D(left));
  r.start_reason.push_back(0);
  r.end_reason.push_back(left.empty() ? kNoCode : 0);
  p.first_registration[index + 1] = static_cast<uint32_t>(r.size());
  patient_practice_.push_back(r.practice.back());
  return index;
}

size_t FinanceFixture::Event(uint32_t patient, std::string_view date, Setting setting,
                             std::string_view provider, double pounds, std::string_view diagnosis,
                             uint16_t stay) {
  EventColumns& e = population.events;
  e.id.push_back(static_cast<int64_t>(e.id.size() + 1));
  e.patient.push_back(patient);
  e.day.push_back(D(date));
  e.setting.push_back(uint8_t(setting));
  e.practice.push_back(patient_practice_[patient]);
  e.provider.push_back(population.organisations.ids.Find(provider));
  e.specialty.push_back(UINT16_MAX);
  e.diagnosis.push_back(diagnosis.empty() ? Dictionary::kMissing : e.diagnoses.Intern(diagnosis));
  e.procedure.push_back(Dictionary::kMissing);
  e.length_of_stay.push_back(stay);
  e.quantity.push_back(1);
  e.cost.push_back(pounds < 0 ? -1 : static_cast<int32_t>(std::llround(pounds * 100)));
  e.medicine.push_back(Dictionary::kMissing);
  return e.id.size() - 1;
}

void FinanceFixture::SetSpecialty(size_t event, std::string_view treatment_function) {
  EventColumns& e = population.events;
  e.specialty[event] = static_cast<uint16_t>(e.specialties.Intern(treatment_function));
}

void FinanceFixture::Died(uint32_t patient, std::string_view date, PlaceOfDeath place) {
  population.patients.death[patient] = D(date);
  population.patients.death_place[patient] = uint8_t(place);
  const uint32_t last = population.patients.first_registration[patient + 1] - 1;
  population.registrations.end[last] = std::min(population.registrations.end[last], D(date));
}

void FinanceFixture::Preferred(uint32_t patient, PlaceOfDeath place) {
  population.patients.preferred_place[patient] = uint8_t(place);
}

void FinanceFixture::Born(uint32_t patient, std::string_view date, Sex sex) {
  population.patients.birth[patient] = D(date);
  population.patients.sex[patient] = uint8_t(sex);
}

void FinanceFixture::Register(uint32_t patient, Condition condition, std::string_view onset,
                              std::string_view resolved) {
  ConditionColumns& c = population.conditions;
  c.patient.push_back(patient);
  c.condition.push_back(uint8_t(condition));
  c.onset.push_back(D(onset));
  c.resolved.push_back(resolved.empty() ? kNoDay : D(resolved));
}

void FinanceFixture::Observe(uint32_t patient, std::string_view date, ObservationKind kind,
                             float value) {
  ObservationColumns& o = population.observations;
  o.patient.push_back(patient);
  o.day.push_back(D(date));
  o.kind.push_back(uint8_t(kind));
  o.value.push_back(value);
}

void FinanceFixture::SetMedicine(size_t event, std::string_view bnf_code) {
  EventColumns& e = population.events;
  e.medicine[event] = e.medicines.Intern(bnf_code);
}

const Population& FinanceFixture::Finish() {
  EventColumns& e = population.events;
  if (e.size()) {
    e.first_day = *std::min_element(e.day.begin(), e.day.end());
    e.last_day = *std::max_element(e.day.begin(), e.day.end());
  }
  return population;
}

}  // namespace continuum
