#include "ingest/importer.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "store/export.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

const std::string kValid = std::string(CONTINUUM_SOURCE_DIR) + "/tests/cases/import/valid";

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteText(const fs::path& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

struct Fixture {
  std::string folder;
  std::unique_ptr<Workspace> workspace;
};

// A copy of the valid fixture in a fresh folder, with a fresh workspace beside it.
Fixture Fresh(const std::string& name) {
  const fs::path root = fs::path(testing::TempDir()) / ("import_" + name);
  fs::remove_all(root);
  fs::create_directories(root / "in");
  for (const auto& entry : fs::directory_iterator(kValid)) {
    fs::copy_file(entry.path(), root / "in" / entry.path().filename());
  }
  auto ws = Workspace::Open((root / "ws.db").string(), Workspace::kCreate);
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  return {(root / "in").string(), std::move(*ws)};
}

// Replaces line `line` (1-based) of a fixture file.
void ReplaceLine(const std::string& folder, const std::string& file, int line,
                 const std::string& text) {
  std::istringstream in(ReadText(fs::path(folder) / file));
  std::string out, current;
  for (int n = 1; std::getline(in, current); ++n) out += (n == line ? text : current) + "\n";
  WriteText(fs::path(folder) / file, out);
}

TEST(Import, LoadsEveryTableOfTheValidFixture) {
  Fixture f = Fresh("valid");
  auto report = ImportFolder(f.folder, *f.workspace, {});
  ASSERT_TRUE(report.ok()) << report.status().message();
  for (const ImportIssue& i : report->issues) ADD_FAILURE() << FormatIssue(i);
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kOrganisations), 12);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kPatients), 6);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kRegistrations), 7);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kActivity), 18);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kDeaths), 1);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kMemberships), 3);
  EXPECT_EQ(report->Loaded(), 12 + 6 + 6 + 7 + 6 + 5 + 18 + 1 + 2 + 3);
}

TEST(Import, ExportGivesTheFilesBackByteForByte) {
  Fixture f = Fresh("roundtrip");
  ASSERT_TRUE(ImportFolder(f.folder, *f.workspace, {})->committed);
  const std::string out = f.folder + "/../out";
  ASSERT_TRUE(ExportFolder(*f.workspace, out).ok());
  for (const TableSpec& t : Tables()) {
    EXPECT_EQ(ReadText(fs::path(out) / t.file), ReadText(fs::path(kValid) / t.file)) << t.file;
  }
}

// Single bad rows are golden cases under tests/cases/import/bad, run through the binary by
// tests/cli_test.cc.

TEST(Import, TruncatedFileIsReported) {
  Fixture f = Fresh("truncated");
  std::string text = ReadText(fs::path(f.folder) / "activity.csv");
  text.resize(text.size() - 20);
  WriteText(fs::path(f.folder) / "activity.csv", text);
  auto report = ImportFolder(f.folder, *f.workspace, {});
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->committed);
  ASSERT_EQ(report->issues.size(), 1u);
  EXPECT_EQ(FormatIssue(report->issues[0]),
            "activity.csv line 19: the file ends without a line break; it may be truncated");
}

TEST(Import, FailedImportLeavesAnExistingWorkspaceExactlyAsItWas) {
  Fixture f = Fresh("keep");
  ASSERT_TRUE(ImportFolder(f.folder, *f.workspace, {})->committed);
  const int64_t generation = *f.workspace->DataGeneration();
  // A second folder with one new good event and one bad one.
  const fs::path second = fs::path(f.folder) / ".." / "second";
  fs::create_directories(second);
  WriteText(second / "activity.csv",
            "event_id,patient_id,date,setting,provider_id,specialty,diagnosis,procedure,"
            "length_of_stay,quantity,cost,medicine\n"
            "100,2,2024-05-01,gp,P002,,,,,1,39.00,\n"
            "101,2,2024-05-02,gp,P002,,,,,1,banana,\n");
  auto report = ImportFolder(second.string(), *f.workspace, {});
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kActivity), 18);
  EXPECT_EQ(*f.workspace->DataGeneration(), generation);
}

TEST(Import, AppendsAndChecksAgainstTheWorkspace) {
  Fixture f = Fresh("append");
  ASSERT_TRUE(ImportFolder(f.folder, *f.workspace, {})->committed);
  const fs::path second = fs::path(f.folder) / ".." / "append2";
  fs::create_directories(second);
  WriteText(second / "activity.csv",
            "event_id,patient_id,date,setting,provider_id,specialty,diagnosis,procedure,"
            "length_of_stay,quantity,cost,medicine\n"
            "100,2,2024-05-01,gp,P002,,,,,1,39.00,\n");
  auto report = ImportFolder(second.string(), *f.workspace, {});
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kActivity), 19);
  // Another file with an event id the workspace holds already.
  WriteText(second / "activity.csv",
            "event_id,patient_id,date,setting,provider_id,specialty,diagnosis,procedure,"
            "length_of_stay,quantity,cost,medicine\n"
            "100,2,2024-05-02,gp,P002,,,,,1,39.00,\n");
  auto again = ImportFolder(second.string(), *f.workspace, {});
  EXPECT_FALSE(again->committed);
  EXPECT_EQ(FormatIssue(again->issues[0]),
            "activity.csv line 2, column event_id: event_id 100 appears more than once (in this "
            "file or the workspace)");
}

