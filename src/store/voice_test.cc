#include "store/voice.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace continuum {
namespace {

std::string FreshPath(const std::string& name) {
  const std::string path =
      testing::TempDir() + "/voice_" + name + "_" + std::to_string(getpid()) + ".db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  return path;
}

VoiceResponse Response(std::string survey, std::string practice, std::string day,
                       std::vector<VoiceAnswer> answers) {
  return {.survey = std::move(survey),
          .practice = std::move(practice),
          .responded_on = *ParseDate(day),
          .answers = std::move(answers),
          .recorded_by = "m-okafor",
          .recorded_at = 1'790'000'000};
}

TEST(Voice, ResponsesComeBackAsRecordedAndOutliveTheConnection) {
  const std::string path = FreshPath("round_trip");
  {
    auto ws = Workspace::Open(path, Workspace::kCreate);
    ASSERT_TRUE(ws.ok()) << ws.status().message();
    VoiceStore voice(**ws);
    auto first = voice.Record(
        Response("patient_fft", "ZP0001", "2025-02-14", {{"overall_experience", "very_good"}}));
    ASSERT_TRUE(first.ok()) << first.status().message();
    auto second = voice.Record(
        Response("staff_pulse", "ZP0002", "2025-03-01",
                 {{"recommend_care", "agree"}, {"recommend_place_to_work", "strongly_disagree"}}));
    ASSERT_TRUE(second.ok()) << second.status().message();
    EXPECT_GT(*second, *first);
  }
  auto ws = Workspace::Open(path, Workspace::kMustExist);
  ASSERT_TRUE(ws.ok());
  auto all = VoiceStore(**ws).All();
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 2u);
  const VoiceResponse& a = (*all)[0];
  EXPECT_EQ(a.survey, "patient_fft");
  EXPECT_EQ(a.practice, "ZP0001");
  EXPECT_EQ(FormatDate(a.responded_on), "2025-02-14");
  EXPECT_EQ(a.recorded_by, "m-okafor");
  EXPECT_EQ(a.recorded_at, 1'790'000'000);
  ASSERT_EQ(a.answers.size(), 1u);
  EXPECT_EQ(a.answers[0].answer, "very_good");
  const VoiceResponse& b = (*all)[1];
  ASSERT_EQ(b.answers.size(), 2u);
  EXPECT_EQ(b.answers[0].question, "recommend_care");
  EXPECT_EQ(b.answers[1].question, "recommend_place_to_work");
  EXPECT_EQ(b.answers[1].answer, "strongly_disagree");
}

TEST(Voice, AResponseIsAllOrNothingAndCannotBeChanged) {
  auto ws = Workspace::Open(FreshPath("atomic"), Workspace::kCreate);
  ASSERT_TRUE(ws.ok());
  VoiceStore voice(**ws);
  // The same question twice breaks the answers' key: nothing of the response is kept.
  auto twice =
      voice.Record(Response("patient_fft", "ZP0001", "2025-02-14",
                            {{"overall_experience", "good"}, {"overall_experience", "poor"}}));
  EXPECT_FALSE(twice.ok());
  auto all = voice.All();
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->empty());
  auto prepared = (*ws)->Prepare("SELECT COUNT(*) FROM voice_responses");
  ASSERT_TRUE(prepared.ok() && (*prepared)->NextRow());
  EXPECT_EQ((*prepared)->Int(0), 0);

  ASSERT_TRUE(
      voice
          .Record(Response("patient_fft", "ZP0001", "2025-02-14", {{"overall_experience", "good"}}))
          .ok());
  for (const char* sql :
       {"UPDATE voice_answers SET answer = 'very_poor'", "DELETE FROM voice_answers",
        "UPDATE voice_responses SET practice = 'X'", "DELETE FROM voice_responses",
        // REPLACE deletes the row it replaces without firing the DELETE triggers.
        "REPLACE INTO voice_answers VALUES (1, 'overall_experience', 'very_poor')",
        "REPLACE INTO voice_responses VALUES (1, 'patient_fft', 'ZP0002', '2025-02-15', 'x', 0)"}) {
    auto statement = (*ws)->Prepare(sql);
    ASSERT_TRUE(statement.ok()) << sql;
    const Status s = (*statement)->Execute();
    EXPECT_FALSE(s.ok()) << sql;
    EXPECT_NE(s.message().find("append-only"), std::string::npos) << s.message();
  }
  all = voice.All();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].practice, "ZP0001");
  EXPECT_EQ((*all)[0].answers[0].answer, "good");
}

}  // namespace
}  // namespace continuum
