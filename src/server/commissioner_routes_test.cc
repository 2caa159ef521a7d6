// The commissioner's oversight on the server: a programme of three ICOs under two commissioners
// (ZQ1 contracts ZICO1 and ZICO2, ZQ2 contracts ZICO3). Each commissioner's analyst oversees
// only their own, the evaluator every one, no one else any; every count is shown under
// disclosure control while the assessment (segments, bands, alerts) is the exact report's.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <fstream>
#include <sstream>
#include <thread>

#include "core/date.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "report/oversight.h"
#include "report/oversight_render.h"
#include "server/scope.h"
#include "server/test_client.h"
#include "store/accounts.h"
#include "store/saved_files.h"
#include "store/voice.h"

namespace continuum {
namespace {

constexpr std::string_view kPassword = "correct horse battery staple";

struct Programme {
  std::unique_ptr<GeneratedIco> data;
  std::unique_ptr<Api> api;
  std::string contract_text;
};

Programme& Shared() {
  static Programme* programme = [] {
    auto* p = new Programme;
    auto generated = GenerateAndLoad(TestFolder("oversight-routes"), {.patients = 3000,
                                                                      .practices = 2,
                                                                      .icos = 3,
                                                                      .commissioners = 2,
                                                                      .control_practices = 1,
                                                                      .years = 2,
                                                                      .seed = 33});
    EXPECT_TRUE(generated.ok()) << generated.status().message();
    p->data = std::move(*generated);
    Workspace& w = *p->data->workspace;
    std::ifstream in(std::string(CONTINUUM_SOURCE_DIR) + "/data/contracts/nelson_vale.json");
    std::stringstream text;
    text << in.rdbuf();
    p->contract_text = text.str();
    EXPECT_TRUE(SavedFiles(w)
                    .Add({.kind = SavedKind::kContract,
                          .ico = "ZICO1",
                          .year = 2024,
                          .file_name = "nelson_vale.json",
                          .text = p->contract_text,
                          .added_by = "test"})
                    .ok());
    Accounts accounts(w);
    EXPECT_TRUE(accounts.AddUser("analyst1", Role::kCommissioner, "ZQ1", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("analyst2", Role::kCommissioner, "ZQ2", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("evaluator", Role::kEvaluator, "", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("board", Role::kBoard, "ZICO1", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("admin", Role::kAdministrator, "", kPassword).ok());
    auto api = Api::Create(p->data->population(), w, {.voice_watch_seconds = 0});
    EXPECT_TRUE(api.ok()) << api.status().message();
    p->api = std::move(*api);
    return p;
  }();
  return *programme;
}

std::vector<std::string> Ids(const nlohmann::json& list) {
  std::vector<std::string> out;
  for (const nlohmann::json& item : list) out.push_back(item["id"]);
  return out;
}

TEST(CommissionerRoutes, EachUserListsTheCommissionersTheyOversee) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::Answer one =
      client.Get(client.SignIn("analyst1", kPassword), "/api/commissioners");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Ids(one.body["commissioners"]), std::vector<std::string>{"ZQ1"});
  EXPECT_EQ(one.body["commissioners"][0]["icos"], nlohmann::json({"ZICO1", "ZICO2"}));
  const TestClient::Answer all =
      client.Get(client.SignIn("evaluator", kPassword), "/api/commissioners");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(Ids(all.body["commissioners"]), (std::vector<std::string>{"ZQ1", "ZQ2"}));
  EXPECT_EQ(all.body["commissioners"][1]["icos"], nlohmann::json({"ZICO3"}));
  for (const char* user : {"board", "admin"}) {
    EXPECT_EQ(client.Get(client.SignIn(user, kPassword), "/api/commissioners").status, 403) << user;
  }
}

// Another commissioner's oversight, one that does not exist and one that is an ICO are refused
// alike; a board member and an administrator get none.
TEST(CommissionerRoutes, OversightOutsideTheUsersScopeIsRefused) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::User analyst2 = client.SignIn("analyst2", kPassword);
  for (const char* other : {"ZQ1", "ZQ9", "ZICO3"}) {
    for (const char* route : {"/oversight", "/oversight.csv", "/selection"}) {
      const TestClient::Answer a =
          client.Get(analyst2, std::string("/api/commissioners/") + other + route);
      EXPECT_EQ(a.status, 403) << other << route;
      EXPECT_NE(a.body["error"]["message"].get<std::string>().find("may oversee"),
                std::string::npos);
    }
  }
  for (const char* user : {"board", "admin"}) {
    EXPECT_EQ(client.Get(client.SignIn(user, kPassword), "/api/commissioners/ZQ1/oversight").status,
              403)
        << user;
  }
  const TestClient::User evaluator = client.SignIn("evaluator", kPassword);
  EXPECT_EQ(client.Get(evaluator, "/api/commissioners/ZQ2/oversight").status, 200);
  EXPECT_EQ(client.Get(analyst2, "/api/commissioners/ZQ2/oversight?month=2024-13").status, 400);
  EXPECT_EQ(client.Get(analyst2, "/api/commissioners/ZQ2/oversight?month=1999-01").status, 400);
}

// Every count the JSON shows is withheld (null) or a multiple of 5 within 2 of the exact count,
// never 1 to 7; the assessment is the exact report's.
TEST(CommissionerRoutes, OversightCountsAreControlledAndTheAssessmentIsExact) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::Answer shown =
      client.Get(client.SignIn("analyst1", kPassword), "/api/commissioners/ZQ1/oversight");
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.body["disclosure"], "controlled");
  EXPECT_EQ(Ids(shown.body["icos"]), (std::vector<std::string>{"ZICO1", "ZICO2"}));
  EXPECT_TRUE(shown.body["data_months"].contains("from"));

