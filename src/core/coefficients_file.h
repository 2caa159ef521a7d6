// The plain-text coefficients files a fitted model is saved to and read from: `#` lines (those
// of the form `# key: value` are settings), a header line, then one `name,number` row a
// coefficient. The model that owns a file checks its names and settings; this reads the shape.
//
//   auto file = ParseCoefficientsFile(text, "model.csv", "term,coefficient");
//   for (const CoefficientRow& row : file->rows) ... row.name, row.value, row.line
//   file->Setting("source")                              // "" when absent
//   std::string s = FormatCoefficient(-0.125);           // "-0.125", read back exactly
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"

namespace continuum {

struct CoefficientRow {
  std::string name;
  double value = 0;
  int line = 0;  // 1-based, for messages
};

struct CoefficientsFile {
  // `# key: value` lines before the header, in order, with their lines.
  struct Setting {
    std::string key, value;
    int line = 0;
  };
  std::vector<Setting> settings;
  int header_line = 0;
  std::vector<CoefficientRow> rows;

  // The value of the last `# key:` line, or "".
  std::string Value(std::string_view key) const;
  // The line of the last `# key:` line, or 0.
  int LineOf(std::string_view key) const;
};

// InvalidInput naming `file_name` and the line when the header is missing or different, a row
// does not have two fields, or a number is not finite; `number_meaning` completes "'x' is not
// ..." ("a number of pounds"). Blank lines and a UTF-8 byte order mark are skipped.
Result<CoefficientsFile> ParseCoefficientsFile(std::string_view text, const std::string& file_name,
                                               std::string_view header,
                                               std::string_view number_meaning = "a number");

// The shortest text that reads back as exactly `value`.
std::string FormatCoefficient(double value);

}  // namespace continuum
