// A survey definition (docs/voice.md), and a response checked against it as the voice form's
// answers are.
#include "clinical/survey.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  Result<Survey> survey = ParseSurvey(FuzzText(data, size), "survey.json");
  CheckMessage(survey.status());
  if (!survey.ok()) return 0;
  const std::vector<Survey> surveys = {*survey};
  VoiceResponse response{.survey = survey->id, .practice = "P001"};
  for (const SurveyQuestion& q : survey->questions) {
    response.answers.push_back({q.id, q.answers.empty() ? "" : q.answers.back().code});
  }
  CheckMessage(CheckResponse(response, surveys));
  return 0;
}
