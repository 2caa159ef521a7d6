#include "clinical/survey.h"

#include <algorithm>
#include <set>

#include "codec/json_reader.h"
#include "core/embedded.h"
#include "core/quoted.h"

namespace continuum {
namespace {

constexpr std::string_view kRespondents[] = {"patient", "staff"};

bool IsCode(std::string_view s) {
  return !s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_") == s.npos;
}

Result<std::string> CodeField(const JsonObject& o, std::string_view name) {
  Result<std::string> s = o.String(name);
  if (!s.ok()) return s.status();
  if (!IsCode(*s)) return o.Required(name)->Error("must be lowercase letters, digits and _");
  return s;
}

Result<std::string> TextField(const JsonObject& o, std::string_view name) {
  Result<std::string> s = o.String(name);
  if (!s.ok()) return s.status();
  if (s->empty()) return o.Required(name)->Error("must not be empty");
  return s;
}

Result<SurveyQuestion> ReadQuestion(const JsonValue& v) {
  Result<JsonObject> o = v.Object({"id", "text", "answers"});
  if (!o.ok()) return o.status();
  SurveyQuestion q;
  Result<std::string> id = CodeField(*o, "id");
  if (!id.ok()) return id.status();
  q.id = *id;
  Result<std::string> text = TextField(*o, "text");
  if (!text.ok()) return text.status();
  q.text = *text;
  Result<std::vector<JsonValue>> answers = o->Array("answers");
  if (!answers.ok()) return answers.status();
  if (answers->size() < 2) return o->Required("answers")->Error("must offer at least two answers");
  for (const JsonValue& a : *answers) {
    Result<JsonObject> ao = a.Object({"code", "label"});
    if (!ao.ok()) return ao.status();
    Result<std::string> code = CodeField(*ao, "code");
    if (!code.ok()) return code.status();
    if (q.Allows(*code)) return ao->Required("code")->Error("repeats the answer " + *code);
    Result<std::string> label = TextField(*ao, "label");
    if (!label.ok()) return label.status();
    q.answers.push_back({*code, *label});
  }
  return q;
}

}  // namespace

bool SurveyQuestion::Allows(std::string_view code) const {
  return std::any_of(answers.begin(), answers.end(),
                     [&](const SurveyAnswerOption& a) { return a.code == code; });
}

const SurveyQuestion* Survey::Question(std::string_view question) const {
  for (const SurveyQuestion& q : questions)
    if (q.id == question) return &q;
  return nullptr;
}

Result<Survey> ParseSurvey(std::string_view text, std::string file_name) {
  Result<JsonDocument> doc = JsonDocument::Parse(text, std::move(file_name));
  if (!doc.ok()) return doc.status();
  Result<JsonObject> root =
      doc->root().Object({"id", "title", "respondent", "source", "questions"});
  if (!root.ok()) return root.status();
  Survey s;
  s.file = doc->file_name();
  Result<std::string> id = CodeField(*root, "id");
  if (!id.ok()) return id.status();
  s.id = *id;
  for (auto [name, field] : {std::pair{"title", &s.title}, {"source", &s.source}}) {
    Result<std::string> t = TextField(*root, name);
    if (!t.ok()) return t.status();
    *field = *t;
  }
  Result<JsonValue> respondent = root->Required("respondent");
  if (!respondent.ok()) return respondent.status();
  Result<int> who = respondent->OneOf(kRespondents);
  if (!who.ok()) return who.status();
  s.respondent = kRespondents[*who];
  Result<std::vector<JsonValue>> questions = root->Array("questions");
  if (!questions.ok()) return questions.status();
  if (questions->empty())
    return root->Required("questions")->Error("must ask at least one question");
  for (const JsonValue& v : *questions) {
    Result<SurveyQuestion> q = ReadQuestion(v);
    if (!q.ok()) return q.status();
    if (s.Question(q->id) != nullptr) return v.Error("repeats the question " + q->id);
    s.questions.push_back(std::move(*q));
  }
  return s;
}

Result<std::vector<Survey>> ShippedSurveys() {
  return ParseEmbeddedFiles<Survey>("data/surveys", ParseSurvey);
}

Status CheckIndicatorsAgainstSurveys(std::span<const Indicator> indicators,
                                     std::span<const Survey> surveys) {
  for (const Indicator& ind : indicators) {
    if (ind.base != Indicator::Base::kResponses) continue;
    auto survey = std::find_if(surveys.begin(), surveys.end(),
                               [&](const Survey& s) { return s.id == ind.survey; });
    if (survey == surveys.end())
      return Status::InvalidInput(ind.file + ", field denominator.responses.survey: no survey " +
                                  Quoted(ind.survey) + " is defined");
    const SurveyQuestion* q = survey->Question(ind.question);
    if (q == nullptr)
      return Status::InvalidInput(ind.file + ", field denominator.responses.question: the survey " +
                                  ind.survey + " asks no question " + Quoted(ind.question));
    for (const std::string& a : ind.answers) {
      if (!q->Allows(a))
        return Status::InvalidInput(ind.file + ", field numerator.answers: " + Quoted(a) +
                                    " is not an answer to " + ind.survey + "'s " + ind.question);
    }
  }
  return Status::Ok();
}

Status CheckResponse(const VoiceResponse& r, std::span<const Survey> surveys) {
  auto survey = std::find_if(surveys.begin(), surveys.end(),
                             [&](const Survey& s) { return s.id == r.survey; });
  if (survey == surveys.end()) return Status::InvalidInput("survey: no survey " + Quoted(r.survey));
  if (r.answers.empty()) return Status::InvalidInput("answers: answer at least one question");
  std::set<std::string> seen;
  for (const VoiceAnswer& a : r.answers) {
    const SurveyQuestion* q = survey->Question(a.question);
    if (q == nullptr)
      return Status::InvalidInput("answers: the survey " + r.survey + " asks no question " +
                                  Quoted(a.question));
    if (!seen.insert(a.question).second)
      return Status::InvalidInput("answers: " + a.question + " is answered twice");
    if (!q->Allows(a.answer))
      return Status::InvalidInput("answers." + a.question + ": " + Quoted(a.answer) +
                                  " is not one of its answers");
  }
  return Status::Ok();
}

}  // namespace continuum
