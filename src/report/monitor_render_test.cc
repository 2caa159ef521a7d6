#include "report/monitor_render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace continuum {
namespace {

// Three months to the end of May 2024, reported on at May's end:
//   April: budget £1,000.00, actual £900.00;
//   May:   budget £1,100.00, actual £800.00 and £150.00 not yet reported;
//   June:  budget £1,200.00, forecast £1,300.00.
// Running totals by hand:
//   budget           £1,000.00  £2,100.00  £3,300.00
//   actual             £900.00  £1,700.00  (none: June is not reported)
//   actual, the estimate not yet reported, then the forecast:
//                      £900.00  £1,850.00  £3,150.00 (the forecast outturn)
Monitor HandWorked() {
  const int april = 2024 * 12 + 3;
  Monitor m;
  m.options.month = april + 1;
  m.months = {{.month = april, .budget = 100'000, .actual = 90'000},
              {.month = april + 1, .budget = 110'000, .actual = 80'000, .not_yet_reported = 15'000},
              {.month = april + 2, .budget = 120'000, .forecast = 130'000}};
  m.forecast = 315'000;
  m.by_provider = {{.name = "ZRA"}, {.name = "ZXX"}};
  m.by_practice = {{.name = "ZP0001"}};
  return m;
}

TEST(MonitorRender, JsonCarriesTheRunningTotals) {
  const nlohmann::json j = nlohmann::json::parse(
      RenderMonitor(Contract{}, ResolvedBudget{}, HandWorked(), OutputFormat::kJson, 8));
  const nlohmann::json& months = j["months"];
  ASSERT_EQ(months.size(), 3u);
  EXPECT_EQ(months[0]["cumulative_budget_pence"], 100'000);
  EXPECT_EQ(months[1]["cumulative_budget_pence"], 210'000);
  EXPECT_EQ(months[2]["cumulative_budget_pence"], 330'000);
  EXPECT_EQ(months[0]["cumulative_actual_pence"], 90'000);
  EXPECT_EQ(months[1]["cumulative_actual_pence"], 170'000);
  EXPECT_TRUE(months[2]["cumulative_actual_pence"].is_null());
  EXPECT_EQ(months[0]["cumulative_spend_pence"], 90'000);
  EXPECT_EQ(months[1]["cumulative_spend_pence"], 185'000);
  EXPECT_EQ(months[2]["cumulative_spend_pence"], 315'000);
  EXPECT_EQ(months[2]["cumulative_spend_pence"], j["forecast_pence"]);
}

TEST(MonitorRender, JsonTitlesProvidersAndPracticesItKnows) {
  const OrganisationNames names = {{"ZRA", "Riverside Acute Trust"},
                                   {"ZP0001", "Abbey Road Medical Practice"}};
  const nlohmann::json j =
      nlohmann::json::parse(RenderMonitor(Contract{}, ResolvedBudget{}, HandWorked(),
                                          OutputFormat::kJson, 8, Disclosure::kExact, names));
  EXPECT_EQ(j["by_provider"][0]["name"], "ZRA");
  EXPECT_EQ(j["by_provider"][0]["title"], "Riverside Acute Trust");
  EXPECT_FALSE(j["by_provider"][1].contains("title"));  // a code it does not know stays a code
  EXPECT_EQ(j["by_practice"][0]["title"], "Abbey Road Medical Practice");
}

TEST(MonitorRender, NamesEveryOrganisationByItsCode) {
  OrganisationColumns organisations;
  organisations.ids.Intern("ZICO1");
  organisations.ids.Intern("ZRA");
  organisations.name = {"Nelson Vale Integrated Care Organisation", "Riverside Acute Trust"};
  const OrganisationNames names = OrganisationNamesOf(organisations);
  EXPECT_EQ(names.size(), 2u);
  EXPECT_EQ(names.at("ZRA"), "Riverside Acute Trust");
}

TEST(MonitorRender, TextPrintsTheSameRunningTotals) {
  const std::string text =
      RenderMonitor(Contract{}, ResolvedBudget{}, HandWorked(), OutputFormat::kText, 8);
  EXPECT_NE(text.find("£1,000                           £900\n"), std::string::npos) << text;
  EXPECT_NE(text.find("£2,100                         £1,850\n"), std::string::npos) << text;
  EXPECT_NE(text.find("£3,300                         £3,150\n"), std::string::npos) << text;
}

}  // namespace
}  // namespace continuum
