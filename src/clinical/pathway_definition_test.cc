#include "clinical/pathway_definition.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "model/codes.h"

namespace continuum {
namespace {

TEST(CodePattern, ExactPrefixAndRange) {
  const CodePattern exact = *ParseCodePattern("R06.0", CodeSystem::kIcd10);
  EXPECT_TRUE(exact.Matches("R06.0"));
  EXPECT_TRUE(exact.Matches("R060"));
  EXPECT_FALSE(exact.Matches("R06.1"));
  EXPECT_FALSE(exact.Matches("R06"));
  const CodePattern prefix = *ParseCodePattern("I50*", CodeSystem::kIcd10);
  EXPECT_TRUE(prefix.Matches("I50"));
  EXPECT_TRUE(prefix.Matches("I50.9"));
  EXPECT_TRUE(prefix.Matches("I501"));
  EXPECT_FALSE(prefix.Matches("I51.0"));
  const CodePattern range = *ParseCodePattern("C00-C97", CodeSystem::kIcd10);
  EXPECT_TRUE(range.Matches("C00"));
  EXPECT_TRUE(range.Matches("C50.9"));
  EXPECT_TRUE(range.Matches("C97"));
  EXPECT_FALSE(range.Matches("D00.0"));
  EXPECT_FALSE(range.Matches("B99"));
  EXPECT_TRUE(ParseCodePattern("U20*", CodeSystem::kOpcs4)->Matches("U20.1"));
  EXPECT_TRUE(ParseCodePattern("0212*", CodeSystem::kBnf)->Matches("0212000B0"));
  EXPECT_TRUE(ParseCodePattern("3*", CodeSystem::kSpecialty)->Matches("320"));
  EXPECT_TRUE(ParseCodePattern("300-330", CodeSystem::kSpecialty)->Matches("320"));
}

TEST(CodePattern, APatternThatCannotMatchIsRefused) {
  EXPECT_EQ(ParseCodePattern("I5O*", CodeSystem::kIcd10).status().message(),
            "'I5O*' cannot match: no ICD-10 code begins with 'I5O'");
  EXPECT_EQ(ParseCodePattern("I50.A", CodeSystem::kIcd10).status().message(),
            "'I50.A' cannot match: it is not an ICD-10 code");
  EXPECT_EQ(ParseCodePattern("999", CodeSystem::kSpecialty).status().message(),
            "'999' cannot match: it is not a known treatment function code");
  EXPECT_EQ(ParseCodePattern("C97-C00", CodeSystem::kIcd10).status().message(),
            "'C97-C00' cannot match: a range runs from a lower code to a higher one of the same "
            "length");
  EXPECT_FALSE(ParseCodePattern("*", CodeSystem::kOpcs4).ok());
  EXPECT_FALSE(ParseCodePattern("02A*", CodeSystem::kBnf).ok());
  EXPECT_FALSE(ParseCodePattern("9*", CodeSystem::kSpecialty).ok());
  EXPECT_FALSE(ParseCodePattern("C00-D", CodeSystem::kIcd10).ok());
}

// The shipped definitions read cleanly, each named by its file.
TEST(PathwayDefinition, ShippedDefinitionsRead) {
  auto shipped = ShippedPathways();
  ASSERT_TRUE(shipped.ok()) << shipped.status().message();
  std::vector<std::string> ids;
  for (const PathwayDefinition& d : *shipped) {
    ids.push_back(d.id);
    EXPECT_EQ(d.file, d.id + ".json");
    EXPECT_FALSE(d.source.empty());
  }
  EXPECT_EQ(ids, (std::vector<std::string>{
                     "diabetes_annual_care", "end_of_life_care", "post_discharge_follow_up",
                     "suspected_cancer_two_week_wait", "suspected_heart_failure"}));
  const PathwayDefinition& hf = shipped->back();
  EXPECT_EQ(hf.entry.filter.kind, RecordKind::kReferral);
  EXPECT_EQ(hf.entry.filter.referrers, 1u << static_cast<int>(OrgKind::kPractice));
  ASSERT_EQ(hf.steps.size(), 2u);
  EXPECT_EQ(hf.steps[0].after, kEntry);
  EXPECT_EQ(*hf.steps[0].within_days, 14);
  EXPECT_EQ(hf.steps[1].after, kEntry);
  EXPECT_EQ(*hf.steps[1].within_days, 42);
  const PathwayDefinition& diabetes = shipped->front();
  EXPECT_TRUE(diabetes.entry.yearly);
  EXPECT_EQ(diabetes.entry.grace_days, 90);
  EXPECT_FALSE(diabetes.steps[0].within_days.has_value());
  const PathwayDefinition& eol = (*shipped)[1];
  EXPECT_EQ(eol.steps[2].after, 1);
  EXPECT_TRUE(eol.steps[2].filter.preferred_place);
  EXPECT_FALSE(eol.steps[2].within_days.has_value());
}

TEST(PathwayDefinition, StepsFollowThePreviousOneUnlessTold) {
  auto d = ParsePathwayDefinition(R"({"id": "p", "title": "P", "source": "S",
      "entry": {"kind": "activity", "setting": "ae"},
      "steps": [{"id": "a", "title": "A", "kind": "activity", "setting": "gp"},
                {"id": "b", "title": "B", "kind": "referral", "from": "practice",
                 "same_specialty_as": "a", "within_days": 0}]})",
                                  "p.json");
  ASSERT_TRUE(d.ok()) << d.status().message();
  EXPECT_EQ(d->steps[0].after, kEntry);
  EXPECT_EQ(d->steps[1].after, 0);
  EXPECT_EQ(*d->steps[1].same_specialty_as, 0);
  EXPECT_EQ(d->steps[1].action, "B");  // the title, when no action is given
  EXPECT_EQ(d->entry.filter.settings, 1u << static_cast<int>(Setting::kAe));
}

}  // namespace
}  // namespace continuum
