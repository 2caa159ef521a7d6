// Import: validates every row of an interchange folder (docs/data-format.md) and loads it into
// a workspace in one transaction.
//
//   ImportReport report = *ImportFolder("demo/data", workspace, {});
//   if (!report.committed) for (auto& issue : report.issues) ...  // file, line, column, why
//
// By default import is all-or-nothing: any bad row and nothing is written. With quarantine the
// good rows load and every rejected row goes, with its reason, to the reject file.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/row_rules.h"
#include "store/workspace.h"

namespace continuum {

struct ImportReport;

struct ImportOptions {
  bool quarantine = false;
  std::string rejects_path;  // where quarantine writes rejected rows (file,line,column,reason,row)
  // Called with every row that passes its checks, in file order, before it is stored (a row
  // can still be refused by the store as a duplicate key: see ImportReport::refused_by_store).
  std::function<Status(TableId, const ImportRow&)> on_row;
  // Runs inside the import's transaction just before it commits (e.g. to store a snapshot).
  std::function<Status(Workspace&, const ImportReport&)> before_commit;
  // Called now and then with the share of bytes read so far (0..1).
  std::function<void(double)> progress;
  // Checks every row and reports as an import would, then leaves the workspace as it was (a
  // translated import whose source already has problems of its own: see ingest/staged_tables.h).
  bool dry_run = false;
};

struct ImportIssue {
  std::string file;
  int64_t line = 0;    // 0 when the problem is with the whole file
  std::string column;  // empty when it is with the whole row or file; for a FHIR resource, the
                       // element path
  std::string reason;
  bool consequence = false;  // rejected only because a row it depends on was rejected
  std::string resource;      // for a FHIR resource: "Patient/17"; else empty
};

struct TableImport {
  std::string file;
  bool present = false;
  int64_t valid = 0;   // rows that passed every check
  int64_t loaded = 0;  // rows stored: `valid` once committed, 0 when nothing was imported
  int64_t rejected = 0;
};

struct ImportReport {
  std::vector<TableImport> tables;  // one per data-model table, in load order
  // The first kIssuesKept problems of their own and the first kIssuesKept consequences, so that
  // a flood of consequences never hides another root cause.
  std::vector<ImportIssue> issues;
  int64_t issue_count = 0;        // all problems found
  int64_t consequence_count = 0;  // of which, rows rejected only because of another
  std::vector<std::string> ignored_files;
  int64_t refused_by_store = 0;  // rows that passed on_row but were duplicate keys
  // Problems with a whole file (a wrong header, an empty file): its columns cannot be trusted,
  // so the import stops, even with quarantine.
  int64_t file_problems = 0;
  bool committed = false;
  static constexpr size_t kIssuesKept = 1000;

  int64_t Loaded() const;
  int64_t Valid() const;
};

// Formats an issue as "activity.csv line 12, column date: '2019-02-30' is not a date", or for a
// FHIR resource "Encounter.ndjson line 12, Encounter/5001, element Encounter.period.start: ...".
std::string FormatIssue(const ImportIssue& issue);

// Errors that stop the import altogether (unreadable folder, workspace failure) come back as a
// Status; problems with the data come back in the report, with committed == false unless
// quarantining (and never when a whole file is unusable).
Result<ImportReport> ImportFolder(const std::string& folder, Workspace& workspace,
                                  const ImportOptions& options);

}  // namespace continuum
