// The survey responses of `continuum voice import` (voice_responses.csv), checked against the
// shipped surveys and the hand-made ICO's practices.
#include "clinical/survey.h"
#include "clinical/voice_file.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace continuum;
  const CsvFile file = CsvFile::FromText("voice_responses.csv", std::string(FuzzText(data, size)));
  Result<std::vector<VoiceResponse>> responses = ReadVoiceFile(
      file, {.surveys = Surveys(), .practices = {"P001", "P002", "C001"}, .today = 20000});
  CheckMessage(responses.status());
  return 0;
}
