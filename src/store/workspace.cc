#include "store/workspace.h"

#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <deque>
#include <filesystem>
#include <set>

#include "core/mapped_file.h"
#include "core/quoted.h"
#include "store/audit_log.h"
#include "store/bound_statement.h"
#include "store/row_blocks.h"
#include "store/saved_files.h"
#include "store/snapshot_files.h"

namespace continuum {
namespace {

// Reads go through a memory map of up to 2 GB (SQLite's largest on this build).
constexpr const char* kMmapReads = "PRAGMA mmap_size=2147418112";

// 2: the activity table kept in blocks (store/row_blocks.h). A workspace of version 1 is read
// as it is, and brought to version 2 the first time it is opened for writing.
constexpr int kFormatVersion = 2;
constexpr int kOldestReadable = 1;

std::string BlocksName(const TableSpec& table) { return std::string(table.name) + "_blocks"; }

Status SqliteError(sqlite3* db, const std::string& what) {
  if (db == nullptr) return Status::IoError(what + ": out of memory");
  const std::string message = what + ": " + sqlite3_errmsg(db);
  switch (sqlite3_errcode(db)) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::Corrupt(message + " (the workspace file is damaged or not a workspace)");
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return Status::IoError(message +
                             " (check that the folder exists and that you may write to it)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::IoError(
          message +
          " (another program is writing to the workspace; try again when it has finished)");
    default:
      return Status::IoError(message);
  }
}

const char* SqlType(ColumnType type) { return StoredAsInteger(type) ? "INTEGER" : "TEXT"; }

// The result of a first read on a new connection (SQLITE_OK, or an extended error code).
int FirstRead(sqlite3* db) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master", -1, &statement, nullptr) !=
      SQLITE_OK) {
    sqlite3_finalize(statement);
    return sqlite3_extended_errcode(db);
  }
  const int rc = sqlite3_step(statement);
  sqlite3_finalize(statement);
  return rc == SQLITE_ROW ? SQLITE_OK : sqlite3_extended_errcode(db);
}

// Whether a read-only connection can read (it cannot when a WAL file's side files cannot be made).
bool CanReadWal(int first_read) {
  return (first_read & 0xff) != SQLITE_CANTOPEN && (first_read & 0xff) != SQLITE_READONLY;
}

// A write killed part-way (an import in its rollback-journal phase) leaves a hot journal that
// only a connection that may write can roll back; a read-only one gets SQLITE_READONLY_ROLLBACK,
// and reading the file past the journal would see half-written pages. So roll it back as the
// next writer would, on a connection of its own, before reading.
Status RollBackInterruptedWrite(const std::string& path) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_busy_timeout(db, 120000);
    rc = FirstRead(db);
  }
  sqlite3_close(db);
  if (rc == SQLITE_OK) return Status::Ok();
  return Status::IoError("an import into workspace " + path + " was interrupted: its journal " +
                         path +
                         "-journal must be rolled back before the workspace can be read, which "
                         "needs leave to write to the workspace and its folder; run continuum "
                         "import (or any command that writes) as a user who may, and the "
                         "workspace returns to its state before the interrupted import");
}

// An eponymous virtual table, continuum_rows, that reads the Workspace's current RowBlock, so a
// block of rows goes in through one INSERT ... SELECT instead of a statement per row.
struct RowSourceTable {
  sqlite3_vtab base;
  const Workspace::RowBlock* const* block;
};
struct RowSourceCursor {
  sqlite3_vtab_cursor base;
  const Workspace::RowBlock* block;
  size_t row;
};
constexpr int kRowSourceColumns = 16;

void SkipLeftOut(RowSourceCursor* c) {
  while (c->row < c->block->rows && c->block->skip != nullptr && c->block->skip[c->row] >= 0)
    ++c->row;
}

