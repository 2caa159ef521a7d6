#include "generate/hospital_activity.h"

#include <algorithm>
#include <cmath>

#include "generate/case_mix.h"
#include "generate/rates.h"

namespace continuum {
namespace {

// Follow-up attendances per first attendance relative to each service's typical number
// (calibrated to ~2 follow-ups per first, targets.csv).
constexpr double kFollowUpScale = 1.75;
// Chance that an emergency admission is followed by another within 30 days of discharge, on top
// of the background rate (calibrated to ~13% readmissions).
constexpr double kReadmission = 0.04;
// Urgent referrals for suspected cancer seen after more than two weeks (NHS England cancer
// waiting times: about 9% of two-week-wait referrals), 15 to 35 days after referral.
constexpr double kTwoWeekWaitBreach = 0.09;
// Extra emergency admissions in the last year of life (on top of the background rate).
constexpr double kLastYearAdmissions = 0.9;
// Planted case management (RAND Europe / Ernst & Young 2012): emergency admissions rose 9%,
// elective admissions (with day cases) fell 21% and outpatient attendances 22%. Every emergency
// admission drawn for a case-managed period but the one a person dies in, every planned admission
// and every hospital outpatient episode or follow-up in one is scaled so (not the heart failure
// pathway's assessments).
constexpr double kCaseManagedEmergency = 1.09, kCaseManagedElective = 0.79,
                 kCaseManagedOutpatient = 0.78;
// Whom an ICO case-manages: on the first day of the first financial year (after the data's first)
// that opens with the person's practice a member, everyone registered there, aged 65 or over,
// with at least two emergency admissions in the year before: a published case-finding rule, the
// one whose regression to the mean Roland et al. (BMJ 2005;330:289) showed. An evaluator can
// apply it to control practices' patients too (docs/evaluation.md), which a rule on a latent
// score would not allow.
constexpr int kCaseFindingAge = 65, kCaseFindingAdmissions = 2;

// Each year's chance on top of the health state (simulation.h): gamma multipliers with mean 1 on
// emergency care and on planned care, of this shape (variance 1 / shape).
constexpr double kShockShape = 1.0;
// A&E attendances follow the square root of the emergency multiplier; dividing by its mean keeps
// their level where rates.cc sets it.
const double kMeanSqrtShock =
    std::exp(std::lgamma(kShockShape + 0.5) - std::lgamma(kShockShape) -
             0.5 * std::log(kShockShape) - kHealthStateSd * kHealthStateSd / 8);

// Emergency spells cost their reason's weight x this x the unit cost (0.9-1.1), plus GBP 300 a
// night beyond the reason's expected stay; with the major emergencies below they average about
// GBP 2,750.
constexpr double kEmergencyBase = 0.7;
// Planned spells: each procedure's cost spread log-normally around its weight.
constexpr double kPlannedSpread = 0.5;

// Major emergencies that can strike anyone, tied neither to frailty nor to past use: critical
// care after sepsis, trauma, a cardiac arrest or a complicated operation (ICNARC Case Mix
// Programme: about 3 adult critical care admissions per 1,000 people a year, approx.). A year's
// chance of 0.22%, 0.44% from 65; the critical care cost is log-normal with a median of
// GBP 12,000 (about seven days at the National Cost Collection's ~GBP 1,800 a bed day, approx.)
// and a long tail, capped at GBP 300,000; the stay has a median of 15 nights. They are what
// makes a person's cost so much less predictable than their risk (docs/calibration.md).
constexpr double kMajorEmergency = 0.0022, kMajorEmergencyFrom65 = 2.0;
constexpr double kCriticalCareMedian = 12000, kCriticalCareSpread = 1.2, kCriticalCareCap = 300000;
constexpr double kMajorEmergencyStay = 15;

// Short-term home care (reablement) after an emergency admission of someone aged 65 or over: up
// to six weeks, free to the person and paid by the local authority. The hospital discharge
// operating model (DHSC 2020) expects about 45% of discharges to need new or extra support at
// home; here three in ten older people's discharges get it from social care, a median of 8 hours
// a week, which is about 8% of people aged 65+ a year (NHS Digital SALT 2022-23: 251,255 episodes
// of short-term care to maximise independence, 88% for people aged 65+, besides other short-term
// support; approx. twice the national rate, standing for equipment and intermediate care too).
constexpr double kReablement = 0.3, kReablementHours = 8;
constexpr int kReablementDays = 42;

// Emergency stays by age band (0-4, 5-14, 15-24, 25-44, 45-64, 65-74, 75-84, 85+): the share
// discharged the same day, and the log-normal location of the nights of the rest.
constexpr double kSameDay[8] = {0.55, 0.55, 0.45, 0.42, 0.35, 0.26, 0.2, 0.16};
constexpr double kStayLocation[8] = {0.15, 0.15, 0.45, 0.65, 0.95, 1.3, 1.55, 1.7};

Pence Cost(Pence unit, double weight) { return static_cast<Pence>(std::llround(unit * weight)); }

// ICD-10 neoplasms (C00-D48): referred urgently as suspected cancer, on the two-week-wait
// pathway, whatever the service (oncology, or dermatology for a suspicious skin lesion).
bool IsNeoplasm(std::string_view icd10) {
  return icd10.size() >= 3 &&
         (icd10[0] == 'C' || (icd10[0] == 'D' && (icd10[1] - '0') * 10 + (icd10[2] - '0') <= 48));
}

// Days from an urgent referral to the first attendance, from one uniform draw: 5 to 14, or 15 to
// 35 for the breaches.
Day TwoWeekWait(double u) {
  return u < kTwoWeekWaitBreach
             ? 15 + static_cast<Day>(21 * u / kTwoWeekWaitBreach)
             : 5 + static_cast<Day>(10 * (u - kTwoWeekWaitBreach) / (1 - kTwoWeekWaitBreach));
}

struct Admission {
  EventRecord event;
  bool through_ae = false;
  std::string_view ae_diagnosis;
  bool terminal = false;  // ends in death
};

// The financial year whose first day an ICO finds its cases on (kCaseFindingAge): the first that
// opens a year or more after `practice` (one of its, or a person's first) joined, and leaves two
// years of data before it; -1 if none.
int CaseFindingYear(const Simulation& sim, int practice) {
  return sim.FirstYearLiveAYear(practice, 2);
}

class HospitalCare {
 public:
  HospitalCare(const Simulation& sim, const Person& person, Rng* rng, PersonRecords* records)
      : sim_(sim), p_(person), rng_(*rng), records_(*records), costs_(*sim.costs) {}

