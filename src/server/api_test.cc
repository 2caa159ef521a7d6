// The API on a small generated ICO: every route for every role, sessions, CSRF, rate limiting,
// disclosure control and the audit log, through Api::Handle; then the same server over a real
// socket for what only the HTTP edge decides.
#include "server/api.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "report/disclosure.h"
#include "security/password.h"
#include "server/http_adapter.h"
#include "server/test_client.h"
#include "store/bound_statement.h"
#include "store/voice.h"

namespace continuum {
namespace {

using nlohmann::json;

constexpr std::string_view kPassword = "correct horse battery staple";

std::string Contract() {
  return std::string(CONTINUUM_SOURCE_DIR) + "/data/contracts/nelson_vale.json";
}

std::string SavingsScenario() {
  return std::string(CONTINUUM_SOURCE_DIR) + "/data/scenarios/nelson_vale_savings.json";
}

constexpr int kSimulatedYears = 500;  // enough to compare with the CLI, quick to run

struct Fixture {
  std::unique_ptr<GeneratedIco> ico;
  std::unique_ptr<Api> api;
  int64_t now = 1'800'000'000;
  std::string practice, other_practice;  // two member practices
  std::string ico_id, commissioner_id;
};

// One ICO for the whole suite: generating, fitting and hashing take seconds.
Fixture& Shared() {
  static Fixture* f = [] {
    auto* fx = new Fixture;
    GeneratorOptions options;
    options.patients = 6000;
    options.practices = 3;
    options.control_practices = 2;  // for the commissioner's comparison
    options.seed = 5;
    auto generated = GenerateAndLoad(TestFolder("api"), options);
    EXPECT_TRUE(generated.ok()) << generated.status().message();
    fx->ico = std::move(*generated);
    const Population& p = fx->ico->population();
    uint32_t ico = 0;
    std::vector<std::string> practices;
    for (uint32_t o = 0; o < p.organisations.size(); ++o) {
      if (p.organisations.kind[o] == static_cast<uint8_t>(OrgKind::kIco)) ico = o;
    }
    for (uint32_t o = 0; o < p.organisations.size(); ++o) {
      if (p.organisations.kind[o] == static_cast<uint8_t>(OrgKind::kPractice) &&
          p.organisations.parent[o] == ico)
        practices.emplace_back(p.organisations.ids.Value(o));
    }
    std::sort(practices.begin(), practices.end());
    fx->practice = practices[0];
    fx->other_practice = practices[1];
    fx->ico_id = p.organisations.ids.Value(ico);
    fx->commissioner_id = p.organisations.ids.Value(p.organisations.parent[ico]);
    Accounts accounts(*fx->ico->workspace);
    for (int r = 0; r < kRoleCount; ++r) {
      const Role role = static_cast<Role>(r);
      const std::string_view kind = OrganisationKindOf(role);
      const std::string organisation = kind == "practice"       ? fx->practice
                                       : kind == "ico"          ? fx->ico_id
                                       : kind == "commissioner" ? fx->commissioner_id
                                                                : "";
      const Status added = accounts.AddUser(RoleName(role), role, organisation, kPassword);
      EXPECT_TRUE(added.ok()) << added.message();
    }
    auto api = Api::Create(p, *fx->ico->workspace,
                           {.clock = [fx] { return fx->now; },
                            .contract = *ReadNamedText(Contract()),
                            .scenarios = {*ReadNamedText(SavingsScenario())},
                            .simulation_years = kSimulatedYears,
                            .voice_watch_seconds = 1});
    EXPECT_TRUE(api.ok()) << api.status().message();
    fx->api = std::move(*api);
    return fx;
  }();
  return *f;
}

// A connection of its own to the fixture's workspace, as the CLI would open beside the server
// (the server's connection is for its own threads).
std::unique_ptr<Workspace> Beside(Fixture& f) {
  auto ws = Workspace::Open((f.ico->folder / "w.db").string(), Workspace::kMustExist);
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  return ws.ok() ? std::move(*ws) : nullptr;
}

// The path of one of the fixture's ICO's answers: IcoPath("quality").
std::string IcoPath(std::string_view answer) {
  return "/api/icos/" + Shared().ico_id + "/" + std::string(answer);
}

HttpRequest Request(std::string method, std::string path, std::string body = "") {
  return TestRequest(std::move(method), std::move(path), std::move(body));
}

struct Answer {
  int status;
  json body;
  HttpResponse raw;
};

Answer Send(const HttpRequest& r) {
  HttpResponse out = Shared().api->Handle(r);
  const std::string text = out.body ? *out.body : "";
  json body = json::parse(text, nullptr, false);
  return {out.status, body, std::move(out)};
}

struct Session {
  std::string cookie, csrf;
};

Session SignIn(std::string_view username, std::string_view password = kPassword) {
  Answer a = Send(
      Request("POST", "/api/login", json{{"username", username}, {"password", password}}.dump()));
  EXPECT_EQ(a.status, 200) << a.body.dump();
  Session s;
  for (const auto& [name, value] : a.raw.headers) {
    if (name == "Set-Cookie") s.cookie = value.substr(0, value.find(';'));
  }
  s.csrf = a.body.value("csrf_token", "");
  return s;
}

HttpRequest As(const Session& s, std::string method, std::string path, std::string body = "") {
  HttpRequest r = Request(std::move(method), std::move(path), std::move(body));
  r.headers.emplace("cookie", s.cookie);
  return r;
}

// The audit log's entries after `last`, but for sign-ins (which every test makes).
json AccessesAfter(const Session& admin, int64_t last) {
  json out = json::array();
  const json page = Send(As(admin, "GET", "/api/audit?after=" + std::to_string(last))).body;
  for (const json& e : page["entries"]) {
    if (e["endpoint"] != "POST /api/login") out.push_back(e);
  }
  return out;
}

TEST(Api, EveryRouteButSignInNeedsASession) {
  for (const auto& [method, path] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/session"},
           {"GET", IcoPath("overview")},
           {"GET", IcoPath("quality")},
           {"GET", IcoPath("risk")},
           {"GET", IcoPath("pathways")},
           {"GET", IcoPath("practices/") + Shared().practice + "/worklist"},
           {"GET", IcoPath("practices/") + Shared().practice + "/case-finding"},
           {"GET", "/api/audit"},
           {"GET", "/api/evaluations"},
           {"GET", "/api/evaluations/1"},
           {"POST", "/api/logout"}}) {
    HttpRequest r = Request(method, path, method == "POST" ? "{}" : "");
    Answer a = Send(r);
    EXPECT_EQ(a.status, 401) << method << " " << path;
    EXPECT_EQ(a.body["error"]["code"], 401);
    r.headers.emplace("cookie", "continuum_session=forged-token-value");
    EXPECT_EQ(Send(r).status, 401) << "forged session on " << path;
  }
}

TEST(Api, SignInSetsAStrictHttpOnlyCookieAndTellsTheRole) {
  Answer a = Send(Request("POST", "/api/login",
                          json{{"username", "clinical_lead"}, {"password", kPassword}}.dump()));
  ASSERT_EQ(a.status, 200);
  EXPECT_EQ(a.body["role"], "clinical_lead");
  EXPECT_EQ(a.body["identifiable"], true);
  std::string cookie;
  for (const auto& [name, value] : a.raw.headers) {
    if (name == "Set-Cookie") cookie = value;
  }
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos);  // not over TLS here
  const Session s = SignIn("board");
  Answer me = Send(As(s, "GET", "/api/session"));
  EXPECT_EQ(me.status, 200);
  EXPECT_EQ(me.body["role_title"], "ICO board and finance");
  EXPECT_EQ(me.body["organisation"], Shared().ico_id);
}

