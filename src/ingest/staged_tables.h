// Rows translated from another format (FHIR, Synthea) into the interchange tables, each with
// the place in its own file it came from. They are written as an interchange folder and imported
// through ImportFolder, so that they meet every check a CSV row meets; the issues that import
// finds are then told against the source, not the staged files.
//
//   StagedTables staged;
//   staged.Add(TableId::kPatients, {"17", "9990000018", ...}, source_index);
//   staged.Write("ws.db.staging");                // patients.csv, ...
//   ImportReport report = *ImportFolder("ws.db.staging", workspace, options);
//   staged.Translate(&report, [&](int64_t source, ImportIssue& issue) { ... });
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "ingest/importer.h"
#include "model/schema.h"

namespace continuum {

// What was read from the source and what became of the parts that gave no row.
struct SourceSummary {
  std::string what;  // "FHIR resources", "Synthea rows"
  std::string item;  // one of them: "resource", "row"
  int64_t files = 0;
  int64_t bytes = 0;
  std::map<std::string, int64_t> read;      // by resource type or file
  std::map<std::string, int64_t> not_used;  // "Type: why" -> how many gave no row
  std::map<std::string, int64_t> not_kept;  // "Type.element: why" -> how many rows lack it
  std::vector<std::string> not_read;        // files of the folder passed over, with why
  // Codes that no codelist holds: "system|code" -> how many carried it.
  std::map<std::string, int64_t> unlisted_codes;
  int64_t Read() const;
};

// What a translated import gives: the import's report and what was read from the source.
struct TranslatedImport {
  ImportReport report;
  SourceSummary summary;
};

// The largest key a table already holds (0 for none): a source's own ids, when they are not
// numbers, are numbered after it.
Result<int64_t> LargestKey(Workspace& workspace, TableId table);

// Imports a folder of staged interchange files with the options given (ImportFolder, or
// ImportWithSnapshot to keep the engine's snapshot current).
using StagedImport =
    std::function<Result<ImportReport>(const std::string& folder, const ImportOptions& options)>;

class StagedTables {
 public:
  // Appends a row to `table`: its fields in column order (empty for absent), and the index of
  // its source in the caller's own list.
  void Add(TableId table, std::span<const std::string> fields, int64_t source);
  int64_t Rows(TableId table) const;

  // Writes each table that has rows as its interchange file in `folder` (created if missing).
  Status Write(const std::string& folder) const;

  // The whole import: the rows written to `staging_folder` (removed afterwards) and imported by
  // `import`; every problem told against its source by `name` (`name_file` for a problem with a
  // staged file as a whole), the source's own problems (`own`) first. With problems of its own
  // the import checks every row but commits nothing, unless quarantining; with quarantine the
  // rejects file lists `own` and each rejected row as file,line,resource,element,reason.
  using SourceNamer = std::function<void(int64_t source, TableId table, ImportIssue& issue)>;
  Result<ImportReport> Import(const std::vector<ImportIssue>& own,
                              const std::string& staging_folder, ImportOptions options,
                              const StagedImport& import, const SourceNamer& name,
                              const std::function<void(ImportIssue&)>& name_file) const;

  // Rewrites every issue of `report` that names a staged file and line: `name` is given the
  // source of the row and fills in the issue's file, line, resource and column as the source
  // names them (the issue's column, on entry, is the table's column).
  void Translate(ImportReport* report, const SourceNamer& name) const;
  // Writes the rejects file `to` from the staged import's rejects file `from`
  // (file,line,column,reason,row), each row told against its source: file,line,resource,
  // element,reason, with `extra` (already in that layout) first.
  Status TranslateRejects(const std::string& from, const std::string& to,
                          const std::vector<ImportIssue>& extra, const SourceNamer& name) const;

 private:
  struct Staged {
    std::string text;              // CSV rows, header excluded
    std::vector<int64_t> sources;  // per row
    std::vector<int64_t> lines;    // per row: the line it starts on (a quoted line break in a
                                   // field makes a row longer than one line)
    int64_t next_line = 2;         // the header is line 1
  };
  bool Locate(std::string_view file, int64_t line, TableId* table, int64_t* source) const;

  std::array<Staged, kTableCount> tables_;
};

}  // namespace continuum
