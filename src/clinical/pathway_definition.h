// An integrated care pathway as data: what starts an episode of care (the entry) and the steps
// that should follow it, each with the records that meet it and how soon. Definitions are JSON
// files (docs/clinical.md, "Pathways"); the shipped ones live in data/pathways/ and are compiled
// into the binary.
//
//   Result<PathwayDefinition> d = ReadPathwayDefinition("my_pathway.json");
//   if (!d.ok()) return d.status();   // "my_pathway.json, field steps[1].after: ..."
//   Result<std::vector<PathwayDefinition>> shipped = ShippedPathways();
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinical/code_pattern.h"
#include "core/status.h"

namespace continuum {

// The kind of record an entry or a step is met by.
enum class RecordKind : uint8_t {
  kActivity,     // activity.csv: an event in any setting
  kReferral,     // referrals.csv
  kObservation,  // observations.csv
  kDeath,        // deaths.csv (steps only)
  kDischarge,    // the end of an admission in activity.csv: its day + length_of_stay (entries only)
  kRegister,     // conditions.csv: joining a disease register (entries only)
};
inline constexpr std::string_view kRecordKindCodes[] = {"activity", "referral",  "observation",
                                                        "death",    "discharge", "register"};

// What a record must be to match: every filter given must hold; a filter not given holds for
// any record. Which filters a kind may carry is checked when the definition is read.
struct RecordFilter {
  RecordKind kind = RecordKind::kActivity;
  uint32_t settings = 0;  // activity and discharge: bits over Setting; 0 for any
  // Code patterns, empty for any code.
  CodePatterns specialty;  // activity, discharge and referral
  CodePatterns diagnosis;  // activity and discharge: ICD-10; referral: its reason
  CodePatterns procedure;  // activity and discharge: OPCS-4
  CodePatterns medicine;   // activity: BNF
  uint32_t referrers = 0;  // referral: bits over the referrer's OrgKind; 0 for any
  int observation = -1;    // observation: the ObservationKind
  int value = -1;      // observation: a coded value's index in ObservationValueCodes, or -1 for any
  int condition = -1;  // register: the Condition
  bool preferred_place = false;  // death: in the place the patient preferred
  uint32_t places = 0;           // death: bits over PlaceOfDeath; 0 (and not preferred): any
};

inline constexpr int kEntry = -1;  // `after` / `same_specialty_as`: the entry, not a step

struct PathwayEntry {
  std::string title;
  RecordFilter filter;
  // Register entries only: one episode per financial year the patient is on the register and
  // registered, entered on the year's first such day, every step due by the year's end.
  bool yearly = false;
  // With `yearly`: episodes entered fewer than this many days before the year's end are
  // excluded (QOF's personalised care adjustment for new diagnoses and registrations).
  int grace_days = 0;
};

struct PathwayStep {
  std::string id, title;
  std::string action;  // what a care coordinator should do when it is overdue
  RecordFilter filter;
  int after = kEntry;                    // the step (an earlier one) or the entry this one follows
  std::optional<int> within_days;        // due this many days after `after` was met; none: no limit
  std::optional<int> same_specialty_as;  // kEntry or an earlier step whose specialty must match
};

struct PathwayDefinition {
  std::string id, title, source;
  std::string file;  // where it was read from, for messages and reports
  PathwayEntry entry;
  std::vector<PathwayStep> steps;
};

// A definition has at most this many steps, so that an entry and its steps fit one 64-bit mask.
inline constexpr int kMaxPathwaySteps = 63;

// Reads a definition from JSON text; `file_name` names it in messages. Every problem is an
// invalid-input status naming the file and the field.
Result<PathwayDefinition> ParsePathwayDefinition(std::string_view json,
                                                 const std::string& file_name);
// Reads the definition file at `path`.
Result<PathwayDefinition> ReadPathwayDefinition(const std::string& path);
// The definitions under data/pathways/, compiled into the binary, in file name order.
Result<std::vector<PathwayDefinition>> ShippedPathways();

}  // namespace continuum