// The pages each role may open, as the session tells the web app: those whose route the role may
// call, written out here by hand from docs/web.md's table.
TEST(Api, TheSessionListsThePagesTheRoleMayOpen) {
  const std::map<std::string, std::vector<std::string>> expected = {
      {"administrator", {"users", "audit"}},
      {"board", {"overview", "quality", "risk", "finance", "pathways"}},
      {"clinical_lead",
       {"overview", "quality", "risk", "finance", "pathways", "case-finding", "voice"}},
      {"practice_clinician", {"overview", "quality", "risk", "pathways", "case-finding", "voice"}},
      {"care_coordinator", {"overview", "quality", "risk", "pathways", "case-finding", "voice"}},
      {"commissioner",
       {"overview", "quality", "risk", "finance", "pathways", "comparison", "commissioner",
        "evaluation"}},
      {"evaluator",
       {"overview", "quality", "risk", "finance", "pathways", "comparison", "commissioner",
        "evaluation"}}};
  for (const auto& [role, pages] : expected) {
    const Answer me = Send(As(SignIn(role), "GET", "/api/session"));
    EXPECT_EQ(me.body["pages"], json(pages)) << role;
  }
}

TEST(Api, WrongPasswordsAndUnknownUsersGetTheSameAnswer) {
  Answer wrong = Send(
      Request("POST", "/api/login", json{{"username", "evaluator"}, {"password", "nope"}}.dump()));
  Answer unknown = Send(
      Request("POST", "/api/login", json{{"username", "nobody"}, {"password", "nope"}}.dump()));
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.body, unknown.body);
}

TEST(Api, EachRoleReachesOnlyItsRoutes) {
  Fixture& f = Shared();
  const std::string own = IcoPath("practices/") + f.practice + "/case-finding";
  const std::string other = IcoPath("practices/") + f.other_practice + "/case-finding";
  const std::string own_worklist = IcoPath("practices/") + f.practice + "/worklist";
  const std::string other_worklist = IcoPath("practices/") + f.other_practice + "/worklist";
  struct Expect {
    Role role;
    int overview, own_cases, other_cases, audit, pathways, finance, comparison;
    int voice() const { return own_cases; }  // who sees a practice's patients records its voice
  };
  for (const Expect& e :
       std::vector<Expect>{{Role::kAdministrator, 403, 403, 403, 200, 403, 403, 403},
                           {Role::kBoard, 200, 403, 403, 403, 200, 200, 403},
                           {Role::kClinicalLead, 200, 200, 200, 403, 200, 200, 403},
                           {Role::kPracticeClinician, 200, 200, 403, 403, 200, 403, 403},
                           {Role::kCareCoordinator, 200, 200, 200, 403, 200, 403, 403},
                           {Role::kCommissioner, 200, 403, 403, 403, 200, 200, 200},
                           {Role::kEvaluator, 200, 403, 403, 403, 200, 200, 200}}) {
    const Session s = SignIn(RoleName(e.role));
    EXPECT_EQ(Send(As(s, "GET", IcoPath("overview"))).status, e.overview) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", IcoPath("quality"))).status, e.overview) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", IcoPath("risk"))).status, e.overview) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", own)).status, e.own_cases) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", other)).status, e.other_cases) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", "/api/audit")).status, e.audit) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", IcoPath("pathways"))).status, e.pathways) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", IcoPath("finance/monitor"))).status, e.finance) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", IcoPath("finance/settlement"))).status, e.finance)
        << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", IcoPath("finance/simulation"))).status, e.finance)
        << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", IcoPath("finance/scenarios"))).status, e.finance)
        << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", IcoPath("comparison"))).status, e.comparison) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", IcoPath("voice"))).status, e.voice()) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", own_worklist)).status, e.own_cases) << RoleName(e.role);
    EXPECT_EQ(Send(As(s, "GET", other_worklist)).status, e.other_cases) << RoleName(e.role);
    // Every answer is logged with who asked, a refusal as much as a success.
    for (const std::string& path : {IcoPath("overview"), other, std::string("/api/audit"),
                                    std::string("/api/icos/NOSUCHICO/overview")})
      EXPECT_EQ(Send(As(s, "GET", path)).raw.log_user, RoleName(e.role)) << path;
  }
}

TEST(Api, TheOverviewsListSizesAddUpToTheIcosRegisteredPopulation) {
  // Counted two ways: the practices' lists by each patient's practice on the day, the ICO's by
  // the quality indicators' coverage.
  const json exact = Send(As(SignIn("clinical_lead"), "GET", IcoPath("overview"))).body;
  int64_t sum = 0;
  for (const json& practice : exact["practices"]) sum += practice["registered"].get<int64_t>();
  EXPECT_EQ(sum, exact["registered"].get<int64_t>());
  EXPECT_GT(sum, 5000);
  EXPECT_EQ(exact["practices"].size(), 3u);
  EXPECT_EQ(exact["indicators"].size(), 16u);
}

TEST(Api, CommissionersSeeCountsSuppressedAndRounded) {
  const json exact = Send(As(SignIn("board"), "GET", IcoPath("overview"))).body;
  const json controlled = Send(As(SignIn("commissioner"), "GET", IcoPath("overview"))).body;
  ASSERT_EQ(exact["disclosure"], "exact");
  ASSERT_EQ(controlled["disclosure"], "controlled");
  auto expect_disclosed = [](const json& exact_count, const json& shown, const std::string& what) {
    const int64_t n = std::llround(exact_count.get<double>());
    const std::optional<int64_t> want = DiscloseCount(n, Disclosure::kControlled);
    if (want) {
      EXPECT_EQ(shown, *want) << what << " of " << n;
      EXPECT_EQ(*want % 5, 0) << what;
    } else {
      EXPECT_TRUE(shown.is_null()) << what << " of " << n << " shown as " << shown;
    }
  };
  expect_disclosed(exact["registered"], controlled["registered"], "registered");
  int rounded = 0;
  ASSERT_EQ(exact["indicators"].size(), controlled["indicators"].size());
  for (size_t i = 0; i < exact["indicators"].size(); ++i) {
    const json& e = exact["indicators"][i];
    const json& c = controlled["indicators"][i];
    expect_disclosed(e["numerator"], c["numerator"], e["id"].get<std::string>());
    expect_disclosed(e["denominator"], c["denominator"], e["id"].get<std::string>());
    rounded += c["numerator"] != e["numerator"];
    if (c["numerator"].is_null() || c["denominator"].is_null()) {
      EXPECT_TRUE(c["value"].is_null()) << "a value resting on a suppressed count";
    }
  }
  for (size_t k = 0; k < exact["practices"].size(); ++k)
    expect_disclosed(exact["practices"][k]["registered"], controlled["practices"][k]["registered"],
                     "list size");
  // Counts were rounded (each checked above), and a value went only with its count.
  EXPECT_GT(rounded, 0);
}

// The comparison puts the ICO beside the commissioner's control practices, all under disclosure
// control; the ICO's column counts what its own overview counts.
TEST(Api, TheComparisonSetsTheIcoBesideTheControlPracticesUnderDisclosureControl) {
  const Session evaluator = SignIn("evaluator");
  const json c = Send(As(evaluator, "GET", IcoPath("comparison"))).body;
  const json overview = Send(As(evaluator, "GET", IcoPath("overview"))).body;
  EXPECT_EQ(c["disclosure"], "controlled");
  EXPECT_EQ(c["commissioner"]["id"], "ZQ1");
  ASSERT_EQ(c["units"].size(), 3u);
  EXPECT_EQ(c["units"][0]["id"], "ZICO1");
  EXPECT_EQ(c["units"][0]["kind"], "ico");
  EXPECT_EQ(c["units"][0]["practices"], 3);
  EXPECT_EQ(c["units"][0]["registered"], overview["registered"]);
  for (size_t u = 1; u < 3; ++u) {
    EXPECT_EQ(c["units"][u]["kind"], "control_practice");
    EXPECT_EQ(c["units"][u]["registered"].get<int64_t>() % 5, 0);
  }
  const json& indicators = c["quality"]["indicators"];
  ASSERT_EQ(indicators.size(), overview["indicators"].size());
  for (size_t i = 0; i < indicators.size(); ++i) {
    const json& ico = indicators[i]["practices"][0];  // the quality report's units
    EXPECT_EQ(ico["id"], "ZICO1");
    EXPECT_EQ(ico["numerator"], overview["indicators"][i]["numerator"]) << i;
    EXPECT_EQ(ico["denominator"], overview["indicators"][i]["denominator"]) << i;
    EXPECT_EQ(indicators[i]["practices"].size(), 3u);  // the ICO and two control practices
    EXPECT_EQ(indicators[i]["ico"]["id"], "ZQ1");      // against everyone they serve
  }
  EXPECT_EQ(c.dump().find("patient_id"), std::string::npos);
}

