#include "report/text_table.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace continuum {
namespace {

// Counts code points so that names with accents line up.
size_t DisplayWidth(const std::string& s) {
  size_t width = 0;
  for (unsigned char c : s) width += (c & 0xC0) != 0x80;
  return width;
}

bool LooksNumeric(const std::string& s) {
  const bool pounds = s.rfind("£", 0) == 0;
  return !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || pounds) &&
         s.find_first_of("abcdefghijklmnopqrstuvwxyz") == std::string::npos;
}

}  // namespace

std::string TextTable::Render() const {
  std::vector<size_t> widths(header_.size(), 0);
  for (size_t c = 0; c < header_.size(); ++c) widths[c] = DisplayWidth(header_[c]);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size() && c < widths.size(); ++c) {
      widths[c] = std::max(widths[c], DisplayWidth(row[c]));
    }
  }
  std::string out;
  auto line = [&](const std::vector<std::string>& row, bool header) {
    for (size_t c = 0; c < widths.size(); ++c) {
      const std::string cell = c < row.size() ? row[c] : "";
      const std::string pad(widths[c] - DisplayWidth(cell), ' ');
      const bool right = !header && c > 0 && LooksNumeric(cell);
      out += (c ? "  " : "") + (right ? pad + cell : cell + (c + 1 < widths.size() ? pad : ""));
    }
    out += "\n";
  };
  line(header_, true);
  size_t total = 0;
  for (size_t w : widths) total += w;
  out += std::string(total + 2 * (widths.size() - 1), '-') + "\n";
  for (const auto& row : rows_) line(row, false);
  return out;
}

std::string WithThousands(int64_t value) {
  // The magnitude as unsigned, so that the most negative int64 has one too.
  const uint64_t magnitude =
      value < 0 ? uint64_t{0} - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return value < 0 ? "-" + out : out;
}

std::string Decimal(double value, int decimals) {
  const double scale = std::pow(10.0, decimals);
  const double rounded = std::round(value * scale) / scale;
  const auto whole = static_cast<int64_t>(std::trunc(rounded));
  std::string out = WithThousands(whole);
  if (whole == 0 && rounded < 0) out = "-" + out;
  if (decimals > 0) {
    const auto fraction = static_cast<int64_t>(std::llround(std::fabs(rounded - whole) * scale));
    out += "." + fmt::format("{:0{}d}", fraction, decimals);
  }
  return out;
}

std::string Pounds(double pence, int decimals) {
  return (pence < 0 ? "-£" : "£") + Decimal(std::fabs(pence) / 100.0, decimals);
}

std::string Readable(double value) {
  if (!std::isfinite(value))
    return value != value ? "not a number" : value > 0 ? "infinite" : "minus infinite";
  // Beyond what a whole number with separators reads well as (and what 64 bits hold): 1.235e+19.
  if (std::fabs(value) >= 1e15) return fmt::format("{:.4g}", value);
  if (std::fabs(value) >= 10000) return Decimal(value, 0);
  if (value == 0) return "0";
  // Four significant figures in fixed notation, trailing zeros dropped.
  const int magnitude = static_cast<int>(std::floor(std::log10(std::fabs(value))));
  const int decimals = std::clamp(3 - magnitude, 0, 12);
  char text[64];
  std::snprintf(text, sizeof text, "%.*f", decimals, value);
  std::string out = text;
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0') out.pop_back();
    if (out.back() == '.') out.pop_back();
  }
  return out == "-0" ? "0" : out;
}

}  // namespace continuum
