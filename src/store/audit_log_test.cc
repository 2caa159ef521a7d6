#include "store/audit_log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "security/password.h"
#include "store/accounts.h"

namespace continuum {
namespace {

// A fresh workspace file of this process's own, with `entries` audit entries appended.
std::string WorkspaceWithEntries(const std::string& name, int entries) {
  const std::string path =
      testing::TempDir() + "/audit_" + name + "_" + std::to_string(getpid()) + ".db";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"})
    std::filesystem::remove(path + suffix);
  auto ws = Workspace::Open(path, Workspace::kCreate);
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  Accounts accounts(**ws);
  for (int i = 1; i <= entries; ++i) {
    EXPECT_TRUE(accounts
                    .AppendAudit({.username = "lead",
                                  .role = Role::kClinicalLead,
                                  .endpoint = "/api/practices/ZP0001/worklist",
                                  .patients = {i, 100 + i}})
                    .ok());
  }
  return path;
}

// What the holder of the file can do with any SQLite program: statements one at a time.
void Tamper(const std::string& path, std::initializer_list<std::string> statements) {
  auto raw = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(raw.ok()) << raw.status().message();
  for (const std::string& sql : statements) {
    auto statement = (*raw)->Prepare(sql);
    ASSERT_TRUE(statement.ok()) << sql << ": " << statement.status().message();
    ASSERT_TRUE((*statement)->Execute().ok()) << sql;
  }
}

AuditVerdict Verify(const std::string& path, std::string_view expected_head = "") {
  auto ws = Workspace::Open(path, Workspace::kReadOnly);
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  auto verdict = VerifyAuditLog(**ws, expected_head);
  EXPECT_TRUE(verdict.ok()) << verdict.status().message();
  return *verdict;
}

std::string TriggerSql(const std::string& path, const std::string& name) {
  auto ws = Workspace::Open(path, Workspace::kReadOnly);
  auto sql = (*ws)->Prepare("SELECT sql FROM sqlite_master WHERE name = '" + name + "'");
  EXPECT_TRUE(sql.ok() && (*sql)->NextRow()) << name;
  return std::string((*sql)->Text(0));
}

// An entry as WorkspaceWithEntries appends them.
StoredAuditEntry LeadsEntry(int64_t id, std::string at, std::string patients) {
  return {.id = id,
          .at = std::move(at),
          .username = "lead",
          .role = "clinical_lead",
          .endpoint = "/api/practices/ZP0001/worklist",
          .patients = std::move(patients)};
}

TEST(AuditLog, TheHashCoversThePreviousHashAndEachFieldAsANetstring) {
  const StoredAuditEntry entry = LeadsEntry(1, "2025-03-31T14:05:09Z", "4 17");
  // The encoding docs/security.md gives, so anyone can recompute the chain without Continuum.
  EXPECT_EQ(
      AuditEntryHash(kAuditGenesis, entry),
      Blake2bHex(std::string(kAuditGenesis) + "1:1,20:2025-03-31T14:05:09Z,4:lead,13:clinical_lead,"
                                              "30:/api/practices/ZP0001/worklist,4:4 17,0:,"));
  StoredAuditEntry moved = entry;  // a field's bytes moved into the next one hash differently
  moved.username = "lea";
  moved.role = "dclinical_lead";
  EXPECT_NE(AuditEntryHash(kAuditGenesis, moved), AuditEntryHash(kAuditGenesis, entry));
}

TEST(AuditLog, AnIntactLogVerifiesWithItsHead) {
  const std::string path = WorkspaceWithEntries("intact", 3);
  const AuditVerdict verdict = Verify(path);
  EXPECT_TRUE(verdict.exists);
  EXPECT_EQ(verdict.problem, "");
  EXPECT_EQ(verdict.entries, 3);
  EXPECT_EQ(verdict.head.size(), 64u);
  EXPECT_NE(verdict.head, kAuditGenesis);
  auto ws = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  EXPECT_TRUE(CheckAuditLog(**ws).ok());
}

TEST(AuditLog, UpdateDeleteAndReplaceAreRefused) {
  const std::string path = WorkspaceWithEntries("refused", 2);
  auto ws = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(ws.ok());
  for (const char* sql :
       {"UPDATE audit SET username = 'someone else'", "DELETE FROM audit WHERE id = 2",
        // REPLACE deletes the entry it replaces without firing the DELETE trigger.
        "REPLACE INTO audit VALUES (1, '2025-01-01T00:00:00Z', 'x', 'board', '/', '', '', '')",
        "INSERT OR REPLACE INTO audit (id, at, username, role, endpoint, patients) "
        "VALUES (2, 'now', 'x', 'board', '/', '')",
        "INSERT INTO audit (id, at, username, role, endpoint, patients) VALUES "
        "(2, 'now', 'x', 'board', '/', '') ON CONFLICT (id) DO UPDATE SET username = 'x'"}) {
    auto statement = (*ws)->Prepare(sql);
    ASSERT_TRUE(statement.ok()) << sql;
    const Status status = (*statement)->Execute();
    EXPECT_FALSE(status.ok()) << sql;
    EXPECT_NE(status.message().find("the audit log is append-only"), std::string::npos)
        << status.message();
  }
  const AuditVerdict verdict = Verify(path);
  EXPECT_EQ(verdict.problem, "");
  EXPECT_EQ(verdict.entries, 2);
}

TEST(AuditLog, ATriggerReplacedByANoOpIsFoundNotKept) {
  const std::string path = WorkspaceWithEntries("noop", 1);
  Tamper(path, {"DROP TRIGGER audit_no_delete",
                "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END"});
  auto reopened = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(reopened.status().message().find("trigger audit_no_delete is not Continuum's"),
            std::string::npos)
      << reopened.status().message();
  EXPECT_NE(Verify(path).problem.find("audit_no_delete"), std::string::npos);
  // Nothing was created over it.
  EXPECT_EQ(TriggerSql(path, "audit_no_delete"),
            "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT 1; END");
}

TEST(AuditLog, ATriggerThatDropsNewEntriesIsFound) {
  const std::string path = WorkspaceWithEntries("ignore", 1);
  Tamper(path, {"CREATE TRIGGER quiet BEFORE INSERT ON audit BEGIN SELECT RAISE(IGNORE); END"});
  EXPECT_NE(Verify(path).problem.find("a trigger that is not Continuum's"), std::string::npos);
  EXPECT_EQ(Workspace::Open(path, Workspace::kMustExist).status().code(), StatusCode::kCorrupt);
}

TEST(AuditLog, ADroppedTableIsMissingNotRecreated) {
  const std::string path = WorkspaceWithEntries("dropped", 2);
  Tamper(path, {"DROP TABLE audit"});
  auto reopened = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_FALSE(reopened.ok());
  EXPECT_EQ(reopened.status().code(), StatusCode::kCorrupt);
  EXPECT_NE(reopened.status().message().find("the audit log is missing"), std::string::npos)
      << reopened.status().message();
  const AuditVerdict verdict = Verify(path);
  EXPECT_NE(verdict.problem.find("the audit log is missing"), std::string::npos);
  auto ws = Workspace::Open(path, Workspace::kReadOnly);
  auto table = (*ws)->Prepare("SELECT count(*) FROM sqlite_master WHERE name = 'audit'");
  ASSERT_TRUE(table.ok() && (*table)->NextRow());
  EXPECT_EQ((*table)->Int(0), 0);
}

TEST(AuditLog, AnEntryEditedBehindTheTriggersIsFoundAtItsId) {
  const std::string path = WorkspaceWithEntries("edited", 5);
  const std::string trigger = TriggerSql(path, "audit_no_update");
  Tamper(path,
         {"DROP TRIGGER audit_no_update", "UPDATE audit SET patients = '3' WHERE id = 3", trigger});
  // The triggers are back as they were, so opening passes; the chain does not.
  auto ws = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  const AuditVerdict verdict = Verify(path);
  EXPECT_EQ(verdict.broken_at, 3);
  EXPECT_EQ(verdict.entries, 5);
  EXPECT_NE(verdict.problem.find("entry 3 does not match its hash"), std::string::npos)
      << verdict.problem;
  const Status check = CheckAuditLog(**ws);
  EXPECT_EQ(check.code(), StatusCode::kCorrupt);
  EXPECT_NE(check.message().find("entry 3"), std::string::npos) << check.message();
}

TEST(AuditLog, AnEntryEditedWithItsHashRecomputedIsFoundAtTheNext) {
  const std::string path = WorkspaceWithEntries("rehashed", 4);
  std::string previous;
  {
    auto ws = Workspace::Open(path, Workspace::kReadOnly);
    auto hash = (*ws)->Prepare("SELECT hash FROM audit WHERE id = 1");
    ASSERT_TRUE(hash.ok() && (*hash)->NextRow());
    previous = (*hash)->Text(0);
  }
  const StoredAuditEntry forged = LeadsEntry(2, "2025-01-01T00:00:00Z", "");
  const std::string trigger = TriggerSql(path, "audit_no_update");
  Tamper(path, {"DROP TRIGGER audit_no_update",
                "UPDATE audit SET at = '2025-01-01T00:00:00Z', patients = '', hash = '" +
                    AuditEntryHash(previous, forged) + "' WHERE id = 2",
                trigger});
  EXPECT_EQ(Verify(path).broken_at, 3);
}

TEST(AuditLog, AnEntryDeletedFromTheMiddleIsFound) {
  const std::string path = WorkspaceWithEntries("middle", 5);
  const std::string trigger = TriggerSql(path, "audit_no_delete");
  Tamper(path, {"DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE id = 3", trigger});
  const AuditVerdict verdict = Verify(path);
  EXPECT_EQ(verdict.broken_at, 4);
  EXPECT_NE(verdict.problem.find("entry 3 is missing"), std::string::npos) << verdict.problem;
}

// The chain cannot show that its last entries were cut off: the head recorded elsewhere can.
TEST(AuditLog, ACutTailIsFoundOnlyAgainstARecordedHead) {
  const std::string path = WorkspaceWithEntries("tail", 5);
  const std::string head = Verify(path).head;
  EXPECT_EQ(Verify(path, head).expected_head_at, 5);
  const std::string trigger = TriggerSql(path, "audit_no_delete");
  Tamper(path, {"DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE id >= 4", trigger});
  const AuditVerdict cut = Verify(path, head);
  EXPECT_EQ(cut.problem, "");  // what is left is a whole chain
  EXPECT_EQ(cut.entries, 3);
  EXPECT_EQ(cut.expected_head_at, -1);
}

TEST(AuditLog, AGrownLogStillReachesAnEarlierHead) {
  const std::string path = WorkspaceWithEntries("grown", 2);
  const std::string head = Verify(path).head;
  {
    auto ws = Workspace::Open(path, Workspace::kMustExist);
    ASSERT_TRUE(Accounts(**ws).AppendAudit({.username = "board", .role = Role::kBoard}).ok());
  }
  const AuditVerdict verdict = Verify(path, head);
  EXPECT_EQ(verdict.entries, 3);
  EXPECT_EQ(verdict.expected_head_at, 2);
}

// A log written before entries were chained is chained at the first write open, which says so
// in the log; after that it is checked like any other.
TEST(AuditLog, AnOlderLogIsChainedOnceAndSaysSo) {
  const std::string path = WorkspaceWithEntries("older", 0);
  Tamper(path,
         {"DROP TABLE audit", "DELETE FROM meta WHERE key = 'audit_log_created'",
          "CREATE TABLE audit (id INTEGER PRIMARY KEY, at TEXT NOT NULL, username TEXT NOT NULL,"
          " role TEXT NOT NULL, endpoint TEXT NOT NULL, patients TEXT NOT NULL,"
          " detail TEXT NOT NULL DEFAULT '')",
          "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
          " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
          "INSERT INTO audit VALUES (1, '2024-05-01T09:00:00Z', 'lead', 'clinical_lead', '/a', "
          "'1 2', '')",
          "INSERT INTO audit VALUES (2, '2024-05-01T09:01:00Z', 'lead', 'clinical_lead', '/b', "
          "'3', '')"});
  EXPECT_NE(Verify(path).problem.find("not chained yet"), std::string::npos);
  for (int open = 0; open < 2; ++open) {
    auto ws = Workspace::Open(path, Workspace::kMustExist);
    ASSERT_TRUE(ws.ok()) << ws.status().message();
  }
  const AuditVerdict verdict = Verify(path);
  EXPECT_EQ(verdict.problem, "");
  EXPECT_EQ(verdict.entries, 3);  // the two, and the note that they were chained
  auto ws = Workspace::Open(path, Workspace::kMustExist);
  auto entries = Accounts(**ws).ReadAudit(0, 10);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 3u);
  EXPECT_EQ((*entries)[0].patients, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ((*entries)[2].username, "(continuum)");
  EXPECT_NE((*entries)[2].detail.find("the 2 entries before this one"), std::string::npos);
}

// Without the record that the log was made, a chained table is not taken for an older one.
TEST(AuditLog, AChainedLogWithoutItsRecordIsRefused) {
  const std::string path = WorkspaceWithEntries("unrecorded", 1);
  Tamper(path, {"DELETE FROM meta WHERE key = 'audit_log_created'"});
  EXPECT_EQ(Workspace::Open(path, Workspace::kMustExist).status().code(), StatusCode::kCorrupt);
  EXPECT_NE(Verify(path).problem.find("no record of being created"), std::string::npos);
}

}  // namespace
}  // namespace continuum
