#include "report/plan_evaluation_html.h"

#include <gtest/gtest.h>

#include "report/example_plan_evaluation.h"

namespace continuum {
namespace {

// Names from a user's plan cannot add markup to the report, and the report loads nothing.
TEST(PlanEvaluationHtml, EscapesWhatThePlanNamesAndLoadsNothing) {
  ExamplePlanEvaluation example({{"ZICO\"1", DayFromCivil(2023, 4, 1), "pilots[0]"}});
  AnalysisPlan& plan = example.plan;
  plan.file = "plan<1>.json";
  plan.name = "<script>alert('x')</script> & co";
  OutcomeDefinition& outcome = example.outcome;
  outcome.title = "Emergency <admissions>";
  PlanEvaluation& e = example.evaluation;
  OutcomeEstimate& o = e.outcomes[0];
  o.event_study = {{"event", std::nullopt, -1, 0.1, 0.2, -0.3, 0.5},
                   {"event", std::nullopt, 0, 1.5, 0.5, 0.5, 2.5}};
  o.summary = "Emergency <admissions>: up";
  e.balance.push_back({"list_size", 10, 8, 9, 0.5, 0.05, false});
  CaseManagementEvaluation cm;
  cm.found_on.emplace_back("ZICO\"1", DayFromCivil(2024, 4, 1));
  cm.follow_up_to = plan.to;
  cm.cases = 1300;
  cm.comparison_patients = 800;
  CaseManagementOutcome managed;
  managed.outcome = &outcome;
  managed.rate_ratio = 0.78;
  managed.ci_low = 0.7;
  managed.ci_high = 0.87;
  managed.summary = "Emergency <admissions> among the 1300 case-managed patients ran 22% lower";
  cm.outcomes.push_back(managed);
  cm.balance.push_back({"age <years>", 78, 77, 0, 0, 0.12, 0, false});
  e.case_management = cm;
  const std::string html = RenderPlanEvaluationHtml(e);
  EXPECT_NE(html.find("<h2>Case management</h2>"), std::string::npos);
  EXPECT_NE(html.find("ZICO&quot;1 2024-04-01"), std::string::npos);
  EXPECT_NE(html.find("<td>0.78</td><td>0.7 to 0.87</td>"), std::string::npos);
  EXPECT_NE(html.find("age &lt;years&gt;"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"flag\">0.12</td>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; co"),
            std::string::npos);
  EXPECT_NE(html.find("ZICO&quot;1"), std::string::npos);
  EXPECT_NE(html.find("Emergency &lt;admissions&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<admissions>"), std::string::npos);
  EXPECT_EQ(html.find("http"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html, RenderPlanEvaluationHtml(e));
}

}  // namespace
}  // namespace continuum
