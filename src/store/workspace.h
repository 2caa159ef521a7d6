// A workspace: one SQLite database file (WAL journal) that is Continuum's system of record.
// It holds the data-model tables (model/schema.h; activity in blocks, row_blocks.h) with a
// readable view of each, a meta table, an import log, which files beside it hold the engine's
// column snapshots (store/snapshot_files.h) and the accounts (users, sessions and the audit log;
// store/accounts.h). This file and workspace.cc are the only places that use SQLite.
//
//   auto ws = Workspace::Open("demo/workspace.db", Workspace::kCreate);
//   CONTINUUM_RETURN_IF_ERROR((*ws)->BeginWrite());
//   auto insert = (*ws)->Inserter(TableId::kPatients);  ... (*ws)->Commit();
//
// All writes happen inside BeginWrite()/Commit(): a killed process leaves the last committed
// state, never a mixture.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/bytes.h"
#include "core/status.h"
#include "model/schema.h"
#include "store/row_blocks.h"

struct sqlite3;
struct sqlite3_stmt;

namespace continuum {

// One prepared statement; finalised on destruction.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding, 0-based parameter index. Text is not copied: it must outlive Step().
  void BindNull(int index);
  void BindInt(int index, int64_t value);
  void BindText(int index, std::string_view value);

  // Runs an INSERT/UPDATE: Ok, or kInvalidInput "duplicate" for a uniqueness violation.
  Status Execute();
  // Steps a SELECT: true while a row is available; check status() after false.
  bool NextRow();
  const Status& status() const { return status_; }

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  std::string_view Text(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
  Status status_;
};

// Every row of a data-model table, whether stored as SQLite rows or in blocks (row_blocks.h);
// read like a Statement.
class TableScan {
 public:
  TableScan(std::unique_ptr<Statement> statement, size_t columns, bool blocks,
            std::span<const uint8_t> order)
      : statement_(std::move(statement)), columns_(columns), blocks_(blocks), order_(order) {}
  bool NextRow();
  const Status& status() const { return blocks_ ? status_ : statement_->status(); }
  bool IsNull(int column) const;
  int64_t Int(int column) const;
  std::string_view Text(int column) const;

 private:
  const DecodedValue& At(int column) const { return rows_.values[(row_ - 1) * columns_ + column]; }
  std::unique_ptr<Statement> statement_;
  size_t columns_;
  bool blocks_;
  std::span<const uint8_t> order_;  // TableSpec::block_order
  DecodedRows rows_;
  size_t row_ = 0;  // 1 + the current row of rows_
  Status status_;
};

class Workspace {
 public:
  // kReadOnly opens an existing workspace for reading only (a file the user may not write).
  enum OpenMode { kCreate, kMustExist, kReadOnly };

  // Opens (or with kCreate creates) the workspace at `path` and brings its schema up to date.
  static Result<std::unique_ptr<Workspace>> Open(const std::string& path, OpenMode mode);
  ~Workspace();

  const std::string& path() const { return path_; }

  // One write transaction at a time; Rollback() is safe to call when none is open.
  // A bulk write (a large import) uses SQLite's rollback journal instead of the WAL while it
  // runs, when no other connection is open: appended pages are then written once instead of
  // twice. It is just as atomic; readers wait for it instead of reading alongside.
  Status BeginWrite(bool bulk = false);
  Status Commit();
  void Rollback();

  // INSERT into a data-model table, one parameter per schema column in order.
  Result<std::unique_ptr<Statement>> Inserter(TableId table);

