// Rows of any import table checked as `continuum import` checks them, against a workspace that
// holds the hand-made ICO. The input's first line names the table's file ("activity.csv"; any
// other line picks a table by its bytes), the rest are its rows, without the header.
#include <numeric>

#include "core/csv.h"
#include "fuzz_support.h"
#include "ingest/import_context.h"
#include "ingest/row_check.h"

namespace continuum {
namespace {

const ImportContext& BaseContext() {
  static const ImportContext* context = [] {
    auto loaded = ImportContext::Load(*Fixture().workspace);
    if (!loaded.ok()) std::abort();
    return new ImportContext(std::move(*loaded));
  }();
  return *context;
}

const TableSpec& ChooseTable(std::string_view name) {
  for (const TableSpec& table : Tables()) {
    if (table.file == name) return table;
  }
  const unsigned sum = std::accumulate(name.begin(), name.end(), 0u,
                                       [](unsigned s, char c) { return s + uint8_t(c); });
  return Tables()[sum % Tables().size()];
}

}  // namespace
}  // namespace continuum

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  continuum::BaseContext();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  const std::string_view input = FuzzText(data, size);
  const size_t newline = input.find('\n');
  const std::string_view name = input.substr(0, newline);
  const std::string_view rows = newline == std::string_view::npos ? "" : input.substr(newline + 1);
  const TableSpec& table = ChooseTable(name);
  ImportContext context = BaseContext();
  RowChecker checker(table, context);
  const CsvFile file = CsvFile::FromText(std::string(table.file), std::string(rows));
  CsvCursor cursor(file);
  std::vector<std::string_view> fields;
  while (cursor.Next(&fields)) {
    std::optional<RowProblem> problem = checker.Check(cursor.raw_row(), fields);
    if (problem) {
      CheckMessage(problem->reason);
    } else if (table.id == TableId::kOrganisations) {
      RecordRow(table.id, ImportRow{fields, checker.parsed()}, context);
    }
  }
  CheckMessage(cursor.status());
  return 0;
}
