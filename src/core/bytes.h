// Sequential byte streams, so that large binary data (the engine snapshot) moves between memory
// and storage in one copy, whatever holds it.
//
//   StringSink sink;  CONTINUUM_RETURN_IF_ERROR(sink.Write(data, size));
//   StringSource source(bytes);  CONTINUUM_RETURN_IF_ERROR(source.Read(out, size));
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <string_view>

#include "core/status.h"

namespace continuum {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  virtual Status Write(const void* data, size_t size) = 0;
};

class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Reads exactly `size` bytes, or fails (kCorrupt) when fewer remain.
  virtual Status Read(void* data, size_t size) = 0;
  virtual size_t remaining() const = 0;
  // The next `size` bytes where they lie, passed over as if read and valid while Keeper() is
  // held; nullptr (and nothing passed over) from a source that can only copy, or when fewer
  // remain.
  virtual const void* Borrow(size_t size) {
    (void)size;
    return nullptr;
  }
  virtual std::shared_ptr<const void> Keeper() const { return nullptr; }
};

class StringSink : public ByteSink {
 public:
  Status Write(const void* data, size_t size) override {
    bytes_.append(static_cast<const char*>(data), size);
    return Status::Ok();
  }
  std::string& bytes() { return bytes_; }

 private:
  std::string bytes_;
};

class StringSource : public ByteSource {
 public:
  explicit StringSource(std::string_view bytes) : bytes_(bytes) {}
  Status Read(void* data, size_t size) override {
    if (size > bytes_.size()) return Status::Corrupt("the data ends early");
    std::memcpy(data, bytes_.data(), size);
    bytes_.remove_prefix(size);
    return Status::Ok();
  }
  size_t remaining() const override { return bytes_.size(); }

 private:
  std::string_view bytes_;
};

}  // namespace continuum
