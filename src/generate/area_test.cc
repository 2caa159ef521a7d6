// The --area folder: real LSOAs, their age structure and the area's practices shape the ICO.
// Uses shared/data/trafford-opendata when present (skipped otherwise) and small hand-made
// folders for the error messages.
#include "generate/area.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "core/csv.h"
#include "generate/generator.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

std::string TraffordFolder() {
  return std::string(CONTINUUM_SOURCE_DIR) + "/../shared/data/trafford-opendata";
}

TEST(Area, ReadsTrafford) {
  if (!fs::exists(TraffordFolder())) GTEST_SKIP() << "no " << TraffordFolder();
  auto area = LoadArea(TraffordFolder());
  ASSERT_TRUE(area.ok()) << area.status().message();
  EXPECT_EQ(area->lsoas.size(), 139u);
  EXPECT_EQ(area->practices.size(), 26u);
  EXPECT_EQ(area->la_code, "E08000009");
  EXPECT_TRUE(area->has_deprivation);
  EXPECT_LT(area->deprivation, 0.5) << "Trafford is less deprived than England's middle";
  EXPECT_NEAR(area->population.Total(), 241025, 100);
  EXPECT_EQ(area->practices[0].code, "P91003");
  EXPECT_EQ(area->practices[0].list_size, 7855);
}

TEST(Area, TraffordShapesTheGeneratedIco) {
  if (!fs::exists(TraffordFolder())) GTEST_SKIP() << "no " << TraffordFolder();
  auto area = LoadArea(TraffordFolder());
  ASSERT_TRUE(area.ok());
  std::set<std::string> lsoas, practices;
  for (const AreaLsoa& lsoa : area->lsoas) lsoas.insert(lsoa.code);
  for (const AreaPractice& practice : area->practices) practices.insert(practice.code);

  GeneratorOptions options;  // patients and practices left at their defaults
  options.area_dir = TraffordFolder();
  options.years = 1;
  const std::string folder = TestFolder("area");
  auto report = GenerateIco(options, folder);
  ASSERT_TRUE(report.ok()) << report.status().message();

  std::vector<std::string_view> f;
  auto organisations = CsvFile::Read(folder + "/organisations.csv");
  CsvCursor orgs(*organisations);
  std::set<std::string> generated_practices;
  while (orgs.Next(&f)) {
    if (f[2] == "practice") generated_practices.insert(std::string(f[0]));
  }
  EXPECT_EQ(generated_practices, practices);

  auto patients = CsvFile::Read(folder + "/patients.csv");
  CsvCursor rows(*patients);
  rows.Next(&f);
  std::map<std::string, std::string> decile;
  while (rows.Next(&f)) {
    EXPECT_TRUE(lsoas.count(std::string(f[4]))) << f[4] << " is not a Trafford LSOA";
    auto [it, added] = decile.emplace(std::string(f[4]), std::string(f[5]));
    EXPECT_EQ(it->second, f[5]);
  }
  EXPECT_GT(decile.size(), 130u) << "patients live across the area's LSOAs";

  // The starting lists add up to the area's registered patients.
  auto registrations = CsvFile::Read(folder + "/registrations.csv");
  CsvCursor regs(*registrations);
  regs.Next(&f);
  std::set<std::string> listed;
  while (regs.Next(&f)) {
    if (f[2] < "2024-04-01") listed.insert(std::string(f[0]));
  }
  EXPECT_EQ(static_cast<int64_t>(listed.size()), area->TotalListSize());
  fs::remove_all(folder);
}

class AreaErrors : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = TestFolder("bad_area");
    fs::create_directories(folder_);
  }
  void TearDown() override { fs::remove_all(folder_); }
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(folder_ + "/" + name) << text;
  }
  static std::string PopulationHeader() {
    std::string header = "area_code,sex";
    for (int age = 0; age < 90; ++age) header += "," + std::to_string(age);
    return header + ",90+\n";
  }
  static std::string PopulationRow(const std::string& code, const std::string& sex,
                                   const std::string& count) {
    std::string row = code + "," + sex;
    for (int age = 0; age <= 90; ++age) row += "," + count;
    return row + "\n";
  }
  std::string folder_;
};

TEST_F(AreaErrors, NoPopulationFile) {
  auto area = LoadArea(folder_);
  ASSERT_FALSE(area.ok());
  EXPECT_NE(area.status().message().find("has no population file"), std::string::npos);
}

TEST_F(AreaErrors, BadCountNamesFileLineAndColumn) {
  Write("mid-year_population_estimates_lsoa.csv", PopulationHeader() +
                                                      PopulationRow("E01000001", "Females", "3") +
                                                      PopulationRow("E01000001", "Males", "x"));
  auto area = LoadArea(folder_);
  ASSERT_FALSE(area.ok());
  EXPECT_EQ(area.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(area.status().message().find("mid-year_population_estimates_lsoa.csv line 3"),
            std::string::npos)
      << area.status().message();
  EXPECT_NE(area.status().message().find("column 0"), std::string::npos);
}

TEST_F(AreaErrors, MissingColumnIsNamed) {
  Write("mid-year_population_estimates_lsoa.csv", "area_code,sex,0\nE01000001,Females,3\n");
  auto area = LoadArea(folder_);
  ASSERT_FALSE(area.ok());
  EXPECT_NE(area.status().message().find("line 1: the header has no column '"), std::string::npos)
      << area.status().message();
}

TEST_F(AreaErrors, PracticeListsMustBeCounts) {
  Write("mid-year_population_estimates_lsoa.csv", PopulationHeader() +
                                                      PopulationRow("E01000001", "Females", "3") +
                                                      PopulationRow("E01000001", "Males", "3"));
  Write("x_gp_patient_registrations.csv",
        "practice_code,practice_name,registered_patients\nP1,One,100\nP2,Two,lots\n");
  auto area = LoadArea(folder_);
  ASSERT_FALSE(area.ok());
  EXPECT_NE(area.status().message().find("x_gp_patient_registrations.csv line 3"),
            std::string::npos)
      << area.status().message();
}

TEST_F(AreaErrors, AHandMadeAreaGenerates) {
  Write("mid-year_population_estimates_lsoa.csv", PopulationHeader() +
                                                      PopulationRow("E01000001", "Females", "20") +
                                                      PopulationRow("E01000001", "Males", "20") +
                                                      PopulationRow("E01000002", "Females", "10") +
                                                      PopulationRow("E01000002", "Males", "12"));
  Write(
      "x_gp_patient_registrations.csv",
      "practice_code,practice_name,registered_patients\nP1,\"One, the first\",1500\nP2,Two,900\n");
  GeneratorOptions options;
  options.area_dir = folder_;
  options.years = 1;
  auto report = GenerateIco(options, folder_ + "/out");
  ASSERT_TRUE(report.ok()) << report.status().message();
  auto organisations = CsvFile::Read(folder_ + "/out/organisations.csv");
  ASSERT_TRUE(organisations.ok());
  EXPECT_NE(organisations->text().find("P1,\"One, the first\",practice,ZICO1"), std::string::npos);
}

}  // namespace
}  // namespace continuum
