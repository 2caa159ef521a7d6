#include "generate/primary_care.h"

#include <algorithm>
#include <cmath>

#include "generate/anticoagulation.h"
#include "generate/case_mix.h"

namespace continuum {
namespace {

Pence Cost(Pence unit, double weight) { return static_cast<Pence>(std::llround(unit * weight)); }

// A random active register's ICD-10 code, or "" when the person has none (reviewable only when
// `reviewable_only`).
std::string_view ConditionCode(const Person& p, const PersonYear& py, bool reviewable_only,
                               Rng* rng) {
  int chosen = -1, seen = 0;
  for (int c = 0; c < kConditionCount; ++c) {
    if (!py.has[c] || c == static_cast<int>(Condition::kPalliative)) continue;
    if (reviewable_only && c > static_cast<int>(Condition::kCkd)) continue;
    if (rng->Below(++seen) == 0) chosen = c;  // reservoir sampling
  }
  if (chosen < 0) return {};
  if (chosen == static_cast<int>(Condition::kCancer)) return CancerIcd10(p);
  return ConditionModel::Icd10(static_cast<Condition>(chosen));
}

std::string_view MentalHealthSpecialty(const PersonYear& py, Rng* rng) {
  if (py.age < 18) return "711";
  if (py.age >= 65 || py.has[static_cast<int>(Condition::kDementia)]) return "715";
  return rng->Chance(0.04) ? "700" : "710";
}

std::string_view MentalHealthDiagnosis(const PersonYear& py, Rng* rng) {
  if (py.has[static_cast<int>(Condition::kSmi)]) return rng->Chance(0.6) ? "F20.9" : "F31.9";
  if (py.has[static_cast<int>(Condition::kDementia)]) return "F03";
  if (py.age < 18) {
    constexpr std::string_view kChild[] = {"F90.0", "F41.9", "F50.0", "F32.9"};
    return kChild[rng->Below(4)];
  }
  if (py.has[static_cast<int>(Condition::kDepression)]) return rng->Chance(0.7) ? "F32.9" : "F41.1";
  return rng->Chance(0.5) ? "F41.1" : "F43.2";
}

class PrimaryCare {
 public:
  PrimaryCare(const Simulation& sim, const Person& person, Rng* rng, PersonRecords* records)
      : sim_(sim), p_(person), rng_(*rng), records_(*records), costs_(*sim.costs) {}

  void Run() {
    const Window& window = sim_.window;
    // Some patients' medicines cost more than others' (GBP 8 an item on average).
    item_factor_ = std::exp(0.6 * rng_.Normal() - 0.18);
    if (p_.onset[static_cast<int>(Condition::kAf)] != kNever) {
      Rng own = sim_.PersonRng(p_.index, PersonStream::kAnticoagulation);
      anticoagulant_ = DrawAnticoagulant(&own);
    }
    for (int y = 0; y < window.years(); ++y) {
      const Day a = std::max(p_.entry, window.YearStart(y));
      const Day b = std::min(p_.exit, window.YearEnd(y));
      if (a > b) continue;
      const double years = (b - a + 1) / 365.25;
      const Day mid = a + (b - a) / 2;
      const PersonYear py = DescribeYear(p_, mid, sim_.practice(p_.PracticeOn(mid)).quality);
      // The year's health state (simulation.h) moves community care with hospital care, and GP
      // consultations less so.
      const double health = sim_.HealthState(p_.index, y);
      const double shock =
          rng_.Gamma(3.0, 1.0) * std::sqrt(health) / std::exp(-kHealthStateSd * kHealthStateSd / 8);
      Consultations(py, a, b, years, shock);
      Prescriptions(py, a, b, years);
      Community(py, a, b, years, health);
      MentalHealth(py, a, b, years);
    }
  }

 private:
  Day DayIn(Day a, Day b) { return a + static_cast<Day>(rng_.Below(b - a + 1)); }
  int PracticeOrg(Day day) const { return sim_.PracticeOrgOn(p_, day); }

  void Consultations(const PersonYear& py, Day a, Day b, double years, double shock) {
    const bool housebound = py.residential || py.home_care || py.age >= 85;
    for (int n = rng_.Poisson(sim_.rates->Expected(Driver::kGp, py) * shock * years); n > 0; --n) {
      const Day day = DayIn(a, b);
      // Surgery consultation, telephone (~GBP 16) or home visit (~GBP 100), PSSRU 2019-20.
      const double u = rng_.Uniform();
      const double home = housebound ? 0.15 : 0.02;
      const double weight = u < home ? 2.56 : u < home + 0.12 ? 0.41 : 1.0;
      const std::string_view diagnosis = py.conditions > 0 && rng_.Chance(0.35)
                                             ? ConditionCode(p_, py, false, &rng_)
                                             : std::string_view();
      records_.events.push_back({.date = day,
                                 .setting = Setting::kGp,
                                 .provider = PracticeOrg(day),
                                 .diagnosis = diagnosis,
                                 .cost = Cost(costs_.of[int(Setting::kGp)], weight)});
    }
    for (int n = rng_.Poisson(sim_.rates->Expected(Driver::kNurse, py) * shock * years); n > 0;
         --n) {
      const Day day = DayIn(a, b);
      const std::string_view diagnosis = py.reviewable > 0 && rng_.Chance(0.5)
                                             ? ConditionCode(p_, py, true, &rng_)
                                             : std::string_view();
      records_.events.push_back({.date = day,
                                 .setting = Setting::kNurse,
                                 .provider = PracticeOrg(day),
                                 .diagnosis = diagnosis,
                                 .cost = costs_.of[int(Setting::kNurse)]});
    }
  }

