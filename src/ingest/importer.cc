#include "ingest/importer.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <optional>
#include <set>
#include <thread>

#include "core/checksum.h"
#include "core/csv.h"
#include "core/quoted.h"
#include "ingest/import_context.h"
#include "ingest/key_set.h"
#include "ingest/row_batch.h"
#include "ingest/row_check.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

// Collects issues and, when quarantining, the rejected rows themselves.
class IssueLog {
 public:
  IssueLog(ImportReport* report, CsvWriter* rejects) : report_(report), rejects_(rejects) {}

  void Add(const std::string& file, int64_t line, std::string_view column, std::string reason,
           std::string_view raw_row, bool consequence = false) {
    ++report_->issue_count;
    if (rejects_ != nullptr) {
      rejects_->Field(file);
      rejects_->Field(line);
      rejects_->Field(column);
      rejects_->Field(reason);
      rejects_->Field(raw_row);
      rejects_->EndRow();
    }
    int64_t& kept = consequence ? kept_consequences_ : kept_roots_;
    if (consequence) ++report_->consequence_count;
    if (kept < static_cast<int64_t>(ImportReport::kIssuesKept)) {
      ++kept;
      report_->issues.push_back({file, line, std::string(column), std::move(reason), consequence});
    }
  }

 private:
  ImportReport* report_;
  CsvWriter* rejects_;
  int64_t kept_roots_ = 0, kept_consequences_ = 0;
};

// Checksum::Of a file's text (the value SumFile gives), summed a piece at a time just behind the
// reading, so that a large file is not read a second time to be remembered by.
class TextSum {
 public:
  explicit TextSum(std::string_view text) : text_(text) {}
  // Sums the whole words of the text before byte `end`.
  void To(size_t end) {
    end = std::min(end, text_.size());
    end -= end % 8;
    if (end <= summed_) return;
    sum_.AddWords(text_.data() + summed_, end - summed_);
    summed_ = end;
  }
  // The rest of the text summed, and the checksum of all of it.
  uint64_t Finish() {
    To(text_.size());
    sum_.AddEnd(text_.data() + summed_, text_.size() - summed_, text_.size());
    return sum_.value();
  }

 private:
  std::string_view text_;
  size_t summed_ = 0;
  Checksum sum_;
};

class TableLoader {
 public:
  TableLoader(const TableSpec& table, CsvFile& file, Workspace& workspace, ImportContext& context,
              IssueLog& log, TableImport& result, const ImportOptions& options,
              ImportReport& report)
      : table_(table),
        file_(file),
        workspace_(workspace),
        context_(context),
        log_(log),
        result_(result),
        options_(options),
        report_(report),
        checker_(table, context),
        sum_(file.text()) {
    for (const ColumnSpec& c : table.columns) stored_as_integer_.push_back(StoredAsInteger(c.type));
  }

  // Checks the header, then every row; rows that pass are stored. Rows are read and checked on
  // one thread and stored on this one, so the two halves of the work overlap.
  Status Load(const std::function<void(size_t)>& progress) {
    Status status = LoadRows(progress);
    fingerprint_ = sum_.Finish();  // whatever was read, the whole file is remembered
    return status;
  }
  // Checksum::Of the file's text, once Load() has returned.
  uint64_t fingerprint() const { return fingerprint_; }

 private:
  static constexpr size_t kBatchRows = 8192;

