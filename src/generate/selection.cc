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

// The plant's ICO (index into World::icos) and the year it acts in; InvalidInput naming the
// option when the ICO is unknown or the window has no such year.
Result<std::pair<int, int>> PlantedIcoAndYear(const Simulation& sim, const std::string& option,
                                              const std::string& id) {
  const World& world = *sim.world;
  int ico = -1;
  for (size_t i = 0; i < world.icos.size(); ++i) {
    if (world.organisations[world.icos[i]].id == id) ico = static_cast<int>(i);
  }
  if (ico < 0) {
    return Status::InvalidInput(option + " " + id +
                                ": no such ICO; the generated ICOs are ZICO1 to ZICO" +
                                std::to_string(world.icos.size()));
  }
  const int year = SelectionYear(sim, ico);
  if (year < 0) {
    return Status::InvalidInput(option + " " + id + ": the window has no year with " + id +
                                " live through the year before it; generate two or more years");
  }
  return std::make_pair(ico, year);
}

// A plant's ICO and year once its value is checked: InvalidInput naming the option when the
// value is out of range (`in_range` false; `range` says what it must be) or the ICO is planted
// twice already (among `earlier`).
template <typename Planted>
Result<std::pair<int, int>> CheckedPlant(const Simulation& sim, const std::string& option,
                                         const std::string& id, bool in_range,
                                         const std::string& range,
                                         const std::vector<Planted>& earlier) {
  Result<std::pair<int, int>> found = PlantedIcoAndYear(sim, option, id);
  if (!found.ok()) return found.status();
  if (!in_range) return Status::InvalidInput(option + " " + id + ": " + range);
  for (const Planted& other : earlier) {
    if (other.ico == found->first) return Status::InvalidInput(option + " names " + id + " twice");
  }
  return found;
}

// The registers whose recording varies with effort.
constexpr Condition kCodable[] = {
    Condition::kHypertension, Condition::kDiabetes,   Condition::kAsthma,
    Condition::kCopd,         Condition::kChd,        Condition::kAf,
    Condition::kCkd,          Condition::kDepression, Condition::kHypothyroidism};

}  // namespace

int SelectionYear(const Simulation& sim, int ico) {
  const std::vector<int>& group = sim.world->groups[ico];
  return group.empty() ? -1 : sim.FirstYearLiveAYear(group[0], 1);
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
  return sim.world->IcoOn(person.PracticeOn(day), day);
}

Result<std::vector<PlantedSelection>> PrepareSelection(const Simulation& sim,
                                                       const std::vector<SelectionPlant>& plants) {
  std::vector<PlantedSelection> out;
  for (const SelectionPlant& plant : plants) {
    auto found =
        CheckedPlant(sim, "--plant-selection", plant.ico, plant.share > 0 && plant.share <= 1,
                     "the share removed must be above 0 and at most 1", out);
    if (!found.ok()) return found.status();
    out.push_back({found->first, plant.share, found->second, 0});
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

Result<std::vector<PlantedUpcoding>> PrepareUpcoding(const Simulation& sim,
                                                     const std::vector<UpcodingPlant>& plants,
                                                     const char* option) {
  std::vector<PlantedUpcoding> out;
  for (const UpcodingPlant& plant : plants) {
    auto found = CheckedPlant(sim, option, plant.ico, plant.percent > 0 && plant.percent <= 100,
                              "the percentage must be above 0 and at most 100", out);
    if (!found.ok()) return found.status();
    out.push_back({found->first, plant.percent, found->second});
  }
  return out;
}

int PlantUpcoding(const Simulation& sim, int64_t index, Person* person) {
  if (sim.upcodings == nullptr) return 0;
  for (const PlantedUpcoding& u : *sim.upcodings) {
    const Day first = sim.window.YearStart(u.year), last = sim.window.YearEnd(u.year);
    if (IcoOn(sim, *person, first) != u.ico || IcoOn(sim, *person, last) != u.ico) continue;
    int held = 0;
    for (int c = 0; c < kConditionCount; ++c) {
      held += c != static_cast<int>(Condition::kPalliative) && person->Has(Condition(c), first);
    }
    std::vector<int> free;
    for (const Condition c : kCodable) {
      if (person->onset[static_cast<int>(c)] == kNever) free.push_back(static_cast<int>(c));
    }
    Rng rng = sim.PersonRng(index, PersonStream::kUpcoding);
    int extra = std::min<int>(rng.Poisson(u.percent / 100 * held), static_cast<int>(free.size()));
    for (int k = 0; k < extra; ++k) {
      const size_t pick = k + rng.Below(static_cast<uint32_t>(free.size() - k));
      std::swap(free[k], free[pick]);
      person->recorded_only[free[k]] = first + static_cast<Day>(rng.Below(last - first + 1));
    }
    return extra;
  }
  return 0;
}

}  // namespace continuum
