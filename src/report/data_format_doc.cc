#include "report/data_format_doc.h"

#include "model/schema.h"

namespace continuum {
namespace {

std::string TypeName(const ColumnSpec& c) {
  switch (c.type) {
    case ColumnType::kInteger:
      if (c.max > c.min && c.max != INT64_MAX) {
        return "integer " + std::to_string(c.min) + "–" + std::to_string(c.max);
      }
      if (c.max > c.min) return "integer ≥ " + std::to_string(c.min);
      return "integer";
    case ColumnType::kText:
      return "text";
    case ColumnType::kKey:
      return "id (letters, digits, - and _)";
    case ColumnType::kDate:
      return "date YYYY-MM-DD";
    case ColumnType::kPounds:
      return "pounds, 2 decimals, ≥ 0";
    case ColumnType::kCode: {
      std::string codes;
      for (std::string_view code : c.codes)
        codes += (codes.empty() ? "" : ", ") + std::string(code);
      return "code: " + codes;
    }
    case ColumnType::kNhsNumber:
      return "NHS number";
    case ColumnType::kIcd10:
      return "ICD-10 code";
    case ColumnType::kOpcs4:
      return "OPCS-4 code";
    case ColumnType::kSpecialty:
      return "treatment function code";
    case ColumnType::kLsoa:
      return "LSOA code";
    case ColumnType::kBnf:
      return "BNF code";
  }
  return "";
}

}  // namespace

std::string RenderDataFormatMarkdown() {
  std::string out;
  for (const TableSpec& t : Tables()) {
    out += "### " + std::string(t.file) + "\n\n" + std::string(t.meaning) + "\n\n";
    out += "| column | type | required | meaning | example |\n|---|---|---|---|---|\n";
    for (const ColumnSpec& c : t.columns) {
      out += "| `" + std::string(c.name) + "` | " + TypeName(c) + " | " +
             (c.required ? "yes" : "no") + " | " + std::string(c.meaning) + " | " +
             (c.example.empty() ? "" : "`" + std::string(c.example) + "`") + " |\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace continuum