  Status LoadRows(const std::function<void(size_t)>& progress) {
    if (table_.in_blocks) {
      auto range = workspace_.BlockKeyRange(table_.id);
      if (!range.ok()) return range.status();
      stored_range_ = *range;
    } else {
      auto insert = workspace_.Inserter(table_.id);
      if (!insert.ok()) return insert.status();
      insert_ = std::move(*insert);
    }
    CsvCursor cursor(file_);
    std::vector<std::string_view> fields;
    if (!cursor.Next(&fields)) {
      ++report_.file_problems;
      log_.Add(file_.name(), cursor.status().ok() ? 0 : 1, "",
               cursor.status().ok() ? "the file is empty; it needs at least the header line"
                                    : cursor.status().message(),
               "");
      return Status::Ok();
    }
    const std::string expected = ExpectedHeader(table_);
    if (cursor.raw_row() != expected) {
      ++report_.file_problems;
      const std::string_view text = file_.text();
      const bool utf16 = text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') ||
                                              (text[0] == '\xFE' && text[1] == '\xFF'));
      log_.Add(file_.name(), 1, "",
               utf16 ? "the file is UTF-16 (as \"Unicode Text\" exports are); save it as CSV "
                       "UTF-8 and import it again"
                     : "the header is '" + Printable(cursor.raw_row().substr(0, 200)) +
                           "'; expected '" + expected + "'; none of the file was read",
               "");
      return Status::Ok();
    }
    if (table_.id == TableId::kOrganisations) return LoadInDependencyOrder(cursor);