int RowSourceConnect(sqlite3* db, void* aux, int, const char* const*, sqlite3_vtab** table,
                     char**) {
  std::string schema = "CREATE TABLE x(";
  for (int i = 0; i < kRowSourceColumns; ++i) schema += (i ? ",c" : "c") + std::to_string(i);
  if (sqlite3_declare_vtab(db, (schema + ")").c_str()) != SQLITE_OK) return SQLITE_ERROR;
  auto* t = new RowSourceTable();
  t->block = static_cast<const Workspace::RowBlock* const*>(aux);
  *table = &t->base;
  return SQLITE_OK;
}
int RowSourceDisconnect(sqlite3_vtab* table) {
  delete reinterpret_cast<RowSourceTable*>(table);
  return SQLITE_OK;
}
int RowSourceBestIndex(sqlite3_vtab*, sqlite3_index_info* info) {
  info->estimatedCost = 1e6;
  return SQLITE_OK;
}
int RowSourceOpen(sqlite3_vtab* table, sqlite3_vtab_cursor** cursor) {
  auto* c = new RowSourceCursor();
  c->block = *reinterpret_cast<RowSourceTable*>(table)->block;
  *cursor = &c->base;
  return c->block == nullptr ? SQLITE_ERROR : SQLITE_OK;
}
int RowSourceClose(sqlite3_vtab_cursor* cursor) {
  delete reinterpret_cast<RowSourceCursor*>(cursor);
  return SQLITE_OK;
}
int RowSourceFilter(sqlite3_vtab_cursor* cursor, int, const char*, int, sqlite3_value**) {
  auto* c = reinterpret_cast<RowSourceCursor*>(cursor);
  c->row = 0;
  SkipLeftOut(c);
  return SQLITE_OK;
}
int RowSourceNext(sqlite3_vtab_cursor* cursor) {
  auto* c = reinterpret_cast<RowSourceCursor*>(cursor);
  ++c->row;
  SkipLeftOut(c);
  return SQLITE_OK;
}
int RowSourceEof(sqlite3_vtab_cursor* cursor) {
  auto* c = reinterpret_cast<RowSourceCursor*>(cursor);
  return c->row >= c->block->rows;
}
int RowSourceColumn(sqlite3_vtab_cursor* cursor, sqlite3_context* context, int column) {
  auto* c = reinterpret_cast<RowSourceCursor*>(cursor);
  const Workspace::RowBlock& b = *c->block;
  if (static_cast<size_t>(column) >= b.columns) {
    sqlite3_result_null(context);
    return SQLITE_OK;
  }
  const size_t at = c->row * b.columns + static_cast<size_t>(column);
  const std::string_view field = b.fields[at];
  if (field.empty()) {
    sqlite3_result_null(context);
  } else if ((*b.as_integer)[column]) {
    sqlite3_result_int64(context, b.numbers[at]);
  } else {
    sqlite3_result_text(context, field.data(), static_cast<int>(field.size()), SQLITE_STATIC);
  }
  return SQLITE_OK;
}
int RowSourceRowid(sqlite3_vtab_cursor* cursor, sqlite3_int64* rowid) {
  *rowid = static_cast<sqlite3_int64>(reinterpret_cast<RowSourceCursor*>(cursor)->row);
  return SQLITE_OK;
}

const sqlite3_module kRowSourceModule = {0,        // iVersion
                                         nullptr,  // xCreate: none, so the table is eponymous only
                                         RowSourceConnect,
                                         RowSourceBestIndex,
                                         RowSourceDisconnect,
                                         nullptr,
                                         RowSourceOpen,
                                         RowSourceClose,
                                         RowSourceFilter,
                                         RowSourceNext,
                                         RowSourceEof,
                                         RowSourceColumn,
                                         RowSourceRowid};

}  // namespace

Status Workspace::RegisterRowSource() {
  if (sqlite3_create_module(db_, "continuum_rows", &kRowSourceModule, &block_) != SQLITE_OK) {
    return SqliteError(db_, "preparing bulk inserts");
  }
  return Status::Ok();
}

Status Workspace::InsertBlock(TableId id, const RowBlock& block) {
  const TableSpec& table = Table(id);
  std::unique_ptr<Statement>& insert = block_inserts_[static_cast<int>(id)];
  if (table.in_blocks) {
    if (insert == nullptr) {
      auto prepared = Prepare("INSERT INTO " + BlocksName(table) +
                              " (first_key, last_key, row_count, row_json) VALUES (?, ?, ?, ?)");
      if (!prepared.ok()) return prepared.status();
      insert = std::move(*prepared);
    }
    block_json_.Clear();
    const BlockKeys keys = AppendRowsJson(block, table.block_order, &block_json_);
    if (keys.rows == 0) return Status::Ok();
    insert->BindInt(0, keys.first);
    insert->BindInt(1, keys.last);
    insert->BindInt(2, keys.rows);
    insert->BindText(3, block_json_.text());
    return insert->Execute();
  }
  if (insert == nullptr) {
    std::string sql = "INSERT INTO " + std::string(table.name) + " (";
    std::string select;
    for (size_t i = 0; i < table.columns.size(); ++i) {
      sql += (i ? "," : "") + StoredColumnName(table.columns[i]);
      select += (i ? ",c" : "c") + std::to_string(i);
    }
    auto prepared = Prepare(sql + ") SELECT " + select + " FROM continuum_rows");
    if (!prepared.ok()) return prepared.status();
    insert = std::move(*prepared);
  }
  block_ = &block;
  Status status = insert->Execute();
  block_ = nullptr;
  return status;
}

Statement::~Statement() { sqlite3_finalize(statement_); }

void Statement::BindNull(int i) { sqlite3_bind_null(statement_, i + 1); }
void Statement::BindInt(int i, int64_t v) { sqlite3_bind_int64(statement_, i + 1, v); }
void Statement::BindText(int i, std::string_view v) {
  sqlite3_bind_text(statement_, i + 1, v.data(), static_cast<int>(v.size()), SQLITE_STATIC);
}

Status Statement::Execute() {
  const int rc = sqlite3_step(statement_);
  const int extended = sqlite3_extended_errcode(db_);
  sqlite3_reset(statement_);
  if (rc == SQLITE_DONE || rc == SQLITE_ROW) return Status::Ok();
  if (rc == SQLITE_CONSTRAINT &&
      (extended == SQLITE_CONSTRAINT_PRIMARYKEY || extended == SQLITE_CONSTRAINT_UNIQUE)) {
    return Status::InvalidInput("duplicate");
  }
  return SqliteError(db_, "writing to the workspace");
}

