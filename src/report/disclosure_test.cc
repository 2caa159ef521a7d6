#include "report/disclosure.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

TEST(Disclosure, SmallCountsAreSuppressedAndOthersRoundedToFive) {
  const Disclosure c = Disclosure::kControlled;
  EXPECT_EQ(DiscloseCount(0, c), 0);
  for (int n = 1; n <= 7; ++n) EXPECT_EQ(DiscloseCount(n, c), std::nullopt) << n;
  EXPECT_EQ(DiscloseCount(8, c), 10);
  EXPECT_EQ(DiscloseCount(12, c), 10);
  EXPECT_EQ(DiscloseCount(13, c), 15);
  EXPECT_EQ(DiscloseCount(15, c), 15);
  EXPECT_EQ(DiscloseCount(150'467, c), 150'465);
  EXPECT_EQ(DiscloseCount(150'468, c), 150'470);
}

TEST(Disclosure, ExactCountsPassUnchanged) {
  for (int n : {0, 1, 7, 8, 13}) EXPECT_EQ(DiscloseCount(n, Disclosure::kExact), n);
}

}  // namespace
}  // namespace continuum
