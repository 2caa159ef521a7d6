#include "clinical/continuity.h"

#include <gtest/gtest.h>

#include <vector>

namespace continuum {
namespace {

TEST(Continuity, HandWorkedIndices) {
  // Providers A A B A C (A = 1, B = 2, C = 3): A seen 3 times of 5.
  const std::vector<uint32_t> providers = {1, 1, 2, 1, 3};
  const std::vector<uint8_t> settings = {0, 0, 3, 0, 3};
  const ContinuityScores s = ScoreContinuity(providers, settings);
  EXPECT_EQ(s.contacts, 5);
  EXPECT_EQ(s.providers, 3);
  EXPECT_DOUBLE_EQ(s.usual_provider, 0.6);
  // (3² + 1² + 1² − 5) / (5 · 4) = 6 / 20.
  EXPECT_DOUBLE_EQ(s.bice_boxerman, 0.3);
  // Consecutive pairs AA, AB, BA, AC: one of four the same.
  EXPECT_DOUBLE_EQ(s.sequential, 0.25);
  // Settings 0 0 3 0 3: three changes.
  EXPECT_EQ(s.setting_handoffs, 3);
}

TEST(Continuity, OneProviderIsPerfectAndOneContactIsUndefined) {
  const std::vector<uint32_t> same = {7, 7, 7};
  const std::vector<uint8_t> settings = {0, 0, 0};
  const ContinuityScores s = ScoreContinuity(same, settings);
  EXPECT_DOUBLE_EQ(s.usual_provider, 1);
  EXPECT_DOUBLE_EQ(s.bice_boxerman, 1);
  EXPECT_DOUBLE_EQ(s.sequential, 1);
  const ContinuityScores one = ScoreContinuity({same.data(), 1}, {settings.data(), 1});
  EXPECT_EQ(one.contacts, 1);
  EXPECT_EQ(one.providers, 1);
  EXPECT_EQ(one.bice_boxerman, 0);
  // Every contact with a different provider: COC and SECON 0, UPC 1/n.
  const std::vector<uint32_t> all = {1, 2, 3, 4};
  const std::vector<uint8_t> four = {0, 1, 0, 1};
  const ContinuityScores spread = ScoreContinuity(all, four);
  EXPECT_DOUBLE_EQ(spread.usual_provider, 0.25);
  EXPECT_DOUBLE_EQ(spread.bice_boxerman, 0);
  EXPECT_DOUBLE_EQ(spread.sequential, 0);
}

}  // namespace
}  // namespace continuum
