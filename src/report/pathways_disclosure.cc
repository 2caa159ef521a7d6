#include "report/pathways_disclosure.h"

#include "core/parallel.h"
#include "report/disclosure_table.h"
#include "stats/intervals.h"

namespace continuum {
namespace {

// A unit's counts as cells of the pathway's table.
struct UnitCells {
  int registered, patients, episodes, on_time, breached, closed, open;
  int decided;  // on_time + breached: adherence's denominator
  std::vector<int> excluded;
  struct Step {
    std::vector<int> states;
    int waiting_here, breaches, decided;
  };
  std::vector<Step> steps;
};

// `total` = the sum of `parts`, and a part of 0 under a withheld total is withheld with it.
void AddPartsOf(DisclosureTable& table, int total, const std::vector<int>& parts) {
  table.AddSum(total, parts);
  for (int p : parts) table.WithholdWith(p, total);
}

int State(const UnitCells::Step& s, StepState state) { return s.states[static_cast<int>(state)]; }

UnitCells AddUnit(DisclosureTable& t, const UnitFigures& u) {
  const bool whole = u.kind == UnitKind::kIco || u.kind == UnitKind::kControlGroup;
  UnitCells c{.registered = t.Add(u.registered, whole),
              .patients = t.Add(u.patients, whole),
              .episodes = t.Add(u.episodes, whole),
              .on_time = t.Add(u.on_time, whole),
              .breached = t.Add(u.breached, whole),
              .closed = t.Add(u.closed, whole),
              .open = t.Add(u.open, whole)};
  for (int64_t n : u.excluded) c.excluded.push_back(t.Add(n, whole));
  AddPartsOf(t, c.episodes, {c.on_time, c.breached, c.closed, c.open});
  // Adherence is on time over decided: a 0 on time under a withheld decided count would say that
  // every one of 1 to 7 episodes breached.
  c.decided = t.Add(u.on_time + u.breached, whole);
  AddPartsOf(t, c.decided, {c.on_time, c.breached});
  t.WithholdWith(c.patients, c.episodes);
  t.WithholdWith(c.episodes, c.patients);
  for (const StepFigures& f : u.steps) {
    UnitCells::Step s;
    for (int64_t n : f.states) s.states.push_back(t.Add(n, whole));
    s.waiting_here = t.Add(f.waiting_here, whole);
    s.breaches = t.Add(f.breaches, whole);
    s.decided = t.Add(f.adherence.denominator, whole);
    AddPartsOf(t, c.episodes, s.states);
    AddPartsOf(t, s.breaches, {State(s, StepState::kMetLate), State(s, StepState::kOverdue)});
    AddPartsOf(t, s.decided,
               {State(s, StepState::kMetOnTime), State(s, StepState::kMetLate),
                State(s, StepState::kOverdue), State(s, StepState::kNotMet)});
    t.WithholdWith(s.waiting_here, c.episodes);
    c.steps.push_back(std::move(s));
  }
  return c;
}

// Each count of the group unit is the sum of its practices'.
void AddGroupSums(DisclosureTable& t, const UnitCells& group, const std::vector<UnitCells>& parts) {
  auto sum = [&](auto field) {
    std::vector<int> cells;
    for (const UnitCells& p : parts) cells.push_back(field(p));
    t.AddSum(field(group), cells);
  };
  sum([](const UnitCells& c) { return c.registered; });
  sum([](const UnitCells& c) { return c.patients; });
  sum([](const UnitCells& c) { return c.episodes; });
  sum([](const UnitCells& c) { return c.on_time; });
  sum([](const UnitCells& c) { return c.breached; });
  sum([](const UnitCells& c) { return c.closed; });
  sum([](const UnitCells& c) { return c.open; });
  sum([](const UnitCells& c) { return c.decided; });
  for (size_t x = 0; x < group.excluded.size(); ++x)
    sum([x](const UnitCells& c) { return c.excluded[x]; });
  for (size_t s = 0; s < group.steps.size(); ++s) {
    for (size_t st = 0; st < group.steps[s].states.size(); ++st)
      sum([s, st](const UnitCells& c) { return c.steps[s].states[st]; });
    sum([s](const UnitCells& c) { return c.steps[s].waiting_here; });
    sum([s](const UnitCells& c) { return c.steps[s].breaches; });
    sum([s](const UnitCells& c) { return c.steps[s].decided; });
  }
}

// A proportion of counts as shown: none when either is withheld or nothing is decided.
Proportion Shown(int64_t numerator, int64_t denominator) {
  if (numerator < 0 || denominator <= 0) return {numerator, denominator, 0, 0, 0};
  const Result<Estimate> wilson = WilsonProportion(numerator, denominator);
  if (!wilson.ok()) return {numerator, -1, 0, 0, 0};
  return {numerator, denominator, wilson->value, wilson->interval.lower, wilson->interval.upper};
}

void ControlPathway(PathwayFigures& f) {
  DisclosureTable t;
  std::vector<UnitCells> cells;
  for (const UnitFigures& u : f.units) cells.push_back(AddUnit(t, u));
  for (size_t g = 0; g < f.units.size();) {
    size_t end = g + 1;
    while (end < f.units.size() && (f.units[end].kind == UnitKind::kPractice ||
                                    f.units[end].kind == UnitKind::kControlPractice))
      ++end;
    const bool group =
        f.units[g].kind == UnitKind::kIco || f.units[g].kind == UnitKind::kControlGroup;
    if (group && end > g + 1)
      AddGroupSums(t, cells[g], std::vector<UnitCells>(cells.begin() + g + 1, cells.begin() + end));
    g = end;
  }
  const int not_registered = t.Add(f.not_registered);
  t.Control();
  auto shown = [&](int cell) { return t.Shown(cell).value_or(-1); };
  f.not_registered = shown(not_registered);
  for (size_t k = 0; k < f.units.size(); ++k) {
    UnitFigures& u = f.units[k];
    const UnitCells& c = cells[k];
    u.registered = shown(c.registered);
    u.patients = shown(c.patients);
    u.episodes = shown(c.episodes);
    u.on_time = shown(c.on_time);
    u.breached = shown(c.breached);
    u.closed = shown(c.closed);
    u.open = shown(c.open);
    for (size_t x = 0; x < u.excluded.size(); ++x) u.excluded[x] = shown(c.excluded[x]);
    u.adherence = Shown(u.on_time, shown(c.decided));
    for (size_t s = 0; s < u.steps.size(); ++s) {
      StepFigures& step = u.steps[s];
      const UnitCells::Step& cs = c.steps[s];
      for (size_t st = 0; st < step.states.size(); ++st) step.states[st] = shown(cs.states[st]);
      step.waiting_here = shown(cs.waiting_here);
      step.breaches = shown(cs.breaches);
      step.adherence = Shown(step.states[int(StepState::kMetOnTime)], shown(cs.decided));
      // Days between steps describe the episodes that met the step.
      if (step.states[int(StepState::kMetOnTime)] < 0 || step.states[int(StepState::kMetLate)] < 0)
        step.median_days = step.p90_days = std::nullopt;
    }
  }
}

}  // namespace

PathwaysReport ControlPathways(const PathwaysReport& exact) {
  PathwaysReport shown;
  shown.options = exact.options;
  shown.list_day = exact.list_day;
  shown.pathways = exact.pathways;
  // Each pathway's table is controlled on its own, side by side.
  ParallelFor(shown.pathways.size(), [&](size_t i) { ControlPathway(shown.pathways[i]); });
  shown.worklist = exact.worklist;  // only counted in the aggregates
  return shown;
}

}  // namespace continuum
