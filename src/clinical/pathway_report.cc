#include "clinical/pathway_report.h"

#include <algorithm>
#include <cmath>

#include "engine/registered_on.h"
#include "finance/ico_scope.h"
#include "stats/intervals.h"

namespace continuum {

double Percentile(const std::vector<int32_t>& sorted, double p) {
  if (sorted.empty()) return 0;
  const double rank = p * static_cast<double>(sorted.size() - 1);
  const size_t below = static_cast<size_t>(std::floor(rank));
  if (below + 1 >= sorted.size()) return sorted.back();
  return sorted[below] + (rank - static_cast<double>(below)) * (sorted[below + 1] - sorted[below]);
}

namespace {

// Wilson's 95% interval for numerator / denominator, as stats/intervals.h gives it.
Proportion WilsonProportion95(int64_t numerator, int64_t denominator) {
  Proportion p{.numerator = numerator, .denominator = denominator};
  if (denominator <= 0) return p;
  const Result<Estimate> wilson = WilsonProportion(numerator, denominator);  // n > 0: valid
  p.value = wilson->value;
  p.lower = wilson->interval.lower;
  p.upper = wilson->interval.upper;
  return p;
}

// The units a report shows and which of them each practice's episodes count in.
struct Units {
  std::vector<UnitFigures> units;                   // kind, id, name and registered filled in
  std::vector<std::array<int32_t, 2>> of_practice;  // by organisation: its units, or -1
  std::vector<uint8_t> ico_member;                  // by organisation: a member of an ICO
};

Units MakeUnits(const Population& p, const ReportScope& scope, Day list_day) {
  const OrganisationColumns& o = p.organisations;
  Units u{.of_practice = std::vector<std::array<int32_t, 2>>(o.size(), {-1, -1}),
          .ico_member = std::vector<uint8_t>(o.size(), 0)};
  std::vector<int64_t> registered(o.size(), 0);
  const RegistrationColumns& r = p.registrations;
  for (size_t i = 0; i < r.size(); ++i) {
    if (RegistrationOn(p, i, list_day)) ++registered[r.practice[i]];
  }
  for (PracticeGroup& g : PracticeGroups(p)) {
    if (scope.ico && g.ico != *scope.ico) continue;
    const bool ico = g.ico != Dictionary::kMissing;
    if (scope.commissioner) {
      if (ico && o.parent[g.ico] != *scope.commissioner) continue;
      if (!ico)
        std::erase_if(g.practices,
                      [&](uint32_t practice) { return o.parent[practice] != *scope.commissioner; });
      if (g.practices.empty()) continue;
    }
    int32_t total = -1;
    if (!scope.practice) {
      total = static_cast<int32_t>(u.units.size());
      u.units.push_back({.kind = ico ? UnitKind::kIco : UnitKind::kControlGroup,
                         .id = ico ? o.ids.Value(g.ico) : "control",
                         .name = ico ? o.name[g.ico] : "control practices"});
    }
    for (uint32_t practice : g.practices) {
      u.ico_member[practice] = ico;
      if (scope.practice && *scope.practice != practice) continue;
      if (scope.groups_only && total >= 0) {
        u.of_practice[practice] = {total, -1};
        u.units[total].registered += registered[practice];
        continue;
      }
      u.of_practice[practice] = {total, static_cast<int32_t>(u.units.size())};
      u.units.push_back({.kind = ico ? UnitKind::kPractice : UnitKind::kControlPractice,
                         .id = o.ids.Value(practice),
                         .name = o.name[practice],
                         .registered = registered[practice]});
      if (total >= 0) u.units[total].registered += registered[practice];
    }
  }
  return u;
}

// One pathway's units while episodes are counted.
struct Tally {
  std::vector<UnitFigures> units;
  std::vector<std::vector<std::vector<int32_t>>> days;  // [unit][step]: days when met
  std::vector<uint32_t> last_patient;                   // [unit]: to count patients once
};

bool IsClosed(StepState s) { return s == StepState::kClosedDied || s == StepState::kClosedLeft; }

void Count(const PathwayRun& run, const Episode& e, size_t steps, bool in_care, size_t unit,
           Tally* t) {
  UnitFigures& u = t->units[unit];
  ++u.episodes;
  if (t->last_patient[unit] != e.patient) ++u.patients;
  t->last_patient[unit] = e.patient;
  bool breached = false, closed = false, open = false, waiting_counted = false;
  for (size_t s = 0; s < steps; ++s) {
    const StepOutcome& out = run.Outcome(e, static_cast<int>(s));
    StepFigures& f = u.steps[s];
    ++f.states[static_cast<int>(out.state)];
    if (IsMet(out.state)) {
      t->days[unit][s].push_back(out.days);
    } else if (!waiting_counted) {
      waiting_counted = true;
      if (in_care && !IsClosed(out.state) && out.state != StepState::kNotMet) ++f.waiting_here;
    }
    const bool breach = out.state == StepState::kMetLate || out.state == StepState::kOverdue;
    f.breaches += breach;
    breached |= breach || out.state == StepState::kNotMet;
    closed |= IsClosed(out.state);
    open |= out.state == StepState::kNotYetDue || out.state == StepState::kWaiting;
  }
  if (breached) {
    ++u.breached;
  } else if (closed) {
    ++u.closed;
  } else if (open) {
    ++u.open;
  } else {
    ++u.on_time;
  }
}

void Finish(Tally* t) {
  for (size_t unit = 0; unit < t->units.size(); ++unit) {
    UnitFigures& u = t->units[unit];
    u.adherence = WilsonProportion95(u.on_time, u.on_time + u.breached);
    for (size_t s = 0; s < u.steps.size(); ++s) {
      StepFigures& f = u.steps[s];
      auto n = [&](StepState state) { return f.states[static_cast<int>(state)]; };
      f.adherence = WilsonProportion95(n(StepState::kMetOnTime),
                                       n(StepState::kMetOnTime) + n(StepState::kMetLate) +
                                           n(StepState::kOverdue) + n(StepState::kNotMet));
      std::vector<int32_t>& days = t->days[unit][s];
      if (days.empty()) continue;
      std::sort(days.begin(), days.end());
      f.median_days = Percentile(days, 0.5);
      f.p90_days = Percentile(days, 0.9);
    }
  }
}

}  // namespace

PathwaysReport ReportPathways(const Population& p, std::span<const PathwayDefinition> definitions,
                              const PathwayRun& run, const ReportScope& scope) {
  const PathwayOptions& o = run.options;
  PathwaysReport report{.options = o, .list_day = std::min(o.to, o.as_of)};
  const Units units = MakeUnits(p, scope, report.list_day);
  std::vector<Tally> tallies(definitions.size());
  for (size_t d = 0; d < definitions.size(); ++d) {
    Tally& t = tallies[d];
    t.units = units.units;
    for (UnitFigures& u : t.units) u.steps.resize(definitions[d].steps.size());
    t.days.assign(t.units.size(), std::vector<std::vector<int32_t>>(definitions[d].steps.size()));
    t.last_patient.assign(t.units.size(), UINT32_MAX);
  }
  // A patient alive and on a list on the status day is still in care; the practice they are
  // with then is the one to act on an overdue step.
  auto current_practice = [&](uint32_t patient) {
    return p.patients.death[patient] <= o.as_of ? Dictionary::kMissing
                                                : p.PracticeOn(patient, o.as_of);
  };
  for (const Episode& e : run.episodes) {
    const PathwayDefinition& d = definitions[e.pathway];
    const uint32_t now = current_practice(e.patient);
    for (int32_t unit : units.of_practice[e.practice]) {
      if (unit >= 0)
        Count(run, e, d.steps.size(), now != Dictionary::kMissing, static_cast<size_t>(unit),
              &tallies[e.pathway]);
    }
    if (scope.groups_only || now == Dictionary::kMissing || !units.ico_member[now]) continue;
    if (scope.practice && *scope.practice != now) continue;
    for (size_t s = 0; s < d.steps.size(); ++s) {
      const StepOutcome& out = run.Outcome(e, static_cast<int>(s));
      if (out.state != StepState::kOverdue) continue;
      report.worklist.push_back({.patient_id = p.patients.id[e.patient],
                                 .practice = p.organisations.ids.Value(now),
                                 .pathway = &d,
                                 .step = static_cast<int>(s),
                                 .entry = e.entry,
                                 .due = out.due,
                                 .days_overdue = o.as_of - out.due});
    }
  }
  for (size_t d = 0; d < definitions.size(); ++d) {
    Finish(&tallies[d]);
    report.pathways.push_back(
        {.definition = &definitions[d], .units = std::move(tallies[d].units)});
  }
  for (const ExcludedEntry& x : run.excluded) {
    PathwayFigures& f = report.pathways[x.pathway];
    if (x.practice == Dictionary::kMissing) {
      f.not_registered += !scope.practice && !scope.ico;
      continue;
    }
    for (int32_t unit : units.of_practice[x.practice]) {
      if (unit >= 0) ++f.units[unit].excluded[static_cast<int>(x.why)];
    }
  }
  std::sort(report.worklist.begin(), report.worklist.end(),
            [](const WorklistItem& a, const WorklistItem& b) {
              if (a.practice != b.practice) return a.practice < b.practice;
              if (a.days_overdue != b.days_overdue) return a.days_overdue > b.days_overdue;
              if (a.patient_id != b.patient_id) return a.patient_id < b.patient_id;
              if (a.pathway != b.pathway) return a.pathway->id < b.pathway->id;
              return a.step < b.step;
            });
  return report;
}

}  // namespace continuum
