#include "store/saved_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace continuum {
namespace {

std::string FreshPath(const std::string& name) {
  const std::string path =
      testing::TempDir() + "/saved_" + name + "_" + std::to_string(getpid()) + ".db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

SavedFile Contract(int year, std::string text) {
  return {.kind = SavedKind::kContract,
          .ico = "ZICO1",
          .year = year,
          .file_name = "nelson_vale.json",
          .text = std::move(text),
          .added_by = "finance-lead",
          .added_at = 1'790'000'000};
}

TEST(SavedFiles, AnotherFileForTheSameSeriesSupersedesAndTheOldStaysReadable) {
  const std::string path = FreshPath("supersede");
  {
    auto ws = Workspace::Open(path, Workspace::kCreate);
    ASSERT_TRUE(ws.ok()) << ws.status().message();
    SavedFiles saved(**ws);
    auto first = saved.Add(Contract(2024, "{\"v\": 1}\n"));
    ASSERT_TRUE(first.ok()) << first.status().message();
    EXPECT_EQ(first->version, 1);
    EXPECT_EQ(first->digest.size(), 64u);
    auto second = saved.Add(Contract(2024, "{\"v\": 2}"));
    ASSERT_TRUE(second.ok()) << second.status().message();
    EXPECT_EQ(second->version, 2);
    EXPECT_NE(second->digest, first->digest);
    // Another year is another series.
    auto other = saved.Add(Contract(2025, "{}"));
    ASSERT_TRUE(other.ok());
    EXPECT_EQ(other->version, 1);
  }
  auto ws = Workspace::Open(path, Workspace::kReadOnly);
  ASSERT_TRUE(ws.ok());
  SavedFiles saved(**ws);
  auto in_force = saved.Get(SavedKind::kContract, "ZICO1", 2024, "");
  ASSERT_TRUE(in_force.ok()) << in_force.status().message();
  EXPECT_EQ(in_force->version, 2);
  EXPECT_EQ(in_force->text, "{\"v\": 2}");
  EXPECT_TRUE(in_force->in_force);
  auto old = saved.Get(SavedKind::kContract, "ZICO1", 2024, "", 1);
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->text, "{\"v\": 1}\n");
  EXPECT_FALSE(old->in_force);
  EXPECT_EQ(old->added_by, "finance-lead");
  EXPECT_EQ(old->added_at, 1'790'000'000);
  auto all = saved.List(SavedKind::kContract);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].version, 1);
  EXPECT_EQ((*all)[2].year, 2025);
  auto current = saved.List(SavedKind::kContract, "ZICO1", /*in_force_only=*/true);
  ASSERT_TRUE(current.ok());
  ASSERT_EQ(current->size(), 2u);
  EXPECT_EQ((*current)[0].version, 2);
  EXPECT_TRUE(saved.List(SavedKind::kContract, "ZICO2")->empty());
  EXPECT_TRUE(saved.List(SavedKind::kTariff)->empty());
  EXPECT_EQ(*saved.LatestId(), 3);
}

TEST(SavedFiles, MissingSeriesAndVersionsSayWhatToDo) {
  auto ws = Workspace::Open(FreshPath("missing"), Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  SavedFiles saved(**ws);
  auto none = saved.Get(SavedKind::kTariff, "", 0, "");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_NE(none.status().message().find("continuum tariff add FILE"), std::string::npos)
      << none.status().message();
  ASSERT_TRUE(saved.Add(Contract(2024, "{}")).ok());
  auto version = saved.Get(SavedKind::kContract, "ZICO1", 2024, "", 7);
  ASSERT_FALSE(version.ok());
  EXPECT_EQ(version.status().message(),
            "contract ZICO1 2024-25 has no version 7 (versions 1 to 1)");
}

TEST(SavedFiles, AddingLeavesTheDataGenerationAloneAndVersionsCannotBeChanged) {
  auto ws = Workspace::Open(FreshPath("generation"), Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  const int64_t generation = *(*ws)->DataGeneration();
  SavedFiles saved(**ws);
  EXPECT_EQ(*saved.LatestId(), 0);
  ASSERT_TRUE(saved
                  .Add({.kind = SavedKind::kScenario,
                        .name = "care closer to home",
                        .file_name = "s.json",
                        .text = "{}"})
                  .ok());
  EXPECT_EQ(*(*ws)->DataGeneration(), generation);
  EXPECT_EQ(*saved.LatestId(), 1);
  auto update = (*ws)->Prepare("UPDATE saved_files SET text = 'x'");
  ASSERT_TRUE(update.ok());
  EXPECT_FALSE((*update)->Execute().ok());
  auto remove = (*ws)->Prepare("DELETE FROM saved_files");
  ASSERT_TRUE(remove.ok());
  EXPECT_FALSE((*remove)->Execute().ok());
  EXPECT_EQ(saved.Get(SavedKind::kScenario, "", 0, "care closer to home")->text, "{}");
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// A workspace made before analysis plans were kept: its table's kinds do not include 'plan'.
// Opening it widens them, keeping every version and the table append-only.
TEST(SavedFiles, AWorkspaceFromBeforePlansTakesThemKeepingEveryVersion) {
  const std::string path = FreshPath("before_plans");
  {
    auto ws = Workspace::Open(path, Workspace::kCreate);
    ASSERT_TRUE(ws.ok()) << ws.status().message();
    for (const char* sql :
         {"DROP TABLE saved_files",
          "CREATE TABLE saved_files (id INTEGER PRIMARY KEY,"
          " kind TEXT NOT NULL CHECK (kind IN ('contract', 'tariff', 'scenario')),"
          " ico TEXT NOT NULL, year INTEGER NOT NULL, name TEXT NOT NULL,"
          " version INTEGER NOT NULL, file_name TEXT NOT NULL, text TEXT NOT NULL,"
          " digest TEXT NOT NULL, added_by TEXT NOT NULL, added_at INTEGER NOT NULL,"
          " UNIQUE (kind, ico, year, name, version))"}) {
      auto statement = (*ws)->Prepare(sql);
      ASSERT_TRUE(statement.ok()) << statement.status().message();
      ASSERT_TRUE((*statement)->Execute().ok()) << sql;
    }
    ASSERT_TRUE(SavedFiles(**ws).Add(Contract(2024, "{\"v\": 1}")).ok());
    EXPECT_FALSE(SavedFiles(**ws)
                     .Add({.kind = SavedKind::kPlan, .name = "plan", .text = "{}", .added_by = "x"})
                     .ok());
  }
  auto ws = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  SavedFiles saved(**ws);
  auto plan = saved.Add({.kind = SavedKind::kPlan,
                         .name = "Did it work?",
                         .file_name = "plan.json",
                         .text = "{}",
                         .added_by = "evaluator"});
  ASSERT_TRUE(plan.ok()) << plan.status().message();
  auto contract = saved.Get(SavedKind::kContract, "ZICO1", 2024, "");
  ASSERT_TRUE(contract.ok()) << contract.status().message();
  EXPECT_EQ(contract->text, "{\"v\": 1}");
  // Still append-only.
  auto change = (*ws)->Prepare("UPDATE saved_files SET text = 'x'");
  ASSERT_TRUE(change.ok());
  EXPECT_FALSE((*change)->Execute().ok());
}

}  // namespace
}  // namespace continuum
