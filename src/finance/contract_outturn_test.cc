#include "finance/contract_outturn.h"

#include <gtest/gtest.h>

#include "finance/finance_fixture.h"

namespace continuum {
namespace {

// The stop-loss history worked by hand: a contract from April 2024 with a threshold of 500.00 a
// patient-year looks back at 2023-24 and 2022-23 (the data start in April 2022), counting the
// ICO's patients' costs at its member practices only.
TEST(StopLossHistory, IsTheEarlierYearsExcessAndSpendWorkedByHand) {
  FinanceFixture f;
  f.Organisation("COM", OrgKind::kCommissioner);
  f.Organisation("ICO1", OrgKind::kIco, "COM");
  f.Organisation("P1", OrgKind::kPractice, "ICO1");
  f.Organisation("P2", OrgKind::kPractice, "COM");  // a control practice
  const uint32_t a = f.Patient("P1", "2015-01-01");
  const uint32_t b = f.Patient("P1", "2015-01-01");
  const uint32_t c = f.Patient("P2", "2015-01-01");
  // 2022-23: a 400 + 300 (excess 200), b 100 (none).
  f.Event(a, "2022-04-01", Setting::kGp, "P1", 400);
  f.Event(a, "2023-03-31", Setting::kGp, "P1", 300);
  f.Event(b, "2022-09-01", Setting::kGp, "P1", 100);
  // 2023-24: a 1,000 (excess 500), b 600 (excess 100); c is the control practice's.
  f.Event(a, "2023-04-01", Setting::kGp, "P1", 1000);
  f.Event(b, "2024-03-31", Setting::kGp, "P1", 600);
  f.Event(c, "2023-06-01", Setting::kGp, "P2", 5000);
  f.Event(a, "2023-05-01", Setting::kGp, "P1", -1);  // uncosted: counts in nothing
  // The contract's own year counts in no history.
  f.Event(a, "2024-04-01", Setting::kGp, "P1", 9000);
  const Population& p = f.Finish();
  auto scope = IcoScopeOf(p, "ICO1", "");
  ASSERT_TRUE(scope.ok());
  Contract contract;
  contract.start = *ParseDate("2024-04-01");
  contract.end = *ParseDate("2025-03-31");
  contract.stop_loss = StopLoss{.threshold_per_patient_year = 50000, .counterparty_share = 0};
  const StopLossHistory h = StopLossHistoryOf(contract, p, p.events.cost, *scope);
  EXPECT_EQ(h.excess, 80000);  // 200 + 500 + 100
  EXPECT_EQ(h.spend, 240000);  // 800 + 1,600
  // Without a stop-loss there is nothing to look back at.
  contract.stop_loss.reset();
  EXPECT_EQ(StopLossHistoryOf(contract, p, p.events.cost, *scope).excess, 0);
}

}  // namespace
}  // namespace continuum
