// Builds a Population from rows, one table at a time in load order, whether the rows come
// from the workspace (loader.cc) or from files being imported (so the import can store the
// engine's snapshot without reading everything back).
//
//   PopulationBuilder builder(std::move(existing));       // or an empty Population
//   builder.Add(TableId::kPatients, row);                 // fields as text, numbers parsed
//   Result<Population> population = std::move(builder).Finish();
//
// Rows must already satisfy the import rules; a reference the builder cannot resolve is
// reported as a corrupt workspace.
#pragma once

#include <span>
#include <string_view>
#include <unordered_map>

#include "core/status.h"
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

  Status Add(TableId table, const BuilderRow& row);
  // Sorts patients and events by id and registrations by patient and start, and attributes
  // each event to its patient's practice on the day.
  Result<Population> Finish() &&;

 private:
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
};

}  // namespace continuum
