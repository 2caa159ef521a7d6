// The commissioner's oversight on the server: a programme of three ICOs under two commissioners
// (ZQ1 contracts ZICO1 and ZICO2, ZQ2 contracts ZICO3). Each commissioner's analyst oversees
// only their own, the evaluator every one, no one else any; every count is shown under
// disclosure control while the assessment (segments, bands, alerts) is the exact report's.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>

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
    auto generated = GenerateAndLoad(TestFolder("oversight-routes"),
                                     {.patients = 3000, .practices = 2, .icos = 3,
                                      .commissioners = 2, .control_practices = 1, .years = 2,
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
  const TestClient::Answer one = client.Get(client.SignIn("analyst1", kPassword),
                                            "/api/commissioners");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Ids(one.body["commissioners"]), std::vector<std::string>{"ZQ1"});
  EXPECT_EQ(one.body["commissioners"][0]["icos"], nlohmann::json({"ZICO1", "ZICO2"}));
  const TestClient::Answer all = client.Get(client.SignIn("evaluator", kPassword),
                                            "/api/commissioners");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(Ids(all.body["commissioners"]), (std::vector<std::string>{"ZQ1", "ZQ2"}));
  EXPECT_EQ(all.body["commissioners"][1]["icos"], nlohmann::json({"ZICO3"}));
  for (const char* user : {"board", "admin"}) {
    EXPECT_EQ(client.Get(client.SignIn(user, kPassword), "/api/commissioners").status, 403)
        << user;
  }
}

// Another commissioner's oversight, one that does not exist and one that is an ICO are refused
// alike; a board member and an administrator get none.
TEST(CommissionerRoutes, OversightOutsideTheUsersScopeIsRefused) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::User analyst2 = client.SignIn("analyst2", kPassword);
  for (const char* other : {"ZQ1", "ZQ9", "ZICO3"}) {
    for (const char* route : {"/oversight", "/oversight.csv"}) {
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
  OversightOptions options{.commissioner = "ZQ1",
                           .contracts = {{"nelson_vale.json", p.contract_text}},
                           .rules = *rules};
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
      check(sm["turnover_month"]["joined"], static_cast<double>(em.joined_month), where + " joined");
      check(sm["turnover_month"]["left"], static_cast<double>(em.left_month), where + " left");
      check(sm["turnover_year_to_date"]["left"], static_cast<double>(em.left_year),
            where + " left in the year");
      EXPECT_FALSE(sm["turnover_month"].contains("left_by")) << where;
      for (size_t q = 0; q < em.quality.size(); ++q) {
        check(sm["quality"][q]["numerator"], em.quality[q].numerator,
              where + " " + em.quality[q].indicator + " numerator");
        check(sm["quality"][q]["denominator"], em.quality[q].denominator,
              where + " " + em.quality[q].indicator + " denominator");
        if (sm["quality"][q]["numerator"].is_null() || sm["quality"][q]["denominator"].is_null())
          EXPECT_TRUE(sm["quality"][q]["value"].is_null()) << where;
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

}  // namespace
}  // namespace continuum
