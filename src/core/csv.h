// Reading and writing the CSV interchange format (RFC 4180: comma separated, double quotes
// around fields that hold commas, quotes or line breaks, "" for a quote inside one).
//
//   Result<CsvFile> file = CsvFile::Read("in/patients.csv");
//   CsvCursor cursor(*file);
//   std::vector<std::string_view> fields;
//   while (cursor.Next(&fields)) { ... cursor.line() ... }
//   if (!cursor.status().ok()) ...   // at cursor.line(): "a quoted field is never closed; ..."
//
// Files must be UTF-8 and end with a line break; a last line without one is reported as a
// truncated file rather than silently accepted.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/mapped_file.h"
#include "core/status.h"

namespace continuum {

// A whole file held in memory (mapped, for files on disk): the reader hands out views into it.
class CsvFile {
 public:
  static Result<CsvFile> Read(const std::string& path);
  static CsvFile FromText(std::string name, std::string text);
  CsvFile() = default;
  CsvFile(CsvFile&& other) noexcept { *this = std::move(other); }
  CsvFile& operator=(CsvFile&& other) noexcept;

  const std::string& name() const { return name_; }
  std::string_view text() const { return text_; }
  // Hands the memory under the text before `offset` back to the system, for a reader done with
  // it: a mapped file's pages leave the process (touched again, they are read back from the page
  // cache, unchanged), so a large file read front to back holds only the part in use.
  void Release(size_t offset);

 private:
  std::string name_;   // shown in error messages: the file name without its folder
  std::string owned_;  // the text, for files made in memory
  std::shared_ptr<const MappedFile> mapped_;  // for files on disk
  size_t released_ = 0;  // bytes from the start already handed back by Release()
  std::string_view text_;
};

// Walks a CsvFile row by row. The views it returns live until the next call to Next().
class CsvCursor {
 public:
  // A UTF-8 byte order mark (as spreadsheets write) at the start of the file is skipped.
  explicit CsvCursor(const CsvFile& file);

  // Reads the next row into `fields`; false at the end or on a malformed row (see status()).
  // A malformed row stops the cursor; the caller reports status() with line().
  bool Next(std::vector<std::string_view>* fields);
  // The 1-based line number where the row last returned by Next() starts.
  int64_t line() const { return line_; }
  // The raw text of the last row, without its line break (for reject files).
  std::string_view raw_row() const { return raw_row_; }
  const Status& status() const { return status_; }

 private:
  bool ParseQuotedRow(std::vector<std::string_view>* fields);

  std::string_view text_;
  size_t position_ = 0;
  int64_t line_ = 0;       // line of the current row's start
  int64_t next_line_ = 1;  // line where the next row starts (quoted fields may span lines)
  std::string_view raw_row_;
  std::vector<std::string> unescaped_;  // owns fields that held "" escapes
  Status status_;
};

// True when every byte sequence in `text` is well-formed UTF-8; else sets *bad_offset.
bool IsValidUtf8(std::string_view text, size_t* bad_offset);

// Buffered CSV output to a file, written atomically: to "path.tmp", renamed on Close().
class CsvWriter {
 public:
  static Result<std::unique_ptr<CsvWriter>> Create(const std::string& path);
  ~CsvWriter();

  void Field(std::string_view value);  // quotes when needed
  void Field(int64_t value);
  void RawField(std::string_view value);  // caller guarantees no quoting is needed
  void EndRow();
  // Appends pre-formatted rows (each ending in '\n').
  void Raw(std::string_view rows);
  Status Close();

 private:
  CsvWriter(std::string path, std::FILE* file) : path_(std::move(path)), file_(file) {}
  void Separate();
  void FlushIfFull();

  std::string path_;
  std::FILE* file_;
  std::string buffer_;
  bool at_row_start_ = true;
  bool failed_ = false;
};

// Appends `value` to `out` with CSV quoting when it holds a comma, quote or line break.
void AppendCsvField(std::string_view value, std::string* out);

}  // namespace continuum