  Result<SegmentationRules> rules = ShippedSegmentationRules();
  ASSERT_TRUE(rules.ok());
  OversightOptions options{
      .commissioner = "ZQ1", .contracts = {{"nelson_vale.json", p.contract_text}}, .rules = *rules};
  Result<std::vector<VoiceResponse>> responses = VoiceStore(*p.data->workspace).All();
  ASSERT_TRUE(responses.ok());
  options.responses = *responses;
  Result<Oversight> exact = RunOversight(p.data->population(), options);
  ASSERT_TRUE(exact.ok()) << exact.status().message();

  int withheld = 0, compared = 0;
  auto check = [&](const nlohmann::json& count, double truth, const std::string& what) {
    if (count.is_null()) {
      ++withheld;
      return;
    }
    ++compared;
    const double c = count.get<double>();
    EXPECT_EQ(std::fmod(c, 5.0), 0.0) << what << " " << c;
    // Person-years (a rate's denominator) round from a fraction: within 2.5.
    EXPECT_LE(std::abs(c - truth), truth == std::floor(truth) ? 2.0 : 2.5) << what;
    EXPECT_FALSE(truth >= 1 && truth <= 7) << what << " shows a count of " << truth;
  };
  ASSERT_EQ(shown.body["icos"].size(), exact->icos.size());
  bool finance = false;
  for (size_t i = 0; i < exact->icos.size(); ++i) {
    const IcoOversight& e = exact->icos[i];
    const nlohmann::json& s = shown.body["icos"][i];
    ASSERT_EQ(s["months"].size(), e.months.size());
    for (size_t k = 0; k < e.months.size(); ++k) {
      const OversightMonth& em = e.months[k];
      const nlohmann::json& sm = s["months"][k];
      const std::string where = e.id + " " + FormatMonth(em.month);
      check(sm["registered"], static_cast<double>(em.registered), where + " registered");
      check(sm["turnover_month"]["joined"], static_cast<double>(em.joined_month),
            where + " joined");
      check(sm["turnover_month"]["left"], static_cast<double>(em.left_month), where + " left");
      check(sm["turnover_year_to_date"]["left"], static_cast<double>(em.left_year),
            where + " left in the year");
      EXPECT_FALSE(sm["turnover_month"].contains("left_by")) << where;
      for (size_t q = 0; q < em.quality.size(); ++q) {
        check(sm["quality"][q]["numerator"], em.quality[q].numerator,
              where + " " + em.quality[q].indicator + " numerator");
        check(sm["quality"][q]["denominator"], em.quality[q].denominator,
              where + " " + em.quality[q].indicator + " denominator");
        if (sm["quality"][q]["numerator"].is_null() || sm["quality"][q]["denominator"].is_null()) {
          EXPECT_TRUE(sm["quality"][q]["value"].is_null()) << where;
        }
      }
      // The assessment: the exact report's segment, band and alerts.
      EXPECT_EQ(sm["segment"]["segment"].is_null() ? 0 : sm["segment"]["segment"].get<int>(),
                em.segment.segment)
          << where;
      EXPECT_EQ(sm["alerts"].size(), em.alerts.size()) << where;
      if (em.finance) {
        finance = true;
        EXPECT_EQ(sm["finance"]["band"]["label"], em.finance->band.label) << where;
        EXPECT_EQ(sm["finance"]["forecast_pence"], em.finance->forecast) << where;
      }
    }
  }
  EXPECT_TRUE(finance) << "ZICO1's stored contract should give it finance";
  EXPECT_GT(compared, 100);
  EXPECT_GT(withheld, 0) << "a generated programme of this size has small counts to withhold";
}

TEST(CommissionerRoutes, TheCsvDownloadsWithItsColumnsAndTheSameAnswerTwice) {
  Programme& p = Shared();
  const TestClient::User analyst = TestClient(*p.api).SignIn("analyst1", kPassword);
  HttpRequest r = TestRequest("GET", "/api/commissioners/ZQ1/oversight.csv?month=2024-09");
  r.headers.emplace("cookie", analyst.cookie);
  const HttpResponse csv = p.api->Handle(r);
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.content_type, "text/csv; charset=utf-8");
  bool disposition = false;
  for (const auto& [name, value] : csv.headers)
    disposition |= name == "Content-Disposition" &&
                   value == "attachment; filename=\"oversight-ZQ1-2024-09.csv\"";
  EXPECT_TRUE(disposition);
  const std::string& body = *csv.body;
  EXPECT_EQ(body.substr(0, body.find('\n')), kOversightCsvColumns);
  EXPECT_NE(body.find("\nZICO2,2024-09,list_size,"), std::string::npos);
  EXPECT_EQ(body.find("\nZICO3,"), std::string::npos);
  EXPECT_EQ(*p.api->Handle(r).body, body);
}

