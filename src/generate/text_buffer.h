// Fast text output for the generator's CSV rows: a growable byte buffer written through raw
// pointers, and number and date formatting by hand (no iostreams, no allocation per row). The
// bytes are identical to core/csv.h, FormatDateTo and FormatPoundsTo.
//
//   char* out = buffer.Reserve(64);
//   out = PutUnsigned(out, 100001); *out++ = ',';
//   out = PutDate(out, day);
//   buffer.Commit(out);
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <string_view>

#include "core/date.h"
#include "core/money.h"

namespace continuum {

class TextBuffer {
 public:
  // A pointer to at least `n` writable bytes after the current end.
  char* Reserve(size_t n) {
    if (size_ + n > capacity_) Grow(size_ + n);
    return data_.get() + size_;
  }
  // Ends the text at `end` (a pointer obtained from Reserve, moved forward).
  void Commit(char* end) { size_ = static_cast<size_t>(end - data_.get()); }
  void Append(std::string_view text) {
    char* out = Reserve(text.size());
    std::memcpy(out, text.data(), text.size());
    size_ += text.size();
  }
  std::string_view view() const { return {data_.get(), size_}; }
  size_t size() const { return size_; }
  void Clear() { size_ = 0; }

 private:
  void Grow(size_t needed);

  std::unique_ptr<char[]> data_;
  size_t size_ = 0, capacity_ = 0;
};

char* PutUnsigned(char* out, uint64_t value);
// "YYYY-MM-DD", from a table for the years 1880-2039.
char* PutDate(char* out, Day day);
// Pounds with exactly two decimals, like FormatPoundsTo.
char* PutPence(char* out, Pence pence);
inline char* PutText(char* out, std::string_view text) {
  // An empty view may hold no pointer at all, which memcpy may not be given even for 0 bytes.
  if (text.empty()) return out;
  std::memcpy(out, text.data(), text.size());
  return out + text.size();
}

}  // namespace continuum
