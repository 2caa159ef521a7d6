// The checks that need more than one field: references to other rows (an event's patient
// must exist and be registered on the day), orderings (end after start), and the rules of
// particular tables (a length of stay on admissions only, a practice's parent an ICO).
//
//   std::optional<RowProblem> problem = CheckRowRules(TableId::kActivity, row, context);
//   if (!problem) RecordRow(TableId::kActivity, row, context);  // once the row is stored
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "ingest/import_context.h"
#include "model/schema.h"

namespace continuum {

// One CSV row whose fields have each passed CheckField.
struct ImportRow {
  std::span<const std::string_view> fields;
  std::span<const int64_t> parsed;  // integers, dates (day numbers) and money (pence), by column
};

struct RowProblem {
  std::string_view column;
  std::string reason;
  bool consequence = false;  // rejected only because a row it depends on was rejected
};

std::optional<RowProblem> CheckRowRules(TableId table, const ImportRow& row,
                                        ImportContext& context);
// Adds what later rows may refer to (organisations, patients, registrations) to the context.
void RecordRow(TableId table, const ImportRow& row, ImportContext& context);

}  // namespace continuum