bool Statement::NextRow() {
  const int rc = sqlite3_step(statement_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = SqliteError(db_, "reading the workspace");
  return false;
}

bool Statement::IsNull(int c) const { return sqlite3_column_type(statement_, c) == SQLITE_NULL; }
int64_t Statement::Int(int c) const { return sqlite3_column_int64(statement_, c); }
std::string_view Statement::Text(int c) const {
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, c));
  return text ? std::string_view(text, sqlite3_column_bytes(statement_, c)) : std::string_view();
}

std::string StoredColumnName(const ColumnSpec& column) {
  std::string name(column.name);
  if (column.type == ColumnType::kPounds) name += "_pence";
  return name;
}

std::string CreateReadableViewSql(const TableSpec& table) {
  std::string sql = "CREATE VIEW IF NOT EXISTS " + std::string(table.name) + "_readable AS SELECT ";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnSpec& c = table.columns[i];
    const std::string name(c.name);
    if (i > 0) sql += ", ";
    if (c.type == ColumnType::kDate)
      sql += "date(" + name + " * 86400, 'unixepoch') AS " + name;
    else if (c.type == ColumnType::kPounds)
      sql += "printf('%.2f', " + name + "_pence / 100.0) AS " + name;
    else
      sql += name;
  }
  return sql + " FROM " + std::string(table.name);
}

std::string CreateTableSql(const TableSpec& table) {
  if (table.in_blocks) {
    // The blocks in the order they were stored, each with its rows' smallest and largest key.
    std::string sql = "CREATE TABLE IF NOT EXISTS " + BlocksName(table) +
                      " (\n  block INTEGER PRIMARY KEY,\n  first_key INTEGER NOT NULL,\n"
                      "  last_key INTEGER NOT NULL,\n  row_count INTEGER NOT NULL,\n"
                      "  row_json TEXT NOT NULL\n);\nCREATE VIEW IF NOT EXISTS " +
                      std::string(table.name) + " AS SELECT ";
    // Column c is value `at` of a row, where block_order[at] == c.
    for (size_t c = 0; c < table.columns.size(); ++c) {
      const auto& order = table.block_order;
      const size_t at =
          order.empty()
              ? c
              : static_cast<size_t>(std::find(order.begin(), order.end(), c) - order.begin());
      sql += (c ? ", " : "") + std::string("r.value ->> ") + std::to_string(at) + " AS " +
             StoredColumnName(table.columns[c]);
    }
    return sql + " FROM " + BlocksName(table) + " b, json_each(b.row_json) r";
  }
  std::string sql = "CREATE TABLE IF NOT EXISTS " + std::string(table.name) + " (\n";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    const ColumnSpec& c = table.columns[i];
    sql += "  " + StoredColumnName(c) + " " + SqlType(c.type);
    if (i == 0 && table.key_columns == 1) {
      sql += table.key_is_row_id ? " PRIMARY KEY"
                                 : (c.type == ColumnType::kKey ? " PRIMARY KEY" : " UNIQUE");
    }
    if (c.required) sql += " NOT NULL";
    sql += i + 1 < table.columns.size() || table.key_columns > 1 ? ",\n" : "\n";
  }
  if (table.key_columns > 1) {
    sql += "  UNIQUE (";
    for (int k = 0; k < table.key_columns; ++k) {
      sql += (k ? ", " : "") + StoredColumnName(table.columns[k]);
    }
    sql += ")\n";
  }
  sql += ")";
  return sql;
}

