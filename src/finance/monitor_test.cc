#include "finance/monitor.h"

#include <gtest/gtest.h>

#include <cmath>

#include "finance/finance_fixture.h"

namespace continuum {
namespace {

// The worked example of docs/finance.md ("The monitor, worked by hand"): one ICO practice, a
// budget of 3,000.00 for 2024-25 and the earlier year 2023-24 as the seasonal profile.
class MonitorExample : public testing::Test {
 protected:
  void SetUp() override {
    f_.Organisation("COM", OrgKind::kCommissioner);
    f_.Organisation("ICO1", OrgKind::kIco, "COM");
    f_.Organisation("P1", OrgKind::kPractice, "ICO1");
    f_.Organisation("P2", OrgKind::kPractice, "COM");  // a control practice: not the ICO's
    f_.Organisation("RA", OrgKind::kAcuteTrust);
    const uint32_t a = f_.Patient("P1", "2015-01-01");
    f_.Patient("P1", "2015-01-01");  // b: registered, costs nothing
    const uint32_t c = f_.Patient("P2", "2015-01-01");
    // 2023-24: GP 100.00 on the 1st of every month, and an emergency admission of 300.00 in
    // January, so the year's 1,500.00 falls 100 a month and 400 in January.
    const char* months[] = {"2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09",
                            "2023-10", "2023-11", "2023-12", "2024-01", "2024-02", "2024-03"};
    for (const char* m : months) f_.Event(a, std::string(m) + "-01", Setting::kGp, "P1", 100);
    f_.Event(a, "2024-01-15", Setting::kEmergency, "RA", 300, "J44.1", 3);
    // 2024-25 to June: 300 + 250 + 100 of GP care, the last on 10 June.
    f_.Event(a, "2024-04-15", Setting::kGp, "P1", 300);
    f_.Event(a, "2024-05-15", Setting::kGp, "P1", 250);
    f_.Event(a, "2024-06-10", Setting::kGp, "P1", 100);
    f_.Event(c, "2024-05-20", Setting::kGp, "P2", 1000);  // the control practice's: not counted
    const Population& p = f_.Finish();
    auto scope = IcoScopeOf(p, "ICO1", "");
    ASSERT_TRUE(scope.ok());
    auto m = RunMonitor(p, p.events.cost, *scope,
                        {.period_start = *ParseDate("2024-04-01"),
                         .period_end = *ParseDate("2025-03-31"),
                         .budget = 300000,
                         .month = MonthIndex(*ParseDate("2024-06-01"))});
    ASSERT_TRUE(m.ok()) << m.status().message();
    m_ = *m;
  }
  FinanceFixture f_;
  Monitor m_;
};

TEST_F(MonitorExample, PhasesTheBudgetLikeTheEarlierYear) {
  ASSERT_EQ(m_.months.size(), 12u);
  // 3,000 x 100 / 1,500 = 200 a month; January 3,000 x 400 / 1,500 = 800.
  for (int i = 0; i < 12; ++i) EXPECT_EQ(m_.months[i].budget, i == 9 ? 80000 : 20000) << i;
  EXPECT_EQ(m_.profile_years, std::vector<int>{1});
  EXPECT_DOUBLE_EQ(m_.share_to_date, 300.0 / 1500.0);
  EXPECT_EQ(m_.budget_to_date, 60000);
  EXPECT_EQ(m_.actual_to_date, 65000);
  EXPECT_EQ(m_.months[0].actual, 30000);
  EXPECT_EQ(m_.months[3].actual, 0);
  EXPECT_EQ(m_.as_at, *ParseDate("2024-06-30"));
}

TEST_F(MonitorExample, EstimatesActivityNotYetReported) {
  // GP activity stops on 10 June: 20 days of June are missing. Last year's June ran at 100/30 a
  // day, so 66.67 is missing at last year's rate; the days reported (April, May, 10 days of
  // June) would have cost 233.33 last year and cost 650.00 this year, so the estimate is
  // 66.67 x 650.00 / 233.33 = 185.71.
  ASSERT_EQ(m_.unreported.size(), 1u);
  EXPECT_EQ(m_.unreported[0].setting, Setting::kGp);
  EXPECT_EQ(m_.unreported[0].missing_days, 20);
  const double expected = (20 * 10000.0 / 30) * 65000.0 / (20000.0 + 10 * 10000.0 / 30);
  EXPECT_EQ(m_.not_yet_reported, std::llround(expected));
  EXPECT_EQ(m_.not_yet_reported, 18571);
  EXPECT_EQ(m_.months[2].not_yet_reported, 18571);
  EXPECT_EQ(m_.variance, 65000 + 18571 - 60000);
  EXPECT_NEAR(m_.variance_pct, 100.0 * 23571 / 60000, 1e-9);
}

TEST_F(MonitorExample, ForecastsByRunRateWithAPredictionInterval) {
  // (650.00 + 185.71) / (300 / 1,500) = 4,178.55.
  EXPECT_EQ(m_.forecast, 417855);
  // The later months share what is left, 4,178.55 - 835.71, as last year did (January 4x).
  Pence later = 0;
  for (int i = 3; i < 12; ++i) later += m_.months[i].forecast;
  EXPECT_EQ(later, 417855 - 65000 - 18571);
  EXPECT_NEAR(static_cast<double>(m_.months[9].forecast) / m_.months[3].forecast, 4.0, 1e-4);
  // Last year: patients a (1,500.00) and b (0): mean 750, variance of the year's spend
  // 2 x 750^2; the forecast's variance is that x (0.8 / 0.2).
  const double sd = std::sqrt(2 * 75000.0 * 75000.0 * 0.8 / 0.2);
  EXPECT_NEAR(m_.forecast_sd, sd, 1e-6);
  EXPECT_EQ(m_.forecast_low[0], std::llround(417855 - 1.2815515655446004 * sd));
  EXPECT_EQ(m_.forecast_high[1], std::llround(417855 + 1.959963984540054 * sd));
}

TEST_F(MonitorExample, BreaksDownTheVarianceLargestFirst) {
  ASSERT_EQ(m_.by_setting.size(), 2u);
  const MonitorLine& gp = m_.by_setting[0];
  EXPECT_EQ(gp.name, "gp");
  EXPECT_EQ(gp.budget, 240000);
  EXPECT_EQ(gp.budget_to_date, 60000);
  EXPECT_EQ(gp.actual_to_date, 65000 + 18571);  // the setting carries its unreported estimate
  EXPECT_EQ(gp.variance, 23571);
  EXPECT_EQ(gp.forecast, std::llround(83571 / 0.25));
  const MonitorLine& emergency = m_.by_setting[1];
  EXPECT_EQ(emergency.name, "emergency");
  EXPECT_EQ(emergency.budget, 60000);
  EXPECT_EQ(emergency.variance, 0);
  EXPECT_EQ(emergency.forecast, 60000);  // nothing yet; the rest of its budget still to come
  ASSERT_EQ(m_.by_practice.size(), 1u);
  EXPECT_EQ(m_.by_practice[0].name, "P1");
  EXPECT_EQ(m_.by_practice[0].variance, 5000);
  ASSERT_EQ(m_.by_condition_group.size(), 2u);
  EXPECT_EQ(m_.by_condition_group[0].name, "no diagnosis recorded");
  EXPECT_EQ(m_.by_condition_group[1].name, "Respiratory System");
  EXPECT_EQ(m_.by_provider.size(), 2u);
}

// Each month finished from one scan to June (map, merge, finish) is the monitor run for that
// month alone; a month after the scan's is refused.
TEST_F(MonitorExample, EveryMonthFinishedFromOneScanIsItsOwnRun) {
  const Population& p = f_.population;
  auto scope = IcoScopeOf(p, "ICO1", "");
  ASSERT_TRUE(scope.ok());
  MonitorOptions options{.period_start = *ParseDate("2024-04-01"),
                         .period_end = *ParseDate("2025-03-31"),
                         .budget = 300000,
                         .month = MonthIndex(*ParseDate("2024-06-01"))};
  auto scan = ScanForMonitor(p, p.events.cost, *scope, options);
  ASSERT_TRUE(scan.ok()) << scan.status().message();
  for (const char* month : {"2024-04-01", "2024-05-01", "2024-06-01"}) {
    options.month = MonthIndex(*ParseDate(month));
    auto run = RunMonitor(p, p.events.cost, *scope, options);
    auto finished = FinishMonitor(p, p.events.cost, *scope, **scan, options);
    ASSERT_TRUE(run.ok() && finished.ok()) << month;
    EXPECT_EQ(finished->actual_to_date, run->actual_to_date) << month;
    EXPECT_EQ(finished->not_yet_reported, run->not_yet_reported) << month;
    EXPECT_EQ(finished->forecast, run->forecast) << month;
    EXPECT_EQ(finished->forecast_low[1], run->forecast_low[1]) << month;
    EXPECT_EQ(finished->forecast_high[1], run->forecast_high[1]) << month;
    EXPECT_EQ(finished->events_to_date, run->events_to_date) << month;
    EXPECT_EQ(finished->by_setting.size(), run->by_setting.size()) << month;
    for (size_t m = 0; m < run->months.size(); ++m)
      EXPECT_EQ(finished->months[m].actual, run->months[m].actual) << month << " " << m;
  }
  EXPECT_EQ(m_.actual_to_date, 65000);
  options.month = MonthIndex(*ParseDate("2024-07-01"));
  EXPECT_FALSE(FinishMonitor(p, p.events.cost, *scope, **scan, options).ok());
}

TEST(Monitor, RefusesMonthsAndPeriodsItCannotReport) {
  FinanceFixture f;
  f.Organisation("ICO1", OrgKind::kIco);
  f.Organisation("P1", OrgKind::kPractice, "ICO1");
  const uint32_t a = f.Patient("P1", "2015-01-01");
  f.Event(a, "2024-04-15", Setting::kGp, "P1", 39);
  const Population& p = f.Finish();
  auto scope = IcoScopeOf(p, "ICO1", "");
  ASSERT_TRUE(scope.ok());
  auto run = [&](const char* start, const char* end, const char* month) {
    auto m = RunMonitor(p, p.events.cost, *scope,
                        {.period_start = *ParseDate(start),
                         .period_end = *ParseDate(end),
                         .budget = 100,
                         .month = MonthIndex(*ParseDate(month))});
    return m.ok() ? std::string("ok") : m.status().message();
  };
  EXPECT_EQ(run("2024-04-01", "2025-03-31", "2025-04-01"),
            "month 2025-04 is outside the budget period 2024-04-01 to 2025-03-31");
  EXPECT_EQ(run("2024-04-01", "2025-03-31", "2024-05-01"),
            "month 2024-05 has no activity yet: the workspace's activity ends on 2024-04-15");
  EXPECT_EQ(run("2026-04-01", "2027-03-31", "2026-04-01"),
            "the budget period 2026-04-01 to 2027-03-31 has no activity in the workspace "
            "(activity runs 2024-04-15 to 2024-04-15)");
  EXPECT_EQ(run("2024-04-02", "2025-03-31", "2024-04-01"),
            "the budget period 2024-04-02 to 2025-03-31 must be whole months");
  EXPECT_EQ(run("2024-04-01", "2024-09-30", "2024-04-01"),
            "the budget period 2024-04-01 to 2024-09-30 must be twelve months");
  // No earlier year: phased by days; the month reported on is fine.
  EXPECT_EQ(run("2024-04-01", "2025-03-31", "2024-04-01"), "ok");
  EXPECT_EQ(IcoScopeOf(p, "P1", "c.json, field ico").status().message(),
            "c.json, field ico: organisation P1 is a practice, not an ico");
}

}  // namespace
}  // namespace continuum
