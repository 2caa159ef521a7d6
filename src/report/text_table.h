// Plain-text tables for the terminal: a header, right-aligned numbers, left-aligned text.
//
//   TextTable t({"setting", "events"});
//   t.AddRow({"gp", "451,203"});
//   std::string s = t.Render();
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace continuum {

class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string Render() const;

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

// 1234567 -> "1,234,567"
std::string WithThousands(int64_t value);
// A number with `decimals` decimals and thousands separators.
std::string Decimal(double value, int decimals);
// A measured figure for people, never in scientific notation: four significant figures, or whole
// with thousands separators from 10,000 (12,345; 1,072; 0.5762; 0.0007594; -3.451), and in
// scientific notation from 10^15 (1.235e+19).
std::string Readable(double value);
// Pence as pounds for people: 123456 -> "£1,235" (decimals 0) or "£1,234.56"; "-£12" below 0.
std::string Pounds(double pence, int decimals = 0);

}  // namespace continuum