  // Many rows at once, in one statement: row r's column c is fields[r * columns + c] (empty for
  // NULL), stored as numbers[r * columns + c] where as_integer[c]; rows with skip[r] >= 0 are
  // left out. All rows go in, or none: a duplicate key anywhere gives kInvalidInput "duplicate"
  // and the block adds nothing (insert its rows one by one to find which). A table kept in blocks
  // (TableSpec::in_blocks) stores them as one block, without a look for duplicates: its importer
  // keeps its keys unique (BlockKeyRange helps it).
  using RowBlock = RowsToStore;
  Status InsertBlock(TableId table, const RowBlock& block);
  // Every schema column of a table in row order (the order rows were loaded, or key order for
  // tables keyed by an integer id and not kept in blocks).
  Result<std::unique_ptr<TableScan>> Scan(TableId table);
  // For a table kept in blocks: the smallest and largest key stored, or nullopt when it holds no
  // rows (for an importer checking that its keys are new).
  Result<std::optional<std::pair<int64_t, int64_t>>> BlockKeyRange(TableId table);
  // Any other query (for analyses that read rows directly).
  Result<std::unique_ptr<Statement>> Prepare(std::string_view sql);
  Result<int64_t> RowCount(TableId table);

  // A counter bumped by every committed change to the data tables.
  Result<int64_t> DataGeneration();
  Status BumpDataGeneration();

  // Named binary snapshots (the engine's columns), tagged with the data generation they match,
  // each a file beside the workspace (store/snapshot_files.h) that the workspace names.
  // Writing: a sink of exactly `size` bytes, inside the caller's write transaction; the file is
  // the snapshot once the transaction commits, and removed if it rolls back.
  Result<std::unique_ptr<ByteSink>> CreateSnapshot(std::string_view name, int64_t generation,
                                                   size_t size);
  // Reading: the snapshot's bytes, mapped (they can be lent: core/mapped_file.h), if it exists
  // for `generation`; nullptr otherwise.
  Result<std::unique_ptr<ByteSource>> OpenSnapshot(std::string_view name, int64_t generation);
  // Removes the snapshots of every generation but `generation` (inside the caller's write
  // transaction; their files go when it commits), so that a shard no longer in the plan does not
  // linger.
  Status DropSnapshotsOtherThan(int64_t generation);

  // Appends to the import log.
  Status LogImport(std::string_view source, int64_t rows, int64_t rejected);
  // Files already imported are remembered by name, size and checksum, so the same file given
  // again is recognised. Returns when it was imported, or nullopt.
  Result<std::optional<std::string>> FindImportedFile(std::string_view name, int64_t bytes,
                                                      uint64_t checksum);
  Status RememberImportedFile(std::string_view name, int64_t bytes, uint64_t checksum);
  // Whether any file of this name and size was imported (a cheap first look).
  Result<bool> ImportedFileOfSize(std::string_view name, int64_t bytes);

 private:
  Workspace(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  Status Exec(const std::string& sql);
  Status EnsureSchema();
  Status CheckIsWorkspace();
  Status CheckNotForeign();
  // Brings a workspace of an older format version to this one, inside EnsureSchema's write.
  Status UpgradeFormat();

  std::string path_;
  sqlite3* db_;
  Status RestoreWal();
  // After a commit, removes the snapshot files the workspace no longer names; after a rollback,
  // those written in the transaction.
  void TidySnapshotFiles(bool committed);
  std::vector<std::string> snapshot_files_written_;  // in the open transaction
  bool snapshots_changed_ = false;                   // in the open transaction

  Status RegisterRowSource();

  bool in_transaction_ = false;
  const RowBlock* block_ = nullptr;  // the rows the row source hands to InsertBlock's statement
  std::unique_ptr<Statement> block_inserts_[kTableCount];  // prepared on first use
  RowsJson block_json_;                                    // a block being stored (row_blocks.h)
  bool in_bulk_ = false;  // the journal was switched from WAL for this write
};

// The name of a column as stored: money columns gain "_pence".
std::string StoredColumnName(const ColumnSpec& column);
// CREATE TABLE statement for a data-model table. Dates are stored as day numbers (days since
// 1970-01-01) and money as pence, so both sort and sum as integers. A table kept in blocks is a
// table <name>_blocks and a view <name> that reads its rows out of them.
std::string CreateTableSql(const TableSpec& table);
// A view, <table>_readable, that shows the same rows with ISO dates and money in pounds.
std::string CreateReadableViewSql(const TableSpec& table);

}  // namespace continuum
