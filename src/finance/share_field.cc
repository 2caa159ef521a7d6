#include "finance/share_field.h"

namespace continuum {

Result<PartsPerMillion> ShareField(const JsonObject& object, std::string_view name) {
  Result<JsonValue> field = object.Required(name);
  if (!field.ok()) return field.status();
  Result<int64_t> share = field->FixedPoint(6);
  if (!share.ok()) return share.status();
  if (*share < 0 || *share > kWhole) {
    return field->Error("must be between 0 and 1, not " + field->Written());
  }
  return *share;
}

}  // namespace continuum
