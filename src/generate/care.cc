#include "generate/care.h"

#include <algorithm>
#include <cmath>
#include <mutex>

#include "generate/calibration.h"
#include "generate/people.h"
#include "generate/random.h"

namespace continuum {
namespace {

constexpr double kDaysPerYear = 365.25;
constexpr int kAgeBands = 8;  // 0-4, 5-14, 15-24, 25-44, 45-64, 65-74, 75-84, 85+

int AgeBand(double age) {
  return age < 5    ? 0
         : age < 15 ? 1
         : age < 25 ? 2
         : age < 45 ? 3
         : age < 65 ? 4
         : age < 75 ? 5
         : age < 85 ? 6
                    : 7;
}

// How each setting's use varies: relative rate by age band; the effect of a unit of latent
// risk, of morbidity and of deprivation on the log rate; and the shape of each person's lasting
// propensity (gamma, mean 1: the smaller the shape, the more use is concentrated).
struct SettingShape {
  std::array<double, kAgeBands> age;
  double risk, morbidity, deprivation, shape;
  const char* target;  // measure in targets.csv, or nullptr
  double fixed_rate;   // per 1,000 a year when there is no target
};
const SettingShape kSettingShapes[kSettingCount] = {
    {{1.6, 0.7, 0.7, 0.9, 1.1, 1.5, 1.9, 2.2}, 0.20, 0.25, 0.05, 2.0, "rate_gp", 0},
    {{1.2, 0.4, 0.5, 0.7, 1.1, 1.8, 2.3, 2.4}, 0.15, 0.35, 0.05, 2.0, "rate_nurse", 0},
    {{0.6, 0.3, 0.2, 0.3, 0.6, 1.5, 3.5, 7.0}, 0.45, 0.40, 0.10, 0.6, "rate_community", 0},
    {{0.6, 0.4, 0.5, 0.8, 1.1, 1.6, 1.9, 1.7}, 0.20, 0.20, 0.00, 1.5, "rate_op_first", 0},
    {{0.5, 0.4, 0.4, 0.7, 1.1, 1.9, 2.4, 2.0}, 0.30, 0.60, 0.00, 0.4, "rate_op_followup", 0},
    {{1.5, 0.8, 1.1, 0.9, 0.8, 1.0, 1.5, 2.4}, 0.35, 0.25, 0.25, 1.0, "rate_ae", 0},
    {{0.1, 0.2, 0.3, 0.6, 1.3, 2.3, 2.4, 1.5}, 0.10, 0.15, -0.05, 0.4, nullptr, 31},   // elective
    {{0.1, 0.2, 0.3, 0.7, 1.3, 2.2, 2.3, 1.3}, 0.10, 0.15, -0.05, 1.0, nullptr, 109},  // day case
    {{1.5, 0.35, 0.5, 0.5, 0.8, 1.6, 3.0, 5.5}, 0.85, 0.55, 0.15, 0.6, "rate_emergency", 0},
    {{0.1, 0.6, 1.3, 1.2, 1.0, 0.7, 0.9, 1.0}, 0.20, 0.00, 0.30, 0.5, nullptr, 300},  // mental
                                                                                      // health
    {{0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, 0, 1, nullptr, 0},                               // social care
    {{0.4, 0.3, 0.4, 0.6, 1.2, 2.2, 2.8, 3.0}, 0.20, 0.00, 0.10, 2.0, nullptr, 0},  // prescriptions
    {{0, 0, 0, 0, 0, 0, 0, 0}, 0, 0, 0, 1, nullptr, 0},                             // end of life
};
// Of 140 elective and day case admissions per 1,000 (NHS Digital HES 2019-20), about 22% are
// ordinary elective spells.

constexpr Setting kRateSettings[] = {Setting::kGp,
                                     Setting::kNurse,
                                     Setting::kCommunity,
                                     Setting::kOutpatientFirst,
                                     Setting::kOutpatientFollowUp,
                                     Setting::kAe,
                                     Setting::kElective,
                                     Setting::kDayCase,
                                     Setting::kEmergency,
                                     Setting::kMentalHealth};

double Deprivation(int decile) { return (5.5 - decile) / 4.5; }
double AgeOn(const Person& p, Day day) { return (day - p.birth) / kDaysPerYear; }

int ChronicCount(const Person& p, Day day) {
  int n = 0;
  for (int c = 0; c < kConditionCount - 1; ++c) n += p.onset[c] <= day;
  return n;
}

double MentalHealthFactor(const Person& p, Day day) {
  double f = 1.0;
  if (p.Has(Condition::kSmi, day)) f *= 20;
  if (p.Has(Condition::kDepression, day)) f *= 4;
  if (p.Has(Condition::kDementia, day)) f *= 3;
  return f;
}

// The expected-rate multiplier of a setting for a person during a year starting `day`, before
// their personal propensity and the population scale.
double SettingMultiplier(const Person& p, Setting s, Day day, double morbidity) {
  const SettingShape& shape = kSettingShapes[static_cast<int>(s)];
  const double age = AgeOn(p, day);
  double m = shape.age[AgeBand(age)] * std::exp(shape.risk * p.risk + shape.morbidity * morbidity +
                                                shape.deprivation * Deprivation(p.decile));
  if (s == Setting::kGp && p.female && age >= 15 && age < 65) m *= 1.3;
  if (s == Setting::kMentalHealth) m *= MentalHealthFactor(p, day);
  return m;
}

double PrescriptionMultiplier(const Person& p, Day day, int chronic) {
  const SettingShape& shape = kSettingShapes[static_cast<int>(Setting::kPrescription)];
  return shape.age[AgeBand(AgeOn(p, day))] * std::exp(0.35 * chronic + shape.risk * p.risk) *
         (1.8 + 1.2 * chronic);  // issues times expected items per issue
}

struct Year {
  Day start, end;
};

std::vector<Year> FinancialYears(const World& w) {
  std::vector<Year> years;
  for (Day start = w.window_start; start <= w.window_end;) {
    const CivilDate c = CivilFromDay(start);
    const Day end = std::min(w.window_end, DayFromCivil(c.month >= 4 ? c.year + 1 : c.year, 3, 31));
    years.push_back({start, end});
    start = end + 1;
  }
  return years;
}

double RegisteredDays(const Person& p, Day from, Day to) {
  double days = 0;
  for (const Period& r : p.periods) {
    const Day a = std::max(r.start, from), b = std::min(r.end, to);
    if (b >= a) days += b - a + 1;
  }
  return days;
}

// A registered day in [from, to], uniformly; `days` is RegisteredDays(p, from, to) > 0.
Day RandomRegisteredDay(const Person& p, Day from, Day to, double days, Random& rng) {
  auto k = static_cast<Day>(rng.Below(static_cast<uint64_t>(days)));
  for (const Period& r : p.periods) {
    const Day a = std::max(r.start, from), b = std::min(r.end, to);
    if (b < a) continue;
    if (k <= b - a) return a + k;
    k -= b - a + 1;
  }
  return from;
}

const Period* PeriodOn(const Person& p, Day day) {
  for (const Period& r : p.periods) {
    if (day >= r.start && day <= r.end) return &r;
  }
  return nullptr;
}

Pence PoundsWithNoise(double mean, double sigma, Random& rng) {
  const double value = sigma > 0 ? rng.LogNormal(std::log(mean) - sigma * sigma / 2, sigma) : mean;
  return static_cast<Pence>(std::llround(value * 100));
}

// Clinical detail: treatment function and diagnosis for hospital care, shaped by conditions.
struct Detail {
  const char* specialty;
  const char* diagnosis;
  const char* procedure = nullptr;
};

Detail OutpatientDetail(const Person& p, Day day, Random& rng) {
  if (rng.Chance(0.5)) {
    if (p.Has(Condition::kHeartFailure, day)) return {"320", "I50.9"};
    if (p.Has(Condition::kAf, day)) return {"320", "I48.9"};
    if (p.Has(Condition::kChd, day)) return {"320", "I25.1"};
    if (p.Has(Condition::kCopd, day)) return {"340", "J44.9"};
    if (p.Has(Condition::kCancer, day)) return {"370", "C50.9"};
    if (p.Has(Condition::kDiabetes, day)) return {"307", "E11.9"};
    if (p.Has(Condition::kCkd, day)) return {"361", "N18.3"};
    if (p.Has(Condition::kDementia, day)) return {"430", "F03"};
  }
  if (AgeOn(p, day) < 16) return {"420", "R10.4"};
  static constexpr Detail kGeneral[] = {
      {"100", "K40.9"}, {"110", "M17.9"}, {"120", "J35.0"}, {"130", "H25.9"}, {"330", "L40.0"},
      {"301", "K21.9"}, {"101", "N40"},   {"400", "G43.9"}, {"502", "N92.0"}, {"110", "M54.5"}};
  return kGeneral[rng.Below(std::size(kGeneral))];
}

Detail EmergencyDetail(const Person& p, Day day, Random& rng) {
  const double age = AgeOn(p, day);
  const char* specialty = age < 16 ? "420" : age >= 80 ? "430" : rng.Chance(0.5) ? "300" : "326";
  // Ambulatory care sensitive conditions first (NHS Outcomes Framework 2.3.i).
  if (rng.Chance(0.6)) {
    if (p.Has(Condition::kCopd, day)) return {specialty, "J44.1"};
    if (p.Has(Condition::kHeartFailure, day)) return {specialty, "I50.0"};
    if (p.Has(Condition::kAsthma, day) && rng.Chance(0.5)) return {specialty, "J45.9"};
    if (p.Has(Condition::kDiabetes, day) && rng.Chance(0.4)) return {specialty, "E11.6"};
    if (p.Has(Condition::kChd, day)) return {specialty, "I20.9"};
    if (p.Has(Condition::kEpilepsy, day)) return {specialty, "G40.9"};
    if (p.Has(Condition::kDementia, day)) return {specialty, "F03"};
  }
  if (age >= 75 && rng.Chance(0.15)) return {"110", "S72.0", "W46.1"};
  static constexpr const char* kCauses[] = {"J18.9", "N39.0", "R07.4", "A09",
                                            "K35.8", "R55",   "J22",   "L03.1"};
  const char* cause = kCauses[rng.Below(std::size(kCauses))];
  return {std::string_view(cause) == "K35.8" ? "100" : specialty, cause};
}

Detail PlannedDetail(bool day_case, Random& rng) {
  static constexpr Detail kElective[] = {{"110", "M17.1", "W40.1"}, {"110", "M16.1", "W37.1"},
                                         {"100", "K40.9", "T20.1"}, {"101", "N40", "M65.1"},
                                         {"502", "N92.0", "Q07.4"}, {"320", "I25.1", "K75.4"}};
  static constexpr Detail kDayCase[] = {{"130", "H25.9", "C71.2"}, {"301", "K21.9", "G45.1"},
                                        {"100", "K40.9", "T20.1"}, {"330", "L82", "S06.8"},
                                        {"101", "R31", "M45.9"},   {"301", "K57.3", "H22.9"}};
  return day_case ? kDayCase[rng.Below(std::size(kDayCase))]
                  : kElective[rng.Below(std::size(kElective))];
}

const char* ConditionCode(const Person& p, Day day, Random& rng) {
  static constexpr std::pair<Condition, const char*> kCodes[] = {
      {Condition::kHypertension, "I10"},
      {Condition::kDiabetes, "E11.9"},
      {Condition::kAsthma, "J45.9"},
      {Condition::kCopd, "J44.9"},
      {Condition::kChd, "I25.9"},
      {Condition::kHeartFailure, "I50.9"},
      {Condition::kAf, "I48.9"},
      {Condition::kStrokeTia, "G45.9"},
      {Condition::kCkd, "N18.3"},
      {Condition::kCancer, "C80.9"},
      {Condition::kDementia, "F03"},
      {Condition::kDepression, "F32.9"},
      {Condition::kSmi, "F20.9"},
      {Condition::kEpilepsy, "G40.9"},
      {Condition::kHypothyroidism, "E03.9"}};
  const auto start = rng.Below(std::size(kCodes));
  for (size_t k = 0; k < std::size(kCodes); ++k) {
    const auto& [condition, code] = kCodes[(start + k) % std::size(kCodes)];
    if (p.Has(condition, day)) return code;
  }
  return nullptr;
}

class CareWriter {
 public:
  CareWriter(const World& w, const CareScales& scales, uint64_t seed, size_t index,
             CareRecords* out)
      : w_(w),
        scales_(scales),
        p_(w.people[index]),
        index_(static_cast<uint32_t>(index)),
        out_(out),
        rng_(PersonStream(seed, index, Stream::kCare)),
        observations_rng_(PersonStream(seed, index, Stream::kObservations)),
        referrals_rng_(PersonStream(seed, index, Stream::kReferrals)) {}

  void Run() {
    const size_t first_event = out_->events.size();
    // Lasting propensities, one per setting, drawn in a fixed order.
    std::array<double, kSettingCount> propensity{};
    for (int s = 0; s < kSettingCount; ++s)
      propensity[s] = rng_.Gamma(kSettingShapes[s].shape, 1.0);
    // A tendency to use hospital and community care at all, shared across those settings: the
    // same people are heavy users of several, which concentrates cost as in real data.
    const double shared = rng_.Gamma(1.0, 1.0);
    const double hours = 5 + rng_.Uniform() * 15;  // weekly home care hours, if ever needed
    const int smoking = SmokingStatus();
    for (const Year& year : FinancialYears(w_)) {
      const double days = RegisteredDays(p_, year.start, year.end);
      if (days <= 0) continue;
      const double exposure = days / kDaysPerYear;
      const Day first = std::max(year.start, p_.FirstDay());
      const double morbidity = Morbidity(p_, first);
      for (Setting s : kRateSettings) {
        double rate = scales_.setting[static_cast<int>(s)] *
                      SettingMultiplier(p_, s, first, morbidity) * propensity[static_cast<int>(s)];
        if (s == Setting::kEmergency || s == Setting::kAe) rate *= PracticeFactor(first);
        if (IsHospitalSetting(s) || s == Setting::kCommunity) rate *= shared;
        const int count = rng_.Poisson(rate * exposure);
        for (int k = 0; k < count; ++k)
          Add(s, RandomRegisteredDay(p_, year.start, year.end, days, rng_));
      }
      const int chronic = ChronicCount(p_, first);
      const double issues =
          scales_.prescription_issues *
          kSettingShapes[static_cast<int>(Setting::kPrescription)].age[AgeBand(AgeOn(p_, first))] *
          std::exp(0.35 * chronic + 0.2 * p_.risk) *
          propensity[static_cast<int>(Setting::kPrescription)];
      const int issue_count = rng_.Poisson(issues * exposure);
      for (int k = 0; k < issue_count; ++k) {
        const Day day = RandomRegisteredDay(p_, year.start, year.end, days, rng_);
        const int items = 1 + rng_.Poisson(1.2 * chronic + 0.8);
        Push(day, Setting::kPrescription, Practice(day), {nullptr, nullptr}, -1, items,
             items * PoundsWithNoise(8.0, 0.3, rng_));
      }
      SocialCare(year, hours);
      Observations(year, days, smoking);
    }
    EndOfLifeCare();
    std::sort(out_->events.begin() + first_event, out_->events.end(),
              [](const EventRecord& a, const EventRecord& b) {
                return a.day != b.day ? a.day < b.day : a.setting < b.setting;
              });
  }

 private:
  int Practice(Day day) const {
    const Period* period = PeriodOn(p_, day);
    return w_.practices[period ? period->practice : p_.periods.back().practice].organisation;
  }
  double PracticeFactor(Day day) const {
    const Period* period = PeriodOn(p_, day);
    return w_.practices[period ? period->practice : p_.periods.back().practice].admission_factor;
  }

  void Push(Day day, Setting s, int provider, Detail d, int stay, int quantity, Pence cost) {
    out_->events.push_back(
        {index_, day, s, provider, d.specialty, d.diagnosis, d.procedure, stay, quantity, cost});
  }

  void Add(Setting s, Day day) {
    switch (s) {
      case Setting::kGp:
      case Setting::kNurse: {
        const char* code = rng_.Chance(0.3) ? ConditionCode(p_, day, rng_) : nullptr;
        Push(day, s, Practice(day), {nullptr, code}, -1, 1, s == Setting::kGp ? 3900 : 1100);
        break;
      }
      case Setting::kCommunity:
        Push(day, s, rng_.Chance(0.2) ? w_.nursing_enterprise : w_.community, {nullptr, nullptr},
             -1, 1, PoundsWithNoise(50, 0.2, rng_));
        break;
      case Setting::kOutpatientFirst: {
        const Detail d = OutpatientDetail(p_, day, rng_);
        Push(day, s, w_.acute, d, -1, 1, PoundsWithNoise(160, 0.3, rng_));
        Refer(day, d, ReferralOutcome::kSeen);
        if (referrals_rng_.Chance(0.12)) Refer(day, d, ReferralOutcome::kPending);
        break;
      }
      case Setting::kOutpatientFollowUp:
        Push(day, s, w_.acute, OutpatientDetail(p_, day, rng_), -1, 1,
             PoundsWithNoise(100, 0.3, rng_));
        break;
      case Setting::kAe: {
        static constexpr const char* kCauses[] = {"S93.4", "S52.5", "R07.4", "R10.4",
                                                  "T14.1", "J06.9", "S06.0", "R51"};
        Push(day, s, w_.acute, {"180", kCauses[rng_.Below(std::size(kCauses))]}, -1, 1,
             PoundsWithNoise(160, 0.4, rng_));
        break;
      }
      case Setting::kElective:
      case Setting::kDayCase: {
        const bool day_case = s == Setting::kDayCase;
        const int stay =
            day_case
                ? 0
                : std::min(60, static_cast<int>(std::lround(rng_.LogNormal(std::log(2.5), 0.6))));
        Push(day, s, w_.acute, PlannedDetail(day_case, rng_), stay, 1,
             PoundsWithNoise(day_case ? 850 : 4000, 0.35, rng_));
        break;
      }
      case Setting::kEmergency:
        Emergency(day);
        break;
      case Setting::kMentalHealth: {
        const bool dementia = p_.Has(Condition::kDementia, day);
        const char* code = p_.Has(Condition::kSmi, day)          ? "F20.9"
                           : dementia                            ? "F03"
                           : p_.Has(Condition::kDepression, day) ? "F33.1"
                                                                 : "F41.1";
        Push(day, s, w_.mental_health,
             {AgeOn(p_, day) < 18 ? "711"
              : dementia          ? "715"
                                  : "710",
              code},
             -1, 1, PoundsWithNoise(120, 0.2, rng_));
        break;
      }
      default:
        break;
    }
  }

  // An emergency admission; long stays cost more (an excess bed-day rate of about £270 a night).
  // Readmissions are not added separately: they arise, at about the published rate, from the
  // same people's high and lasting risk.
  void Emergency(Day day) {
    const double age = AgeOn(p_, day);
    const double mu = std::log(1.2) + 0.012 * (age - 50) + 0.25 * p_.risk;
    const int stay = std::min(200, static_cast<int>(std::lround(rng_.LogNormal(mu, 1.45))));
    Push(day, Setting::kEmergency, w_.acute, EmergencyDetail(p_, day, rng_), stay, 1,
         static_cast<Pence>(
             std::llround((1300 + 270.0 * stay) * (0.85 + 0.3 * rng_.Uniform()) * 100)));
  }

  void Refer(Day seen, const Detail& d, ReferralOutcome outcome) {
    Day day = seen - static_cast<Day>(14 + referrals_rng_.Below(70));
    if (outcome != ReferralOutcome::kSeen) {
      day = seen + static_cast<Day>(referrals_rng_.Below(200));
      if (day > w_.window_end - 60) {
        outcome = ReferralOutcome::kPending;
      } else {
        const double u = referrals_rng_.Uniform();
        outcome = u < 0.3   ? ReferralOutcome::kDeclined
                  : u < 0.6 ? ReferralOutcome::kCancelled
                            : ReferralOutcome::kDidNotAttend;
      }
    }
    if (PeriodOn(p_, day) == nullptr || day < w_.window_start || day > w_.window_end) day = seen;
    if (PeriodOn(p_, day) == nullptr) return;
    out_->referrals.push_back(
        {index_, day, Practice(day), w_.acute, d.specialty, d.diagnosis, outcome});
  }

  // Home care (hours a month) and residential care (weeks a month) for older people.
  void SocialCare(const Year& year, double weekly_hours) {
    const double age = AgeOn(p_, year.start);
    if (age < 65) return;
    const double m = Morbidity(p_, year.start);
    const bool dementia = p_.Has(Condition::kDementia, year.start);
    const double residential =
        1.0 / (1.0 + std::exp(-(-2.9 + 0.09 * (age - 80) + 1.3 * dementia + 0.5 * p_.risk)));
    const double home =
        1.0 / (1.0 + std::exp(-(-2.2 + 0.07 * (age - 75) + 0.55 * p_.risk + 0.45 * m)));
    const bool in_home = rng_.Chance(residential);
    const bool at_home = !in_home && rng_.Chance(home);
    if (!in_home && !at_home) return;
    const CivilDate from =
        CivilFromDay(year.start + static_cast<Day>(rng_.Below(year.end - year.start + 1)));
    for (int month = from.year * 12 + from.month - 1;; ++month) {
      const Day first = DayFromCivil(month / 12, month % 12 + 1, 1);
      if (first > year.end) break;
      if (PeriodOn(p_, first) == nullptr) continue;
      if (in_home) {
        Push(first, Setting::kSocialCare, w_.social_care, {nullptr, nullptr}, -1, 4, 4 * 65000);
      } else {
        const int hours = static_cast<int>(std::lround(weekly_hours * 4.33));
        Push(first, Setting::kSocialCare, w_.social_care, {nullptr, nullptr}, -1, hours,
             hours * 2000);
      }
    }
  }

  void EndOfLifeCare() {
    if (p_.death == kNeverEnds) return;
    // Many deaths in hospital follow an emergency admission ending in death.
    if (p_.place == PlaceOfDeath::kHospital) {
      const int stay = 1 + static_cast<int>(rng_.LogNormal(std::log(5.0), 0.8));
      Day admitted = std::max(p_.death - stay, PeriodOn(p_, p_.death)->start);
      admitted = std::max(admitted, w_.window_start);
      Push(admitted, Setting::kEmergency, w_.acute, EmergencyDetail(p_, admitted, rng_),
           p_.death - admitted, 1,
           static_cast<Pence>(std::llround((1300 + 270.0 * (p_.death - admitted)) * 100)));
    }
    const Day palliative = p_.onset[static_cast<int>(Condition::kPalliative)];
    if (palliative == kNeverEnds) return;
    const Day from =
        std::max({palliative, p_.death - 90, PeriodOn(p_, p_.death)->start, w_.window_start});
    const int contacts = 1 + rng_.Poisson(5);
    for (int k = 0; k < contacts; ++k) {
      const Day day = from + static_cast<Day>(rng_.Below(p_.death - from + 1));
      const bool hospice = rng_.Chance(0.5);
      Push(day, Setting::kEndOfLife, hospice ? w_.hospice : w_.nursing_enterprise,
           {hospice ? "315" : nullptr, nullptr}, -1, 1, hospice ? 15000 : 6000);
    }
  }

  int SmokingStatus() {
    const double deprivation = Deprivation(p_.decile);
    const bool copd = p_.onset[static_cast<int>(Condition::kCopd)] != kNeverEnds;
    const double current = 0.13 + 0.06 * deprivation + (copd ? 0.15 : 0.0);
    const double ex = 0.27 + (copd ? 0.25 : 0.0);
    const double u = observations_rng_.Uniform();
    return u < current        ? static_cast<int>(SmokingStatus::kCurrent)
           : u < current + ex ? static_cast<int>(SmokingStatus::kEx)
                              : static_cast<int>(SmokingStatus::kNever);
  }

  void Observe(Day day, ObservationKind kind, int tenths) {
    out_->observations.push_back({index_, day, kind, tenths});
  }

  void Observations(const Year& year, double days, int smoking) {
    Random& rng = observations_rng_;
    auto day = [&] { return RandomRegisteredDay(p_, year.start, year.end, days, rng); };
    const double deprivation = Deprivation(p_.decile);
    if (p_.Has(Condition::kDiabetes, year.end)) {
      for (int k = rng.Poisson(1.7); k > 0; --k) {
        const Day d = day();
        if (!p_.Has(Condition::kDiabetes, d)) continue;
        const double mean = 53 + 4 * p_.risk + 2.5 * deprivation;
        Observe(d, ObservationKind::kHba1c,
                10 * std::clamp(static_cast<int>(std::lround(rng.LogNormal(std::log(mean), 0.2))),
                                25, 180));
      }
    }
    if (p_.Has(Condition::kHypertension, year.end)) {
      for (int k = rng.Poisson(1.4); k > 0; --k) {
        const Day d = day();
        const double age = AgeOn(p_, d);
        Observe(d, ObservationKind::kSystolicBp,
                10 * std::clamp(static_cast<int>(std::lround(
                                    rng.Normal(136 + 3 * p_.risk + 0.1 * (age - 60), 14))),
                                80, 230));
        Observe(d, ObservationKind::kDiastolicBp,
                10 * std::clamp(static_cast<int>(std::lround(
                                    rng.Normal(80 + 1.5 * p_.risk - 0.15 * (age - 60), 9))),
                                40, 130));
      }
    }
    if (AgeOn(p_, year.end) >= 18) {
      if (rng.Chance(0.5)) {
        const Day d = day();
        if (AgeOn(p_, d) >= 16) Observe(d, ObservationKind::kSmokingStatus, smoking);
      }
      if (rng.Chance(0.3)) {
        const Day d = day();
        const double bmi =
            rng.Normal(27.4 + 1.8 * p_.Has(Condition::kDiabetes, d) + 0.6 * deprivation, 4.8);
        if (AgeOn(p_, d) >= 16)
          Observe(d, ObservationKind::kBmi,
                  std::clamp(static_cast<int>(std::lround(bmi * 10)), 140, 700));
      }
    }
  }

  const World& w_;
  const CareScales& scales_;
  const Person& p_;
  uint32_t index_;
  CareRecords* out_;
  Random rng_, observations_rng_, referrals_rng_;
};

}  // namespace

CareScales CalibrateCare(const World& w, int threads) {
  const std::vector<Year> years = FinancialYears(w);
  constexpr size_t kChunk = 8192;
  const size_t chunks = (w.people.size() + kChunk - 1) / kChunk;
  // Per chunk: exposure, then each setting's weighted exposure, then prescriptions'.
  std::vector<std::array<double, kSettingCount + 2>> partial(chunks);
  ParallelChunks(w.people.size(), kChunk, threads, [&](size_t begin, size_t end) {
    auto& sums = partial[begin / kChunk];
    sums.fill(0);
    for (size_t i = begin; i < end; ++i) {
      const Person& p = w.people[i];
      for (const Year& year : years) {
        const double exposure = RegisteredDays(p, year.start, year.end) / kDaysPerYear;
        if (exposure <= 0) continue;
        const Day first = std::max(year.start, p.FirstDay());
        const double morbidity = Morbidity(p, first);
        sums[0] += exposure;
        for (Setting s : kRateSettings) {
          double m = SettingMultiplier(p, s, first, morbidity);
          if (s == Setting::kEmergency || s == Setting::kAe) {
            const Period* period = PeriodOn(p, first);
            m *=
                w.practices[period ? period->practice : p.periods.back().practice].admission_factor;
          }
          sums[1 + static_cast<int>(s)] += exposure * m;
        }
        sums[kSettingCount + 1] +=
            exposure * PrescriptionMultiplier(p, first, ChronicCount(p, first));
      }
    }
  });
  std::array<double, kSettingCount + 2> total{};
  for (const auto& sums : partial) {
    for (size_t k = 0; k < total.size(); ++k) total[k] += sums[k];
  }
  CareScales scales;
  for (Setting s : kRateSettings) {
    const SettingShape& shape = kSettingShapes[static_cast<int>(s)];
    double per_1000 = shape.target ? CalibrationTargets().Get(shape.target) : shape.fixed_rate;
    scales.setting[static_cast<int>(s)] =
        per_1000 / 1000.0 * total[0] / total[1 + static_cast<int>(s)];
  }
  scales.prescription_issues = CalibrationTargets().Get("rate_prescription_items") / 1000.0 *
                               total[0] / total[kSettingCount + 1];
  return scales;
}

void GenerateCare(const World& world, const CareScales& scales, uint64_t seed, size_t person,
                  CareRecords* out) {
  CareWriter(world, scales, seed, person, out).Run();
}

}  // namespace continuum
