#include "ingest/staged_tables.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <memory>

#include "core/csv.h"

namespace continuum {

int64_t SourceSummary::Read() const {
  int64_t total = 0;
  for (const auto& [type, count] : read) total += count;
  return total;
}

Result<int64_t> LargestKey(Workspace& workspace, TableId table) {
  if (Table(table).in_blocks) {
    auto range = workspace.BlockKeyRange(table);
    if (!range.ok()) return range.status();
    return range->has_value() ? (*range)->second : 0;
  }
  auto scan = workspace.Scan(table);
  if (!scan.ok()) return scan.status();
  int64_t largest = 0;
  while ((*scan)->NextRow()) largest = std::max(largest, (*scan)->Int(0));
  CONTINUUM_RETURN_IF_ERROR((*scan)->status());
  return largest;
}

Result<ImportReport> StagedTables::Import(
    const std::vector<ImportIssue>& own, const std::string& staging_folder, ImportOptions options,
    const StagedImport& import, const SourceNamer& name,
    const std::function<void(ImportIssue&)>& name_file) const {
  std::error_code ignored;
  std::filesystem::remove_all(staging_folder, ignored);
  struct Cleanup {
    const std::string& folder;
    ~Cleanup() {
      std::error_code ignored;
      std::filesystem::remove_all(folder, ignored);
    }
  } cleanup{staging_folder};
  CONTINUUM_RETURN_IF_ERROR(Write(staging_folder));
  const std::string rejects = options.rejects_path;
  if (options.quarantine) options.rejects_path = staging_folder + "/rejects.csv";
  // Problems of its own fail the import unless quarantining; the rows are still checked, so
  // that every problem is reported at once.
  if (!own.empty() && !options.quarantine) options.dry_run = true;
  ImportReport report;
  bool any = false;
  for (const Staged& staged : tables_) any |= !staged.sources.empty();
  if (any) {
    auto imported = import(staging_folder, options);
    if (!imported.ok()) return imported.status();
    report = std::move(*imported);
  } else {
    for (const TableSpec& t : Tables()) report.tables.push_back({std::string(t.file)});
  }
  Translate(&report, name);
  for (ImportIssue& issue : report.issues) {
    if (issue.line == 0 && issue.resource.empty()) name_file(issue);
  }
  // The source's own problems come first, then the rows' (capped as the import caps them).
  std::vector<ImportIssue> issues(
      own.begin(),
      own.begin() + static_cast<std::ptrdiff_t>(std::min(own.size(), ImportReport::kIssuesKept)));
  issues.insert(issues.end(), report.issues.begin(), report.issues.end());
  report.issues = std::move(issues);
  report.issue_count += static_cast<int64_t>(own.size());
  report.consequence_count += std::count_if(
      own.begin(), own.end(), [](const ImportIssue& issue) { return issue.consequence; });
  if (!own.empty() && !options.quarantine) {
    report.committed = false;
    for (TableImport& t : report.tables) t.loaded = 0;
  }
  if (options.quarantine) {
    CONTINUUM_RETURN_IF_ERROR(TranslateRejects(options.rejects_path, rejects, own, name));
  }
  return report;
}

void StagedTables::Add(TableId table, std::span<const std::string> fields, int64_t source) {
  Staged& staged = tables_[static_cast<int>(table)];
  staged.sources.push_back(source);
  staged.lines.push_back(staged.next_line);
  const size_t before = staged.text.size();
  for (size_t c = 0; c < fields.size(); ++c) {
    if (c > 0) staged.text.push_back(',');
    AppendCsvField(fields[c], &staged.text);
  }
  staged.text.push_back('\n');
  staged.next_line += std::count(staged.text.begin() + static_cast<std::ptrdiff_t>(before),
                                 staged.text.end(), '\n');
}

int64_t StagedTables::Rows(TableId table) const {
  return static_cast<int64_t>(tables_[static_cast<int>(table)].sources.size());
}

Status StagedTables::Write(const std::string& folder) const {
  std::error_code error;
  std::filesystem::create_directories(folder, error);
  if (error) return Status::IoError(folder + ": " + error.message());
  for (const TableSpec& table : Tables()) {
    const Staged& staged = tables_[static_cast<int>(table.id)];
    if (staged.sources.empty()) continue;
    auto writer = CsvWriter::Create((std::filesystem::path(folder) / table.file).string());
    if (!writer.ok()) return writer.status();
    for (const ColumnSpec& column : table.columns) (*writer)->Field(column.name);
    (*writer)->EndRow();
    (*writer)->Raw(staged.text);
    CONTINUUM_RETURN_IF_ERROR((*writer)->Close());
  }
  return Status::Ok();
}

bool StagedTables::Locate(std::string_view file, int64_t line, TableId* table,
                          int64_t* source) const {
  for (const TableSpec& spec : Tables()) {
    if (spec.file != file) continue;
    const Staged& staged = tables_[static_cast<int>(spec.id)];
    auto after = std::upper_bound(staged.lines.begin(), staged.lines.end(), line);
    if (after == staged.lines.begin()) return false;
    *table = spec.id;
    *source = staged.sources[static_cast<size_t>(after - staged.lines.begin() - 1)];
    return true;
  }
  return false;
}

void StagedTables::Translate(ImportReport* report, const SourceNamer& name) const {
  for (ImportIssue& issue : report->issues) {
    TableId table;
    int64_t source;
    if (issue.line > 0 && Locate(issue.file, issue.line, &table, &source)) {
      name(source, table, issue);
    }
  }
}

Status StagedTables::TranslateRejects(const std::string& from, const std::string& to,
                                      const std::vector<ImportIssue>& extra,
                                      const SourceNamer& name) const {
  auto writer = CsvWriter::Create(to);
  if (!writer.ok()) return writer.status();
  auto row = [&](const ImportIssue& issue) {
    (*writer)->Field(issue.file);
    (*writer)->Field(issue.line);
    (*writer)->Field(issue.resource);
    (*writer)->Field(issue.column);
    (*writer)->Field(issue.reason);
    (*writer)->EndRow();
  };
  for (const char* h : {"file", "line", "resource", "element", "reason"}) (*writer)->Field(h);
  (*writer)->EndRow();
  for (const ImportIssue& issue : extra) row(issue);
  if (std::filesystem::exists(from)) {
    auto staged = CsvFile::Read(from);
    if (!staged.ok()) return staged.status();
    CsvCursor cursor(*staged);
    std::vector<std::string_view> fields;
    bool header = true;
    while (cursor.Next(&fields)) {
      if (header || fields.size() < 4) {
        header = false;
        continue;
      }
      ImportIssue issue{std::string(fields[0]), 0, std::string(fields[2]), std::string(fields[3])};
      std::from_chars(fields[1].data(), fields[1].data() + fields[1].size(), issue.line);
      TableId table;
      int64_t source;
      if (issue.line > 0 && Locate(issue.file, issue.line, &table, &source)) {
        name(source, table, issue);
      }
      row(issue);
    }
    CONTINUUM_RETURN_IF_ERROR(cursor.status());
  }
  return (*writer)->Close();
}

}  // namespace continuum
