// Ids as the interchange format writes them (of organisations, survey responses, ...): letters,
// digits, '-' and '_', 1 to kMaxIdLength of them, so that an id is safe in a file name, a URL, a
// CSV field, a message and a terminal.
//
//   IsId("ZP0001")   // true
//   IsId("a b")      // false
#pragma once

#include <cstddef>
#include <string_view>

namespace continuum {

inline constexpr size_t kMaxIdLength = 64;

inline bool IsIdCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '_';
}

inline bool IsId(std::string_view text) {
  if (text.empty() || text.size() > kMaxIdLength) return false;
  for (char c : text) {
    if (!IsIdCharacter(c)) return false;
  }
  return true;
}

}  // namespace continuum
