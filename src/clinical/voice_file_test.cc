#include "clinical/voice_file.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

constexpr char kHeader[] = "response_id,survey,practice_id,responded_on,question,answer\n";

Result<std::vector<VoiceResponse>> Read(const std::string& rows) {
  static const std::vector<Survey> surveys = *ShippedSurveys();
  const CsvFile file = CsvFile::FromText("voice.csv", kHeader + rows);
  return ReadVoiceFile(
      file, {.surveys = surveys, .practices = {"P1", "P2"}, .today = *ParseDate("2025-03-31")});
}

TEST(VoiceFile, RowsOfOneResponseComeTogether) {
  auto r = Read(
      "a7,staff_pulse,P2,2025-01-08,recommend_care,agree\n"
      "9,patient_fft,P1,2025-02-01,overall_experience,dont_know\n"
      "a7,staff_pulse,P2,2025-01-08,recommend_place_to_work,strongly_disagree\n");
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0].survey, "staff_pulse");
  EXPECT_EQ((*r)[0].practice, "P2");
  EXPECT_EQ(FormatDate((*r)[0].responded_on), "2025-01-08");
  ASSERT_EQ((*r)[0].answers.size(), 2u);
  EXPECT_EQ((*r)[0].answers[1].answer, "strongly_disagree");
  EXPECT_EQ((*r)[1].answers[0].answer, "dont_know");
}

TEST(VoiceFile, EveryProblemNamesItsLineAndFieldAndNothingIsKept) {
  auto r = Read(
      "1,patient_fft,P1,2025-02-01,overall_experience,very_good\n"
      "2,patient_fft,P1,2025-02-01\n"
      "3,patient_fft,P1,2025-04-01,overall_experience,good\n"
      "4,patient_fft,P3,2025-02-01,overall_experience,good\n"
      "1,staff_pulse,P1,2025-02-01,recommend_care,agree\n"
      "5,patient_fft,P1,01/02/2025,overall_experience,good\n"
      "6,patient_fft,P1,2025-02-01,overall_experience,fairly_good\n"
      "7,gp_survey,P1,2025-02-01,overall_experience,good\n");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "7 problem(s) in voice.csv; nothing was recorded:\n"
            "  voice.csv, line 3, field (row): has 4 fields, not 6\n"
            "  voice.csv, line 4, field responded_on: 2025-04-01 is in the future\n"
            "  voice.csv, line 5, field practice_id: 'P3' is not a practice in the workspace\n"
            "  voice.csv, line 6, field response_id: 1 is already a response of another survey, "
            "practice or day (line 2)\n"
            "  voice.csv, line 7, field responded_on: '01/02/2025' is not a date (YYYY-MM-DD)\n"
            "  voice.csv, line 8, field answers.overall_experience: 'fairly_good' is not one of "
            "its answers\n"
            "  voice.csv, line 9, field survey: no survey 'gp_survey'");
}

// A response id is a key, written back out in receipts and messages: no line breaks, no bytes of
// any kind and no megabytes.
TEST(VoiceFile, AResponseIdIsAShortId) {
  const std::string big(8 << 20, '7');
  auto r = Read(
      "\"a\nb\",patient_fft,P1,2025-02-01,overall_experience,good\n"
      "r\x1b[2J,patient_fft,P1,2025-02-01,overall_experience,good\n" +
      big + ",patient_fft,P1,2025-02-01,overall_experience,good\n" + std::string(64, 'x') +
      ",patient_fft,P1,2025-02-01,overall_experience,good\n");
  ASSERT_FALSE(r.ok());
  const std::string id_rule = " is not an id: 1 to 64 letters, digits, '-' and '_'\n";
  EXPECT_EQ(r.status().message(),
            "3 problem(s) in voice.csv; nothing was recorded:\n"
            "  voice.csv, line 2, field response_id: 'a\\nb'" +
                id_rule + "  voice.csv, line 4, field response_id: 'r\\x1B[2J'" + id_rule +
                "  voice.csv, line 5, field response_id: '" + std::string(60, '7') +
                "…' (8388608 bytes)" + id_rule.substr(0, id_rule.size() - 1));
}

TEST(VoiceFile, AWrongHeaderOrNoRowsIsRefused) {
  const std::vector<Survey> surveys = *ShippedSurveys();
  const CsvFile wrong = CsvFile::FromText("v.csv", "id,survey\n1,patient_fft\n");
  EXPECT_EQ(ReadVoiceFile(wrong, {.surveys = surveys}).status().message(),
            "v.csv, line 1: the header must be "
            "response_id,survey,practice_id,responded_on,question,answer");
  EXPECT_EQ(Read("").status().message(), "voice.csv: holds no responses");
  std::string many;
  for (int k = 0; k < 25; ++k) many += std::to_string(k) + ",patient_fft,P9,2025-02-01,x,y\n";
  const std::string message = Read(many).status().message();
  EXPECT_NE(message.find("25 problem(s)"), std::string::npos);
  EXPECT_NE(message.find("... and 5 more"), std::string::npos) << message;
}

}  // namespace
}  // namespace continuum
