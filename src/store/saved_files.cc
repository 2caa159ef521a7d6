#include "store/saved_files.h"

#include "core/date.h"
#include "security/password.h"
#include "store/bound_statement.h"

namespace continuum {

namespace {

constexpr SavedKind kKinds[] = {SavedKind::kContract, SavedKind::kTariff, SavedKind::kScenario,
                                SavedKind::kPlan};

// Every column of a row, in the order RowToFile() reads them; `in_force` is worked out.
constexpr std::string_view kColumns =
    "id, kind, ico, year, name, version, file_name, text, digest, added_by, added_at,"
    " version = MAX(version) OVER (PARTITION BY kind, ico, year, name) AS in_force";

SavedFile RowToFile(const Statement& row) {
  SavedFile f{.id = row.Int(0)};
  for (SavedKind kind : kKinds)
    if (SavedKindCode(kind) == row.Text(1)) f.kind = kind;
  f.ico = row.Text(2);
  f.year = static_cast<int>(row.Int(3));
  f.name = row.Text(4);
  f.version = static_cast<int>(row.Int(5));
  f.file_name = row.Text(6);
  f.text = row.Text(7);
  f.digest = row.Text(8);
  f.added_by = row.Text(9);
  f.added_at = row.Int(10);
  f.in_force = row.Int(11) != 0;
  return f;
}

}  // namespace

std::string SeriesName(SavedKind kind, std::string_view ico, int year, std::string_view name) {
  std::string s(SavedKindCode(kind));
  if (!ico.empty()) s += " " + std::string(ico);
  if (year != 0) s += " " + FormatFinancialYear(year);
  if (!name.empty()) s += " '" + std::string(name) + "'";
  return s;
}

std::string_view SavedKindCode(SavedKind kind) {
  switch (kind) {
    case SavedKind::kContract:
      return "contract";
    case SavedKind::kTariff:
      return "tariff";
    case SavedKind::kScenario:
      return "scenario";
    case SavedKind::kPlan:
      return "plan";
  }
  return "";
}

std::string SavedFilesSchemaSql() {
  // Append-only, like the survey responses: a version once added is what a report was run on.
  return "CREATE TABLE IF NOT EXISTS saved_files (id INTEGER PRIMARY KEY,"
         " kind TEXT NOT NULL CHECK (kind IN ('contract', 'tariff', 'scenario', 'plan')),"
         " ico TEXT NOT NULL, year INTEGER NOT NULL, name TEXT NOT NULL,"
         " version INTEGER NOT NULL, file_name TEXT NOT NULL, text TEXT NOT NULL,"
         " digest TEXT NOT NULL, added_by TEXT NOT NULL, added_at INTEGER NOT NULL,"
         " UNIQUE (kind, ico, year, name, version));" +
         AppendOnlyTriggersSql("saved_files", "id = NEW.id",
                               "saved contracts, tariffs, scenarios and plans are append-only");
}

std::string WidenSavedFilesSql() {
  // SQLite cannot change a CHECK in place: the rows move to a new table; dropping the old one
  // drops its triggers, which are then made again for the new one.
  return "ALTER TABLE saved_files RENAME TO saved_files_before_plans;"
         "DROP TRIGGER IF EXISTS saved_files_no_UPDATE; DROP TRIGGER IF EXISTS "
         "saved_files_no_DELETE;"
         "DROP TRIGGER IF EXISTS saved_files_no_REPLACE;" +
         SavedFilesSchemaSql() +
         "INSERT INTO saved_files SELECT * FROM saved_files_before_plans;"
         "DROP TABLE saved_files_before_plans;";
}

std::string_view NarrowSavedFilesQuery() {
  return "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'saved_files' AND"
         " sql NOT LIKE '%''plan''%'";
}

Result<SavedFile> SavedFiles::Add(SavedFile file) {
  file.digest = Blake2bHex(file.text);
  Status written = InOneWrite(workspace_, [&]() -> Status {
    auto last = Bound(workspace_,
                      "SELECT COALESCE(MAX(version), 0), COALESCE((SELECT MAX(id) FROM"
                      " saved_files), 0) FROM saved_files WHERE kind = ? AND ico = ? AND"
                      " year = ? AND name = ?",
                      {SavedKindCode(file.kind), file.ico, int64_t{file.year}, file.name});
    if (!last.ok()) return last.status();
    if (!(*last)->NextRow()) return (*last)->status();
    file.version = static_cast<int>((*last)->Int(0)) + 1;
    file.id = (*last)->Int(1) + 1;
    last->reset();
    return Execute(workspace_,
                   "INSERT INTO saved_files (id, kind, ico, year, name, version, file_name, text,"
                   " digest, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {file.id, SavedKindCode(file.kind), file.ico, int64_t{file.year}, file.name,
                    int64_t{file.version}, file.file_name, file.text, file.digest, file.added_by,
                    file.added_at});
  });
  if (!written.ok()) return written;
  file.in_force = true;
  return file;
}

Result<std::vector<SavedFile>> SavedFiles::List(SavedKind kind, std::string_view ico,
                                                bool in_force_only) {
  std::vector<SavedFile> files;
  Result<bool> table = HasTable(workspace_, "saved_files");
  if (!table.ok()) return table.status();
  if (!*table) return files;
  auto rows = Bound(workspace_,
                    "SELECT * FROM (SELECT " + std::string(kColumns) +
                        " FROM saved_files WHERE kind = ?) WHERE (? = '' OR ico = ?)"
                        " AND (? = 0 OR in_force) ORDER BY ico, year, name, version",
                    {SavedKindCode(kind), ico, ico, int64_t{in_force_only}});
  if (!rows.ok()) return rows.status();
  while ((*rows)->NextRow()) files.push_back(RowToFile(**rows));
  if (!(*rows)->status().ok()) return (*rows)->status();
  return files;
}

Result<SavedFile> SavedFiles::Get(SavedKind kind, std::string_view ico, int year,
                                  std::string_view name, int version) {
  const std::string series = SeriesName(kind, ico, year, name);
  const std::string add = "continuum " +
                          std::string(kind == SavedKind::kPlan ? "evaluate" : SavedKindCode(kind)) +
                          " add FILE";
  Result<bool> table = HasTable(workspace_, "saved_files");
  if (!table.ok()) return table.status();
  int versions = 0;
  if (*table) {
    auto rows = Bound(workspace_,
                      "SELECT " + std::string(kColumns) +
                          " FROM saved_files WHERE kind = ? AND ico = ? AND year = ? AND"
                          " name = ? ORDER BY version",
                      {SavedKindCode(kind), ico, int64_t{year}, name});
    if (!rows.ok()) return rows.status();
    while ((*rows)->NextRow()) {
      ++versions;
      SavedFile f = RowToFile(**rows);
      if (f.version == version || (version == 0 && f.in_force)) return f;
    }
    if (!(*rows)->status().ok()) return (*rows)->status();
  }
  if (versions == 0)
    return Status::NotFound("the workspace holds no " + series + "; add one: " + add);
  return Status::NotFound(series + " has no version " + std::to_string(version) +
                          " (versions 1 to " + std::to_string(versions) + ")");
}

Result<int64_t> SavedFiles::LatestId() {
  Result<bool> table = HasTable(workspace_, "saved_files");
  if (!table.ok()) return table.status();
  if (!*table) return int64_t{0};
  auto last = Bound(workspace_, "SELECT COALESCE(MAX(id), 0) FROM saved_files", {});
  if (!last.ok()) return last.status();
  if (!(*last)->NextRow()) return (*last)->status();
  return (*last)->Int(0);
}

}  // namespace continuum
