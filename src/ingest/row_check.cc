#include "ingest/row_check.h"

#include <charconv>

#include "core/csv.h"
#include "ingest/field_check.h"

namespace continuum {

std::string ExpectedHeader(const TableSpec& table) {
  std::string header;
  for (const ColumnSpec& c : table.columns)
    header += (header.empty() ? "" : ",") + std::string(c.name);
  return header;
}

std::optional<RowProblem> RowChecker::Check(std::string_view raw,
                                            std::span<const std::string_view> fields) {
  std::optional<RowProblem> problem = CheckRow(raw, fields);
  if (problem && table_.id != TableId::kOrganisations) MarkRejected(fields);
  return problem;
}

void RowChecker::MarkRejected(std::span<const std::string_view> fields) {
  if (fields.empty()) return;
  int64_t id = 0;
  const bool numeric =
      std::from_chars(fields[0].data(), fields[0].data() + fields[0].size(), id).ec == std::errc();
  switch (table_.id) {
    case TableId::kOrganisations:
      context_.MarkRejectedOrganisation(fields[0]);
      break;
    case TableId::kPatients:
      if (numeric) context_.MarkRejectedPatient(id);
      break;
    case TableId::kRegistrations:
      if (numeric) context_.MarkRejectedRegistration(id);
      break;
    default:
      break;
  }
}

std::optional<RowProblem> RowChecker::CheckRow(std::string_view raw,
                                               std::span<const std::string_view> fields) {
  size_t bad_offset = 0;
  if (!IsValidUtf8(raw, &bad_offset)) {
    return RowProblem{ColumnAt(raw, bad_offset), "contains bytes that are not UTF-8 (at byte " +
                                                     std::to_string(bad_offset + 1) +
                                                     " of the line)"};
  }
  if (fields.size() != table_.columns.size()) {
    return RowProblem{"", "has " + std::to_string(fields.size()) + " fields; expected " +
                              std::to_string(table_.columns.size()) + " (" +
                              ExpectedHeader(table_) + ")"};
  }
  for (size_t c = 0; c < fields.size(); ++c) {
    Status status = CheckField(table_.columns[c], fields[c], &parsed_[c]);
    if (!status.ok()) return RowProblem{table_.columns[c].name, status.message()};
  }
  if (auto problem = CheckRowRules(table_.id, ImportRow{fields, parsed_}, context_)) return problem;
  if (table_.id != TableId::kOrganisations)
    RecordRow(table_.id, ImportRow{fields, parsed_}, context_);
  return std::nullopt;
}

std::string_view RowChecker::ColumnAt(std::string_view raw, size_t offset) const {
  size_t column = 0;
  for (size_t i = 0; i < offset && i < raw.size(); ++i) column += raw[i] == ',';
  return column < table_.columns.size() ? table_.columns[column].name : std::string_view();
}

}  // namespace continuum
