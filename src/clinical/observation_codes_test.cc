// The observation codes file: every shipped code checked, and each problem reported at its line.
#include "clinical/observation_codes.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

TEST(ObservationCodes, TheShippedFileReadsAndMapsTheStandardCodes) {
  Result<ObservationCodes> codes = ShippedObservationCodes();
  ASSERT_TRUE(codes.ok()) << codes.status().message();
  const ObservationCode* systolic = codes->Find(ObservationSystem::kLoinc, "8480-6");
  ASSERT_NE(systolic, nullptr);
  EXPECT_EQ(systolic->kind, ObservationKind::kSystolicBp);
  const ObservationCode* smoker = codes->Find(ObservationSystem::kSnomedCt, "77176002");
  ASSERT_NE(smoker, nullptr);
  EXPECT_EQ(smoker->kind, ObservationKind::kSmokingStatus);
  EXPECT_EQ(smoker->value, "current");
  EXPECT_EQ(codes->Find(ObservationSystem::kSnomedCt, "8480-6"), nullptr);
}

TEST(ObservationCodes, LoincCheckDigits) {
  for (const char* good : {"8480-6", "8462-4", "39156-5", "59261-8", "4548-4", "72166-2"}) {
    EXPECT_TRUE(IsLoincCode(good)) << good;
  }
  for (const char* bad : {"8480-5", "8480", "-6", "84a0-6", "8480-66", "12345678-1"}) {
    EXPECT_FALSE(IsLoincCode(bad)) << bad;
  }
}

TEST(ObservationCodes, EachProblemIsReportedAtItsLine) {
  const std::string text =
      "system,code,kind,value,unit,term\n"
      "loinc,8480-5,systolic_bp,,mm[Hg],Bad check digit\n"
      "snomedct,77176003,smoking_status,current,,Bad Verhoeff digit\n"
      "icd10,E11,hba1c,,mmol/mol,Wrong system\n"
      "loinc,8462-4,pulse,,/min,Unknown kind\n"
      "snomedct,77176002,smoking_status,sometimes,,Not a value\n"
      "loinc,39156-5,bmi,,,No unit\n";
  Result<ObservationCodes> codes = ReadObservationCodes(text, "obs.csv");
  ASSERT_FALSE(codes.ok());
  const std::string message(codes.status().message());
  for (const char* where : {"obs.csv line 2, column code", "obs.csv line 3, column code",
                            "obs.csv line 4, column system", "obs.csv line 5, column kind",
                            "obs.csv line 6, column value", "obs.csv line 7, column unit"}) {
    EXPECT_NE(message.find(where), std::string::npos) << where << "\n" << message;
  }
}

TEST(ObservationCodes, Hba1cPercentBecomesMmolPerMolByTheMasterEquation) {
  const ObservationCode percent{ObservationKind::kHba1c, "", "%", "HbA1c %"};
  // (6.5 - 2.15) x 10.929 = 47.5 -> 48 mmol/mol, the diagnostic threshold NICE gives as both.
  EXPECT_EQ(*InContinuumUnit(percent, "6.5"), "48");
  EXPECT_EQ(*InContinuumUnit(percent, "7.0"), "53");
  EXPECT_FALSE(InContinuumUnit(percent, "seven").ok());
  const ObservationCode mmol{ObservationKind::kHba1c, "", "mmol/mol", "HbA1c"};
  EXPECT_EQ(*InContinuumUnit(mmol, "53"), "53");
  const ObservationCode pounds{ObservationKind::kBmi, "", "lb/in2", "BMI"};
  EXPECT_FALSE(InContinuumUnit(pounds, "30").ok());
}

}  // namespace
}  // namespace continuum
