// A column of fixed-size values kept in an unnamed temporary file instead of memory: appended a
// buffer at a time, then read back front to back, for columns too large to hold at once (the
// events of a large import). The file has no name, so it goes when the column does or the
// process dies, and never outlives a killed import.
//
//   auto days = ColumnFile<int32_t>::Create("/data/workspaces");  // beside the workspace
//   days->push_back(19000);  ...
//   CONTINUUM_RETURN_IF_ERROR(days->ForEachBlock([&](std::span<const int32_t> block) {
//     ...; return Status::Ok();
//   }));
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <type_traits>
#include <vector>

#include "core/lent_column.h"
#include "core/status.h"

namespace continuum {

// The bytes of a ColumnFile: an unnamed file in a folder, written at its end and read anywhere.
class TemporaryFile {
 public:
  static Result<TemporaryFile> Create(const std::string& folder);
  TemporaryFile() = default;
  TemporaryFile(TemporaryFile&& other) noexcept { *this = std::move(other); }
  TemporaryFile& operator=(TemporaryFile&& other) noexcept;
  ~TemporaryFile();

  Status Append(const void* data, size_t size);
  Status ReadAt(uint64_t offset, void* data, size_t size) const;
  // Empties the file, giving its disk space back.
  Status Clear();
  uint64_t size() const { return size_; }

 private:
  int fd_ = -1;
  uint64_t size_ = 0;
};

template <typename T>
class ColumnFile {
  static_assert(std::is_trivially_copyable_v<T>);

 public:
  static Result<ColumnFile> Create(const std::string& folder) {
    auto file = TemporaryFile::Create(folder);
    if (!file.ok()) return file.status();
    ColumnFile column;
    column.file_ = std::move(*file);
    column.buffer_.reserve(kBlockValues);
    return column;
  }

  void push_back(T value) {
    buffer_.push_back(value);
    if (buffer_.size() == kBlockValues) Flush();
  }
  size_t size() const { return file_.size() / sizeof(T) + buffer_.size(); }
  // The first failure to write (a full disk), if any; every read reports it too.
  const Status& status() const { return write_status_; }

  // Values [first, first + out.size()) into `out`.
  Status Read(size_t first, std::span<T> out) {
    Flush();
    CONTINUUM_RETURN_IF_ERROR(write_status_);
    return file_.ReadAt(first * sizeof(T), out.data(), out.size_bytes());
  }

  // Calls `visit` with the values in order, a block at a time; stops at its first error.
  Status ForEachBlock(const std::function<Status(std::span<const T>)>& visit) {
    std::vector<T> block(kBlockValues);
    const size_t n = size();
    for (size_t first = 0; first < n; first += kBlockValues) {
      const std::span<T> values(block.data(), std::min(kBlockValues, n - first));
      CONTINUUM_RETURN_IF_ERROR(Read(first, values));
      CONTINUUM_RETURN_IF_ERROR(visit(values));
    }
    return Status::Ok();
  }

  // Every value in memory, the file emptied.
  Result<Column<T>> TakeAll() {
    Column<T> all;
    all.reserve(size());
    CONTINUUM_RETURN_IF_ERROR(ForEachBlock([&](std::span<const T> block) {
      all.insert(all.end(), block.begin(), block.end());
      return Status::Ok();
    }));
    CONTINUUM_RETURN_IF_ERROR(Clear());
    return all;
  }
  // Appends every value of `values`.
  Status Append(std::span<const T> values) {
    Flush();
    CONTINUUM_RETURN_IF_ERROR(write_status_);
    return write_status_ = file_.Append(values.data(), values.size_bytes());
  }
  // Writes the values still buffered. After it, and until the next push_back() or Append(),
  // reads change nothing, so several threads may read the column at once.
  Status Settle() {
    Flush();
    return write_status_;
  }
  // Empties the column.
  Status Clear() {
    buffer_.clear();
    return file_.Clear();
  }

 private:
  static constexpr size_t kBlockValues = (size_t{1} << 20) / sizeof(T);  // 1 MiB

  void Flush() {
    if (write_status_.ok() && !buffer_.empty())
      write_status_ = file_.Append(buffer_.data(), buffer_.size() * sizeof(T));
    buffer_.clear();
  }

  TemporaryFile file_;
  std::vector<T> buffer_;  // values not yet written
  Status write_status_;    // the first failure to write
};

}  // namespace continuum
