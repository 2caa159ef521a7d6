// The commissioner's watch for cherry-picking on the server (GET
// /api/commissioners/{commissioner}/selection): a programme of small ICOs, the first of which
// removes 2% of its top need decile, so that some measures rest on a handful of removals. Each
// commissioner's analyst sees their own ICOs' measures under disclosure control, audited; and an
// analyst who sets everything the answer shows against everything else — the exits by decile,
// each measure's effect and interval — narrows no count of 1 to 7 to fewer than 3 values, while
// the same figures published without withholding would give such counts away.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "selection/selection_report.h"
#include "server/test_client.h"
#include "store/accounts.h"

namespace continuum {
namespace {

using nlohmann::json;
constexpr std::string_view kPassword = "correct horse battery staple";

struct Programme {
  std::unique_ptr<GeneratedIco> data;
  std::unique_ptr<Api> api;
};

Programme& Shared() {
  static Programme* programme = [] {
    auto* p = new Programme;
    GeneratorOptions options{.patients = 3000,
                             .practices = 2,
                             .icos = 3,
                             .commissioners = 2,
                             .control_practices = 2,
                             .seed = 41};
    options.plant_selection.push_back({"ZICO1", 0.02});
    auto generated = GenerateAndLoad(TestFolder("selection-routes"), options);
    EXPECT_TRUE(generated.ok()) << generated.status().message();
    p->data = std::move(*generated);
    Accounts accounts(*p->data->workspace);
    EXPECT_TRUE(accounts.AddUser("analyst1", Role::kCommissioner, "ZQ1", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("analyst2", Role::kCommissioner, "ZQ2", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("lead", Role::kClinicalLead, "ZICO1", kPassword).ok());
    auto api = Api::Create(p->data->population(), *p->data->workspace, {.voice_watch_seconds = 0});
    EXPECT_TRUE(api.ok()) << api.status().message();
    p->api = std::move(*api);
    return p;
  }();
  return *programme;
}

TEST(SelectionRoutes, EachAnalystSeesTheirOwnIcosUnderDisclosureControlAudited) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::User analyst1 = client.SignIn("analyst1", kPassword);
  const TestClient::Answer a = client.Get(analyst1, "/api/commissioners/ZQ1/selection");
  ASSERT_EQ(a.status, 200) << a.body.dump();
  EXPECT_EQ(a.body["disclosure"], "controlled");
  std::set<std::string> icos;
  for (const json& m : a.body["measures"]) icos.insert(m["ico"]);
  EXPECT_EQ(icos, (std::set<std::string>{"ZICO1", "ZICO2"}));
  EXPECT_EQ(client.Get(analyst1, "/api/commissioners/ZQ2/selection").status, 403);
  EXPECT_EQ(client.Get(client.SignIn("lead", kPassword), "/api/commissioners/ZQ1/selection").status,
            403);
  EXPECT_EQ(client.Send(TestRequest("GET", "/api/commissioners/ZQ1/selection")).status, 401);
  // Every count shown is 0 or at least 10 and a multiple of 5.
  for (const json& row : a.body["exits_by_need_decile"]) {
    for (const char* field : {"removals", "other_exits"}) {
      if (row[field].is_null()) continue;
      const int64_t n = row[field];
      EXPECT_TRUE(n == 0 || (n >= 10 && n % 5 == 0)) << row.dump();
    }
  }
  auto entries = Accounts(*p.data->workspace).ReadAudit(0, 1000);
  ASSERT_TRUE(entries.ok());
  bool audited = false;
  for (const AuditEntry& e : *entries) {
    audited |= e.username == "analyst1" && e.detail == "selection of commissioner ZQ1";
  }
  EXPECT_TRUE(audited);
}

// The four counts behind a ratio of rate ratios: [0] the ICO's top decile, [1] its other
// deciles, [2] and [3] the control practices'.
using Cells = std::array<int64_t, 4>;

// Every value a count shown as `shown` (null: suppressed) may stand for.
std::vector<int64_t> Behind(const json& shown) {
  if (shown.is_null()) return {1, 2, 3, 4, 5, 6, 7};
  const int64_t v = shown;
  if (v == 0) return {0};
  return {v - 2, v - 1, v, v + 1, v + 2};
}

// The range of a sum of counts shown as `shown`.
std::pair<int64_t, int64_t> SumBehind(const std::vector<json>& shown) {
  int64_t lo = 0, hi = 0;
  for (const json& s : shown) {
    const std::vector<int64_t> values = Behind(s);
    lo += values.front();
    hi += values.back();
  }
  return {lo, hi};
}

// What the attacker narrows each of an ICO's four removal (or exit) counts to: the values of
// every combination the exits by decile allow whose Woolf variance Σ 1/(x + 1/2) matches the one
// the interval shown implies (to 1e-9), when an interval is shown.
std::array<std::set<int64_t>, 4> Narrowed(const json& answer, const std::string& ico,
                                          const std::string& field,
                                          std::optional<std::pair<double, double>> interval) {
  std::array<std::vector<json>, 4> shown;
  for (const json& row : answer["exits_by_need_decile"]) {
    if (row["ico"] != ico) continue;
    const int cell = (row["group"] == "ico" ? 0 : 2) + (row["need_decile"] == 10 ? 0 : 1);
    shown[cell].push_back(row[field]);
  }
  std::array<std::pair<int64_t, int64_t>, 4> range;
  for (int c = 0; c < 4; ++c) range[c] = SumBehind(shown[c]);
  std::array<std::set<int64_t>, 4> out;
  double variance = NAN;
  if (interval) {
    const double se =
        (std::log(interval->second) - std::log(interval->first)) / (2 * 1.959963984540054);
    variance = se * se;
  }
  for (int64_t a = range[0].first; a <= range[0].second; ++a) {
    for (int64_t b = range[1].first; b <= range[1].second; ++b) {
      for (int64_t c = range[2].first; c <= range[2].second; ++c) {
        for (int64_t e = range[3].first; e <= range[3].second; ++e) {
          if (interval) {
            const double v = 1 / (a + .5) + 1 / (b + .5) + 1 / (c + .5) + 1 / (e + .5);
            if (std::fabs(v - variance) > 1e-9 * variance) continue;
          }
          out[0].insert(a);
          out[1].insert(b);
          out[2].insert(c);
          out[3].insert(e);
        }
      }
    }
  }
  return out;
}

TEST(SelectionRoutes, AnAnalystSettingEveryFigureAgainstTheOthersLearnsNoSmallCount) {
  Programme& p = Shared();
  TestClient client(*p.api);
  const TestClient::User analyst1 = client.SignIn("analyst1", kPassword);
  const json answer = client.Get(analyst1, "/api/commissioners/ZQ1/selection").body;
  // The exact figures, as the workspace's own user would see them.
  const Population& population = p.data->population();
  auto exact = RunSelection(population, population.events.cost, {.commissioner = "ZQ1"});
  ASSERT_TRUE(exact.ok()) << exact.status().message();
  int small_counts = 0, given_away_without_withholding = 0;
  for (size_t i = 0; i < exact->icos.size(); ++i) {
    const std::string ico(population.organisations.ids.Value(exact->icos[i]));
    for (const bool removals : {true, false}) {
      const std::string field = removals ? "removals" : "other_exits";
      const std::string name = removals ? "removals_top_need" : "exits_top_need";
      Cells truth{};
      for (int k = 0; k < 10; ++k) {
        const ExitsByDecile& x = exact->ico_exits[i];
        const ExitsByDecile& c = exact->control_exits[i];
        truth[k == 9 ? 0 : 1] += removals ? x.removals[k] : x.other_exits[k];
        truth[k == 9 ? 2 : 3] += removals ? c.removals[k] : c.other_exits[k];
      }
      const SelectionMeasure* measure = nullptr;
      for (const SelectionMeasure& m : exact->measures) {
        if (m.ico == exact->icos[i] && m.measure == name) measure = &m;
      }
      ASSERT_NE(measure, nullptr);
      std::optional<std::pair<double, double>> shown;
      for (const json& m : answer["measures"]) {
        if (m["ico"] == ico && m["measure"] == name && !m["ci_low"].is_null()) {
          shown = std::pair{m["ci_low"].get<double>(), m["ci_high"].get<double>()};
        }
      }
      const auto narrowed = Narrowed(answer, ico, field, shown);
      // Published without withholding: the exact interval beside the same exits by decile.
      std::optional<std::pair<double, double>> unwithheld;
      if (measure->estimated()) unwithheld = std::pair{measure->ci_low, measure->ci_high};
      const auto exposed = Narrowed(answer, ico, field, unwithheld);
      for (int c = 0; c < 4; ++c) {
        if (truth[c] < 1 || truth[c] > 7) continue;
        ++small_counts;
        EXPECT_TRUE(narrowed[c].count(truth[c])) << ico << " " << name << " cell " << c;
        EXPECT_GE(narrowed[c].size(), 3u) << ico << " " << name << " cell " << c;
        given_away_without_withholding += exposed[c].size() < 3;
      }
    }
  }
  // The programme has small counts for the attack to aim at, and withholding is what stops it.
  EXPECT_GT(small_counts, 0);
  EXPECT_GT(given_away_without_withholding, 0);
}

}  // namespace
}  // namespace continuum
