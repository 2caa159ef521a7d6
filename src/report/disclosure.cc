#include "report/disclosure.h"

namespace continuum {

std::optional<int64_t> DiscloseCount(int64_t count, Disclosure disclosure) {
  if (disclosure == Disclosure::kExact || count == 0) return count;
  if (count > 0 && count <= kLargestSuppressedCount) return std::nullopt;
  const int64_t sign = count < 0 ? -1 : 1;
  const int64_t magnitude = count * sign;
  return sign * ((magnitude + 2) / 5 * 5);  // halves never arise: 5 is odd
}

}  // namespace continuum
