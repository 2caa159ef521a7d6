#include "generate/life_course.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "generate/case_mix.h"
#include "generate/social_care.h"

namespace continuum {
namespace {

// Calibration: scales the death hazard to ~9 deaths per 1,000 a year (targets.csv).
constexpr double kDeathScale = 0.85;
// Leaving the list (moving away, emigrating, removal) and moving between member practices, per
// year, before the age pattern of mobility.
constexpr double kLeaveRate = 0.029;
constexpr double kInternalMoveRate = 0.005;

// Residential mobility by age (ONS internal migration, approx.): young adults move most.
double Mobility(int age) {
  if (age < 5) return 1.3;
  if (age < 18) return 0.7;
  if (age < 25) return 2.4;
  if (age < 35) return 2.0;
  if (age < 50) return 1.0;
  if (age < 65) return 0.55;
  if (age < 80) return 0.4;
  return 0.6;
}

int AgeOn(const Person& p, double day) { return static_cast<int>((day - p.birth) / 365.25); }

// How strongly frailty raises the death hazard (a log hazard ratio per standard deviation); the
// factor exp(k z - k^2 / 2) averages 1 at birth.
constexpr double kFrailtyOnDeath = 0.6;

double FrailtyFactor(double frailty) {
  return std::exp(kFrailtyOnDeath * frailty - 0.5 * kFrailtyOnDeath * kFrailtyOnDeath);
}

double DeathHazard(const Person& p, double day) {
  const Day d = static_cast<Day>(day);
  double hazard = kDeathScale * BaselineMortality(AgeOn(p, day), p.sex) * FrailtyFactor(p.frailty);
  const int cancer = static_cast<int>(Condition::kCancer);
  if (p.onset[cancer] <= d) {
    const Day since = d - p.onset[cancer];
    hazard *= since < 365 ? 4.0 : since < 5 * 365 ? 2.2 : 1.2;
  }
  if (p.Has(Condition::kHeartFailure, d)) hazard *= 1.8;
  if (p.Has(Condition::kDementia, d)) hazard *= 2.2;
  if (p.Has(Condition::kCopd, d)) hazard *= 1.5;
  if (p.Has(Condition::kCkd, d)) hazard *= 1.2;
  if (p.residential_from <= d) hazard *= 2.0;
  return hazard;
}

// A practice near `from` in the same group, for moves between practices.
int NeighbourPractice(const Simulation& sim, int from, Rng* rng) {
  const std::vector<int>& group = sim.world->groups[sim.practice(from).group];
  if (group.size() < 2) return from;
  const int k = sim.practice(from).index_in_group;
  int step = 1 + static_cast<int>(rng->Below(2));
  if (rng->Chance(0.5)) step = -step;
  int to = std::clamp(k + step, 0, static_cast<int>(group.size()) - 1);
  if (to == k) to = k + (k + 1 < static_cast<int>(group.size()) ? 1 : -1);
  return group[to];
}

RegistrationEnd DrawLeavingReason(Rng* rng) {
  const double u = rng->Uniform();
  return u < 0.75  ? RegistrationEnd::kMoveOut
         : u < 0.9 ? RegistrationEnd::kEmigration
                   : RegistrationEnd::kRemoval;
}

// The registrations of someone already on the list when the window opens.
void RegistrationsBefore(const Simulation& sim, int practice, Rng* rng, Person* p) {
  const Day opens = sim.window.start();
  const int age = AgeOn(*p, opens);
  const double since_birth = age < 1 ? 1.0 : age < 18 ? 0.55 : 0.1;
  Day start = p->birth;
  if (!rng->Chance(since_birth)) {
    start = opens - 1 - static_cast<Day>(rng->Exponential(7.0) * 365.25);
    if (start <= p->birth) start = p->birth;
  }
  if (start - p->birth > 730 && rng->Chance(0.15)) {
    const int previous = NeighbourPractice(sim, practice, rng);
    if (previous != practice) {
      Day previous_start = start - 1 - static_cast<Day>(rng->Exponential(6.0) * 365.25);
      previous_start = std::max(previous_start, p->birth);
      p->registrations[p->registration_count++] = {
          previous, previous_start, start - 1,
          previous_start == p->birth ? RegistrationStart::kBirth : RegistrationStart::kMoveIn,
          RegistrationEnd::kMoveOut};
    }
  }
  p->registrations[p->registration_count++] = {
      practice, start, kNever,
      start == p->birth ? RegistrationStart::kBirth : RegistrationStart::kMoveIn,
      RegistrationEnd::kMoveOut};
}

}  // namespace

double DrawFrailty(Rng* rng, int age, Sex sex, int decile) {
  // Cumulative baseline hazard to each age, by sex.
  static const auto* cumulative = [] {
    auto* table = new std::array<std::array<double, kMaxAge + 2>, 2>();
    for (int s = 0; s < 2; ++s) {
      for (int a = 0; a <= kMaxAge; ++a) {
        (*table)[s][a + 1] =
            (*table)[s][a] + kDeathScale * BaselineMortality(a, static_cast<Sex>(s));
      }
    }
    return table;
  }();
  const double hazard = (*cumulative)[static_cast<int>(sex)][std::clamp(age, 0, kMaxAge)];
  double z = rng->Normal();
  // Survivors to `age`: accept with the probability of surviving that long at this frailty.
  for (int attempt = 0; attempt < 60 && !rng->Chance(std::exp(-hazard * FrailtyFactor(z)));
       ++attempt) {
    z = rng->Normal();
  }
  return z + 0.2 * (5.5 - decile) / 4.5;
}

double BaselineMortality(int age, Sex sex) {
  const double gompertz =
      sex == Sex::kFemale ? 3.15e-6 * std::exp(0.118 * age) : 7.65e-6 * std::exp(0.112 * age);
  // Beyond 80 the curve steepens further, as the life tables do.
  const double oldest = std::exp(0.03 * std::max(0, age - 80));
  return std::min(0.6, gompertz * oldest + 0.0001 + (age == 0 ? 0.0038 : 0.0));
}

void DrawPerson(const Simulation& sim, int64_t index, Rng* rng, Person* p) {
  const PersonSpec& spec = sim.plan->persons[index];
  *p = Person();
  p->index = index;
  p->lsoa = sim.places->DrawLsoa(spec.practice, rng->Uniform());
  const Lsoa& lsoa = sim.places->lsoa(p->lsoa);
  p->decile = lsoa.decile;
  switch (spec.arrival) {
    case Arrival::kListed: {
      const auto [sex, age] = lsoa.ages.Draw(rng->Uniform());
      p->sex = sex;
      const Day span_start =
          DayFromCivil(Window::kLastYearEnd - sim.window.years() - age - 1, 4, 2);
      const Day span_end = DayFromCivil(Window::kLastYearEnd - sim.window.years() - age, 4, 2);
      // Everyone on the list when the window opens was born before it.
      p->birth = std::min<Day>(span_start + static_cast<Day>(rng->Below(span_end - span_start)),
                               sim.window.start() - 1);
      break;
    }
    case Arrival::kBorn:
      p->sex = rng->Chance(0.512) ? Sex::kMale : Sex::kFemale;
      p->birth = spec.entry - static_cast<Day>(rng->Below(28));
      break;
    case Arrival::kMovedIn: {
      // Newcomers are drawn from the catchment's people, weighted by how often each age moves.
      std::pair<Sex, int> drawn;
      for (int attempt = 0; attempt < 30; ++attempt) {
        drawn = lsoa.ages.Draw(rng->Uniform());
        if (rng->Uniform() * 2.4 < Mobility(drawn.second)) break;
      }
      p->sex = drawn.first;
      p->birth = spec.entry - static_cast<Day>(drawn.second * 365.25 + rng->Uniform() * 365.0) - 1;
      break;
    }
  }
  const Day arrival = spec.arrival == Arrival::kListed ? sim.window.start() : spec.entry;
  p->frailty = DrawFrailty(rng, static_cast<int>((arrival - p->birth) / 365.25), p->sex, p->decile);
  p->propensity = rng->Normal();
  sim.conditions->Draw(rng, p->birth, p->sex, p->decile, p->frailty, &p->onset, &p->resolved);
  p->cancer_site = DrawCancerSite(p->sex, rng);
}

void LiveThroughWindow(const Simulation& sim, int64_t index, Rng* rng, Person* p) {
  const PersonSpec& spec = sim.plan->persons[index];
  const Window& window = sim.window;
  if (spec.arrival == Arrival::kListed) {
    RegistrationsBefore(sim, spec.practice, rng, p);
    p->entry = window.start();
  } else {
    p->entry = spec.entry;
    p->registrations[p->registration_count++] = {
        spec.practice, spec.entry, kNever,
        spec.arrival == Arrival::kBorn ? RegistrationStart::kBirth : RegistrationStart::kMoveIn,
        RegistrationEnd::kMoveOut};
  }
  p->exit = window.end();

  // Care needs on arrival.
  {
    const int age = AgeOn(*p, p->entry);
    const bool dementia = p->Has(Condition::kDementia, p->entry);
    if (rng->Chance(CareHomePrevalence(age, p->frailty, dementia))) {
      p->residential_from = p->entry - static_cast<Day>(rng->Exponential(1.5) * 365.25);
    } else if (rng->Chance(HomeCarePrevalence(age, p->frailty, dementia))) {
      p->home_care_from = p->entry - static_cast<Day>(rng->Exponential(1.2) * 365.25);
      p->home_care_hours = DrawHomeCareHours(rng);
    }
  }

  // Competing hazards, constant within each year from the person's day in it.
  const double horizon = window.end() + 365.0;
  double t = p->entry;
  while (t <= horizon) {
    const bool inside = t <= window.end();
    const double step_end = inside ? std::min<double>(t + 365.0, window.end() + 1.0) : horizon + 1;
    const int age = AgeOn(*p, t);
    const Day today = static_cast<Day>(t);
    const bool dementia = p->Has(Condition::kDementia, today);
    const double mobility = Mobility(age) * (p->residential_from <= today ? 0.2 : 1.0);
    const bool in_home_care =
        p->home_care_from <= today && p->home_care_until == kNever && p->residential_from > today;
    double hazards[6] = {
        DeathHazard(*p, t),
        inside ? kLeaveRate * mobility : 0.0,
        inside && p->registration_count < Person::kMaxRegistrations ? kInternalMoveRate * mobility
                                                                    : 0.0,
        inside && p->residential_from > today ? CareHomeIncidence(age, p->frailty, dementia) : 0.0,
        inside && p->residential_from > today && p->home_care_from > today
            ? HomeCareIncidence(age, p->frailty, dementia)
            : 0.0,
        inside && in_home_care ? kHomeCareEnding : 0.0};
    double total = 0;
    for (double h : hazards) total += h;
    const double next = t + rng->Exponential(365.25 / total);
    if (next >= step_end) {
      t = step_end;
      continue;
    }
    t = next;
    const Day day = static_cast<Day>(t);
    double u = rng->Uniform() * total;
    int event = 0;
    while (event < 5 && u >= hazards[event]) u -= hazards[event++];
    Registration& current = p->registrations[p->registration_count - 1];
    if (event == 0) {  // death
      if (day <= window.end()) {
        p->death = day;
        p->exit = day;
        current.end = day;
        current.end_reason = RegistrationEnd::kDeath;
      } else {
        p->death_after = day;
      }
      break;
    }
    if (event == 1) {  // leaves the list
      p->exit = day;
      current.end = day;
      current.end_reason = DrawLeavingReason(rng);
      break;
    }
    if (event == 2) {  // moves to a neighbouring practice of the same ICO
      const int to = NeighbourPractice(sim, current.practice, rng);
      if (to == current.practice || day + 1 > window.end()) continue;
      current.end = day;
      current.end_reason = RegistrationEnd::kMoveOut;
      p->registrations[p->registration_count++] = {to, day + 1, kNever, RegistrationStart::kMoveIn,
                                                   RegistrationEnd::kMoveOut};
      t = day + 1.0;  // nothing else happens to the person on the day they move
      continue;
    }
    if (event == 3) {
      p->residential_from = day;
    } else if (event == 4) {
      p->home_care_from = day;
      p->home_care_hours = DrawHomeCareHours(rng);
    } else {
      p->home_care_until = day;
    }
  }
  ForgetAfterExit(p);
}

void ForgetAfterExit(Person* p) {
  // Conditions first recorded after the person left are never seen by the practice.
  for (int c = 0; c < kConditionCount; ++c) {
    if (p->onset[c] > p->exit) p->onset[c] = kNever;
    if (p->resolved[c] > p->exit) p->resolved[c] = kNever;
  }
  if (p->residential_from > p->exit) p->residential_from = kNever;
  if (p->home_care_from > p->exit) p->home_care_from = kNever;
  if (p->home_care_until > p->exit) p->home_care_until = kNever;
}

}  // namespace continuum
