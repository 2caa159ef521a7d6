#include "generate/generator.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/csv.h"
#include "core/nhs_number.h"
#include "model/schema.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

fs::path Generate(const std::string& name, GeneratorOptions options) {
  const fs::path folder = fs::path(testing::TempDir()) / ("generated_" + name);
  fs::remove_all(folder);
  auto report = GenerateIco(options, folder.string());
  EXPECT_TRUE(report.ok()) << report.status().message();
  return folder;
}

GeneratorOptions Small() {
  GeneratorOptions options;
  options.patients = 5000;
  options.practices = 3;
  options.years = 1;
  options.seed = 3;
  return options;
}

TEST(Generator, SameSeedSameBytesWhateverTheThreads) {
  GeneratorOptions one = Small(), two = Small();
  one.threads = 1;
  two.threads = 2;
  const fs::path a = Generate("threads1", one), b = Generate("threads2", two);
  for (const TableSpec& t : Tables()) {
    EXPECT_EQ(ReadText(a / t.file), ReadText(b / t.file)) << t.file;
  }
  GeneratorOptions other = Small();
  other.seed = 4;
  EXPECT_NE(ReadText(Generate("seed4", other) / "activity.csv"), ReadText(a / "activity.csv"));
}

TEST(Generator, WritesEveryFileWithItsHeader) {
  const fs::path folder = Generate("headers", Small());
  for (const TableSpec& t : Tables()) {
    std::string header;
    for (const ColumnSpec& c : t.columns)
      header += (header.empty() ? "" : ",") + std::string(c.name);
    const std::string text = ReadText(folder / t.file);
    EXPECT_EQ(text.substr(0, text.find('\n')), header) << t.file;
    EXPECT_EQ(text.back(), '\n');
  }
}

TEST(Generator, TheNelsonCaseStudyByDefault) {
  GeneratorOptions options;  // 14 practices, 100 GPs, 150,000 patients
  options.years = 1;
  const fs::path folder = Generate("nelson", options);
  int practices = 0, gps = 0;
  std::vector<std::string_view> f;
  auto orgs = CsvFile::Read((folder / "organisations.csv").string());
  CsvCursor org_cursor(*orgs);
  org_cursor.Next(&f);
  while (org_cursor.Next(&f)) practices += f[2] == "practice";
  auto staff = CsvFile::Read((folder / "staff.csv").string());
  CsvCursor staff_cursor(*staff);
  staff_cursor.Next(&f);
  while (staff_cursor.Next(&f)) gps += f[2] == "gp";
  // Registered on the first day of the data.
  int64_t registered = 0;
  auto registrations = CsvFile::Read((folder / "registrations.csv").string());
  CsvCursor reg_cursor(*registrations);
  reg_cursor.Next(&f);
  while (reg_cursor.Next(&f))
    registered += f[2] <= "2024-04-01" && (f[4].empty() || f[4] >= "2024-04-01");
  EXPECT_EQ(practices, 14);
  EXPECT_EQ(gps, 100);
  EXPECT_EQ(registered, 150000);
}

TEST(Generator, PilotIcosAndControlPractices) {
  GeneratorOptions options = Small();
  options.icos = 2;
  options.control_practices = 4;
  const fs::path folder = Generate("options", options);
  int icos = 0, member = 0, control = 0;
  auto orgs = CsvFile::Read((folder / "organisations.csv").string());
  CsvCursor cursor(*orgs);
  std::vector<std::string_view> f;
  cursor.Next(&f);
  while (cursor.Next(&f)) {
    icos += f[2] == "ico";
    member += f[2] == "practice" && f[3].substr(0, 3) == "ICO";
    control += f[2] == "practice" && f[3] == "COM01";
  }
  EXPECT_EQ(icos, 2);
  EXPECT_EQ(member, 6);
  EXPECT_EQ(control, 4);
}

TEST(Generator, NhsNumbersAreValidUniqueAndOutsideIssuedRanges) {
  const fs::path folder = Generate("nhs", Small());
  auto patients = CsvFile::Read((folder / "patients.csv").string());
  CsvCursor cursor(*patients);
  std::vector<std::string_view> f;
  cursor.Next(&f);
  std::set<std::string> seen;
  while (cursor.Next(&f)) {
    EXPECT_TRUE(IsValidNhsNumber(f[1])) << f[1];
    EXPECT_EQ(f[1].substr(0, 2), "99");
    EXPECT_TRUE(seen.insert(std::string(f[1])).second);
  }
  EXPECT_GT(seen.size(), 5000u);
}

TEST(Generator, RejectsImpossibleOptions) {
  GeneratorOptions options = Small();
  options.patients = 10;
  EXPECT_EQ(GenerateIco(options, testing::TempDir() + "/never").status().code(),
            StatusCode::kInvalidInput);
  options = Small();
  options.years = 0;
  EXPECT_FALSE(GenerateIco(options, testing::TempDir() + "/never").ok());
  options = Small();
  options.area_dir = testing::TempDir() + "/no_such_area";
  EXPECT_EQ(GenerateIco(options, testing::TempDir() + "/never").status().code(),
            StatusCode::kNotFound);
}

// A real area's practices and neighbourhoods (Trafford's open data beside the project).
TEST(Generator, TakesPracticesAndLsoasFromAnArea) {
  const fs::path area =
      fs::path(CONTINUUM_SOURCE_DIR) / ".." / "shared" / "data" / "trafford-opendata";
  if (!fs::exists(area)) GTEST_SKIP() << "no area data at " << area;
  GeneratorOptions options = Small();
  options.area_dir = area.string();
  options.patients = 26000;
  options.patients_given = true;
  const fs::path folder = Generate("area", options);
  std::set<std::string> lsoas;
  auto population = CsvFile::Read((area / "mid-year_2024_population_estimates_lsoa.csv").string());
  CsvCursor area_cursor(*population);
  std::vector<std::string_view> f;
  area_cursor.Next(&f);
  while (area_cursor.Next(&f)) lsoas.insert(std::string(f[1]));
  auto patients = CsvFile::Read((folder / "patients.csv").string());
  CsvCursor cursor(*patients);
  cursor.Next(&f);
  while (cursor.Next(&f)) ASSERT_TRUE(lsoas.count(std::string(f[4]))) << f[4];
  int practices = 0;
  bool park = false;
  auto orgs = CsvFile::Read((folder / "organisations.csv").string());
  CsvCursor org_cursor(*orgs);
  org_cursor.Next(&f);
  while (org_cursor.Next(&f)) {
    practices += f[2] == "practice";
    park |= f[0] == "P91003";
  }
  EXPECT_EQ(practices, 26);
  EXPECT_TRUE(park);
}

}  // namespace
}  // namespace continuum