Result<std::unique_ptr<Workspace>> Workspace::Open(const std::string& path, OpenMode mode) {
  // No allocation statistics: they take a global lock on every allocation. Set once, before
  // SQLite first initialises.
  static const bool configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
  (void)configured;
  if (mode != kCreate && !std::filesystem::exists(path)) {
    return Status::NotFound("no workspace at " + path +
                            " (create one with: continuum import DIR --workspace " + path + ")");
  }
  const auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty() && !std::filesystem::is_directory(parent)) {
    return Status::NotFound("the folder " + parent.string() + " for workspace " + path +
                            " does not exist");
  }
  sqlite3* db = nullptr;
  // One thread uses a connection at a time, so SQLite's per-call locking is not needed.
  const int flags = SQLITE_OPEN_NOMUTEX |
                    (mode == kReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
                    (mode == kCreate ? SQLITE_OPEN_CREATE : 0);
  auto open = [&](const std::string& name, int extra_flags) {
    sqlite3_close(db);
    db = nullptr;
    if (sqlite3_open_v2(name.c_str(), &db, flags | extra_flags, nullptr) == SQLITE_OK)
      return Status::Ok();
    Status status = SqliteError(db, "opening workspace " + path);
    sqlite3_close(db);
    db = nullptr;
    return status;
  };
  CONTINUUM_RETURN_IF_ERROR(open(path, 0));
  int first_read = mode == kReadOnly ? FirstRead(db) : SQLITE_OK;
  if (first_read == SQLITE_READONLY_ROLLBACK) {
    sqlite3_close(db);
    db = nullptr;
    CONTINUUM_RETURN_IF_ERROR(RollBackInterruptedWrite(path));
    CONTINUUM_RETURN_IF_ERROR(open(path, 0));
    first_read = FirstRead(db);
  }
  if (!CanReadWal(first_read)) {
    // A workspace in a folder the user may not write to: SQLite cannot make the side files a
    // WAL reader needs, so read the file as it stands (nothing can be writing to it there).
    CONTINUUM_RETURN_IF_ERROR(open("file:" + path + "?immutable=1", SQLITE_OPEN_URI));
  }
  auto workspace = std::unique_ptr<Workspace>(new Workspace(path, db));
  CONTINUUM_RETURN_IF_ERROR(workspace->RegisterRowSource());
  // Readers wait for a running import to commit (a bulk import holds the file to itself).
  sqlite3_busy_timeout(db, 120000);
  CONTINUUM_RETURN_IF_ERROR(workspace->Exec("PRAGMA temp_store=MEMORY"));
  // Reads through memory mapping: the rows a loader scans are read where the page cache holds them.
  CONTINUUM_RETURN_IF_ERROR(workspace->Exec(kMmapReads));
  if (mode == kReadOnly) {
    CONTINUUM_RETURN_IF_ERROR(workspace->CheckIsWorkspace());
    return workspace;
  }
  CONTINUUM_RETURN_IF_ERROR(workspace->CheckNotForeign());
  // Large pages suit a store that is mostly appended to in bulk and read in long scans; the
  // setting only takes effect on a new, empty database.
  CONTINUUM_RETURN_IF_ERROR(workspace->Exec("PRAGMA page_size=65536"));
  CONTINUUM_RETURN_IF_ERROR(workspace->Exec("PRAGMA journal_mode=WAL"));
  CONTINUUM_RETURN_IF_ERROR(workspace->Exec("PRAGMA synchronous=NORMAL"));
  // A small page cache: reads go through the memory map, and bulk writes that overflow a large
  // cache spill slowly.
  CONTINUUM_RETURN_IF_ERROR(workspace->Exec("PRAGMA cache_size=-16384"));
  CONTINUUM_RETURN_IF_ERROR(workspace->EnsureSchema());
  return workspace;
}

Workspace::~Workspace() {
  Rollback();
  // SQLite refuses to close a connection with statements still prepared (SQLITE_BUSY) and would
  // leave it open, its memory and its write-ahead log with it: the cached ones go first.
  for (std::unique_ptr<Statement>& insert : block_inserts_) insert.reset();
  sqlite3_close(db_);
}

Status Workspace::Exec(const std::string& sql) {
  if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return SqliteError(db_, "workspace " + path_);
  }
  return Status::Ok();
}

Status Workspace::CheckIsWorkspace() {
  CONTINUUM_RETURN_IF_ERROR(CheckNotForeign());  // also reports a damaged file as such
  auto schema = Prepare("SELECT count(*) FROM sqlite_master");
  if (!schema.ok()) return schema.status();
  if (!(*schema)->NextRow()) return (*schema)->status();
  if ((*schema)->Int(0) == 0) {
    // What an import killed before it stored anything leaves.
    return Status::NotFound(
        "workspace " + path_ +
        " holds no patients yet (an import into it may have been interrupted "
        "before it stored anything); import a folder first: continuum import DIR "
        "--workspace " +
        path_);
  }
  auto version = Prepare(
      "SELECT value FROM meta WHERE key = 'format_version' AND "
      "(SELECT count(*) FROM sqlite_master WHERE name = 'engine_snapshot') = 1");
  if (!version.ok()) {
    if (version.status().code() == StatusCode::kCorrupt) return version.status();
    return Status::InvalidInput(path_ + " is not a Continuum workspace");
  }
  if (!(*version)->NextRow()) {
    if (!(*version)->status().ok()) return (*version)->status();
    return Status::InvalidInput(path_ + " is not a Continuum workspace");
  }
  int version_number = 0;
  const std::string_view text = (*version)->Text(0);
  std::from_chars(text.data(), text.data() + text.size(), version_number);
  if (version_number < kOldestReadable || version_number > kFormatVersion) {
    return Status::Corrupt("workspace " + path_ + " has format version " + std::string(text) +
                           "; this Continuum reads versions " + std::to_string(kOldestReadable) +
                           " to " + std::to_string(kFormatVersion));
  }
  return Status::Ok();
}