TEST(Import, QuarantineLoadsGoodRowsAndWritesEveryRejectWithItsReason) {
  Fixture f = Fresh("quarantine");
  ReplaceLine(f.folder, "patients.csv", 7, "6,9990000069,1970-08-15,M,E01990003,0");
  ReplaceLine(f.folder, "activity.csv", 3, "2,1,2023-05-10,emergency,RAX,300,J44.1,,6,1,oops,");
  ImportOptions options;
  options.quarantine = true;
  options.rejects_path = f.folder + "/../rejects.csv";
  auto report = ImportFolder(f.folder, *f.workspace, options);
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->committed);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kPatients), 5);
  // Patient 6's registration and two events go too, each with its own reason.
  EXPECT_EQ(*f.workspace->RowCount(TableId::kRegistrations), 6);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kActivity), 18 - 3);
  EXPECT_EQ(report->issue_count, 5);
  const std::string rejects = ReadText(options.rejects_path);
  EXPECT_NE(rejects.find("patients.csv,7,imd_decile,'0' is outside 1 to 10,"
                         "\"6,9990000069,1970-08-15,M,E01990003,0\""),
            std::string::npos)
      << rejects;
  EXPECT_NE(rejects.find("activity.csv,3,cost,"), std::string::npos);
  EXPECT_NE(rejects.find("activity.csv,18,patient_id,\"patient 6 was rejected in patients.csv, "
                         "so this row is too\""),
            std::string::npos)
      << rejects;
  EXPECT_TRUE(report->issues.back().consequence);
  EXPECT_FALSE(report->issues.front().consequence);
}

// A file of many batches is summed as it is read; the value must be the one a second import
// works out before loading, or the same file would load twice.
TEST(Import, ALargeFileSummedWhileReadIsKnownAgain) {
  Fixture f = Fresh("large_again");
  std::string activity = ReadText(fs::path(kValid) / "activity.csv");
  // Rows beyond the fixture's event ids, three batches' worth, and a length not a multiple of 8.
  for (int e = 1000; e < 1000 + 3 * 8192 + 17; ++e)
    activity += std::to_string(e) + ",1,2023-04-03,gp,P001,,I10,,,1,39.00,\n";
  activity += "99999,1,2023-04-04,gp,P001,,,,,1,9.5,\n";
  if (activity.size() % 8 == 0) activity.insert(activity.size() - 1, "0");  // 9.50: a tail to sum
  ASSERT_NE(activity.size() % 8, 0u);
  WriteText(fs::path(f.folder) / "activity.csv", activity);
  auto first = ImportFolder(f.folder, *f.workspace, {});
  ASSERT_TRUE(first.ok()) << first.status().message();
  for (const ImportIssue& i : first->issues) ADD_FAILURE() << FormatIssue(i);
  ASSERT_TRUE(first->committed);
  const fs::path again = fs::path(f.folder) / ".." / "large_again_more";
  fs::create_directories(again);
  fs::copy_file(fs::path(f.folder) / "activity.csv", again / "activity.csv");
  auto second = ImportFolder(again.string(), *f.workspace, {});
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->committed);
  ASSERT_EQ(second->file_problems, 1);
  EXPECT_NE(
      FormatIssue(second->issues[0]).find("activity.csv: this very file was already imported"),
      std::string::npos)
      << FormatIssue(second->issues[0]);
}

TEST(Import, TheSameFilesAgainAreRefusedEvenWithQuarantine) {
  Fixture f = Fresh("again");
  ASSERT_TRUE(ImportFolder(f.folder, *f.workspace, {})->committed);
  ImportOptions options;
  options.quarantine = true;
  options.rejects_path = f.folder + "/../again_rejects.csv";
  auto again = ImportFolder(f.folder, *f.workspace, options);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->committed);
  EXPECT_EQ(again->file_problems, kTableCount);
  EXPECT_NE(
      FormatIssue(again->issues[0]).find("organisations.csv: this very file was already imported"),
      std::string::npos)
      << FormatIssue(again->issues[0]);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kConditions), 6);
  // The same condition rows inside a new file are each refused; the new row loads.
  const fs::path more = fs::path(f.folder) / ".." / "again_more";
  fs::create_directories(more);
  WriteText(more / "conditions.csv",
            ReadText(fs::path(kValid) / "conditions.csv") + "2,asthma,2020-01-01,\n");
  auto mixed = ImportFolder(more.string(), *f.workspace, options);
  ASSERT_TRUE(mixed.ok());
  EXPECT_TRUE(mixed->committed);
  EXPECT_EQ(mixed->Loaded(), 1);
  EXPECT_EQ(mixed->issue_count, 6);
  EXPECT_EQ(FormatIssue(mixed->issues[0]),
            "conditions.csv line 2, column patient_id: the same patient_id, condition and "
            "onset_date appear on another row (in this file or the workspace)");
  EXPECT_EQ(*f.workspace->RowCount(TableId::kConditions), 7);
}

