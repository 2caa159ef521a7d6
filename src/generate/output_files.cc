#include "generate/output_files.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace continuum {
namespace {

namespace fs = std::filesystem;

std::string PathOf(const std::string& folder, TableId table) {
  return folder + "/" + std::string(Table(table).file);
}

}  // namespace

Result<OutputFiles> OutputFiles::Create(const std::string& folder) {
  std::error_code error;
  fs::create_directories(folder, error);
  if (error || !fs::is_directory(folder)) {
    return Status::IoError(folder + ": cannot create the folder" +
                           (error ? " (" + error.message() + ")" : std::string()));
  }
  OutputFiles files;
  files.folder_ = folder;
  files.next_id_.fill(1);
  for (const TableSpec& table : Tables()) {
    const std::string path = PathOf(folder, table.id) + ".tmp";
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (f == nullptr) {
      const std::string reason = std::strerror(errno);
      files.Abandon();
      return Status::IoError(path + ": " + reason);
    }
    files.files_[static_cast<int>(table.id)] = f;
    std::string header;
    for (const ColumnSpec& column : table.columns) {
      if (!header.empty()) header += ',';
      header += column.name;
    }
    header += '\n';
    files.Write(static_cast<int>(table.id), header);
  }
  return files;
}

OutputFiles::OutputFiles(OutputFiles&& other) noexcept
    : folder_(std::move(other.folder_)),
      files_(other.files_),
      rows_(other.rows_),
      next_id_(other.next_id_),
      failed_(other.failed_),
      committed_(other.committed_) {
  other.files_.fill(nullptr);
  other.committed_ = true;
}

OutputFiles::~OutputFiles() {
  if (!committed_) Abandon();
}

void OutputFiles::Write(int file, std::string_view bytes) {
  if (!bytes.empty() && std::fwrite(bytes.data(), 1, bytes.size(), files_[file]) != bytes.size()) {
    failed_ = true;
  }
}

void OutputFiles::Append(TableId table, std::string_view rows) {
  Write(static_cast<int>(table), rows);
}

void OutputFiles::AppendNumbered(TableId table, std::string_view rows) {
  const int t = static_cast<int>(table);
  staging_.Clear();
  int64_t id = next_id_[t];
  const char* p = rows.data();
  const char* end = p + rows.size();
  while (p < end) {
    const char* newline = static_cast<const char*>(std::memchr(p, '\n', end - p));
    const size_t length = static_cast<size_t>(newline - p) + 1;
    char* out = PutUnsigned(staging_.Reserve(length + 24), static_cast<uint64_t>(id++));
    std::memcpy(out, p, length);
    staging_.Commit(out + length);
    p = newline + 1;
  }
  next_id_[t] = id;
  Write(t, staging_.view());
}

Status OutputFiles::Commit() {
  for (int t = 0; t < kTableCount; ++t) {
    if (std::fclose(files_[t]) != 0) failed_ = true;
    files_[t] = nullptr;
  }
  if (failed_) {
    Abandon();
    return Status::IoError(folder_ + ": could not write the files (disk full?)");
  }
  for (const TableSpec& table : Tables()) {
    const std::string path = PathOf(folder_, table.id);
    if (!Writes(table.id)) {  // nor leaves one from an earlier run in the folder
      std::remove((path + ".tmp").c_str());
      std::remove(path.c_str());
      continue;
    }
    if (std::rename((path + ".tmp").c_str(), path.c_str()) != 0) {
      const std::string reason = std::strerror(errno);
      Abandon();
      return Status::IoError(path + ": " + reason);
    }
  }
  committed_ = true;
  return Status::Ok();
}

void OutputFiles::Abandon() {
  for (const TableSpec& table : Tables()) {
    std::FILE*& f = files_[static_cast<int>(table.id)];
    if (f != nullptr) std::fclose(f);
    f = nullptr;
    std::remove((PathOf(folder_, table.id) + ".tmp").c_str());
  }
  committed_ = true;
}

}  // namespace continuum
