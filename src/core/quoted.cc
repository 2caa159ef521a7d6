#include "core/quoted.h"

#include "core/csv.h"

namespace continuum {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

void AppendHexByte(std::string* out, unsigned char c) {
  *out += "\\x";
  *out += kHex[c >> 4];
  *out += kHex[c & 15];
}

// The length of the well-formed UTF-8 sequence at text[i], or 0 when there is none.
size_t SequenceLength(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const size_t length = c < 0x80             ? 1
                        : (c & 0xE0) == 0xC0 ? 2
                        : (c & 0xF0) == 0xE0 ? 3
                        : (c & 0xF8) == 0xF0 ? 4
                                             : 0;
  if (length <= 1 || i + length > text.size()) return length == 1 ? 1 : 0;
  size_t bad = 0;
  return IsValidUtf8(text.substr(i, length), &bad) ? length : 0;
}

// A C1 control (U+0080 to U+009F) is C2 80 to C2 9F in UTF-8.
bool IsC1Control(std::string_view text, size_t i) {
  return i + 1 < text.size() && static_cast<unsigned char>(text[i]) == 0xC2 &&
         static_cast<unsigned char>(text[i + 1]) < 0xA0;
}

}  // namespace

std::string Printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const size_t length = SequenceLength(text, i);
    if (length == 0) {
      AppendHexByte(&out, c);
      ++i;
    } else if (length == 2 && IsC1Control(text, i)) {
      out += "\\u00";
      out += kHex[static_cast<unsigned char>(text[i + 1]) >> 4];
      out += kHex[static_cast<unsigned char>(text[i + 1]) & 15];
      i += 2;
    } else if (c == '\t' || c == '\n' || c == '\r') {
      out += c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r";
      ++i;
    } else if (c < 0x20 || c == 0x7F) {
      AppendHexByte(&out, c);
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string Quoted(std::string_view text, char quote) {
  size_t end = 0, characters = 0;
  while (end < text.size() && characters < kQuotedCharacters) {
    const size_t length = SequenceLength(text, end);
    end += length == 0 ? 1 : length;
    ++characters;
  }
  if (end >= text.size()) return quote + Printable(text) + quote;
  return quote + Printable(text.substr(0, end)) + "…" + quote + " (" + std::to_string(text.size()) +
         " bytes)";
}

bool HasControlCharacter(std::string_view text, size_t* offset) {
  for (size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\t') || c == 0x7F || IsC1Control(text, i)) {
      *offset = i;
      return true;
    }
  }
  return false;
}

}  // namespace continuum
