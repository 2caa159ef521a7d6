#include "engine/engine.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <tuple>

#include "engine/activity_cube.h"
#include "engine/import_with_snapshot.h"
#include "engine/loader.h"
#include "engine/population_check.h"
#include "engine/rows_by_patient.h"
#include "engine/snapshot.h"
#include "store/snapshot_files.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<Workspace> ImportedFixture(const std::string& name) {
  const fs::path path = fs::path(testing::TempDir()) / (name + ".db");
  fs::remove(path);
  fs::remove(path.string() + "-wal");
  fs::remove(path.string() + "-shm");
  auto ws = Workspace::Open(path.string(), Workspace::kCreate);
  EXPECT_TRUE(ws.ok());
  auto report =
      ImportWithSnapshot(std::string(CONTINUUM_SOURCE_DIR) + "/tests/cases/import/valid", **ws, {});
  EXPECT_TRUE(report.ok() && report->committed);
  return std::move(*ws);
}

TEST(Engine, OpensFromTheSnapshotWrittenAtImport) {
  auto ws = ImportedFixture("engine_snapshot");
  auto engine = Engine::Open(*ws);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  EXPECT_TRUE((*engine)->from_snapshot());
  // The snapshot holds exactly what reading every row gives.
  auto rows = LoadPopulationFromRows(*ws);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(SerializePopulation((*engine)->population()), SerializePopulation(*rows));
  EXPECT_EQ((*engine)->population().events.size(), 18u);
}

// Appends two events to the fixture: the snapshot stays equal to what the rows give.
void ExpectSnapshotAfterAppendMatchesTheRows(const std::string& name, const std::string& events) {
  auto ws = ImportedFixture(name);
  const fs::path more = fs::path(testing::TempDir()) / (name + "_more");
  fs::create_directories(more);
  std::ofstream(more / "activity.csv")
      << "event_id,patient_id,date,setting,provider_id,specialty,diagnosis,procedure,"
         "length_of_stay,quantity,cost,medicine\n"
      << events;
  auto report = ImportWithSnapshot(more.string(), *ws, {});
  ASSERT_TRUE(report.ok() && report->committed);
  auto engine = Engine::Open(*ws);
  ASSERT_TRUE((*engine)->from_snapshot());
  auto rows = LoadPopulationFromRows(*ws);
  EXPECT_EQ(SerializePopulation((*engine)->population()), SerializePopulation(*rows));
  EXPECT_EQ((*engine)->population().events.size(), 20u);
}

// Events whose ids fall among the stored ones are sorted in memory.
TEST(Engine, SnapshotAfterAnAppendMatchesTheRows) {
  ExpectSnapshotAfterAppendMatchesTheRows("engine_append",
                                          "50,2,2024-05-01,gp,P002,,,,,1,39.00,\n"
                                          "40,5,2024-05-02,nurse,C001,,,,,1,11.00,\n");
}

// Events after the stored ones stay in their files, the stored ones joining them.
TEST(Engine, SnapshotAfterAnAppendInIdOrderMatchesTheRows) {
  ExpectSnapshotAfterAppendMatchesTheRows("engine_append_in_order",
                                          "1000,2,2024-05-01,gp,P002,,,,,1,39.00,\n"
                                          "1001,5,2024-05-02,nurse,C001,,,,,1,11.00,\n");
}

TEST(Engine, RebuildsWhenTheDataChangedSinceTheSnapshot) {
  auto ws = ImportedFixture("engine_stale");
  ASSERT_TRUE(ws->BeginWrite().ok());
  ASSERT_TRUE(ws->BumpDataGeneration().ok());
  ASSERT_TRUE(ws->Commit().ok());
  auto first = Engine::Open(*ws);
  ASSERT_TRUE(first.ok());
  EXPECT_FALSE((*first)->from_snapshot());
  auto second = Engine::Open(*ws);
  EXPECT_TRUE((*second)->from_snapshot());
}

