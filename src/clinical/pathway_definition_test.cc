#include "clinical/pathway_definition.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "model/codes.h"

namespace continuum {
namespace {

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
      "entry": {"kind": "activity", "settings": ["ae"]},
      "steps": [{"id": "a", "title": "A", "kind": "activity", "settings": ["gp"]},
                {"id": "b", "title": "B", "kind": "referral", "from": ["practice"],
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
