#include "generate/end_of_life.h"

#include <algorithm>
#include <cmath>

#include "generate/case_mix.h"

namespace continuum {
namespace {

constexpr int kPalliative = static_cast<int>(Condition::kPalliative);

// Place of death by circumstance: hospital, home, care home, hospice, other (PlaceOfDeath
// order). Weighted by how common each circumstance is they give the England mix.
constexpr double kPlaceInCareHome[] = {0.20, 0.0, 0.78, 0.0, 0.02};
constexpr double kPlacePalliative[] = {0.28, 0.38, 0.08, 0.22, 0.04};
constexpr double kPlaceOther[] = {0.58, 0.24, 0.10, 0.01, 0.07};
// Preferred place when recorded and not simply where they died.
constexpr double kPreferredInCareHome[] = {0.10, 0.10, 0.75, 0.05, 0.0};
constexpr double kPreferredOther[] = {0.12, 0.60, 0.05, 0.20, 0.03};

int DrawPlace(const double* shares, Rng* rng) {
  double u = rng->Uniform();
  for (int i = 0; i < 5; ++i) {
    u -= shares[i];
    if (u < 0) return i;
  }
  return 0;
}

}  // namespace

PlaceOfDeath DrawPreferredPlace(bool in_care_home, Rng* rng) {
  return static_cast<PlaceOfDeath>(
      DrawPlace(in_care_home ? kPreferredInCareHome : kPreferredOther, rng));
}

void DecideEndOfLife(Rng* rng, Person* p) {
  const Day end = p->EndOfLife();
  if (end == kNever) return;
  const int age = static_cast<int>((end - p->birth) / 365.25);
  const bool cancer = p->Has(Condition::kCancer, end) &&
                      end - p->onset[static_cast<int>(Condition::kCancer)] < 5 * 365;
  const bool organ_failure = p->Has(Condition::kDementia, end) ||
                             p->Has(Condition::kHeartFailure, end) || p->Has(Condition::kCopd, end);
  const double palliative = cancer ? 0.75 : organ_failure ? 0.45 : age < 18 ? 0.5 : 0.25;
  if (rng->Chance(palliative)) {
    const Day lead = static_cast<Day>(std::clamp(rng->LogNormal(std::log(75.0), 0.9), 3.0, 730.0));
    // A practice adds the person to its register, so not before they first registered.
    const Day onset = std::max({p->birth, p->registrations[0].start, end - lead});
    if (onset <= p->exit) p->onset[kPalliative] = onset;
  }
  if (p->death == kNever) return;
  const bool in_care_home = p->residential_from <= p->death;
  const bool on_register = p->onset[kPalliative] <= p->death;
  const double* places = in_care_home  ? kPlaceInCareHome
                         : on_register ? kPlacePalliative
                                       : kPlaceOther;
  p->place_of_death = static_cast<PlaceOfDeath>(DrawPlace(places, rng));
  if (rng->Chance(on_register ? 0.7 : 0.15)) {
    p->preferred_place = rng->Chance(0.55) && p->place_of_death != PlaceOfDeath::kOther
                             ? static_cast<int>(p->place_of_death)
                             : static_cast<int>(DrawPreferredPlace(in_care_home, rng));
  }
}

void AddEndOfLifeCare(const Simulation& sim, const Person& p, Rng* rng, PersonRecords* records) {
  const Providers& providers = sim.world->providers;
  const Pence unit = sim.costs->of[static_cast<int>(Setting::kEndOfLife)];
  const Day onset = p.onset[kPalliative];
  const bool cancer = p.onset[static_cast<int>(Condition::kCancer)] <= onset;
  const std::string_view diagnosis = cancer ? CancerIcd10(p) : "Z51.5";
  auto contact = [&](Day day, int provider, double weight) {
    records->events.push_back({.date = day,
                               .setting = Setting::kEndOfLife,
                               .provider = provider,
                               .specialty = "315",
                               .diagnosis = diagnosis,
                               .cost = static_cast<Pence>(unit * weight)});
  };
  if (onset <= p.exit) {
    const Day from = std::max(onset, p.entry);
    const Day to = std::min(p.exit, p.EndOfLife());
    // About one contact every two weeks, rising to two a week in the last month.
    for (Day day = from; day <= to;) {
      const bool last_month = p.EndOfLife() - day < 30;
      day += 1 + static_cast<Day>(rng->Exponential(last_month ? 3.5 : 14.0));
      if (day > to) break;
      if (rng->Chance(0.6)) {
        contact(day, providers.community, 0.6);
      } else {
        contact(day, providers.hospice, 1.3);
      }
    }
    if (onset >= p.entry) {
      const Day day = onset;
      records->referrals.push_back({day, sim.PracticeOrgOn(p, day), providers.hospice, "315",
                                    diagnosis, ReferralOutcome::kSeen});
    }
  }
  if (p.death == kNever) return;
  if (p.place_of_death == PlaceOfDeath::kHospice) {
    const int days = rng->Between(3, 14);
    for (Day day = std::max(p.entry, p.death - days + 1); day <= p.death; ++day) {
      contact(day, providers.hospice, 3.5);
    }
  } else if (p.place_of_death == PlaceOfDeath::kHome) {
    const Pence visit = sim.costs->of[static_cast<int>(Setting::kCommunity)];
    for (Day day = std::max(p.entry, p.death - rng->Between(5, 14)); day <= p.death; ++day) {
      if (rng->Chance(0.7)) {
        records->events.push_back({.date = day,
                                   .setting = Setting::kCommunity,
                                   .provider = providers.community,
                                   .diagnosis = diagnosis,
                                   .cost = visit});
      }
    }
  }
}

}  // namespace continuum