    RowQueue queue(4), spare(8);
    Status reader_status;
    std::atomic<bool> stop{false};
    std::thread reader([&] { reader_status = ReadAndCheck(cursor, queue, spare, stop); });
    Status status;
    while (std::optional<RowBatch> batch = queue.Pop()) {
      if (status.ok()) status = StoreBatch(*batch);
      if (!status.ok()) stop = true;
      if (batch->size() > 0) {
        // The rows read later lie further on, so the text up to this batch's end is done with.
        const std::string_view last = batch->raws.back();
        const auto done = static_cast<size_t>(last.data() + last.size() - file_.text().data());
        // Summed here, before the text is let go: the storing thread has time to spare where the
        // reading thread has none.
        sum_.To(done);
        file_.Release(done);
        if (progress) progress(done);
      }
      batch->Clear();
      spare.Push(std::move(*batch));
    }
    spare.Close();
    reader.join();
    CONTINUUM_RETURN_IF_ERROR(status);
    CONTINUUM_RETURN_IF_ERROR(reader_status);
    if (!cursor.status().ok()) {
      log_.Add(file_.name(), cursor.line(), "", cursor.status().message(), cursor.raw_row());
      ++result_.rejected;
    }
    return Status::Ok();
  }

  // The reading thread: every row checked, then handed over in batches.
  Status ReadAndCheck(CsvCursor& cursor, RowQueue& queue, RowQueue& spare,
                      std::atomic<bool>& stop) {
    const size_t columns = table_.columns.size();
    const std::string_view text = file_.text();
    RowBatch batch;
    batch.columns = columns;
    std::vector<std::string_view> fields;
    Status status;
    while (!stop && cursor.Next(&fields)) {
      batch.lines.push_back(cursor.line());
      batch.raws.push_back(cursor.raw_row());
      std::optional<RowProblem> problem = checker_.Check(cursor.raw_row(), fields);
      // A table kept in blocks has no index to refuse a key twice: the first row with a key
      // stands, and any later one in the file is rejected here (StoreBatch looks at the keys
      // already stored). Its rows are passed on by StoreBatch, once stored.
      if (!problem && table_.in_blocks && !keys_read_.Insert(checker_.parsed()[0]))
        problem = RowProblem{table_.columns[0].name, DuplicateReason(fields)};
      if (!problem && options_.on_row && !table_.in_blocks) {
        status = options_.on_row(table_.id, ImportRow{fields, checker_.parsed()});
        if (!status.ok()) break;
      }
      if (problem) {
        batch.problem.push_back(static_cast<int32_t>(batch.problems.size()));
        batch.problems.push_back(
            {std::string(problem->column), std::move(problem->reason), problem->consequence});
        batch.fields.insert(batch.fields.end(), columns, std::string_view());
        batch.parsed.insert(batch.parsed.end(), columns, 0);
      } else {
        batch.problem.push_back(-1);
        for (std::string_view field : fields) {
          // Fields unescaped from quotes live in the cursor until the next row: keep a copy.
          const bool in_file =
              field.data() >= text.data() && field.data() <= text.data() + text.size();
          batch.fields.push_back(in_file ? field
                                         : std::string_view(batch.owned.emplace_back(field)));
        }
        batch.parsed.insert(batch.parsed.end(), checker_.parsed().begin(), checker_.parsed().end());
      }
      if (batch.size() == kBatchRows) {
        queue.Push(std::move(batch));
        // Reuse a stored batch's memory when one has come back.
        batch = spare.TryPop().value_or(RowBatch());
        batch.columns = columns;
      }
    }
    if (batch.size() > 0) queue.Push(std::move(batch));
    queue.Close();
    return status;
  }

  // Stores a batch: its rejected rows are logged, and the rest go in through one statement; if
  // any of them is a duplicate key, they are stored one by one instead to find which. A table
  // kept in blocks stores the batch as one block, less any row whose key is already stored, and
  // passes its rows on.
  Status StoreBatch(const RowBatch& batch) {
    const size_t columns = batch.columns;
    int64_t good = 0;
    skip_.assign(batch.problem.begin(), batch.problem.end());
    for (size_t r = 0; r < batch.size(); ++r) {
      if (batch.problem[r] >= 0) {
        const RowBatch::Problem& p = batch.problems[batch.problem[r]];
        CONTINUUM_RETURN_IF_ERROR(
            Reject(batch.lines[r], p.column, p.reason, batch.raws[r], p.consequence));
      } else if (table_.in_blocks) {
        auto stored = IsStoredKey(batch.parsed[r * columns]);
        if (!stored.ok()) return stored.status();
        if (*stored) {
          skip_[r] = 0;
          CONTINUUM_RETURN_IF_ERROR(
              Reject(batch.lines[r], table_.columns[0].name,
                     DuplicateReason({batch.fields.data() + r * columns, columns}), batch.raws[r]));
        } else {
          ++good;
        }
      } else {
        ++good;
      }
    }
    if (good == 0) return Status::Ok();
    Workspace::RowBlock block;
    block.columns = columns;
    block.rows = batch.size();
    block.fields = batch.fields.data();
    block.numbers = batch.parsed.data();
    block.skip = skip_.data();
    block.as_integer = &stored_as_integer_;
    Status inserted = workspace_.InsertBlock(table_.id, block);
    if (inserted.ok()) {
      result_.valid += good;
      if (!table_.in_blocks || !options_.on_row) return Status::Ok();
      for (size_t r = 0; r < batch.size(); ++r) {
        if (skip_[r] >= 0) continue;
        CONTINUUM_RETURN_IF_ERROR(
            options_.on_row(table_.id, ImportRow{{batch.fields.data() + r * columns, columns},
                                                 {batch.parsed.data() + r * columns, columns}}));
      }
      return Status::Ok();
    }
    if (inserted.code() != StatusCode::kInvalidInput || table_.in_blocks) return inserted;
    for (size_t r = 0; r < batch.size(); ++r) {
      if (batch.problem[r] >= 0) continue;
      CONTINUUM_RETURN_IF_ERROR(Store(batch.lines[r], batch.raws[r],
                                      {batch.fields.data() + r * columns, columns},
                                      {batch.parsed.data() + r * columns, columns},
                                      /*passed_on=*/true));
    }
    return Status::Ok();
  }

  // Whether the workspace already holds `key`. Only a key within the range of those stored
  // needs a look: the first such key reads every stored key, once (an import of new events,
  // numbered on from the last, reads none).
  Result<bool> IsStoredKey(int64_t key) {
    if (!stored_range_ || key < stored_range_->first || key > stored_range_->second) return false;
    if (!stored_keys_read_) {
      auto scan = workspace_.Scan(table_.id);
      if (!scan.ok()) return scan.status();
      while ((*scan)->NextRow()) stored_keys_.Insert((*scan)->Int(0));
      CONTINUUM_RETURN_IF_ERROR((*scan)->status());
      stored_keys_read_ = true;
    }
    return stored_keys_.Contains(key);
  }

  // Organisations may name a parent further down the file. Rows are checked in passes, each
  // accepting the rows whose parent is now known, then stored in file order so that export
  // gives the file back as it was.
  Status LoadInDependencyOrder(CsvCursor& cursor) {
    struct HeldRow {
      int64_t line;
      std::string raw;
      std::vector<std::string> fields;
    };
    std::vector<HeldRow> held;
    std::vector<std::string_view> views;
    while (cursor.Next(&views)) {
      held.push_back({cursor.line(), std::string(cursor.raw_row()),
                      std::vector<std::string>(views.begin(), views.end())});
    }
    std::vector<std::optional<RowProblem>> problem(held.size());
    std::vector<bool> accepted(held.size(), false);
    bool progressed = true;
    while (progressed) {
      progressed = false;
      for (size_t i = 0; i < held.size(); ++i) {
        if (accepted[i]) continue;
        std::vector<std::string_view> fields(held[i].fields.begin(), held[i].fields.end());
        problem[i] = checker_.Check(held[i].raw, fields);
        if (problem[i]) continue;
        RecordRow(table_.id, ImportRow{fields, checker_.parsed()}, context_);
        accepted[i] = progressed = true;
      }
    }
    for (size_t i = 0; i < held.size(); ++i) {
      std::vector<std::string_view> fields(held[i].fields.begin(), held[i].fields.end());
      if (!accepted[i]) {
        checker_.MarkRejected(fields);
        CONTINUUM_RETURN_IF_ERROR(
            Reject(held[i].line, problem[i]->column, problem[i]->reason, held[i].raw));
        continue;
      }
      checker_.Check(held[i].raw, fields);  // parses the numbers again for Store
      if (options_.on_row)
        CONTINUUM_RETURN_IF_ERROR(options_.on_row(table_.id, ImportRow{fields, checker_.parsed()}));
      CONTINUUM_RETURN_IF_ERROR(
          Store(held[i].line, held[i].raw, fields, checker_.parsed(), options_.on_row != nullptr));
    }
    if (!cursor.status().ok()) {
      log_.Add(file_.name(), cursor.line(), "", cursor.status().message(), cursor.raw_row());
      ++result_.rejected;
    }
    return Status::Ok();
  }

  // Inserts a checked row; a duplicate key is rejected here, where the workspace sees it.
  Status Store(int64_t line, std::string_view raw, std::span<const std::string_view> fields,
               std::span<const int64_t> parsed, bool passed_on) {
    for (size_t c = 0; c < fields.size(); ++c) {
      if (fields[c].empty()) {
        insert_->BindNull(static_cast<int>(c));
      } else if (stored_as_integer_[c]) {
        insert_->BindInt(static_cast<int>(c), parsed[c]);
      } else {
        insert_->BindText(static_cast<int>(c), fields[c]);
      }
    }
    Status inserted = insert_->Execute();
    if (inserted.code() == StatusCode::kInvalidInput) {
      if (passed_on) ++report_.refused_by_store;
      return Reject(line, table_.columns[0].name, DuplicateReason(fields), raw);
    }
    CONTINUUM_RETURN_IF_ERROR(inserted);
    ++result_.valid;
    return Status::Ok();
  }

  std::string DuplicateReason(std::span<const std::string_view> fields) const {
    if (table_.key_columns <= 1) {
      return std::string(table_.columns[0].name) + " " + std::string(fields[0]) +
             " appears more than once (in this file or the workspace)";
    }
    std::string names;
    for (int k = 0; k < table_.key_columns; ++k) {
      names += (k == 0                        ? ""
                : k + 1 == table_.key_columns ? " and "
                                              : ", ") +
               std::string(table_.columns[k].name);
    }
    return "the same " + names + " appear on another row (in this file or the workspace)";
  }

  Status Reject(int64_t line, std::string_view column, std::string reason, std::string_view raw,
                bool consequence = false) {
    log_.Add(file_.name(), line, column, std::move(reason), raw, consequence);
    ++result_.rejected;
    return Status::Ok();
  }

  const TableSpec& table_;
  CsvFile& file_;
  Workspace& workspace_;
  ImportContext& context_;
  IssueLog& log_;
  TableImport& result_;
  const ImportOptions& options_;
  ImportReport& report_;
  std::unique_ptr<Statement> insert_;
  RowChecker checker_;  // the reading thread's
  KeySet keys_read_;    // the reading thread's: the keys of a table kept in blocks, so far
  // The storing thread's, for a table kept in blocks: the smallest and largest key already in
  // the workspace, and once a new key falls between them, every stored key.
  std::optional<std::pair<int64_t, int64_t>> stored_range_;
  bool stored_keys_read_ = false;
  KeySet stored_keys_;
  std::vector<int32_t> skip_;  // the storing thread's: per row of a batch, left out when >= 0
  TextSum sum_;                // the storing thread's
  uint64_t fingerprint_ = 0;
  std::vector<bool> stored_as_integer_;  // per column: bound as an integer
};

