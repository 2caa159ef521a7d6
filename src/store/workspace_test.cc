#include "store/workspace.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "store/snapshot_files.h"

namespace continuum {
namespace {

std::string FreshPath(const std::string& name) {
  const std::string path = testing::TempDir() + "/" + name;
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  return path;
}

TEST(Workspace, MustExistGivesAnActionableError) {
  auto ws = Workspace::Open(FreshPath("missing.db"), Workspace::kMustExist);
  ASSERT_FALSE(ws.ok());
  EXPECT_EQ(ws.status().code(), StatusCode::kNotFound);
  EXPECT_NE(ws.status().message().find("continuum import"), std::string::npos);
}

TEST(Workspace, LeavesOtherDatabasesAndMissingFoldersAlone) {
  const std::string path = FreshPath("other.db");
  {
    auto other = Workspace::Open(path, Workspace::kCreate);
    ASSERT_TRUE(other.ok());
    auto create = (*other)->Prepare("CREATE TABLE not_ours (x)");
    ASSERT_TRUE((*create)->Execute().ok());
    auto drop = (*other)->Prepare("DROP TABLE meta");
    ASSERT_TRUE((*drop)->Execute().ok());
  }
  auto reopened = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("not a Continuum workspace"), std::string::npos);
  auto nowhere = Workspace::Open(testing::TempDir() + "/no/such/folder/w.db", Workspace::kCreate);
  EXPECT_EQ(nowhere.status().code(), StatusCode::kNotFound);
}

TEST(Workspace, RollbackLeavesNothingBehind) {
  const std::string path = FreshPath("rollback.db");
  {
    auto ws = Workspace::Open(path, Workspace::kCreate);
    ASSERT_TRUE(ws.ok()) << ws.status().message();
    ASSERT_TRUE((*ws)->BeginWrite().ok());
    auto insert = (*ws)->Inserter(TableId::kOrganisations);
    ASSERT_TRUE(insert.ok());
    (*insert)->BindText(0, "ICO01");
    (*insert)->BindText(1, "Nelson ICO");
    (*insert)->BindText(2, "ico");
    (*insert)->BindNull(3);
    ASSERT_TRUE((*insert)->Execute().ok());
    (*ws)->Rollback();
    EXPECT_EQ(*(*ws)->RowCount(TableId::kOrganisations), 0);
  }
  auto reopened = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(*(*reopened)->RowCount(TableId::kOrganisations), 0);
}

TEST(Workspace, DuplicateKeysAreReportedAsDuplicates) {
  auto ws = Workspace::Open(FreshPath("dup.db"), Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE((*ws)->BeginWrite().ok());
  auto insert = (*ws)->Inserter(TableId::kDeaths);
  ASSERT_TRUE(insert.ok());
  for (int i = 0; i < 2; ++i) {
    (*insert)->BindInt(0, 7);
    (*insert)->BindText(1, "2024-01-01");
    (*insert)->BindText(2, "home");
    (*insert)->BindNull(3);
    Status status = (*insert)->Execute();
    if (i == 0)
      EXPECT_TRUE(status.ok());
    else
      EXPECT_EQ(status.message(), "duplicate");
  }
  ASSERT_TRUE((*ws)->Commit().ok());
}

TEST(Workspace, ADamagedGenerationIsReportedNotThrown) {
  auto ws = Workspace::Open(FreshPath("generation.db"), Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  auto damage = (*ws)->Prepare("UPDATE meta SET value = 'x' WHERE key = 'data_generation'");
  ASSERT_TRUE((*damage)->Execute().ok());
  auto generation = (*ws)->DataGeneration();
  EXPECT_EQ(generation.status().code(), StatusCode::kCorrupt);
}

TEST(Workspace, BlocksGoInWholeOrNotAtAll) {
  auto ws = Workspace::Open(FreshPath("block.db"), Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE((*ws)->BeginWrite().ok());
  // deaths: patient_id (integer key), date (day number), place, preferred_place.
  const std::vector<bool> as_integer{true, true, false, false};
  std::vector<std::string_view> fields{"7",      "#", "home", "",  "8",       "#",
                                       "castle", "",  "9",    "#", "hospice", "home"};
  std::vector<int64_t> numbers{7, 19000, 0, 0, 8, 19001, 0, 0, 9, 19002, 0, 0};
  std::vector<int32_t> skip{-1, 0, -1};  // the middle row was rejected earlier
  Workspace::RowBlock block{4, 3, fields.data(), numbers.data(), skip.data(), &as_integer};
  ASSERT_TRUE((*ws)->InsertBlock(TableId::kDeaths, block).ok());
  EXPECT_EQ(*(*ws)->RowCount(TableId::kDeaths), 2);
  auto row = (*ws)->Prepare("SELECT date, preferred_place FROM deaths WHERE patient_id = 9");
  ASSERT_TRUE((*row)->NextRow());
  EXPECT_EQ((*row)->Int(0), 19002);
  EXPECT_EQ((*row)->Text(1), "home");
  // Patient 7 again, beside a new patient 10: neither goes in.
  fields = {"10", "#", "home", "", "7", "#", "home", ""};
  numbers = {10, 19003, 0, 0, 7, 19004, 0, 0};
  skip = {-1, -1};
  Workspace::RowBlock again{4, 2, fields.data(), numbers.data(), skip.data(), &as_integer};
  EXPECT_EQ((*ws)->InsertBlock(TableId::kDeaths, again).message(), "duplicate");
  EXPECT_EQ(*(*ws)->RowCount(TableId::kDeaths), 2);
  ASSERT_TRUE((*ws)->Commit().ok());
  // Closing after a bulk insert closes the database: its write-ahead log is checkpointed and
  // removed, as only a last connection that really closes does.
  const std::string path = testing::TempDir() + "/block.db";
  row->reset();
  ws->reset();
  EXPECT_TRUE(std::filesystem::exists(path));
  EXPECT_FALSE(std::filesystem::exists(path + "-wal"));
}

TEST(Workspace, SnapshotsAreTiedToTheDataGeneration) {
  auto ws = Workspace::Open(FreshPath("snap.db"), Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  const int64_t generation = *(*ws)->DataGeneration();
  const std::string bytes("\0abcdef", 7);
  ASSERT_TRUE((*ws)->BeginWrite().ok());
  auto sink = (*ws)->CreateSnapshot("engine", generation, bytes.size());
  ASSERT_TRUE(sink.ok());
  ASSERT_TRUE((*sink)->Write(bytes.data(), 3).ok());
  ASSERT_TRUE((*sink)->Write(bytes.data() + 3, 4).ok());
  EXPECT_FALSE((*sink)->Write("x", 1).ok());  // more than declared
  sink->reset();
  ASSERT_TRUE((*ws)->Commit().ok());
  auto source = (*ws)->OpenSnapshot("engine", generation);
  ASSERT_TRUE(source.ok() && *source != nullptr);
  EXPECT_EQ((*source)->remaining(), 7u);
  std::string back(7, ' ');
  ASSERT_TRUE((*source)->Read(back.data(), 7).ok());
  EXPECT_EQ(back, bytes);
  EXPECT_FALSE((*source)->Read(back.data(), 1).ok());
  source->reset();
  ASSERT_TRUE((*ws)->BeginWrite().ok());
  ASSERT_TRUE((*ws)->BumpDataGeneration().ok());
  ASSERT_TRUE((*ws)->Commit().ok());
  auto stale = (*ws)->OpenSnapshot("engine", *(*ws)->DataGeneration());
  ASSERT_TRUE(stale.ok());
  EXPECT_EQ(*stale, nullptr);
}

// Each snapshot is a file beside the workspace, named by the workspace in the same transaction:
// a write rolled back leaves no file, a snapshot written again replaces its file once committed,
// and a file gone or cut short reads as no snapshot (the engine then rebuilds from the rows).
TEST(Workspace, SnapshotsAreFilesTheWorkspaceNames) {
  const std::string path = FreshPath("snapshot_files.db");
  std::filesystem::remove_all(SnapshotFolder(path));
  auto ws = Workspace::Open(path, Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  const int64_t generation = *(*ws)->DataGeneration();
  auto files = [&] {
    std::vector<std::string> names;
    std::error_code error;
    for (const auto& entry : std::filesystem::directory_iterator(SnapshotFolder(path), error))
      names.push_back(entry.path().filename().string());
    return names;
  };
  auto write = [&](const std::string& bytes, bool commit) {
    ASSERT_TRUE((*ws)->BeginWrite().ok());
    auto sink = (*ws)->CreateSnapshot("engine", generation, bytes.size());
    ASSERT_TRUE(sink.ok());
    ASSERT_TRUE((*sink)->Write(bytes.data(), bytes.size()).ok());
    sink->reset();
    if (commit) {
      ASSERT_TRUE((*ws)->Commit().ok());
    } else {
      (*ws)->Rollback();
    }
  };
  auto read = [&]() -> std::optional<std::string> {
    auto source = (*ws)->OpenSnapshot("engine", generation);
    if (!source.ok() || *source == nullptr) return std::nullopt;
    std::string back((*source)->remaining(), ' ');
    if (!(*source)->Read(back.data(), back.size()).ok()) return std::nullopt;
    return back;
  };
  write("rolled back", false);
  EXPECT_TRUE(files().empty());
  EXPECT_EQ(read(), std::nullopt);
  const std::string first(3 << 20, 'a');  // more than the sink's buffer
  write(first, true);
  ASSERT_EQ(files().size(), 1u);
  const std::string first_file = files()[0];
  EXPECT_EQ(read(), first);
  // A mapped snapshot lends its bytes where they lie.
  auto source = (*ws)->OpenSnapshot("engine", generation);
  ASSERT_TRUE(source.ok() && *source != nullptr);
  const auto* lent = static_cast<const char*>((*source)->Borrow(first.size()));
  ASSERT_NE(lent, nullptr);
  EXPECT_EQ(std::string(lent, first.size()), first);
  EXPECT_NE((*source)->Keeper(), nullptr);
  write("second", true);
  ASSERT_EQ(files().size(), 1u);
  EXPECT_NE(files()[0], first_file);
  EXPECT_EQ(read(), "second");
  // What was lent stays readable after its file is replaced and removed.
  EXPECT_EQ(std::string(lent, 6), "aaaaaa");
  source->reset();
  // Cut short, or gone: no snapshot.
  // Written, a snapshot is read-only (nothing changes it under a reader), with the workspace
  // file's permissions otherwise.
  const std::string written = SnapshotFolder(path) + "/" + files()[0];
  EXPECT_EQ(std::filesystem::status(written).permissions() & std::filesystem::perms::all,
            std::filesystem::status(path).permissions() & std::filesystem::perms::all &
                ~(std::filesystem::perms::owner_write | std::filesystem::perms::group_write |
                  std::filesystem::perms::others_write));
  std::filesystem::permissions(written, std::filesystem::perms::owner_write,
                               std::filesystem::perm_options::add);
  std::filesystem::resize_file(written, 3);
  EXPECT_EQ(read(), std::nullopt);
  std::filesystem::remove(SnapshotFolder(path) + "/" + files()[0]);
  EXPECT_EQ(read(), std::nullopt);
  // A file left by a write that never committed (a killed import) goes with the next commit.
  std::filesystem::copy_file(path, SnapshotFolder(path) + "/0123456789abcdef.snapshot");
  write("third", true);
  EXPECT_EQ(files().size(), 1u);
  EXPECT_EQ(read(), "third");
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// activity: event_id, patient_id, date, setting, provider_id, specialty, diagnosis, procedure,
// length_of_stay, quantity, cost_pence, medicine.
constexpr const char* kActivityColumns =
    "event_id, patient_id, date, setting, provider_id, specialty, diagnosis, procedure, "
    "length_of_stay, quantity, cost_pence, medicine";

// Every activity row as text, from the workspace's own reading and from SQL over the view.
std::vector<std::string> ActivityByScan(Workspace& ws) {
  std::vector<std::string> rows;
  auto scan = ws.Scan(TableId::kActivity);
  EXPECT_TRUE(scan.ok());
  while ((*scan)->NextRow()) {
    std::string row;
    for (int c = 0; c < 12; ++c) {
      row += c ? "|" : "";
      if ((*scan)->IsNull(c))
        row += "null";
      else if (c <= 2 || c == 8 || c == 9 || c == 10)
        row += std::to_string((*scan)->Int(c));
      else
        row += std::string((*scan)->Text(c));
    }
    rows.push_back(row);
  }
  EXPECT_TRUE((*scan)->status().ok()) << (*scan)->status().message();
  return rows;
}

std::vector<std::string> ActivityBySql(Workspace& ws, const std::string& from) {
  std::vector<std::string> rows;
  auto select =
      ws.Prepare(std::string("SELECT ") + kActivityColumns + ", typeof(date) FROM " + from);
  EXPECT_TRUE(select.ok()) << select.status().message();
  while ((*select)->NextRow()) {
    std::string row;
    for (int c = 0; c < 12; ++c)
      row += (c ? "|" : "") + ((*select)->IsNull(c) ? "null" : std::string((*select)->Text(c)));
    rows.push_back(row + "|" + std::string((*select)->Text(12)));
  }
  return rows;
}

TEST(Workspace, ActivityIsKeptInBlocksThatPlainSqlReads) {
  auto ws = Workspace::Open(FreshPath("blocks.db"), Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  ASSERT_TRUE((*ws)->BeginWrite().ok());
  std::vector<bool> as_integer(12, false);
  for (int c : {0, 1, 2, 8, 9, 10}) as_integer[c] = true;
  std::vector<std::string_view> fields{
      "5", "1", "#", "gp",        "P001", "",    "I10",   "",          "",  "1", "#", "",
      "3", "2", "#", "emergency", "RAX",  "300", "J44.1", "",          "6", "1", "",  "",
      "9", "2", "#", "drug",      "P001", "",    "",      "say \"a\"", "",  "2", "#", "0208020Z0"};
  std::vector<int64_t> numbers{5, 1, 19500, 0, 0, 0, 0, 0, 0, 1, 3900, 0,
                               3, 2, 19501, 0, 0, 0, 0, 0, 6, 1, 0,    0,
                               9, 2, 19502, 0, 0, 0, 0, 0, 0, 2, 250,  0};
  Workspace::RowBlock first{12, 2, fields.data(), numbers.data(), nullptr, &as_integer};
  ASSERT_TRUE((*ws)->InsertBlock(TableId::kActivity, first).ok());
  Workspace::RowBlock second{12, 1, fields.data() + 24, numbers.data() + 24, nullptr, &as_integer};
  ASSERT_TRUE((*ws)->InsertBlock(TableId::kActivity, second).ok());
  ASSERT_TRUE((*ws)->Commit().ok());

  // Rows in the order they were stored, not by key; the blocks know their keys' range.
  const std::vector<std::string> expected{
      "5|1|19500|gp|P001|null|I10|null|null|1|3900|null",
      "3|2|19501|emergency|RAX|300|J44.1|null|6|1|null|null",
      "9|2|19502|drug|P001|null|null|say \"a\"|null|2|250|0208020Z0"};
  EXPECT_EQ(ActivityByScan(**ws), expected);
  std::vector<std::string> by_sql = ActivityBySql(**ws, "activity");
  ASSERT_EQ(by_sql.size(), 3u);
  for (size_t r = 0; r < 3; ++r) EXPECT_EQ(by_sql[r], expected[r] + "|integer");
  EXPECT_EQ(*(*ws)->RowCount(TableId::kActivity), 3);
  auto range = (*ws)->BlockKeyRange(TableId::kActivity);
  ASSERT_TRUE(range.ok() && range->has_value());
  EXPECT_EQ((*range)->first, 3);
  EXPECT_EQ((*range)->second, 9);
  auto readable = (*ws)->Prepare("SELECT date, cost FROM activity_readable WHERE event_id = 5");
  ASSERT_TRUE((*readable)->NextRow());
  EXPECT_EQ((*readable)->Text(0), "2023-05-23");
  EXPECT_EQ((*readable)->Text(1), "39.00");
}

TEST(Workspace, AFormatOneWorkspaceIsReadAsItIsAndUpgradedWhenWritten) {
  const std::string path = FreshPath("format1.db");
  {
    auto ws = Workspace::Open(path, Workspace::kCreate);
    ASSERT_TRUE(ws.ok());
    // Format 1's activity: a table of rows.
    TableSpec rows = Table(TableId::kActivity);
    rows.in_blocks = false;
    for (const std::string& sql :
         {std::string("DROP VIEW activity_readable"), std::string("DROP VIEW activity"),
          std::string("DROP TABLE activity_blocks"), CreateTableSql(rows),
          CreateReadableViewSql(rows),
          std::string("INSERT INTO activity VALUES (7, 1, 19500, 'gp', 'P001', NULL, 'I10', NULL,"
                      " NULL, 1, 3900, NULL), (4, 2, 19501, 'drug', 'P001', NULL, NULL, 'it''s',"
                      " NULL, 2, NULL, '0208020Z0')"),
          std::string("UPDATE meta SET value = '1' WHERE key = 'format_version'")}) {
      auto statement = (*ws)->Prepare(sql);
      ASSERT_TRUE(statement.ok()) << sql << ": " << statement.status().message();
      ASSERT_TRUE((*statement)->Execute().ok()) << sql;
    }
  }
  // In key order, as format 1 read them.
  const std::vector<std::string> expected{
      "4|2|19501|drug|P001|null|null|it's|null|2|null|0208020Z0",
      "7|1|19500|gp|P001|null|I10|null|null|1|3900|null"};
  {
    auto read_only = Workspace::Open(path, Workspace::kReadOnly);
    ASSERT_TRUE(read_only.ok()) << read_only.status().message();
    EXPECT_EQ(ActivityByScan(**read_only), expected);
  }
  auto ws = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  EXPECT_EQ(ActivityByScan(**ws), expected);
  auto version = (*ws)->Prepare("SELECT value FROM meta WHERE key = 'format_version'");
  ASSERT_TRUE((*version)->NextRow());
  EXPECT_EQ((*version)->Text(0), "2");
  auto kinds = (*ws)->Prepare(
      "SELECT group_concat(name || ':' || type, ' ') FROM (SELECT name, type FROM sqlite_master "
      "WHERE name LIKE 'activity%' ORDER BY name)");
  ASSERT_TRUE((*kinds)->NextRow());
  EXPECT_EQ((*kinds)->Text(0), "activity:view activity_blocks:table activity_readable:view");
  EXPECT_EQ(ActivityBySql(**ws, "activity").size(), 2u);
  auto range = (*ws)->BlockKeyRange(TableId::kActivity);
  EXPECT_EQ((*range)->first, 4);
  EXPECT_EQ((*range)->second, 7);
}

}  // namespace
}  // namespace continuum
