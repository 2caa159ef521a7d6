#include "clinical/codelist.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

#include "model/codes.h"

namespace continuum {
namespace {

uint32_t Bit(Condition c) { return 1u << static_cast<int>(c); }

TEST(Codelist, SnomedCodesCarryAVerhoeffCheckDigit) {
  EXPECT_TRUE(CheckSnomedCode("73211009").ok());         // Diabetes mellitus
  EXPECT_TRUE(CheckSnomedCode("44054006").ok());         // Diabetes mellitus type 2
  EXPECT_TRUE(CheckSnomedCode("38341003").ok());         // Hypertensive disorder
  EXPECT_TRUE(CheckSnomedCode("999791000000106").ok());  // a UK extension concept (partition 10)
  EXPECT_EQ(CheckSnomedCode("73211008").message(),
            "'73211008' is not a SNOMED CT code: its check digit is wrong (a digit mistyped or "
            "two swapped?)");
  EXPECT_FALSE(CheckSnomedCode("72311009").ok());  // two digits swapped
  EXPECT_FALSE(CheckSnomedCode("12345").ok());
  EXPECT_FALSE(CheckSnomedCode("07321100").ok());
  EXPECT_FALSE(CheckSnomedCode("7321100a").ok());
  // A description id (partition 01) is not a concept.
  EXPECT_NE(CheckSnomedCode("121589010").message().find("partition identifier is 01"),
            std::string::npos);
}

TEST(Codelist, Icd10CodesWithOrWithoutTheirDot) {
  EXPECT_EQ(*NormaliseIcd10("E11.9"), "E119");
  EXPECT_EQ(*NormaliseIcd10("E119"), "E119");
  EXPECT_EQ(*NormaliseIcd10("E11"), "E11");
  EXPECT_EQ(*NormaliseIcd10("Z515"), "Z515");
  for (const char* bad : {"e11", "E1", "E11.", "11E", "E11.9.1", "E1199X", ""}) {
    EXPECT_FALSE(NormaliseIcd10(bad).ok()) << bad;
  }
}

TEST(Codelist, ShippedListsCoverEveryConditionInBothSystems) {
  Result<CodelistCatalogue> lists = ShippedCodelists();
  ASSERT_TRUE(lists.ok()) << lists.status().message();
  for (int c = 0; c < kConditionCount; ++c) {
    for (CodelistSystem system : {CodelistSystem::kSnomedCt, CodelistSystem::kIcd10}) {
      const Codelist* list = lists->Find(system, c);
      ASSERT_NE(list, nullptr) << kConditionCodes[c] << " " << CodelistSystemName(system);
      EXPECT_FALSE(list->codes.empty());
      EXPECT_FALSE(list->source.empty());
      EXPECT_FALSE(list->version.empty());
    }
  }
  EXPECT_EQ(lists->ConditionsOf(CodelistSystem::kSnomedCt, "73211009"), Bit(Condition::kDiabetes));
  EXPECT_EQ(lists->ConditionsOf(CodelistSystem::kIcd10, "E11.9"), Bit(Condition::kDiabetes));
  EXPECT_EQ(lists->ConditionsOf(CodelistSystem::kIcd10, "E119"), Bit(Condition::kDiabetes));
  // Hypertensive heart disease with heart failure is on both registers' lists.
  EXPECT_EQ(lists->ConditionsOf(CodelistSystem::kIcd10, "I11.0"),
            Bit(Condition::kHypertension) | Bit(Condition::kHeartFailure));
  EXPECT_EQ(lists->ConditionsOf(CodelistSystem::kIcd10, "I11.9"), Bit(Condition::kHypertension));
  // Non-melanoma skin cancer is not on the cancer register (QOF leaves it out).
  EXPECT_EQ(lists->ConditionsOf(CodelistSystem::kIcd10, "C44"), 0u);
  EXPECT_EQ(lists->ConditionsOf(CodelistSystem::kIcd10, "C43"), Bit(Condition::kCancer));
  EXPECT_EQ(lists->ConditionsOf(CodelistSystem::kSnomedCt, "22298006"),
            Bit(Condition::kChd));                                             // MI
  EXPECT_EQ(lists->ConditionsOf(CodelistSystem::kSnomedCt, "125605004"), 0u);  // fracture of bone
  // Every shipped SNOMED CT code passed the check digit test: the real lists are its ground truth.
  size_t codes = 0;
  for (const Codelist& l : lists->lists())
    codes += l.system == CodelistSystem::kSnomedCt ? l.codes.size() : 0;
  EXPECT_GT(codes, 5000u);
}

// A catalogue over files held in memory.
Result<CodelistCatalogue> Read(const std::string& catalogue,
                               const std::map<std::string, std::string>& files) {
  return ReadCodelists(catalogue, "codelists.json",
                       [&](const std::string& name) -> Result<std::string> {
                         const auto at = files.find(name);
                         if (at == files.end()) return Status::NotFound(name + ": no such file");
                         return at->second;
                       });
}

const char* kOneList = R"({"codelists": [{"file": "dm.csv", "system": "snomedct",
    "condition": "diabetes", "title": "Diabetes", "source": "test", "version": "1"}]})";

