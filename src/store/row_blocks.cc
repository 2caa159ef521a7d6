#include "store/row_blocks.h"

#include <algorithm>
#include <charconv>

namespace continuum {
namespace {

// Writes `text` as a JSON string at `out` (room for 2 + 6 * size bytes); returns the end.
char* WriteJsonString(std::string_view text, char* out) {
  *out++ = '"';
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c >= 0x20 && c != '"' && c != '\\') {
      *out++ = ch;
    } else if (c == '"' || c == '\\') {
      *out++ = '\\';
      *out++ = ch;
    } else {
      constexpr char kHex[] = "0123456789abcdef";
      for (const char e : {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]}) *out++ = e;
    }
  }
  *out++ = '"';
  return out;
}

void AppendUtf8(uint32_t code, std::string* out) {
  if (code < 0x80) {
    out->push_back(static_cast<char>(code));
  } else if (code < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (code >> 6)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else if (code < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (code >> 12)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (code >> 18)));
    out->push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  }
}

// The character a one-letter string escape stands for (\n for n), or 0.
char Unescaped(char e) {
  constexpr std::string_view kLetters = "\"\\/bfnrt", kMeanings = "\"\\/\b\f\n\r\t";
  const size_t at = kLetters.find(e);
  return at == std::string_view::npos ? 0 : kMeanings[at];
}

// A cursor over one block's text.
class BlockParser {
 public:
  explicit BlockParser(std::string_view json) : json_(json) {}

  Status Parse(size_t columns, std::span<const uint8_t> order, DecodedRows* rows) {
    rows->Clear();
    rows->columns = columns;
    CONTINUUM_RETURN_IF_ERROR(Expect('['));
    if (Peek() == ']') return End();
    while (true) {
      CONTINUUM_RETURN_IF_ERROR(Expect('['));
      // A row may stop short: the values left out are null.
      const size_t first = rows->values.size();
      rows->values.resize(first + columns);
      for (size_t i = 0; i < columns; ++i) {
        if (i > 0 && Peek() == ']') break;
        if (i > 0) CONTINUUM_RETURN_IF_ERROR(Expect(','));
        const size_t column = order.empty() ? i : order[i];
        CONTINUUM_RETURN_IF_ERROR(Value(&rows->values[first + column], rows));
      }
      if (Peek() != ']') {
        return Problem("row " + std::to_string(rows->rows + 1) + " has more than " +
                       std::to_string(columns) + " values");
      }
      ++at_;
      ++rows->rows;
      const char next = Peek();
      if (next == ']') return End();
      CONTINUUM_RETURN_IF_ERROR(Expect(','));
    }
  }

 private:
  char Peek() {
    while (at_ < json_.size() &&
           (json_[at_] == ' ' || json_[at_] == '\n' || json_[at_] == '\r' || json_[at_] == '\t'))
      ++at_;
    return at_ < json_.size() ? json_[at_] : '\0';
  }
  Status Expect(char c) {
    if (Peek() != c) return Problem(std::string("expected '") + c + "'");
    ++at_;
    return Status::Ok();
  }
  Status End() {
    ++at_;
    if (Peek() != '\0') return Problem("text follows the block's closing ']'");
    return Status::Ok();
  }
  Status Problem(const std::string& what) const {
    return Status::Corrupt("a stored block of rows is not the JSON it should be: " + what +
                           " at byte " + std::to_string(at_ + 1) + " of " +
                           std::to_string(json_.size()));
  }

  Status Value(DecodedValue* value, DecodedRows* rows) {
    const char c = Peek();
    if (c == 'n') {
      if (json_.substr(at_, 4) != "null") return Problem("expected a value");
      at_ += 4;
      value->kind = DecodedValue::kNull;
      return Status::Ok();
    }
    if (c == '"') return String(value, rows);
    if (c == '-' || (c >= '0' && c <= '9')) {
      const char* begin = json_.data() + at_;
      const char* end = json_.data() + json_.size();
      auto [ptr, ec] = std::from_chars(begin, end, value->number);
      if (ec != std::errc()) return Problem("a number out of range");
      at_ += static_cast<size_t>(ptr - begin);
      if (at_ < json_.size() && (json_[at_] == '.' || json_[at_] == 'e' || json_[at_] == 'E'))
        return Problem("a number that is not a whole number");
      value->kind = DecodedValue::kInteger;
      return Status::Ok();
    }
    return Problem("expected a value");
  }