  // Whether the ICO case-managed the person (kCaseFindingAge).
  bool Run() {
    const Window& window = sim_.window;
    const bool listed_before = p_.registrations[0].start < window.start();
    const bool chemotherapy = rng_.Chance(0.5);
    // The last year of life's admissions first, so that case finding sees every emergency
    // admission of the year before it.
    LastYearOfLife();
    for (int y = listed_before ? -2 : 0; y < window.years(); ++y) {
      // Years -2 and -1 only seed follow-ups of first attendances made before the window.
      const Day a = y < 0 ? window.start() + 365 * y : std::max(p_.entry, window.YearStart(y));
      const Day b =
          y < 0 ? window.start() + 365 * (y + 1) - 1 : std::min(p_.exit, window.YearEnd(y));
      if (a > b) continue;
      const double years = (b - a + 1) / 365.25;
      const Day mid = a + (b - a) / 2;
      const int practice_index = p_.PracticeOn(std::max(mid, p_.entry));
      const Practice& practice = sim_.practice(practice_index);
      const PersonYear py = DescribeYear(p_, mid, practice.quality);
      if (y == CaseFindingYear()) FindCase(y);
      const bool managed = Managed(mid);
      const double health = sim_.HealthState(p_.index, y);
      const double acute_shock = health * rng_.Gamma(kShockShape, 1.0);
      const double planned_shock = health * rng_.Gamma(kShockShape, 1.0);

      Outpatients(py, a, b, years, planned_shock * practice.referral_propensity);
      if (y < 0) continue;
      const double emergency = sim_.rates->Expected(Driver::kEmergency, py) *
                               practice.admission_propensity * acute_shock *
                               (managed ? Effect(kCaseManagedEmergency) : 1.0);
      for (int n = rng_.Poisson(emergency * years); n > 0; --n) {
        Emergency(py, a + rng_.Below(b - a + 1), 0);
      }
      if (rng_.Chance(kMajorEmergency * years * (py.age >= 65 ? kMajorEmergencyFrom65 : 1.0) *
                      (managed ? Effect(kCaseManagedEmergency) : 1.0))) {
        MajorEmergency(py, a + rng_.Below(b - a + 1));
      }
      const double ae = sim_.rates->Expected(Driver::kAe, py) * practice.admission_propensity *
                        std::sqrt(acute_shock) / kMeanSqrtShock;
      for (int n = rng_.Poisson(ae * years); n > 0; --n)
        AccidentAndEmergency(py, a + rng_.Below(b - a + 1));
      const double planned = planned_shock * practice.referral_propensity;
      for (int n = rng_.Poisson(sim_.rates->Expected(Driver::kElective, py) * planned * years);
           n > 0; --n) {
        Planned(Setting::kElective, a + rng_.Below(b - a + 1));
      }
      for (int n = rng_.Poisson(sim_.rates->Expected(Driver::kDayCase, py) * planned * years);
           n > 0; --n) {
        Planned(Setting::kDayCase, a + rng_.Below(b - a + 1));
      }
      if (chemotherapy) Chemotherapy(a, b);
    }
    LastYearOfLifeWhileManaged();
    AvoidPlannedCare();
    WriteAdmissions();
    return case_managed_;
  }

