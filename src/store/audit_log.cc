#include "store/audit_log.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "security/password.h"
#include "store/bound_statement.h"

namespace continuum {
namespace {

// The layout before entries were chained, and the layout now: an older log gains the hash
// column by ALTER TABLE, which leaves the table's SQL exactly as a new log's.
constexpr std::string_view kUnchainedTableSql =
    "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, username TEXT NOT NULL,"
    " role TEXT NOT NULL, endpoint TEXT NOT NULL, patients TEXT NOT NULL,"
    " detail TEXT NOT NULL DEFAULT '')";
constexpr std::string_view kHashColumn = "hash TEXT NOT NULL DEFAULT ''";

std::string TableSql() {
  std::string sql(kUnchainedTableSql);
  sql.insert(sql.size() - 1, ", " + std::string(kHashColumn));
  return sql;
}

// The triggers that keep the log append-only, as SQLite stores them (sqlite_master.sql).
struct Trigger {
  std::string_view name, sql;
};
constexpr Trigger kTriggers[] = {
    {"audit_no_update",
     "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"},
    {"audit_no_delete",
     "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"},
    // REPLACE INTO deletes the entry it replaces without firing the DELETE trigger (unless
    // recursive triggers are on, which no other program need turn on).
    {"audit_no_replace",
     "CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit"
     " WHEN EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)"
     " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"},
};

constexpr std::string_view kCreatedKey = "audit_log_created";

// The first column of a query's first row as text, or nullopt when it gives no row.
Result<std::optional<std::string>> QueryText(Workspace& workspace, std::string_view sql,
                                             std::initializer_list<BoundValue> values) {
  auto statement = Bound(workspace, sql, values);
  if (!statement.ok()) return statement.status();
  if (!(*statement)->NextRow()) {
    CONTINUUM_RETURN_IF_ERROR((*statement)->status());
    return std::optional<std::string>();
  }
  return std::optional<std::string>(std::string((*statement)->Text(0)));
}

Result<std::optional<std::string>> TableSqlInFile(Workspace& workspace) {
  return QueryText(workspace, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                   {std::string_view("audit")});
}

// What differs between the audit table and its triggers in the file and Continuum's; empty when
// nothing does.
Result<std::string> SchemaProblem(Workspace& workspace, const std::string& table_sql) {
  if (table_sql != TableSql()) {
    return "the audit table is not laid out as Continuum makes it (it reads \"" + table_sql + "\")";
  }
  auto triggers = workspace.Prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit' "
      "ORDER BY name");
  if (!triggers.ok()) return triggers.status();
  std::vector<std::pair<std::string, std::string>> found;
  while ((*triggers)->NextRow()) found.emplace_back((*triggers)->Text(0), (*triggers)->Text(1));
  CONTINUUM_RETURN_IF_ERROR((*triggers)->status());
  for (const Trigger& trigger : kTriggers) {
    auto it = std::find_if(found.begin(), found.end(),
                           [&](const auto& f) { return f.first == trigger.name; });
    if (it == found.end())
      return "the audit log's trigger " + std::string(trigger.name) + " is missing";
    if (it->second != trigger.sql) {
      return "the audit log's trigger " + std::string(trigger.name) +
             " is not Continuum's: it reads \"" + it->second + "\"";
    }
  }
  for (const auto& trigger_found : found) {
    const std::string& name = trigger_found.first;
    const bool ours = std::any_of(std::begin(kTriggers), std::end(kTriggers),
                                  [&](const Trigger& t) { return t.name == name; });
    if (!ours) {
      return "the audit table has a trigger that is not Continuum's: \"" + trigger_found.second +
             "\"";
    }
  }
  return std::string();
}

Status CreateTriggers(Workspace& workspace) {
  for (const Trigger& trigger : kTriggers)
    CONTINUUM_RETURN_IF_ERROR(Execute(workspace, trigger.sql, {}));
  return Status::Ok();
}

Result<std::string> NowUtc(Workspace& workspace) {
  auto now = QueryText(workspace, "SELECT strftime('%Y-%m-%dT%H:%M:%SZ', 'now')", {});
  if (!now.ok()) return now.status();
  return **now;
}

void AppendNetstring(std::string_view field, std::string* out) {
  *out += std::to_string(field.size());
  *out += ':';
  *out += field;
  *out += ',';
}

constexpr std::string_view kSelectEntries =
    "SELECT id, at, username, role, endpoint, patients, detail, hash FROM audit ORDER BY id";

StoredAuditEntry EntryOf(const Statement& row) {
  return {row.Int(0),
          std::string(row.Text(1)),
          std::string(row.Text(2)),
          std::string(row.Text(3)),
          std::string(row.Text(4)),
          std::string(row.Text(5)),
          std::string(row.Text(6))};
}

// Gives an older log's entries their hashes, with its triggers out of the way, and notes it in
// the log itself. Inside Workspace::Open's write.
Status ChainOlderLog(Workspace& workspace) {
  auto old_triggers = workspace.Prepare(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'");
  if (!old_triggers.ok()) return old_triggers.status();
  std::vector<std::string> names;
  while ((*old_triggers)->NextRow()) names.emplace_back((*old_triggers)->Text(0));
  CONTINUUM_RETURN_IF_ERROR((*old_triggers)->status());
  old_triggers->reset();
  for (const std::string& name : names)
    CONTINUUM_RETURN_IF_ERROR(Execute(workspace, "DROP TRIGGER \"" + name + "\"", {}));
  CONTINUUM_RETURN_IF_ERROR(
      Execute(workspace, "ALTER TABLE audit ADD COLUMN " + std::string(kHashColumn), {}));
  std::vector<std::pair<int64_t, std::string>> hashes;
  {
    auto rows = workspace.Prepare(kSelectEntries);
    if (!rows.ok()) return rows.status();
    std::string previous = kAuditGenesis;
    while ((*rows)->NextRow()) {
      previous = AuditEntryHash(previous, EntryOf(**rows));
      hashes.emplace_back((*rows)->Int(0), previous);
    }
    CONTINUUM_RETURN_IF_ERROR((*rows)->status());
  }
  auto update = workspace.Prepare("UPDATE audit SET hash = ? WHERE id = ?");
  if (!update.ok()) return update.status();
  for (const auto& [id, hash] : hashes) {
    (*update)->BindText(0, hash);
    (*update)->BindInt(1, id);
    CONTINUUM_RETURN_IF_ERROR((*update)->Execute());
  }
  update->reset();
  CONTINUUM_RETURN_IF_ERROR(CreateTriggers(workspace));
  if (hashes.empty()) return Status::Ok();
  const std::string count = std::to_string(hashes.size());
  return AppendAuditEntry(
      workspace,
      {.username = "(continuum)",
       .role = "administrator",
       .endpoint = "audit log chained",
       .detail = "the " + count +
                 " entries before this one were written before entries were "
                 "chained; they were chained when this workspace was first opened for writing "
                 "by a Continuum that chains them, so the chain vouches for them from then on"});
}

}  // namespace

std::string AuditEntryHash(std::string_view previous, const StoredAuditEntry& entry) {
  std::string bytes(previous);
  AppendNetstring(std::to_string(entry.id), &bytes);
  for (const std::string* field :
       {&entry.at, &entry.username, &entry.role, &entry.endpoint, &entry.patients, &entry.detail})
    AppendNetstring(*field, &bytes);
  return Blake2bHex(bytes);
}

Status EnsureAuditLog(Workspace& workspace) {
  auto created = QueryText(workspace, "SELECT value FROM meta WHERE key = ?", {kCreatedKey});
  if (!created.ok()) return created.status();
  auto table = TableSqlInFile(workspace);
  if (!table.ok()) return table.status();
  const std::string& path = workspace.path();
  if (created->has_value()) {
    if (!table->has_value()) {
      return Status::Corrupt("the audit log is missing: workspace " + path +
                             " recorded creating it on " + **created +
                             ", but its table is gone; the file was altered outside Continuum: "
                             "restore it from a backup");
    }
    auto problem = SchemaProblem(workspace, **table);
    if (!problem.ok()) return problem.status();
    if (problem->empty()) return Status::Ok();
    return Status::Corrupt("the audit log of workspace " + path + " was altered: " + *problem +
                           "; restore the workspace from a backup");
  }
  if (table->has_value() && **table != kUnchainedTableSql) {
    return Status::Corrupt("the audit log of workspace " + path +
                           " has no record of being created (meta row " + std::string(kCreatedKey) +
                           "): the file was altered outside Continuum; restore it from a backup");
  }
  if (table->has_value()) {
    CONTINUUM_RETURN_IF_ERROR(ChainOlderLog(workspace));
  } else {
    CONTINUUM_RETURN_IF_ERROR(Execute(workspace, TableSql(), {}));
    CONTINUUM_RETURN_IF_ERROR(CreateTriggers(workspace));
  }
  auto now = NowUtc(workspace);
  if (!now.ok()) return now.status();
  return Execute(workspace, "INSERT INTO meta VALUES (?, ?)", {kCreatedKey, *now});
}

Status AppendAuditEntry(Workspace& workspace, const StoredAuditEntry& entry) {
  StoredAuditEntry next = entry;
  if (next.at.empty()) {
    auto now = NowUtc(workspace);
    if (!now.ok()) return now.status();
    next.at = *now;
  }
  std::string previous = kAuditGenesis;
  {
    auto last = workspace.Prepare("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1");
    if (!last.ok()) return last.status();
    if ((*last)->NextRow()) {
      next.id = (*last)->Int(0) + 1;
      previous = (*last)->Text(1);
    } else {
      CONTINUUM_RETURN_IF_ERROR((*last)->status());
      next.id = 1;
    }
  }
  const std::string hash = AuditEntryHash(previous, next);
  return Execute(workspace,
                 "INSERT INTO audit (id, at, username, role, endpoint, patients, detail, hash) "
                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                 {next.id, next.at, next.username, next.role, next.endpoint, next.patients,
                  next.detail, hash});
}

Result<AuditVerdict> VerifyAuditLog(Workspace& workspace, std::string_view expected_head) {
  AuditVerdict verdict;
  if (expected_head == kAuditGenesis) verdict.expected_head_at = 0;
  auto created = QueryText(workspace, "SELECT value FROM meta WHERE key = ?", {kCreatedKey});
  if (!created.ok()) return created.status();
  auto table = TableSqlInFile(workspace);
  if (!table.ok()) return table.status();
  if (!table->has_value()) {
    if (created->has_value()) {
      verdict.exists = true;
      verdict.problem = "the audit log is missing: the workspace recorded creating it on " +
                        **created + ", but its table is gone";
    }
    return verdict;
  }
  verdict.exists = true;
  if (!created->has_value()) {
    verdict.problem =
        **table == kUnchainedTableSql
            ? "the audit log was written by an older Continuum and is not chained yet: open the "
              "workspace for writing once (continuum serve or continuum user) to chain it"
            : "the audit log has no record of being created (meta row " + std::string(kCreatedKey) +
                  ")";
    return verdict;
  }
  auto problem = SchemaProblem(workspace, **table);
  if (!problem.ok()) return problem.status();
  verdict.problem = *problem;
  if (!verdict.problem.empty()) return verdict;
  auto rows = workspace.Prepare(kSelectEntries);
  if (!rows.ok()) return rows.status();
  std::string previous = kAuditGenesis;
  while ((*rows)->NextRow()) {
    ++verdict.entries;
    if (!verdict.problem.empty()) continue;  // counting the rest
    const StoredAuditEntry entry = EntryOf(**rows);
    const int64_t expected_id = verdict.entries;
    if (entry.id != expected_id) {
      verdict.broken_at = entry.id;
      verdict.problem =
          entry.id == expected_id + 1
              ? "entry " + std::to_string(expected_id) + " is missing (the entries go from " +
                    std::to_string(expected_id - 1) + " to " + std::to_string(entry.id) + ")"
          : entry.id > expected_id
              ? "entries " + std::to_string(expected_id) + " to " + std::to_string(entry.id - 1) +
                    " are missing"
              : "entry " + std::to_string(entry.id) + " is out of place after entry " +
                    std::to_string(expected_id - 1);
      continue;
    }
    const std::string_view stored = (*rows)->Text(7);
    if (AuditEntryHash(previous, entry) != stored) {
      verdict.broken_at = entry.id;
      verdict.problem = "entry " + std::to_string(entry.id) +
                        " does not match its hash: it was changed after it was written, or the "
                        "entry before it was changed and given a new hash";
      continue;
    }
    previous = stored;
    if (stored == expected_head) verdict.expected_head_at = entry.id;
  }
  CONTINUUM_RETURN_IF_ERROR((*rows)->status());
  verdict.head = previous;
  return verdict;
}

Status CheckAuditLog(Workspace& workspace) {
  auto verdict = VerifyAuditLog(workspace);
  if (!verdict.ok()) return verdict.status();
  if (verdict->problem.empty()) return Status::Ok();
  return Status::Corrupt("workspace " + workspace.path() + ": " + verdict->problem +
                         "; the audit log was altered outside Continuum (continuum audit verify "
                         "--workspace " +
                         workspace.path() + " shows it): restore the workspace from a backup");
}

}  // namespace continuum