  Status String(DecodedValue* value, DecodedRows* rows) {
    const size_t begin = ++at_;
    size_t end = begin;
    while (end < json_.size() && json_[end] != '"' && json_[end] != '\\') ++end;
    value->kind = DecodedValue::kText;
    if (end < json_.size() && json_[end] == '"') {
      value->text = json_.substr(begin, end - begin);
      at_ = end + 1;
      return Status::Ok();
    }
    std::string& out = rows->owned.emplace_back(json_.substr(begin, end - begin));
    at_ = end;
    while (true) {
      if (at_ >= json_.size()) return Problem("a string with no closing quote");
      const char c = json_[at_++];
      if (c == '"') break;
      if (c != '\\') {
        out.push_back(c);
        continue;
      }
      if (at_ >= json_.size()) return Problem("a string with no closing quote");
      const char e = json_[at_++];
      if (const char plain = Unescaped(e); plain != 0) {
        out.push_back(plain);
        continue;
      }
      if (e != 'u') return Problem("an unknown string escape");
      uint32_t code = 0;
      CONTINUUM_RETURN_IF_ERROR(Hex4(&code));
      if (code >= 0xD800 && code < 0xDC00 && json_.substr(at_, 2) == "\\u") {
        at_ += 2;
        uint32_t low = 0;
        CONTINUUM_RETURN_IF_ERROR(Hex4(&low));
        if (low < 0xDC00 || low >= 0xE000) return Problem("a lone surrogate escape");
        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
      } else if (code >= 0xD800 && code < 0xE000) {
        return Problem("a lone surrogate escape");
      }
      AppendUtf8(code, &out);
    }
    value->text = out;
    return Status::Ok();
  }

  Status Hex4(uint32_t* code) {
    if (at_ + 4 > json_.size()) return Problem("a short \\u escape");
    for (int i = 0; i < 4; ++i) {
      const char h = json_[at_++];
      const int digit = h >= '0' && h <= '9'   ? h - '0'
                        : h >= 'a' && h <= 'f' ? h - 'a' + 10
                        : h >= 'A' && h <= 'F' ? h - 'A' + 10
                                               : -1;
      if (digit < 0) return Problem("a \\u escape that is not hexadecimal");
      *code = *code * 16 + static_cast<uint32_t>(digit);
    }
    return Status::Ok();
  }

  std::string_view json_;
  size_t at_ = 0;
};

}  // namespace

char* RowsJson::Room(size_t bytes) {
  if (size_ + bytes > capacity_) {
    const size_t capacity = std::max(size_ + bytes, 2 * capacity_);
    auto data = std::make_unique_for_overwrite<char[]>(capacity);
    std::copy_n(data_.get(), size_, data.get());
    data_ = std::move(data);
    capacity_ = capacity;
  }
  return data_.get() + size_;
}

BlockKeys AppendRowsJson(const RowsToStore& rows, std::span<const uint8_t> order, RowsJson* json) {
  BlockKeys keys;
  *json->Room(1) = '[';
  json->Grow(1);
  for (size_t r = 0; r < rows.rows; ++r) {
    if (rows.skip != nullptr && rows.skip[r] >= 0) continue;
    const size_t at = r * rows.columns;
    // Room for the row at its longest: every character escaped, every number 20 digits and a sign.
    size_t room = 3 + rows.columns * 24;
    for (size_t c = 0; c < rows.columns; ++c) room += 6 * rows.fields[at + c].size();
    char* const begin = json->Room(room);
    char* out = begin;
    if (keys.rows++ > 0) *out++ = ',';
    *out++ = '[';
    // Trailing nulls are left out: json_each and the view read a missing value as null.
    auto column = [&](size_t i) { return order.empty() ? i : size_t{order[i]}; };
    size_t present = rows.columns;
    while (present > 1 && rows.fields[at + column(present - 1)].empty()) --present;
    for (size_t i = 0; i < present; ++i) {
      if (i > 0) *out++ = ',';
      const size_t c = column(i);
      const std::string_view field = rows.fields[at + c];
      if (field.empty()) {
        out = std::copy_n("null", 4, out);
      } else if ((*rows.as_integer)[c]) {
        const int64_t value = rows.numbers[at + c];
        if (c == 0) {
          keys.first = std::min(keys.first, value);
          keys.last = std::max(keys.last, value);
        }
        out = std::to_chars(out, out + 24, value).ptr;
      } else {
        out = WriteJsonString(field, out);
      }
    }
    *out++ = ']';
    json->Grow(static_cast<size_t>(out - begin));
  }
  *json->Room(1) = ']';
  json->Grow(1);
  return keys;
}

Status DecodeRowsJson(std::string_view json, size_t columns, std::span<const uint8_t> order,
                      DecodedRows* rows) {
  return BlockParser(json).Parse(columns, order, rows);
}

}  // namespace continuum
