#include "generate/people.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <functional>
#include <thread>

#include "generate/age_structure.h"
#include "generate/calibration.h"
#include "generate/random.h"

namespace continuum {
namespace {

constexpr double kDaysPerYear = 365.25;
// Annual rates of joining and leaving a list besides births and deaths (NHS Digital list
// turnover of 8-10% a year: ~1.1% births, ~0.9% deaths, the rest moves).
constexpr double kMoveInRate = 0.030, kMoveOutRate = 0.030, kSwitchRate = 0.005;

// How each condition's odds change: per decade of age, across deprivation (most minus least
// deprived, scaled -1..1), per unit of latent risk, for women; and from what age it occurs.
struct ConditionShape {
  double per_decade, deprivation, risk, female;
  int min_age;
  double incidence;  // new cases a year as a share of the prevalence
  double morbidity;  // weight in the morbidity score that drives care
};
constexpr ConditionShape kShapes[kConditionCount] = {
    {0.90, 0.25, 0.35, -0.10, 18, 0.04, 0.15},  // hypertension
    {0.45, 0.45, 0.45, -0.25, 17, 0.05, 0.40},  // diabetes
    {-0.02, 0.20, 0.25, 0.15, 0, 0.02, 0.20},   // asthma
    {0.65, 0.80, 0.70, 0.00, 35, 0.06, 0.80},   // copd
    {0.80, 0.40, 0.60, -0.60, 35, 0.05, 0.40},  // chd
    {1.00, 0.40, 0.80, -0.30, 40, 0.12, 1.00},  // heart_failure
    {1.05, 0.10, 0.50, -0.35, 40, 0.07, 0.40},  // af
    {0.85, 0.35, 0.60, -0.10, 35, 0.07, 0.50},  // stroke_tia
    {1.10, 0.20, 0.50, 0.20, 18, 0.06, 0.50},   // ckd
    {0.70, 0.05, 0.40, 0.10, 18, 0.12, 0.60},   // cancer
    {1.60, 0.20, 0.50, 0.20, 55, 0.15, 0.80},   // dementia
    {0.00, 0.35, 0.40, 0.55, 18, 0.06, 0.30},   // depression
    {0.00, 0.70, 0.50, 0.00, 18, 0.03, 0.50},   // smi
    {0.00, 0.35, 0.30, 0.00, 0, 0.02, 0.30},    // epilepsy
    {0.35, 0.05, 0.20, 1.40, 18, 0.04, 0.05},   // hypothyroidism
    {0.00, 0.00, 0.00, 0.00, 0, 0.00, 1.00},    // palliative: set at the end of life
};
// Targets and their denominators (minimum age), in Condition order.
constexpr const char* kPrevalenceMeasures[kConditionCount] = {"prevalence_hypertension",
                                                              "prevalence_diabetes_17plus",
                                                              "prevalence_asthma",
                                                              "prevalence_copd",
                                                              "prevalence_chd",
                                                              "prevalence_heart_failure",
                                                              "prevalence_af",
                                                              "prevalence_stroke_tia",
                                                              "prevalence_ckd_18plus",
                                                              "prevalence_cancer",
                                                              "prevalence_dementia",
                                                              "prevalence_depression_18plus",
                                                              "prevalence_smi",
                                                              "prevalence_epilepsy_18plus",
                                                              "prevalence_hypothyroidism",
                                                              nullptr};
constexpr int kDenominatorAge[kConditionCount] = {0,  17, 0, 0,  0, 0,  0, 0,
                                                  18, 0,  0, 18, 0, 18, 0, 0};

double Logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

double AgeOnDay(const Person& p, Day day) { return (day - p.birth) / kDaysPerYear; }

double Deprivation(int decile) { return (5.5 - decile) / 4.5; }

double ConditionLogit(const ConditionShape& s, double intercept, double age, const Person& p) {
  return intercept + s.per_decade * (age - 50.0) / 10.0 + s.deprivation * Deprivation(p.decile) +
         s.risk * p.risk + (p.female ? s.female : 0.0);
}

// Registered days of `p` in [from, to].
double RegisteredDays(const Person& p, Day from, Day to) {
  double days = 0;
  for (const Period& r : p.periods) {
    const Day a = std::max(r.start, from), b = std::min(r.end, to);
    if (b >= a) days += b - a + 1;
  }
  return days;
}

struct Slot {
  int practice;
  enum Kind { kInitial, kBirth, kMoveIn } kind;
};

// Age, sex, home and registration history (without death) for one person.
void LiveOneLife(const Slot& slot, const World& w, const Area* area,
                 const std::vector<AgeStructure>& lsoa_ages,
                 const std::vector<std::vector<double>>& practice_lsoas, const AgeStructure& ages,
                 Random& rng, Person* p) {
  const Practice& practice = w.practices[slot.practice];
  const AgeStructure* structure = &ages;
  if (area != nullptr) {
    const std::vector<double>& cumulative = practice_lsoas[slot.practice];
    const double target = rng.Uniform() * cumulative.back();
    p->lsoa = static_cast<int>(std::upper_bound(cumulative.begin(), cumulative.end(), target) -
                               cumulative.begin());
    p->lsoa = std::min<int>(p->lsoa, static_cast<int>(w.lsoas.size()) - 1);
    structure = &lsoa_ages[p->lsoa];
  } else {
    const int decile =
        std::clamp(static_cast<int>(std::lround(practice.mean_decile + rng.Normal(0, 1.8))), 1, 10);
    const int per_decile = static_cast<int>(w.lsoas.size()) / 10;
    p->lsoa = decile - 1 + 10 * static_cast<int>(rng.Below(per_decile));
  }
  p->decile = w.lsoas[p->lsoa].decile;
  p->risk = rng.Normal();
  Day start = w.window_start;
  RegistrationStart reason = RegistrationStart::kMoveIn;
  if (slot.kind == Slot::kBirth) {
    p->female = rng.Chance(0.488);
    start = w.window_start + 1 + static_cast<Day>(rng.Below(w.window_end - w.window_start));
    p->birth = start;
    reason = RegistrationStart::kBirth;
  } else {
    auto [age, female] = structure->Draw(rng);
    // Some lists are older than their area, some younger (the accepted share follows the tilt).
    const double most = std::exp(std::fabs(practice.age_tilt) * 1.5);
    while (!rng.Chance(std::exp(practice.age_tilt * (age - 40) / 40.0) / most)) {
      std::tie(age, female) = structure->Draw(rng);
    }
    if (slot.kind == Slot::kMoveIn) {
      // People who move are mostly young adults.
      while (!rng.Chance(age >= 18 && age <= 40 ? 1.0 : age < 18 ? 0.5 : age < 65 ? 0.35 : 0.2)) {
        std::tie(age, female) = structure->Draw(rng);
      }
      start = w.window_start + 1 + static_cast<Day>(rng.Below(w.window_end - w.window_start));
    }
    p->female = female;
    p->birth = start - static_cast<Day>((age + rng.Uniform()) * kDaysPerYear);
    if (slot.kind == Slot::kInitial) {
      const double years_on_list = std::min(age + 0.5, rng.Exponential(11.0));
      start = w.window_start - static_cast<Day>(years_on_list * kDaysPerYear);
      if (start - p->birth < 45) start = p->birth;
      if (start == p->birth) reason = RegistrationStart::kBirth;
    }
  }
  p->onset.fill(kNeverEnds);
  p->periods.push_back({start, kNeverEnds, slot.practice, reason, RegistrationEnd::kMoveOut});
  // Leaving the list, and moving between practices of the same ICO.
  const Day from = std::max(start, w.window_start);
  // Young adults move most, in and out alike, so the list keeps its age structure.
  const double age_then = (from - p->birth) / kDaysPerYear;
  const double mobility = age_then < 18 ? 0.8 : age_then <= 40 ? 1.8 : age_then < 65 ? 0.7 : 0.4;
  const Day leave =
      from + static_cast<Day>(rng.Exponential(kDaysPerYear / (kMoveOutRate * mobility)));
  const Day change = from + static_cast<Day>(rng.Exponential(kDaysPerYear / kSwitchRate));
  std::vector<int> neighbours;
  if (practice.ico >= 0) {
    for (size_t q = 0; q < w.practices.size(); ++q) {
      if (w.practices[q].ico == practice.ico && static_cast<int>(q) != slot.practice)
        neighbours.push_back(static_cast<int>(q));
    }
  }
  if (change < leave && change < w.window_end && !neighbours.empty()) {
    p->periods.back().end = change;
    p->periods.back().end_reason = RegistrationEnd::kMoveOut;
    const int next = neighbours[rng.Below(neighbours.size())];
    p->periods.push_back(
        {change + 1, kNeverEnds, next, RegistrationStart::kMoveIn, RegistrationEnd::kMoveOut});
  }
  if (leave < w.window_end && leave >= p->periods.back().start) {
    const double u = rng.Uniform();
    p->periods.back().end = leave;
    p->periods.back().end_reason = u < 0.80   ? RegistrationEnd::kMoveOut
                                   : u < 0.92 ? RegistrationEnd::kEmigration
                                              : RegistrationEnd::kRemoval;
  }
}

// Intercepts that make each condition's prevalence among those registered on the first day
// meet its target, found by bisection over every `stride`-th such person.
std::array<double, kConditionCount> CalibrateConditions(const World& w) {
  std::array<double, kConditionCount> intercepts{};
  std::vector<const Person*> sample;
  const size_t stride = std::max<size_t>(1, w.people.size() / 40000);
  for (size_t i = 0; i < w.people.size(); i += stride) {
    const Person& p = w.people[i];
    if (p.FirstDay() <= w.window_start && p.periods.front().end >= w.window_start)
      sample.push_back(&p);
  }
  for (int c = 0; c < kConditionCount; ++c) {
    if (kPrevalenceMeasures[c] == nullptr) continue;
    const double target = CalibrationTargets().Get(kPrevalenceMeasures[c]) / 100.0;
    double low = -20, high = 10;
    for (int iteration = 0; iteration < 40; ++iteration) {
      const double mid = (low + high) / 2;
      double cases = 0, denominator = 0;
      for (const Person* p : sample) {
        const double age = AgeOnDay(*p, w.window_start);
        if (age < kDenominatorAge[c]) continue;
        denominator += 1;
        if (age >= kShapes[c].min_age) cases += Logistic(ConditionLogit(kShapes[c], mid, age, *p));
      }
      (cases / std::max(1.0, denominator) < target ? low : high) = mid;
    }
    intercepts[c] = (low + high) / 2;
  }
  return intercepts;
}

// Conditions present when the person joins the data, and new ones during it.
void GiveConditions(const World& w, const std::array<double, kConditionCount>& intercepts,
                    Random& rng, Person* p) {
  const Day first = std::max(p->FirstDay(), w.window_start);
  const double age_then = AgeOnDay(*p, first);
  const double years = (w.window_end - first + 1) / kDaysPerYear;
  for (int c = 0; c < kConditionCount; ++c) {
    const ConditionShape& s = kShapes[c];
    if (kPrevalenceMeasures[c] == nullptr) continue;
    const double probability =
        age_then >= s.min_age ? Logistic(ConditionLogit(s, intercepts[c], age_then, *p)) : 0.0;
    if (rng.Chance(probability)) {
      // Present already: first recorded some time after reaching the minimum age.
      const Day earliest = std::max<Day>(p->birth + static_cast<Day>(s.min_age * kDaysPerYear),
                                         first - static_cast<Day>(20 * kDaysPerYear));
      p->onset[c] = earliest + static_cast<Day>(rng.Below(std::max<Day>(1, first - earliest)));
    } else if (rng.Chance(std::min(0.5, probability * s.incidence * years))) {
      const Day day = first + static_cast<Day>(rng.Below(std::max<Day>(1, w.window_end - first)));
      if (AgeOnDay(*p, day) >= s.min_age) p->onset[c] = day;
    }
  }
}

double DeathMultiplier(const Person& p, Day day) {
  return std::exp(0.095 * (AgeOnDay(p, day) - 80.0) + 0.35 * p.risk + 0.45 * Morbidity(p, day));
}

// The person's hazard multiplier summed over their registered months in the data (person-years
// weighted by risk), the quantity the base hazard scales.
double CumulativeMultiplier(const World& w, const Person& p) {
  double total = 0;
  for (const Period& period : p.periods) {
    const Day end = std::min(period.end, w.window_end);
    for (Day day = std::max(period.start, w.window_start); day <= end; day += 30) {
      const Day last = std::min<Day>(day + 29, end);
      total += DeathMultiplier(p, day) * (last - day + 1) / kDaysPerYear;
    }
  }
  return total;
}

void Die(const World& w, double base_hazard, Random& rng, Person* p) {
  // Walk the registered days a month at a time with the hazard of that month.
  for (Period& period : p->periods) {
    const Day end = std::min(period.end, w.window_end);
    for (Day day = std::max(period.start, w.window_start); day <= end; day += 30) {
      const Day last = std::min<Day>(day + 29, end);
      const double hazard =
          base_hazard * DeathMultiplier(*p, day) * (last - day + 1) / kDaysPerYear;
      if (!rng.Chance(1.0 - std::exp(-hazard))) continue;
      p->death = day + static_cast<Day>(rng.Below(last - day + 1));
      period.end = p->death;
      period.end_reason = RegistrationEnd::kDeath;
      while (&p->periods.back() != &period) p->periods.pop_back();
      return;
    }
  }
}

// Place of death and, where recorded, the preferred place; the palliative care register.
void EndOfLife(Random& rng, Person* p) {
  const bool frail_old = AgeOnDay(*p, p->death) >= 85 || p->Has(Condition::kDementia, p->death);
  const bool expected =
      p->Has(Condition::kCancer, p->death) || p->Has(Condition::kHeartFailure, p->death) ||
      p->Has(Condition::kCopd, p->death) || p->Has(Condition::kDementia, p->death) || frail_old;
  const bool palliative = rng.Chance(expected ? 0.6 : 0.15);
  if (palliative) {
    const Day onset = p->death - static_cast<Day>(30 + rng.Below(300));
    p->onset[static_cast<int>(Condition::kPalliative)] = std::max(onset, p->FirstDay());
  }
  // Weights give England's 2019 mix overall: hospital 44, home 24, care home 22, hospice 6.
  double weights[5] = {44.0, 24.0, frail_old ? 48.0 : 8.0, palliative ? 11.0 : 2.0, 4.0};
  if (palliative) weights[1] *= 1.3;
  double total = 0;
  for (double x : weights) total += x;
  double u = rng.Uniform() * total;
  int place = 0;
  while (place < 4 && u >= weights[place]) u -= weights[place++];
  p->place = static_cast<PlaceOfDeath>(place);
  if (rng.Chance(palliative ? 0.75 : 0.15)) {
    constexpr double kPreferred[5] = {5, 55, 15, 20, 5};
    double v = rng.Uniform() * 100;
    int preferred = 0;
    while (preferred < 4 && v >= kPreferred[preferred]) v -= kPreferred[preferred++];
    p->preferred_place = preferred;
  }
}

}  // namespace

Random PersonStream(uint64_t seed, size_t person, Stream stream) {
  return Random(seed, person * 16 + static_cast<uint64_t>(stream));
}

void ParallelChunks(size_t n, size_t chunk, int threads,
                    const std::function<void(size_t, size_t)>& body) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t begin; (begin = next.fetch_add(chunk)) < n;)
      body(begin, std::min(n, begin + chunk));
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

