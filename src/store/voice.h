// Patient and staff voice: survey responses recorded through the server's form (the patient
// Friends and Family Test, the staff pulse survey; the surveys themselves are data files,
// clinical/survey.h). A response is anonymous: the practice it is about, the day it was given,
// its answers, and who recorded it when. Kept in the workspace (tables voice_responses and
// voice_answers), append-only by the database's own triggers.
//
//   VoiceStore voice(*workspace);
//   Result<int64_t> id = voice.Record({.survey = "patient_fft", .practice = "ZP0001", ...});
//   Result<std::vector<VoiceResponse>> all = voice.All();
//
// Like its Workspace, use it from one thread at a time.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "store/workspace.h"

namespace continuum {

struct VoiceAnswer {
  std::string question, answer;  // codes from the survey's definition
};

struct VoiceResponse {
  int64_t id = 0;  // given when recorded
  std::string survey, practice;
  Day responded_on = 0;
  std::vector<VoiceAnswer> answers;
  std::string recorded_by;
  int64_t recorded_at = 0;  // unix seconds
};

class VoiceStore {
 public:
  explicit VoiceStore(Workspace& workspace) : workspace_(workspace) {}

  // The response and all its answers in one transaction; its id. The caller has checked it
  // against the survey.
  Result<int64_t> Record(const VoiceResponse& response);
  // A file's responses in one transaction, once: InvalidInput, recording nothing, when a file
  // with the same checksum was imported before. Returns the first id given.
  Result<int64_t> RecordImport(std::span<const VoiceResponse> responses, const std::string& file,
                               uint64_t checksum, int64_t now);
  // Every response with its answers, in the order recorded.
  Result<std::vector<VoiceResponse>> All();
  // How many responses there are (0 in a workspace from before the voice tables).
  Result<int64_t> Count();

 private:
  Result<bool> HasTables();
  Workspace& workspace_;
};

}  // namespace continuum
