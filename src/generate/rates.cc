#include "generate/rates.h"

#include <cmath>

#include "core/random.h"
#include "generate/case_mix.h"
#include "generate/life_course.h"
#include "generate/social_care.h"

namespace continuum {
namespace {

constexpr uint64_t kReferenceSeed = 0x5245464552454E43ULL;  // fixed: levels never vary by run
constexpr int kReferencePeople = 40000;

// Shapes by age band (women, men), after NHS Digital and Hobbs et al. (Lancet 2016) for
// general practice, HES for hospital care; levels are calibrated afterwards.
constexpr double kGp[2][8] = {{4.5, 2.0, 3.4, 3.8, 3.9, 4.8, 5.8, 6.8},
                              {4.7, 1.9, 1.6, 1.9, 2.8, 4.2, 5.5, 6.4}};
constexpr double kNurse[2][8] = {{3.0, 0.6, 1.5, 1.9, 1.6, 2.4, 2.9, 3.2},
                                 {3.0, 0.6, 0.7, 0.9, 1.4, 2.4, 2.9, 3.2}};
constexpr double kCommunity[8] = {0.9, 0.15, 0.15, 0.25, 0.5, 1.4, 4.0, 11.0};
constexpr double kOutpatient[2][8] = {{0.5, 0.35, 0.6, 0.8, 0.85, 1.2, 1.35, 1.1},
                                      {0.55, 0.35, 0.4, 0.5, 0.8, 1.3, 1.45, 1.2}};
constexpr double kAe[8] = {0.55, 0.3, 0.5, 0.42, 0.33, 0.38, 0.55, 0.9};
constexpr double kEmergency[8] = {0.15, 0.035, 0.055, 0.06, 0.08, 0.14, 0.26, 0.45};
constexpr double kElective[8] = {0.004, 0.006, 0.008, 0.014, 0.035, 0.065, 0.065, 0.035};
constexpr double kDayCase[8] = {0.01, 0.02, 0.03, 0.06, 0.13, 0.24, 0.26, 0.15};
constexpr double kMentalHealth[8] = {0.05, 0.25, 0.35, 0.25, 0.18, 0.1, 0.12, 0.15};
constexpr double kMedicines[2][8] = {{0.05, 0.1, 0.45, 0.55, 0.7, 1.3, 1.8, 2.0},
                                     {0.05, 0.1, 0.2, 0.25, 0.6, 1.3, 1.8, 2.0}};
constexpr double kAcute[2][8] = {{1.8, 0.8, 1.3, 1.3, 1.3, 1.5, 1.6, 1.6},
                                 {1.8, 0.8, 0.8, 0.9, 1.0, 1.4, 1.5, 1.6}};
// Regular medicines each register brings (NHSBSA prescribing by therapeutic area, approx.).
constexpr double kMedicinesPerCondition[kConditionCount] = {1.6, 2.2, 1.4, 2.2, 2.5, 3.0, 1.6, 2.0,
                                                            0.8, 0.6, 1.0, 1.1, 1.6, 1.3, 1.0, 1.0};
// Mental health contacts a year each register brings.
constexpr double kMentalHealthPerCondition[kConditionCount] = {0, 0, 0,   0,   0,    0,   0, 0,
                                                               0, 0, 3.5, 0.9, 22.0, 0.3, 0, 0};

constexpr bool kReviewable[kConditionCount] = {true,  true,  true,  true,  true,  true,
                                               true,  true,  true,  false, false, false,
                                               false, false, false, false};

// Deprivation gradient: decile 1 relative to the middle (log scale), decile 10 the inverse.
double Deprivation(int decile, double gradient) {
  return std::exp(gradient * (5.5 - decile) / 4.5);
}

// Expected items a year from regular medicines when their number is Poisson with mean mu.
double ExpectedRepeatItems(double mu) {
  static_assert(kMonthlyRepeatFrom == 4, "the sum below runs over R = 1, 2, 3");
  const double bimonthly = mu * std::exp(-mu) * (1.0 + mu + mu * mu / 2);  // E[R; R in 1..3]
  return kRepeatAdherence * (13.04 * (mu - bimonthly) + 6.52 * bimonthly);
}

}  // namespace

int AgeBand(int age) {
  return age < 5    ? 0
         : age < 15 ? 1
         : age < 25 ? 2
         : age < 45 ? 3
         : age < 65 ? 4
         : age < 75 ? 5
         : age < 85 ? 6
                    : 7;
}

PersonYear DescribeYear(const Person& person, Day day, double practice_quality) {
  PersonYear y;
  y.age = static_cast<int>((day - person.birth) / 365.25);
  y.sex = person.sex;
  y.decile = person.decile;
  y.frailty = person.frailty;
  y.propensity = person.propensity;
  for (int c = 0; c < kConditionCount; ++c) {
    y.has[c] = person.Has(static_cast<Condition>(c), day);
    if (y.has[c] && c != static_cast<int>(Condition::kPalliative)) {
      ++y.conditions;
      if (kReviewable[c]) ++y.reviewable;
    }
  }
  y.residential = person.residential_from <= day;
  y.home_care = !y.residential && person.home_care_from <= day && person.home_care_until >= day;
  y.practice_quality = practice_quality;
  return y;
}

double RateModel::EmergencyWeights(const PersonYear& y, double* weights) {
  double total = 1.0;
  const double acsc = std::exp(-0.25 * y.practice_quality);
  for (int c = 0; c < kConditionCount; ++c) {
    const auto condition = static_cast<Condition>(c);
    weights[c] = y.has[c] ? EmergencyConditionWeight(condition) *
                                (IsAmbulatoryCareSensitive(condition) ? acsc : 1.0)
                          : 0.0;
    total += weights[c];
  }
  return total;
}

double RateModel::Relative(Driver driver, const PersonYear& y) {
  const int b = AgeBand(y.age), s = static_cast<int>(y.sex);
  const double n = y.conditions, z = y.frailty, u = y.propensity;
  switch (driver) {
    case Driver::kGp:
      return kGp[s][b] * (1 + 0.18 * n) * std::exp(0.25 * z + 0.35 * u);
    case Driver::kNurse:
      return kNurse[s][b] * (1 + 0.35 * y.reviewable) * std::exp(0.1 * z + 0.25 * u);
    case Driver::kCommunity:
      return kCommunity[b] * (1 + 0.25 * n) * std::exp(0.6 * z) * (y.home_care ? 2.0 : 1.0) *
             (y.residential ? 1.5 : 1.0);
    case Driver::kOutpatientFirst:
      return kOutpatient[s][b] * (1 + 0.15 * n) * std::exp(0.45 * z + 0.35 * u);
    case Driver::kAe:
      return kAe[b] * (1 + 0.1 * n) * std::exp(0.55 * z + 0.4 * u) * Deprivation(y.decile, 0.25);
    case Driver::kEmergency: {
      double weights[kConditionCount];
      return kEmergency[b] * (s == 1 ? 1.1 : 1.0) * std::exp(0.8 * z) * Deprivation(y.decile, 0.3) *
             (y.residential ? 1.5
              : y.home_care ? 1.3
                            : 1.0) *
             EmergencyWeights(y, weights);
    }
    case Driver::kElective:
      return kElective[b] * (1 + 0.1 * n) * std::exp(0.3 * z);
    case Driver::kDayCase:
      return kDayCase[b] * (1 + 0.12 * n) * std::exp(0.3 * z);
    case Driver::kMentalHealth: {
      double rate = kMentalHealth[b];
      for (int c = 0; c < kConditionCount; ++c) rate += y.has[c] ? kMentalHealthPerCondition[c] : 0;
      return rate * std::exp(0.2 * z + 0.3 * u);
    }
    case Driver::kMedicines: {
      double count = kMedicines[s][b];
      for (int c = 0; c < kConditionCount; ++c) count += y.has[c] ? kMedicinesPerCondition[c] : 0;
      return count * std::exp(0.15 * z);
    }
    case Driver::kAcuteIssues:
      return kAcute[s][b] * std::exp(0.3 * u - 0.045);
  }
  return 0;
}

RateModel::RateModel(const ConditionModel& conditions, const AgeSexTable& england,
                     const CalibrationTargets& targets) {
  // A reference sample of England, drawn with the same models as the synthetic people.
  Rng rng(kReferenceSeed);
  const AgeSexSampler sampler(england);
  const Day today = DayFromCivil(2024, 4, 1);
  std::vector<PersonYear> sample;
  sample.reserve(kReferencePeople);
  for (int i = 0; i < kReferencePeople; ++i) {
    Person p;
    const auto [sex, age] = sampler.Draw(rng.Uniform());
    p.sex = sex;
    p.birth = today - static_cast<Day>(age * 365.25 + rng.Uniform() * 365.0);
    p.decile = 1 + static_cast<int>(rng.Below(10));
    p.frailty = DrawFrailty(&rng, age, sex, p.decile);
    p.propensity = rng.Normal();
    conditions.Draw(&rng, p.birth, p.sex, p.decile, p.frailty, &p.onset, &p.resolved);
    const bool dementia = p.Has(Condition::kDementia, today);
    if (rng.Chance(CareHomePrevalence(age, p.frailty, dementia))) {
      p.residential_from = today;
    } else if (rng.Chance(HomeCarePrevalence(age, p.frailty, dementia))) {
      p.home_care_from = today;
    }
    sample.push_back(DescribeYear(p, today, 0.0));
  }
  auto mean_relative = [&](Driver d) {
    double total = 0;
    for (const PersonYear& y : sample) total += Relative(d, y);
    return total / sample.size();
  };
  auto per_head = [&](const char* measure) { return targets.Value(measure) / 1000.0; };
  // Each driver's level: the part of the target it produces itself (emergency admissions leave
  // ~15% to readmissions and the last year of life, A&E leaves the attendances before
  // admissions, day cases leave chemotherapy), times a measured correction for what the
  // reference sample lacks: people dying, leaving and arriving part-way through a year, which
  // falls most on the heaviest users (docs/calibration.md).
  const double emergency = per_head("rate_emergency");
  const double planned = per_head("rate_elective_and_day_case");
  constexpr double kChemotherapy = 0.018;  // day cases a head a year after new cancers
  auto set = [&](Driver d, double rate) { scale_[static_cast<int>(d)] = rate / mean_relative(d); };
  set(Driver::kGp, per_head("rate_gp"));
  set(Driver::kNurse, per_head("rate_nurse"));
  set(Driver::kCommunity, per_head("rate_community") * 1.02);
  set(Driver::kOutpatientFirst, per_head("rate_op_first") * 1.04);
  // (A&E's yearly multiplier has mean 1; the factor was 1.09 when it averaged 0.886.)
  set(Driver::kAe, (per_head("rate_ae") - kEmergencyThroughAe * emergency) * 0.966);
  set(Driver::kEmergency, emergency * 0.85);
  set(Driver::kElective, planned * 0.2 * 1.12);
  set(Driver::kDayCase, (planned * 0.8 - kChemotherapy) * 1.12);
  set(Driver::kMentalHealth, 0.5);  // MHSDS care contacts, ~500 per 1,000 (approx.)
  set(Driver::kAcuteIssues, 1.1);

  // Regular medicines: find the level at which repeats plus acute issues give the target items.
  const double acute_items = 1.1 * kItemsPerAcuteIssue;
  const double target_items = per_head("rate_prescription_items") - acute_items;
  std::vector<double> relative;
  for (const PersonYear& y : sample) relative.push_back(Relative(Driver::kMedicines, y));
  double low = 0, high = 20;
  for (int iteration = 0; iteration < 60; ++iteration) {
    const double mid = 0.5 * (low + high);
    double items = 0;
    for (double r : relative) items += ExpectedRepeatItems(mid * r);
    (items / relative.size() < target_items ? low : high) = mid;
  }
  scale_[static_cast<int>(Driver::kMedicines)] = 0.5 * (low + high);
}

}  // namespace continuum
