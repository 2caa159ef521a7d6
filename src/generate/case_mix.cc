#include "generate/case_mix.h"

#include <cmath>
#include <span>

namespace continuum {
namespace {

constexpr int kAny = -1;
constexpr int C(Condition c) { return static_cast<int>(c); }

int AgeOnDay(const Person& p, Day day) { return static_cast<int>((day - p.birth) / 365.25); }

// True when a condition makes this person a candidate (cancer only within 5 years of onset).
bool HasTrigger(const Person& p, int condition, Day day) {
  if (condition == kAny) return true;
  if (!p.Has(static_cast<Condition>(condition), day)) return false;
  return condition != C(Condition::kCancer) || day - p.onset[condition] < 5 * 365;
}

bool Fits(const Person& p, int condition, int sex, int min_age, int max_age, Day day) {
  const int age = AgeOnDay(p, day);
  if (age < min_age || age > max_age) return false;
  if (sex == 1 && p.sex != Sex::kFemale) return false;
  if (sex == 2 && p.sex != Sex::kMale) return false;
  return HasTrigger(p, condition, day);
}

// Weighted choice among the entries that fit; entries tied to a condition the person has are
// much more likely. The first entry is the fallback when nothing fits.
template <typename T>
const T& DrawFitting(std::span<const T> entries, const Person& p, Day day, Rng* rng) {
  double weights[64];
  double total = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    const T& e = entries[i];
    const bool fits = Fits(p, e.condition, e.sex, e.min_age, e.max_age, day);
    weights[i] = fits ? e.weight * (e.condition == kAny ? 1.0 : 8.0) : 0.0;
    total += weights[i];
  }
  if (total <= 0) return entries[0];
  double u = rng->Uniform() * total;
  for (size_t i = 0; i < entries.size(); ++i) {
    u -= weights[i];
    if (u < 0) return entries[i];
  }
  return entries.back();
}

constexpr std::string_view kCancerCodes[] = {"C50.9", "C61",   "C18.9", "C34.9",
                                             "C67.9", "C43.9", "C80.9"};
// Shares by site for women and men (breast and prostate most common, then bowel and lung).
constexpr double kCancerShareFemale[] = {0.45, 0.0, 0.14, 0.10, 0.03, 0.08, 0.20};
constexpr double kCancerShareMale[] = {0.0, 0.38, 0.17, 0.13, 0.08, 0.07, 0.17};

// specialty, diagnosis, cost weight, follow-ups, tertiary, condition, sex, ages, weight.
// The oncology entry's diagnosis is replaced by the person's cancer site.
constexpr OutpatientService kOutpatientServices[] = {
    {"300", "R69X", 1.0, 1.0, false, kAny, 0, 0, 120, 1.0},
    {"110", "M17.9", 0.95, 1.2, false, kAny, 0, 45, 120, 6},
    {"110", "M54.5", 0.95, 1.0, false, kAny, 0, 16, 120, 4},
    {"130", "H25.9", 0.8, 1.2, false, kAny, 0, 60, 120, 6},
    {"130", "H40.1", 0.8, 3.0, false, kAny, 0, 50, 120, 2},
    {"130", "H52.1", 0.8, 0.6, false, kAny, 0, 0, 120, 1},
    {"320", "R07.4", 1.2, 1.0, false, kAny, 0, 30, 120, 3},
    {"320", "I48.9", 1.2, 1.5, false, C(Condition::kAf), 0, 0, 120, 1},
    {"320", "I25.9", 1.2, 1.5, false, C(Condition::kChd), 0, 0, 120, 1},
    {"320", "I50.9", 1.2, 2.0, false, C(Condition::kHeartFailure), 0, 0, 120, 1},
    {"301", "K21.9", 1.0, 0.8, false, kAny, 0, 16, 120, 2},
    {"301", "K58.9", 1.0, 0.8, false, kAny, 0, 16, 60, 2},
    {"100", "K40.9", 1.0, 0.5, false, kAny, 0, 16, 120, 3},
    {"100", "K80.2", 1.0, 0.5, false, kAny, 0, 20, 120, 2},
    {"502", "N92.0", 1.0, 1.0, false, kAny, 1, 14, 55, 4},
    {"502", "N81.1", 1.0, 1.0, false, kAny, 1, 50, 120, 1.5},
    {"501", "Z34.9", 1.0, 4.0, false, kAny, 1, 18, 42, 5},
    {"330", "L40.9", 0.8, 1.5, false, kAny, 0, 0, 120, 2},
    {"330", "D22.9", 0.8, 0.3, false, kAny, 0, 0, 120, 3},
    {"330", "C44.9", 0.8, 1.0, false, kAny, 0, 60, 120, 1},
    {"120", "J35.0", 1.0, 0.5, false, kAny, 0, 0, 15, 3},
    {"120", "H91.9", 1.0, 0.8, false, kAny, 0, 0, 120, 2},
    {"101", "N40", 1.0, 1.5, false, kAny, 2, 55, 120, 4},
    {"101", "R31", 1.0, 1.0, false, kAny, 0, 40, 120, 1.5},
    {"340", "J44.9", 1.1, 1.5, false, C(Condition::kCopd), 0, 0, 120, 1},
    {"340", "J45.9", 1.1, 1.0, false, C(Condition::kAsthma), 0, 0, 120, 0.3},
    {"340", "R05", 1.1, 0.8, false, kAny, 0, 16, 120, 1},
    {"307", "E11.9", 1.0, 2.5, false, C(Condition::kDiabetes), 0, 0, 120, 1},
    {"302", "E05.9", 1.0, 1.5, false, kAny, 0, 16, 120, 0.5},
    {"400", "G43.9", 1.2, 1.0, false, kAny, 0, 10, 120, 1.5},
    {"400", "G40.9", 1.2, 2.0, false, C(Condition::kEpilepsy), 0, 0, 120, 1},
    {"410", "M06.9", 1.1, 3.0, false, kAny, 0, 16, 120, 1},
    {"420", "R62.8", 1.3, 1.5, false, kAny, 0, 0, 15, 4},
    {"370", "C80.9", 1.3, 5.0, true, C(Condition::kCancer), 0, 0, 120, 3},
    {"361", "N18.4", 1.2, 3.0, true, C(Condition::kCkd), 0, 0, 120, 0.4},
    {"430", "R54", 1.1, 1.0, false, kAny, 0, 75, 120, 2},
    {"328", "G45.9", 1.1, 0.5, true, kAny, 0, 50, 120, 1},
    {"840", "H91.9", 0.7, 0.5, false, kAny, 0, 60, 120, 2},
    {"650", "M54.5", 0.6, 2.0, false, kAny, 0, 16, 120, 2},
};

// setting, specialty, diagnosis, procedure, cost weight, typical stay, tertiary, condition,
// sex, ages, weight.
constexpr PlannedProcedure kDayCases[] = {
    {Setting::kDayCase, "130", "H25.9", "C71.2", 1.04, 0, false, kAny, 0, 60, 120, 6},
    {Setting::kDayCase, "301", "K57.3", "H22.9", 0.88, 0, false, kAny, 0, 40, 120, 5},
    {Setting::kDayCase, "301", "K21.9", "G45.1", 0.77, 0, false, kAny, 0, 30, 120, 4},
    {Setting::kDayCase, "101", "R31", "M45.9", 0.88, 0, false, kAny, 0, 50, 120, 2},
    {Setting::kDayCase, "330", "D22.9", "S06.9", 0.77, 0, false, kAny, 0, 16, 120, 2},
    {Setting::kDayCase, "110", "G56.0", "A65.1", 1.1, 0, false, kAny, 0, 30, 120, 1.5},
    {Setting::kDayCase, "110", "M17.9", "W90.3", 0.66, 0, false, kAny, 0, 50, 120, 1.5},
    {Setting::kDayCase, "100", "K40.9", "T20.1", 1.76, 0, false, kAny, 0, 20, 120, 1.5},
    {Setting::kDayCase, "502", "N92.0", "Q18.1", 1.1, 0, false, kAny, 1, 30, 60, 1.5},
    {Setting::kDayCase, "120", "J35.0", "F34.1", 1.54, 0, false, kAny, 0, 2, 15, 0.8},
    {Setting::kDayCase, "420", "R62.8", "", 1.1, 0, false, kAny, 0, 0, 15, 0.8},
    {Setting::kDayCase, "320", "R07.4", "K63.1", 1.98, 0, false, kAny, 0, 40, 120, 0.8},
};

constexpr PlannedProcedure kElectiveSpells[] = {
    {Setting::kElective, "110", "M16.1", "W37.1", 1.44, 3.5, false, kAny, 0, 55, 120, 3},
    {Setting::kElective, "110", "M17.1", "W40.1", 1.4, 3.5, false, kAny, 0, 55, 120, 3},
    {Setting::kElective, "100", "K80.2", "J18.3", 0.74, 1.0, false, kAny, 0, 25, 120, 2},
    {Setting::kElective, "502", "N92.0", "Q07.4", 0.93, 2.0, false, kAny, 1, 35, 60, 1.5},
    {Setting::kElective, "101", "N40", "M65.3", 0.84, 2.0, false, kAny, 2, 60, 120, 1.5},
    {Setting::kElective, "170", "I25.1", "K40.1", 2.98, 8.0, true, C(Condition::kChd), 0, 50, 120,
     0.2},
    {Setting::kElective, "320", "I48.9", "K57.1", 1.12, 1.0, true, C(Condition::kAf), 0, 40, 120,
     0.3},
    {Setting::kElective, "100", "C18.9", "H33.9", 2.05, 7.0, false, C(Condition::kCancer), 0, 40,
     120, 0.3},
    {Setting::kElective, "300", "R69X", "", 0.65, 2.0, false, kAny, 0, 0, 120, 1.5},
};

constexpr PlannedProcedure kChemotherapy = {
    Setting::kDayCase, "370", "C80.9", "X72.9", 0.66, 0, true, C(Condition::kCancer), 0, 0, 120, 1};

// specialty, diagnosis, cost weight, stay factor, expected stay, ACSC.
constexpr EmergencyReason kConditionReasons[kConditionCount] = {
    {"300", "I10", 0.7, 0.6, 2, true},      // hypertension
    {"307", "E11.6", 0.95, 1.0, 4, true},   // diabetes complications
    {"340", "J45.9", 0.6, 0.5, 2, true},    // asthma
    {"340", "J44.1", 1.0, 1.2, 5, true},    // COPD exacerbation
    {"320", "I20.0", 1.1, 0.8, 4, true},    // angina
    {"320", "I50.0", 1.25, 1.5, 8, true},   // heart failure
    {"320", "I48.9", 0.9, 0.7, 3, true},    // atrial fibrillation
    {"328", "I63.9", 1.6, 2.2, 12, false},  // stroke
    {"361", "N17.9", 1.1, 1.3, 6, false},   // acute kidney injury
    {"370", "C80.9", 1.2, 1.4, 7, false},   // cancer (site substituted)
    {"430", "F05.1", 1.0, 1.8, 10, true},   // delirium in dementia
    {"300", "T39.1", 0.7, 0.5, 2, false},   // self-harm
    {"300", "T43.5", 0.7, 0.6, 2, false},   // poisoning, SMI
    {"400", "G40.9", 0.8, 0.6, 2, true},    // epilepsy
    {"302", "E03.9", 0.8, 0.8, 3, false},   // hypothyroidism
    {"315", "Z51.5", 1.0, 1.5, 7, false},   // palliative
};
// Extra emergency admissions each register brings, relative to the person's general risk. With
// frailty raising both the registers and admissions, people with heart failure are admitted about
// three times as often as others of their age.
constexpr double kConditionWeights[kConditionCount] = {
    0.07, 0.28, 0.21, 0.91, 0.35, 1.12, 0.28, 0.42, 0.35, 0.49, 0.7, 0.21, 0.56, 0.49, 0.035, 1.05};

struct AgedReason {
  int min_age, max_age;
  double weight;
  EmergencyReason reason;
};
constexpr AgedReason kGeneralReasons[] = {
    {0, 1, 5, {"420", "J21.9", 0.6, 0.8, 2, false}},
    {0, 15, 4, {"420", "J06.9", 0.5, 0.5, 1, false}},
    {0, 15, 3, {"420", "A09.9", 0.5, 0.5, 1, false}},
    {0, 15, 2, {"420", "R50.9", 0.5, 0.5, 1, false}},
    {0, 15, 1, {"110", "S52.5", 0.8, 0.5, 1, false}},
    {16, 120, 3, {"100", "R10.4", 0.75, 0.6, 2, false}},
    {16, 120, 3, {"300", "R07.4", 0.7, 0.4, 1, false}},
    {16, 120, 2, {"300", "L03.1", 0.8, 1.0, 4, false}},
    {16, 120, 2, {"300", "N39.0", 0.8, 1.0, 4, false}},
    {16, 60, 1, {"100", "K35.8", 1.2, 0.8, 3, false}},
    {16, 120, 1.5, {"110", "S82.2", 1.3, 1.2, 4, false}},
    {16, 120, 2.5, {"340", "J18.9", 1.0, 1.3, 6, false}},
    {16, 120, 1, {"300", "A41.9", 1.4, 1.5, 7, false}},
    {65, 120, 1.5, {"110", "S72.0", 2.6, 2.2, 14, false}},
    {65, 120, 2, {"430", "R29.6", 0.9, 1.4, 7, false}},
    {65, 120, 1, {"300", "R55", 0.7, 0.8, 3, false}},
    {65, 120, 1, {"100", "K56.6", 1.3, 1.3, 6, false}},
};

constexpr std::string_view kAeChild[] = {"S09.9", "J06.9", "R50.9", "S52.5", "T17.9"};
constexpr std::string_view kAeAdult[] = {"S93.4", "S61.9", "R10.4", "R07.4", "T14.9", "F10.0"};
constexpr std::string_view kAeOlder[] = {"R55", "S00.9", "R07.4", "N39.0", "R06.0", "T14.9"};

}  // namespace

