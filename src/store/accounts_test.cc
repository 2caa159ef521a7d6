#include "store/accounts.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <regex>

#include "generate/test_folder.h"
#include "security/password.h"

namespace continuum {
namespace {

constexpr char kPassword[] = "Correct horse battery";

// A fresh workspace in a file of this process's own.
std::unique_ptr<Workspace> FreshWorkspace(const std::string& name) {
  // In a folder of its own, removed when the tests end.
  const std::string path = TestFolder("accounts_" + name) + "/workspace.db";
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  auto ws = Workspace::Open(path, Workspace::kCreate);
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  return ws.ok() ? std::move(*ws) : nullptr;
}

TEST(Accounts, AddFindAndList) {
  auto ws = FreshWorkspace("add");
  Accounts accounts(*ws);
  ASSERT_TRUE(accounts.AddUser("zoe.admin", Role::kAdministrator, "", kPassword).ok());
  ASSERT_TRUE(accounts.AddUser("asha.patel", Role::kPracticeClinician, "ZP0001", kPassword).ok());
  ASSERT_TRUE(accounts.AddUser("m-okafor_2", Role::kCareCoordinator, "ICO1", kPassword).ok());

  auto asha = accounts.FindUser("asha.patel");
  ASSERT_TRUE(asha.ok() && asha->has_value());
  EXPECT_EQ((*asha)->role, Role::kPracticeClinician);
  EXPECT_EQ((*asha)->organisation, "ZP0001");
  EXPECT_FALSE((*asha)->disabled);
  EXPECT_TRUE(VerifyPassword((*asha)->password_hash, kPassword));
  auto by_id = accounts.FindUserById((*asha)->id);
  ASSERT_TRUE(by_id.ok() && by_id->has_value());
  EXPECT_EQ((*by_id)->username, "asha.patel");

  auto nobody = accounts.FindUser("nobody");
  ASSERT_TRUE(nobody.ok());
  EXPECT_FALSE(nobody->has_value());
  auto no_id = accounts.FindUserById(999);
  ASSERT_TRUE(no_id.ok());
  EXPECT_FALSE(no_id->has_value());

  auto users = accounts.ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 3u);
  EXPECT_EQ((*users)[0].username, "asha.patel");
  EXPECT_EQ((*users)[1].username, "m-okafor_2");
  EXPECT_EQ((*users)[2].username, "zoe.admin");
  EXPECT_EQ((*users)[2].role, Role::kAdministrator);
}

TEST(Accounts, RefusesDuplicatesBadNamesWeakPasswordsAndMisplacedPractices) {
  auto ws = FreshWorkspace("refuse");
  Accounts accounts(*ws);
  ASSERT_TRUE(accounts.AddUser("board.chair", Role::kBoard, "ICO1", kPassword).ok());
  Status duplicate = accounts.AddUser("board.chair", Role::kEvaluator, "", kPassword);
  EXPECT_EQ(duplicate.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(duplicate.message(), "user 'board.chair' already exists");

  const std::string too_long(65, 'a');
  for (const std::string& name : {std::string("ab"), std::string("Board.Chair"),
                                  std::string("has space"), std::string("ümlaut"), too_long}) {
    Status bad = accounts.AddUser(name, Role::kBoard, "ICO1", kPassword);
    EXPECT_EQ(bad.code(), StatusCode::kInvalidInput) << name;
    EXPECT_NE(bad.message().find("is not a valid username: use 3 to 64 characters"),
              std::string::npos)
        << bad.message();
  }
  EXPECT_TRUE(CheckUsername(std::string(64, 'a')).ok());

  Status weak = accounts.AddUser("weak", Role::kBoard, "ICO1", "short");
  EXPECT_EQ(weak.code(), StatusCode::kInvalidInput);
  EXPECT_NE(weak.message().find("at least 12 characters"), std::string::npos);

  Status no_practice = accounts.AddUser("gp.one", Role::kPracticeClinician, "", kPassword);
  EXPECT_EQ(no_practice.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(no_practice.message(),
            "a user with role practice_clinician needs a practice: the organisation id of a "
            "practice whose data they serve");
  Status no_ico = accounts.AddUser("lead", Role::kClinicalLead, "", kPassword);
  EXPECT_EQ(no_ico.code(), StatusCode::kInvalidInput);
  EXPECT_NE(no_ico.message().find("needs an ICO"), std::string::npos) << no_ico.message();
  Status stray = accounts.AddUser("reader", Role::kEvaluator, "ZP0001", kPassword);
  EXPECT_EQ(stray.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(stray.message(),
            "a user with role evaluator belongs to no organisation (an evaluator sees the whole "
            "programme); leave it out");

  auto users = accounts.ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->size(), 1u);
}

Session SessionOf(int64_t user_id, const std::string& token, int64_t created, int64_t expires) {
  return {TokenDigest(token), user_id, RandomToken(), created, expires};
}

TEST(Accounts, DisablingKeepsTheUserAndEndsTheirSessions) {
  auto ws = FreshWorkspace("disable");
  Accounts accounts(*ws);
  ASSERT_TRUE(accounts.AddUser("analyst", Role::kCommissioner, "COM1", kPassword).ok());
  const int64_t id = (*accounts.FindUser("analyst"))->id;
  ASSERT_TRUE(accounts.SaveSession(SessionOf(id, "a", 100, 200)).ok());

  ASSERT_TRUE(accounts.SetDisabled("analyst", true).ok());
  EXPECT_TRUE((*accounts.FindUser("analyst"))->disabled);
  EXPECT_TRUE(accounts.LiveSessions(150)->empty());
  ASSERT_TRUE(accounts.SetDisabled("analyst", false).ok());
  EXPECT_FALSE((*accounts.FindUser("analyst"))->disabled);

  EXPECT_EQ(accounts.SetDisabled("nobody", true).code(), StatusCode::kNotFound);
  Status missing = accounts.SetPassword("nobody", kPassword);
  EXPECT_EQ(missing.code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.message(), "there is no user 'nobody'");
}

TEST(Accounts, APasswordChangeEndsThatUsersSessions) {
  auto ws = FreshWorkspace("passwd");
  Accounts accounts(*ws);
  ASSERT_TRUE(accounts.AddUser("lead", Role::kClinicalLead, "ICO1", kPassword).ok());
  ASSERT_TRUE(accounts.AddUser("coordinator", Role::kCareCoordinator, "ICO1", kPassword).ok());
  const int64_t lead = (*accounts.FindUser("lead"))->id;
  const int64_t coordinator = (*accounts.FindUser("coordinator"))->id;
  ASSERT_TRUE(accounts.SaveSession(SessionOf(lead, "laptop", 100, 1000)).ok());
  ASSERT_TRUE(accounts.SaveSession(SessionOf(lead, "tablet", 110, 1000)).ok());
  ASSERT_TRUE(accounts.SaveSession(SessionOf(coordinator, "desk", 120, 1000)).ok());

  EXPECT_EQ(accounts.SetPassword("lead", "short").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(accounts.LiveSessions(500)->size(), 3u);
  ASSERT_TRUE(accounts.SetPassword("lead", "A new passphrase 2").ok());
  auto live = accounts.LiveSessions(500);
  ASSERT_TRUE(live.ok());
  ASSERT_EQ(live->size(), 1u);
  EXPECT_EQ((*live)[0].user_id, coordinator);
  const std::string hash = (*accounts.FindUser("lead"))->password_hash;
  EXPECT_TRUE(VerifyPassword(hash, "A new passphrase 2"));
  EXPECT_FALSE(VerifyPassword(hash, kPassword));

  // A rehash keeps the sessions.
  ASSERT_TRUE(accounts.RehashPassword("coordinator", kPassword).ok());
  EXPECT_EQ(accounts.LiveSessions(500)->size(), 1u);
  EXPECT_TRUE(VerifyPassword((*accounts.FindUser("coordinator"))->password_hash, kPassword));
}

TEST(Accounts, SessionsSurviveUntilTheyExpire) {
  auto ws = FreshWorkspace("sessions");
  Accounts accounts(*ws);
  const Session first = SessionOf(1, "first", 100, 200);
  ASSERT_TRUE(accounts.SaveSession(first).ok());
  ASSERT_TRUE(accounts.SaveSession(SessionOf(2, "second", 150, 400)).ok());

  auto live = accounts.LiveSessions(199);
  ASSERT_TRUE(live.ok());
  ASSERT_EQ(live->size(), 2u);
  EXPECT_EQ((*live)[0].token_digest, first.token_digest);
  EXPECT_EQ((*live)[0].csrf_token, first.csrf_token);
  EXPECT_EQ((*live)[0].created_at, 100);
  EXPECT_EQ((*live)[0].expires_at, 200);
  EXPECT_EQ(accounts.LiveSessions(200)->size(), 1u);

  // Saving again extends a session; a session created later forgets those already expired.
  Session extended = first;
  extended.expires_at = 600;
  ASSERT_TRUE(accounts.SaveSession(extended).ok());
  EXPECT_EQ(accounts.LiveSessions(500)->size(), 1u);
  ASSERT_TRUE(accounts.SaveSession(SessionOf(3, "third", 450, 900)).ok());
  EXPECT_EQ(accounts.LiveSessions(0)->size(), 2u);

  ASSERT_TRUE(accounts.DeleteSession(first.token_digest).ok());
  EXPECT_EQ(accounts.LiveSessions(0)->size(), 1u);
  ASSERT_TRUE(accounts.DeleteSessionsOf(3).ok());
  EXPECT_TRUE(accounts.LiveSessions(0)->empty());
}

TEST(Accounts, AuditEntriesReadBackInOrder) {
  auto ws = FreshWorkspace("audit");
  Accounts accounts(*ws);
  ASSERT_TRUE(accounts
                  .AppendAudit({.username = "asha.patel",
                                .role = Role::kPracticeClinician,
                                .endpoint = "/api/patients",
                                .patients = {17, 4, 90210},
                                .detail = "practice ZP0001"})
                  .ok());
  ASSERT_TRUE(accounts
                  .AppendAudit({.at = "2025-03-31T14:05:09Z",
                                .username = "board.chair",
                                .role = Role::kBoard,
                                .endpoint = "/api/budget"})
                  .ok());

  auto entries = accounts.ReadAudit(0, 10);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 2u);
  const AuditEntry& first = (*entries)[0];
  EXPECT_TRUE(std::regex_match(first.at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")))
      << first.at;
  EXPECT_EQ(first.username, "asha.patel");
  EXPECT_EQ(first.role, Role::kPracticeClinician);
  EXPECT_EQ(first.endpoint, "/api/patients");
  EXPECT_EQ(first.patients, (std::vector<int64_t>{17, 4, 90210}));
  EXPECT_EQ(first.detail, "practice ZP0001");
  const AuditEntry& second = (*entries)[1];
  EXPECT_GT(second.id, first.id);
  EXPECT_EQ(second.at, "2025-03-31T14:05:09Z");
  EXPECT_TRUE(second.patients.empty());

  auto after = accounts.ReadAudit(first.id, 10);
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), 1u);
  EXPECT_EQ((*after)[0].username, "board.chair");
  EXPECT_EQ(accounts.ReadAudit(0, 1)->size(), 1u);
}

TEST(Accounts, TheAuditLogCannotBeChangedOrDeleted) {
  auto ws = FreshWorkspace("append_only");
  Accounts accounts(*ws);
  ASSERT_TRUE(accounts
                  .AppendAudit({.username = "lead",
                                .role = Role::kClinicalLead,
                                .endpoint = "/api/worklist",
                                .patients = {1}})
                  .ok());
  for (const char* sql : {"UPDATE audit SET username = 'someone else'", "DELETE FROM audit"}) {
    auto statement = ws->Prepare(sql);
    ASSERT_TRUE(statement.ok()) << statement.status().message();
    Status status = (*statement)->Execute();
    EXPECT_FALSE(status.ok()) << sql;
    EXPECT_NE(status.message().find("the audit log is append-only"), std::string::npos)
        << status.message();
  }
  auto entries = accounts.ReadAudit(0, 10);
  ASSERT_TRUE(entries.ok());
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].username, "lead");
}

TEST(Accounts, WritesDoNotNestInsideAnotherWrite) {
  auto ws = FreshWorkspace("nesting");
  Accounts accounts(*ws);
  ASSERT_TRUE(ws->BeginWrite().ok());
  Status nested = accounts.AddUser("nested", Role::kBoard, "ICO1", kPassword);
  EXPECT_EQ(nested.code(), StatusCode::kInternal);
  ws->Rollback();
  EXPECT_TRUE(accounts.AddUser("nested", Role::kBoard, "ICO1", kPassword).ok());
}

TEST(Accounts, EachRoleBelongsToAnOrganisationOfItsKind) {
  auto ws = FreshWorkspace("practices");
  ASSERT_TRUE(ws->BeginWrite().ok());
  auto insert = ws->Inserter(TableId::kOrganisations);
  ASSERT_TRUE(insert.ok());
  for (const auto& [id, kind, parent] :
       std::vector<std::array<const char*, 3>>{{"COM1", "commissioner", ""},
                                               {"ICO1", "ico", "COM1"},
                                               {"P002", "practice", "ICO1"},
                                               {"P001", "practice", "ICO1"},
                                               {"C001", "practice", "COM1"},
                                               {"RAX", "acute_trust", ""}}) {
    (*insert)->BindText(0, id);
    (*insert)->BindText(1, "name");
    (*insert)->BindText(2, kind);
    if (*parent) {
      (*insert)->BindText(3, parent);
    } else {
      (*insert)->BindNull(3);
    }
    ASSERT_TRUE((*insert)->Execute().ok());
  }
  ASSERT_TRUE(ws->Commit().ok());
  Accounts accounts(*ws);
  // The member practices come from the engine (MemberPracticeIds, engine_test.cc).
  const std::vector<std::string> members = {"P001", "P002"};
  auto check = [&](Role role, std::string_view organisation, std::string_view field) {
    return accounts.CheckOrganisation(role, organisation, field, members);
  };
  // Each role's organisation must be of the kind it serves.
  EXPECT_TRUE(check(Role::kPracticeClinician, "P001", "--organisation").ok());
  EXPECT_TRUE(check(Role::kBoard, "ICO1", "--organisation").ok());
  EXPECT_TRUE(check(Role::kCommissioner, "COM1", "--organisation").ok());
  EXPECT_TRUE(check(Role::kEvaluator, "", "--organisation").ok());
  Status control = check(Role::kPracticeClinician, "C001", "--organisation");
  EXPECT_EQ(control.code(), StatusCode::kNotFound);
  EXPECT_EQ(control.message(),
            "--organisation 'C001': not a member practice of an ICO in this workspace (they are "
            "P001, P002)");
  Status not_ico = check(Role::kCareCoordinator, "COM1", "--organisation");
  EXPECT_EQ(not_ico.message(),
            "--organisation 'COM1': not an ICO in this workspace (they are ICO1)");
  Status not_commissioner = check(Role::kCommissioner, "ICO1", "org");
  EXPECT_EQ(not_commissioner.message(),
            "org 'ICO1': not a commissioner in this workspace (they are COM1)");

  // Moving a user to another organisation ends their sessions.
  ASSERT_TRUE(accounts.AddUser("analyst", Role::kCommissioner, "COM1", kPassword).ok());
  auto analyst = accounts.FindUser("analyst");
  ASSERT_TRUE(analyst.ok() && analyst->has_value());
  ASSERT_TRUE(accounts.SaveSession({TokenDigest("t"), (*analyst)->id, "c", 1, 2'000'000'000}).ok());
  ASSERT_TRUE(accounts.SetOrganisation("analyst", "COM2").ok());
  EXPECT_EQ((*accounts.FindUser("analyst"))->organisation, "COM2");
  EXPECT_TRUE(accounts.LiveSessions(10)->empty());
  EXPECT_EQ(accounts.SetOrganisation("analyst", "").code(), StatusCode::kInvalidInput);
  EXPECT_EQ(accounts.SetOrganisation("nobody", "COM1").code(), StatusCode::kNotFound);
}

// Users made when only a practice clinician had an organisation (a column named practice) keep
// it, under the column's new name, when the workspace is next opened.
TEST(Accounts, AnOlderWorkspaceKeepsItsPracticeCliniciansPractice) {
  std::string path;
  {
    auto ws = FreshWorkspace("renamed");
    path = ws->path();
    Accounts accounts(*ws);
    const Status added = accounts.AddUser("gp.one", Role::kPracticeClinician, "P001", kPassword);
    ASSERT_TRUE(added.ok()) << added.message();
    auto rename = ws->Prepare("ALTER TABLE users RENAME COLUMN organisation TO practice");
    ASSERT_TRUE(rename.ok());
    ASSERT_TRUE((*rename)->Execute().ok());
  }
  auto ws = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  auto gp = Accounts(**ws).FindUser("gp.one");
  ASSERT_TRUE(gp.ok() && gp->has_value()) << gp.status().message();
  EXPECT_EQ((*gp)->organisation, "P001");
}

// A workspace made before accounts existed gains their tables when next opened, and its data
// generation stays as it was, so the engine's snapshot is still used.
TEST(Accounts, AnOlderWorkspaceGainsTheTables) {
  std::string path;
  {
    auto ws = FreshWorkspace("older");
    path = ws->path();
    for (const char* sql : {"DROP TABLE users", "DROP TABLE sessions", "DROP TABLE audit",
                            "DELETE FROM meta WHERE key = 'audit_log_created'"}) {
      auto statement = ws->Prepare(sql);
      ASSERT_TRUE(statement.ok());
      ASSERT_TRUE((*statement)->Execute().ok()) << sql;
    }
  }
  auto ws = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  EXPECT_EQ(*(*ws)->DataGeneration(), 0);
  Accounts accounts(**ws);
  ASSERT_TRUE(accounts.AddUser("admin", Role::kAdministrator, "", kPassword).ok());
  EXPECT_EQ(*(*ws)->DataGeneration(), 0);
}

}  // namespace
}  // namespace continuum