TEST(Import, AnUnreadableFileStopsEvenAQuarantinedImport) {
  Fixture f = Fresh("badheader");
  ReplaceLine(f.folder, "patients.csv", 1, "patient_id,nhs,birth_date,sex,lsoa,imd_decile");
  ImportOptions options;
  options.quarantine = true;
  options.rejects_path = f.folder + "/../badheader_rejects.csv";
  auto report = ImportFolder(f.folder, *f.workspace, options);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->committed);
  EXPECT_EQ(report->file_problems, 1);
  EXPECT_EQ(*f.workspace->RowCount(TableId::kOrganisations), 0);
}

TEST(Import, MissingFolderAndEmptyFolderAreClearErrors) {
  Fixture f = Fresh("missing");
  auto missing = ImportFolder(f.folder + "/nope", *f.workspace, {});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  const fs::path empty = fs::path(f.folder) / ".." / "empty";
  fs::create_directories(empty);
  auto none = ImportFolder(empty.string(), *f.workspace, {});
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  EXPECT_NE(none.status().message().find("none of the interchange files"), std::string::npos);
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// Event ids have no index: the importer keeps them unique, within a file and against every
// import before, and passes on only the events it stores.
TEST(Import, EventIdsAreUniqueWithinAFileAndAcrossImports) {
  Fixture f = Fresh("event_ids");
  ASSERT_TRUE(ImportFolder(f.folder, *f.workspace, {})->committed);  // events 1 to 18
  const fs::path second = fs::path(f.folder) / ".." / "event_ids2";
  fs::create_directories(second);
  const std::string header =
      "event_id,patient_id,date,setting,provider_id,specialty,diagnosis,procedure,"
      "length_of_stay,quantity,cost,medicine\n";
  WriteText(second / "activity.csv", header +
                                         "30,2,2024-05-01,gp,P002,,,,,1,39.00,\n"    // new
                                         "12,2,2024-05-02,gp,P002,,,,,1,39.00,\n"    // stored
                                         "30,2,2024-05-03,gp,P002,,,,,1,39.00,\n"    // line 2's
                                         "-4,2,2024-05-04,gp,P002,,,,,1,39.00,\n"    // below range
                                         "25,2,2024-05-05,gp,P002,,,,,1,39.00,\n"    // new
                                         "18,2,2024-05-06,gp,P002,,,,,1,39.00,\n");  // stored
  ImportOptions options;
  options.quarantine = true;
  options.rejects_path = second.string() + "/../event_ids_rejects.csv";
  std::vector<int64_t> passed_on;
  options.on_row = [&](TableId table, const ImportRow& row) {
    if (table == TableId::kActivity) passed_on.push_back(row.parsed[0]);
    return Status::Ok();
  };
  auto report = ImportFolder(second.string(), *f.workspace, options);
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_TRUE(report->committed);
  std::vector<std::string> issues;
  for (const ImportIssue& i : report->issues) issues.push_back(FormatIssue(i));
  const std::string twice = " appears more than once (in this file or the workspace)";
  // -4 is refused by its column's range before its id is looked at.
  ASSERT_EQ(issues.size(), 4u);
  EXPECT_EQ(issues[0], "activity.csv line 3, column event_id: event_id 12" + twice);
  EXPECT_EQ(issues[1], "activity.csv line 4, column event_id: event_id 30" + twice);
  EXPECT_NE(issues[2].find("activity.csv line 5, column event_id"), std::string::npos);
  EXPECT_EQ(issues[3], "activity.csv line 7, column event_id: event_id 18" + twice);
  EXPECT_EQ(passed_on, (std::vector<int64_t>{30, 25}));
  EXPECT_EQ(*f.workspace->RowCount(TableId::kActivity), 20);
  auto dates = f.workspace->Prepare(
      "SELECT group_concat(event_id || '@' || date, ' ') FROM activity_readable "
      "WHERE event_id IN (12, 18, 25, 30)");
  ASSERT_TRUE((*dates)->NextRow());
  EXPECT_EQ((*dates)->Text(0), "12@2024-02-14 18@2024-02-29 30@2024-05-01 25@2024-05-05");
}

}  // namespace
}  // namespace continuum
