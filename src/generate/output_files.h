// The interchange files being written: each opened as "<name>.tmp", filled in order, and
// renamed to its real name only when every file is complete, so an interrupted run never
// leaves a file that looks finished. memberships.csv is written only when it has rows (a
// folder without it means every practice is its parent ICO's member for all time). Activity and
// referral rows arrive without their id and are numbered here, in file order.
//
//   Result<OutputFiles> files = OutputFiles::Create("demo/data");
//   files->Append(TableId::kPatients, rows);
//   files->AppendNumbered(TableId::kActivity, rows_without_ids);
//   Status done = files->Commit();
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/status.h"
#include "generate/text_buffer.h"
#include "model/schema.h"

namespace continuum {

class OutputFiles {
 public:
  // Creates the folder if needed and opens every file with its header row written.
  static Result<OutputFiles> Create(const std::string& folder);
  OutputFiles(OutputFiles&& other) noexcept;
  OutputFiles& operator=(OutputFiles&&) = delete;
  ~OutputFiles();  // removes the temporary files unless committed

  void Append(TableId table, std::string_view rows);
  // Rows that each start with ',': prefixes each with the next id (1, 2, ...).
  void AppendNumbered(TableId table, std::string_view rows);
  int64_t rows(TableId table) const { return rows_[static_cast<int>(table)]; }
  void CountRows(TableId table, int64_t n) { rows_[static_cast<int>(table)] += n; }
  // Whether Commit gives the table's file its real name (false for memberships without rows).
  bool Writes(TableId table) const { return table != TableId::kMemberships || rows(table) > 0; }
  // Flushes, closes and renames every file; an IoError names the file that failed.
  Status Commit();

 private:
  OutputFiles() = default;
  void Write(int file, std::string_view bytes);
  void Abandon();

  std::string folder_;
  std::array<std::FILE*, kTableCount> files_{};
  std::array<int64_t, kTableCount> rows_{};
  std::array<int64_t, kTableCount> next_id_{};
  TextBuffer staging_;  // numbered rows on their way to the file
  bool failed_ = false;
  bool committed_ = false;
};

}  // namespace continuum