 private:
  int AgeOn(Day day) const { return static_cast<int>((day - p_.birth) / 365.25); }
  int Acute(bool tertiary) const {
    return tertiary ? sim_.world->providers.tertiary : sim_.world->providers.acute;
  }

  void Outpatients(const PersonYear& py, Day a, Day b, double years, double shock) {
    const double rate = sim_.rates->Expected(Driver::kOutpatientFirst, py) * shock;
    for (int n = rng_.Poisson(rate * years); n > 0; --n) {
      const Day day = a + rng_.Below(b - a + 1);
      // Case management avoids the episode: the referral, the attendance and its follow-ups.
      if (Managed(day) && !rng_.Chance(Effect(kCaseManagedOutpatient))) continue;
      const OutpatientService& service = DrawOutpatientService(p_, day, &rng_);
      const int provider = Acute(service.tertiary && rng_.Chance(0.7));
      const std::string_view diagnosis = service.condition == static_cast<int>(Condition::kCancer)
                                             ? CancerIcd10(p_)
                                             : service.diagnosis;
      if (day >= p_.entry) {
        records_.events.push_back({.date = day,
                                   .setting = Setting::kOutpatientFirst,
                                   .provider = provider,
                                   .specialty = service.specialty,
                                   .diagnosis = diagnosis,
                                   .cost = Cost(costs_.of[int(Setting::kOutpatientFirst)],
                                                service.cost_weight * rng_.Uniform(0.9, 1.1))});
        if (rng_.Chance(0.85)) {
          const Day wait = IsNeoplasm(diagnosis) ? TwoWeekWait(rng_.Uniform())
                                                 : 14 + static_cast<Day>(rng_.Exponential(45.0));
          if (day - wait >= p_.entry)
            Refer(day - wait, provider, service.specialty, diagnosis, ReferralOutcome::kSeen);
        }
        if (rng_.Chance(0.12)) {  // a referral that never became an attendance
          const Day when = a + rng_.Below(b - a + 1);
          const double u = rng_.Uniform();
          Refer(when, provider, service.specialty, diagnosis,
                u < 0.3   ? ReferralOutcome::kDeclined
                : u < 0.6 ? ReferralOutcome::kCancelled
                          : ReferralOutcome::kDidNotAttend);
        }
      }
      const int follow_ups = rng_.Poisson(service.follow_ups * kFollowUpScale);
      Day next = day;
      for (int k = 0; k < follow_ups; ++k) {
        next += 28 + static_cast<Day>(rng_.Exponential(60.0));
        if (next > p_.exit) break;
        if (next < p_.entry) continue;
        records_.events.push_back(
            {.date = next,
             .setting = Setting::kOutpatientFollowUp,
             .provider = provider,
             .specialty = service.specialty,
             .diagnosis = diagnosis,
             .cost = Cost(costs_.of[int(Setting::kOutpatientFollowUp)], rng_.Uniform(0.9, 1.1))});
      }
    }
    // Referrals made in the last weeks of the window, still waiting for a first appointment.
    if (b == sim_.window.end() && p_.exit == b) {
      for (int n = rng_.Poisson(rate * 0.85 * 75 / 365.25); n > 0; --n) {
        const Day when = std::max(p_.entry, b - static_cast<Day>(rng_.Below(75)));
        const OutpatientService& service = DrawOutpatientService(p_, when, &rng_);
        Refer(when, Acute(service.tertiary), service.specialty,
              service.condition == static_cast<int>(Condition::kCancer) ? CancerIcd10(p_)
                                                                        : service.diagnosis,
              ReferralOutcome::kPending);
      }
    }
  }

