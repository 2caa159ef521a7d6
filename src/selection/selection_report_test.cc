// The selection measures on generated programmes: the ICO the generator made remove its top-need
// patients (planted truth 13, docs/calibration.md), the one made to record conditions its
// patients do not have (planted truth 14) and the one made to except twice as many patients from
// its quality indicators (planted truth 15) are flagged, by the right measures and by no other
// ICO; a programme with nothing planted raises no alert; the coding and exception effects of the
// planted year lie in their intervals; and what the data cannot support says so instead of
// guessing.
#include "selection/selection_report.h"

#include <gtest/gtest.h>

#include <set>

#include "generate/generated_ico.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

// Four ICOs of 25,000 patients under two commissioners, each with six control practices.
std::unique_ptr<GeneratedIco> Programme(const std::string& name, uint64_t seed, bool plant,
                                        int control_practices = 6) {
  GeneratorOptions options;
  options.icos = 4;
  options.commissioners = 2;
  options.control_practices = control_practices;
  options.patients = 25000;
  options.practices = 5;
  options.seed = seed;
  if (plant) {
    options.plant_selection.push_back({"ZICO1", 0.02});
    options.plant_upcoding.push_back({"ZICO3", 5.9});
    options.plant_exceptions.push_back({"ZICO2", 100});
  }
  auto generated = GenerateAndLoad(TestFolder(name), options);
  EXPECT_TRUE(generated.ok()) << generated.status().message();
  return generated.ok() ? std::move(*generated) : nullptr;
}

std::set<std::string> Alerts(const Population& p, const SelectionReport& report) {
  std::set<std::string> alerts;
  for (const SelectionMeasure& m : report.measures) {
    if (m.alert) alerts.insert(p.organisations.ids.Value(m.ico) + " " + m.measure);
  }
  return alerts;
}

const SelectionMeasure& Find(const Population& p, const SelectionReport& report,
                             const std::string& ico, const std::string& measure) {
  for (const SelectionMeasure& m : report.measures) {
    if (p.organisations.ids.Value(m.ico) == ico && m.measure == measure) return m;
  }
  ADD_FAILURE() << ico << " " << measure << " not in the report";
  static const SelectionMeasure none;
  return none;
}

TEST(Selection, FlagsThePlantedIcosByTheirMeasuresAndNoOther) {
  auto programme = Programme("selection_planted", 2008, true);
  ASSERT_TRUE(programme);
  const Population& p = programme->population();
  auto report = RunSelection(p, p.events.cost, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->first_year, 2023);
  EXPECT_EQ(report->last_year, 2024);
  const std::set<std::string> alerts = Alerts(p, *report);
  EXPECT_TRUE(alerts.count("ZICO1 removals_top_need"));
  EXPECT_TRUE(alerts.count("ZICO3 recorded_conditions"));
  EXPECT_TRUE(alerts.count("ZICO2 care_adjustments"));
  for (const std::string& alert : alerts) {
    EXPECT_TRUE(alert == "ZICO2 care_adjustments" || alert.rfind("ZICO1 ", 0) == 0 ||
                alert.rfind("ZICO3 ", 0) == 0)
        << alert;
  }
  const SelectionMeasure& removals = Find(p, *report, "ZICO1", "removals_top_need");
  EXPECT_GT(removals.ci_low, 2);
  EXPECT_GT(removals.observed, 3 * removals.expected);
  EXPECT_GE(removals.concerned.patients, 10);

  // In the planted year alone the coding effect is the planted 5.9%.
  auto year =
      RunSelection(p, p.events.cost, {.ico = "ZICO3", .from = *ParseDate("2024-04-01"), .to = 0});
  ASSERT_TRUE(year.ok()) << year.status().message();
  const SelectionMeasure& coding = Find(p, *year, "ZICO3", "recorded_conditions");
  EXPECT_LT(coding.ci_low, 1.059);
  EXPECT_GT(coding.ci_high, 1.059);
  for (const SelectionMeasure& m : year->measures) EXPECT_EQ(m.ico, coding.ico);

  // And the exceptions: twice as many as the year before, against the controls.
  auto exceptions =
      RunSelection(p, p.events.cost, {.ico = "ZICO2", .from = *ParseDate("2024-04-01"), .to = 0});
  ASSERT_TRUE(exceptions.ok()) << exceptions.status().message();
  const SelectionMeasure& adjusted = Find(p, *exceptions, "ZICO2", "care_adjustments");
  EXPECT_LT(adjusted.ci_low, 2);
  EXPECT_GT(adjusted.ci_high, 2);
}

TEST(Selection, RaisesNoAlertWhenNothingIsPlanted) {
  auto programme = Programme("selection_null", 7, false);
  ASSERT_TRUE(programme);
  const Population& p = programme->population();
  auto report = RunSelection(p, p.events.cost, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(Alerts(p, *report).empty());
  EXPECT_EQ(report->tests, 4 * 9);  // nine measures for each ICO
  // Every measure is in the catalogue that says what it means.
  for (const SelectionMeasure& m : report->measures)
    EXPECT_NE(MeasureMeaning(m.measure), "") << m.measure;
}

TEST(Selection, SaysWhatItCannotMeasureAndNeverAlertsOnIt) {
  auto programme = Programme("selection_no_controls", 11, true, 0);
  ASSERT_TRUE(programme);
  const Population& p = programme->population();
  auto report = RunSelection(p, p.events.cost, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(report->tests, 0);
  for (const SelectionMeasure& m : report->measures) {
    EXPECT_FALSE(m.estimated());
    EXPECT_NE(m.not_estimated.find("no control practices"), std::string::npos) << m.not_estimated;
    EXPECT_FALSE(m.alert);
    EXPECT_TRUE(std::isnan(m.p_value));
  }
  auto short_period = RunSelection(
      p, p.events.cost, {.from = *ParseDate("2023-06-01"), .to = *ParseDate("2024-05-31")});
  ASSERT_FALSE(short_period.ok());
  EXPECT_NE(short_period.status().message().find("no whole financial year"), std::string::npos);
  auto unknown = RunSelection(p, p.events.cost, {.ico = "ZICO9"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("ZICO1, ZICO2, ZICO3, ZICO4"), std::string::npos);
}

}  // namespace
}  // namespace continuum
