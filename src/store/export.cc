#include "store/export.h"

#include <filesystem>

#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"

namespace continuum {

Result<int64_t> ExportFolder(Workspace& workspace, const std::string& folder) {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Status::IoError(folder + ": " + error.message());
  int64_t rows = 0;
  std::string line;
  for (const TableSpec& table : Tables()) {
    auto writer = CsvWriter::Create((std::filesystem::path(folder) / table.file).string());
    if (!writer.ok()) return writer.status();
    for (const ColumnSpec& column : table.columns) (*writer)->Field(column.name);
    (*writer)->EndRow();
    auto scan = workspace.Scan(table.id);
    if (!scan.ok()) return scan.status();
    Statement& row = **scan;
    const int columns = static_cast<int>(table.columns.size());
    char number[32];
    while (row.NextRow()) {
      line.clear();
      for (int c = 0; c < columns; ++c) {
        if (c > 0) line.push_back(',');
        if (row.IsNull(c)) continue;
        switch (table.columns[c].type) {
          case ColumnType::kInteger:
            line.append(std::to_string(row.Int(c)));
            break;
          case ColumnType::kPounds:
            line.append(number, FormatPoundsTo(row.Int(c), number));
            break;
          case ColumnType::kDate:
            line.append(number, FormatDateTo(static_cast<Day>(row.Int(c)), number));
            break;
          default:
            AppendCsvField(row.Text(c), &line);
        }
      }
      line.push_back('\n');
      (*writer)->Raw(line);
      ++rows;
    }
    CONTINUUM_RETURN_IF_ERROR(row.status());
    CONTINUUM_RETURN_IF_ERROR((*writer)->Close());
  }
  return rows;
}

}  // namespace continuum