  void Refer(Day day, int to, std::string_view specialty, std::string_view reason,
             ReferralOutcome outcome) {
    records_.referrals.push_back(
        {day, sim_.PracticeOrgOn(p_, day), to, specialty, reason, outcome});
  }

  void AccidentAndEmergency(const PersonYear& py, Day day) {
    const AeAttendance ae = DrawAeAttendance(py.age, &rng_);
    records_.events.push_back({.date = day,
                               .setting = Setting::kAe,
                               .provider = Acute(rng_.Chance(0.05)),
                               .specialty = "180",
                               .diagnosis = ae.diagnosis,
                               .cost = Cost(costs_.of[int(Setting::kAe)], ae.cost_weight)});
  }

  // Nights in hospital for an emergency admission of this person for `reason`.
  int EmergencyStay(int age, const EmergencyReason& reason) {
    const int band = AgeBand(age);
    if (rng_.Chance(kSameDay[band])) return 0;
    const double nights = std::exp(kStayLocation[band] + std::log(reason.stay_factor) +
                                   0.1 * p_.frailty + 0.9 * rng_.Normal());
    return std::clamp(static_cast<int>(std::lround(nights)), 1, 365);
  }

  // Why an emergency admission happens: a condition the person has, in proportion to how much
  // it raises their admissions, or otherwise a general cause for their age.
  const EmergencyReason& DrawEmergencyReason(const PersonYear& py) {
    double weights[kConditionCount];
    const double total = RateModel::EmergencyWeights(py, weights);
    double u = rng_.Uniform() * total;
    for (int c = 0; c < kConditionCount; ++c) {
      u -= weights[c];
      if (u < 0) return EmergencyReasonFor(static_cast<Condition>(c));
    }
    return DrawGeneralEmergencyReason(py.age, &rng_);
  }

  void Emergency(const PersonYear& py, Day day, int depth) {
    if (day < p_.entry || day > p_.exit || (p_.death != kNever && day >= p_.death)) return;
    const EmergencyReason* reason = &DrawEmergencyReason(py);
    int stay = EmergencyStay(AgeOn(day), *reason);
    if (p_.death != kNever) stay = std::min(stay, p_.death - 1 - day);
    const Day discharge = day + stay;
    AddEmergency(day, stay, *reason, false);
    if (depth < 4 && rng_.Chance(kReadmission * std::exp(0.3 * p_.frailty))) {
      Emergency(py, discharge + rng_.Between(1, 30), depth + 1);
    }
  }

