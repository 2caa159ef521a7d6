// The Evaluation page's routes on a programme of three ICOs of two practices each under two
// commissioners (ZQ1 contracts ZICO1 and ZICO2, ZQ2 contracts ZICO3), with three analysis plans
// stored in the workspace: ZQ1's pilots, ZQ2's pilot, and one over ZICO1 and ZICO3. An evaluator
// opens every plan, a commissioner's analyst only a plan whose every pilot they contract, no one
// else any; the evaluation is the command line's, under disclosure control, audited; and an
// analyst who fetches everything their role may cannot take a count or a pilot's practices apart.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

#include "evaluation/plan_evaluation.h"
#include "evaluation/plan_text.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "report/plan_evaluation_disclosure.h"
#include "report/plan_evaluation_render.h"
#include "server/test_client.h"
#include "store/accounts.h"
#include "store/saved_files.h"

namespace continuum {
namespace {

using nlohmann::json;

constexpr std::string_view kPassword = "correct horse battery staple";

std::string PlanJson(const std::string& name, const std::string& pilots) {
  return R"({"name": ")" + name + R"(", "pilots": [)" + pilots +
         R"(], "periods": {"from": "2022-04-01", "to": "2025-03-31"},
         "comparison": {"caliper": 10, "matches": 2},
         "outcomes": ["emergency_admissions", "cost_per_head", "ae_attendances"],
         "estimator": {"replicates": 199}})";
}

struct Programme {
  std::unique_ptr<GeneratedIco> data;
  std::unique_ptr<Api> api;
  std::map<std::string, int64_t> plan_ids;  // by name
};

