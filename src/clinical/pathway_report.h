// The figures `continuum pathways` reports from a PathwayRun: for each pathway, for each ICO and
// each of its member practices (then the control practices, apart): episodes and patients,
// exclusions, each step's states, where patients are waiting, adherence with its 95% interval,
// days between steps (median and 90th percentile), breaches; and the worklist of overdue steps
// for the ICO's care coordinators.
//
//   PathwayRun run = FollowPathways(p, definitions, options);
//   PathwaysReport report = ReportPathways(p, definitions, run, {});
//   for (const PathwayFigures& f : report.pathways) f.units[0].adherence.value ...
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "clinical/pathway_engine.h"

namespace continuum {

// A proportion with Wilson's 95% score interval (stats/intervals.h); value and limits are 0 when
// there is no denominator.
struct Proportion {
  int64_t numerator = 0, denominator = 0;
  double value = 0, lower = 0, upper = 0;
};

// The p-th percentile (0..1) of sorted values, interpolating between the closest ranks (as
// numpy's default and Excel's PERCENTILE.INC do); the median is p = 0.5.
double Percentile(const std::vector<int32_t>& sorted, double p);

struct StepFigures {
  std::array<int64_t, kStepStateCount> states{};  // episodes in each StepState
  int64_t waiting_here = 0;  // open episodes whose first step not yet met is this one
  int64_t breaches = 0;      // met late or overdue
  // Met on time over every decided episode: met on time or late, overdue, not met.
  Proportion adherence;
  std::optional<double> median_days, p90_days;  // from the step it follows, when met
};

enum class UnitKind : uint8_t { kIco, kPractice, kControlGroup, kControlPractice };
inline constexpr std::string_view kUnitKindCodes[] = {"ico", "practice", "control_group",
                                                      "control_practice"};

// One ICO, practice or the control practices together, for one pathway.
struct UnitFigures {
  UnitKind kind = UnitKind::kIco;
  std::string id, name;
  int64_t registered = 0;  // on the lists on the list day
  int64_t patients = 0;    // with at least one episode
  int64_t episodes = 0;
  std::array<int64_t, kExclusionCount> excluded{};  // entries not made episodes, by reason
  std::vector<StepFigures> steps;
  // Whole episodes: every step met on time; some step late, overdue or not met; some step
  // closed (died or left) and none breached; the rest still open.
  int64_t on_time = 0, breached = 0, closed = 0, open = 0;
  Proportion adherence;  // on time over on time and breached
};

struct PathwayFigures {
  const PathwayDefinition* definition = nullptr;
  std::vector<UnitFigures> units;  // each ICO then its practices; the control practices last
  int64_t not_registered = 0;      // entries of patients on no list on the entry day
};

// An overdue step of a patient alive and on an ICO member practice's list on the status day.
struct WorklistItem {
  int64_t patient_id = 0;
  std::string practice;  // the practice the patient is registered with on the status day
  const PathwayDefinition* pathway = nullptr;
  int step = 0;
  Day entry = 0, due = 0;
  int32_t days_overdue = 0;  // status day minus due day
};

struct PathwaysReport {
  PathwayOptions options;
  Day list_day = 0;  // registered populations are counted on this day
  std::vector<PathwayFigures> pathways;
  std::vector<WorklistItem> worklist;  // by practice, most overdue first, then patient
};

// Which practices a report shows. By default every ICO with its member practices, then the
// control practices, with the worklist of every member practice.
struct ReportScope {
  // Only this ICO (organisation index): its figures, its member practices' and their worklist,
  // without the other ICOs and the control practices.
  std::optional<uint32_t> ico;
  // Only this practice (organisation index): its figures and its worklist.
  std::optional<uint32_t> practice;
  // Only this commissioner's (organisation index) ICOs and control practices: what one ICO's
  // people and its commissioner see, without another commissioner's.
  std::optional<uint32_t> commissioner;
  // Only the groups as wholes (each ICO, the control practices together), without a practice's
  // own figures and without a worklist: the commissioner's oversight.
  bool groups_only = false;
};

PathwaysReport ReportPathways(const Population& population,
                              std::span<const PathwayDefinition> definitions, const PathwayRun& run,
                              const ReportScope& scope);

}  // namespace continuum
