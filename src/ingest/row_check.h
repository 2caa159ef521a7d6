// Every check import makes of one CSV row: well-formed UTF-8, the number of fields, each field
// against its column (field_check.h) and the rules across fields and rows (row_rules.h); a row
// that passes is recorded so later rows may refer to it, and one that fails is remembered so
// that the rows depending on it are reported as its consequences.
//
//   RowChecker checker(PatientsTable(), context);
//   std::optional<RowProblem> problem = checker.Check(cursor.raw_row(), fields);
//   if (!problem) Store(fields, checker.parsed());
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ingest/import_context.h"
#include "ingest/row_rules.h"
#include "model/schema.h"

namespace continuum {

// The header line a table's file must start with: its column names, comma separated.
std::string ExpectedHeader(const TableSpec& table);

class RowChecker {
 public:
  // `table` and `context` must outlive the checker.
  RowChecker(const TableSpec& table, ImportContext& context)
      : table_(table), context_(context), parsed_(table.columns.size(), 0) {}

  // Nullopt when the row passes: its integers, dates and money are then in parsed() and, but for
  // organisations (which may come in any order; the importer records them), it is recorded in
  // the context.
  std::optional<RowProblem> Check(std::string_view raw, std::span<const std::string_view> fields);
  // Remembers a rejected row's key, so that rows referring to it are consequences.
  void MarkRejected(std::span<const std::string_view> fields);
  // The numbers of the row last checked, by column.
  std::span<const int64_t> parsed() const { return parsed_; }

 private:
  std::optional<RowProblem> CheckRow(std::string_view raw,
                                     std::span<const std::string_view> fields);
  // The name of the column holding byte `offset` of an unquoted row.
  std::string_view ColumnAt(std::string_view raw, size_t offset) const;

  const TableSpec& table_;
  ImportContext& context_;
  std::vector<int64_t> parsed_;
};

}  // namespace continuum
