#include "generate/generator.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/csv.h"
#include "generate/test_folder.h"
#include "model/schema.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

std::string TempFolder(const std::string& name) { return TestFolder(name); }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

GeneratorOptions Small() {
  GeneratorOptions options;
  options.patients = 6000;
  options.practices = 4;
  options.control_practices = 2;
  options.years = 2;
  options.seed = 11;
  return options;
}

TEST(Generator, SameSeedSameBytesWhateverTheThreads) {
  GeneratorOptions options = Small();
  std::vector<std::string> folders;
  for (int threads : {1, 2, 3}) {
    options.threads = threads;
    folders.push_back(TempFolder("threads" + std::to_string(threads)));
    auto report = GenerateIco(options, folders.back());
    ASSERT_TRUE(report.ok()) << report.status().message();
  }
  for (const TableSpec& table : Tables()) {
    const std::string file(table.file);
    // A single ICO has no dated memberships (ProgrammeHasStaggeredMemberships covers them).
    if (table.id == TableId::kMemberships) {
      for (const std::string& folder : folders) EXPECT_FALSE(fs::exists(folder + "/" + file));
      continue;
    }
    const std::string one = Slurp(folders[0] + "/" + file);
    ASSERT_FALSE(one.empty()) << file;
    EXPECT_EQ(one, Slurp(folders[1] + "/" + file)) << file << " differs with 2 threads";
    EXPECT_EQ(one, Slurp(folders[2] + "/" + file)) << file << " differs with 3 threads";
  }
  for (const std::string& folder : folders) fs::remove_all(folder);
}

TEST(Generator, DifferentSeedsDiffer) {
  GeneratorOptions options = Small();
  const std::string a = TempFolder("seed_a"), b = TempFolder("seed_b");
  ASSERT_TRUE(GenerateIco(options, a).ok());
  options.seed = 12;
  ASSERT_TRUE(GenerateIco(options, b).ok());
  EXPECT_NE(Slurp(a + "/activity.csv"), Slurp(b + "/activity.csv"));
  EXPECT_NE(Slurp(a + "/patients.csv"), Slurp(b + "/patients.csv"));
  fs::remove_all(a);
  fs::remove_all(b);
}

TEST(Generator, ReportCountsTheRowsWritten) {
  const std::string folder = TempFolder("report");
  auto report = GenerateIco(Small(), folder);
  ASSERT_TRUE(report.ok()) << report.status().message();
  // Every table but memberships, which a single ICO does not have.
  ASSERT_EQ(report->rows.size(), static_cast<size_t>(kTableCount - 1));
  for (const auto& [file, rows] : report->rows) {
    const std::string text = Slurp(folder + "/" + file);
    ASSERT_FALSE(text.empty());
    EXPECT_EQ(text.back(), '\n');
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n') - 1, rows) << file;
  }
  EXPECT_EQ(report->rows[static_cast<int>(TableId::kPatients)].second, report->patients);
  EXPECT_EQ(report->rows[static_cast<int>(TableId::kActivity)].second, report->events);
  EXPECT_GT(report->patients, 6000 + 2 * 100);  // the lists, controls, births and arrivals
  fs::remove_all(folder);
}

TEST(Generator, TheDefaultIcoHasFourteenPracticesAndOneHundredGps) {
  GeneratorOptions options;  // 150,000 patients, 14 practices
  options.years = 1;
  const std::string folder = TempFolder("default");
  ASSERT_TRUE(GenerateIco(options, folder).ok());
  auto staff = CsvFile::Read(folder + "/staff.csv");
  auto organisations = CsvFile::Read(folder + "/organisations.csv");
  ASSERT_TRUE(staff.ok() && organisations.ok());
  std::vector<std::string_view> fields;
  int practices = 0, gps = 0;
  CsvCursor orgs(*organisations);
  while (orgs.Next(&fields)) practices += fields[2] == "practice";
  CsvCursor people(*staff);
  while (people.Next(&fields)) gps += fields[2] == "gp";
  EXPECT_EQ(practices, 14);
  EXPECT_EQ(gps, 100);
  fs::remove_all(folder);
}

