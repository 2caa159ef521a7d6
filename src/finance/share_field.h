// A share (0 to 1, up to six decimals) read exactly from a JSON data file into millionths, as
// contracts and scenarios write them.
//
//   Result<PartsPerMillion> share = ShareField(object, "ico_share");   // 0.5 -> 500'000
#pragma once

#include <string_view>

#include "codec/json_reader.h"
#include "finance/contract.h"

namespace continuum {

Result<PartsPerMillion> ShareField(const JsonObject& object, std::string_view name);

}  // namespace continuum