Status Workspace::UpgradeFormat() {
  // Each statement goes before the next: one left stepped would lock the schema it read.
  auto has_meta =
      Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'");
  if (!has_meta.ok()) return has_meta.status();
  const bool existing = (*has_meta)->NextRow() && (*has_meta)->Int(0) == 1;
  CONTINUUM_RETURN_IF_ERROR((*has_meta)->status());
  has_meta->reset();
  if (!existing) return Status::Ok();  // a new workspace
  auto version = Prepare("SELECT value FROM meta WHERE key = 'format_version'");
  if (!version.ok()) return version.status();
  const bool old = (*version)->NextRow() && (*version)->Text(0) == "1";
  CONTINUUM_RETURN_IF_ERROR((*version)->status());
  version->reset();
  if (!old) return Status::Ok();
  // Version 1 kept every table as rows: the tables now kept in blocks move into them, in the
  // order they were read, a block per kUpgradeBlockRows rows.
  constexpr size_t kUpgradeBlockRows = 8192;
  for (const TableSpec& table : Tables()) {
    if (!table.in_blocks) continue;
    const std::string old_name = std::string(table.name) + "_format1";
    CONTINUUM_RETURN_IF_ERROR(Exec("DROP VIEW IF EXISTS " + std::string(table.name) +
                                   "_readable; ALTER TABLE " + std::string(table.name) +
                                   " RENAME TO " + old_name + ";" + CreateTableSql(table)));
    auto scan = Prepare("SELECT * FROM " + old_name + " ORDER BY rowid");
    if (!scan.ok()) return scan.status();
    const size_t columns = table.columns.size();
    std::vector<bool> as_integer;
    for (const ColumnSpec& c : table.columns) as_integer.push_back(StoredAsInteger(c.type));
    std::deque<std::string> texts;
    std::vector<std::string_view> fields;
    std::vector<int64_t> numbers;
    auto store = [&]() -> Status {
      const size_t rows = fields.size() / columns;
      if (rows == 0) return Status::Ok();
      Status status = InsertBlock(table.id, {.columns = columns,
                                             .rows = rows,
                                             .fields = fields.data(),
                                             .numbers = numbers.data(),
                                             .as_integer = &as_integer});
      texts.clear();
      fields.clear();
      numbers.clear();
      return status;
    };
    while ((*scan)->NextRow()) {
      for (size_t c = 0; c < columns; ++c) {
        const int column = static_cast<int>(c);
        numbers.push_back((*scan)->Int(column));
        // A number is stored from `numbers`; its field need only be non-empty.
        fields.push_back((*scan)->IsNull(column) ? std::string_view()
                         : as_integer[c]
                             ? std::string_view("0")
                             : std::string_view(texts.emplace_back((*scan)->Text(column))));
      }
      if (fields.size() == kUpgradeBlockRows * columns) CONTINUUM_RETURN_IF_ERROR(store());
    }
    CONTINUUM_RETURN_IF_ERROR((*scan)->status());
    CONTINUUM_RETURN_IF_ERROR(store());
    scan->reset();
    CONTINUUM_RETURN_IF_ERROR(Exec("DROP TABLE " + old_name));
  }
  return Exec("UPDATE meta SET value = '" + std::to_string(kFormatVersion) +
              "' WHERE key = 'format_version'");
}

Status Workspace::CheckNotForeign() {
  // A database with tables but no Continuum meta table belongs to something else: leave it be.
  auto tables =
      Prepare("SELECT count(*), sum(name = 'meta') FROM sqlite_master WHERE type = 'table'");
  if (!tables.ok()) return tables.status();
  if (!(*tables)->NextRow()) return (*tables)->status();
  if ((*tables)->Int(0) > 0 && (*tables)->Int(1) == 0) {
    return Status::InvalidInput(path_ + " is an SQLite database but not a Continuum workspace");
  }
  return Status::Ok();
}

namespace {

// The users and sessions of store/accounts.h. New in format version 1's lifetime, so created if
// missing in older workspaces; neither is data, so they leave the data generation alone. The
// audit log beside them is store/audit_log.h's: created once, then only checked.
std::string AccountsSchemaSql() {
  return "CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY,"
         " username TEXT UNIQUE NOT NULL, role TEXT NOT NULL,"
         " organisation TEXT NOT NULL DEFAULT '', password_hash TEXT NOT NULL,"
         " disabled INTEGER NOT NULL DEFAULT 0,"
         " created_at TEXT NOT NULL DEFAULT (datetime('now')),"
         " password_changed_at TEXT NOT NULL DEFAULT (datetime('now')));"
         "CREATE TABLE IF NOT EXISTS sessions (token_digest TEXT PRIMARY KEY,"
         " user_id INTEGER NOT NULL, csrf_token TEXT NOT NULL, created_at INTEGER NOT NULL,"
         " expires_at INTEGER NOT NULL);";
}

// The tables of store/voice.h: survey responses recorded through the server, each with its
// answers. Append-only like the audit log: a response, once recorded, is evidence.
std::string VoiceSchemaSql() {
  std::string sql =
      "CREATE TABLE IF NOT EXISTS voice_responses (id INTEGER PRIMARY KEY,"
      " survey TEXT NOT NULL, practice TEXT NOT NULL, responded_on TEXT NOT NULL,"
      " recorded_by TEXT NOT NULL, recorded_at INTEGER NOT NULL);"
      "CREATE TABLE IF NOT EXISTS voice_answers (response INTEGER NOT NULL"
      " REFERENCES voice_responses(id), question TEXT NOT NULL, answer TEXT NOT NULL,"
      " PRIMARY KEY (response, question));"
      "CREATE TABLE IF NOT EXISTS voice_imports (checksum TEXT PRIMARY KEY, file TEXT NOT NULL,"
      " responses INTEGER NOT NULL, imported_at INTEGER NOT NULL);";
  const std::pair<const char*, const char*> tables[] = {
      {"voice_responses", "id = NEW.id"},
      {"voice_answers", "response = NEW.response AND question = NEW.question"},
      {"voice_imports", "checksum = NEW.checksum"}};
  for (const auto& [table, same_key] : tables)
    sql += AppendOnlyTriggersSql(table, same_key, "survey responses are append-only");
  return sql;
}

}  // namespace