// The attacker: a commissioner's analyst fetches every answer of the ICO their role may (the
// overview, the quality report, the comparison, the pathways, the risk pyramid, the finance pages
// and the oversight) and sets each figure of the ICO that more than one answer shows against the
// others: one withheld anywhere is withheld everywhere, and one shown is shown alike, so no route
// gives back what another suppressed.
TEST(Api, NoAnswerGivesBackAnIcoCountAnotherWithheld) {
  const Session analyst = SignIn("commissioner");
  std::map<std::string, json> answers;
  for (const char* answer : {"overview", "quality", "comparison", "pathways", "risk",
                             "finance/monitor", "finance/settlement", "finance/scenarios"}) {
    const Answer a = Send(As(analyst, "GET", IcoPath(answer)));
    ASSERT_EQ(a.status, 200) << answer << " " << a.body.dump();
    answers[answer] = a.body;
  }
  const Answer oversight =
      Send(As(analyst, "GET", "/api/commissioners/" + Shared().commissioner_id + "/oversight"));
  ASSERT_EQ(oversight.status, 200);
  const json& overview = answers["overview"];
  const json& quality = answers["quality"]["indicators"];
  const json& compared = answers["comparison"]["quality"]["indicators"];
  EXPECT_EQ(answers["comparison"]["units"][0]["registered"], overview["registered"]);
  ASSERT_EQ(quality.size(), overview["indicators"].size());
  ASSERT_EQ(compared.size(), overview["indicators"].size());
  int withheld = 0;
  for (size_t i = 0; i < quality.size(); ++i) {
    const std::string id = overview["indicators"][i]["id"];
    const json& own = quality[i]["ico"];
    const json& beside = compared[i]["practices"][0];
    ASSERT_EQ(beside["id"], Shared().ico_id);
    for (const char* count : {"numerator", "denominator"}) {
      EXPECT_EQ(own[count], overview["indicators"][i][count]) << id << " " << count;
      EXPECT_EQ(beside[count], own[count]) << id << " " << count;
      withheld += own[count].is_null();
    }
    // A month's value withheld in one answer is withheld in the other.
    ASSERT_EQ(own["months"].size(), beside["months"].size()) << id;
    for (size_t m = 0; m < own["months"].size(); ++m) {
      EXPECT_EQ(own["months"][m]["value"].is_null(), beside["months"][m]["value"].is_null())
          << id << " " << own["months"][m]["month"];
    }
  }
  // The oversight's ICO, where it shows a quality count, shows what the comparison shows for the
  // same indicator at the comparison's month.
  for (const json& ico : oversight.body["icos"]) {
    if (ico["id"] != Shared().ico_id) continue;
    for (const json& month : ico["months"]) {
      if (month["month"] != answers["comparison"]["period"]["end"].get<std::string>().substr(0, 7))
        continue;
      for (const json& q : month["quality"]) {
        for (size_t i = 0; i < compared.size(); ++i) {
          if (compared[i]["id"] != q["indicator"]) continue;
          EXPECT_EQ(q["numerator"], compared[i]["practices"][0]["numerator"]) << q["indicator"];
        }
      }
    }
  }
  std::cout << withheld << " of the ICO's counts withheld alike in every answer\n";
}

TEST(Api, TheQualityReportIsDisclosureControlledToThePracticeAndMonth) {
  const json exact = Send(As(SignIn("clinical_lead"), "GET", IcoPath("quality"))).body;
  const json controlled = Send(As(SignIn("evaluator"), "GET", IcoPath("quality"))).body;
  ASSERT_EQ(exact["disclosure"], "exact");
  ASSERT_EQ(controlled["disclosure"], "controlled");
  int suppressed = 0, months_withheld = 0;
  for (size_t i = 0; i < exact["indicators"].size(); ++i) {
    const json& e = exact["indicators"][i];
    const json& c = controlled["indicators"][i];
    for (size_t k = 0; k < e["practices"].size(); ++k) {
      const json& ep = e["practices"][k];
      const json& cp = c["practices"][k];
      const std::optional<int64_t> numerator =
          DiscloseCount(std::llround(ep["numerator"].get<double>()), Disclosure::kControlled);
      // Suppressed from 1 to 7, else rounded, or withheld to protect another count.
      if (numerator) {
        EXPECT_TRUE(cp["numerator"].is_null() || cp["numerator"] == *numerator) << e["id"];
      } else {
        EXPECT_TRUE(cp["numerator"].is_null()) << e["id"];
      }
      if (cp["numerator"].is_null() || cp["denominator"].is_null()) {
        ++suppressed;
        EXPECT_TRUE(cp["estimate"].is_null()) << e["id"];
        EXPECT_FALSE(cp.contains("funnel")) << e["id"];
      } else if (e["measure"] == "proportion" && !cp["estimate"].is_null()) {
        // The value is the shown counts', never the exact ones'.
        EXPECT_DOUBLE_EQ(cp["estimate"]["value"].get<double>(),
                         cp["numerator"].get<double>() / cp["denominator"].get<double>())
            << e["id"];
      }
      bool withheld_here = false;
      for (size_t m = 0; m < ep["months"].size(); ++m) {
        if (!ep["months"][m]["value"].is_null() && cp["months"][m]["value"].is_null()) {
          ++months_withheld;
          withheld_here = true;
        }
      }
      if (withheld_here) {
        EXPECT_FALSE(cp.contains("spc")) << "a chart drawn on withheld months";
      }
    }
  }
  // Three practices of 2,000 patients: small counts for the test to find.
  EXPECT_GT(suppressed, 0);
  EXPECT_GT(months_withheld, 0);
}

TEST(Api, PathwayFiguresAreDisclosureControlledForTheCommissioner) {
  const json exact = Send(As(SignIn("board"), "GET", IcoPath("pathways"))).body;
  const json controlled = Send(As(SignIn("commissioner"), "GET", IcoPath("pathways"))).body;
  ASSERT_EQ(exact["disclosure"], "exact");
  ASSERT_EQ(controlled["disclosure"], "controlled");
  // Suppressed from 1 to 7, else rounded, or withheld to protect another count.
  auto expect_disclosed = [](const json& shown, const json& n) {
    const std::optional<int64_t> want = DiscloseCount(n.get<int64_t>(), Disclosure::kControlled);
    if (want) {
      EXPECT_TRUE(shown.is_null() || shown == *want) << shown << " for " << n;
    } else {
      EXPECT_TRUE(shown.is_null()) << shown << " for " << n;
    }
  };
  int suppressed = 0, units = 0;
  for (size_t k = 0; k < exact["pathways"].size(); ++k) {
    const json& e = exact["pathways"][k]["units"];
    const json& c = controlled["pathways"][k]["units"];
    ASSERT_EQ(e.size(), c.size());
    for (size_t u = 0; u < e.size(); ++u, ++units) {
      expect_disclosed(c[u]["episodes"], e[u]["episodes"]);
      expect_disclosed(c[u]["adherence"]["numerator"], e[u]["adherence"]["numerator"]);
      const json& adherence = c[u]["adherence"];
      if (adherence["numerator"].is_null() || adherence["denominator"].is_null()) {
        ++suppressed;
        EXPECT_TRUE(adherence["value"].is_null());
      } else if (adherence["denominator"].get<int64_t>() > 0) {
        EXPECT_DOUBLE_EQ(
            adherence["value"].get<double>(),
            adherence["numerator"].get<double>() / adherence["denominator"].get<double>());
      }
      for (size_t s = 0; s < e[u]["steps"].size(); ++s) {
        const json& cs = c[u]["steps"][s];
        const int64_t met = e[u]["steps"][s]["states"]["met_on_time"].get<int64_t>() +
                            e[u]["steps"][s]["states"]["met_late"].get<int64_t>();
        if (met >= 1 && met <= kLargestSuppressedCount) {
          EXPECT_TRUE(cs["median_days"].is_null()) << "days resting on " << met << " episodes";
        }
      }
    }
  }
  EXPECT_GT(units, 0);
  EXPECT_GT(suppressed, 0);  // three small practices: some pathway is rare enough
}