Programme& Shared() {
  static Programme* programme = [] {
    auto* p = new Programme;
    auto generated = GenerateAndLoad(TestFolder("evaluation-routes"), {.patients = 9000,
                                                                       .practices = 2,
                                                                       .icos = 3,
                                                                       .commissioners = 2,
                                                                       .control_practices = 4,
                                                                       .years = 3,
                                                                       .seed = 33});
    EXPECT_TRUE(generated.ok()) << generated.status().message();
    p->data = std::move(*generated);
    Workspace& w = *p->data->workspace;
    const std::pair<std::string, std::string> plans[] = {
        {"ZQ1 pilots", R"({"ico": "ZICO1", "start": "2023-04-01"},
                          {"ico": "ZICO2", "start": "2023-07-01"})"},
        {"ZQ2 pilot", R"({"ico": "ZICO3", "start": "2023-04-01"})"},
        {"Across commissioners", R"({"ico": "ZICO1", "start": "2023-04-01"},
                                    {"ico": "ZICO3", "start": "2023-04-01"})"}};
    for (const auto& [name, pilots] : plans) {
      Result<SavedFile> added = SavedFiles(w).Add({.kind = SavedKind::kPlan,
                                                   .name = name,
                                                   .file_name = "plan.json",
                                                   .text = PlanJson(name, pilots),
                                                   .added_by = "test"});
      EXPECT_TRUE(added.ok()) << added.status().message();
      p->plan_ids[name] = added->id;
    }
    Accounts accounts(w);
    EXPECT_TRUE(accounts.AddUser("analyst1", Role::kCommissioner, "ZQ1", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("analyst2", Role::kCommissioner, "ZQ2", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("evaluator", Role::kEvaluator, "", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("board", Role::kBoard, "ZICO1", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("lead", Role::kClinicalLead, "ZICO1", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("admin", Role::kAdministrator, "", kPassword).ok());
    auto api = Api::Create(p->data->population(), w, {.voice_watch_seconds = 0});
    EXPECT_TRUE(api.ok()) << api.status().message();
    p->api = std::move(*api);
    return p;
  }();
  return *programme;
}

std::string PlanPath(const std::string& name) {
  return "/api/evaluations/" + std::to_string(Shared().plan_ids.at(name));
}

std::vector<std::string> Names(const json& plans) {
  std::vector<std::string> out;
  for (const json& plan : plans) out.push_back(plan["name"]);
  return out;
}

TEST(EvaluationRoutes, EachUserListsThePlansWhosePilotsTheyMaySee) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::Answer one =
      client.Get(client.SignIn("analyst1", kPassword), "/api/evaluations");
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(Names(one.body["plans"]), std::vector<std::string>{"ZQ1 pilots"});
  EXPECT_EQ(one.body["plans"][0]["pilots"], json({"ZICO1", "ZICO2"}));
  const TestClient::Answer two =
      client.Get(client.SignIn("analyst2", kPassword), "/api/evaluations");
  EXPECT_EQ(Names(two.body["plans"]), std::vector<std::string>{"ZQ2 pilot"});
  const TestClient::Answer all =
      client.Get(client.SignIn("evaluator", kPassword), "/api/evaluations");
  EXPECT_EQ(Names(all.body["plans"]).size(), 3u);
  for (const char* user : {"board", "lead", "admin"}) {
    EXPECT_EQ(client.Get(client.SignIn(user, kPassword), "/api/evaluations").status, 403) << user;
  }
}

// Another commissioner's plan, a plan with one pilot of another's, a plan that does not exist and
// one that is not a number are refused alike; other roles get none; without a session, 401.
TEST(EvaluationRoutes, APlanOutsideTheUsersScopeIsRefusedLikeOneThatDoesNotExist) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::User analyst2 = client.SignIn("analyst2", kPassword);
  for (const std::string& path :
       {PlanPath("ZQ1 pilots"), PlanPath("Across commissioners"),
        std::string("/api/evaluations/9999"), std::string("/api/evaluations/ZQ1")}) {
    const TestClient::Answer a = client.Get(analyst2, path);
    EXPECT_EQ(a.status, 403) << path;
    EXPECT_NE(a.body["error"]["message"].get<std::string>().find("is not among those analyst2"),
              std::string::npos)
        << a.body.dump();
  }
  for (const char* user : {"board", "lead", "admin"}) {
    EXPECT_EQ(client.Get(client.SignIn(user, kPassword), PlanPath("ZQ1 pilots")).status, 403)
        << user;
  }
  EXPECT_EQ(client.Send(TestRequest("GET", PlanPath("ZQ1 pilots"))).status, 401);
}

// The answer is EvaluatePlan's, rendered by the command line's renderer after disclosure
// control; each access is audited; the second is the one kept.
TEST(EvaluationRoutes, TheEvaluationIsTheCommandLinesUnderDisclosureControlAndAudited) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::User evaluator = client.SignIn("evaluator", kPassword);
  const TestClient::Answer a = client.Get(evaluator, PlanPath("Across commissioners"));
  ASSERT_EQ(a.status, 200) << a.body.dump();
  Result<PlanText> read =
      ReadPlanText({"plan.json", PlanJson("Across commissioners",
                                          R"({"ico": "ZICO1", "start": "2023-04-01"},
                                    {"ico": "ZICO3", "start": "2023-04-01"})")});
  ASSERT_TRUE(read.ok()) << read.status().message();
  const Population& population = p.data->population();
  Result<PlanEvaluation> exact = EvaluatePlan(population, read->plan, *read->catalogue);
  ASSERT_TRUE(exact.ok()) << exact.status().message();
  const json want = json::parse(
      RenderPlanEvaluation(ControlPlanEvaluation(*exact, population), OutputFormat::kJson));
  EXPECT_EQ(a.body, want);
  // Each estimate is the exact one to 4 significant figures.
  for (size_t k = 0; k < exact->outcomes.size(); ++k) {
    if (!exact->outcomes[k].not_estimated.empty()) continue;
    const double e = exact->outcomes[k].programme.estimate;
    EXPECT_DOUBLE_EQ(a.body["outcomes"][k]["programme"]["estimate"].get<double>(),
                     RoundSignificant(e, 4));
  }
  EXPECT_EQ(client.Get(evaluator, PlanPath("Across commissioners")).body, a.body);
  const TestClient::Answer audit = client.Get(client.SignIn("admin", kPassword), "/api/audit");
  int accesses = 0;
  for (const json& e : audit.body["entries"]) {
    if (e["endpoint"] == "GET " + PlanPath("Across commissioners")) {
      ++accesses;
      EXPECT_EQ(e["username"], "evaluator");
      EXPECT_NE(e["detail"].get<std::string>().find("Across commissioners"), std::string::npos);
    }
  }
  EXPECT_EQ(accesses, 2);
}

// The attacker: ZQ1's analyst fetches every answer their role may (their plan's evaluation, each
// of their ICOs' overview, quality and comparison, their oversight) and tries to take a count of
// patients or one pilot's practices apart from the rest.
TEST(EvaluationRoutes, AnAnalystCombiningEveryAnswerLearnsNoCountNorAPilotAlone) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::User analyst = client.SignIn("analyst1", kPassword);
  std::map<std::string, json> answers;
  answers["evaluation"] = client.Get(analyst, PlanPath("ZQ1 pilots")).body;
  for (const char* ico : {"ZICO1", "ZICO2"})
    for (const char* answer : {"overview", "quality", "comparison"})
      answers[std::string(ico) + answer] =
          client.Get(analyst, std::string("/api/icos/") + ico + "/" + answer).body;
  answers["oversight"] = client.Get(analyst, "/api/commissioners/ZQ1/oversight").body;
  const json& e = answers["evaluation"];
  ASSERT_TRUE(e.contains("balance")) << e.dump();

  // Nothing of the other commissioner's pilot, nor its practices, is in any answer.
  std::set<std::string> zico3_practices;
  const OrganisationColumns& o = p.data->population().organisations;
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (o.parent[org] == o.ids.Find("ZICO3")) zico3_practices.emplace(o.ids.Value(org));
  }
  for (const auto& [what, body] : answers) {
    const std::string text = body.dump();
    EXPECT_EQ(text.find("ZICO3"), std::string::npos) << what;
    for (const std::string& practice : zico3_practices)
      EXPECT_EQ(text.find("\"" + practice + "\""), std::string::npos) << what << " " << practice;
  }

  // A mean list size times the practices it is over is no exact count: the mean is a multiple
  // of 5, so the pilots' total could be any of 5 × (practices) counts.
  const double pilots = e["comparison"]["pilot_practices"].size();
  ASSERT_EQ(pilots, 4);
  double list_size = 0, aged = 0;
  for (const json& row : e["balance"]) {
    if (row["variable"] == "list_size") {
      for (const char* mean : {"pilot_mean", "pool_mean", "matched_pilot_mean", "matched_mean"})
        EXPECT_EQ(std::fmod(row[mean].get<double>(), 5.0), 0.0) << mean;
      list_size = row["pilot_mean"];
    }
    if (row["variable"] == "aged_65_plus") aged = row["pilot_mean"];
  }
  ASSERT_GT(list_size, 0);
  ASSERT_GT(aged, 0);
  // The share aged 65 and over times the list size: every pair of a total list (within its
  // rounding) and a count of the elderly whose share rounds to the one shown. The count must be
  // left able to take at least 3 values.
  const double total_low = pilots * (list_size - 2.5), total_high = pilots * (list_size + 2.5);
  const double half = 0.5 * std::pow(10.0, std::floor(std::log10(aged)) - 2);  // 3 figures
  std::set<int64_t> elderly;
  for (int64_t n = std::ceil(total_low); n <= std::floor(total_high); ++n) {
    for (int64_t c = std::floor((aged - half) * n); c <= std::ceil((aged + half) * n); ++c) {
      if (std::fabs(double(c) / n - aged) <= half) elderly.insert(c);
    }
  }
  EXPECT_GE(elderly.size(), 3u);

  // A pilot of two practices is never shown alone, neither by itself nor as what is left when
  // the other is left out: differencing the programme against it would tell one pilot's
  // practices apart.
  for (const json& outcome : e["outcomes"]) {
    if (outcome.contains("not_estimated")) continue;
    EXPECT_FALSE(outcome["programme"]["estimate"].is_null()) << outcome["outcome"];
    for (const char* rows : {"pilots", "leave_one_pilot_out"}) {
      ASSERT_EQ(outcome[rows].size(), 2u) << rows;
      for (const json& row : outcome[rows]) {
        for (const char* figure : {"estimate", "std_error", "ci_low", "ci_high"})
          EXPECT_TRUE(row[figure].is_null()) << outcome["outcome"] << " " << rows << " " << figure;
      }
    }
    // Figures carry 4 significant figures at most, so none multiplies back into a count.
    for (const char* figure : {"estimate", "ci_low", "ci_high"}) {
      const double x = outcome["programme"][figure];
      EXPECT_DOUBLE_EQ(x, RoundSignificant(x, 4)) << figure;
    }
  }
}

}  // namespace
}  // namespace continuum
