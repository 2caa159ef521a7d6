#include "finance/costing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace continuum {
namespace {

// A tariff written out by hand, priced by hand in each test below.
constexpr std::string_view kTariff =
    "kind,setting,specialty,group,provider,unit_cost,trim_point,excess_bed_day_cost,factor,source\n"
    "price,op_first,,,,160.00,,,,\n"
    "price,op_first,320,,,192.00,,,,cardiology first attendance\n"
    "price,emergency,,,,2000.00,5,300.00,,\n"
    "price,emergency,,E,,2600.00,4,350.00,,cardiac chapter\n"
    "price,prescription,,,,8.00,,,,\n"
    "market_forces_factor,,,,RB,,,,1.1,\n";

struct Fixture {
  Population p;
  Fixture() {
    p.organisations.ids.Intern("RA");
    p.organisations.ids.Intern("RB");
    p.organisations.kind = {uint8_t(OrgKind::kAcuteTrust), uint8_t(OrgKind::kAcuteTrust)};
  }
  // Adds an event and returns its index.
  size_t Add(Setting setting, std::string_view provider, std::string_view specialty,
             std::string_view diagnosis, uint16_t stay, uint32_t quantity, int32_t cost) {
    EventColumns& e = p.events;
    e.id.push_back(static_cast<int64_t>(e.id.size() + 1));
    e.patient.push_back(0);
    e.day.push_back(19800);
    e.setting.push_back(uint8_t(setting));
    e.practice.push_back(0);
    e.provider.push_back(p.organisations.ids.Find(provider));
    e.specialty.push_back(
        specialty.empty() ? UINT16_MAX : static_cast<uint16_t>(e.specialties.Intern(specialty)));
    e.diagnosis.push_back(diagnosis.empty() ? Dictionary::kMissing : e.diagnoses.Intern(diagnosis));
    e.procedure.push_back(Dictionary::kMissing);
    e.length_of_stay.push_back(stay);
    e.quantity.push_back(quantity);
    e.cost.push_back(cost);
    e.medicine.push_back(Dictionary::kMissing);
    return e.id.size() - 1;
  }
};

Tariff HandTariff() {
  auto t = ParseTariff(kTariff, "hand.csv");
  EXPECT_TRUE(t.ok()) << t.status().message();
  return *t;
}

TEST(Costing, RecordedCostsAreKept) {
  Fixture f;
  const size_t e = f.Add(Setting::kOutpatientFirst, "RA", "300", "", kNoStay, 1, 12345);
  const Costing c = CostActivity(f.p, HandTariff());
  EXPECT_EQ(c.cost[e], 12345);
  EXPECT_EQ(c.recorded_events, 1);
  EXPECT_EQ(c.recorded_cost, 12345);
  EXPECT_EQ(c.priced_events, 0);
}

TEST(Costing, RepricingIgnoresRecordedCosts) {
  Fixture f;
  const size_t e = f.Add(Setting::kOutpatientFirst, "RB", "320", "", kNoStay, 1, 12345);
  const Costing c = CostActivity(f.p, HandTariff(), CostingMode::kTariffOnly);
  EXPECT_EQ(c.cost[e], 21120);  // 192.00 x 1.1
  EXPECT_EQ(c.recorded_events, 0);
  EXPECT_EQ(c.priced_events, 1);
}

TEST(Costing, TheMostSpecificPriceWins) {
  Fixture f;
  const size_t general = f.Add(Setting::kOutpatientFirst, "RA", "300", "R69X", kNoStay, 1, -1);
  const size_t cardiology = f.Add(Setting::kOutpatientFirst, "RA", "320", "I50.9", kNoStay, 1, -1);
  const size_t no_specialty = f.Add(Setting::kOutpatientFirst, "RA", "", "", kNoStay, 1, -1);
  const Costing c = CostActivity(f.p, HandTariff());
  EXPECT_EQ(c.cost[general], 16000);
  EXPECT_EQ(c.cost[cardiology], 19200);
  EXPECT_EQ(c.cost[no_specialty], 16000);
  EXPECT_EQ(c.priced_events, 3);
  EXPECT_EQ(c.priced_cost, 16000 + 19200 + 16000);
}

TEST(Costing, ExcessBedDaysBeyondTheTrimPointByChapter) {
  Fixture f;
  // Respiratory (chapter D) uses the setting's price: 2000 + 300 x (8 - 5) = 2900.
  const size_t copd = f.Add(Setting::kEmergency, "RA", "300", "J44.1", 8, 1, -1);
  // At the trim point exactly: no excess.
  const size_t at_trim = f.Add(Setting::kEmergency, "RA", "300", "J44.1", 5, 1, -1);
  // Cardiac (chapter E): 2600 + 350 x (6 - 4) = 3300; at provider RB x 1.1 = 3630.
  const size_t heart = f.Add(Setting::kEmergency, "RB", "320", "I50.9", 6, 1, -1);
  const Costing c = CostActivity(f.p, HandTariff());
  EXPECT_EQ(c.cost[copd], 290000);
  EXPECT_EQ(c.cost[at_trim], 200000);
  EXPECT_EQ(c.cost[heart], 363000);
}

TEST(Costing, QuantityMultipliesAndTheFactorRoundsToThePenny) {
  Fixture f;
  // 7 items x 8.00 x 1.1 = 61.60.
  const size_t items = f.Add(Setting::kPrescription, "RB", "", "", kNoStay, 7, -1);
  const Costing c = CostActivity(f.p, HandTariff());
  EXPECT_EQ(c.cost[items], 6160);
}

TEST(Costing, EventsNoPriceFitsAreListedNotPricedAtZero) {
  Fixture f;
  f.Add(Setting::kGp, "RA", "", "", kNoStay, 1, 3900);
  const size_t social = f.Add(Setting::kSocialCare, "RA", "", "", kNoStay, 10, -1);
  const size_t huge = f.Add(Setting::kPrescription, "RA", "", "", kNoStay, 100000, -1);
  // 100,000 items at 8.00 is 800,000.00: within the limit.
  const size_t over = f.Add(Setting::kEmergency, "RA", "", "", 3650, 1, -1);  // 2000 + 300 x 3645
  const Costing c = CostActivity(f.p, HandTariff());
  EXPECT_EQ(c.cost[social], kNoCost);
  EXPECT_EQ(c.cost[huge], 80000000);
  EXPECT_EQ(c.cost[over], 2000 * 100 + 300 * 100 * 3645);
  ASSERT_EQ(c.uncosted.size(), 1u);
  EXPECT_EQ(c.uncosted[0], social);
  EXPECT_EQ(c.uncosted_reason[0], UncostedReason::kNoPrice);
}

TEST(Costing, ACostAboveTheEventLimitIsUncosted) {
  Fixture f;
  auto t = ParseTariff(
      "kind,setting,specialty,group,provider,unit_cost,trim_point,excess_bed_day_cost,factor,"
      "source\nprice,social_care,,,,200000.00,,,,\n",
      "big.csv");
  ASSERT_TRUE(t.ok());
  const size_t e = f.Add(Setting::kSocialCare, "RA", "", "", kNoStay, 51, -1);  // 10.2 million
  const Costing c = CostActivity(f.p, *t);
  EXPECT_EQ(c.cost[e], kNoCost);
  ASSERT_EQ(c.uncosted_reason.size(), 1u);
  EXPECT_EQ(c.uncosted_reason[0], UncostedReason::kOverLimit);
}

TEST(Costing, ManyEventsOnTwoThreadsMatchOneByOne) {
  Fixture f;
  for (int i = 0; i < 250'000; ++i)
    f.Add(i % 3 ? Setting::kEmergency : Setting::kSocialCare, i % 2 ? "RA" : "RB", "",
          i % 5 ? "I21.0" : "J18.9", static_cast<uint16_t>(i % 9), 1, i % 7 ? -1 : 500);
  const Costing c = CostActivity(f.p, HandTariff());
  Pence priced = 0;
  int64_t uncosted = 0;
  for (int i = 0; i < 250'000; ++i) {
    if (i % 7 == 0) continue;
    if (i % 3 == 0) {
      ++uncosted;
      continue;
    }
    const bool cardiac = i % 5 != 0;
    const int stay = i % 9, trim = cardiac ? 4 : 5;
    const double base = cardiac ? 2600 : 2000, excess = cardiac ? 350 : 300;
    const double pounds = (base + excess * std::max(0, stay - trim)) * (i % 2 ? 1.0 : 1.1);
    priced += std::llround(pounds * 100);
  }
  EXPECT_EQ(c.priced_cost, priced);
  EXPECT_EQ(static_cast<int64_t>(c.uncosted.size()), uncosted);
  EXPECT_TRUE(std::is_sorted(c.uncosted.begin(), c.uncosted.end()));
}

}  // namespace
}  // namespace continuum