TEST(Codelist, EveryProblemWithItsFileLineAndColumn) {
  Result<CodelistCatalogue> bad = Read(kOneList, {{"dm.csv",
                                                   "code,term\n"
                                                   "73211009,Diabetes mellitus\n"
                                                   "73211008,Typo\n"
                                                   "44054006,\n"
                                                   "73211009,Again\n"
                                                   "E11,Not SNOMED\n"}});
  ASSERT_FALSE(bad.ok());
  const std::string m = bad.status().message();
  EXPECT_NE(m.find("dm.csv line 3, column code: '73211008' is not a SNOMED CT code: its check "
                   "digit is wrong"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("dm.csv line 4, column term: the term is empty"), std::string::npos) << m;
  EXPECT_NE(m.find("dm.csv line 5, column code: '73211009' is already on line 2"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("dm.csv line 6, column code: 'E11' is not a SNOMED CT code"), std::string::npos)
      << m;

  EXPECT_NE(Read(kOneList, {{"dm.csv", "id,description\n73211009,x\n"}})
                .status()
                .message()
                .find("must name the columns code and term"),
            std::string::npos);
  EXPECT_EQ(Read(kOneList, {}).status().message(), "dm.csv: no such file");
  EXPECT_NE(Read(R"({"codelists": [{"file": "dm.csv", "system": "snomedct",
      "condition": "diabetic", "title": "D", "source": "s", "version": "1"}]})",
                 {{"dm.csv", "code,term\n73211009,Diabetes mellitus\n"}})
                .status()
                .message()
                .find("codelists.json, field codelists[0].condition"),
            std::string::npos);
  const std::string two = R"({"codelists": [
      {"file": "a.csv", "system": "icd10", "condition": "asthma", "title": "A", "source": "s",
       "version": "1"},
      {"file": "b.csv", "system": "icd10", "condition": "asthma", "title": "B", "source": "s",
       "version": "1"}]})";
  EXPECT_NE(Read(two, {{"a.csv", "code,term\nJ45,Asthma\n"}, {"b.csv", "code,term\nJ46,S\n"}})
                .status()
                .message()
                .find("has a icd10 codelist already, a.csv"),
            std::string::npos);
  // Extra columns, as OpenCodelists' downloads may have, are allowed.
  Result<CodelistCatalogue> extra =
      Read(kOneList, {{"dm.csv", "code,term,notes\n73211009,Diabetes mellitus,x\n"}});
  ASSERT_TRUE(extra.ok()) << extra.status().message();
  EXPECT_EQ(extra->lists()[0].terms[0], "Diabetes mellitus");
}

}  // namespace
}  // namespace continuum
