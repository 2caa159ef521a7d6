// NHS numbers: ten digits, the last a Modulus 11 check digit over the first nine
// (weights 10 down to 2; check = 11 - sum mod 11; 11 becomes 0; 10 means the number is invalid).
//
//   IsValidNhsNumber("9434765919")  // true
//   NhsCheckDigit(943476591)        // 9
#pragma once

#include <cstdint>
#include <string_view>

namespace continuum {

bool IsValidNhsNumber(std::string_view digits);
// The check digit for nine leading digits (0..999999999), or -1 when none exists (sum gives 10).
int NhsCheckDigit(uint32_t first_nine);

}  // namespace continuum
