// What happens at a contact: the treatment function, ICD-10 diagnosis, OPCS-4 procedure, length
// of stay and cost of each kind of event, chosen to fit the patient's age, sex and conditions.
// Unit costs come from targets.csv (National Cost Collection and PSSRU figures); each case-mix
// entry carries a weight relative to its setting's unit cost.
//
//   const OutpatientService& s = DrawOutpatientService(person, day, &rng);
//   s.specialty   // "130"
#pragma once

#include <string_view>

#include "core/money.h"
#include "core/random.h"
#include "generate/person.h"
#include "generate/targets.h"

namespace continuum {

// Unit costs in pence, by setting, from targets.csv (social care and end of life from the
// domain primer: home care ~GBP 20 an hour, residential care ~GBP 650 a week).
struct UnitCosts {
  explicit UnitCosts(const CalibrationTargets& targets);
  Pence of[kSettingCount] = {};
  Pence home_care_hour = 2000;
  Pence residential_week = 65000;
  Pence excess_bed_day = 30000;  // emergency nights beyond the expected stay
};

// Where an outpatient first attendance goes and what it is for.
struct OutpatientService {
  std::string_view specialty, diagnosis;
  double cost_weight;  // relative to the op_first unit cost
  double follow_ups;   // mean follow-up attendances per first attendance
  bool tertiary;       // usually seen at the university hospital
  int condition;       // the condition that sends patients here (-1: any patient)
  int sex;             // 0 any, 1 female only, 2 male only
  int min_age, max_age;
  double weight;  // relative frequency among patients it fits
};
const OutpatientService& DrawOutpatientService(const Person& person, Day day, Rng* rng);

// A planned admission: day case (stay 0) or elective inpatient spell.
struct PlannedProcedure {
  Setting setting;
  std::string_view specialty, diagnosis, procedure;
  double cost_weight;   // relative to the setting's unit cost
  double typical_stay;  // nights, for elective spells
  bool tertiary;
  int condition, sex, min_age, max_age;
  double weight;
};
const PlannedProcedure& DrawPlannedProcedure(const Person& person, Setting setting, Day day,
                                             Rng* rng);
// Chemotherapy day case for a patient within a year of a cancer diagnosis.
const PlannedProcedure& Chemotherapy();

// An emergency admission's reason, chosen from the person's conditions (weights from
// EmergencyConditionWeight) or, for the rest, from common acute problems at their age.
struct EmergencyReason {
  std::string_view specialty, diagnosis;
  double cost_weight;              // relative to the emergency unit cost, before excess bed days
  double stay_factor;              // multiplies the age-typical length of stay
  int expected_stay;               // nights covered by the spell's price (the trim point)
  bool ambulatory_care_sensitive;  // NHS Outcomes Framework 2.3.i
};
// Relative excess risk of emergency admission that an active condition carries.
double EmergencyConditionWeight(Condition c);
bool IsAmbulatoryCareSensitive(Condition c);
const EmergencyReason& EmergencyReasonFor(Condition c);
const EmergencyReason& DrawGeneralEmergencyReason(int age, Rng* rng);

// A&E diagnosis and cost weight (minor, standard or major attendance).
struct AeAttendance {
  std::string_view diagnosis;
  double cost_weight;
};
AeAttendance DrawAeAttendance(int age, Rng* rng);

// The ICD-10 code of the person's cancer (breast, prostate, colorectal, lung, ...).
std::string_view CancerIcd10(const Person& person);
int DrawCancerSite(Sex sex, Rng* rng);

}  // namespace continuum
