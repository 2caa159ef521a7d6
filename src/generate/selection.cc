#include "generate/selection.h"

#include <algorithm>
#include <cmath>

#include "core/parallel.h"
#include "generate/life_course.h"

namespace continuum {
namespace {

// The care whose expected cost makes up need, with the setting that prices it.
constexpr std::pair<Driver, Setting> kPriced[] = {
    {Driver::kGp, Setting::kGp},
    {Driver::kNurse, Setting::kNurse},
    {Driver::kCommunity, Setting::kCommunity},
    {Driver::kOutpatientFirst, Setting::kOutpatientFirst},
    {Driver::kAe, Setting::kAe},
    {Driver::kEmergency, Setting::kEmergency},
    {Driver::kElective, Setting::kElective},
    {Driver::kDayCase, Setting::kDayCase},
};

constexpr int64_t kPersonsPerSlice = 4096;

bool Registered(const Person& p, Day day) {
  return p.entry <= day && day <= p.exit && (p.death == kNever || day < p.death);
}

// Ends the person's registration on `day` by removal; they leave the data.
void RemoveOn(Day day, Person* p) {
  int at = p->registration_count - 1;
  while (at > 0 && p->registrations[at].start > day) --at;
  Registration& r = p->registrations[at];
  r.end = day;
  r.end_reason = RegistrationEnd::kRemoval;
  p->registration_count = at + 1;
  p->exit = day;
  if (p->death != kNever && p->death > day) p->death = kNever;
  p->death_after = kNever;
  ForgetAfterExit(p);
}

}  // namespace

int SelectionYear(const Simulation& sim, int ico) {
  const std::vector<int>& group = sim.world->groups[ico];
  if (group.empty()) return -1;
  for (int y = 1; y < sim.window.years(); ++y) {
    if (sim.world->IsMemberOn(group[0], sim.window.YearStart(y - 1)) &&
        sim.world->IsMemberOn(group[0], sim.window.YearStart(y))) {
      return y;
    }
  }
  return -1;
}

double NeedOn(const Simulation& sim, const Person& person, Day day) {
  PersonYear year = DescribeYear(person, day, 0.0);
  year.frailty = 0;
  year.propensity = 0;
  double pence = 0;
  for (const auto& [driver, setting] : kPriced) {
    pence += sim.rates->Expected(driver, year) * sim.costs->of[static_cast<int>(setting)];
  }
  return pence / 100.0;
}

int IcoOn(const Simulation& sim, const Person& person, Day day) {
  if (!Registered(person, day)) return -1;
  const int practice = person.PracticeOn(day);
  const Practice& p = sim.practice(practice);
  if (p.memberships.empty()) return sim.world->IsMember(practice) ? p.group : -1;
  for (const MembershipSpan& span : p.memberships) {
    if (day >= span.start && day <= span.end) return span.ico;
  }
  return -1;
}

Result<std::vector<PlantedSelection>> PrepareSelection(const Simulation& sim,
                                                       const std::vector<SelectionPlant>& plants) {
  const World& world = *sim.world;
  std::vector<PlantedSelection> out;
  for (const SelectionPlant& plant : plants) {
    int ico = -1;
    for (size_t i = 0; i < world.icos.size(); ++i) {
      if (world.organisations[world.icos[i]].id == plant.ico) ico = static_cast<int>(i);
    }
    if (ico < 0) {
      return Status::InvalidInput("--plant-selection " + plant.ico +
                                  ": no such ICO; the generated ICOs are ZICO1 to ZICO" +
                                  std::to_string(world.icos.size()));
    }
    if (!(plant.share > 0 && plant.share <= 1)) {
      return Status::InvalidInput("--plant-selection " + plant.ico +
                                  ": the share removed must be above 0 and at most 1");
    }
    for (const PlantedSelection& other : out) {
      if (other.ico == ico) {
        return Status::InvalidInput("--plant-selection names " + plant.ico + " twice");
      }
    }
    const int year = SelectionYear(sim, ico);
    if (year < 0) {
      return Status::InvalidInput("--plant-selection " + plant.ico +
                                  ": the window has no year with " + plant.ico +
                                  " live through the year before it; generate two or more years");
    }
    out.push_back({ico, plant.share, year, 0, 0});
  }
  // Every planted ICO's registered patients' need on its year's first day, slice by slice.
  const int64_t persons = static_cast<int64_t>(sim.plan->persons.size());
  const size_t slices = static_cast<size_t>((persons + kPersonsPerSlice - 1) / kPersonsPerSlice);
  std::vector<std::vector<std::vector<double>>> needs(slices,
                                                      std::vector<std::vector<double>>(out.size()));
  ParallelFor(slices, [&](size_t slice) {
    Person person;
    const int64_t first = static_cast<int64_t>(slice) * kPersonsPerSlice;
    for (int64_t index = first; index < std::min(persons, first + kPersonsPerSlice); ++index) {
      Rng rng = sim.PersonRng(index, PersonStream::kMain);
      DrawPerson(sim, index, &rng, &person);
      LiveThroughWindow(sim, index, &rng, &person);
      for (size_t k = 0; k < out.size(); ++k) {
        const Day day = sim.window.YearStart(out[k].year);
        if (IcoOn(sim, person, day) == out[k].ico) {
          needs[slice][k].push_back(NeedOn(sim, person, day));
        }
      }
    }
  });
  for (size_t k = 0; k < out.size(); ++k) {
    std::vector<double> all;
    for (const auto& slice : needs) all.insert(all.end(), slice[k].begin(), slice[k].end());
    if (all.empty()) continue;
    std::sort(all.begin(), all.end());
    const size_t top = (all.size() + 9) / 10;
    out[k].threshold = all[all.size() - top];
    out[k].top_decile = std::count_if(all.begin(), all.end(),
                                      [&](double need) { return need >= out[k].threshold; });
  }
  return out;
}

bool PlantSelection(const Simulation& sim, int64_t index, Person* person) {
  if (sim.selections == nullptr) return false;
  for (const PlantedSelection& s : *sim.selections) {
    const Day first = sim.window.YearStart(s.year);
    if (IcoOn(sim, *person, first) != s.ico || NeedOn(sim, *person, first) < s.threshold) continue;
    Rng rng = sim.PersonRng(index, PersonStream::kSelection);
    if (!rng.Chance(s.share)) return false;
    const Day day = first + static_cast<Day>(rng.Below(365));
    if (IcoOn(sim, *person, day) != s.ico) return false;  // left, died or moved on by then
    RemoveOn(day, person);
    return true;
  }
  return false;
}

}  // namespace continuum
