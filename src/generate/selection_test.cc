// Risk selection planted on an ICO (selection.h): the ICO's top need decile loses the planted
// share to practice-initiated removals in the planted year, nobody else's registrations change,
// the truth file says what was planted, and bad plants are refused.
#include "generate/selection.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/csv.h"
#include "generate/generator.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

GeneratorOptions Options() {
  return {.patients = 20000, .practices = 4, .control_practices = 3, .years = 2, .seed = 15};
}

// registrations.csv's rows as text, keyed by the row itself; and the patients removed in the
// year from 2024-04-01 by ZICO1's practices (ZP0001 to ZP0004).
struct Registrations {
  std::multiset<std::string> rows;
  std::set<std::string> removed;
};

Registrations Read(const std::string& folder) {
  Registrations out;
  auto file = CsvFile::Read(folder + "/registrations.csv");
  EXPECT_TRUE(file.ok()) << file.status().message();
  CsvCursor cursor(*file);
  std::vector<std::string_view> f;
  cursor.Next(&f);  // patient_id,practice_id,start_date,start_reason,end_date,end_reason
  while (cursor.Next(&f)) {
    out.rows.insert(std::string(f[0]) + "," + std::string(f[1]) + "," + std::string(f[2]) + "," +
                    std::string(f[4]) + "," + std::string(f[5]));
    const bool zico1 = f[1] >= "ZP0001" && f[1] <= "ZP0004";
    if (zico1 && f[5] == "removal" && f[4] >= "2024-04-01") out.removed.insert(std::string(f[0]));
  }
  return out;
}

// Each patient's count of conditions recorded by 2024-04-01.
std::map<std::string, int> Conditions(const std::string& folder) {
  std::map<std::string, int> out;
  auto file = CsvFile::Read(folder + "/conditions.csv");
  EXPECT_TRUE(file.ok()) << file.status().message();
  CsvCursor cursor(*file);
  std::vector<std::string_view> f;
  cursor.Next(&f);
  while (cursor.Next(&f)) {
    if (f[2] < "2024-04-01") ++out[std::string(f[0])];
  }
  return out;
}

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(Selection, RemovesThePlantedShareOfTheTopNeedDecileAndNoOneElse) {
  const std::string plain = TestFolder("selection_plain"),
                    planted = TestFolder("selection_planted");
  GeneratorOptions options = Options();
  ASSERT_TRUE(GenerateIco(options, plain).ok());
  options.plant_selection = {{"ZICO1", 0.5}};
  options.effects_path = planted + "_truth.csv";
  auto report = GenerateIco(options, planted);
  ASSERT_TRUE(report.ok()) << report.status().message();

  const Registrations before = Read(plain), after = Read(planted);
  // The patients removed beyond those the plain run removes (some it removes too, on another
  // day); every registration that changed ends in a removal, and nobody else's changed.
  std::set<std::string> extra;
  for (const std::string& id : after.removed) {
    if (!before.removed.contains(id)) extra.insert(id);
  }
  std::multiset<std::string> changed_patients;
  for (const std::string& row : after.rows) {
    if (!before.rows.contains(row)) changed_patients.insert(row.substr(0, row.find(',')));
  }
  for (const std::string& id : changed_patients) {
    EXPECT_TRUE(after.removed.contains(id)) << id << " changed but was not removed";
  }
  // About half of a tenth of the ICO's 20,000, less those who leave or die first in the year.
  EXPECT_GT(extra.size(), 0.5 * 0.1 * 20000 * 0.75) << extra.size();
  EXPECT_LT(extra.size(), 0.5 * 0.1 * 20000 * 1.1) << extra.size();
  // Those removed are the needy: many more recorded conditions than the ICO's patients at large.
  const std::map<std::string, int> conditions = Conditions(plain);
  double removed_mean = 0, everyone_mean = 0;
  for (const std::string& id : extra) {
    auto it = conditions.find(id);
    removed_mean += it == conditions.end() ? 0 : it->second;
  }
  removed_mean /= extra.size();
  for (const auto& [id, n] : conditions) everyone_mean += n;
  everyone_mean /= static_cast<double>(report->patients);
  EXPECT_GT(removed_mean, 2.5 * everyone_mean) << removed_mean << " against " << everyone_mean;
  // Everything else about the patients is as before.
  EXPECT_EQ(Slurp(plain + "/patients.csv"), Slurp(planted + "/patients.csv"));
  EXPECT_EQ(Slurp(plain + "/organisations.csv"), Slurp(planted + "/organisations.csv"));
  const std::string truth = Slurp(options.effects_path);
  EXPECT_NE(truth.find("\nZICO1,top_need_decile,2024-04-01,removed_share,0.5000\n"),
            std::string::npos)
      << truth;
  std::filesystem::remove(options.effects_path);
}

