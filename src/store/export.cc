#include "store/export.h"

#include <filesystem>

#include "core/csv.h"
#include "core/date.h"
#include "core/money.h"
#include "model/voice_responses_file.h"
#include "store/voice.h"

namespace continuum {

Result<ExportCounts> ExportFolder(Workspace& workspace, const std::string& folder) {
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
    TableScan& row = **scan;
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
  auto responses = VoiceStore(workspace).All();
  if (!responses.ok()) return responses.status();
  auto writer = CsvWriter::Create((std::filesystem::path(folder) / kVoiceResponsesFile).string());
  if (!writer.ok()) return writer.status();
  (*writer)->Raw(kVoiceResponsesHeader);
  for (const VoiceResponse& response : *responses) {
    const std::string day = FormatDate(response.responded_on);
    for (const VoiceAnswer& answer : response.answers) {
      line = std::to_string(response.id);
      for (const std::string_view field :
           {std::string_view(response.survey), std::string_view(response.practice),
            std::string_view(day), std::string_view(answer.question),
            std::string_view(answer.answer)}) {
        line.push_back(',');
        AppendCsvField(field, &line);
      }
      line.push_back('\n');
      (*writer)->Raw(line);
    }
  }
  CONTINUUM_RETURN_IF_ERROR((*writer)->Close());
  return ExportCounts{.rows = rows, .survey_responses = static_cast<int64_t>(responses->size())};
}

}  // namespace continuum