TEST(Api, TheRiskPyramidNamesNoPatientAndIsControlledForTheEvaluator) {
  const json exact = Send(As(SignIn("board"), "GET", IcoPath("risk"))).body;
  const json controlled = Send(As(SignIn("evaluator"), "GET", IcoPath("risk"))).body;
  EXPECT_FALSE(exact.contains("cases"));
  EXPECT_FALSE(controlled.contains("cases"));
  ASSERT_EQ(exact["pyramid"]["practices"].size(), 3u);
  int64_t band_sum = 0;
  for (const json& band : exact["pyramid"]["all"]) band_sum += band["patients"].get<int64_t>();
  EXPECT_EQ(band_sum, exact["pyramid"]["coverage"]["scored"].get<int64_t>());
  for (size_t k = 0; k < exact["pyramid"]["practices"].size(); ++k) {
    for (size_t b = 0; b < exact["pyramid"]["practices"][k]["bands"].size(); ++b) {
      const int64_t n = exact["pyramid"]["practices"][k]["bands"][b]["patients"].get<int64_t>();
      const std::optional<int64_t> want = DiscloseCount(n, Disclosure::kControlled);
      EXPECT_EQ(controlled["pyramid"]["practices"][k]["bands"][b]["patients"],
                want ? json(*want) : json(nullptr));
    }
  }
  EXPECT_EQ(controlled["validation"]["c_statistic"], exact["validation"]["c_statistic"]);
  // Rates are worked out from the counts as shown, so they give no exact count away.
  for (const json& decile : controlled["validation"]["deciles"]) {
    if (decile["admitted"].is_null() || decile["patients"].is_null()) {
      EXPECT_TRUE(decile["observed_rate"].is_null());
    } else {
      EXPECT_DOUBLE_EQ(decile["observed_rate"].get<double>(),
                       decile["admitted"].get<double>() / decile["patients"].get<double>());
    }
  }
  for (const json& top : controlled["validation"]["top"]) {
    if (!top["admitted"].is_null() && !top["flagged"].is_null())
      EXPECT_DOUBLE_EQ(top["ppv"].get<double>(),
                       top["admitted"].get<double>() / top["flagged"].get<double>());
    else
      EXPECT_TRUE(top["ppv"].is_null());
  }
}

TEST(Api, IdentifiableAnswersAreAuditedWithTheirPatients) {
  Fixture& f = Shared();
  const Session admin = SignIn("administrator");
  const json before = Send(As(admin, "GET", "/api/audit")).body;
  const int64_t last =
      before["entries"].empty() ? 0 : before["entries"].back()["id"].get<int64_t>();
  const Session gp = SignIn("practice_clinician");
  Answer cases = Send(As(gp, "GET", IcoPath("practices/") + f.practice + "/case-finding"));
  ASSERT_EQ(cases.status, 200);
  std::vector<int64_t> shown;
  for (const json& c : cases.body["cases"]) {
    shown.push_back(c["patient_id"].get<int64_t>());
    EXPECT_EQ(c["practice"], f.practice);
  }
  ASSERT_FALSE(shown.empty());
  // Refused requests are not audited as accesses: nothing was sent.
  EXPECT_EQ(Send(As(gp, "GET", IcoPath("practices/") + f.other_practice + "/case-finding")).status,
            403);
  const json after = AccessesAfter(admin, last);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["username"], "practice_clinician");
  EXPECT_EQ(after[0]["role"], "practice_clinician");
  EXPECT_EQ(after[0]["endpoint"], "GET " + IcoPath("practices/") + f.practice + "/case-finding");
  EXPECT_EQ(after[0]["patients"].get<std::vector<int64_t>>(), shown);
  Answer csv = Send(As(admin, "GET", "/api/audit?format=csv"));
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(csv.raw.content_type, "text/csv; charset=utf-8");
  EXPECT_EQ(csv.raw.body->rfind("id,at,username,role,endpoint,patients,detail\n", 0), 0u);
}

TEST(Api, AWorklistIsThePracticesOverdueStepsAndItsPatientsAreAudited) {
  Fixture& f = Shared();
  const Session admin = SignIn("administrator");
  const json before = Send(As(admin, "GET", "/api/audit")).body["entries"];
  const int64_t last = before.empty() ? 0 : before.back()["id"].get<int64_t>();
  Answer list = Send(As(SignIn("care_coordinator"), "GET",
                        IcoPath("practices/") + f.other_practice + "/worklist"));
  ASSERT_EQ(list.status, 200);
  std::set<int64_t> patients;
  for (const json& item : list.body["worklist"]) {
    EXPECT_EQ(item["practice"], f.other_practice);
    EXPECT_GE(item["days_overdue"].get<int>(), 0);
    patients.insert(item["patient_id"].get<int64_t>());
  }
  ASSERT_FALSE(patients.empty());
  // The same steps as the whole report lists for the practice.
  const json all = Send(As(SignIn("clinical_lead"), "GET", IcoPath("pathways"))).body;
  EXPECT_GE(all["worklist_items"].get<size_t>(), list.body["worklist"].size());
  const json after = AccessesAfter(admin, last);
  ASSERT_EQ(after.size(), 1u);
  EXPECT_EQ(after[0]["endpoint"], "GET " + IcoPath("practices/") + f.other_practice + "/worklist");
  const auto audited = after[0]["patients"].get<std::vector<int64_t>>();
  EXPECT_EQ(std::set<int64_t>(audited.begin(), audited.end()), patients);
}

// The finance answers are the reports the CLI prints for the same contract and workspace (each
// tested on its own against hand-worked cases and DuckDB).
TEST(Api, TheFinancePagesAreTheContractsMonitorSettlementSimulationAndScenarios) {
  Fixture& f = Shared();
  const Session board = SignIn("board");
  const std::string workspace = (f.ico->folder / "w.db").string();
  const std::string years = " --years " + std::to_string(kSimulatedYears);
  for (const auto& [route, command] : std::vector<std::pair<std::string, std::string>>{
           {IcoPath("finance/monitor"), "monitor"},
           {IcoPath("finance/settlement"), "settle"},
           {IcoPath("finance/simulation"), "simulate" + years},
           {IcoPath("finance/scenarios"), "scenario " + SavingsScenario()}}) {
    Answer a = Send(As(board, "GET", route));
    ASSERT_EQ(a.status, 200) << route;
    const std::string out = "/tmp/continuum_api_finance_" + std::to_string(getpid());
    const std::string cli = std::string(CONTINUUM_BINARY) + " " + command + " --contract " +
                            Contract() + " --workspace " + workspace + " --json > " + out;
    ASSERT_EQ(std::system(cli.c_str()), 0) << cli;
    std::ifstream in(out);
    const json expected = json::parse(in);
    std::filesystem::remove(out);
    if (route == IcoPath("finance/scenarios")) {
      ASSERT_EQ(a.body["scenarios"].size(), 1u);
      EXPECT_EQ(a.body["scenarios"][0], expected);
    } else {
      EXPECT_EQ(a.body, expected) << route;
    }
  }
}