UnitCosts::UnitCosts(const CalibrationTargets& t) {
  auto pence = [](double pounds) { return static_cast<Pence>(std::llround(pounds * 100)); };
  of[int(Setting::kGp)] = pence(t.Value("unit_cost_gp"));
  of[int(Setting::kNurse)] = pence(t.Value("unit_cost_nurse"));
  of[int(Setting::kCommunity)] = pence(t.Value("unit_cost_community"));
  of[int(Setting::kOutpatientFirst)] = pence(t.Value("unit_cost_op_first"));
  of[int(Setting::kOutpatientFollowUp)] = pence(t.Value("unit_cost_op_followup"));
  of[int(Setting::kAe)] = pence(t.Value("unit_cost_ae"));
  of[int(Setting::kElective)] = pence(t.Value("unit_cost_elective"));
  of[int(Setting::kDayCase)] = pence(t.Value("unit_cost_day_case"));
  of[int(Setting::kEmergency)] = pence(t.Value("unit_cost_emergency"));
  of[int(Setting::kMentalHealth)] = pence(t.Value("unit_cost_mental_health"));
  of[int(Setting::kPrescription)] = pence(t.Value("unit_cost_prescription_item"));
  of[int(Setting::kSocialCare)] = home_care_hour;
  of[int(Setting::kEndOfLife)] = 12000;  // hospice and palliative nursing contacts, ~GBP 120
}