  // A major emergency (kMajorEmergency): a long stay with critical care on top of the spell.
  void MajorEmergency(const PersonYear& py, Day day) {
    if (day < p_.entry || day > p_.exit || (p_.death != kNever && day >= p_.death)) return;
    const EmergencyReason& reason = DrawEmergencyReason(py);
    int stay = std::clamp(
        static_cast<int>(std::lround(rng_.LogNormal(std::log(kMajorEmergencyStay), 0.7))), 2, 365);
    if (p_.death != kNever) stay = std::min(stay, p_.death - 1 - day);
    AddEmergency(day, stay, reason, false);
    const double critical_care = std::min(
        kCriticalCareCap, rng_.LogNormal(std::log(kCriticalCareMedian), kCriticalCareSpread));
    admissions_.back().event.cost += static_cast<Pence>(std::llround(critical_care * 100));
  }

  void AddEmergency(Day day, int stay, const EmergencyReason& reason, bool terminal) {
    const std::string_view diagnosis =
        reason.specialty == "370" ? CancerIcd10(p_) : reason.diagnosis;
    const bool tertiary = reason.specialty == "328" && rng_.Chance(0.5);
    const Pence cost = Cost(costs_.of[int(Setting::kEmergency)],
                            kEmergencyBase * reason.cost_weight * rng_.Uniform(0.9, 1.1)) +
                       costs_.excess_bed_day * std::max(0, stay - reason.expected_stay);
    Admission admission;
    admission.event = {.date = day,
                       .setting = Setting::kEmergency,
                       .provider = Acute(tertiary),
                       .specialty = reason.specialty,
                       .diagnosis = diagnosis,
                       .length_of_stay = stay,
                       .cost = cost};
    admission.through_ae = rng_.Chance(kEmergencyThroughAe);
    admission.ae_diagnosis = diagnosis;
    admission.terminal = terminal;
    admissions_.push_back(admission);
  }

  void Planned(Setting setting, Day day) {
    if (p_.death != kNever && day >= p_.death) return;
    const PlannedProcedure& procedure = DrawPlannedProcedure(p_, setting, day, &rng_);
    AddPlanned(procedure, day);
  }

  void AddPlanned(const PlannedProcedure& procedure, Day day) {
    int stay = 0;
    if (procedure.setting == Setting::kElective) {
      stay = std::max(
          1, static_cast<int>(std::lround(procedure.typical_stay * rng_.LogNormal(0, 0.5))));
      if (p_.death != kNever) stay = std::min(stay, p_.death - 1 - day);
      if (stay < 0) return;
    }
    const std::string_view diagnosis = procedure.condition == static_cast<int>(Condition::kCancer)
                                           ? CancerIcd10(p_)
                                           : procedure.diagnosis;
    const std::string_view code = rng_.Chance(0.85) ? procedure.procedure : std::string_view();
    Admission admission;
    admission.event = {
        .date = day,
        .setting = procedure.setting,
        .provider = Acute(procedure.tertiary),
        .specialty = procedure.specialty,
        .diagnosis = diagnosis,
        .procedure = code,
        .length_of_stay = stay,
        .cost = Cost(costs_.of[int(procedure.setting)],
                     procedure.cost_weight *
                         rng_.LogNormal(-0.5 * kPlannedSpread * kPlannedSpread, kPlannedSpread))};
    admissions_.push_back(admission);
  }

  // Three-weekly chemotherapy for up to six months after a cancer diagnosis.
  void Chemotherapy(Day a, Day b) {
    const Day onset = p_.onset[static_cast<int>(Condition::kCancer)];
    if (onset == kNever) return;
    for (Day day = onset + 28; day <= onset + 180; day += 21) {
      if (day >= a && day <= b && (p_.death == kNever || day < p_.death)) {
        AddPlanned(continuum::Chemotherapy(), day);
      }
    }
  }