// The patients each change touches and the activity it moves are counts, so controlled; the
// money of a change rests on its activity as shown, and the saving on the changes as shown.
TEST(Api, CommissionersSeeAScenariosPatientsRoundedOrSuppressed) {
  const json exact = Send(As(SignIn("board"), "GET", IcoPath("finance/scenarios"))).body;
  const json controlled =
      Send(As(SignIn("commissioner"), "GET", IcoPath("finance/scenarios"))).body;
  const json& before = exact["scenarios"][0];
  const json& after = controlled["scenarios"][0];
  EXPECT_EQ(after["disclosure"], "controlled");
  ASSERT_EQ(after["changes"].size(), before["changes"].size());
  int64_t saving = 0;
  bool withheld = false;
  for (const json& change : after["changes"]) {
    if (change["saving_pence"].is_null())
      withheld = true;
    else
      saving += change["saving_pence"].get<int64_t>();
  }
  EXPECT_EQ(after["saving_pence"], withheld ? json(nullptr) : json(saving));
  for (size_t k = 0; k < before["changes"].size(); ++k) {
    for (const char* count : {"patients", "events_removed", "events_added"}) {
      const int64_t n = std::llround(before["changes"][k][count].get<double>());
      const std::optional<int64_t> shown = DiscloseCount(n, Disclosure::kControlled);
      if (shown)
        EXPECT_EQ(after["changes"][k][count], *shown) << count;
      else
        EXPECT_TRUE(after["changes"][k][count].is_null()) << count;
    }
    // Cost over the exact unit cost gives back the activity as shown, not the exact one.
    const json& e = before["changes"][k];
    const json& c = after["changes"][k];
    if (e["events_removed"].get<double>() > 0 && !c["cost_removed_pence"].is_null()) {
      const double unit = e["cost_removed_pence"].get<double>() / e["events_removed"].get<double>();
      EXPECT_NEAR(c["cost_removed_pence"].get<double>() / unit, c["events_removed"].get<double>(),
                  0.01);
    }
  }
}

HttpRequest Post(const Session& s, std::string path, const json& body) {
  HttpRequest r = As(s, "POST", std::move(path), body.dump());
  r.headers.emplace("x-csrf-token", s.csrf);
  return r;
}

json FftResponse(const std::string& practice, const std::string& day, const std::string& answer) {
  return {{"survey", "patient_fft"},
          {"practice", practice},
          {"responded_on", day},
          {"answers", {{{"question", "overall_experience"}, {"answer", answer}}}}};
}

// The counts of an indicator's unit in the quality report (the ICO when `unit` is empty).
std::pair<json, json> Counts(const json& quality, const std::string& indicator,
                             const std::string& unit = "") {
  for (const json& i : quality["indicators"]) {
    if (i["id"] != indicator) continue;
    if (unit.empty()) return {i["ico"]["numerator"], i["ico"]["denominator"]};
    for (const json& p : i["practices"])
      if (p["id"] == unit) return {p["numerator"], p["denominator"]};
  }
  ADD_FAILURE() << "no " << indicator << " for " << unit;
  return {};
}

// Each response recorded counts at once in the indicators that count its answers, for the ICO
// and its practice, and under disclosure control in the commissioner's comparison.
TEST(Api, ARecordedSurveyResponseCountsInTheIndicatorsAtOnce) {
  Fixture& f = Shared();
  const Session lead = SignIn("clinical_lead");
  const json before = Send(As(lead, "GET", IcoPath("quality"))).body;
  EXPECT_EQ(Counts(before, "patient_fft_positive"), std::make_pair(json(0), json(0)));
  const json form = Send(As(lead, "GET", IcoPath("voice"))).body;
  ASSERT_EQ(form["surveys"].size(), 2u);
  EXPECT_EQ(form["surveys"][0]["indicators"], json::array({"patient_fft_positive"}));
  EXPECT_EQ(form["surveys"][1]["indicators"],
            json::array({"staff_recommend_care", "staff_recommend_place_to_work"}));
  EXPECT_EQ(form["practices"].size(), 3u);
  const std::string last = form["measured"]["last"];
  // Three answers in the last month measured: two of them positive.
  for (const char* answer : {"very_good", "good", "poor"}) {
    Answer a = Send(Post(lead, IcoPath("voice"), FftResponse(f.practice, last, answer)));
    ASSERT_EQ(a.status, 201) << a.body.dump();
    EXPECT_EQ(a.body["counted"], true);
    EXPECT_EQ(a.body["practice"], f.practice);
  }
  const json after = Send(As(lead, "GET", IcoPath("quality"))).body;
  EXPECT_EQ(Counts(after, "patient_fft_positive"), std::make_pair(json(2), json(3)));
  EXPECT_EQ(Counts(after, "patient_fft_positive", f.practice), std::make_pair(json(2), json(3)));
  EXPECT_EQ(Counts(after, "patient_fft_positive", f.other_practice),
            std::make_pair(json(0), json(0)));
  EXPECT_EQ(Counts(after, "diabetes_hba1c"), Counts(before, "diabetes_hba1c"));
  // The overview shows it too; the commissioner sees the release made when the server started,
  // before any response, until the next day's.
  const json overview = Send(As(lead, "GET", IcoPath("overview"))).body;
  for (const json& i : overview["indicators"]) {
    if (i["id"] == "patient_fft_positive") {
      EXPECT_EQ(i["denominator"], 3);
    }
  }
  const json comparison = Send(As(SignIn("commissioner"), "GET", IcoPath("comparison"))).body;
  EXPECT_EQ(Counts(comparison["quality"], "patient_fft_positive", "ZICO1").second, 0);
  // A staff response after the data is kept but not counted until the data reach it.
  Answer later = Send(Post(lead, IcoPath("voice"),
                           {{"survey", "staff_pulse"},
                            {"practice", f.other_practice},
                            {"responded_on", "2026-01-10"},
                            {"answers", {{{"question", "recommend_care"}, {"answer", "agree"}}}}}));
  ASSERT_EQ(later.status, 201) << later.body.dump();
  EXPECT_EQ(later.body["counted"], false);
  // Kept in the workspace, with who recorded them.
  auto stored = VoiceStore(*Beside(f)).All();
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->size(), 4u);
  EXPECT_EQ(stored->back().recorded_by, "clinical_lead");
  const json tally = Send(As(lead, "GET", IcoPath("voice"))).body["recorded"];
  int64_t recorded = 0, counted = 0;
  for (const json& t : tally) {
    recorded += t["responses"].get<int64_t>();
    counted += t["counted"].get<int64_t>();
  }
  EXPECT_EQ(recorded, 4);
  EXPECT_EQ(counted, 3);  // the staff response dated after the data is kept, not yet counted
}

