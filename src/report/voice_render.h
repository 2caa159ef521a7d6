// The voice form's answers from the server: the surveys with their questions and answers, the
// practices the caller may record responses for, and the responses recorded so far by survey,
// practice and month; and the receipt for one response recorded.
//
//   std::string j = RenderVoiceJson(surveys, practices, responses, window);
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "clinical/survey.h"
#include "store/voice.h"

namespace continuum {

// The days the quality indicators measure: responses given outside them are kept but not
// counted until the data reach them.
struct VoiceWindow {
  Day first = 0, last = 0;
};

// `practices`: (org_id, name) the caller may record for; `responses`: the ICO's, counted by
// survey, practice and month among those practices only; each survey names the `indicators`
// that count its answers.
std::string RenderVoiceJson(std::span<const Survey> surveys, std::span<const Indicator> indicators,
                            std::span<const std::pair<std::string, std::string>> practices,
                            std::span<const VoiceResponse> responses, VoiceWindow window);

std::string RenderVoiceRecordedJson(const VoiceResponse& response, VoiceWindow window);

}  // namespace continuum
