#include "clinical/survey.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

std::string ErrorOf(std::string_view json) {
  auto s = ParseSurvey(json, "bad.json");
  return s.ok() ? "" : s.status().message();
}

TEST(Survey, TheShippedSurveysReadAndTheIndicatorsAskThem) {
  auto surveys = ShippedSurveys();
  ASSERT_TRUE(surveys.ok()) << surveys.status().message();
  ASSERT_EQ(surveys->size(), 2u);
  const Survey& fft = (*surveys)[0];
  EXPECT_EQ(fft.id, "patient_fft");
  EXPECT_EQ(fft.respondent, "patient");
  ASSERT_NE(fft.Question("overall_experience"), nullptr);
  EXPECT_EQ(fft.Question("overall_experience")->answers.size(), 6u);
  EXPECT_EQ((*surveys)[1].id, "staff_pulse");
  EXPECT_EQ((*surveys)[1].questions.size(), 2u);
  auto indicators = ShippedIndicators();
  ASSERT_TRUE(indicators.ok());
  EXPECT_TRUE(CheckIndicatorsAgainstSurveys(*indicators, *surveys).ok());

  std::vector<Indicator> wrong = {*ParseIndicator(R"({"id": "x", "title": "X", "source": "s",
      "group": "g", "measure": "proportion", "polarity": "higher_is_better",
      "denominator": {"responses": {"survey": "patient_fft", "question": "overall_experience"}},
      "numerator": {"answers": ["fairly_good"]}})",
                                                  "x.json")};
  EXPECT_EQ(CheckIndicatorsAgainstSurveys(wrong, *surveys).message(),
            "x.json, field numerator.answers: 'fairly_good' is not an answer to patient_fft's "
            "overall_experience");
  wrong[0].survey = "gp_patient_survey";
  EXPECT_EQ(CheckIndicatorsAgainstSurveys(wrong, *surveys).message(),
            "x.json, field denominator.responses.survey: no survey 'gp_patient_survey' is defined");
}

TEST(Survey, BadDefinitionsNameTheFileAndField) {
  const std::string head = R"("id": "s", "title": "S", "source": "src", "respondent": "patient", )";
  EXPECT_EQ(ErrorOf("{" + head + R"("questions": []})"),
            "bad.json, field questions: must ask at least one question");
  EXPECT_EQ(ErrorOf("{" + head + R"("questions": [{"id": "q", "text": "Q?",
      "answers": [{"code": "yes", "label": "Yes"}]}]})"),
            "bad.json, field questions[0].answers: must offer at least two answers");
  EXPECT_EQ(ErrorOf("{" + head + R"("questions": [{"id": "q", "text": "Q?",
      "answers": [{"code": "yes", "label": "Yes"}, {"code": "yes", "label": "No"}]}]})"),
            "bad.json, field questions[0].answers[1].code: repeats the answer yes");
  EXPECT_EQ(ErrorOf(R"({"id": "S 1", "title": "S", "source": "src", "respondent": "patient",
      "questions": []})"),
            "bad.json, field id: must be lowercase letters, digits and _");
  EXPECT_NE(ErrorOf(R"({"id": "s", "title": "S", "source": "src", "respondent": "carer",
      "questions": []})")
                .find("bad.json, field respondent"),
            std::string::npos);
}

TEST(Survey, AResponseMustFitItsSurvey) {
  auto surveys = ShippedSurveys();
  ASSERT_TRUE(surveys.ok());
  VoiceResponse r{.survey = "staff_pulse",
                  .practice = "ZP0001",
                  .answers = {{"recommend_care", "agree"}, {"recommend_place_to_work", "neither"}}};
  EXPECT_TRUE(CheckResponse(r, *surveys).ok());
  auto error = [&](VoiceResponse changed) { return CheckResponse(changed, *surveys).message(); };
  VoiceResponse other = r;
  other.survey = "patient_survey";
  EXPECT_EQ(error(other), "survey: no survey 'patient_survey'");
  other = r;
  other.answers.clear();
  EXPECT_EQ(error(other), "answers: answer at least one question");
  other = r;
  other.answers[1].question = "recommend_care";
  EXPECT_EQ(error(other), "answers: recommend_care is answered twice");
  other = r;
  other.answers[0].answer = "very_good";
  EXPECT_EQ(error(other), "answers.recommend_care: 'very_good' is not one of its answers");
  other = r;
  other.answers[0].question = "overall_experience";
  EXPECT_EQ(error(other), "answers: the survey staff_pulse asks no question 'overall_experience'");
}

}  // namespace
}  // namespace continuum
