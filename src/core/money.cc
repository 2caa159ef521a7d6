#include "core/money.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>

#include "core/quoted.h"

namespace continuum {

Result<Pence> ParsePounds(std::string_view t) {
  auto bad = [&]() {
    return Status::InvalidInput(Quoted(t) + " is not an amount in pounds (e.g. 39.00)");
  };
  if (t.empty()) return bad();
  if (t[0] == '-') {
    return Status::InvalidInput(Quoted(t) + " is negative; costs must be 0 or more");
  }
  Pence pounds = 0;
  size_t i = 0;
  for (; i < t.size() && t[i] != '.'; ++i) {
    if (t[i] < '0' || t[i] > '9' || i >= 12) return bad();
    pounds = pounds * 10 + (t[i] - '0');
  }
  if (i == 0) return bad();
  Pence pence = 0;
  if (i < t.size()) {
    const size_t decimals = t.size() - i - 1;
    if (decimals == 0 || decimals > 2) return bad();
    for (size_t k = i + 1; k < t.size(); ++k) {
      if (t[k] < '0' || t[k] > '9') return bad();
      pence = pence * 10 + (t[k] - '0');
    }
    if (decimals == 1) pence *= 10;
  }
  return pounds * 100 + pence;
}

char* FormatPoundsTo(Pence pence, char* out) {
  char digits[24];
  int n = 0;
  const bool negative = pence < 0;
  uint64_t v = negative ? static_cast<uint64_t>(-pence) : static_cast<uint64_t>(pence);
  const uint64_t whole = v / 100;
  const unsigned frac = static_cast<unsigned>(v % 100);
  uint64_t w = whole;
  do {
    digits[n++] = static_cast<char>('0' + w % 10);
    w /= 10;
  } while (w != 0);
  if (negative) *out++ = '-';
  while (n > 0) *out++ = digits[--n];
  *out++ = '.';
  *out++ = static_cast<char>('0' + frac / 10);
  *out++ = static_cast<char>('0' + frac % 10);
  return out;
}

std::string FormatPounds(Pence pence) {
  char buffer[32];
  char* end = FormatPoundsTo(pence, buffer);
  return std::string(buffer, end);
}

std::vector<Pence> Apportion(Pence total, std::span<const double> weights) {
  const size_t n = weights.size();
  std::vector<Pence> parts(n, 0);
  if (n == 0) return parts;
  long double sum = 0;
  for (double w : weights) sum += w;
  const bool equal = !(sum > 0);
  if (equal) sum = static_cast<long double>(n);
  const Pence amount = total < 0 ? -total : total;
  std::vector<long double> remainder(n);
  Pence given = 0;
  for (size_t i = 0; i < n; ++i) {
    const long double quota = amount * (equal ? 1.0L : weights[i]) / sum;
    parts[i] = static_cast<Pence>(std::floor(quota));
    remainder[i] = quota - parts[i];
    given += parts[i];
  }
  std::vector<size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return remainder[a] > remainder[b]; });
  // Rounding in the quotas can leave the floors a penny off either way; these loops even it out.
  Pence left = amount - given;
  for (size_t k = 0; left > 0; k = (k + 1) % n, --left) ++parts[order[k]];
  for (size_t k = n; left < 0;) {
    k = (k == 0 ? n : k) - 1;
    if (parts[order[k]] > 0) {
      --parts[order[k]];
      ++left;
    }
  }
  if (total < 0)
    for (Pence& p : parts) p = -p;
  return parts;
}

}  // namespace continuum
