// The files users write by hand that the reports run on — risk-share contracts, tariffs, savings
// scenarios and the evaluation's analysis plans — kept in the workspace with every version, so the
// command line and the server read the same ones. A file is stored as its exact text with its name,
// a BLAKE2b digest, who added it and when; adding another to the same series makes the next
// version, which supersedes the one before (older versions stay readable). The series: a contract's
// ICO and financial year, a scenario's name, and the workspace's one tariff.
//
//   SavedFiles saved(*workspace);
//   Result<SavedFile> v = saved.Add({.kind = SavedKind::kContract, .ico = "ZICO1", .year = 2024,
//                                    .file_name = "nelson_vale.json", .text = json, ...});
//   Result<SavedFile> in_force = saved.Get(SavedKind::kContract, "ZICO1", 2024, "");
//
// Like its Workspace, use it from one thread at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "store/workspace.h"

namespace continuum {

enum class SavedKind { kContract, kTariff, kScenario, kPlan };
// "contract", "tariff", "scenario", "plan": the code stored; the command that adds one is named
// after it (an analysis plan's: continuum evaluate add).
std::string_view SavedKindCode(SavedKind kind);

// How messages name a series: "contract ZICO1 2024-25", "scenario 'care closer to home'",
// "tariff".
std::string SeriesName(SavedKind kind, std::string_view ico, int year, std::string_view name);

struct SavedFile {
  // Given when added, in the order added across every kind: the largest tells whoever caches a
  // saved file that a new version appeared (SavedFiles::LatestId()).
  int64_t id = 0;
  SavedKind kind = SavedKind::kContract;
  // The series: a contract's ICO and financial year (the year it starts in); a scenario's or an
  // analysis plan's name.
  std::string ico;
  int year = 0;
  std::string name;
  int version = 0;        // 1, 2, ... within the series; given when added
  bool in_force = false;  // the series' latest version
  std::string file_name;  // the added file's name, without its folder
  std::string text;       // the file's bytes, exactly as added
  std::string digest;     // BLAKE2b-256 of text, hex; given when added
  std::string added_by;
  int64_t added_at = 0;  // unix seconds
};

// The SQL creating the table and the triggers keeping it append-only (run by Workspace::Open).
std::string SavedFilesSchemaSql();
// The SQL that widens a table made before analysis plans were kept, whose kinds do not include
// 'plan', keeping every version as it was (run by Workspace::Open when it finds one), and the
// query telling whether the workspace has such a table (a count of 1).
std::string WidenSavedFilesSql();
std::string_view NarrowSavedFilesQuery();

class SavedFiles {
 public:
  explicit SavedFiles(Workspace& workspace) : workspace_(workspace) {}

  // Stores `file` as the next version of its series, in one transaction of its own; returns it
  // with its id, version and digest. The caller has checked the text. Leaves the data generation
  // alone: no patient data changes.
  Result<SavedFile> Add(SavedFile file);
  // The versions of `kind` (of one ICO when `ico` is not empty), in force only or all, by series
  // (ICO, year, name) and then version.
  Result<std::vector<SavedFile>> List(SavedKind kind, std::string_view ico = "",
                                      bool in_force_only = false);
  // One version of a series; `version` 0: the one in force. NotFound naming the command that
  // adds one when there is none.
  Result<SavedFile> Get(SavedKind kind, std::string_view ico, int year, std::string_view name,
                        int version = 0);
  // The largest id given so far (0: none): cheap, and it grows whenever any version is added.
  Result<int64_t> LatestId();

 private:
  Workspace& workspace_;
};

}  // namespace continuum
