// Builds a Population from rows, one table at a time in load order, whether the rows come
// from the workspace (loader.cc) or from files being imported (so the import can store the
// engine's snapshot without reading everything back).
//
//   PopulationBuilder builder(std::move(existing));       // or an empty Population
//   builder.Add(TableId::kPatients, row);                 // fields as text, numbers parsed
//   Result<Population> population = std::move(builder).Finish();
//
// A large import keeps the events in temporary files instead (KeepEventsInFiles) and finishes
// with FinishForSnapshot, so that its snapshot is written without holding every event.
//
// Rows must already satisfy the import rules; a reference the builder cannot resolve is
// reported as a corrupt workspace.
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
#include "engine/event_column_files.h"
#include "engine/population.h"
#include "model/schema.h"

namespace continuum {

// One row: every field as text (empty when absent), and integers, dates (day numbers) and money
// (pence) parsed.
struct BuilderRow {
  std::span<const std::string_view> fields;
  std::span<const int64_t> parsed;
};

class PopulationBuilder {
 public:
  explicit PopulationBuilder(Population base = {});

  // From here on the events (the base's too) go to temporary files in `folder`; call before
  // adding rows.
  Status KeepEventsInFiles(const std::string& folder);

  Status Add(TableId table, const BuilderRow& row);
  // Sorts patients and events by id and registrations by patient and start, and attributes
  // each event to its patient's practice on the day.
  Result<Population> Finish() &&;
  // As Finish, leaving the events in their files when they were kept there and came in id order
  // after patients in id order (as a new workspace's import does); otherwise they come back
  // into memory to be sorted.
  Result<BuiltPopulation> FinishForSnapshot() &&;

 private:
  // Finish's work on every table but the events' columns: patients sorted (by `new_index`, the
  // old index to the new, empty when they were in order), registrations, memberships, parents.
  std::vector<uint32_t> FinishTables();
  // The practice of each event in files, and the events' first and last day.
  Status FinishEventFiles(EventColumnFiles& files);

  Result<uint32_t> PatientIndex(int64_t patient_id) const;
  Result<uint32_t> OrganisationIndex(std::string_view org_id) const;
  // A treatment function code or an ICD-10 code interned in the events' dictionaries (which the
  // referrals share); the missing index when empty.
  uint16_t SpecialtyIndex(std::string_view code);
  uint32_t DiagnosisIndex(std::string_view code);

  Population p_;
  std::unordered_map<int64_t, uint32_t> patient_index_;
  std::vector<std::string> pending_parents_;  // parent ids of organisations added here
  size_t first_new_organisation_;
  std::unique_ptr<EventColumnFiles> event_files_;  // the events, when kept in files
  int64_t last_event_id_ = INT64_MIN;              // of the last event added
  bool events_in_order_ = true;                    // every event's id above the one before
};

}  // namespace continuum
