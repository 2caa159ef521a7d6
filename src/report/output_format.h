// How a report is printed: a table for people, CSV for spreadsheets, JSON for programs.
#pragma once

namespace continuum {

enum class OutputFormat { kText, kCsv, kJson };

}  // namespace continuum