const OutpatientService& DrawOutpatientService(const Person& person, Day day, Rng* rng) {
  return DrawFitting<OutpatientService>(kOutpatientServices, person, day, rng);
}

const PlannedProcedure& DrawPlannedProcedure(const Person& person, Setting setting, Day day,
                                             Rng* rng) {
  return setting == Setting::kDayCase
             ? DrawFitting<PlannedProcedure>(kDayCases, person, day, rng)
             : DrawFitting<PlannedProcedure>(kElectiveSpells, person, day, rng);
}

const PlannedProcedure& Chemotherapy() { return kChemotherapy; }

double EmergencyConditionWeight(Condition c) { return kConditionWeights[static_cast<int>(c)]; }

bool IsAmbulatoryCareSensitive(Condition c) {
  return kConditionReasons[static_cast<int>(c)].ambulatory_care_sensitive;
}

const EmergencyReason& EmergencyReasonFor(Condition c) {
  return kConditionReasons[static_cast<int>(c)];
}

const EmergencyReason& DrawGeneralEmergencyReason(int age, Rng* rng) {
  double total = 0;
  for (const AgedReason& r : kGeneralReasons) {
    if (age >= r.min_age && age <= r.max_age) total += r.weight;
  }
  double u = rng->Uniform() * total;
  for (const AgedReason& r : kGeneralReasons) {
    if (age < r.min_age || age > r.max_age) continue;
    u -= r.weight;
    if (u < 0) return r.reason;
  }
  return kGeneralReasons[std::size(kGeneralReasons) - 1].reason;
}

AeAttendance DrawAeAttendance(int age, Rng* rng) {
  // Minor (45%), standard (40%) and major (15%) attendances; with the major attendances that
  // lead to admission (weight 1.4) they average to the unit cost.
  const double u = rng->Uniform();
  const double weight = u < 0.45 ? 0.6 : u < 0.85 ? 1.0 : 1.8;
  if (age < 16) return {kAeChild[rng->Below(std::size(kAeChild))], weight};
  if (age < 65) return {kAeAdult[rng->Below(std::size(kAeAdult))], weight};
  return {kAeOlder[rng->Below(std::size(kAeOlder))], weight};
}

std::string_view CancerIcd10(const Person& person) { return kCancerCodes[person.cancer_site]; }

int DrawCancerSite(Sex sex, Rng* rng) {
  const double* shares = sex == Sex::kFemale ? kCancerShareFemale : kCancerShareMale;
  double u = rng->Uniform();
  for (int i = 0; i < static_cast<int>(std::size(kCancerCodes)); ++i) {
    u -= shares[i];
    if (u < 0) return i;
  }
  return static_cast<int>(std::size(kCancerCodes)) - 1;
}

}  // namespace continuum
