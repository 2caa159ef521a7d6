#include "report/summary.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "engine/engine.h"
#include "ingest/importer.h"

namespace continuum {
namespace {

// The valid import fixture, summarised; every expected figure below is worked out by hand from
// tests/cases/import/valid.
class SummaryOfFixture : public testing::Test {
 protected:
  void SetUp() override {
    const std::string path = testing::TempDir() + "/summary_" +
                             testing::UnitTest::GetInstance()->current_test_info()->name() + ".db";
    std::filesystem::remove(path);
    auto ws = Workspace::Open(path, Workspace::kCreate);
    ASSERT_TRUE(ws.ok());
    auto report =
        ImportFolder(std::string(CONTINUUM_SOURCE_DIR) + "/tests/cases/import/valid", **ws, {});
    ASSERT_TRUE(report.ok() && report->committed);
    auto engine = Engine::Open(**ws);
    ASSERT_TRUE(engine.ok());
    summary_ = Summarise((*engine)->population(), (*engine)->population().events.cost);
  }
  Summary summary_;
};

TEST_F(SummaryOfFixture, SpanAndCounts) {
  EXPECT_EQ(FormatDate(summary_.first_day), "2023-04-03");
  EXPECT_EQ(FormatDate(summary_.as_at), "2025-03-31");
  EXPECT_EQ(summary_.patients, 6);
  EXPECT_EQ(summary_.events, 18);
  EXPECT_EQ(summary_.staff, 6);
  EXPECT_EQ(summary_.organisations_by_kind[static_cast<int>(OrgKind::kPractice)], 3);
  // On 2025-03-31: patient 1 has died and 6 was removed; 2, 3, 4 and 5 are registered.
  EXPECT_EQ(summary_.registered, 4);
}

TEST_F(SummaryOfFixture, AgeBandsOnTheAsAtDay) {
  // 3 (F, born 2023) is 1; 5 (F, born 1960-12-31) is 64; 2 (M) is 40; 4 (M, born 1930) is 95.
  ASSERT_EQ(summary_.age_bands.size(), 4u);
  EXPECT_EQ(summary_.age_bands[0].female, 1);
  EXPECT_EQ(summary_.age_bands[0].male, 0);
  EXPECT_EQ(summary_.age_bands[1].female, 1);
  EXPECT_EQ(summary_.age_bands[1].male, 1);
  EXPECT_EQ(summary_.age_bands[2].female + summary_.age_bands[2].male, 0);
  EXPECT_EQ(summary_.age_bands[3].male, 1);
}

TEST_F(SummaryOfFixture, Practices) {
  ASSERT_EQ(summary_.practices.size(), 3u);
  const PracticeSummary& p001 = summary_.practices[0];
  const PracticeSummary& p002 = summary_.practices[1];
  const PracticeSummary& c001 = summary_.practices[2];
  EXPECT_EQ(p001.id, "P001");
  EXPECT_EQ(p001.list_size, 0);
  EXPECT_EQ(p001.gps, 2);
  EXPECT_TRUE(p001.member);
  EXPECT_EQ(p002.list_size, 3);
  EXPECT_EQ(p002.aged_65_plus, 1);
  EXPECT_NEAR(p002.mean_imd_decile, (2 + 7 + 7) / 3.0, 1e-9);
  EXPECT_EQ(p002.gps, 1);
  EXPECT_EQ(c001.list_size, 1);
  EXPECT_FALSE(c001.member);
  EXPECT_EQ(c001.parent_id, "COM1");
}

TEST_F(SummaryOfFixture, FinancialYears) {
  ASSERT_EQ(summary_.years.size(), 2u);
  const YearSummary& y1 = summary_.years[0];
  const YearSummary& y2 = summary_.years[1];
  EXPECT_EQ(y1.label, "2023-24");
  EXPECT_EQ(y2.label, "2024-25");
  // Registered days in 2023-04-03..2024-03-31: 364 + 181 + 183 + 275 + 364 + 364 + 333 = 2064.
  EXPECT_NEAR(y1.person_years, 2064 / 365.25, 1e-9);
  // In 2024-04-01..2025-03-31: patient 1 for 76 days, four others for 365.
  EXPECT_NEAR(y2.person_years, (76 + 4 * 365) / 365.25, 1e-9);
  const auto gp = static_cast<int>(Setting::kGp);
  EXPECT_EQ(y1.settings[gp].events, 4);
  EXPECT_EQ(y1.settings[gp].cost, 4 * 3900);
  EXPECT_EQ(y1.settings[static_cast<int>(Setting::kPrescription)].quantity, 4);
  EXPECT_EQ(y1.settings[static_cast<int>(Setting::kSocialCare)].quantity, 10);
  // 39*4 + 11 + 3100 + 100 + 160 + 32 + 200 + 120 + 4000 = 7879 pounds.
  EXPECT_EQ(y1.Cost(), 787900);
  // 2800 + 250 + 39 + 850 + 160, and one community contact of unknown cost.
  EXPECT_EQ(y2.Cost(), 409900);
  EXPECT_EQ(y2.settings[static_cast<int>(Setting::kCommunity)].uncosted, 1);
  EXPECT_EQ(y1.deaths, 0);
  EXPECT_EQ(y2.deaths, 1);
  EXPECT_EQ(y2.deaths_by_place[static_cast<int>(PlaceOfDeath::kHospital)], 1);
  EXPECT_EQ(y1.joined[static_cast<int>(RegistrationStart::kBirth)], 1);
  EXPECT_EQ(y1.joined[static_cast<int>(RegistrationStart::kMoveIn)], 1);
  EXPECT_EQ(y1.left[static_cast<int>(RegistrationEnd::kMoveOut)], 1);
  EXPECT_EQ(y1.left[static_cast<int>(RegistrationEnd::kRemoval)], 1);
  EXPECT_EQ(y2.Left(), 1);
  EXPECT_EQ(y2.Joined(), 0);
}

TEST_F(SummaryOfFixture, RendersTextAndJson) {
  const std::string text = RenderSummaryText(summary_, "w.db");
  EXPECT_NE(text.find("Registered population on 2025-03-31: 4"), std::string::npos) << text;
  EXPECT_NE(text.find("Wrythe Green Surgery, Carshalton"), std::string::npos);
  // Subtotals: ICO1's practices have 0 + 3 on their lists, the control practice 1 (aged 64).
  EXPECT_TRUE(std::regex_search(text, std::regex("all of ICO1 +3 +33\\.3 "))) << text;
  EXPECT_TRUE(std::regex_search(text, std::regex("control practices +1 +0\\.0 +5\\.0 +0\\n")))
      << text;
  const std::string json = RenderSummaryJson(summary_, "w.db");
  EXPECT_NE(json.find("\"registered\": 4"), std::string::npos);
  EXPECT_NE(json.find("\"cost_pence\": 787900"), std::string::npos);
}

}  // namespace
}  // namespace continuum
