#include "clinical/voice_file.h"

#include <map>

#include "core/quoted.h"
#include "model/id.h"

namespace continuum {
namespace {

constexpr std::string_view kColumns[] = {"response_id",  "survey",   "practice_id",
                                         "responded_on", "question", "answer"};
constexpr size_t kShownProblems = 20;

}  // namespace

Result<std::vector<VoiceResponse>> ReadVoiceFile(const CsvFile& file,
                                                 const VoiceFileContext& context) {
  std::vector<std::string> problems;
  size_t problem_count = 0;
  auto problem = [&](int64_t line, std::string_view field, const std::string& why) {
    if (++problem_count <= kShownProblems)
      problems.push_back(file.name() + ", line " + std::to_string(line) + ", field " +
                         std::string(field) + ": " + why);
  };
  CsvCursor cursor(file);
  std::vector<std::string_view> fields;
  if (!cursor.Next(&fields)) {
    const Status& s = cursor.status();
    return Status::InvalidInput(file.name() +
                                (s.ok() ? ": the file is empty" : ": " + s.message()));
  }
  const std::vector<std::string_view> header(fields.begin(), fields.end());
  if (!std::equal(header.begin(), header.end(), std::begin(kColumns), std::end(kColumns)))
    return Status::InvalidInput(file.name() +
                                ", line 1: the header must be "
                                "response_id,survey,practice_id,responded_on,question,answer");
  std::vector<VoiceResponse> responses;
  std::map<std::string, size_t, std::less<>> index;  // response_id -> position in responses
  std::vector<int64_t> first_line;                   // of each response
  while (cursor.Next(&fields)) {
    const int64_t line = cursor.line();
    if (fields.size() != 6) {
      problem(line, "(row)", "has " + std::to_string(fields.size()) + " fields, not 6");
      continue;
    }
    const std::string_view id = fields[0], survey = fields[1], practice = fields[2];
    if (id.empty()) {
      problem(line, "response_id", "is empty");
      continue;
    }
    if (!IsId(id)) {
      problem(line, "response_id",
              Quoted(id) + " is not an id: 1 to " + std::to_string(kMaxIdLength) +
                  " letters, digits, '-' and '_'");
      continue;
    }
    Result<Day> day = ParseDate(fields[3]);
    if (!day.ok()) {
      problem(line, "responded_on", Quoted(fields[3]) + " is not a date (YYYY-MM-DD)");
      continue;
    }
    if (*day > context.today) {
      problem(line, "responded_on", FormatDate(*day) + " is in the future");
      continue;
    }
    if (!context.practices.contains(practice)) {
      problem(line, "practice_id", Quoted(practice) + " is not a practice in the workspace");
      continue;
    }
    auto [it, added] = index.try_emplace(std::string(id), responses.size());
    if (added) {
      responses.push_back(
          {.survey = std::string(survey), .practice = std::string(practice), .responded_on = *day});
      first_line.push_back(line);
    }
    VoiceResponse& r = responses[it->second];
    if (r.survey != survey || r.practice != practice || r.responded_on != *day) {
      problem(line, "response_id",
              std::string(id) + " is already a response of another survey, practice or day (line " +
                  std::to_string(first_line[it->second]) + ")");
      continue;
    }
    r.answers.push_back({std::string(fields[4]), std::string(fields[5])});
  }
  if (!cursor.status().ok())
    return Status::InvalidInput(file.name() + ", line " + std::to_string(cursor.line()) + ": " +
                                cursor.status().message());
  for (size_t k = 0; k < responses.size(); ++k) {
    // CheckResponse names the field ("answers.recommend_care: ..."); the line is the response's
    // first.
    if (Status fits = CheckResponse(responses[k], context.surveys); !fits.ok()) {
      const std::string& m = fits.message();
      const size_t colon = m.find(": ");
      problem(first_line[k], m.substr(0, colon), m.substr(colon + 2));
    }
  }
  if (problem_count > 0) {
    std::string message =
        std::to_string(problem_count) + " problem(s) in " + file.name() + "; nothing was recorded:";
    for (const std::string& p : problems) message += "\n  " + p;
    if (problem_count > problems.size())
      message += "\n  ... and " + std::to_string(problem_count - problems.size()) + " more";
    return Status::InvalidInput(message);
  }
  if (responses.empty()) return Status::InvalidInput(file.name() + ": holds no responses");
  return responses;
}

}  // namespace continuum
