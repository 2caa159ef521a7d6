#include "report/summary.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "engine/engine.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"
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

// Summaries that add up: on a generated world of two ICOs and two control practices, each ICO's
// summary is its own practices' rows of the whole workspace's, and the two ICOs' and the control
// practices' summaries together are the whole workspace's, figure by figure.
TEST(SummaryByIco, IcosAndControlPracticesAddUpToTheWorkspace) {
  auto generated = GenerateAndLoad(TestFolder("summary_by_ico"), {.patients = 2500,
                                                                  .practices = 2,
                                                                  .icos = 2,
                                                                  .control_practices = 2,
                                                                  .years = 2,
                                                                  .seed = 31});
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  const Population& p = (*generated)->population();
  const Summary pooled = Summarise(p, p.events.cost);
  std::vector<Summary> parts;
  for (const char* id : {"ZICO1", "ZICO2"}) {
    auto scope = IcoScopeOf(p, id, "test");
    ASSERT_TRUE(scope.ok()) << scope.status().message();
    parts.push_back(Summarise(p, p.events.cost, &*scope));
    EXPECT_EQ(parts.back().ico_id, id);
    EXPECT_EQ(parts.back().as_at, pooled.as_at);
    ASSERT_EQ(parts.back().years.size(), pooled.years.size());
    // Its practices' rows, exactly as the whole workspace's summary shows them.
    for (const PracticeSummary& row : parts.back().practices) {
      EXPECT_EQ(row.parent_id, id);
      const auto same = std::find_if(pooled.practices.begin(), pooled.practices.end(),
                                     [&](const PracticeSummary& r) { return r.id == row.id; });
      ASSERT_NE(same, pooled.practices.end());
      EXPECT_EQ(row.list_size, same->list_size);
      EXPECT_EQ(row.aged_65_plus, same->aged_65_plus);
      EXPECT_EQ(row.gps, same->gps);
    }
    EXPECT_EQ(parts.back().practices.size(), 2u);
  }
  // The control practices, as a scope of their own under the commissioner.
  IcoScope controls{.ico = p.organisations.ids.Find("ZQ1"),
                    .member = std::vector<uint8_t>(p.organisations.size(), 0)};
  ASSERT_NE(controls.ico, Dictionary::kMissing);
  for (const PracticeSummary& row : pooled.practices) {
    if (!row.member) controls.member[p.organisations.ids.Find(row.id)] = 1;
  }
  parts.push_back(Summarise(p, p.events.cost, &controls));

  Summary sum;
  sum.age_bands = pooled.age_bands;
  for (AgeBandCount& band : sum.age_bands) band.female = band.male = 0;
  sum.years = pooled.years;
  for (YearSummary& year : sum.years) year = {.label = year.label};
  for (const Summary& part : parts) {
    sum.registered += part.registered;
    sum.events += part.events;
    for (size_t b = 0; b < sum.age_bands.size(); ++b) {
      sum.age_bands[b].female += part.age_bands[b].female;
      sum.age_bands[b].male += part.age_bands[b].male;
    }
    for (size_t y = 0; y < sum.years.size(); ++y) {
      const YearSummary& from = part.years[y];
      YearSummary& to = sum.years[y];
      to.person_years += from.person_years;
      to.deaths += from.deaths;
      for (size_t k = 0; k < to.joined.size(); ++k) to.joined[k] += from.joined[k];
      for (size_t k = 0; k < to.left.size(); ++k) to.left[k] += from.left[k];
      for (size_t k = 0; k < to.settings.size(); ++k) {
        to.settings[k].events += from.settings[k].events;
        to.settings[k].cost += from.settings[k].cost;
        to.settings[k].uncosted += from.settings[k].uncosted;
      }
    }
  }
  ASSERT_GT(pooled.registered, 0);
  EXPECT_EQ(sum.registered, pooled.registered);
  EXPECT_EQ(sum.events, pooled.events);
  for (size_t b = 0; b < sum.age_bands.size(); ++b) {
    EXPECT_EQ(sum.age_bands[b].female, pooled.age_bands[b].female) << sum.age_bands[b].band;
    EXPECT_EQ(sum.age_bands[b].male, pooled.age_bands[b].male) << sum.age_bands[b].band;
  }
  for (size_t y = 0; y < sum.years.size(); ++y) {
    const YearSummary& got = sum.years[y];
    const YearSummary& want = pooled.years[y];
    EXPECT_NEAR(got.person_years, want.person_years, 1e-6) << want.label;
    EXPECT_EQ(got.deaths, want.deaths) << want.label;
    EXPECT_EQ(got.joined, want.joined) << want.label;
    EXPECT_EQ(got.left, want.left) << want.label;
    for (size_t k = 0; k < got.settings.size(); ++k) {
      EXPECT_EQ(got.settings[k].events, want.settings[k].events) << want.label;
      EXPECT_EQ(got.settings[k].cost, want.settings[k].cost) << want.label;
      EXPECT_EQ(got.settings[k].uncosted, want.settings[k].uncosted) << want.label;
    }
  }
}

}  // namespace
}  // namespace continuum
