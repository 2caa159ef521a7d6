#include "generate/text_buffer.h"

#include <algorithm>
#include <vector>

namespace continuum {
namespace {

constexpr char kDigitPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

// Every date of 1880-2039 formatted once.
struct DateTable {
  DateTable() : first(DayFromCivil(1880, 1, 1)), last(DayFromCivil(2039, 12, 31)) {
    text.resize(static_cast<size_t>(last - first + 1) * 10);
    for (Day d = first; d <= last; ++d) FormatDateTo(d, &text[static_cast<size_t>(d - first) * 10]);
  }
  Day first, last;
  std::vector<char> text;
};

const DateTable& Dates() {
  static const DateTable table;
  return table;
}

}  // namespace

void TextBuffer::Grow(size_t needed) {
  const size_t capacity = std::max({needed, capacity_ * 2, size_t{1} << 16});
  std::unique_ptr<char[]> data(new char[capacity]);
  if (size_ > 0) std::memcpy(data.get(), data_.get(), size_);
  data_ = std::move(data);
  capacity_ = capacity;
}

char* PutUnsigned(char* out, uint64_t value) {
  char digits[20];
  char* end = digits + sizeof digits;
  char* p = end;
  while (value >= 100) {
    const unsigned pair = static_cast<unsigned>(value % 100) * 2;
    value /= 100;
    *--p = kDigitPairs[pair + 1];
    *--p = kDigitPairs[pair];
  }
  if (value >= 10) {
    const unsigned pair = static_cast<unsigned>(value) * 2;
    *--p = kDigitPairs[pair + 1];
    *--p = kDigitPairs[pair];
  } else {
    *--p = static_cast<char>('0' + value);
  }
  const size_t n = static_cast<size_t>(end - p);
  std::memcpy(out, p, n);
  return out + n;
}

char* PutDate(char* out, Day day) {
  const DateTable& dates = Dates();
  if (day < dates.first || day > dates.last) return FormatDateTo(day, out);
  std::memcpy(out, &dates.text[static_cast<size_t>(day - dates.first) * 10], 10);
  return out + 10;
}

char* PutPence(char* out, Pence pence) {
  if (pence < 0) return FormatPoundsTo(pence, out);
  out = PutUnsigned(out, static_cast<uint64_t>(pence / 100));
  const unsigned pair = static_cast<unsigned>(pence % 100) * 2;
  *out++ = '.';
  *out++ = kDigitPairs[pair];
  *out++ = kDigitPairs[pair + 1];
  return out;
}

}  // namespace continuum
