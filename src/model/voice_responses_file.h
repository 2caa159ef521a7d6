// Survey responses travel beside the nine tables of model/schema.h in one more interchange
// file, voice_responses.csv, one row per answer: the generator writes it, `continuum voice
// import` reads it (clinical/voice_file.h) and export writes a workspace's responses back to it
// (store/export.h). They are not a table of the data model.
//
//   std::string out = kVoiceResponsesHeader;
//   out += "1,patient_fft,ZP0001,2024-05-02,overall_experience,good\n";
#pragma once

namespace continuum {

inline constexpr char kVoiceResponsesFile[] = "voice_responses.csv";
inline constexpr char kVoiceResponsesHeader[] =
    "response_id,survey,practice_id,responded_on,question,answer\n";

}  // namespace continuum
