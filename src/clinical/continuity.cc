#include "clinical/continuity.h"

#include <algorithm>
#include <cassert>
#include <vector>

namespace continuum {

ContinuityScores ScoreContinuity(std::span<const uint32_t> providers,
                                 std::span<const uint8_t> settings) {
  assert(providers.size() == settings.size());
  ContinuityScores scores;
  const size_t n = providers.size();
  scores.contacts = static_cast<int32_t>(n);
  if (n == 0) return scores;
  int32_t same_in_sequence = 0;
  for (size_t i = 1; i < n; ++i) {
    same_in_sequence += providers[i] == providers[i - 1];
    scores.setting_handoffs += settings[i] != settings[i - 1];
  }
  // Contacts per provider: sort a copy and count the runs.
  std::vector<uint32_t> sorted(providers.begin(), providers.end());
  std::sort(sorted.begin(), sorted.end());
  int64_t sum_squares = 0, most = 0;
  for (size_t i = 0; i < n;) {
    size_t j = i;
    while (j < n && sorted[j] == sorted[i]) ++j;
    const int64_t count = static_cast<int64_t>(j - i);
    sum_squares += count * count;
    most = std::max(most, count);
    ++scores.providers;
    i = j;
  }
  if (n < 2) return scores;
  const double total = static_cast<double>(n);
  scores.usual_provider = static_cast<double>(most) / total;
  scores.bice_boxerman = (static_cast<double>(sum_squares) - total) / (total * (total - 1));
  scores.sequential = same_in_sequence / (total - 1);
  return scores;
}

}  // namespace continuum
