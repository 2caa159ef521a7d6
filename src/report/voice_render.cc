#include "report/voice_render.h"

#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "report/json_text.h"

namespace continuum {
namespace {

using nlohmann::json;

bool Counted(const VoiceResponse& r, VoiceWindow w) {
  return r.responded_on >= w.first && r.responded_on <= w.last;
}

json WindowJson(VoiceWindow w) {
  return {{"first", FormatDate(w.first)}, {"last", FormatDate(w.last)}};
}

}  // namespace

std::string RenderVoiceJson(std::span<const Survey> surveys, std::span<const Indicator> indicators,
                            std::span<const std::pair<std::string, std::string>> practices,
                            std::span<const VoiceResponse> responses, VoiceWindow window) {
  json list = json::array();
  for (const Survey& s : surveys) {
    json questions = json::array();
    for (const SurveyQuestion& q : s.questions) {
      json answers = json::array();
      for (const SurveyAnswerOption& a : q.answers)
        answers.push_back({{"code", a.code}, {"label", a.label}});
      questions.push_back({{"id", q.id}, {"text", q.text}, {"answers", answers}});
    }
    json counting = json::array();
    for (const Indicator& i : indicators) {
      if (i.base == Indicator::Base::kResponses && i.survey == s.id) counting.push_back(i.id);
    }
    list.push_back({{"id", s.id},
                    {"title", s.title},
                    {"respondent", s.respondent},
                    {"source", s.source},
                    {"questions", questions},
                    {"indicators", counting}});
  }
  json allowed = json::array();
  std::map<std::string, bool> shown;
  for (const auto& [id, name] : practices) {
    allowed.push_back({{"id", id}, {"name", name}});
    shown[id] = true;
  }
  // Responses by survey, practice and month, in that order.
  std::map<std::tuple<std::string, std::string, std::string>, std::pair<int64_t, int64_t>> tally;
  for (const VoiceResponse& r : responses) {
    if (!shown.contains(r.practice)) continue;
    auto& [all, counted] = tally[{r.survey, r.practice, FormatDate(r.responded_on).substr(0, 7)}];
    ++all;
    counted += Counted(r, window);
  }
  json recorded = json::array();
  for (const auto& [key, n] : tally) {
    recorded.push_back({{"survey", std::get<0>(key)},
                        {"practice", std::get<1>(key)},
                        {"month", std::get<2>(key)},
                        {"responses", n.first},
                        {"counted", n.second}});
  }
  return JsonText(json{{"surveys", list},
                       {"practices", allowed},
                       {"measured", WindowJson(window)},
                       {"recorded", recorded}});
}

std::string RenderVoiceRecordedJson(const VoiceResponse& r, VoiceWindow window) {
  json answers = json::array();
  for (const VoiceAnswer& a : r.answers)
    answers.push_back({{"question", a.question}, {"answer", a.answer}});
  return JsonText(json{{"id", r.id},
                       {"survey", r.survey},
                       {"practice", r.practice},
                       {"responded_on", FormatDate(r.responded_on)},
                       {"answers", answers},
                       {"counted", Counted(r, window)},
                       {"measured", WindowJson(window)}});
}

}  // namespace continuum