// Responses imported beside the running server (continuum voice import, through a connection of
// its own) count within the server's watch interval, without a restart.
TEST(Api, ResponsesImportedBesideTheServerCountWithoutARestart) {
  Fixture& f = Shared();
  const Session lead = SignIn("clinical_lead");
  const std::string last = Send(As(lead, "GET", IcoPath("voice"))).body["measured"]["last"];
  const auto cli = Beside(f);
  std::vector<VoiceResponse> file;
  for (const char* answer : {"very_good", "very_poor"}) {
    file.push_back({.survey = "patient_fft",
                    .practice = f.other_practice,
                    .responded_on = *ParseDate(last),
                    .answers = {{"overall_experience", answer}},
                    .recorded_by = "import"});
  }
  ASSERT_TRUE(VoiceStore(*cli).RecordImport(file, "voice_responses.csv", 42, f.now).ok());
  std::pair<json, json> counts;
  for (int tries = 0; tries < 50; ++tries) {
    counts = Counts(Send(As(lead, "GET", IcoPath("quality"))).body, "patient_fft_positive",
                    f.other_practice);
    if (counts.second == 2) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_EQ(counts, std::make_pair(json(1), json(2)));
}

TEST(Api, ASurveyResponseThatDoesNotFitIsRefusedWithItsReason) {
  Fixture& f = Shared();
  const Session lead = SignIn("care_coordinator");
  const Session gp = SignIn("practice_clinician");
  const std::string day = Send(As(lead, "GET", IcoPath("voice"))).body["measured"]["last"];
  auto refused = [&](const Session& s, const json& body, int status, const std::string& says) {
    Answer a = Send(Post(s, IcoPath("voice"), body));
    EXPECT_EQ(a.status, status) << body.dump() << " " << a.body.dump();
    const std::string message = a.body["error"]["message"];
    EXPECT_NE(message.find(says), std::string::npos) << message;
  };
  json body = FftResponse(f.practice, day, "very_good");
  body["survey"] = "gp_survey";
  refused(lead, body, 400, "survey: no survey 'gp_survey'");
  refused(lead, FftResponse(f.practice, day, "fairly_good"), 400,
          "answers.overall_experience: 'fairly_good' is not one of its answers");
  refused(lead, FftResponse(f.practice, "2099-01-01", "good"), 400,
          "responded_on: 2099-01-01 is in the future");
  refused(lead, FftResponse(f.practice, "2001-01-01", "good"), 400, "so it could never be counted");
  refused(lead, FftResponse(f.practice, "2025-02-30", "good"), 400, "responded_on");
  refused(lead, FftResponse("ZP9999", day, "good"), 400, "practice: ZP9999 is not a member");
  body = FftResponse(f.practice, day, "good");
  body["answers"] = json::array();
  refused(lead, body, 400, "answers: answer at least one question");
  body["patient_id"] = 100001;  // responses are anonymous: no field names a patient
  refused(lead, body, 400, "patient_id: unknown field");
  refused(gp, FftResponse(f.other_practice, day, "good"), 403, "their own practice only");
  EXPECT_EQ(Send(Post(gp, IcoPath("voice"), FftResponse(f.practice, day, "good"))).status, 201);
  // Nothing refused was kept.
  auto stored = VoiceStore(*Beside(f)).All();
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->size(), 1u);
  HttpRequest no_token =
      As(gp, "POST", IcoPath("voice"), FftResponse(f.practice, day, "good").dump());
  EXPECT_EQ(Send(no_token).status, 403);
}

TEST(Api, StateChangesNeedTheSessionsCsrfToken) {
  const Session s = SignIn("care_coordinator");
  EXPECT_EQ(Send(As(s, "POST", "/api/logout", "{}")).status, 403);
  HttpRequest wrong = As(s, "POST", "/api/logout", "{}");
  wrong.headers.emplace("x-csrf-token", "not-the-token");
  EXPECT_EQ(Send(wrong).status, 403);
  HttpRequest right = As(s, "POST", "/api/logout", "{}");
  right.headers.emplace("x-csrf-token", s.csrf);
  EXPECT_EQ(Send(right).status, 200);
  EXPECT_EQ(Send(As(s, "GET", "/api/session")).status, 401);  // signed out
}

TEST(Api, SessionsExpireWhenIdle) {
  Fixture& f = Shared();
  const Session s = SignIn("evaluator");
  f.now += SessionStore::kIdleSeconds - 1;
  EXPECT_EQ(Send(As(s, "GET", "/api/session")).status, 200);  // and the idle time starts again
  f.now += SessionStore::kIdleSeconds;
  EXPECT_EQ(Send(As(s, "GET", "/api/session")).status, 401);
}

// `continuum user disable` and `passwd` on the workspace, while the server runs, end the user's
// sessions there; the server stops honouring them within its resync interval.
TEST(Api, SessionsEndedInTheWorkspaceStopWorkingWhileTheServerRuns) {
  Fixture& f = Shared();
  const Session board = SignIn("board");
  const Session lead = SignIn("clinical_lead");
  EXPECT_EQ(Send(As(board, "GET", IcoPath("overview"))).status, 200);
  const auto beside = Beside(f);
  Accounts cli(*beside);  // as the CLI would, beside the server
  ASSERT_TRUE(cli.SetDisabled("board", true).ok());
  ASSERT_TRUE(cli.SetPassword("clinical_lead", "a brand new password 2025").ok());
  f.now += SessionStore::kResyncSeconds;
  EXPECT_EQ(Send(As(board, "GET", IcoPath("overview"))).status, 401);
  EXPECT_EQ(Send(As(lead, "GET", IcoPath("overview"))).status, 401);
  // A session the workspace holds outlives a resync; the disabled user cannot sign in again.
  const Session evaluator = SignIn("evaluator");
  f.now += SessionStore::kResyncSeconds;
  EXPECT_EQ(Send(As(evaluator, "GET", IcoPath("overview"))).status, 200);
  EXPECT_EQ(Send(Request("POST", "/api/login",
                         json{{"username", "board"}, {"password", kPassword}}.dump()))
                .status,
            401);
}

// The administrator manages the users from the web app as `continuum user` does, each change
// audited, sessions ended at once by a new password or disabling.
TEST(Api, TheAdministratorAddsUsersChangesPasswordsAndDisablesThem) {
  Fixture& f = Shared();
  const Session admin = SignIn("administrator");
  for (const char* role : {"board", "clinical_lead", "commissioner", "evaluator"})
    EXPECT_EQ(Send(As(SignIn(role), "GET", "/api/users")).status, 403) << role;
  Answer listed = Send(As(admin, "GET", "/api/users"));
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body["users"].size(), size_t(kRoleCount));
  EXPECT_EQ(listed.body["roles"].size(), size_t(kRoleCount));
  // The ICO, its three member practices and the commissioner.
  EXPECT_EQ(listed.body["organisations"].size(), 5u);
  EXPECT_EQ(listed.raw.body->find("argon2"), std::string::npos);  // never a hash

  const std::string password = "a long enough password 2025";
  const json gp = {{"username", "new.gp"},
                   {"role", "practice_clinician"},
                   {"organisation", f.practice},
                   {"password", password}};
  Answer added = Send(Post(admin, "/api/users", gp));
  ASSERT_EQ(added.status, 201) << added.body.dump();
  EXPECT_EQ(added.body["users"].size(), size_t(kRoleCount) + 1);
  const Session newcomer = SignIn("new.gp", password);
  EXPECT_EQ(Send(As(newcomer, "GET", IcoPath("practices/") + f.practice + "/case-finding")).status,
            200);

  auto refused = [&](const std::string& path, json body, int status, const std::string& says) {
    Answer a = Send(Post(admin, path, body));
    EXPECT_EQ(a.status, status) << path << " " << body.dump() << " " << a.body.dump();
    const std::string message = a.body["error"]["message"];
    EXPECT_NE(message.find(says), std::string::npos) << message;
  };
  refused("/api/users", gp, 400, "already exists");
  json other = gp;
  other["username"] = "other.gp";
  other["password"] = "short";
  refused("/api/users", other, 400, "password");
  other["password"] = password;
  other.erase("organisation");
  refused("/api/users", other, 400,
          "organisation: a user with role practice_clinician needs a practice");
  other["organisation"] = "ZP9999";
  refused("/api/users", other, 404, "organisation 'ZP9999': not a member practice");
  other["organisation"] = f.ico_id;
  other["role"] = "evaluator";
  refused("/api/users", other, 400, "organisation: a user with role evaluator belongs to no");
  other["role"] = "superuser";
  refused("/api/users", other, 400, "role: ");
  other["role"] = "board";
  other["is_admin"] = true;
  refused("/api/users", other, 400, "is_admin: unknown field");
  refused("/api/users/nobody/disabled", {{"disabled", true}}, 404, "there is no user 'nobody'");
  refused("/api/users/administrator/disabled", {{"disabled", true}}, 400,
          "cannot disable their own account");

  // A new password ends the user's sessions; the new one signs in.
  ASSERT_EQ(Send(Post(admin, "/api/users/new.gp/password", {{"password", "another password 2026"}}))
                .status,
            200);
  EXPECT_EQ(Send(As(newcomer, "GET", "/api/session")).status, 401);
  const Session again = SignIn("new.gp", "another password 2026");
  // Disabling ends them too and stops sign-in; enabling lets the user back.
  ASSERT_EQ(Send(Post(admin, "/api/users/new.gp/disabled", {{"disabled", true}})).status, 200);
  EXPECT_EQ(Send(As(again, "GET", "/api/session")).status, 401);
  EXPECT_EQ(
      Send(Request("POST", "/api/login",
                   json{{"username", "new.gp"}, {"password", "another password 2026"}}.dump()))
          .status,
      401);
  ASSERT_EQ(Send(Post(admin, "/api/users/new.gp/disabled", {{"disabled", false}})).status, 200);
  SignIn("new.gp", "another password 2026");
  // A state change without the CSRF token changes nothing.
  HttpRequest forged = As(admin, "POST", "/api/users/new.gp/disabled", "{\"disabled\": true}");
  EXPECT_EQ(Send(forged).status, 403);

  // Each change is in the audit log, by whom, with no patients and no password.
  const json audit = Send(As(admin, "GET", "/api/audit")).body;
  std::vector<std::string> details;
  for (const json& e : audit["entries"]) {
    if (e["username"] != "administrator" || e["endpoint"] == "POST /api/login") continue;
    EXPECT_TRUE(e["patients"].empty());
    details.push_back(e["detail"]);
  }
  EXPECT_EQ(details, (std::vector<std::string>{
                         "added user new.gp (practice_clinician, " + f.practice + ")",
                         "changed the password of new.gp", "disabled new.gp", "enabled new.gp"}));
  EXPECT_EQ(audit.dump().find("another password"), std::string::npos);
}