Status Workspace::EnsureSchema() {
  CONTINUUM_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  if (Status upgraded = UpgradeFormat(); !upgraded.ok()) {
    Exec("ROLLBACK").ok();
    return upgraded;
  }
  std::string sql =
      "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
      "CREATE TABLE IF NOT EXISTS imports (id INTEGER PRIMARY KEY, source TEXT NOT NULL,"
      " rows INTEGER NOT NULL, rejected INTEGER NOT NULL,"
      " finished_at TEXT NOT NULL DEFAULT (datetime('now')));"
      "CREATE TABLE IF NOT EXISTS imported_files (name TEXT NOT NULL, bytes INTEGER NOT NULL,"
      " checksum INTEGER NOT NULL, imported_at TEXT NOT NULL DEFAULT (datetime('now')));"
      "CREATE TABLE IF NOT EXISTS engine_snapshot (name TEXT PRIMARY KEY,"
      " generation INTEGER NOT NULL, data BLOB NOT NULL);"
      "CREATE TABLE IF NOT EXISTS engine_snapshot_files (name TEXT PRIMARY KEY,"
      " generation INTEGER NOT NULL, file TEXT NOT NULL, bytes INTEGER NOT NULL);"
      "INSERT OR IGNORE INTO meta VALUES ('data_generation', '0');" +
      AccountsSchemaSql() + VoiceSchemaSql() + SavedFilesSchemaSql();
  for (const TableSpec& table : Tables()) {
    sql += CreateTableSql(table) + ";" + CreateReadableViewSql(table) + ";";
  }
  Status status = Exec(sql);
  // Users made before they belonged to organisations had a practice (a practice clinician's):
  // the same column, now holding any role's organisation.
  if (status.ok()) {
    bool renamed = false;
    {
      auto old = Prepare("SELECT count(*) FROM pragma_table_info('users') WHERE name = 'practice'");
      if (!old.ok())
        status = old.status();
      else
        renamed = (*old)->NextRow() && (*old)->Int(0) == 1;
    }
    if (renamed) status = Exec("ALTER TABLE users RENAME COLUMN practice TO organisation");
  }
  // Saved files kept before analysis plans were: the kinds widened to take plans.
  if (status.ok()) {
    bool narrow = false;
    {
      auto old = Prepare(NarrowSavedFilesQuery());
      if (!old.ok())
        status = old.status();
      else
        narrow = (*old)->NextRow() && (*old)->Int(0) == 1;
    }
    if (narrow) status = Exec(WidenSavedFilesSql());
  }
  if (status.ok()) {
    auto version = Prepare("SELECT value FROM meta WHERE key = 'format_version'");
    if (!version.ok())
      status = version.status();
    else if ((*version)->NextRow()) {
      if ((*version)->Text(0) != std::to_string(kFormatVersion)) {
        status = Status::Corrupt("workspace " + path_ + " has format version " +
                                 std::string((*version)->Text(0)) + "; this Continuum reads " +
                                 std::to_string(kFormatVersion));
      }
    } else {
      status = Exec("INSERT INTO meta VALUES ('format_version', '" +
                    std::to_string(kFormatVersion) + "')");
    }
  }
  if (status.ok()) status = EnsureAuditLog(*this);
  if (!status.ok()) {
    Exec("ROLLBACK").ok();
    return status;
  }
  return Exec("COMMIT");
}

Status Workspace::BeginWrite(bool bulk) {
  if (in_transaction_) return Status::Internal("a write is already in progress");
  if (bulk) {
    // The switch is refused (the mode stays "wal") while other connections are open.
    auto mode = Prepare("PRAGMA journal_mode=DELETE");
    in_bulk_ = mode.ok() && (*mode)->NextRow() && (*mode)->Text(0) == "delete";
    // A bulk write reads without the memory map: each page it reads would stay mapped, and a
    // large import's memory grow by up to 2 GB.
    if (in_bulk_) Exec("PRAGMA mmap_size=0").ok();
  }
  Status status = Exec(in_bulk_ ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE");
  if (!status.ok()) {
    RestoreWal().ok();
    return status;
  }
  in_transaction_ = true;
  return Status::Ok();
}

Status Workspace::RestoreWal() {
  if (!in_bulk_) return Status::Ok();
  in_bulk_ = false;
  Exec(kMmapReads).ok();
  return Exec("PRAGMA journal_mode=WAL");
}

Status Workspace::Commit() {
  if (!in_transaction_) return Status::Internal("no write in progress");
  in_transaction_ = false;
  Status status = Exec("COMMIT");
  if (!status.ok()) {
    Exec("ROLLBACK").ok();
    TidySnapshotFiles(false);
  } else {
    TidySnapshotFiles(true);
  }
  Status wal = RestoreWal();
  return status.ok() ? wal : status;
}

void Workspace::Rollback() {
  if (!in_transaction_) return;
  in_transaction_ = false;
  Exec("ROLLBACK").ok();
  TidySnapshotFiles(false);
  RestoreWal().ok();
}

Result<std::unique_ptr<Statement>> Workspace::Prepare(std::string_view sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &statement, nullptr) !=
      SQLITE_OK) {
    return SqliteError(db_, "preparing a workspace query");
  }
  return std::make_unique<Statement>(db_, statement);
}

