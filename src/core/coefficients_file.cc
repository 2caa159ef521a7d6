#include "core/coefficients_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "core/quoted.h"

namespace continuum {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

}  // namespace

std::string CoefficientsFile::Value(std::string_view key) const {
  for (auto s = settings.rbegin(); s != settings.rend(); ++s) {
    if (s->key == key) return s->value;
  }
  return "";
}

int CoefficientsFile::LineOf(std::string_view key) const {
  for (auto s = settings.rbegin(); s != settings.rend(); ++s) {
    if (s->key == key) return s->line;
  }
  return 0;
}

Result<CoefficientsFile> ParseCoefficientsFile(std::string_view text, const std::string& file,
                                               std::string_view header,
                                               std::string_view number_meaning) {
  CoefficientsFile out;
  int line = 0;
  auto at = [&](std::string_view field) {
    return file + " line " + std::to_string(line) +
           (field.empty() ? "" : ", field " + std::string(field));
  };
  const std::string_view number_field = header.substr(header.find(',') + 1);
  while (!text.empty()) {
    ++line;
    const size_t end = text.find('\n');
    std::string_view row = Trim(text.substr(0, end));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line == 1 && row.starts_with("\xEF\xBB\xBF")) row.remove_prefix(3);
    if (row.empty()) continue;
    if (row.front() == '#') {
      const std::string_view comment = Trim(row.substr(1));
      const size_t colon = comment.find(':');
      if (out.header_line == 0 && colon != std::string_view::npos &&
          comment.substr(0, colon).find(' ') == std::string_view::npos) {
        out.settings.push_back({std::string(comment.substr(0, colon)),
                                std::string(Trim(comment.substr(colon + 1))), line});
      }
      continue;
    }
    if (out.header_line == 0) {
      if (row != header) {
        return Status::InvalidInput(at("") + ": expected the header " + Quoted(header) +
                                    ", found " + Quoted(row));
      }
      out.header_line = line;
      continue;
    }
    const size_t fields = 1 + std::count(row.begin(), row.end(), ',');
    if (fields != 2) {
      return Status::InvalidInput(at("") + ": expected 2 fields (" + std::string(header) +
                                  "), found " + std::to_string(fields));
    }
    const size_t comma = row.find(',');
    const std::string_view number = Trim(row.substr(comma + 1));
    double value = 0;
    const auto parsed = std::from_chars(number.data(), number.data() + number.size(), value);
    if (number.empty() || parsed.ec != std::errc() || parsed.ptr != number.data() + number.size() ||
        !std::isfinite(value)) {
      return Status::InvalidInput(at(number_field) + ": " + Quoted(number) + " is not " +
                                  std::string(number_meaning));
    }
    out.rows.push_back({std::string(Trim(row.substr(0, comma))), value, line});
  }
  if (out.header_line == 0) {
    return Status::InvalidInput(file + ": no " + Quoted(header) + " header line");
  }
  return out;
}

std::string FormatCoefficient(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

}  // namespace continuum