  // Admissions in the last year of life, drawn at the case-managed rate: those dated before case
  // finding are kept at the ordinary rate's share now; the rest wait for
  // LastYearOfLifeWhileManaged.
  void LastYearOfLife() {
    const Day end = p_.EndOfLife();
    if (end == kNever) return;
    const int finding = CaseFindingYear();
    const Day earliest = finding >= 0 ? sim_.window.YearStart(finding) : kNever;
    for (int n = rng_.Poisson(kLastYearAdmissions * Effect(kCaseManagedEmergency)); n > 0; --n) {
      const Day day = end - 1 - static_cast<Day>(365 * std::pow(rng_.Uniform(), 1.5));
      if (day < p_.entry || day > p_.exit) continue;
      if (day >= earliest) {
        last_year_later_.push_back(day);
      } else if (rng_.Chance(1 / Effect(kCaseManagedEmergency))) {
        Emergency(DescribeYear(p_, day, sim_.practice(p_.PracticeOn(day)).quality), day, 0);
      }
    }
    if (p_.death != kNever && p_.place_of_death == PlaceOfDeath::kHospital) {
      const int lead =
          std::clamp(static_cast<int>(std::lround(rng_.LogNormal(std::log(6.0), 0.9))), 0, 120);
      const Day day = std::max(p_.entry, p_.death - lead);
      const PersonYear py = DescribeYear(p_, day, sim_.practice(p_.PracticeOn(day)).quality);
      AddEmergency(day, p_.death - day, DrawEmergencyReason(py), true);
    }
  }

  void LastYearOfLifeWhileManaged() {
    for (Day day : last_year_later_) {
      if (Managed(day) || rng_.Chance(1 / Effect(kCaseManagedEmergency))) {
        Emergency(DescribeYear(p_, day, sim_.practice(p_.PracticeOn(day)).quality), day, 0);
      }
    }
  }

  int CaseFindingYear() const {
    return continuum::CaseFindingYear(sim_, p_.registrations[0].practice);
  }

  // Case finding (kCaseFindingAge) on the first day of financial year `y`.
  void FindCase(int y) {
    const Day day = sim_.window.YearStart(y);
    const bool present =
        p_.entry <= day && day <= p_.exit && (p_.death == kNever || day < p_.death);
    if (!present || !sim_.world->IsMemberOn(p_.PracticeOn(day), day) ||
        continuum::AgeOn(p_.birth, day) < kCaseFindingAge) {
      return;
    }
    case_managed_ = KeptEmergencies(AddMonths(day, -12), day) >= kCaseFindingAdmissions;
    booked_before_finding_ = records_.events.size();
    managed_from_ = day;
  }

  // Whether `day` falls in a case-managed period: on or after case finding picked the person,
  // registered with a member practice.
  bool Managed(Day day) const {
    return case_managed_ && day >= managed_from_ && day >= p_.entry && day <= p_.exit &&
           sim_.world->IsMemberOn(p_.PracticeOn(day), day);
  }
  // A planted effect's ratio, or 1 in a programme with no effect (Simulation::plant_effects).
  double Effect(double ratio) const { return sim_.plant_effects ? ratio : 1.0; }

  // Case management avoids some planned care in its periods: each elective admission or day case
  // is kept with the planted share, and so is each follow-up attendance booked before case
  // finding (an episode that begins after it is avoided whole, in Outpatients).
  void AvoidPlannedCare() {
    if (!case_managed_) return;
    std::erase_if(admissions_, [&](const Admission& admission) {
      const EventRecord& e = admission.event;
      return (e.setting == Setting::kElective || e.setting == Setting::kDayCase) &&
             Managed(e.date) && !rng_.Chance(Effect(kCaseManagedElective));
    });
    size_t index = 0;
    std::erase_if(records_.events, [&](const EventRecord& e) {
      return index++ < booked_before_finding_ && e.setting == Setting::kOutpatientFollowUp &&
             Managed(e.date) && !rng_.Chance(Effect(kCaseManagedOutpatient));
    });
  }

  // Emergency admissions the records will keep (WriteAdmissions) from `from` to the day before
  // `to`; admissions added later are dated on or after `to` and cannot change which are kept.
  int KeptEmergencies(Day from, Day to) const {
    std::vector<Admission> sorted = admissions_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const Admission& x, const Admission& y) {
      return x.event.date < y.event.date;
    });
    int count = 0;
    for (const Admission* admission : Kept(sorted)) {
      const EventRecord& e = admission->event;
      count += e.setting == Setting::kEmergency && e.date >= from && e.date < to;
    }
    return count;
  }

