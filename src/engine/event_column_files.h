// The activity events' columns of a population being built, each in a temporary file
// (core/column_file.h) instead of memory, so that an import of hundreds of millions of events
// can store the engine's snapshot without holding them: the builder appends each event and the
// snapshot streams each column back. The population's own EventColumns keep their dictionaries
// and first and last day; its columns stay empty.
//
//   auto files = EventColumnFiles::Create(folder);   // beside the workspace
//   BuiltPopulation built = *std::move(builder).FinishForSnapshot();
//   SerializePopulation(built.population, built.events.get(), sink);
#pragma once

#include <memory>
#include <string>

#include "core/column_file.h"
#include "core/date.h"
#include "core/status.h"
#include "engine/population.h"

namespace continuum {

// The columns of EventColumns, by the same names.
struct EventColumnFiles {
  ColumnFile<int64_t> id;
  ColumnFile<uint32_t> patient;
  ColumnFile<Day> day;
  ColumnFile<uint8_t> setting;
  ColumnFile<uint32_t> practice;
  ColumnFile<uint32_t> provider;
  ColumnFile<uint16_t> specialty;
  ColumnFile<uint32_t> diagnosis;
  ColumnFile<uint32_t> procedure;
  ColumnFile<uint16_t> length_of_stay;
  ColumnFile<uint32_t> quantity;
  ColumnFile<int32_t> cost;
  ColumnFile<uint32_t> medicine;

  static Result<std::unique_ptr<EventColumnFiles>> Create(const std::string& folder);
  size_t size() const { return id.size(); }
  // The first failure to write any column.
  Status status() const;
  // Every column's buffered values written (ColumnFile::Settle), so threads may read at once.
  Status Settle();
  // Every column of `events` appended to the files, and emptied in memory.
  Status Append(EventColumns& events);
  // Every column in memory, into `events` (whose columns are empty), the files emptied.
  Status TakeAll(EventColumns& events);
};

// Calls `visit(column, &EventColumns::column)` for each of the events' columns in a fixed order
// (the snapshot's), whether `events` is an EventColumns or an EventColumnFiles.
template <typename Events, typename Visit>
void VisitEventColumns(Events& events, Visit visit) {
  visit(events.id, &EventColumns::id);
  visit(events.patient, &EventColumns::patient);
  visit(events.day, &EventColumns::day);
  visit(events.setting, &EventColumns::setting);
  visit(events.practice, &EventColumns::practice);
  visit(events.provider, &EventColumns::provider);
  visit(events.specialty, &EventColumns::specialty);
  visit(events.diagnosis, &EventColumns::diagnosis);
  visit(events.procedure, &EventColumns::procedure);
  visit(events.length_of_stay, &EventColumns::length_of_stay);
  visit(events.quantity, &EventColumns::quantity);
  visit(events.cost, &EventColumns::cost);
  visit(events.medicine, &EventColumns::medicine);
}

// A population from PopulationBuilder::FinishForSnapshot: its events are in `events` when that
// is set, otherwise in population.events.
struct BuiltPopulation {
  Population population;
  std::unique_ptr<EventColumnFiles> events;
};

}  // namespace continuum