HttpRequest SignInFrom(std::string_view username, std::string_view password, std::string address) {
  HttpRequest r =
      Request("POST", "/api/login", json{{"username", username}, {"password", password}}.dump());
  r.remote_address = std::move(address);
  return r;
}

// Sixty wrong passwords for one user, sent at once: each is counted before any is verified, so
// only the free few are verified, and never more than the hashing slots at a time.
TEST(Api, ABurstOfWrongPasswordsIsCountedBeforeAnyIsVerified) {
  std::vector<std::thread> burst;
  std::atomic<int> wrong = 0, refused = 0, other = 0;
  std::atomic<bool> retry_after = true;
  for (int k = 0; k < 60; ++k) {
    burst.emplace_back([&, k] {
      Answer a = Send(SignInFrom("commissioner", "guess-" + std::to_string(k), "10.9.9.9"));
      if (a.status == 401)
        ++wrong;
      else if (a.status == 429)
        ++refused;
      else
        ++other;
      if (a.status == 429) {
        bool found = false;
        for (const auto& [name, value] : a.raw.headers) found |= name == "Retry-After";
        if (!found) retry_after = false;
      }
    });
  }
  for (std::thread& t : burst) t.join();
  EXPECT_EQ(wrong, LoginLimiter::kFreeFailures);
  EXPECT_EQ(refused, 60 - LoginLimiter::kFreeFailures);
  EXPECT_EQ(other, 0);
  EXPECT_TRUE(retry_after);
  // Unknown users from many addresses at once: none counts against another, and still at most
  // two hashes are worked out at a time.
  burst.clear();
  for (int k = 0; k < 24; ++k) {
    burst.emplace_back([k] {
      const int status =
          Send(SignInFrom("nobody" + std::to_string(k), "guess", "10.8.0." + std::to_string(k)))
              .status;
      EXPECT_TRUE(status == 401 || status == 503) << status;
    });
  }
  for (std::thread& t : burst) t.join();
  EXPECT_GE(Shared().api->HashingPeak(), 1);
  EXPECT_LE(Shared().api->HashingPeak(), 2);
}

// The attacker is locked, not the account: the real user still signs in from where they have
// before, and the audit log shows the failures and the lockout.
TEST(Api, TheRealUserSignsInFromTheirUsualAddressWhileTheAttackerIsLocked) {
  Fixture& f = Shared();
  EXPECT_EQ(Send(SignInFrom("care_coordinator", kPassword, "10.0.0.1")).status, 200);
  for (int k = 0; k < LoginLimiter::kFreeFailures; ++k)
    EXPECT_EQ(Send(SignInFrom("care_coordinator", "guess", "10.6.6.6")).status, 401);
  EXPECT_EQ(Send(SignInFrom("care_coordinator", kPassword, "10.6.6.6")).status, 429);
  for (int k = 0; k < LoginLimiter::kMaxFailuresPerUser; ++k) {
    Send(SignInFrom("care_coordinator", "guess", "10.5.0." + std::to_string(k)));
  }
  EXPECT_EQ(Send(SignInFrom("care_coordinator", kPassword, "10.5.1.1")).status, 429);
  EXPECT_EQ(Send(SignInFrom("care_coordinator", kPassword, "10.0.0.1")).status, 200);
  const json audit = Send(As(SignIn("administrator"), "GET", "/api/audit")).body;
  int failures = 0, sign_ins = 0, paused = 0;
  for (const json& e : audit["entries"]) {
    if (e["username"] != "care_coordinator" || e["endpoint"] != "POST /api/login") continue;
    const std::string detail = e["detail"];
    failures += detail.starts_with("failed sign-in from 10.6.6.6");
    sign_ins += detail == "signed in from 10.0.0.1";
    paused += detail.find("paused for 1 min") != std::string::npos;
  }
  EXPECT_EQ(failures, LoginLimiter::kFreeFailures);
  EXPECT_EQ(sign_ins, 2);
  EXPECT_EQ(paused, 1);
  f.now += LoginLimiter::kWindowSeconds;
  EXPECT_EQ(Send(SignInFrom("care_coordinator", kPassword, "10.5.1.1")).status, 200);
}

// A hash made with other parameters (libsodium's crypto_pwhash_str_alg at 3 passes over 32 MiB,
// of kPassword) is replaced at the next successful sign-in.
TEST(Api, AnOlderPasswordHashIsUpgradedAtSignIn) {
  Fixture& f = Shared();
  constexpr std::string_view kOlder =
      "$argon2id$v=19$m=32768,t=3,p=1$4RJhGqNQMBAqZyuKQtPonw$"
      "Ig1xWvsSmvtR3GyzX5SDy8dTM9D5/2n8DWfudgOuxWs";
  ASSERT_TRUE(VerifyPassword(kOlder, kPassword));
  ASSERT_TRUE(NeedsRehash(kOlder));
  const auto cli = Beside(f);
  Accounts accounts(*cli);
  ASSERT_TRUE(accounts.AddUser("older.hash", Role::kBoard, f.ico_id, kPassword).ok());
  ASSERT_TRUE(InOneWrite(*cli, [&] {
                return Execute(*cli, "UPDATE users SET password_hash = ? WHERE username = ?",
                               {kOlder, std::string_view("older.hash")});
              }).ok());
  SignIn("older.hash");
  auto user = accounts.FindUser("older.hash");
  ASSERT_TRUE(user.ok() && user->has_value());
  EXPECT_NE((*user)->password_hash, kOlder);
  EXPECT_FALSE(NeedsRehash((*user)->password_hash));
  EXPECT_TRUE(VerifyPassword((*user)->password_hash, kPassword));
  SignIn("older.hash");  // and the new hash signs in
}

