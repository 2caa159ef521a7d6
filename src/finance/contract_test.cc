#include "finance/contract.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace continuum {
namespace {

namespace fs = std::filesystem;
const fs::path kSource = CONTINUUM_SOURCE_DIR;

TEST(Contract, ReadsTheDemoContract) {
  Result<Contract> c = ReadContract(kSource / "data/contracts/nelson_vale.json");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->name, "Nelson Vale ICO risk share 2024-25");
  EXPECT_EQ(c->ico, "ZICO1");
  EXPECT_EQ(c->commissioner, "ZQ1");
  EXPECT_EQ(c->counterparty, "ZRP");
  EXPECT_EQ(c->counterparty_name, "Meridian Health Partners Ltd");
  EXPECT_EQ(c->counterparty_role, CounterpartyRole::kRiskPartner);
  EXPECT_EQ(FormatDate(c->start), "2024-04-01");
  EXPECT_EQ(FormatDate(c->end), "2025-03-31");
  EXPECT_EQ(c->budget.basis, ContractBudget::Basis::kCapitation);
  EXPECT_EQ(c->budget.amount, 160000);
  ASSERT_EQ(c->overspend.size(), 3u);
  EXPECT_EQ(c->overspend[0].from, 0);
  EXPECT_EQ(c->overspend[0].to, 20'000);
  EXPECT_EQ(c->overspend[0].ico_share, kWhole);
  EXPECT_EQ(c->overspend[1].from, 20'000);
  EXPECT_EQ(c->overspend[1].to, 50'000);
  EXPECT_EQ(c->overspend[1].ico_share, 500'000);
  EXPECT_FALSE(c->overspend[2].to.has_value());
  EXPECT_EQ(c->overspend[2].ico_share, 0);
  EXPECT_EQ(c->underspend.size(), 3u);
  ASSERT_TRUE(c->stop_loss.has_value());
  EXPECT_EQ(c->stop_loss->threshold_per_patient_year, 5'000'000);
  EXPECT_EQ(c->stop_loss->counterparty_share, 800'000);
  EXPECT_EQ(c->max_ico_loss, 750'000'000);
  EXPECT_EQ(c->max_ico_gain, 600'000'000);
}

TEST(Contract, FixedBudgetWithoutStopLossOrCaps) {
  Result<Contract> c = ParseContract(R"({
    "name": "Fixed", "ico": "ZICO2", "commissioner": "ZQ1",
    "counterparty": {"organisation": "ZQ1", "role": "commissioner"},
    "period": {"start": "2024-04-01", "end": "2024-04-01"},
    "budget": "262500000.00",
    "corridor": {"overspend": [{"from_pct": 0, "to_pct": 2.5, "ico_share": 0.333333}],
                 "underspend": [{"from_pct": 0, "to_pct": null, "ico_share": 1}]}
  })",
                                     "fixed.json");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(c->counterparty_role, CounterpartyRole::kCommissioner);
  EXPECT_TRUE(c->counterparty_name.empty());
  EXPECT_EQ(c->budget.basis, ContractBudget::Basis::kFixed);
  EXPECT_EQ(c->budget.amount, 26'250'000'000);
  EXPECT_EQ(c->overspend[0].to, 25'000);
  EXPECT_EQ(c->overspend[0].ico_share, 333'333);
  EXPECT_FALSE(c->stop_loss.has_value());
  EXPECT_FALSE(c->max_ico_loss.has_value());
  EXPECT_FALSE(c->max_ico_gain.has_value());
}

TEST(Contract, FormatsPercentages) {
  EXPECT_EQ(FormatPercent(0), "0%");
  EXPECT_EQ(FormatPercent(20'000), "2%");
  EXPECT_EQ(FormatPercent(25'000), "2.5%");
  EXPECT_EQ(FormatPercent(800'000), "80%");
  EXPECT_EQ(FormatPercent(kWhole), "100%");
  EXPECT_EQ(FormatPercent(333'333), "33.3333%");
  EXPECT_EQ(FormatPercent(1), "0.0001%");
}

// Every case under tests/cases/contracts/bad is a contract with one thing wrong; the file beside
// it, NAME.expect, holds the exact message.
TEST(Contract, EachBadCaseGivesItsMessage) {
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(kSource / "tests/cases/contracts/bad")) {
    if (entry.path().extension() != ".json") continue;
    ++cases;
    fs::path expect_path = entry.path();
    expect_path.replace_extension(".expect");
    std::ifstream expect_file(expect_path);
    ASSERT_TRUE(expect_file) << "no " << expect_path;
    std::string expected;
    std::getline(expect_file, expected);
    Result<Contract> c = ReadContract(entry.path());
    ASSERT_FALSE(c.ok()) << entry.path().filename();
    EXPECT_EQ(c.status().code(), StatusCode::kInvalidInput) << entry.path().filename();
    EXPECT_EQ(c.status().message(), expected) << entry.path().filename();
  }
  EXPECT_GE(cases, 30);
}

TEST(Contract, MissingFileIsNotFound) {
  EXPECT_EQ(ReadContract(kSource / "data/contracts/absent.json").status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace continuum
