#include "report/spc_report.h"

#include <gtest/gtest.h>

#include <string>

#include "report/spc_input.h"
#include "report/spc_render.h"

namespace continuum {
namespace {

Result<SpcInput> Read(const std::string& series, const std::string& rebase = "") {
  const CsvFile s = CsvFile::FromText("series.csv", series);
  const CsvFile r = CsvFile::FromText("rebase.csv", rebase);
  return ReadSpcInput(s, rebase.empty() ? nullptr : &r);
}

// Twelve alternating points 9, 11 (mean 10, limits 4.68 to 15.32) then `tail`, monthly from
// January 2024, as series "a" with the given direction.
std::string Series(const std::vector<double>& tail, const std::string& direction = "") {
  std::string text = "date,value,series_id" +
                     std::string(direction.empty() ? "" : ",improvement_direction") + "\n";
  std::vector<double> values;
  for (int i = 0; i < 12; ++i) values.push_back(i % 2 == 0 ? 9 : 11);
  values.insert(values.end(), tail.begin(), tail.end());
  for (size_t i = 0; i < values.size(); ++i) {
    const int year = 2024 + static_cast<int>(i) / 12, month = 1 + static_cast<int>(i) % 12;
    char date[32];
    std::snprintf(date, sizeof date, "%04d-%02d-01", year, month);
    text += std::string(date) + "," + std::to_string(values[i]) + ",a" +
            (direction.empty() ? "" : "," + direction) + "\n";
  }
  return text;
}

TEST(SpcReport, ChartsEachSegmentBetweenRebaseDates) {
  // Rows in any order; a rebase on 2025-01-01 starts new limits from the 13th point.
  Result<SpcInput> input =
      Read(Series({20, 21, 20, 21, 20}, "decrease"), "series_id,rebase_date\na,2025-01-01\n");
  ASSERT_TRUE(input.ok()) << input.status().message();
  ASSERT_EQ(input->series.size(), 1u);
  EXPECT_EQ(input->series[0].direction, Polarity::kLowerIsBetter);
  Result<SpcReport> report = BuildSpcReport(*input, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  const SpcSeriesResult& s = report->series[0];
  ASSERT_EQ(s.segments.size(), 2u);
  EXPECT_EQ(s.segments[0].count, 12u);
  EXPECT_DOUBLE_EQ(s.segments[0].mean, 10);
  EXPECT_DOUBLE_EQ(s.segments[0].upper_limit, 15.32);
  EXPECT_DOUBLE_EQ(s.segments[1].mean, 20.4);
  EXPECT_DOUBLE_EQ(s.segments[1].upper_limit, 20.4 + 2.66);
  // Without the rebase the five high points are a concern (lower is better) beyond the limit.
  Result<SpcReport> whole = BuildSpcReport(*Read(Series({20, 21, 20, 21, 20}, "decrease")), {});
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(SpecialCauseName(whole->series[0].points[12].reading.variation), "concern");
  EXPECT_EQ(SpcRuleName(whole->series[0].points[12].reading.rule), "outside_limits");
  EXPECT_EQ(SpecialCauseName(s.points[12].reading.variation), "none");

  const std::string csv = RenderSpc(*report, OutputFormat::kCsv);
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "series_id,date,value,mean,lower_limit,upper_limit,special_cause,rule");
  EXPECT_NE(csv.find("\na,2025-01-01,20,20.4,17.74,23.06,none,\n"), std::string::npos) << csv;
  const std::string json = RenderSpc(*report, OutputFormat::kJson);
  EXPECT_NE(json.find("\"from\": \"2025-01-01\""), std::string::npos);
  EXPECT_NE(json.find("\"trial_limits\": true"), std::string::npos);
}

TEST(SpcReport, DirectionsAndNeitherSignals) {
  Result<SpcReport> neutral = BuildSpcReport(*Read(Series({25}, "neutral")), {});
  ASSERT_TRUE(neutral.ok());
  EXPECT_EQ(SpecialCauseName(neutral->series[0].points.back().reading.variation), "neither");
  // Increase unless the file says otherwise, as NHSRplotthedots.
  Result<SpcReport> plain = BuildSpcReport(*Read(Series({25})), {});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->series[0].direction, Polarity::kHigherIsBetter);
  EXPECT_EQ(SpecialCauseName(plain->series[0].points.back().reading.variation), "improvement");
}

TEST(SpcReport, FixedBaselineAndItsLimits) {
  // The first 12 points set the limits; the later ones are judged against them.
  Result<SpcReport> report = BuildSpcReport(*Read(Series({30, 30.5})), {.baseline_points = 12});
  ASSERT_TRUE(report.ok());
  EXPECT_DOUBLE_EQ(report->series[0].segments[0].mean, 10);
  EXPECT_EQ(report->series[0].segments[0].baseline_points, 12u);
  EXPECT_FALSE(BuildSpcReport(*Read(Series({30})), {.baseline_points = 1}).ok());
}

TEST(SpcReport, EveryProblemWithItsLineAndColumn) {
  Result<SpcInput> bad = Read(
      "series_id,date,value,improvement_direction\n"
      "a,2024-01-01,1,increase\n"
      "a,2024-13-01,2,\n"
      "a,2024-02-01,,\n"
      "a,2024-03-01,x,\n"
      "a,2024-01-01,3,\n"
      "a,2024-04-01,4,decrease\n"
      "b,2024-01-01,4,upwards\n"
      ",2024-01-01,4,\n"
      "c,2024-01-01\n");
  ASSERT_FALSE(bad.ok());
  const std::string m = bad.status().message();
  EXPECT_NE(m.find("series.csv line 3, column date: '2024-13-01' is not a date (YYYY-MM-DD)"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("line 4, column value: the value is empty"), std::string::npos) << m;
  EXPECT_NE(m.find("line 5, column value: 'x' is not a finite number"), std::string::npos) << m;
  EXPECT_NE(
      m.find("line 6, column date: series 'a' already has a point dated 2024-01-01 on line 2"),
      std::string::npos)
      << m;
  EXPECT_NE(m.find("line 7, column improvement_direction: series 'a' was given the "
                   "improvement_direction increase on line 2"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("line 8, column improvement_direction: 'upwards' is not increase"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("line 9, column series_id: the series_id is empty"), std::string::npos) << m;
  EXPECT_NE(m.find("line 10: the row has 2 fields; the first line names 4 columns"),
            std::string::npos)
      << m;

  Result<SpcInput> header = Read("series,date,value\n");
  ASSERT_FALSE(header.ok());
  EXPECT_NE(header.status().message().find("column 1 is named 'series', which is not a column"),
            std::string::npos)
      << header.status().message();
  EXPECT_NE(header.status().message().find("no column is named series_id"), std::string::npos);
  EXPECT_FALSE(Read("series_id,date,value\n").ok());  // no points
  EXPECT_NE(Read("series_id;date;value\na;2024-01-01;1\n").status().message().find("';'"),
            std::string::npos);

  Result<SpcInput> rebase = Read(Series({}), "series_id,rebase_date\nb,2024-03-01\na,2024-03-15\n");
  ASSERT_FALSE(rebase.ok());
  EXPECT_NE(rebase.status().message().find("rebase.csv line 2, column series_id: there is no "
                                           "series 'b' in series.csv"),
            std::string::npos)
      << rebase.status().message();
  EXPECT_NE(rebase.status().message().find("rebase.csv line 3, column rebase_date: series 'a' has "
                                           "no point dated 2024-03-15"),
            std::string::npos)
      << rebase.status().message();
  // A rebase leaving one point after it cannot chart it: refused at the rebase file's line.
  Result<SpcInput> last = Read(Series({}), "series_id,rebase_date\na,2024-12-01\n");
  ASSERT_FALSE(last.ok());
  EXPECT_NE(last.status().message().find("rebase.csv line 2, column rebase_date: the rebase on "
                                         "2024-12-01 leaves series 'a' 1 point after it"),
            std::string::npos)
      << last.status().message();
  // So is a series of one point, at its line (a stray space makes one).
  Result<SpcInput> one =
      Read("series_id,date,value\na,2024-01-01,1\na,2024-02-01,2\na ,2024-03-01,3\n");
  ASSERT_FALSE(one.ok());
  EXPECT_NE(one.status().message().find("series.csv line 4, column series_id: series 'a ' has only "
                                        "this point"),
            std::string::npos)
      << one.status().message();
  // What the Python package may pass without the reader: the builder's own guard.
  SpcInput direct{
      .series = {{.id = "x", .dates = {1, 2, 3}, .values = {1, 2, 3}, .rebase_dates = {3}}}};
  EXPECT_NE(
      BuildSpcReport(direct, {})
          .status()
          .message()
          .find("series 'x': the limits from 1970-01-04 (a rebase date) would rest on 1 point"),
      std::string::npos)
      << BuildSpcReport(direct, {}).status().message();
  // Blank lines are not points; a leading + is a sign.
  Result<SpcInput> blank = Read("series_id,date,value\na,2024-01-01,+1\n\na,2024-02-01,2\n");
  ASSERT_TRUE(blank.ok()) << blank.status().message();
  EXPECT_EQ(blank->series[0].values, (std::vector<double>{1, 2}));
}

TEST(SpcReport, RefusesSeriesItCannotChart) {
  // What the Python package may pass: dates out of order, a rebase date that is not a point's.
  SpcInput input{.series = {{.id = "x", .dates = {2, 1}, .values = {1, 2}}}};
  EXPECT_NE(BuildSpcReport(input, {}).status().message().find("in order"), std::string::npos);
  input.series[0].dates = {1, 2, 3};
  input.series[0].values = {1, 2, 3};
  input.series[0].rebase_dates = {5};
  EXPECT_NE(BuildSpcReport(input, {}).status().message().find("not the date of any"),
            std::string::npos);
}

}  // namespace
}  // namespace continuum