TEST(Engine, DamagedSnapshotIsReportedNotTrusted) {
  auto ws = ImportedFixture("engine_damaged");
  auto engine = Engine::Open(*ws);
  std::string bytes = SerializePopulation((*engine)->population());
  EXPECT_FALSE(DeserializePopulation(bytes.substr(0, bytes.size() - 3)).ok());
  EXPECT_FALSE(DeserializePopulation("not a snapshot").ok());
  // A flipped byte anywhere is refused (Engine::Open then rebuilds from the rows), never read.
  for (size_t at = 12; at < bytes.size(); at += 7) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
    EXPECT_FALSE(DeserializePopulation(damaged).ok()) << "damage at byte " << at;
  }
}

TEST(Engine, ADamagedStoredSnapshotIsRebuiltFromTheRows) {
  auto ws = ImportedFixture("engine_damaged_stored");
  auto file = ws->Prepare("SELECT file FROM engine_snapshot_files WHERE name = 'population'");
  ASSERT_TRUE(file.ok() && (*file)->NextRow());
  const std::string path = SnapshotFolder(ws->path()) + "/" + std::string((*file)->Text(0));
  std::filesystem::permissions(path, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  {
    std::fstream damage(path, std::ios::in | std::ios::out | std::ios::binary);
    damage.seekp(200);
    damage.write("\xFF\xFF\xFF\xFF", 4);
  }
  auto engine = Engine::Open(*ws);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  EXPECT_FALSE((*engine)->from_snapshot());
  EXPECT_EQ((*engine)->population().events.size(), 18u);
  EXPECT_TRUE((*Engine::Open(*ws))->from_snapshot());  // and stored afresh
}

TEST(Engine, EventsAreAttributedToThePracticeOfTheDay) {
  auto ws = ImportedFixture("engine_practice");
  auto engine = Engine::Open(*ws);
  const Population& p = (*engine)->population();
  // Patient 2 moved from P001 to P002 on 2023-10-01: event 6 is P001's, event 7 P002's.
  EXPECT_EQ(p.organisations.ids.Value(p.events.practice[5]), "P001");
  EXPECT_EQ(p.organisations.ids.Value(p.events.practice[6]), "P002");
}

// Memberships (tests/cases/import/valid/memberships.csv) answer which ICO a practice is in on a
// day, and survive the snapshot; a practice without rows follows its parent.
TEST(Engine, PracticesAreIcoMembersOnTheirMembershipDays) {
  auto ws = ImportedFixture("engine_memberships");
  auto engine = Engine::Open(*ws);
  ASSERT_TRUE((*engine)->from_snapshot());
  const Population& p = (*engine)->population();
  ASSERT_EQ(p.memberships.size(), 3u);
  const uint32_t ico = p.organisations.ids.Find("ICO1");
  const uint32_t p001 = p.organisations.ids.Find("P001"), p002 = p.organisations.ids.Find("P002");
  const uint32_t control = p.organisations.ids.Find("C001");
  EXPECT_EQ(p.IcoOn(p001, DayFromCivil(2015, 3, 31)), Dictionary::kMissing);
  EXPECT_EQ(p.IcoOn(p001, DayFromCivil(2015, 4, 1)), ico);
  EXPECT_EQ(p.IcoOn(p002, DayFromCivil(2019, 3, 31)), ico);
  EXPECT_EQ(p.IcoOn(p002, DayFromCivil(2019, 4, 1)), ico);
  EXPECT_EQ(p.IcoOn(control, DayFromCivil(2019, 4, 1)), Dictionary::kMissing);
  // The practices a practice clinician may belong to: members on the last day of data.
  EXPECT_EQ(MemberPracticeIds(p), (std::vector<std::string>{"P001", "P002"}));
  auto left = Engine::LoadPopulation(*ws);
  ASSERT_TRUE(left.ok());
  for (size_t r = 0; r < left->memberships.size(); ++r) {
    if (left->memberships.practice[r] == p002) left->memberships.end[r] = DayFromCivil(2020, 3, 31);
  }
  EXPECT_EQ(MemberPracticeIds(*left), (std::vector<std::string>{"P001"}));
}

// A referral's specialty and reason share the events' dictionaries, and survive the snapshot.
TEST(Engine, ReferralsKeepTheirSpecialtyAndReason) {
  auto ws = ImportedFixture("engine_referrals");
  auto engine = Engine::Open(*ws);
  ASSERT_TRUE((*engine)->from_snapshot());
  const Population& p = (*engine)->population();
  ASSERT_EQ(p.referrals.size(), 2u);
  EXPECT_EQ(p.events.specialties.Value(p.referrals.specialty[0]), "320");
  EXPECT_EQ(p.events.diagnoses.Value(p.referrals.reason[0]), "I48.9");
  // Event 16 (an op_first at 320 for I48.9) and referral 1 hold the same codes.
  EXPECT_EQ(p.referrals.specialty[0], p.events.specialty[15]);
  EXPECT_EQ(p.referrals.reason[0], p.events.diagnosis[15]);
  EXPECT_EQ(p.referrals.specialty[1], UINT16_MAX);
  EXPECT_EQ(p.referrals.reason[1], Dictionary::kMissing);
}

TEST(RowsByPatient, GroupsRowsByPatientInTableOrder) {
  const std::vector<uint32_t> patient = {2, 0, 2, 3, 0, 2};
  const RowsByPatient index = RowsByPatient::Of(patient, 5);
  using Rows = std::vector<uint32_t>;
  EXPECT_EQ(Rows(index.Of(0).begin(), index.Of(0).end()), (Rows{1, 4}));
  EXPECT_TRUE(index.Of(1).empty());
  EXPECT_EQ(Rows(index.Of(2).begin(), index.Of(2).end()), (Rows{0, 2, 5}));
  EXPECT_EQ(Rows(index.Of(3).begin(), index.Of(3).end()), (Rows{3}));
  EXPECT_TRUE(index.Of(4).empty());
  EXPECT_EQ(index.RowsBefore(3), 5u);
}

// The cube against SQL over the stored rows: an independent computation of the same numbers.
TEST(ActivityCube, MatchesAGroupByOverTheStoredRows) {
  auto ws = ImportedFixture("engine_cube");
  auto engine = Engine::Open(*ws);
  const Population& p = (*engine)->population();
  const ActivityCube cube = ActivityByPracticeMonthSetting(p, p.events.cost);
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, std::tuple<int64_t, int64_t, int64_t>> expected;
  auto query = ws->Prepare(
      "SELECT r.practice_id, strftime('%Y-%m', a.date * 86400, 'unixepoch'), a.setting, "
      "count(*), sum(a.quantity), "
      "coalesce(sum(a.cost_pence), 0) FROM activity a JOIN registrations r "
      "ON r.patient_id = a.patient_id AND a.date >= r.start_date "
      "AND (r.end_date IS NULL OR a.date <= r.end_date) GROUP BY 1, 2, 3");
  ASSERT_TRUE(query.ok());
  while ((*query)->NextRow()) {
    expected[{std::string((*query)->Text(0)), std::string((*query)->Text(1)),
              std::string((*query)->Text(2))}] = {(*query)->Int(3), (*query)->Int(4),
                                                  (*query)->Int(5)};
  }
  std::map<Key, std::tuple<int64_t, int64_t, int64_t>> actual;
  for (size_t slot = 0; slot < cube.practices.size(); ++slot) {
    for (int m = 0; m < cube.month_count; ++m) {
      for (int s = 0; s < kSettingCount; ++s) {
        const size_t i = cube.Index(slot, m, s);
        if (cube.events[i] == 0) continue;
        actual[{p.organisations.ids.Value(cube.practices[slot]), FormatMonth(cube.first_month + m),
                std::string(kSettingCodes[s])}] = {cube.events[i], cube.quantity[i], cube.cost[i]};
      }
    }
  }
  EXPECT_EQ(actual, expected);
  EXPECT_EQ(expected.size(), 18u);  // each fixture event falls in a cell of its own
}

}  // namespace
}  // namespace continuum
