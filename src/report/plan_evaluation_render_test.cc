// A pilot's row that could not be estimated says why in the text, the JSON and the HTML report,
// rather than being left out.
#include "report/plan_evaluation_render.h"

#include <gtest/gtest.h>

#include <limits>
#include <nlohmann/json.hpp>

#include "report/example_plan_evaluation.h"
#include "report/plan_evaluation_html.h"

namespace continuum {
namespace {

TEST(PlanEvaluationRender, APilotNotEstimatedSaysWhyInEveryOutput) {
  ExamplePlanEvaluation example({{"ZICO1", DayFromCivil(2023, 4, 1), "pilots[0]"},
                                 {"ZICO2", DayFromCivil(2023, 4, 1), "pilots[1]"}});
  PlanEvaluation& e = example.evaluation;
  OutcomeEstimate& o = e.outcomes[0];
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const EstimateRow none{"overall", std::nullopt, std::nullopt, nan, nan, nan, nan};
  const std::string why = "plan.json has 3 clusters; give at least 4";
  auto row = [](std::string ico, EstimateRow effect, std::string not_estimated) {
    PilotEffect p;
    p.ico = std::move(ico);
    p.effect = std::move(effect);
    p.not_estimated = std::move(not_estimated);
    return p;
  };
  o.pilots.push_back(row("ZICO1", {"overall", std::nullopt, std::nullopt, 2, 1, 0, 4}, ""));
  o.pilots.push_back(row("ZICO2", none, why));
  o.leave_one_out.push_back(row("ZICO1", none, why));
  o.leave_one_out.push_back(row("ZICO2", none, why));

  const std::string text = RenderPlanEvaluation(e, OutputFormat::kText);
  EXPECT_NE(text.find("ZICO2: not estimated: " + why), std::string::npos) << text;
  EXPECT_NE(text.find("ZICO1: 2 ("), std::string::npos) << text;
  const nlohmann::json json = nlohmann::json::parse(RenderPlanEvaluation(e, OutputFormat::kJson));
  const nlohmann::json& pilots = json["outcomes"][0]["pilots"];
  ASSERT_EQ(pilots.size(), 2u);
  EXPECT_FALSE(pilots[0].contains("not_estimated"));
  EXPECT_EQ(pilots[1]["not_estimated"], why);
  EXPECT_TRUE(pilots[1]["estimate"].is_null());
  EXPECT_EQ(json["outcomes"][0]["leave_one_pilot_out"][0]["not_estimated"], why);
  const std::string html = RenderPlanEvaluationHtml(e);
  EXPECT_NE(html.find("<td colspan=\"3\">not estimated: " + why + "</td>"), std::string::npos);
}

}  // namespace
}  // namespace continuum