  // Reablement after going home on day `home` (kReablement): home care hours billed by the local
  // authority every 4 weeks in advance, like its other packages, until six weeks are covered.
  void Reablement(Day home) {
    if (AgeOn(home) < 65 || !rng_.Chance(kReablement)) return;
    const double hours = rng_.LogNormal(std::log(kReablementHours), 0.5);
    for (Day day = home + 1, left = kReablementDays; left > 0 && day <= p_.exit;
         day += 28, left -= 28) {
      const int billed = std::max(1, static_cast<int>(std::lround(hours * std::min(28, left) / 7)));
      records_.events.push_back({.date = day,
                                 .setting = Setting::kSocialCare,
                                 .provider = sim_.world->providers.social_care,
                                 .quantity = billed,
                                 .cost = billed * costs_.home_care_hour});
    }
  }

  // Of admissions sorted by date, those that do not overlap an earlier stay (the final one
  // always).
  static std::vector<const Admission*> Kept(const std::vector<Admission>& sorted) {
    std::vector<const Admission*> kept;
    for (const Admission& admission : sorted) {
      while (!kept.empty() &&
             kept.back()->event.date + kept.back()->event.length_of_stay >= admission.event.date) {
        if (!admission.terminal) break;
        kept.pop_back();
      }
      if (!kept.empty() &&
          kept.back()->event.date + kept.back()->event.length_of_stay >= admission.event.date) {
        continue;
      }
      kept.push_back(&admission);
    }
    return kept;
  }

  // Writes the admissions that are kept (Kept) with the A&E attendances that led to them.
  void WriteAdmissions() {
    std::stable_sort(
        admissions_.begin(), admissions_.end(),
        [](const Admission& x, const Admission& y) { return x.event.date < y.event.date; });
    for (const Admission* admission : Kept(admissions_)) {
      records_.events.push_back(admission->event);
      if (admission->event.setting == Setting::kEmergency && !admission->terminal) {
        Reablement(admission->event.date + admission->event.length_of_stay);
      }
      if (admission->through_ae) {
        records_.events.push_back({.date = admission->event.date,
                                   .setting = Setting::kAe,
                                   .provider = admission->event.provider,
                                   .specialty = "180",
                                   .diagnosis = admission->ae_diagnosis,
                                   .cost = Cost(costs_.of[int(Setting::kAe)], 1.4)});
      }
    }
  }

  const Simulation& sim_;
  const Person& p_;
  Rng& rng_;
  PersonRecords& records_;
  const UnitCosts& costs_;
  std::vector<Admission> admissions_;
  std::vector<Day> last_year_later_;  // LastYearOfLife's admissions still to decide
  bool case_managed_ = false;
  size_t booked_before_finding_ = 0;  // records_.events made before case finding
  Day managed_from_ = kNever;
};

}  // namespace

std::vector<PlantedEffect> PlantedEffects(const Simulation& sim) {
  std::vector<PlantedEffect> effects;
  const World& world = *sim.world;
  for (size_t i = 0; i < world.icos.size(); ++i) {
    if (world.groups[i].empty()) continue;
    const int year = CaseFindingYear(sim, world.groups[i][0]);
    if (year < 0) continue;
    const std::string& ico = world.organisations[world.icos[i]].id;
    const Day from = sim.window.YearStart(year);
    const double planted = sim.plant_effects ? 1.0 : 0.0;
    effects.push_back({ico, "case_managed", from, "emergency_admissions",
                       1 + planted * (kCaseManagedEmergency - 1)});
    effects.push_back({ico, "case_managed", from, "elective_admissions",
                       1 + planted * (kCaseManagedElective - 1)});
    effects.push_back({ico, "case_managed", from, "outpatient_attendances",
                       1 + planted * (kCaseManagedOutpatient - 1)});
  }
  return effects;
}

bool AddHospitalCare(const Simulation& sim, const Person& person, Rng* rng,
                     PersonRecords* records) {
  return HospitalCare(sim, person, rng, records).Run();
}

}  // namespace continuum