Result<std::unique_ptr<Statement>> Workspace::Inserter(TableId id) {
  const TableSpec& table = Table(id);
  std::string sql = "INSERT INTO " + std::string(table.name) + " (";
  std::string values;
  for (size_t i = 0; i < table.columns.size(); ++i) {
    sql += (i ? "," : "") + StoredColumnName(table.columns[i]);
    values += i ? ",?" : "?";
  }
  return Prepare(sql + ") VALUES (" + values + ")");
}

Result<std::unique_ptr<TableScan>> Workspace::Scan(TableId id) {
  const TableSpec& table = Table(id);
  std::string sql = "SELECT ";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    sql += (i ? "," : "") + StoredColumnName(table.columns[i]);
  }
  // A workspace made before a table was added to the format (memberships) reads it as empty
  // until its next write creates it; one made before a table was kept in blocks (format 1)
  // reads its rows.
  auto stored = Prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('" +
                        std::string(table.name) + "', '" + BlocksName(table) + "')");
  if (!stored.ok()) return stored.status();
  std::string name;
  while ((*stored)->NextRow()) name = (*stored)->Text(0);
  CONTINUUM_RETURN_IF_ERROR((*stored)->status());
  std::unique_ptr<Statement> statement;
  const bool blocks = name == BlocksName(table);
  auto prepared = name.empty() ? Prepare(sql + " FROM (SELECT 1) WHERE 0")
                  : blocks     ? Prepare("SELECT row_json FROM " + name + " ORDER BY block")
                               : Prepare(sql + " FROM " + name + " ORDER BY rowid");
  if (!prepared.ok()) return prepared.status();
  return std::make_unique<TableScan>(std::move(*prepared), table.columns.size(), blocks,
                                     table.block_order);
}

bool TableScan::NextRow() {
  if (!blocks_) return statement_->NextRow();
  while (row_ >= rows_.rows) {
    if (!status_.ok() || !statement_->NextRow()) {
      if (status_.ok()) status_ = statement_->status();
      return false;
    }
    // The values point into the statement's text, which stays until its next step.
    status_ = DecodeRowsJson(statement_->Text(0), columns_, order_, &rows_);
    row_ = 0;
  }
  ++row_;
  return true;
}

bool TableScan::IsNull(int column) const {
  return blocks_ ? At(column).kind == DecodedValue::kNull : statement_->IsNull(column);
}

int64_t TableScan::Int(int column) const {
  return blocks_ ? At(column).number : statement_->Int(column);
}

std::string_view TableScan::Text(int column) const {
  return blocks_ ? At(column).text : statement_->Text(column);
}

Result<std::optional<std::pair<int64_t, int64_t>>> Workspace::BlockKeyRange(TableId id) {
  auto range = Prepare("SELECT min(first_key), max(last_key) FROM " + BlocksName(Table(id)));
  if (!range.ok()) return range.status();
  if (!(*range)->NextRow()) return (*range)->status();
  using Range = std::optional<std::pair<int64_t, int64_t>>;
  if ((*range)->IsNull(0)) return Range();
  return Range(std::make_pair((*range)->Int(0), (*range)->Int(1)));
}

Result<int64_t> Workspace::RowCount(TableId id) {
  const TableSpec& table = Table(id);
  auto statement =
      Prepare(table.in_blocks ? "SELECT coalesce(sum(row_count), 0) FROM " + BlocksName(table)
                              : "SELECT count(*) FROM " + std::string(table.name));
  if (!statement.ok()) return statement.status();
  if (!(*statement)->NextRow()) return (*statement)->status();
  return (*statement)->Int(0);
}

Result<int64_t> Workspace::DataGeneration() {
  auto statement = Prepare("SELECT value FROM meta WHERE key = 'data_generation'");
  if (!statement.ok()) return statement.status();
  if (!(*statement)->NextRow()) return Status::Corrupt("workspace " + path_ + " has no generation");
  const std::string_view text = (*statement)->Text(0);
  int64_t generation = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), generation);
  if (error != std::errc() || end != text.data() + text.size()) {
    return Status::Corrupt("workspace " + path_ + " has a damaged data generation " + Quoted(text));
  }
  return generation;
}

Status Workspace::BumpDataGeneration() {
  return Exec(
      "UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT) "
      "WHERE key = 'data_generation'");
}

Result<std::unique_ptr<ByteSink>> Workspace::CreateSnapshot(std::string_view name,
                                                            int64_t generation, size_t size) {
  auto file = CreateSnapshotFile(path_, size);
  if (!file.ok()) return file.status();
  snapshot_files_written_.push_back((*file)->name());
  snapshots_changed_ = true;
  auto record = Prepare("INSERT OR REPLACE INTO engine_snapshot_files VALUES (?, ?, ?, ?)");
  if (!record.ok()) return record.status();
  (*record)->BindText(0, name);
  (*record)->BindInt(1, generation);
  (*record)->BindText(2, (*file)->name());
  (*record)->BindInt(3, static_cast<int64_t>(size));
  CONTINUUM_RETURN_IF_ERROR((*record)->Execute());
  return std::unique_ptr<ByteSink>(std::move(*file));
}

