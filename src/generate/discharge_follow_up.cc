#include "generate/discharge_follow_up.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace continuum {
namespace {

constexpr int kWeek = 7;

bool IsFollowUp(Setting s) {
  return s == Setting::kGp || s == Setting::kNurse || s == Setting::kCommunity;
}

}  // namespace

double DischargeFollowUpShare(double practice_quality) {
  return std::clamp(0.5 + 0.12 * practice_quality, 0.1, 0.9);
}

void AddDischargeFollowUp(const Simulation& sim, const Person& p, Rng* rng,
                          PersonRecords* records) {
  std::vector<Day> discharges;
  for (const EventRecord& e : records->events) {
    if (e.setting != Setting::kEmergency) continue;
    const Day discharge = e.date + e.length_of_stay;
    if (discharge < p.exit) discharges.push_back(discharge);  // alive and still registered
  }
  for (const Day discharge : discharges) {
    const Day last = std::min(p.exit, discharge + kWeek);
    const bool seen =
        std::any_of(records->events.begin(), records->events.end(), [&](const auto& e) {
          return IsFollowUp(e.setting) && e.date > discharge && e.date <= last;
        });
    const Practice& practice = sim.practice(p.PracticeOn(discharge));
    if (seen || !rng->Chance(DischargeFollowUpShare(practice.quality))) continue;
    const Day day = discharge + rng->Between(1, last - discharge);
    const int age = static_cast<int>((day - p.birth) / 365.25);
    const bool housebound = age >= 85 || p.residential_from <= day ||
                            (p.home_care_from <= day && p.home_care_until >= day);
    const double u = rng->Uniform();
    const Setting setting = u < (housebound ? 0.55 : 0.15)   ? Setting::kCommunity
                            : u < (housebound ? 0.65 : 0.30) ? Setting::kNurse
                                                             : Setting::kGp;
    const int provider =
        setting == Setting::kCommunity ? sim.world->providers.community : sim.PracticeOrgOn(p, day);
    records->events.push_back({.date = day,
                               .setting = setting,
                               .provider = provider,
                               .cost = sim.costs->of[static_cast<int>(setting)]});
  }
}

}  // namespace continuum