  void Prescriptions(const PersonYear& py, Day a, Day b, double years) {
    const Pence item = Cost(costs_.of[int(Setting::kPrescription)], item_factor_);
    const int medicines = rng_.Poisson(sim_.rates->Expected(Driver::kMedicines, py));
    // An anticoagulant in AF is one of the regular medicines, issued as its own prescription
    // from the day AF is recorded (when AF begins after mid-year, a medicine added).
    const Day af_from = p_.onset[static_cast<int>(Condition::kAf)];
    const bool treated = af_from <= b && anticoagulant_.TakenWith(py.practice_quality);
    const bool counted = treated && py.has[static_cast<int>(Condition::kAf)];
    const int items = counted ? std::max(medicines, 1) : medicines + treated;
    if (items > 0) {
      const int interval = items >= kMonthlyRepeatFrom || py.residential ? 28 : 56;
      for (Day day = a + static_cast<Day>(rng_.Below(interval)); day <= b; day += interval) {
        if (!rng_.Chance(kRepeatAdherence)) continue;
        const bool anticoagulated = treated && day >= af_from;
        const int others = anticoagulated ? items - 1 : medicines;
        if (others > 0) {
          records_.events.push_back({.date = day,
                                     .setting = Setting::kPrescription,
                                     .provider = PracticeOrg(day),
                                     .quantity = others,
                                     .cost = others * item});
        }
        if (anticoagulated) {
          records_.events.push_back({.date = day,
                                     .setting = Setting::kPrescription,
                                     .provider = PracticeOrg(day),
                                     .cost = item,
                                     .medicine = anticoagulant_.medicine});
        }
      }
    }
    for (int n = rng_.Poisson(sim_.rates->Expected(Driver::kAcuteIssues, py) * years); n > 0; --n) {
      const Day day = DayIn(a, b);
      const int items = rng_.Chance(kItemsPerAcuteIssue - 1.0) ? 2 : 1;
      records_.events.push_back({.date = day,
                                 .setting = Setting::kPrescription,
                                 .provider = PracticeOrg(day),
                                 .quantity = items,
                                 .cost = items * Cost(item, rng_.LogNormal(-0.125, 0.5))});
    }
  }

  void Community(const PersonYear& py, Day a, Day b, double years, double health) {
    const double rate =
        sim_.rates->Expected(Driver::kCommunity, py) * rng_.Gamma(0.6, 1.0) * health;
    const int contacts = rng_.Poisson(rate * years);
    if (contacts == 0) return;
    // One provider and service for the year's episode of care.
    const int provider = rng_.Chance(0.25) ? sim_.world->providers.social_enterprise
                                           : sim_.world->providers.community;
    const double u = rng_.Uniform();
    const std::string_view specialty = u < 0.2 ? "650" : u < 0.27 ? "651" : u < 0.3 ? "652" : "";
    const double weight = specialty.empty() ? 0.95 : 1.15;
    Day first = b;
    for (int n = 0; n < contacts; ++n) {
      const Day day = DayIn(a, b);
      first = std::min(first, day);
      records_.events.push_back({.date = day,
                                 .setting = Setting::kCommunity,
                                 .provider = provider,
                                 .specialty = specialty,
                                 .cost = Cost(costs_.of[int(Setting::kCommunity)], weight)});
    }
    if (rng_.Chance(0.3)) Refer(first - rng_.Between(3, 14), provider, specialty, {});
  }

  void MentalHealth(const PersonYear& py, Day a, Day b, double years) {
    const double rate = sim_.rates->Expected(Driver::kMentalHealth, py) * rng_.Gamma(0.8, 1.0);
    const int contacts = rng_.Poisson(rate * years);
    if (contacts == 0) return;
    const int provider = sim_.world->providers.mental_health;
    const std::string_view specialty = MentalHealthSpecialty(py, &rng_);
    const std::string_view diagnosis = MentalHealthDiagnosis(py, &rng_);
    Day first = b;
    for (int n = 0; n < contacts; ++n) {
      const Day day = DayIn(a, b);
      first = std::min(first, day);
      // Three in four contacts with a nurse or therapist, the rest with a psychiatrist.
      const double weight = rng_.Chance(0.75) ? 0.83 : 1.5;
      records_.events.push_back({.date = day,
                                 .setting = Setting::kMentalHealth,
                                 .provider = provider,
                                 .specialty = specialty,
                                 .diagnosis = diagnosis,
                                 .cost = Cost(costs_.of[int(Setting::kMentalHealth)], weight)});
    }
    if (rng_.Chance(0.5)) Refer(first - rng_.Between(7, 42), provider, specialty, diagnosis);
  }

  void Refer(Day day, int to, std::string_view specialty, std::string_view reason) {
    if (day < p_.entry) return;
    records_.referrals.push_back(
        {day, PracticeOrg(day), to, specialty, reason, ReferralOutcome::kSeen});
  }

  const Simulation& sim_;
  const Person& p_;
  Rng& rng_;
  PersonRecords& records_;
  const UnitCosts& costs_;
  double item_factor_ = 1.0;
  Anticoagulant anticoagulant_;  // for people with AF: the medicine they would be given
};

}  // namespace

void AddPrimaryAndCommunityCare(const Simulation& sim, const Person& person, Rng* rng,
                                PersonRecords* records) {
  PrimaryCare(sim, person, rng, records).Run();
}

}  // namespace continuum
