// Who may open which ICO: a programme of two ICOs under one commissioner, with users of every
// role bound to their organisations, and every ICO route tried by every role on both ICOs.
#include "server/scope.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "engine/engine.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"
#include "server/test_client.h"
#include "store/accounts.h"

namespace continuum {
namespace {

constexpr std::string_view kPassword = "correct horse battery staple";

// The ICOs' routes and the roles each allows (server/api.cc's table, written out again here so
// that a change to either is seen).
struct IcoRoute {
  std::string path;  // after /api/icos/{ico}/; {practice} is a member practice of the ICO
  std::vector<Role> roles;
};

const std::vector<IcoRoute>& IcoRoutes() {
  static const std::vector<IcoRoute> routes = [] {
    const std::vector<Role> aggregates = {
        Role::kBoard,           Role::kClinicalLead, Role::kPracticeClinician,
        Role::kCareCoordinator, Role::kCommissioner, Role::kEvaluator};
    const std::vector<Role> finance = {Role::kBoard, Role::kClinicalLead, Role::kCommissioner,
                                       Role::kEvaluator};
    const std::vector<Role> identifiable = {Role::kClinicalLead, Role::kPracticeClinician,
                                            Role::kCareCoordinator};
    return std::vector<IcoRoute>{
        {"overview", aggregates},
        {"quality", aggregates},
        {"risk", aggregates},
        {"pathways", aggregates},
        {"comparison", {Role::kCommissioner, Role::kEvaluator}},
        {"finance/monitor", finance},
        {"finance/settlement", finance},
        {"finance/scenarios", finance},
        {"finance/simulation", finance},
        {"practices/{practice}/case-finding", identifiable},
        {"practices/{practice}/worklist", identifiable},
        {"voice", identifiable},
    };
  }();
  return routes;
}

struct Programme {
  std::unique_ptr<GeneratedIco> data;
  std::unique_ptr<Api> api;
  std::vector<std::string> icos;                      // ZICO1, ZICO2
  std::map<std::string, std::string> first_practice;  // by ICO
  std::string commissioner;
};

Programme& Shared() {
  static Programme* programme = [] {
    auto* p = new Programme;
    GeneratorOptions options;
    options.patients = 2500;
    options.practices = 2;
    options.icos = 2;
    options.control_practices = 1;
    options.years = 2;
    options.seed = 21;
    auto generated = GenerateAndLoad(TestFolder("scope"), options);
    EXPECT_TRUE(generated.ok()) << generated.status().message();
    p->data = std::move(*generated);
    const Population& pop = p->data->population();
    for (uint32_t o = 0; o < pop.organisations.size(); ++o) {
      const auto kind = static_cast<OrgKind>(pop.organisations.kind[o]);
      const std::string id(pop.organisations.ids.Value(o));
      if (kind == OrgKind::kIco) p->icos.push_back(id);
      if (kind == OrgKind::kCommissioner) p->commissioner = id;
      const uint32_t parent = pop.organisations.parent[o];
      if (kind == OrgKind::kPractice && parent != Dictionary::kMissing &&
          pop.organisations.kind[parent] == static_cast<uint8_t>(OrgKind::kIco)) {
        std::string& first = p->first_practice[std::string(pop.organisations.ids.Value(parent))];
        if (first.empty() || id < first) first = id;
      }
    }
    std::sort(p->icos.begin(), p->icos.end());
    Accounts accounts(*p->data->workspace);
    for (int r = 0; r < kRoleCount; ++r) {
      const Role role = static_cast<Role>(r);
      const std::string_view kind = OrganisationKindOf(role);
      const std::string organisation = kind == "ico"            ? p->icos[0]
                                       : kind == "practice"     ? p->first_practice[p->icos[0]]
                                       : kind == "commissioner" ? p->commissioner
                                                                : "";
      EXPECT_TRUE(accounts.AddUser(RoleName(role), role, organisation, kPassword).ok());
    }
    auto api = Api::Create(pop, *p->data->workspace, {.voice_watch_seconds = 0});
    EXPECT_TRUE(api.ok()) << api.status().message();
    p->api = std::move(*api);
    return p;
  }();
  return *programme;
}

TEST(Scope, EachRoleOpensTheIcosOfItsOrganisation) {
  Programme& p = Shared();
  ASSERT_EQ(p.icos.size(), 2u);
  const Population& pop = p.data->population();
  auto ids = [&](Role role, std::string_view organisation) {
    std::vector<std::string> out;
    for (uint32_t ico : IcosInScope(pop, role, organisation))
      out.emplace_back(pop.organisations.ids.Value(ico));
    return out;
  };
  const std::vector<std::string> first = {p.icos[0]}, second = {p.icos[1]}, none;
  EXPECT_EQ(ids(Role::kBoard, p.icos[0]), first);
  EXPECT_EQ(ids(Role::kClinicalLead, p.icos[1]), second);
  EXPECT_EQ(ids(Role::kPracticeClinician, p.first_practice[p.icos[1]]), second);
  EXPECT_EQ(ids(Role::kCommissioner, p.commissioner), p.icos);
  EXPECT_EQ(ids(Role::kEvaluator, ""), p.icos);
  EXPECT_EQ(ids(Role::kAdministrator, ""), none);
  // An organisation of the wrong kind, or none, opens nothing.
  EXPECT_EQ(ids(Role::kBoard, p.commissioner), none);
  EXPECT_EQ(ids(Role::kCommissioner, p.icos[0]), none);
  EXPECT_EQ(ids(Role::kPracticeClinician, p.icos[0]), none);
  EXPECT_EQ(ids(Role::kBoard, ""), none);
  EXPECT_EQ(ids(Role::kCareCoordinator, "NOWHERE"), none);
}

TEST(Scope, ListsTheIcosAUserMayOpen) {
  Programme& p = Shared();
  TestClient client(*p.api);
  auto listed = [&](Role role) {
    TestClient::Answer a = client.Get(client.SignIn(RoleName(role), kPassword), "/api/icos");
    std::vector<std::string> out;
    if (a.status != 200) return std::vector<std::string>{"status " + std::to_string(a.status)};
    for (const auto& ico : a.body["icos"]) out.push_back(ico["id"]);
    return out;
  };
  EXPECT_EQ(listed(Role::kBoard), std::vector<std::string>{p.icos[0]});
  EXPECT_EQ(listed(Role::kPracticeClinician), std::vector<std::string>{p.icos[0]});
  EXPECT_EQ(listed(Role::kCommissioner), p.icos);
  EXPECT_EQ(listed(Role::kEvaluator), p.icos);
  EXPECT_EQ(listed(Role::kAdministrator), std::vector<std::string>{"status 403"});
  const TestClient::Answer board = client.Get(client.SignIn("board", kPassword), "/api/icos");
  EXPECT_EQ(board.body["icos"][0]["commissioner"]["id"], p.commissioner);
  EXPECT_EQ(board.body["icos"][0]["practices"], 2);
  EXPECT_EQ(board.body["icos"][0]["contract"], false);
}

// Every role on every ICO route of both ICOs (and of one that does not exist): outside the role
// 403; outside the user's scope 403 and nothing of that ICO is worked out; inside, the answer
// (404 for the finance pages, which have no contract here).
TEST(Scope, EveryRouteRefusesAnIcoOutsideTheUsersScopeBeforeComputingIt) {
  Programme& p = Shared();
  TestClient client(*p.api);
  std::map<Role, TestClient::User> users;
  for (int r = 0; r < kRoleCount; ++r)
    users[static_cast<Role>(r)] = client.SignIn(RoleName(static_cast<Role>(r)), kPassword);
  // Refusals first: they must make no room.
  for (const std::string& ico : {p.icos[1], std::string("ZNOPE")}) {
    for (const IcoRoute& route : IcoRoutes()) {
      std::string path = route.path;
      if (const size_t at = path.find("{practice}"); at != std::string::npos)
        path.replace(at, 10, p.first_practice.count(ico) ? p.first_practice[ico] : "ZP9999");
      for (const auto& [role, user] : users) {
        const bool in_scope = role == Role::kCommissioner || role == Role::kEvaluator;
        if (in_scope && ico != "ZNOPE") continue;
        const TestClient::Answer a = client.Get(user, "/api/icos/" + ico + "/" + path);
        EXPECT_EQ(a.status, 403) << RoleName(role) << " " << ico << " " << path;
      }
    }
  }
  EXPECT_EQ(p.api->RoomsMade(), 0u) << "a refused request made an ICO's room";
  for (const std::string& ico : p.icos) {
    for (const IcoRoute& route : IcoRoutes()) {
      std::string path = route.path;
      if (const size_t at = path.find("{practice}"); at != std::string::npos)
        path.replace(at, 10, p.first_practice[ico]);
      for (const auto& [role, user] : users) {
        const bool allowed =
            std::find(route.roles.begin(), route.roles.end(), role) != route.roles.end();
        const bool in_scope = role == Role::kCommissioner || role == Role::kEvaluator ||
                              (role != Role::kAdministrator && ico == p.icos[0]);
        const int expected = !allowed || !in_scope               ? 403
                             : route.path.starts_with("finance") ? 404
                                                                 : 200;
        const TestClient::Answer a = client.Get(user, "/api/icos/" + ico + "/" + path);
        EXPECT_EQ(a.status, expected)
            << RoleName(role) << " " << ico << " " << path << " " << a.body.dump().substr(0, 200);
      }
    }
  }
  EXPECT_EQ(p.api->RoomsMade(), 2u);
}

// An import made beside a running server (continuum import on the same workspace) is served
// within the watch's period, without a restart: here a new ICO appears in the evaluator's list.
TEST(Scope, AnImportBesideTheServerIsServedWithoutARestart) {
  const std::filesystem::path folder = TestFolder("scope_reload");
  std::filesystem::create_directories(folder / "more");
  const std::string path = (folder / "w.db").string();
  auto workspace = Workspace::Open(path, Workspace::kCreate);
  ASSERT_TRUE(workspace.ok()) << workspace.status().message();
  auto imported = ImportFolder(std::string(CONTINUUM_SOURCE_DIR) + "/tests/cases/import/valid",
                               **workspace, {});
  ASSERT_TRUE(imported.ok() && imported->committed);
  ASSERT_TRUE(Accounts(**workspace).AddUser("evaluator", Role::kEvaluator, "", kPassword).ok());
  auto engine = Engine::Open(**workspace);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  const std::shared_ptr<const Engine> loaded(std::move(*engine));
  auto api = Api::Create(std::shared_ptr<const Population>(loaded, &loaded->population()),
                         **workspace, {.voice_watch_seconds = 1});
  ASSERT_TRUE(api.ok()) << api.status().message();
  TestClient client(**api);
  const TestClient::User evaluator = client.SignIn("evaluator", kPassword);
  auto listed = [&] {
    std::vector<std::string> ids;
    const TestClient::Answer answer = client.Get(evaluator, "/api/icos");
    for (const auto& ico : answer.body["icos"]) ids.push_back(ico["id"]);
    return ids;
  };
  EXPECT_EQ(listed(), std::vector<std::string>{"ICO1"});
  EXPECT_EQ(client.Get(evaluator, "/api/icos/ICO1/quality").status, 200);
  EXPECT_EQ(client.Get(evaluator, "/api/icos/ICO2/quality").status, 403);

  std::ofstream(folder / "more" / "organisations.csv")
      << "org_id,name,kind,parent_id\nICO2,Second Integrated Care Organisation,ico,COM1\n";
  {
    auto beside = Workspace::Open(path, Workspace::kMustExist);
    ASSERT_TRUE(beside.ok()) << beside.status().message();
    auto more = ImportFolder((folder / "more").string(), **beside, {});
    ASSERT_TRUE(more.ok() && more->committed);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (listed().size() < 2 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(listed(), (std::vector<std::string>{"ICO1", "ICO2"}));
  EXPECT_EQ(client.Get(evaluator, "/api/icos/ICO1/quality").status, 200);
  api->reset();
  std::filesystem::remove_all(folder);
}

}  // namespace
}  // namespace continuum
