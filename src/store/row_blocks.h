// The rows of a table kept in blocks (TableSpec::in_blocks): each block is one SQLite row of
// <table>_blocks holding a batch of rows as JSON text, [[v0,v1,...],[...],...], each value as the
// table's column stores it (an integer, a string or null; nulls at the end of a row left out).
// One B-tree insert stores a batch
// instead of one per row, and SQLite's own json_each reads the rows back, so the <table> view
// (CreateTableSql) answers any analyst's sqlite3 as the table did.
//
//   RowsJson json;
//   BlockKeys keys = AppendRowsJson(block, table.block_order, &json);  // Workspace::RowBlock
//   DecodedRows rows;
//   CONTINUUM_RETURN_IF_ERROR(DecodeRowsJson(json.text(), columns, table.block_order, &rows));
//   rows.values[r * columns + c]                        // kind, number, text
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace continuum {

// The first column's smallest and largest value over a block's rows, and how many rows it holds.
struct BlockKeys {
  int64_t first = INT64_MAX, last = INT64_MIN;
  int64_t rows = 0;
};

// The rows of one batch as the importer hands them to the workspace (Workspace::RowBlock).
struct RowsToStore {
  size_t columns = 0, rows = 0;
  const std::string_view* fields = nullptr;  // rows x columns; empty for null
  const int64_t* numbers = nullptr;          // rows x columns, where as_integer[c]
  const int32_t* skip = nullptr;             // per row: >= 0 leaves the row out
  const std::vector<bool>* as_integer = nullptr;
};

// A block's JSON text as it is written: a buffer that grows and is reused, never zero-filled.
class RowsJson {
 public:
  std::string_view text() const { return {data_.get(), size_}; }
  void Clear() { size_ = 0; }
  // At least `bytes` writable bytes at the end; Grow() then adds those written.
  char* Room(size_t bytes);
  void Grow(size_t written) { size_ += written; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0, capacity_ = 0;
};

// Writes the rows not skipped to `json` as one JSON array of arrays, after anything already
// there, each row's values in `order` (column indexes, starting with 0; empty for the columns'
// own order); column 0 must be an integer.
BlockKeys AppendRowsJson(const RowsToStore& rows, std::span<const uint8_t> order, RowsJson* json);

struct DecodedValue {
  enum Kind : uint8_t { kNull, kInteger, kText } kind = kNull;
  int64_t number = 0;
  std::string_view text;  // into the decoded text, or into DecodedRows::owned when unescaped
};

struct DecodedRows {
  size_t columns = 0, rows = 0;
  std::vector<DecodedValue> values;  // rows x columns
  std::deque<std::string> owned;     // strings that held escapes
  void Clear() {
    rows = 0;
    values.clear();
    owned.clear();
  }
};

// Reads a block written by AppendRowsJson with the same `order` (or by any JSON writer:
// whitespace and every string escape are understood) into `rows`, by column, whose values point
// into `json`. An error names what is wrong and where; `rows` is then incomplete.
Status DecodeRowsJson(std::string_view json, size_t columns, std::span<const uint8_t> order,
                      DecodedRows* rows);

}  // namespace continuum
