#include "evaluation/panel_file.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

Result<PanelFile> Read(const std::string& text) {
  return ReadPanelFile(CsvFile::FromText("panel.csv", text));
}

std::string ErrorOf(const std::string& text) {
  auto file = Read(text);
  EXPECT_FALSE(file.ok());
  return file.ok() ? "" : file.status().message();
}

constexpr char kHeader[] = "unit,cluster,period,first_treated,outcome\n";

TEST(PanelFile, ReadsUnitsPeriodsAndCovariatesInAnyColumnOrder) {
  auto file = Read(
      "outcome,age,unit,period,cluster,first_treated\n"
      "1.5,70,a,2020,p1,2021\n"
      "2.5,71,a,2021,p1,2021\n"
      "3,40,b,2021,p2,\n"
      "4,39,b,2020,p2,\n");
  ASSERT_TRUE(file.ok()) << file.status().message();
  const BalancedPanel& panel = file->panel;
  EXPECT_EQ(panel.units, 2);
  EXPECT_EQ(panel.periods, 2);
  EXPECT_EQ(panel.clusters, 2);
  EXPECT_EQ(file->period_labels, (std::vector<int64_t>{2020, 2021}));
  EXPECT_EQ(panel.first_treated, (std::vector<int32_t>{1, kNeverTreated}));
  EXPECT_EQ(panel.at(1, 0), 4);  // b in 2020, though its rows came in reverse
  ASSERT_EQ(file->covariate_names, std::vector<std::string>{"age"});
  EXPECT_EQ(panel.covariates[0][1 * 2 + 1], 40);
}

TEST(PanelFile, NamesEachProblemWithItsLineAndColumn) {
  EXPECT_NE(ErrorOf("unit,cluster,period,outcome\n").find("no column is named first_treated"),
            std::string::npos);
  const std::string duplicate = ErrorOf(std::string(kHeader) + "a,p,1,,1\na,p,2,,1\na,p,1,,2\n");
  EXPECT_NE(duplicate.find("panel.csv line 4, column period: unit 'a' already has a row for "
                           "period 1"),
            std::string::npos)
      << duplicate;
  const std::string two_clusters = ErrorOf(std::string(kHeader) + "a,p,1,,1\na,q,2,,1\n");
  EXPECT_NE(two_clusters.find("line 3, column cluster: unit 'a' is in cluster 'p' on line 2"),
            std::string::npos)
      << two_clusters;
  const std::string outside = ErrorOf(std::string(kHeader) + "a,p,1,5,1\na,p,2,5,1\n");
  EXPECT_NE(outside.find("starts in period 5, which is not a period of the data (1 to 2)"),
            std::string::npos)
      << outside;
  const std::string text = ErrorOf(std::string(kHeader) + "a,p,1,,1\na,p,2,,many\n");
  EXPECT_NE(text.find("line 3, column outcome: 'many' is not a number"), std::string::npos);
  const std::string empty = ErrorOf(std::string(kHeader) + "a,p,1,,\n");
  EXPECT_NE(empty.find("column outcome: the value is missing"), std::string::npos);
  const std::string unbalanced = ErrorOf(std::string(kHeader) + "a,p,1,,1\na,p,2,,1\nb,p,2,,1\n");
  EXPECT_NE(unbalanced.find("unit 'b' has no row for period 1"), std::string::npos) << unbalanced;
  const std::string period = ErrorOf(std::string(kHeader) + "a,p,2020-01,,1\n");
  EXPECT_NE(period.find("column period: '2020-01' is not a whole number"), std::string::npos);
  const std::string starts = ErrorOf(std::string(kHeader) + "a,p,1,2,1\na,p,2,,1\n");
  EXPECT_NE(starts.find("line 3, column first_treated: unit 'a' has a different first_treated"),
            std::string::npos)
      << starts;
  EXPECT_NE(ErrorOf(std::string(kHeader)).find("a header and no rows"), std::string::npos);
  const std::string name = ErrorOf("unit,cluster,period,first_treated,outcome,\x85\n");
  EXPECT_NE(name.find("column 6's name '\\x85' holds"), std::string::npos) << name;
  EXPECT_NE(ErrorOf("").find("the file is empty"), std::string::npos);
}

TEST(PanelFile, TakesWholeNumbersWrittenWithAPointAndZeros) {
  // pandas and R write a column of integers with empty cells as 2021.0.
  auto file = Read(std::string(kHeader) +
                   "a,p1,2020.0,2021.00,1\n"
                   "a,p1,2021,2021.0,2\n"
                   "b,p2,2020,,3\n"
                   "b,p2,2021.0,,4\n");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(file->period_labels, (std::vector<int64_t>{2020, 2021}));
  EXPECT_EQ(file->panel.first_treated, (std::vector<int32_t>{1, kNeverTreated}));
  for (const char* bad : {"2021.5", "2021.", "2021.0x", ".0"}) {
    EXPECT_NE(ErrorOf(std::string(kHeader) + "a,p1,2020," + bad + ",1\n")
                  .find("panel.csv line 2, column first_treated: '" + std::string(bad) +
                        "' is not a whole number"),
              std::string::npos)
        << bad;
  }
}

TEST(PanelFile, SaysSoWhenTheColumnsAreSeparatedBySemicolons) {
  const std::string error = ErrorOf(
      "unit;cluster;period;first_treated;outcome\n"
      "a;p1;2020;2021;1,5\n");
  EXPECT_NE(error.find("panel.csv line 1: the columns are separated by ';'"), std::string::npos)
      << error;
  EXPECT_EQ(error.find("no column is named"), std::string::npos) << error;
}

TEST(PanelFile, StopsCountingAfterTwentyProblems) {
  std::string text = kHeader;
  for (int i = 0; i < 30; ++i) text += "a,p," + std::to_string(i) + ",,x\n";
  const std::string message = ErrorOf(text);
  EXPECT_NE(message.find("... and 10 more problems"), std::string::npos);
}

}  // namespace
}  // namespace continuum
