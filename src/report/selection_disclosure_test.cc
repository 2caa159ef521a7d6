// The selection report under disclosure control: a profile's shares are shown only where neither
// the patients with the characteristic nor those without are 1 to 7, since a share of a small
// group gives the count away (10% of 10 patients is one).
#include "report/selection_disclosure.h"

#include <gtest/gtest.h>

#include <cmath>

namespace continuum {
namespace {

SelectionReport WithProfile(int64_t patients, double aged_75_plus, double women,
                            double most_deprived) {
  SelectionReport report;
  SelectionMeasure m = NewMeasure("care_adjustments", 0, Adverse::kHigher);
  m.smallest_count = 50;
  m.concerned = {.patients = patients,
                 .mean_age = 61.3,
                 .aged_75_plus = aged_75_plus,
                 .women = women,
                 .most_deprived = most_deprived,
                 .mean_conditions = 1.26};
  report.measures.push_back(m);
  return report;
}

TEST(SelectionDisclosure, AShareOfASmallGroupIsSuppressed) {
  // 10 patients: one aged 75+, five women, nine in the most deprived quintile (one not): all
  // suppressed.
  const PatientProfile p = DiscloseSelection(WithProfile(10, 0.1, 0.5, 0.9)).measures[0].concerned;
  EXPECT_TRUE(std::isnan(p.aged_75_plus));
  EXPECT_TRUE(std::isnan(p.women));
  EXPECT_TRUE(std::isnan(p.most_deprived));
  EXPECT_EQ(p.patients, 10);
  EXPECT_EQ(p.mean_age, 61);
  // 20 patients: 7 aged 75+ is suppressed; ten women and ten men show.
  const PatientProfile q = DiscloseSelection(WithProfile(20, 0.35, 0.5, 0.6)).measures[0].concerned;
  EXPECT_TRUE(std::isnan(q.aged_75_plus));  // 7
  EXPECT_EQ(q.women, 0.5);
  EXPECT_EQ(q.most_deprived, 0.6);  // 12 with, 8 without
}

TEST(SelectionDisclosure, NoneAndAllAndLargeGroupsAreShownRounded) {
  const PatientProfile all = DiscloseSelection(WithProfile(12, 0, 1, 0)).measures[0].concerned;
  EXPECT_EQ(all.aged_75_plus, 0);
  EXPECT_EQ(all.women, 1);
  EXPECT_EQ(all.most_deprived, 0);
  // 200 patients: 8 aged 75+ is more than 7, so 4% shows, as 5%.
  const PatientProfile big =
      DiscloseSelection(WithProfile(200, 0.04, 0.52, 0.2)).measures[0].concerned;
  EXPECT_EQ(big.aged_75_plus, 0.05);
  EXPECT_EQ(big.women, 0.5);
  EXPECT_EQ(big.most_deprived, 0.2);
  // Fewer than 10 patients: no profile at all.
  EXPECT_EQ(DiscloseSelection(WithProfile(9, 0.5, 0.5, 0.5)).measures[0].concerned.patients, 0);
}

}  // namespace
}  // namespace continuum