// Checksum::Of the file's bytes, read through a buffer of its own rather than its mapping, so
// that summing a large file alongside its load does not bring all of it into memory at once.
Result<uint64_t> SumFile(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (file == nullptr) return Status::IoError(path + ": cannot be read again to sum it");
  std::vector<char> buffer(size_t{1} << 20);  // a multiple of 8 bytes, as AddWords() needs
  Checksum sum;
  uint64_t whole = 0;
  size_t read;
  while ((read = std::fread(buffer.data(), 1, buffer.size(), file.get())) == buffer.size()) {
    sum.AddWords(buffer.data(), read);
    whole += read;
  }
  if (std::ferror(file.get())) return Status::IoError(path + ": could not be read to sum it");
  const size_t words = read - read % 8;
  sum.AddWords(buffer.data(), words);
  sum.AddEnd(buffer.data() + words, read % 8, whole + read);
  return sum.value();
}

}  // namespace

int64_t ImportReport::Valid() const {
  int64_t total = 0;
  for (const TableImport& t : tables) total += t.valid;
  return total;
}

int64_t ImportReport::Loaded() const {
  int64_t total = 0;
  for (const TableImport& t : tables) total += t.loaded;
  return total;
}

std::string FormatIssue(const ImportIssue& issue) {
  std::string text = issue.file;
  if (issue.line > 0) text += " line " + std::to_string(issue.line);
  if (!issue.resource.empty()) text += ", " + issue.resource;
  if (!issue.column.empty())
    text += (issue.resource.empty() ? ", column " : ", element ") + issue.column;
  return text + ": " + issue.reason;
}

