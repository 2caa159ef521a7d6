#include "engine/loader.h"

#include <string>
#include <vector>

#include "engine/population_builder.h"
#include "model/schema.h"

namespace continuum {

Result<Population> LoadPopulationFromRows(Workspace& workspace) {
  PopulationBuilder builder;
  std::vector<std::string_view> fields;
  std::vector<int64_t> parsed;
  for (const TableSpec& table : Tables()) {
    auto scan = workspace.Scan(table.id);
    if (!scan.ok()) return scan.status();
    TableScan& row = **scan;
    const size_t columns = table.columns.size();
    fields.assign(columns, {});
    parsed.assign(columns, 0);
    while (row.NextRow()) {
      for (size_t c = 0; c < columns; ++c) {
        const int column = static_cast<int>(c);
        const ColumnType type = table.columns[c].type;
        if (row.IsNull(column)) {
          fields[c] = {};
        } else if (type == ColumnType::kInteger || type == ColumnType::kPounds ||
                   type == ColumnType::kDate) {
          parsed[c] = row.Int(column);
          fields[c] = "#";  // present; the value is in parsed
        } else {
          fields[c] = row.Text(column);
        }
      }
      CONTINUUM_RETURN_IF_ERROR(builder.Add(table.id, BuilderRow{fields, parsed}));
    }
    CONTINUUM_RETURN_IF_ERROR(row.status());
  }
  return std::move(builder).Finish();
}

}  // namespace continuum
