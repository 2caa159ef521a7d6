// Practices and the places they serve differ as English ones do: list sizes spread like NHS
// Digital's practice lists, LSOAs' age structures like Trafford's LSOAs in the ONS estimates,
// and practices in age and deprivation. The reference files in shared/data are read when present
// (each comparison is skipped otherwise); nothing of them is kept in the repository.
#include "generate/places.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "core/csv.h"
#include "generate/age_structure.h"
#include "generate/organisations.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

std::string SharedData(const std::string& path) {
  return std::string(CONTINUUM_SOURCE_DIR) + "/../shared/data/" + path;
}

double Number(std::string_view text) {
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

double Sd(const std::vector<double>& values) {
  double mean = 0, square = 0;
  for (double v : values) mean += v / values.size();
  for (double v : values) square += (v - mean) * (v - mean) / values.size();
  return std::sqrt(square);
}

// Share aged `from` and over of a table of people.
double ShareFrom(const AgeSexTable& table, int from) {
  double all = 0, older = 0;
  for (int s = 0; s < 2; ++s) {
    for (int a = 0; a <= kMaxAge; ++a) {
      all += table.count[s][a];
      if (a >= from) older += table.count[s][a];
    }
  }
  return older / all;
}

// A programme as the ICO-level calibration measures it: 20 ICOs of 10 practices (90,000
// patients each) under 5 commissioners with 4 control practices each.
struct Programme {
  AgeSexTable england;
  World world;
  Places places;
};

const Programme& TheProgramme() {
  static const Programme* programme = [] {
    auto* p = new Programme();
    p->england = *EnglandAgeStructure();
    p->world = BuildWorld({.patients = 90000,
                           .practices = 10,
                           .gps = 60,
                           .icos = 20,
                           .commissioners = 5,
                           .control_practices = 4,
                           .seed = 2008});
    p->places = BuildPlaces(p->world, nullptr, p->england, 2008);
    return p;
  }();
  return *programme;
}

// Each practice's expected patients by LSOA, from its catchment (evenly spaced draws).
std::vector<double> CatchmentShares(const Places& places, int practice) {
  constexpr int kDraws = 4000;
  std::vector<double> share(places.lsoas().size(), 0.0);
  for (int k = 0; k < kDraws; ++k) {
    share[places.DrawLsoa(practice, (k + 0.5) / kDraws)] += 1.0 / kDraws;
  }
  return share;
}

TEST(Places, ListSizesSpreadLikeEnglishPractices) {
  const Programme& p = TheProgramme();
  std::vector<double> logs;
  for (const Practice& practice : p.world.practices) {
    logs.push_back(std::log(static_cast<double>(practice.list_size)));
  }
  ASSERT_GE(logs.size(), 200u);
  const double generated = Sd(logs);
  EXPECT_NEAR(generated, 0.6, 0.1);

  const std::string path = SharedData("nhsd-gp-list-size/gp-reg-pat-prac-all_01JAN2021.csv");
  if (!fs::exists(path)) GTEST_SKIP() << "no " << path;
  auto file = CsvFile::Read(path);
  ASSERT_TRUE(file.ok()) << file.status().message();
  CsvCursor cursor(*file);
  std::vector<std::string_view> f;
  cursor.Next(&f);
  std::vector<double> english;
  while (cursor.Next(&f)) {
    const double patients = Number(f.back());
    if (patients >= 500) english.push_back(std::log(patients));  // open, staffed practices
  }
  ASSERT_GT(english.size(), 6000u);
  EXPECT_NEAR(generated, Sd(english), 0.1) << "NHS Digital, January 2021";
}

TEST(Places, LsoasDifferInAgeLikeTraffordsLsoas) {
  const Programme& p = TheProgramme();
  std::vector<double> old;
  for (const Lsoa& lsoa : p.places.lsoas()) old.push_back(ShareFrom(lsoa.population, 65));
  const double generated = Sd(old);
  EXPECT_GT(generated, 0.035);
  EXPECT_LT(generated, 0.08);

  const std::string path =
      SharedData("trafford-opendata/mid-year_2024_population_estimates_lsoa.csv");
  if (!fs::exists(path)) GTEST_SKIP() << "no " << path;
  auto file = CsvFile::Read(path);
  ASSERT_TRUE(file.ok()) << file.status().message();
  CsvCursor cursor(*file);
  std::vector<std::string_view> f;
  ASSERT_TRUE(cursor.Next(&f));
  size_t sex = 0, all = 0, aged_65 = 0;
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] == "sex") sex = i;
    if (f[i] == "all_ages") all = i;
    if (f[i] == "aged_65_and_over") aged_65 = i;
  }
  ASSERT_GT(aged_65, 0u);
  std::vector<double> trafford;
  while (cursor.Next(&f)) {
    if (f[sex] == "Persons") trafford.push_back(Number(f[aged_65]) / Number(f[all]));
  }
  ASSERT_EQ(trafford.size(), 139u);
  // One local authority's LSOAs against a programme's: alike in spread, within a third.
  EXPECT_NEAR(generated / Sd(trafford), 1.0, 0.35)
      << "generated " << generated << ", Trafford " << Sd(trafford);
}

TEST(Places, PracticesDifferInAgeAndDeprivation) {
  const Programme& p = TheProgramme();
  std::vector<double> old, decile;
  for (size_t practice = 0; practice < p.world.practices.size(); ++practice) {
    const std::vector<double> share = CatchmentShares(p.places, static_cast<int>(practice));
    double older = 0, mean_decile = 0;
    for (size_t i = 0; i < share.size(); ++i) {
      if (share[i] == 0) continue;
      older += share[i] * ShareFrom(p.places.lsoa(i).population, 65);
      mean_decile += share[i] * p.places.lsoa(i).decile;
    }
    old.push_back(older);
    decile.push_back(mean_decile);
  }
  // English practices' shares aged 65+ spread by several points; the model's features (age,
  // sex and deprivation) see these differences, so practice-level cost per head is predictable.
  EXPECT_GT(Sd(old), 0.03);
  EXPECT_LT(Sd(old), 0.07);
  EXPECT_GT(Sd(decile), 1.2);
}

TEST(Places, EachGroupIsAsOldAsEngland) {
  // Tilting places older or younger leaves each group's patients, overall, with England's share
  // of people aged 85 and over, so the ICO-level age targets (targets.csv) still hold.
  const Programme& p = TheProgramme();
  const double england = ShareFrom(p.england, 85);
  for (const std::vector<int>& group : p.world.groups) {
    double people = 0, oldest = 0;
    for (int practice : group) {
      const std::vector<double> share = CatchmentShares(p.places, practice);
      const double list = static_cast<double>(p.world.practices[practice].list_size);
      for (size_t i = 0; i < share.size(); ++i) {
        if (share[i] == 0) continue;
        people += list * share[i];
        oldest += list * share[i] * ShareFrom(p.places.lsoa(i).population, 85);
      }
    }
    EXPECT_NEAR(oldest / people, england, 0.05 * england);
  }
}

}  // namespace
}  // namespace continuum