// A contract version added beside the server (continuum contract add) is what the ICO's finance
// pages and the oversight report on within the watch's interval, without a restart.
TEST(CommissionerRoutes, ANewContractVersionIsServedWithoutARestart) {
  Programme& p = Shared();
  const std::string path = p.data->workspace->path();
  auto api = Api::Create(p.data->population(), *p.data->workspace, {.voice_watch_seconds = 1});
  ASSERT_TRUE(api.ok()) << api.status().message();
  TestClient client(**api);
  const TestClient::User analyst = client.SignIn("analyst1", kPassword);
  auto budget = [&] {
    const TestClient::Answer a = client.Get(analyst, "/api/icos/ZICO1/finance/settlement");
    return a.status == 200 ? a.body.dump() : std::string();
  };
  auto oversight_budget = [&] {
    const TestClient::Answer a = client.Get(analyst, "/api/commissioners/ZQ1/oversight");
    return a.body["icos"][0]["months"].back()["finance"]["budget_pence"];
  };
  const std::string before = budget();
  ASSERT_FALSE(before.empty());
  const nlohmann::json oversight_before = oversight_budget();
  // Version 2 of ZICO1's 2024-25 contract: a higher capitation.
  std::string text = p.contract_text;
  const size_t at = text.find("\"capitation_per_head\"");
  ASSERT_NE(at, std::string::npos);
  const size_t value = text.find(':', at) + 1, end = text.find_first_of(",}", value);
  text.replace(value, end - value, " 2000.00");
  {
    auto beside = Workspace::Open(path, Workspace::kMustExist);
    ASSERT_TRUE(beside.ok()) << beside.status().message();
    ASSERT_TRUE(SavedFiles(**beside)
                    .Add({.kind = SavedKind::kContract,
                          .ico = "ZICO1",
                          .year = 2024,
                          .file_name = "nelson_vale_v2.json",
                          .text = text,
                          .added_by = "test"})
                    .ok());
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (budget() == before && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_NE(budget(), before);
  EXPECT_NE(oversight_budget(), oversight_before);
  api->reset();
}

// The month that closes the year's data shows the year to date the commissioner's comparison
// shows: each ICO's quality counts there are the comparison's, withheld alike, so that neither
// answer completes the other.
TEST(CommissionerRoutes, TheOversightsYearShowsTheComparisonsCounts) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::User analyst = client.SignIn("analyst1", kPassword);
  const TestClient::Answer oversight = client.Get(analyst, "/api/commissioners/ZQ1/oversight");
  ASSERT_EQ(oversight.status, 200);
  EXPECT_EQ(oversight.body["month"], oversight.body["data_months"]["to"]);
  const TestClient::Answer comparison = client.Get(analyst, "/api/icos/ZICO1/comparison");
  ASSERT_EQ(comparison.status, 200);
  const nlohmann::json& indicators = comparison.body["quality"]["indicators"];
  int compared = 0;
  for (const nlohmann::json& ico : oversight.body["icos"]) {
    const nlohmann::json& last = ico["months"].back();
    ASSERT_EQ(last["month"], oversight.body["month"]);
    for (const nlohmann::json& q : last["quality"]) {
      for (const nlohmann::json& i : indicators) {
        if (i["id"] != q["indicator"]) continue;
        for (const nlohmann::json& unit : i["practices"]) {
          if (unit["id"] != ico["id"]) continue;
          EXPECT_EQ(q["numerator"], unit["numerator"]) << ico["id"] << " " << q["indicator"];
          EXPECT_EQ(q["denominator"], unit["denominator"]) << ico["id"] << " " << q["indicator"];
          ++compared;
        }
      }
    }
  }
  EXPECT_GT(compared, 20);
}

}  // namespace
}  // namespace continuum
