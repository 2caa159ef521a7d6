// The Evaluation page's routes on a programme of three ICOs of two practices each under two
// commissioners (ZQ1 contracts ZICO1 and ZICO2, ZQ2 contracts ZICO3), with three analysis plans
// stored in the workspace: ZQ1's pilots, ZQ2's pilot, and one over ZICO1 and ZICO3, each with a
// case-management analysis on one finding day. An evaluator opens every plan, a commissioner's
// analyst only a plan whose every pilot they contract, no one else any; the evaluation is the
// command line's, under disclosure control, audited; an analyst who fetches everything their role
// may cannot take a count or a pilot's practices apart; and an evaluator who sets the three plans'
// case-management figures against each other learns no ICO's small count of patients.
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
         "estimator": {"replicates": 199},
         "case_management": {"found_on": "2024-04-01"}})";
}

// Each plan's name and pilots.
const std::pair<std::string, std::string> kPlans[] = {
    {"ZQ1 pilots", R"({"ico": "ZICO1", "start": "2023-04-01"},
                      {"ico": "ZICO2", "start": "2023-07-01"})"},
    {"ZQ2 pilot", R"({"ico": "ZICO3", "start": "2023-04-01"})"},
    {"Across commissioners", R"({"ico": "ZICO1", "start": "2023-04-01"},
                                {"ico": "ZICO3", "start": "2023-04-01"})"}};

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
    for (const auto& [name, pilots] : kPlans) {
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

// The plan named `name` evaluated exactly, as the command line does before disclosure control,
// once; with the catalogue its outcomes point into.
struct ExactPlan {
  PlanText text;
  PlanEvaluation evaluation;
};

const PlanEvaluation& Exact(const std::string& name) {
  static std::map<std::string, std::unique_ptr<ExactPlan>> done;
  std::unique_ptr<ExactPlan>& exact = done[name];
  if (exact) return exact->evaluation;
  exact = std::make_unique<ExactPlan>();
  for (const auto& [plan, pilots] : kPlans) {
    if (plan != name) continue;
    Result<PlanText> read = ReadPlanText({"plan.json", PlanJson(name, pilots)});
    if (!read.ok()) break;
    exact->text = std::move(*read);
    Result<PlanEvaluation> e =
        EvaluatePlan(Shared().data->population(), exact->text.plan, *exact->text.catalogue);
    if (e.ok()) exact->evaluation = std::move(*e);
    EXPECT_TRUE(e.ok()) << e.status().message();
    return exact->evaluation;
  }
  ADD_FAILURE() << "no plan " << name << " that reads";
  return exact->evaluation;
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
  const Population& population = p.data->population();
  const PlanEvaluation& exact = Exact("Across commissioners");
  const json want = json::parse(
      RenderPlanEvaluation(ControlPlanEvaluation(exact, population), OutputFormat::kJson));
  EXPECT_EQ(a.body, want);
  // Each estimate is the exact one to 4 significant figures.
  for (size_t k = 0; k < exact.outcomes.size(); ++k) {
    if (!exact.outcomes[k].not_estimated.empty()) continue;
    const double e = exact.outcomes[k].programme.estimate;
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

// What one plan's answer shows of its cases: their number (a multiple of 5) and each share the
// balance gives of them (men, each count of emergency admissions in the year the rule looked
// at), to 3 significant figures, or nothing where withheld.
struct SeenCases {
  int size = 0;
  std::map<std::string, std::optional<double>> shares;
};

bool IsShare(const std::string& variable) {
  return variable == "male" || variable.starts_with("emergency admissions in");
}

SeenCases SeenIn(const json& answer) {
  const json& cm = answer["case_management"];
  SeenCases seen{.size = cm["cases"].get<int>()};
  for (const json& row : cm["balance"]) {
    if (!IsShare(row["variable"])) continue;
    seen.shares[row["variable"]] = row["cases_mean"].is_null()
                                       ? std::nullopt
                                       : std::optional<double>(row["cases_mean"].get<double>());
  }
  return seen;
}

// What a publication with no withholding would show: sizes to 5, every share to 3 figures.
SeenCases SeenWithoutWithholding(const CaseManagementEvaluation& exact) {
  SeenCases seen{.size = static_cast<int>(std::round(exact.cases / 5.0) * 5)};
  for (const BalanceRow& row : exact.balance)
    if (IsShare(row.variable)) seen.shares[row.variable] = RoundSignificant(row.treated_mean, 3);
  return seen;
}

// The counts of patients among `n` a share could stand for: those whose share rounds to the one
// shown; withheld, 1 to 7 of them or all but 1 to 7.
std::vector<int> CountsBehind(const std::optional<double>& shown, int n) {
  std::vector<int> out;
  for (int c = 0; c <= n; ++c) {
    bool fits = false;
    if (!shown) {
      fits = (c >= 1 && c <= 7) || (n - c >= 1 && n - c <= 7);
    } else if (*shown == 0) {
      fits = c == 0;
    } else {
      const double half = 0.5 * std::pow(10.0, std::floor(std::log10(*shown)) - 2);
      fits = std::fabs(double(c) / n - *shown) <= half * (1 + 1e-9);
    }
    if (fits) out.push_back(c);
  }
  return out;
}

// Each ICO's counts as the attacker narrows them: its cases, and per share the patients with the
// characteristic and those without.
struct Narrowed {
  std::set<int> cases;
  std::map<std::string, std::set<int>> with, without;
};

// The three plans' ICOs: ZQ1's {ZICO1, ZICO2}, ZQ2's {ZICO3}, across {ZICO1, ZICO3}. Every
// choice of the ICOs' case counts that each plan's rounded size allows, and within it every
// choice of each share's counts that all three plans' shares allow, is kept; a choice of case
// counts some share cannot be met with is ruled out. (The counts of admissions also sum, with
// the unshown count of exactly the rule's minimum, to the cases: a bound from above only.)
std::array<Narrowed, 3> Narrow(const SeenCases& zq1, const SeenCases& zq2,
                               const SeenCases& across) {
  std::array<Narrowed, 3> out;
  auto sizes = [](const SeenCases& s) {
    std::vector<int> n;
    for (int k = std::max(8, s.size - 2); k <= s.size + 2; ++k) n.push_back(k);
    return n;
  };
  for (const int n3 : sizes(zq2)) {
    for (const int n13 : sizes(across)) {
      const int n1 = n13 - n3;
      if (n1 < 0) continue;
      for (const int n12 : sizes(zq1)) {
        const int n2 = n12 - n1;
        if (n2 < 0) continue;
        const int n[3] = {n1, n2, n3};
        std::map<std::string, std::array<std::set<int>, 3>> found;
        bool possible = true;
        for (const auto& [variable, shown] : zq1.shares) {
          std::array<std::set<int>, 3>& f = found[variable];
          const std::vector<int> in12 = CountsBehind(shown, n12);
          for (const int m3 : CountsBehind(zq2.shares.at(variable), n3)) {
            for (const int m13 : CountsBehind(across.shares.at(variable), n13)) {
              const int m1 = m13 - m3;
              if (m1 < 0 || m1 > n1) continue;
              for (const int m12 : in12) {
                const int m2 = m12 - m1;
                if (m2 < 0 || m2 > n2) continue;
                f[0].insert(m1), f[1].insert(m2), f[2].insert(m3);
              }
            }
          }
          if (f[0].empty()) {
            possible = false;
            break;
          }
        }
        if (!possible) continue;
        for (int i = 0; i < 3; ++i) {
          out[i].cases.insert(n[i]);
          for (const auto& [variable, counts] : found) {
            for (const int m : counts[i]) {
              out[i].with[variable].insert(m);
              out[i].without[variable].insert(n[i] - m);
            }
          }
        }
      }
    }
  }
  return out;
}

// Each ICO's exact counts, taken apart from the plans' exact evaluations the same way.
struct IcoTruth {
  int cases = 0;
  std::map<std::string, int> with;
};

std::array<IcoTruth, 3> Truth(const CaseManagementEvaluation& zq1,
                              const CaseManagementEvaluation& zq2,
                              const CaseManagementEvaluation& across) {
  auto counts = [](const CaseManagementEvaluation& e) {
    IcoTruth t{.cases = e.cases};
    for (const BalanceRow& row : e.balance)
      if (IsShare(row.variable)) t.with[row.variable] = std::lround(row.treated_mean * e.cases);
    return t;
  };
  const IcoTruth t12 = counts(zq1), t3 = counts(zq2), t13 = counts(across);
  std::array<IcoTruth, 3> out;
  out[2] = t3;
  out[0].cases = t13.cases - t3.cases;
  out[1].cases = t12.cases - out[0].cases;
  for (const auto& [variable, m] : t12.with) {
    out[0].with[variable] = t13.with.at(variable) - t3.with.at(variable);
    out[1].with[variable] = m - out[0].with[variable];
  }
  return out;
}

// Each small count (1 to 7) of an ICO's patients that the attacker narrows to fewer than three
// values; and a failure if the truth is not among the values left (the attacker reasons wrongly).
std::vector<std::string> Pinned(const std::array<Narrowed, 3>& narrowed,
                                const std::array<IcoTruth, 3>& truth) {
  std::vector<std::string> pinned;
  auto check = [&](const std::string& what, int count, const std::set<int>& values) {
    EXPECT_TRUE(values.contains(count)) << what << ": " << count << " ruled out";
    if (count >= 1 && count <= 7 && values.size() < 3) pinned.push_back(what);
  };
  for (int i = 0; i < 3; ++i) {
    const std::string ico = "ZICO" + std::to_string(i + 1);
    check(ico + " cases", truth[i].cases, narrowed[i].cases);
    for (const auto& [variable, m] : truth[i].with) {
      check(ico + " " + variable, m, narrowed[i].with.at(variable));
      check(ico + " not " + variable, truth[i].cases - m, narrowed[i].without.at(variable));
    }
  }
  return pinned;
}

// The evaluator opens all three plans, whose case-management groups overlap by ICO, and sets
// their figures against each other to take each ICO's case counts apart. No count from 1 to 7 is
// narrowed to fewer than three values; published without withholding (sizes to 5 and shares to 3
// figures alone) the same figures give small counts away, so the withholding is what protects.
// No other answer shows the patients this rule finds, and the crude rates rest on person-time no
// answer shows, so the counts here are all the attacker has.
TEST(EvaluationRoutes, AnEvaluatorSettingPlansAgainstEachOtherLearnsNoSmallCountOfCases) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::User evaluator = client.SignIn("evaluator", kPassword);
  std::map<std::string, SeenCases> seen;
  std::map<std::string, CaseManagementEvaluation> exact;
  for (const auto& [name, pilots] : kPlans) {
    const TestClient::Answer a = client.Get(evaluator, PlanPath(name));
    ASSERT_EQ(a.status, 200) << name;
    ASSERT_FALSE(a.body["case_management"].is_null()) << name << " " << a.body.dump();
    seen[name] = SeenIn(a.body);
    const PlanEvaluation& e = Exact(name);
    ASSERT_TRUE(e.case_management) << name;
    exact[name] = *e.case_management;
  }
  const std::array<IcoTruth, 3> truth =
      Truth(exact["ZQ1 pilots"], exact["ZQ2 pilot"], exact["Across commissioners"]);
  int small = 0;
  for (const IcoTruth& t : truth)
    for (const auto& [variable, m] : t.with)
      small += (m >= 1 && m <= 7) + (t.cases - m >= 1 && t.cases - m <= 7);
  ASSERT_GE(small, 3) << "the programme has too few small counts to attack";

  const std::vector<std::string> pinned =
      Pinned(Narrow(seen["ZQ1 pilots"], seen["ZQ2 pilot"], seen["Across commissioners"]), truth);
  EXPECT_TRUE(pinned.empty()) << ::testing::PrintToString(pinned);

  const std::vector<std::string> naive =
      Pinned(Narrow(SeenWithoutWithholding(exact["ZQ1 pilots"]),
                    SeenWithoutWithholding(exact["ZQ2 pilot"]),
                    SeenWithoutWithholding(exact["Across commissioners"])),
             truth);
  EXPECT_FALSE(naive.empty()) << "the attacker finds nothing even without the withholding";
}

}  // namespace
}  // namespace continuum