TEST(Generator, RejectsImpossibleOptions) {
  const std::string folder = TempFolder("invalid");
  auto expect_invalid = [&](GeneratorOptions options, const std::string& words) {
    auto report = GenerateIco(options, folder);
    ASSERT_FALSE(report.ok());
    EXPECT_EQ(report.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(report.status().message().find(words), std::string::npos)
        << report.status().message();
  };
  GeneratorOptions o;
  o.patients = 999;
  expect_invalid(o, "patients must be at least 1000");
  o = {};
  o.practices = 0;
  expect_invalid(o, "practices must be between 1 and 10000");
  o = {};
  o.years = 11;
  expect_invalid(o, "years must be between 1 and 10");
  o = {};
  o.years = 0;
  expect_invalid(o, "years must be between 1 and 10");
  o = {};
  o.icos = 0;
  expect_invalid(o, "icos must be between 1 and 100");
  o = {};
  o.control_practices = -1;
  expect_invalid(o, "control practices");
  o = {};
  o.patients = 5000;
  o.practices = 60;
  expect_invalid(o, "at least 100 patients");
  o = {};
  o.area_dir = folder + "/no-such-area";
  auto missing = GenerateIco(o, folder);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_FALSE(fs::exists(folder + "/activity.csv"));
}

TEST(Generator, TruthFileListsEveryPatient) {
  GeneratorOptions options = Small();
  const std::string folder = TempFolder("truth");
  options.truth_path = folder + "-truth.csv";
  auto report = GenerateIco(options, folder);
  ASSERT_TRUE(report.ok());
  const std::string truth = Slurp(options.truth_path);
  EXPECT_EQ(truth.substr(0, truth.find('\n')),
            "patient_id,frailty,propensity,case_managed,expected_emergency");
  EXPECT_EQ(std::count(truth.begin(), truth.end(), '\n') - 1, report->patients);
  fs::remove_all(folder);
  fs::remove(options.truth_path);
}

TEST(Generator, ReportNamesThePlantedPractices) {
  GeneratorOptions options = Small();  // four practices an ICO: plants 1, 2 and 3 exist
  options.icos = 2;
  const std::string folder = TempFolder("planted");
  auto report = GenerateIco(options, folder);
  ASSERT_TRUE(report.ok()) << report.status().message();
  std::vector<std::pair<std::string, int>> planted;
  for (const PlantedPractice& p : report->planted) planted.emplace_back(p.org_id, p.position);
  const std::vector<std::pair<std::string, int>> expected = {
      {"ZP0002", kHighAdmissionsPractice},
      {"ZP0003", kDelayedHeartFailurePathwayPractice},
      {"ZP0004", kLowAdmissionsPractice},
      {"ZP0006", kHighAdmissionsPractice},
      {"ZP0007", kDelayedHeartFailurePathwayPractice},
      {"ZP0008", kLowAdmissionsPractice}};
  EXPECT_EQ(planted, expected);
  fs::remove_all(folder);
}

// A programme: ICOs in contiguous blocks under their commissioners, each commissioner with its
// own control practices, memberships from staggered quarter days, one switcher and one leaver,
// the same bytes whatever the thread count.
TEST(Generator, ProgrammeHasStaggeredMemberships) {
  GeneratorOptions options = Small();
  options.patients = 2000;
  options.practices = 3;
  options.icos = 4;
  options.commissioners = 2;
  options.control_practices = 1;
  options.years = 3;
  std::vector<std::string> memberships;
  for (int threads : {1, 2}) {
    options.threads = threads;
    const std::string folder = TempFolder("programme" + std::to_string(threads));
    auto report = GenerateIco(options, folder);
    ASSERT_TRUE(report.ok()) << report.status().message();
    memberships.push_back(Slurp(folder + "/memberships.csv"));
    const std::string organisations = Slurp(folder + "/organisations.csv");
    EXPECT_NE(organisations.find("ZICO2,Abbotsmere Integrated Care Organisation,ico,ZQ1\n"),
              std::string::npos);
    EXPECT_NE(organisations.find("ZICO3,Kingsbridge Downs Integrated Care Organisation,ico,ZQ2\n"),
              std::string::npos);
    // Practices ZP0001-ZP0012 in the ICOs, then one control practice for each commissioner.
    EXPECT_NE(organisations.find("ZP0013,"), std::string::npos);
    EXPECT_NE(organisations.find(",practice,ZQ2\n"), std::string::npos);
    int changes = 0;
    for (const PlantedPractice& p : report->planted) changes += p.what.find("ICO") != p.what.npos;
    EXPECT_EQ(changes, 2);
    fs::remove_all(folder);
  }
  EXPECT_EQ(memberships[0], memberships[1]);
  // Ranked round-robin over the commissioners (ZICO1, ZICO3, ZICO2, ZICO4), over 8 quarters.
  const std::string expected =
      "practice_id,ico_id,start_date,end_date\n"
      "ZP0001,ZICO1,2022-04-01,\n"
      "ZP0002,ZICO1,2022-04-01,\n"
      "ZP0003,ZICO1,2022-04-01,2024-03-31\n"
      "ZP0003,ZICO2,2024-04-01,\n"
      "ZP0004,ZICO2,2023-04-01,\n"
      "ZP0005,ZICO2,2023-04-01,\n"
      "ZP0006,ZICO2,2023-04-01,\n"
      "ZP0007,ZICO3,2022-10-01,\n"
      "ZP0008,ZICO3,2022-10-01,\n"
      "ZP0009,ZICO3,2022-10-01,2024-03-31\n"
      "ZP0010,ZICO4,2023-10-01,\n"
      "ZP0011,ZICO4,2023-10-01,\n"
      "ZP0012,ZICO4,2023-10-01,\n";
  EXPECT_EQ(memberships[0], expected);
}

TEST(Generator, CommissionersAreAtMostTheIcos) {
  GeneratorOptions options = Small();
  options.commissioners = 2;
  auto report = GenerateIco(options, TempFolder("too_many_commissioners"));
  ASSERT_FALSE(report.ok());
  EXPECT_NE(report.status().message().find("commissioners must be between 1 and"),
            std::string::npos);
}

}  // namespace
}  // namespace continuum