// Coding intensity: the ICO's stayers gain recorded conditions they do not have, in the planted
// year, about the planted percentage of those they held; no one else's records and no care
// change.
TEST(Selection, UpcodingRecordsThePlantedShareMoreConditionsAmongStayersAndChangesNoCare) {
  const std::string plain = TestFolder("upcoding_plain"), planted = TestFolder("upcoding_planted");
  GeneratorOptions options = Options();
  ASSERT_TRUE(GenerateIco(options, plain).ok());
  options.plant_upcoding = {{"ZICO1", 20}};
  options.effects_path = planted + "_truth.csv";
  ASSERT_TRUE(GenerateIco(options, planted).ok());
  auto rows = [](const std::string& folder) {
    std::multiset<std::string> out;
    std::istringstream text(Slurp(folder + "/conditions.csv"));
    for (std::string line; std::getline(text, line);) out.insert(line);
    return out;
  };
  const std::multiset<std::string> before = rows(plain), after = rows(planted);
  for (const std::string& row : before) EXPECT_TRUE(after.contains(row)) << row;
  // Whom each added row is for, and that it is dated in the year and unresolved.
  std::map<std::string, int> practice_of;
  {
    std::istringstream text(Slurp(plain + "/registrations.csv"));
    std::string line;
    std::getline(text, line);  // the header
    while (std::getline(text, line)) {
      const size_t comma = line.find(',');
      practice_of[line.substr(0, comma)] = std::stoi(line.substr(comma + 3, 4));
    }
  }
  int added = 0;
  for (const std::string& row : after) {
    if (before.contains(row)) continue;
    ++added;
    const std::string id = row.substr(0, row.find(','));
    EXPECT_LE(practice_of[id], 4) << row << ": not a ZICO1 patient";
    const std::string onset = row.substr(row.find(',', row.find(',') + 1) + 1, 10);
    EXPECT_GE(onset, "2024-04-01") << row;
    EXPECT_LE(onset, "2025-03-31") << row;
    EXPECT_EQ(row.back(), ',') << row << " is resolved";
  }
  // About 20% of the ZICO1 stayers' conditions, counted from the plain run's rows held on the
  // year's first day by ZICO1 patients (a slight overcount: leavers are in it).
  int held = 0;
  for (const std::string& row : before) {
    const std::string id = row.substr(0, row.find(','));
    if (id == "patient_id" || practice_of[id] > 4 || row.find(",palliative,") != std::string::npos)
      continue;
    const size_t second = row.find(',', row.find(',') + 1);
    const std::string onset = row.substr(second + 1, 10), resolved = row.substr(second + 12);
    if (onset < "2024-04-01" && (resolved.empty() || resolved > "2024-04-01")) ++held;
  }
  EXPECT_GT(added, 0.2 * held * 0.75) << added << " of " << held;
  EXPECT_LT(added, 0.2 * held * 1.05) << added << " of " << held;
  // No care changed: the activity is byte for byte the same.
  EXPECT_EQ(Slurp(plain + "/activity.csv"), Slurp(planted + "/activity.csv"));
  EXPECT_EQ(Slurp(plain + "/registrations.csv"), Slurp(planted + "/registrations.csv"));
  EXPECT_NE(
      Slurp(options.effects_path).find("\nZICO1,stayers,2024-04-01,recorded_conditions,1.2000\n"),
      std::string::npos);
  std::filesystem::remove(options.effects_path);
}

TEST(Selection, BadPlantsAreRefusedNamingTheIco) {
  const std::string folder = TestFolder("selection_bad");
  auto refused = [&](std::vector<SelectionPlant> plants, int years = 2) {
    GeneratorOptions options = Options();
    options.patients = 2000;
    options.years = years;
    options.plant_selection = std::move(plants);
    auto report = GenerateIco(options, folder);
    EXPECT_FALSE(report.ok());
    return report.ok() ? std::string() : report.status().message();
  };
  EXPECT_NE(refused({{"ZICO2", 0.1}}).find("--plant-selection ZICO2: no such ICO"),
            std::string::npos);
  EXPECT_NE(refused({{"ZICO1", 0}}).find("above 0 and at most 1"), std::string::npos);
  EXPECT_NE(refused({{"ZICO1", 1.5}}).find("above 0 and at most 1"), std::string::npos);
  EXPECT_NE(refused({{"ZICO1", 0.1}, {"ZICO1", 0.2}}).find("names ZICO1 twice"), std::string::npos);
  EXPECT_NE(refused({{"ZICO1", 0.1}}, 1).find("generate two or more years"), std::string::npos);
  GeneratorOptions options = Options();
  options.patients = 2000;
  options.plant_upcoding = {{"ZICO1", 0}};
  auto upcoding = GenerateIco(options, folder);
  ASSERT_FALSE(upcoding.ok());
  EXPECT_NE(upcoding.status().message().find("--plant-upcoding ZICO1: the percentage must be"),
            std::string::npos);
}

}  // namespace
}  // namespace continuum