double Morbidity(const Person& p, Day day) {
  double m = 0;
  for (int c = 0; c < kConditionCount; ++c) {
    if (p.onset[c] <= day) m += kShapes[c].morbidity;
  }
  return m;
}

void BuildPeople(const GeneratorOptions& o, const Area* area, int threads, World* w) {
  // One slot per person: each practice's list on the first day, then its births and move-ins.
  std::vector<Slot> slots;
  const double years = (w->window_end - w->window_start + 1) / kDaysPerYear;
  const double birth_rate = CalibrationTargets().Get("births_per_1000") / 1000.0;
  for (size_t p = 0; p < w->practices.size(); ++p) {
    const int64_t list = w->practices[p].list_size;
    slots.insert(slots.end(), list, Slot{static_cast<int>(p), Slot::kInitial});
    slots.insert(slots.end(), std::llround(list * years * birth_rate),
                 Slot{static_cast<int>(p), Slot::kBirth});
    slots.insert(slots.end(), std::llround(list * years * kMoveInRate),
                 Slot{static_cast<int>(p), Slot::kMoveIn});
  }
  const AgeStructure england = EnglandAgeStructure();
  std::vector<AgeStructure> lsoa_ages;
  // With an area, each practice draws its patients from the LSOAs around its centre (in code
  // order), weighted by their population.
  std::vector<std::vector<double>> practice_lsoas(w->practices.size());
  if (area != nullptr) {
    for (const AreaLsoa& l : area->lsoas) lsoa_ages.emplace_back(l.people);
    const double width = std::max(2.0, static_cast<double>(area->lsoas.size()) / w->practices.size());
    for (size_t p = 0; p < w->practices.size(); ++p) {
      double total = 0;
      for (size_t j = 0; j < lsoa_ages.size(); ++j) {
        const double distance = std::fabs(static_cast<double>(j) - w->practices[p].centre_lsoa);
        total += lsoa_ages[j].Total() * std::exp(-distance / width);
        practice_lsoas[p].push_back(total);
      }
    }
  }
  w->people.resize(slots.size());
  constexpr size_t kChunk = 4096;
  ParallelChunks(slots.size(), kChunk, threads, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      Random rng = PersonStream(o.seed, i, Stream::kLife);
      LiveOneLife(slots[i], *w, area, lsoa_ages, practice_lsoas, england, rng, &w->people[i]);
    }
  });
  const std::array<double, kConditionCount> intercepts = CalibrateConditions(*w);
  ParallelChunks(slots.size(), kChunk, threads, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      Random rng = PersonStream(o.seed, i, Stream::kConditions);
      GiveConditions(*w, intercepts, rng, &w->people[i]);
    }
  });
  // The base hazard that gives the target death rate over registered person-time: expected
  // deaths, 1 - exp(-hazard * H) summed over people, meet the target (bisection on the hazard).
  std::vector<double> cumulative(w->people.size());
  ParallelChunks(slots.size(), kChunk, threads, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) cumulative[i] = CumulativeMultiplier(*w, w->people[i]);
  });
  double exposure = 0;
  for (const Person& p : w->people)
    exposure += RegisteredDays(p, w->window_start, w->window_end) / kDaysPerYear;
  const double target_deaths = CalibrationTargets().Get("deaths_per_1000") / 1000.0 * exposure;
  double low = 0, high = 1;
  for (int iteration = 0; iteration < 50; ++iteration) {
    const double mid = (low + high) / 2;
    double deaths = 0;
    for (double h : cumulative) deaths += 1.0 - std::exp(-mid * h);
    (deaths < target_deaths ? low : high) = mid;
  }
  const double base_hazard = (low + high) / 2;
  ParallelChunks(slots.size(), kChunk, threads, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      Person& p = w->people[i];
      Random rng = PersonStream(o.seed, i, Stream::kDeath);
      Die(*w, base_hazard, rng, &p);
      if (p.death != kNeverEnds) EndOfLife(rng, &p);
      for (Day& onset : p.onset) {
        if (onset != kNeverEnds && onset > p.LastDay()) onset = kNeverEnds;
      }
    }
  });
}

}  // namespace continuum
