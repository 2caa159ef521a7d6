// Personalised care adjustments (care_adjustments.h): about 5.26% of the register-years of the
// twelve QOF registers get one, each naming a register the patient is on that day; a planted ICO
// records the planted share more in its year and changes nothing else.
#include "generate/care_adjustments.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "generate/generator.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

std::vector<std::string> Lines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::vector<std::string> Fields(const std::string& line) {
  std::vector<std::string> f;
  std::stringstream text(line);
  for (std::string field; std::getline(text, field, ',');) f.push_back(field);
  if (!line.empty() && line.back() == ',') f.emplace_back();
  return f;
}

// Care adjustments in the financial year from `start` (YYYY-04-01), by patient's practice number
// (ZP0001 is 1); and the other observation rows.
struct Adjustments {
  std::map<int, int> by_practice;
  int total = 0;
  std::multiset<std::string> others;
};

Adjustments Read(const std::string& folder, const std::string& start, const std::string& end) {
  std::map<std::string, int> practice_of;
  for (const std::string& line : Lines(folder + "/registrations.csv")) {
    const std::vector<std::string> f = Fields(line);
    if (f[0] != "patient_id") practice_of[f[0]] = std::stoi(f[1].substr(2));
  }
  Adjustments out;
  for (const std::string& line : Lines(folder + "/observations.csv")) {
    const std::vector<std::string> f = Fields(line);
    if (f[2] != "care_adjustment") {
      out.others.insert(line);
      continue;
    }
    if (f[1] < start || f[1] > end) continue;
    ++out.total;
    ++out.by_practice[practice_of[f[0]]];
  }
  return out;
}

TEST(CareAdjustments, AboutOneRegisterYearInNineteenEachOnARegisterHeld) {
  const std::string folder = TestFolder("care_adjustments_plain");
  GeneratorOptions options{.patients = 20000, .practices = 4, .years = 2, .seed = 15};
  ASSERT_TRUE(GenerateIco(options, folder).ok());
  // Register-years of 2023-24: conditions of the twelve registers held from its first day to its
  // last (a slight overcount, as some of these patients leave or die in the year).
  const std::set<std::string> twelve = {"hypertension", "diabetes",      "asthma", "copd",
                                        "chd",          "heart_failure", "af",     "stroke_tia",
                                        "ckd",          "dementia",      "smi",    "epilepsy"};
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> spans;  // id:condition
  int held = 0;
  for (const std::string& line : Lines(folder + "/conditions.csv")) {
    const std::vector<std::string> f = Fields(line);
    if (!twelve.contains(f[1])) continue;
    spans[f[0] + ":" + f[1]].push_back({f[2], f[3]});
    if (f[2] <= "2023-04-01" && (f[3].empty() || f[3] > "2024-03-31")) ++held;
  }
  int adjustments = 0;
  for (const std::string& line : Lines(folder + "/observations.csv")) {
    const std::vector<std::string> f = Fields(line);
    if (f[2] != "care_adjustment") continue;
    // Each names a register the patient is on that day.
    bool on = false;
    for (const auto& [onset, resolved] : spans[f[0] + ":" + f[3]])
      on |= onset <= f[1] && (resolved.empty() || resolved > f[1]);
    EXPECT_TRUE(on) << line;
    adjustments += f[1] >= "2023-04-01" && f[1] <= "2024-03-31";
  }
  ASSERT_GT(held, 3000);
  const double share = static_cast<double>(adjustments) / held;
  EXPECT_GT(share, 0.0526 * 0.85) << adjustments << " of " << held;
  EXPECT_LT(share, 0.0526 * 1.05) << adjustments << " of " << held;
}

TEST(CareAdjustments, APlantedIcoRecordsThePlantedShareMoreInItsYearAndNothingElse) {
  const std::string plain = TestFolder("care_adjustments_unplanted");
  const std::string planted = TestFolder("care_adjustments_planted");
  GeneratorOptions options{
      .patients = 20000, .practices = 4, .control_practices = 3, .years = 2, .seed = 15};
  ASSERT_TRUE(GenerateIco(options, plain).ok());
  options.plant_exceptions = {{"ZICO1", 100}};
  options.effects_path = planted + "_truth.csv";
  ASSERT_TRUE(GenerateIco(options, planted).ok());
  const Adjustments before = Read(plain, "2024-04-01", "2025-03-31");
  const Adjustments after = Read(planted, "2024-04-01", "2025-03-31");
  EXPECT_EQ(before.others, after.others);
  // ZICO1's practices are ZP0001 to ZP0004: twice as many; the control practices as before.
  int ico_before = 0, ico_after = 0;
  for (int practice = 1; practice <= 4; ++practice) {
    ico_before += before.by_practice.contains(practice) ? before.by_practice.at(practice) : 0;
    ico_after += after.by_practice.contains(practice) ? after.by_practice.at(practice) : 0;
  }
  ASSERT_GT(ico_before, 300);
  EXPECT_GT(ico_after, 1.8 * ico_before) << ico_after << " against " << ico_before;
  EXPECT_LT(ico_after, 2.2 * ico_before) << ico_after << " against " << ico_before;
  EXPECT_EQ(after.total - ico_after, before.total - ico_before);
  // The year before is as it was.
  EXPECT_EQ(Read(plain, "2023-04-01", "2024-03-31").total,
            Read(planted, "2023-04-01", "2024-03-31").total);
  std::ifstream truth(options.effects_path);
  std::stringstream text;
  text << truth.rdbuf();
  EXPECT_NE(text.str().find("\nZICO1,registers,2024-04-01,care_adjustments,2.0000\n"),
            std::string::npos);
  std::filesystem::remove(options.effects_path);
}

}  // namespace
}  // namespace continuum
