// Checks one CSV field against its column declaration (model/schema.h).
//
//   int64_t parsed;
//   Status s = CheckField(column, "2019-02-30", &parsed);  // "'2019-02-30' is not a date"
//
// Integers, dates and money come back parsed in *parsed (dates as day numbers, money as pence)
// so they are parsed once.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/status.h"
#include "model/schema.h"

namespace continuum {

// Ok for a valid value or an empty optional field; otherwise the reason, without the column.
Status CheckField(const ColumnSpec& column, std::string_view value, int64_t* parsed);

}  // namespace continuum