// Bytes that are not UTF-8, anywhere a request carries text, are the client's mistake: 400 in
// the one JSON shape, with the security headers.
TEST(Api, InvalidUtf8IsABadRequestNotAFailure) {
  const Session admin = SignIn("administrator");
  HttpRequest query = As(admin, "GET", "/api/audit");
  query.query.emplace("after", "\xFF");
  for (const HttpRequest& r :
       {Request("GET", "/api/nothing\xFF"), query,
        Request("POST", "/api/login", "{\"username\": \"\xFF\", \"password\": \"x\"}")}) {
    Answer a = Send(r);
    EXPECT_EQ(a.status, 400) << r.path;
    EXPECT_EQ(a.body["error"]["code"], 400) << r.path;
    EXPECT_NE(a.body["error"]["message"].get<std::string>().find("UTF-8"), std::string::npos);
    std::map<std::string, std::string> headers(a.raw.headers.begin(), a.raw.headers.end());
    EXPECT_EQ(headers["X-Content-Type-Options"], "nosniff");
  }
}

TEST(Api, BadRequestsGetAJsonErrorNeverACrash) {
  Fixture& f = Shared();
  const Session lead = SignIn("clinical_lead");
  std::vector<std::pair<HttpRequest, int>> cases = {
      {Request("POST", "/api/login", "{\"username\": \"x\", "), 400},  // malformed JSON
      {Request("POST", "/api/login", "[1, 2]"), 400},
      {Request("POST", "/api/login", "{\"username\": 1, \"password\": \"p\"}"), 400},
      {Request("POST", "/api/login", "{\"user\": \"x\", \"password\": \"p\"}"), 400},
      {Request("GET", "/api/no-such-thing"), 404},
      {Request("DELETE", IcoPath("overview")), 405},
      {Request("GET", "/../../etc/passwd"), 404},
      {As(lead, "GET", IcoPath("practices/") + "ZP0001' OR '1'='1/case-finding"), 404},
      {As(lead, "GET", IcoPath("practices/") + "%00/case-finding"), 404},
      {As(lead, "GET", IcoPath("practices/") + f.practice + "/case-finding/extra"), 404},
  };
  HttpRequest form = Request("POST", "/api/login", "username=x&password=y");
  form.headers.clear();
  form.headers.emplace("content-type", "application/x-www-form-urlencoded");
  cases.emplace_back(form, 415);
  const Session admin = SignIn("administrator");
  cases.emplace_back(As(admin, "GET", "/api/audit"), 200);
  HttpRequest bad_after = As(admin, "GET", "/api/audit");
  bad_after.query.emplace("after", "1; DROP TABLE audit");
  cases.emplace_back(bad_after, 400);
  // The voice form's body: malformed, mistyped, or carrying injection in each field.
  const std::string day = "2025-01-15";
  HttpRequest broken = Post(lead, IcoPath("voice"), json::object());
  broken.body = "{\"survey\": \"patient_fft\", ";
  cases.emplace_back(broken, 400);
  cases.emplace_back(Post(lead, IcoPath("voice"), json::array({1, 2})), 400);
  json injected = FftResponse(f.practice, day, "good");
  injected["practice"] = "ZP0001'; DROP TABLE voice_responses; --";
  cases.emplace_back(Post(lead, IcoPath("voice"), injected), 400);
  injected = FftResponse(f.practice, day, "good");
  injected["survey"] = "<script>alert(1)</script>";
  cases.emplace_back(Post(lead, IcoPath("voice"), injected), 400);
  injected = FftResponse(f.practice, "2025-01-15' OR '1'='1", "good");
  cases.emplace_back(Post(lead, IcoPath("voice"), injected), 400);
  injected = FftResponse(f.practice, day, "good' OR '1'='1");
  cases.emplace_back(Post(lead, IcoPath("voice"), injected), 400);
  injected = FftResponse(f.practice, day, "good");
  injected["answers"][0]["answer"] = 5;
  cases.emplace_back(Post(lead, IcoPath("voice"), injected), 400);
  injected["answers"] = "very_good";
  cases.emplace_back(Post(lead, IcoPath("voice"), injected), 400);
  for (const auto& [request, status] : cases) {
    Answer a = Send(request);
    EXPECT_EQ(a.status, status) << request.method << " " << request.path << ": " << a.body;
    if (status >= 400) {
      EXPECT_EQ(a.body["error"]["code"], status) << request.path;
      EXPECT_TRUE(a.body["error"]["message"].is_string()) << request.path;
    }
  }
  auto stored = VoiceStore(*Beside(f)).All();  // every table still there, nothing kept
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  EXPECT_TRUE(stored->empty());
}

TEST(Api, ResponsesCarrySecurityHeaders) {
  Answer a = Send(Request("GET", IcoPath("overview")));
  std::map<std::string, std::string> headers(a.raw.headers.begin(), a.raw.headers.end());
  EXPECT_EQ(headers["X-Content-Type-Options"], "nosniff");
  EXPECT_EQ(headers["Cache-Control"], "no-store");
  EXPECT_EQ(headers["X-Frame-Options"], "DENY");
}

TEST(HttpServer, ServesTheApiOverASocketAndRefusesOversizedBodies) {
  Fixture& f = Shared();
  HttpServer server([&](const HttpRequest& r) { return f.api->Handle(r); });
  std::mutex logged_mutex;
  std::vector<std::string> logged;
  Result<int> port = server.Bind({.host = "127.0.0.1",
                                  .port = 0,
                                  .max_body_bytes = 4096,
                                  .on_answer = [&](const RequestRecord& record) {
                                    std::lock_guard lock(logged_mutex);
                                    logged.push_back(FormatRequestLine(record));
                                  }});
  ASSERT_TRUE(port.ok()) << port.status().message();
  std::thread serving([&] { (void)server.Serve(); });
  auto call = [&](const std::string& method, const std::string& path, const std::string& body,
                  std::vector<std::pair<std::string, std::string>> headers = {}) {
    Result<HttpReply> r = HttpCall("127.0.0.1", *port, method, path, body, headers);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? *r : HttpReply{};
  };
  HttpReply login =
      call("POST", "/api/login", json{{"username", "board"}, {"password", kPassword}}.dump());
  EXPECT_EQ(login.status, 200);
  const std::string cookie =
      login.Header("set-cookie").substr(0, login.Header("set-cookie").find(';'));
  HttpReply overview = call("GET", IcoPath("overview"), "", {{"Cookie", cookie}});
  EXPECT_EQ(overview.status, 200);
  EXPECT_EQ(json::parse(overview.body)["ico"]["id"].is_string(), true);
  HttpReply big = call("POST", "/api/login", std::string(10000, 'x'));
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(json::parse(big.body, nullptr, false)["error"]["code"], 413);
  for (const char* path : {"/api/nothing%FF", "/api/audit?after=%FF"}) {
    HttpReply invalid = call("GET", path, "", {{"Cookie", cookie}});
    EXPECT_EQ(invalid.status, 400) << path;
    EXPECT_EQ(json::parse(invalid.body, nullptr, false)["error"]["code"], 400) << path;
    EXPECT_EQ(invalid.Header("x-content-type-options"), "nosniff") << path;
  }
  HttpReply traversal = call("GET", "/api/../../../etc/passwd", "");
  EXPECT_GE(traversal.status, 400);
  EXPECT_LT(traversal.status, 500);
  server.Stop();
  serving.join();
  // One line per request: the route's pattern and who asked; never a password or query.
  std::lock_guard lock(logged_mutex);
  ASSERT_GE(logged.size(), 5u);
  auto line_of = [&](const std::string& what) {
    for (const std::string& line : logged)
      if (line.find(what) != std::string::npos) return line;
    return std::string();
  };
  EXPECT_TRUE(line_of(" POST /api/login 200 ").ends_with("ms board")) << line_of("/api/login");
  EXPECT_TRUE(line_of(" GET /api/icos/{ico}/overview 200 ").ends_with("ms board"));
  EXPECT_NE(line_of(" GET /api/nothing%FF 400 "), "");
  for (const std::string& line : logged) {
    EXPECT_EQ(line.find(kPassword), std::string::npos) << line;
    EXPECT_EQ(line.find("after="), std::string::npos) << line;
  }
}

}  // namespace
}  // namespace continuum
