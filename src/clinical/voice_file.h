// voice_responses.csv: survey responses to load in bulk (`continuum voice import`), as an
// electronic survey's results or the generator's synthetic ones arrive. One row per answer:
//
//   response_id,survey,practice_id,responded_on,question,answer
//   1,patient_fft,ZP0001,2024-05-02,overall_experience,very_good
//   2,staff_pulse,ZP0001,2024-04-08,recommend_care,agree
//   2,staff_pulse,ZP0001,2024-04-08,recommend_place_to_work,neither
//
// Rows with the same response_id (a key within the file) are one response and must agree on
// survey, practice and day. Every problem is reported as "FILE, line N, field F: why" (the first
// 20 of them), and a file with any problem gives no responses at all.
//
//   auto responses = ReadVoiceFile(file, {.surveys = *surveys, .practices = ids, .today = day});
#pragma once

#include <set>
#include <span>
#include <string>
#include <vector>

#include "clinical/survey.h"
#include "core/csv.h"
#include "store/voice.h"

namespace continuum {

struct VoiceFileContext {
  std::span<const Survey> surveys;
  std::set<std::string, std::less<>> practices;  // the workspace's practice ids
  Day today = 0;                                 // no response may be dated later
};

Result<std::vector<VoiceResponse>> ReadVoiceFile(const CsvFile& file,
                                                 const VoiceFileContext& context);

}  // namespace continuum
