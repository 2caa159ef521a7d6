#include "report/settlement_render.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace continuum {
namespace {

// The demo contract for 150,000 heads at £1,750.00: a budget of £262,500,000.00. Spend of
// £275,000,000.00 with £1,250,000.00 of patient-year costs above the stop-loss threshold:
//   recovery 80% of £1,250,000.00 = £1,000,000.00; net spend £274,000,000.00;
//   overspend £11,500,000.00 (2% is £5,250,000.00, 5% is £13,125,000.00):
//     0-2%  £5,250,000.00 all the ICO's;
//     2-5%  £6,250,000.00 split £3,125,000.00 each;
//   the ICO's £8,375,000.00 is capped at £7,500,000.00, so the partner meets £875,000.00 more;
//   the partner pays £1,000,000.00 + £3,125,000.00 + £875,000.00 = £5,000,000.00.
Settlement HandWorked() {
  Result<Contract> contract =
      ReadContract(std::string(CONTINUUM_SOURCE_DIR) + "/data/contracts/nelson_vale.json");
  EXPECT_TRUE(contract.ok()) << contract.status().message();
  return Settle(*contract, 26'250'000'000,  // a budget of £262,500,000.00
                {.spend = 27'500'000'000, .stop_loss_excess = 125'000'000});
}

TEST(SettlementRender, TextStatement) {
  EXPECT_EQ(
      RenderSettlementText(HandWorked()),
      "Risk-share settlement: Nelson Vale ICO risk share 2024-25\n"
      "ZICO1 with ZRP (Meridian Health Partners Ltd), 2024-04-01 to 2025-03-31\n"
      "\n"
      "                    amount\n"
      "-----------------------------------\n"
      "budget              £262,500,000.00\n"
      "spend               £275,000,000.00\n"
      "stop-loss recovery    £1,000,000.00\n"
      "net spend           £274,000,000.00\n"
      "overspend            £11,500,000.00\n"
      "\n"
      "line                                                                   amount         who\n"
      "-------------------------------------------------------------------------------------"
      "---------------\n"
      "stop-loss: risk partner 80% of patient-year costs above the threshold  £1,000,000.00  "
      "ZRP pays ZICO1\n"
      "overspend 0%–2% of budget: ICO 100%                                    £5,250,000.00  "
      "borne by ZICO1\n"
      "overspend 2%–5% of budget: ICO 50%                                     £3,125,000.00  "
      "borne by ZICO1\n"
      "overspend 2%–5% of budget: risk partner 50%                            £3,125,000.00  "
      "ZRP pays ZICO1\n"
      "ICO loss above the cap, met by the risk partner                          £875,000.00  "
      "ZRP pays ZICO1\n"
      "\n"
      "ZICO1 net loss after risk sharing: £7,500,000.00\n"
      "Settlement: ZRP pays ZICO1 £5,000,000.00\n");
}

TEST(SettlementRender, JsonStatement) {
  const nlohmann::json j = nlohmann::json::parse(RenderSettlementJson(HandWorked()));
  EXPECT_EQ(j["budget_pence"], 26'250'000'000);
  EXPECT_EQ(j["stop_loss_recovery_pence"], 100'000'000);
  EXPECT_EQ(j["variance_pence"], 1'150'000'000);
  EXPECT_EQ(j["ico_share_pence"], 750'000'000);
  EXPECT_EQ(j["counterparty_share_pence"], 400'000'000);
  EXPECT_EQ(j["ico_result_pence"], -750'000'000);
  ASSERT_EQ(j["lines"].size(), 5u);
  EXPECT_EQ(j["lines"][1]["flow"], "borne_by_ico");
  EXPECT_TRUE(j["lines"][1]["payer"].is_null());
  EXPECT_EQ(j["lines"][4]["label"], "ICO loss above the cap, met by the risk partner");
  EXPECT_EQ(j["lines"][4]["amount_pence"], 87'500'000);
  EXPECT_EQ(j["lines"][4]["payer"], "ZRP");
  EXPECT_EQ(j["lines"][4]["payee"], "ZICO1");
  EXPECT_EQ(j["net_payment"],
            nlohmann::json({{"payer", "ZRP"}, {"payee", "ZICO1"}, {"amount_pence", 500'000'000}}));
}

TEST(SettlementRender, NoPaymentWhenOnBudget) {
  Contract contract;
  contract.ico = "ZICO1";
  contract.counterparty = "ZQ1";
  contract.counterparty_role = CounterpartyRole::kCommissioner;
  contract.overspend = contract.underspend = {{0, std::nullopt, kWhole}};
  const Settlement s = Settle(contract, 1'000, {.spend = 1'000});
  EXPECT_NE(RenderSettlementText(s).find("ZICO1 net gain after risk sharing: £0.00\n"
                                         "Settlement: no payment\n"),
            std::string::npos);
  const nlohmann::json j = nlohmann::json::parse(RenderSettlementJson(s));
  EXPECT_TRUE(j["net_payment"]["payer"].is_null());
  EXPECT_EQ(j["net_payment"]["amount_pence"], 0);
}

}  // namespace
}  // namespace continuum
