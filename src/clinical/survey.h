// A patient or staff survey, read from its definition file (data/surveys/*.json): its questions
// and the answers each allows. The voice form offers them, the server checks each recorded
// response against them, and indicators of responses (clinical/indicator.h) count their answers.
//
//   Result<std::vector<Survey>> surveys = ShippedSurveys();
//   CONTINUUM_RETURN_IF_ERROR(CheckResponse(response, *surveys));
//
// docs/voice.md describes the format and the surveys shipped.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "clinical/indicator.h"
#include "core/status.h"
#include "store/voice.h"

namespace continuum {

struct SurveyAnswerOption {
  std::string code, label;
};

struct SurveyQuestion {
  std::string id, text;
  std::vector<SurveyAnswerOption> answers;
  bool Allows(std::string_view code) const;
};

struct Survey {
  std::string file;  // where it was read from, for messages
  std::string id, title, source;
  std::string respondent;  // "patient" or "staff"
  std::vector<SurveyQuestion> questions;
  const SurveyQuestion* Question(std::string_view id) const;  // nullptr when not asked
};

// Reads and checks one definition; every problem names the file and the field.
Result<Survey> ParseSurvey(std::string_view text, std::string file_name);
// The surveys shipped in data/surveys/, in file-name order.
Result<std::vector<Survey>> ShippedSurveys();

// Every indicator of responses names one of `surveys`, a question it asks and answers that
// question allows; InvalidInput naming the indicator's file and field when not.
Status CheckIndicatorsAgainstSurveys(std::span<const Indicator> indicators,
                                     std::span<const Survey> surveys);

// A response fits its survey: a known survey, at least one answer, each to a question the
// survey asks (once) with an answer it allows. InvalidInput naming the field when not.
Status CheckResponse(const VoiceResponse& response, std::span<const Survey> surveys);

}  // namespace continuum
