#include "model/codes.h"

#include <gtest/gtest.h>

#include "model/schema.h"

namespace continuum {
namespace {

TEST(Codes, EnumValuesIndexTheirCodes) {
  EXPECT_EQ(kSettingCodes[static_cast<int>(Setting::kEmergency)], "emergency");
  EXPECT_EQ(FindCode(kSettingCodes, "prescription"), static_cast<int>(Setting::kPrescription));
  EXPECT_EQ(FindCode(kSettingCodes, "Emergency"), -1);
  EXPECT_EQ(std::size(kSettingCodes), static_cast<size_t>(kSettingCount));
  EXPECT_EQ(std::size(kConditionCodes), static_cast<size_t>(kConditionCount));
}

TEST(Codes, ClassificationShapes) {
  for (const char* ok : {"J45", "J45.9", "J459", "R69X", "I50.01", "E11.9"}) {
    EXPECT_TRUE(IsIcd10Code(ok)) << ok;
  }
  for (const char* bad : {"J4", "j45", "J45.", "J45.123", "45J", "J4A"}) {
    EXPECT_FALSE(IsIcd10Code(bad)) << bad;
  }
  EXPECT_TRUE(IsOpcs4Code("K40.1"));
  EXPECT_TRUE(IsOpcs4Code("K401"));
  EXPECT_FALSE(IsOpcs4Code("K40.12"));
  EXPECT_TRUE(IsLsoaCode("E01006074"));
  EXPECT_FALSE(IsLsoaCode("E0100607"));
  EXPECT_FALSE(IsLsoaCode("S01006074"));
}

TEST(Codes, SpecialtiesComeFromTheCodeList) {
  EXPECT_TRUE(IsKnownSpecialty("320"));
  EXPECT_FALSE(IsKnownSpecialty("999"));
}

TEST(Schema, TablesAreInLoadOrderWithUniqueColumns) {
  int i = 0;
  for (const TableSpec& t : Tables()) {
    EXPECT_EQ(static_cast<int>(t.id), i++);
    for (size_t a = 0; a < t.columns.size(); ++a) {
      for (size_t b = a + 1; b < t.columns.size(); ++b) {
        EXPECT_NE(t.columns[a].name, t.columns[b].name) << t.name;
      }
      if (t.columns[a].type == ColumnType::kCode) {
        EXPECT_FALSE(t.columns[a].codes.empty());
      }
    }
  }
  EXPECT_EQ(i, kTableCount);
  EXPECT_EQ(ColumnIndex(Table(TableId::kActivity), "cost"), 10);
}

}  // namespace
}  // namespace continuum
