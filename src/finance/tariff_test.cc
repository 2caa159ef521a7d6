#include "finance/tariff.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "finance/hrg_chapter.h"

namespace continuum {
namespace {

constexpr std::string_view kHeader =
    "kind,setting,specialty,group,provider,unit_cost,trim_point,excess_bed_day_cost,factor,"
    "source\n";

std::string Error(std::string_view rows) {
  auto t = ParseTariff(std::string(kHeader) + std::string(rows), "t.csv");
  return t.ok() ? "ok" : t.status().message();
}

TEST(Tariff, TheDefaultTariffPricesEveryNhsSetting) {
  auto t = LoadTariffs({"default"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->name, "default tariff");
  bool priced[kSettingCount] = {};
  for (const TariffPrice& p : t->prices) priced[int(p.setting)] = true;
  for (int s = 0; s < kSettingCount; ++s)
    EXPECT_EQ(priced[s], s != int(Setting::kSocialCare)) << kSettingCodes[s];
  const TariffPrice& emergency = t->prices[8];
  EXPECT_EQ(emergency.setting, Setting::kEmergency);
  EXPECT_EQ(emergency.unit_cost, 220000);
  EXPECT_EQ(emergency.trim_point, 5);
  EXPECT_EQ(emergency.excess_bed_day, 30000);
}

TEST(Tariff, BadRowsNameTheFileLineColumnAndWhy) {
  EXPECT_EQ(Error("price,emergncy,,,,1.00,,,,\n"),
            "t.csv line 2, column setting: 'emergncy' is not a setting code");
  EXPECT_EQ(Error("price,gp,,,,39,,,,\nprice,gp,,,,40,,,,\n"),
            "t.csv line 3, column setting: the same setting, specialty and group are priced on "
            "line 2");
  EXPECT_EQ(Error("price,gp,,,,,,,,\n"),
            "t.csv line 2, column unit_cost: '' is not an amount in pounds (e.g. 39.00)");
  EXPECT_EQ(Error("price,gp,,,,-3,,,,\n"),
            "t.csv line 2, column unit_cost: '-3' is negative; costs must be 0 or more");
  EXPECT_EQ(Error("price,gp,,,,39,2,300,,\n"),
            "t.csv line 2, column trim_point: only admissions (elective, day_case, emergency) "
            "have a trim point");
  EXPECT_EQ(Error("price,emergency,,,,2000,5,,,\n"),
            "t.csv line 2, column excess_bed_day_cost: is required with a trim point");
  EXPECT_EQ(Error("price,emergency,,,,2000,-1,300,,\n"),
            "t.csv line 2, column trim_point: '-1' is not a whole number of nights from 0 to 3650");
  EXPECT_EQ(Error("price,emergency,999,,,2000,,,,\n"),
            "t.csv line 2, column specialty: '999' is not a treatment function code");
  EXPECT_EQ(Error("price,emergency,,I,,2000,,,,\n"),
            "t.csv line 2, column group: 'I' is not an HRG chapter letter "
            "(data/codes/hrg_chapters.csv)");
  EXPECT_EQ(Error("price,gp,,,RA,39,,,,\n"),
            "t.csv line 2, column provider: must be empty on a price row");
  EXPECT_EQ(Error("prices,gp,,,,39,,,,\n"),
            "t.csv line 2, column kind: 'prices' is not a row kind; expected price or "
            "market_forces_factor");
  EXPECT_EQ(Error("price,gp,,,,39,,,,\nmarket_forces_factor,,,,RA,,,,3,\n"),
            "t.csv line 3, column factor: '3' is not a market forces factor between 0.5 and 2.0");
  EXPECT_EQ(Error("price,gp,,,,39,,,,\nmarket_forces_factor,,,,RA,,,,1.1,\n"
                  "market_forces_factor,,,,RA,,,,1.2,\n"),
            "t.csv line 4, column provider: provider RA has a factor on line 3");
  EXPECT_EQ(Error("price,gp,,,,39,,,\n"), "t.csv line 2: has 9 fields; the header has 10");
  EXPECT_EQ(Error(""), "t.csv: the tariff has no prices");
  EXPECT_EQ(Error("price,gp,,,,20000000.00,,,,\n"),
            "t.csv line 2, column unit_cost: '20000000.00' is above the 10,000,000.00 pounds one "
            "event may cost");
  EXPECT_EQ(LoadTariffs({"default", "default"}).status().message(),
            "--tariff default is named twice");
  auto bad_header = ParseTariff("setting,unit_cost\ngp,39\n", "t.csv");
  ASSERT_FALSE(bad_header.ok());
  EXPECT_EQ(bad_header.status().message().substr(0, 49),
            "t.csv line 1: the header must be exactly kind,set");
}

TEST(Tariff, AnEarlierTariffWinsWhenLayered) {
  const std::string dir = testing::TempDir() + "/layered";
  std::filesystem::create_directories(dir);
  std::ofstream(dir + "/local.csv") << kHeader << "price,gp,,,,45.50,,,,local GP price\n"
                                    << "market_forces_factor,,,,RA,,,,1.05,\n";
  auto t = LoadTariffs({dir + "/local.csv", "default"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  EXPECT_EQ(t->name, "local.csv + default tariff");
  int gp_prices = 0;
  for (const TariffPrice& p : t->prices)
    if (p.setting == Setting::kGp) {
      ++gp_prices;
      EXPECT_EQ(p.unit_cost, 4550);
    }
  EXPECT_EQ(gp_prices, 1);
  EXPECT_EQ(t->prices.size(), 12u);  // the local GP price and the default's other 11
  EXPECT_DOUBLE_EQ(t->market_forces.at("RA"), 1.05);
  EXPECT_EQ(LoadTariffs({dir + "/missing.csv"}).status().code(), StatusCode::kNotFound);
}

TEST(Tariff, TheNationalCostCollectionAveragesByActivity) {
  // Two emergency care currencies and two cardiac elective ones, worked by hand:
  // A&E: (100 x 150 + 300 x 250) / 400 = 225.00; elective E: (10 x 3000 + 30 x 5000) / 40 =
  // 4500.00; elective chapter H alone 2000.00; the elective setting over all three: (30000 +
  // 150000 + 20 x 2000) / 60 = 3666.67. Unpriced ("NA") rows and other departments are skipped.
  const std::string ncc =
      "\"department_code\",\"currency_code\",\"currency_desc\",\"activity\",\"unit_cost\","
      "\"cost\"\n"
      "\"Emergency Care\",\"VB01Z\",\"x\",100,150,15000\n"
      "\"Emergency Care\",\"VB02Z\",\"x\",300,250,75000\n"
      "\"Emergency Care\",\"VB03Z\",\"x\",NA,NA,12\n"
      "\"Elective Inpatients\",\"EB01A\",\"x\",10,3000,30000\n"
      "\"Elective Inpatients\",\"EB02A\",\"x\",30,5000,150000\n"
      "\"Elective Inpatients\",\"HN12A\",\"x\",20,2000,40000\n"
      "\"Ambulance\",\"01\",\"x\",5,60,300\n";
  auto t = ParseNationalCostCollection(ncc, "ncc.csv");
  ASSERT_TRUE(t.ok()) << t.status().message();
  std::map<std::pair<int, char>, Pence> prices;
  for (const TariffPrice& p : t->prices) prices[{int(p.setting), p.group}] = p.unit_cost;
  EXPECT_EQ(prices.size(), 4u);
  EXPECT_EQ((prices[{int(Setting::kAe), 0}]), 22500);
  EXPECT_EQ((prices[{int(Setting::kElective), 'E'}]), 450000);
  EXPECT_EQ((prices[{int(Setting::kElective), 'H'}]), 200000);
  EXPECT_EQ((prices[{int(Setting::kElective), 0}]), 366667);
  // The message refusing `rows` (after the header).
  auto refused = [](const std::string& rows) {
    return ParseNationalCostCollection(
               "department_code,currency_code,currency_desc,activity,unit_cost,cost\n" + rows,
               "ncc.csv")
        .status()
        .message();
  };
  EXPECT_EQ(refused("Daycase,FZ01A,x,many,3,3\n"),
            "ncc.csv line 2, column activity: 'many' is not a number of 0 or more");
  EXPECT_EQ(refused("Daycase,FZ01A,x,inf,3,9\n"),
            "ncc.csv line 2, column activity: 'inf' is not a number of 0 or more");
  // A department Continuum does not price is checked all the same.
  EXPECT_EQ(refused("Daycase,FZ01A,x,3,3,9\n"
                    "Ambulance,01,x,5,\"6\x1b"
                    "0\",300\n"
                    "Ambulance,02,x,nan,60,300\n"),
            "ncc.csv line 3, column unit_cost: '6\\x1B0' is not a number of 0 or more");
  EXPECT_EQ(refused("Ambulance,02,x,nan,60,300\n"),
            "ncc.csv line 2, column activity: 'nan' is not a number of 0 or more");
  // Numbers too large to sum and average in range (found by fuzzing).
  EXPECT_EQ(refused("Daycase,FZ01A,x,1e87,2000,9\n"),
            "ncc.csv line 2, column activity: '1e87' is more than a billion units, more than any "
            "currency's in a year");
  EXPECT_EQ(refused("Daycase,FZ01A,x,3,10000000.01,9\n"),
            "ncc.csv line 2, column unit_cost: '10000000.01' is above the 10,000,000.00 pounds one "
            "event may cost");
}

// A National Cost Collection file is told from a tariff by its header, quoted as published.
TEST(Tariff, ANationalCostCollectionIsToldByItsQuotedHeader) {
  const NamedText ncc{"ncc.csv",
                      "\"department_code\",\"currency_code\",\"currency_desc\",\"activity\","
                      "\"unit_cost\",\"cost\"\n\"Emergency Care\",\"VB01Z\",\"x\",100,400.5,"
                      "40050\n"};
  Result<Tariff> tariff = ReadTariffText(ncc);
  ASSERT_TRUE(tariff.ok()) << tariff.status().message();
  ASSERT_EQ(tariff->prices.size(), 1u);
  EXPECT_EQ(tariff->prices[0].unit_cost, 40050);
}

TEST(Tariff, ThePublishedCollectionLoadsWhenPresent) {
  const std::string path = std::string(CONTINUUM_SOURCE_DIR) + "/../shared/data/costmos/ncc.csv";
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no " << path;
  auto t = LoadTariffs({path, "default"});
  ASSERT_TRUE(t.ok()) << t.status().message();
  Pence ae = 0;
  for (const TariffPrice& p : t->prices)
    if (p.setting == Setting::kAe && p.group == 0 && ae == 0) ae = p.unit_cost;
  // NCC 2024/25 emergency medicine currencies average a few hundred pounds an attendance.
  EXPECT_GT(ae, 20000);
  EXPECT_LT(ae, 60000);
}

TEST(HrgChapter, IcdTenCodesFallInTheirBodySystem) {
  EXPECT_EQ(HrgChapterOf("I50.9"), 'E');
  EXPECT_EQ(HrgChapterOf("I63.9"), 'A');  // stroke is a nervous system HRG
  EXPECT_EQ(HrgChapterOf("J44.1"), 'D');
  EXPECT_EQ(HrgChapterOf("C50.9"), 'J');
  EXPECT_EQ(HrgChapterOf("K80.2"), 'G');
  EXPECT_EQ(HrgChapterOf("S72.0"), 'H');
  EXPECT_EQ(HrgChapterOf("R69X"), 'U');
  EXPECT_EQ(HrgChapterOf("Z9"), 0);
  EXPECT_TRUE(IsHrgChapter('E'));
  EXPECT_FALSE(IsHrgChapter('I'));
  EXPECT_EQ(HrgChapterName('D'), "Respiratory System");
}

}  // namespace
}  // namespace continuum
