#include "core/nhs_number.h"

namespace continuum {

int NhsCheckDigit(uint32_t first_nine) {
  int sum = 0;
  for (int weight = 2; weight <= 10; ++weight) {
    sum += static_cast<int>(first_nine % 10) * weight;
    first_nine /= 10;
  }
  const int check = 11 - sum % 11;
  if (check == 11) return 0;
  if (check == 10) return -1;
  return check;
}

bool IsValidNhsNumber(std::string_view digits) {
  if (digits.size() != 10) return false;
  uint32_t first_nine = 0;
  for (size_t i = 0; i < 9; ++i) {
    if (digits[i] < '0' || digits[i] > '9') return false;
    first_nine = first_nine * 10 + static_cast<uint32_t>(digits[i] - '0');
  }
  if (digits[9] < '0' || digits[9] > '9') return false;
  return NhsCheckDigit(first_nine) == digits[9] - '0';
}

}  // namespace continuum
