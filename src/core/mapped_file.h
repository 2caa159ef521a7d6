// A file mapped into memory, so that its bytes are read where the page cache holds them instead
// of copied: the engine snapshot's columns are used in place (core/lent_column.h). The mapping
// is private: where it may be written, a write to its memory copies the page and never reaches
// the file.
//
//   auto file = MappedFile::Open(path);   // kNotFound when there is no such file
//   MappedSource source(*file);           // a ByteSource over it that can lend its bytes
#pragma once

#include <memory>
#include <string>

#include "core/bytes.h"
#include "core/status.h"

namespace continuum {

class MappedFile {
 public:
  // Asks the kernel to read the whole file ahead: it is about to be read. kPrivateWrites lets the
  // memory be written (each page written to is then copied, and the file stays as it was), for
  // bytes lent to columns that may change; kReadOnly memory counts against no commit limit.
  enum Writes { kReadOnly, kPrivateWrites };
  static Result<std::shared_ptr<const MappedFile>> Open(const std::string& path,
                                                        Writes writes = kReadOnly);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const char* data() const { return data_; }  // page-aligned; nullptr when empty
  size_t size() const { return size_; }
  // Hands the whole pages of [from, to) back to the system, for a reader done with them: touched
  // again, they are read back from the page cache, unchanged. Returns where the pages handed back
  // end, to be the next call's `from`.
  size_t Release(size_t from, size_t to) const;

 private:
  MappedFile(char* data, size_t size) : data_(data), size_(size) {}
  char* data_;
  size_t size_;
};

// Reads a mapped file from its start; Borrow() hands out its bytes where they lie, kept valid by
// Keeper() (the mapping).
class MappedSource : public ByteSource {
 public:
  explicit MappedSource(std::shared_ptr<const MappedFile> file) : file_(std::move(file)) {}
  Status Read(void* data, size_t size) override;
  size_t remaining() const override { return file_->size() - offset_; }
  const void* Borrow(size_t size) override;
  std::shared_ptr<const void> Keeper() const override { return file_; }

 private:
  std::shared_ptr<const MappedFile> file_;
  size_t offset_ = 0;
};

}  // namespace continuum