Result<ImportReport> ImportFolder(const std::string& folder, Workspace& workspace,
                                  const ImportOptions& options) {
  std::error_code error;
  if (!fs::is_directory(folder, error)) {
    return Status::NotFound(folder + " is not a folder of CSV files");
  }
  ImportReport report;
  std::set<std::string> known;
  uint64_t total_bytes = 0;
  for (const TableSpec& table : Tables()) {
    known.insert(std::string(table.file));
    const fs::path path = fs::path(folder) / table.file;
    if (fs::exists(path)) total_bytes += fs::file_size(path);
  }
  for (const auto& entry : fs::directory_iterator(folder)) {
    const std::string name = entry.path().filename().string();
    if (entry.path().extension() == ".csv" && !known.count(name))
      report.ignored_files.push_back(name);
  }
  std::sort(report.ignored_files.begin(), report.ignored_files.end());

  std::unique_ptr<CsvWriter> rejects;
  if (options.quarantine) {
    if (options.rejects_path.empty()) return Status::InvalidInput("quarantine needs a reject file");
    auto writer = CsvWriter::Create(options.rejects_path);
    if (!writer.ok()) return writer.status();
    rejects = std::move(*writer);
    for (const char* h : {"file", "line", "column", "reason", "row"}) rejects->Field(h);
    rejects->EndRow();
  }
  IssueLog log(&report, rejects.get());

  CONTINUUM_RETURN_IF_ERROR(workspace.BeginWrite(/*bulk=*/true));
  auto context = ImportContext::Load(workspace);
  if (!context.ok()) {
    workspace.Rollback();
    return context.status();
  }
  uint64_t bytes_before = 0;
  struct Fingerprint {
    std::string name;
    int64_t bytes;
    uint64_t checksum;
  };
  std::vector<Fingerprint> fingerprints;
  for (const TableSpec& table : Tables()) {
    report.tables.push_back({std::string(table.file)});
    TableImport& result = report.tables.back();
    const std::string path = (fs::path(folder) / table.file).string();
    if (!fs::exists(path)) continue;
    result.present = true;
    auto file = CsvFile::Read(path);
    if (!file.ok()) {
      workspace.Rollback();
      return file.status();
    }
    // The same file imported again would add every row twice, so a match refuses it outright
    // (and the import with it). Only a file of a size seen before is summed before loading;
    // otherwise the loader sums it as it reads, to remember the file by.
    const auto bytes = static_cast<int64_t>(file->text().size());
    auto same_size = workspace.ImportedFileOfSize(table.file, bytes);
    if (!same_size.ok()) {
      workspace.Rollback();
      return same_size.status();
    }
    if (*same_size) {
      const Result<uint64_t> summed = SumFile(path);
      if (!summed.ok()) {
        workspace.Rollback();
        return summed.status();
      }
      auto seen = workspace.FindImportedFile(table.file, bytes, *summed);
      if (!seen.ok()) {
        workspace.Rollback();
        return seen.status();
      }
      if (seen->has_value()) {
        ++report.file_problems;
        log.Add(std::string(table.file), 0, "",
                "this very file was already imported into the workspace (" + **seen +
                    " UTC); importing it again would add its rows twice",
                "");
        continue;
      }
    }
    TableLoader loader(table, *file, workspace, *context, log, result, options, report);
    Status status = loader.Load([&](size_t offset) {
      if (options.progress && total_bytes > 0) {
        options.progress(static_cast<double>(bytes_before + offset) / total_bytes);
      }
    });
    if (!status.ok()) {
      workspace.Rollback();
      return status;
    }
    fingerprints.push_back({std::string(table.file), bytes, loader.fingerprint()});
    bytes_before += file->text().size();
  }
  const bool any = std::any_of(report.tables.begin(), report.tables.end(),
                               [](const TableImport& t) { return t.present; });
  if (!any) {
    workspace.Rollback();
    return Status::NotFound(folder + " holds none of the interchange files (patients.csv, ...)");
  }
  if ((report.issue_count > 0 && !options.quarantine) || report.file_problems > 0 ||
      options.dry_run) {
    workspace.Rollback();
    if (options.dry_run && rejects) CONTINUUM_RETURN_IF_ERROR(rejects->Close());
    return report;
  }
  Status status = workspace.BumpDataGeneration();
  if (status.ok())
    status = workspace.LogImport(fs::absolute(folder).string(), report.Valid(), report.issue_count);
  for (const Fingerprint& f : fingerprints) {
    if (status.ok()) status = workspace.RememberImportedFile(f.name, f.bytes, f.checksum);
  }
  if (status.ok() && options.before_commit) status = options.before_commit(workspace, report);
  if (status.ok() && rejects) status = rejects->Close();
  if (status.ok()) status = workspace.Commit();
  if (!status.ok()) {
    workspace.Rollback();
    return status;
  }
  report.committed = true;
  for (TableImport& t : report.tables) t.loaded = t.valid;
  return report;
}

}  // namespace continuum
