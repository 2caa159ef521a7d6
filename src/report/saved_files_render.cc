#include "report/saved_files_render.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "core/date.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {

namespace {

// "2026-12-06 04:37:19" in UTC, or with `iso` "2026-12-06T04:37:19Z".
std::string UtcTime(int64_t unix_seconds, bool iso = false) {
  const std::time_t t = unix_seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char text[32];
  std::strftime(text, sizeof text, iso ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M:%S", &tm);
  return text;
}

// The columns naming a file's series: a contract's ICO and year, a scenario's or plan's name.
std::vector<std::string> SeriesHeader(SavedKind kind) {
  if (kind == SavedKind::kContract) return {"ico", "year"};
  if (kind == SavedKind::kScenario || kind == SavedKind::kPlan) return {"name"};
  return {};
}

std::vector<std::string> Row(SavedKind kind, const SavedFile& f) {
  std::vector<std::string> row;
  if (kind == SavedKind::kContract) row = {f.ico, FormatFinancialYear(f.year)};
  if (kind == SavedKind::kScenario || kind == SavedKind::kPlan) row = {f.name};
  for (std::string cell :
       {std::to_string(f.version), std::string(f.in_force ? "yes" : "superseded"),
        UtcTime(f.added_at), f.added_by, f.file_name, f.digest})
    row.push_back(std::move(cell));
  return row;
}

}  // namespace

std::string RenderSavedFiles(SavedKind kind, const std::vector<SavedFile>& files,
                             OutputFormat format) {
  std::vector<std::string> header = SeriesHeader(kind);
  for (const char* column : {"version", "in_force", "added_at", "added_by", "file", "blake2b"})
    header.push_back(column);
  if (format == OutputFormat::kJson) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const SavedFile& f : files) {
      nlohmann::ordered_json item;
      const std::vector<std::string> row = Row(kind, f);
      for (size_t c = 0; c < header.size(); ++c) item[header[c]] = row[c];
      item["version"] = f.version;
      item["in_force"] = f.in_force;
      item["added_at"] = UtcTime(f.added_at, /*iso=*/true);
      list.push_back(std::move(item));
    }
    return JsonText(nlohmann::ordered_json{{std::string(SavedKindCode(kind)) + "s", list}}, 2) +
           "\n";
  }
  if (format == OutputFormat::kCsv) {
    std::string out;
    auto line = [&out](const std::vector<std::string>& fields) {
      for (size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        AppendCsvField(fields[i], &out);
      }
      out += '\n';
    };
    line(header);
    for (const SavedFile& f : files) line(Row(kind, f));
    return out;
  }
  if (files.empty())
    return "No " + std::string(SavedKindCode(kind)) + " stored yet; add one with: continuum " +
           std::string(SavedKindCode(kind)) + " add FILE\n";
  header.pop_back();  // the digest is for programs; the table stays narrow
  TextTable table(header);
  for (const SavedFile& f : files) {
    std::vector<std::string> row = Row(kind, f);
    row.pop_back();
    table.AddRow(std::move(row));
  }
  return table.Render();
}

}  // namespace continuum
