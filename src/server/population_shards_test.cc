// The server on a programme's shards: a programme of three ICOs under two commissioners served
// once from its shards, each loaded when an ICO or commissioner in it is first asked about, and
// once from the whole population. Every answer, exact or under disclosure control, is the same
// byte for byte, and the server holds only the shards that have been asked about.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "finance/ico_scope.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "server/test_client.h"
#include "store/accounts.h"
#include "store/saved_files.h"

namespace continuum {
namespace {

constexpr std::string_view kPassword = "correct horse battery staple";

struct Served {
  std::unique_ptr<GeneratedIco> data;
  std::unique_ptr<Api> whole, sharded;
};

Served& Shared() {
  static Served* served = [] {
    auto* s = new Served;
    auto generated = GenerateAndLoad(TestFolder("population-shards"), {.patients = 3000,
                                                                       .practices = 2,
                                                                       .icos = 3,
                                                                       .commissioners = 2,
                                                                       .control_practices = 1,
                                                                       .years = 2,
                                                                       .seed = 17});
    EXPECT_TRUE(generated.ok()) << generated.status().message();
    s->data = std::move(*generated);
    Workspace& w = *s->data->workspace;
    std::ifstream in(std::string(CONTINUUM_SOURCE_DIR) + "/data/contracts/nelson_vale.json");
    std::stringstream text;
    text << in.rdbuf();
    // ZICO1's contract with ZQ1 and the same terms for ZICO3 with ZQ2.
    for (const auto& [ico, commissioner] : {std::pair{"ZICO1", "ZQ1"}, {"ZICO3", "ZQ2"}}) {
      std::string contract =
          std::regex_replace(text.str(), std::regex("\"ZICO1\""), std::string("\"") + ico + "\"");
      contract = std::regex_replace(contract, std::regex("\"ZQ1\""),
                                    std::string("\"") + commissioner + "\"");
      EXPECT_TRUE(SavedFiles(w)
                      .Add({.kind = SavedKind::kContract,
                            .ico = ico,
                            .year = 2024,
                            .file_name = std::string("contract_") + ico + ".json",
                            .text = contract,
                            .added_by = "test"})
                      .ok());
    }
    Accounts accounts(w);
    EXPECT_TRUE(accounts.AddUser("evaluator", Role::kEvaluator, "", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("board1", Role::kBoard, "ZICO1", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("board3", Role::kBoard, "ZICO3", kPassword).ok());
    EXPECT_TRUE(accounts.AddUser("coordinator3", Role::kCareCoordinator, "ZICO3", kPassword).ok());
    const ApiOptions options{.simulation_years = 200, .voice_watch_seconds = 0};
    auto whole = Api::Create(s->data->population(), w, options);
    EXPECT_TRUE(whole.ok()) << whole.status().message();
    s->whole = std::move(*whole);
    auto sharded = Api::Create(w, options);
    EXPECT_TRUE(sharded.ok()) << sharded.status().message();
    s->sharded = std::move(*sharded);
    return s;
  }();
  return *served;
}

// An answer without the seconds its parts took, which no two runs share.
nlohmann::json WithoutTimings(nlohmann::json j) {
  if (j.is_object()) {
    j.erase("seconds");
    for (auto& [key, value] : j.items()) value = WithoutTimings(value);
  } else if (j.is_array()) {
    for (auto& value : j) value = WithoutTimings(value);
  }
  return j;
}

// The same request of both servers, by the same user.
void ExpectSameAnswer(const std::string& user, const std::string& path) {
  Served& s = Shared();
  TestClient whole(*s.whole), sharded(*s.sharded);
  TestClient::Answer a = whole.Get(whole.SignIn(user, kPassword), path);
  TestClient::Answer b = sharded.Get(sharded.SignIn(user, kPassword), path);
  a.body = WithoutTimings(a.body);
  b.body = WithoutTimings(b.body);
  EXPECT_EQ(a.status, 200) << user << " " << path << " " << a.body.dump();
  EXPECT_EQ(b.status, a.status) << user << " " << path;
  EXPECT_EQ(b.body, a.body) << user << " " << path;
}

TEST(PopulationShards, AServerLoadsOnlyTheShardsAskedAbout) {
  Served& s = Shared();
  EXPECT_EQ(s.sharded->ShardsLoaded(), 0u);
  // Listing the ICOs needs only the directory.
  TestClient client(*s.sharded);
  const TestClient::User evaluator = client.SignIn("evaluator", kPassword);
  const TestClient::Answer icos = client.Get(evaluator, "/api/icos");
  ASSERT_EQ(icos.status, 200);
  EXPECT_EQ(icos.body["icos"].size(), 3u);
  EXPECT_EQ(s.sharded->ShardsLoaded(), 0u);
  EXPECT_EQ(client.Get(evaluator, "/api/icos/ZICO3/overview").status, 200);
  EXPECT_EQ(s.sharded->ShardsLoaded(), 1u);
  // ZICO2 is ZQ1's, as is ZICO1: one more shard, then no more.
  EXPECT_EQ(client.Get(evaluator, "/api/icos/ZICO2/overview").status, 200);
  EXPECT_EQ(client.Get(evaluator, "/api/commissioners/ZQ1/oversight").status, 200);
  EXPECT_EQ(s.sharded->ShardsLoaded(), 2u);
}

TEST(PopulationShards, EveryIcoAnswersTheSameFromItsShard) {
  for (const std::string ico : {"ZICO1", "ZICO3"}) {
    for (const char* answer : {"overview", "quality", "comparison", "risk", "pathways",
                               "finance/monitor", "finance/settlement", "finance/scenarios"}) {
      const std::string path = "/api/icos/" + ico + "/" + answer;
      ExpectSameAnswer("evaluator", path);
      if (std::string(answer) != "comparison")
        ExpectSameAnswer(ico == "ZICO1" ? "board1" : "board3", path);
    }
  }
  ExpectSameAnswer("evaluator", "/api/icos/ZICO2/quality");
}

TEST(PopulationShards, IdentifiableListsAndOversightAreTheSameFromTheShards) {
  Served& s = Shared();
  const Population& p = s.data->population();
  Result<IcoScope> members = IcoScopeOf(p, "ZICO3", "");
  ASSERT_TRUE(members.ok());
  ASSERT_FALSE(members->practices.empty());
  for (uint32_t org : members->practices) {
    const std::string practice = p.organisations.ids.Value(org);
    ExpectSameAnswer("coordinator3", "/api/icos/ZICO3/practices/" + practice + "/case-finding");
    ExpectSameAnswer("coordinator3", "/api/icos/ZICO3/practices/" + practice + "/worklist");
  }
  for (const char* commissioner : {"ZQ1", "ZQ2"}) {
    ExpectSameAnswer("evaluator", std::string("/api/commissioners/") + commissioner + "/oversight");
  }
}

// With a budget smaller than one shard, a server keeps only the shard in use: opening another
// commissioner's ICO lets the first go, with its rooms, and asking for it again loads it again
// and answers as before.
TEST(PopulationShards, BeyondItsBudgetAServerLetsTheShardUsedLongestAgoGo) {
  Served& s = Shared();
  auto api =
      Api::Create(*s.data->workspace,
                  {.simulation_years = 200, .voice_watch_seconds = 0, .shard_memory_bytes = 1});
  ASSERT_TRUE(api.ok()) << api.status().message();
  TestClient client(**api), whole(*s.whole);
  const TestClient::User evaluator = client.SignIn("evaluator", kPassword);
  const TestClient::Answer first = client.Get(evaluator, "/api/icos/ZICO3/overview");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ((*api)->ShardsLoaded(), 1u);
  EXPECT_EQ((*api)->RoomsMade(), 1u);
  EXPECT_EQ(client.Get(evaluator, "/api/icos/ZICO1/overview").status, 200);
  EXPECT_EQ((*api)->ShardsLoaded(), 1u);
  EXPECT_EQ((*api)->RoomsMade(), 1u);  // ZICO3's room went with its shard
  // An answer worked out before the shard went is kept: served as it was, loading nothing.
  const TestClient::Answer again = client.Get(evaluator, "/api/icos/ZICO3/overview");
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.body,
            whole.Get(whole.SignIn("evaluator", kPassword), "/api/icos/ZICO3/overview").body);
  EXPECT_EQ((*api)->ShardsLoaded(), 1u);
  EXPECT_EQ((*api)->RoomsMade(), 1u);  // still ZICO1's alone
  // One never worked out loads the shard again, in a new room, and answers as the whole does.
  const TestClient::Answer risk = client.Get(evaluator, "/api/icos/ZICO3/risk");
  ASSERT_EQ(risk.status, 200);
  EXPECT_EQ(
      WithoutTimings(risk.body),
      WithoutTimings(whole.Get(whole.SignIn("evaluator", kPassword), "/api/icos/ZICO3/risk").body));
  EXPECT_EQ((*api)->ShardsLoaded(), 1u);
  EXPECT_EQ((*api)->RoomsMade(), 1u);  // ZICO1's went with its shard in turn
  // Scope is still checked before a kept answer is served.
  const TestClient::User board = client.SignIn("board3", kPassword);
  EXPECT_EQ(client.Get(board, "/api/icos/ZICO1/overview").status, 403);
}

}  // namespace
}  // namespace continuum
