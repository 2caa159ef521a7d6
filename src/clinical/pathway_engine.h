// Follows every patient's records through integrated care pathways: finds each episode (an entry
// in the period), then for each step the first record that meets it, and says where the step
// stands on the status day. Each table is grouped by patient once, each filter is compiled into
// lookup tables over the engine's dictionaries, and patients are scanned on two threads.
//
//   PathwayRun run = FollowPathways(population, definitions,
//                                   {.from = start, .to = end, .as_of = p.events.last_day});
//   for (const Episode& e : run.episodes) run.Outcome(e, step).state ...
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "clinical/pathway_definition.h"
#include "engine/population.h"

namespace continuum {

// Where one step of one episode stands on the status day.
enum class StepState : uint8_t {
  kMetOnTime,   // met by its due day (or it has none)
  kMetLate,     // met after its due day: a breach
  kOverdue,     // not met by the end of its due day, the patient alive and registered then
  kNotYetDue,   // not met, not yet due, the patient still alive and registered
  kWaiting,     // the step it follows is not met (and not closed)
  kClosedDied,  // not met, the patient died before it fell due
  kClosedLeft,  // not met, the patient left the practice's list before it fell due
  kNotMet,      // can no longer be met although the patient was in care: died elsewhere than
                // the preferred place
};
inline constexpr std::string_view kStepStateCodes[] = {"met_on_time", "met_late", "overdue",
                                                       "not_yet_due", "waiting",  "closed_died",
                                                       "closed_left", "not_met"};
inline constexpr int kStepStateCount = 8;

inline bool IsMet(StepState s) { return s == StepState::kMetOnTime || s == StepState::kMetLate; }

struct StepOutcome {
  StepState state = StepState::kWaiting;
  Day due = kNoDay;  // when it falls due; kNoDay when it has no limit or is waiting
  Day met = kNoDay;  // the day of the record that met it
  int32_t days = 0;  // when met: days from the step (or entry) it follows
};

// An entry that would start an episode but does not, and why; counted, never dropped.
enum class Exclusion : uint8_t {
  kNotRegistered,       // not registered with a practice on the entry day
  kDiedInHospital,      // a discharge entry: died on or before the day of discharge
  kJoinedLateInYear,    // a yearly entry: joined the register or the list within the grace days
  kOnExcludedRegister,  // on a register the entry excludes, on the entry day
};
inline constexpr std::string_view kExclusionCodes[] = {
    "not_registered_on_entry", "died_before_discharge", "joined_late_in_year",
    "on_an_excluded_register"};
inline constexpr int kExclusionCount = 4;

struct Episode {
  uint32_t patient = 0;
  uint16_t pathway = 0;   // index into the definitions
  uint32_t practice = 0;  // the patient's practice on the entry day
  Day entry = 0;
  uint32_t first_outcome = 0;  // the outcome of step s is outcomes[first_outcome + s]
};

struct ExcludedEntry {
  uint32_t patient = 0;
  uint16_t pathway = 0;
  uint32_t practice = Dictionary::kMissing;  // on the entry day, when registered
  Exclusion why = Exclusion::kNotRegistered;
};

struct PathwayOptions {
  Day from = 0, to = 0;  // episodes whose entry falls in [from, to]
  Day as_of = 0;         // the status day: states are as at its end, nothing later is seen
  int threads = 2;
};

// What a report follows unless told otherwise: the episodes entering in the financial year of
// the data's last day, as at that day.
PathwayOptions DefaultPathwayOptions(const Population& population);

struct PathwayRun {
  PathwayOptions options;
  std::vector<Episode> episodes;  // by patient, then pathway, then entry day
  std::vector<StepOutcome> outcomes;
  std::vector<ExcludedEntry> excluded;  // by patient, then pathway
  int64_t records_scanned = 0;          // events, referrals and observations looked at

  const StepOutcome& Outcome(const Episode& e, int step) const {
    return outcomes[e.first_outcome + step];
  }
};

PathwayRun FollowPathways(const Population& population,
                          std::span<const PathwayDefinition> definitions,
                          const PathwayOptions& options);

}  // namespace continuum