Status Workspace::DropSnapshotsOtherThan(int64_t generation) {
  auto remove = Prepare("DELETE FROM engine_snapshot_files WHERE generation <> ?");
  if (!remove.ok()) return remove.status();
  (*remove)->BindInt(0, generation);
  CONTINUUM_RETURN_IF_ERROR((*remove)->Execute());
  snapshots_changed_ = true;
  // Snapshots kept inside the database by earlier versions are not read any more.
  return Exec("DELETE FROM engine_snapshot");
}

void Workspace::TidySnapshotFiles(bool committed) {
  if (committed && snapshots_changed_) {
    // Under the write lock: a writer makes its files while it holds it, so every file not yet
    // named by a committed row is one no writer will name.
    if (Exec("BEGIN IMMEDIATE").ok()) {
      std::set<std::string> current;
      bool read = false;
      {
        auto files = Prepare("SELECT file FROM engine_snapshot_files");
        if (files.ok()) {
          while ((*files)->NextRow()) current.insert(std::string((*files)->Text(0)));
          read = (*files)->status().ok();
        }
      }
      if (read) RemoveSnapshotFilesOtherThan(path_, current);
      Exec("COMMIT").ok();
    }
  } else if (!committed) {
    for (const std::string& name : snapshot_files_written_)
      std::filesystem::remove(SnapshotFolder(path_) + "/" + name);
  }
  snapshot_files_written_.clear();
  snapshots_changed_ = false;
}

Result<std::unique_ptr<ByteSource>> Workspace::OpenSnapshot(std::string_view name,
                                                            int64_t generation) {
  auto statement =
      Prepare("SELECT file, bytes FROM engine_snapshot_files WHERE name = ? AND generation = ?");
  // A workspace written before snapshots were files, read without the right to add the table.
  if (!statement.ok()) return std::unique_ptr<ByteSource>();
  (*statement)->BindText(0, name);
  (*statement)->BindInt(1, generation);
  if (!(*statement)->NextRow()) {
    if (!(*statement)->status().ok()) return (*statement)->status();
    return std::unique_ptr<ByteSource>();
  }
  const std::string file = std::string((*statement)->Text(0));
  const int64_t bytes = (*statement)->Int(1);
  // A name that is not one of ours, a file gone (a newer import removed it after this read its
  // name) or of another size: nothing to read, so the caller rebuilds from the rows.
  if (file.find('/') != std::string::npos || file.starts_with("."))
    return std::unique_ptr<ByteSource>();
  // A file this process may not read or map reads the same way: the rows are the record.
  auto mapped = MappedFile::Open(SnapshotFolder(path_) + "/" + file, MappedFile::kPrivateWrites);
  if (!mapped.ok()) return std::unique_ptr<ByteSource>();
  if (static_cast<int64_t>((*mapped)->size()) != bytes) return std::unique_ptr<ByteSource>();
  return std::unique_ptr<ByteSource>(new MappedSource(std::move(*mapped)));
}

Result<std::optional<std::string>> Workspace::FindImportedFile(std::string_view name, int64_t bytes,
                                                               uint64_t checksum) {
  auto statement = Prepare(
      "SELECT imported_at FROM imported_files WHERE name = ? AND bytes = ? AND checksum = ? "
      "ORDER BY rowid DESC LIMIT 1");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(0, name);
  (*statement)->BindInt(1, bytes);
  (*statement)->BindInt(2, static_cast<int64_t>(checksum));
  if (!(*statement)->NextRow()) {
    if (!(*statement)->status().ok()) return (*statement)->status();
    return std::optional<std::string>();
  }
  return std::optional<std::string>(std::string((*statement)->Text(0)));
}

Result<bool> Workspace::ImportedFileOfSize(std::string_view name, int64_t bytes) {
  auto statement = Prepare("SELECT 1 FROM imported_files WHERE name = ? AND bytes = ? LIMIT 1");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(0, name);
  (*statement)->BindInt(1, bytes);
  const bool found = (*statement)->NextRow();
  if (!(*statement)->status().ok()) return (*statement)->status();
  return found;
}

Status Workspace::RememberImportedFile(std::string_view name, int64_t bytes, uint64_t checksum) {
  auto statement = Prepare("INSERT INTO imported_files (name, bytes, checksum) VALUES (?, ?, ?)");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(0, name);
  (*statement)->BindInt(1, bytes);
  (*statement)->BindInt(2, static_cast<int64_t>(checksum));
  return (*statement)->Execute();
}

Status Workspace::LogImport(std::string_view source, int64_t rows, int64_t rejected) {
  auto statement = Prepare("INSERT INTO imports (source, rows, rejected) VALUES (?, ?, ?)");
  if (!statement.ok()) return statement.status();
  (*statement)->BindText(0, source);
  (*statement)->BindInt(1, rows);
  (*statement)->BindInt(2, rejected);
  return (*statement)->Execute();
}

}  // namespace continuum
