// Patient and staff survey responses: the surveys and what has been recorded for the ICO's
// member practices, and recording one (which the quality indicators count at once).
#include <algorithm>

#include "codec/json_reader.h"
#include "report/voice_render.h"
#include "server/api.h"
#include "server/route_support.h"

namespace continuum {

std::vector<std::pair<std::string, std::string>> Api::VoicePractices(const Call& call) const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& practice : call.room->practices()) {
    if (call.who->role != Role::kPracticeClinician || call.who->organisation == practice.first)
      out.push_back(practice);
  }
  return out;
}

HttpResponse Api::Voice(const Call& call) {
  Result<VoiceWindow> window = call.room->QualityWindow();
  if (!window.ok()) return Error(window.status());
  return JsonResponse(200, RenderVoiceJson(surveys_, indicators_, VoicePractices(call),
                                           *CurrentResponses(), *window));
}

HttpResponse Api::RecordVoice(const Call& call) {
  Result<JsonDocument> doc = JsonDocument::Parse(call.request.body, "the request body");
  if (!doc.ok()) return Error(400, doc.status().message());
  Result<JsonObject> body = doc->root().Object({"survey", "practice", "responded_on", "answers"});
  if (!body.ok()) return Error(400, body.status().message());
  VoiceResponse r;
  for (auto [name, field] : {std::pair{"survey", &r.survey}, {"practice", &r.practice}}) {
    Result<std::string> text = body->String(name);
    if (!text.ok()) return Error(400, text.status().message());
    *field = std::move(*text);
  }
  Result<Day> day = body->Date("responded_on");
  if (!day.ok()) return Error(400, day.status().message());
  r.responded_on = *day;
  Result<std::vector<JsonValue>> answers = body->Array("answers");
  if (!answers.ok()) return Error(400, answers.status().message());
  for (const JsonValue& item : *answers) {
    Result<JsonObject> a = item.Object({"question", "answer"});
    if (!a.ok()) return Error(400, a.status().message());
    Result<std::string> question = a->String("question");
    if (!question.ok()) return Error(400, question.status().message());
    Result<std::string> answer = a->String("answer");
    if (!answer.ok()) return Error(400, answer.status().message());
    r.answers.push_back({std::move(*question), std::move(*answer)});
  }
  const auto practices = VoicePractices(call);
  const auto& members = call.room->practices();
  if (std::none_of(practices.begin(), practices.end(),
                   [&](const auto& p) { return p.first == r.practice; })) {
    if (call.who->role == Role::kPracticeClinician &&
        std::any_of(members.begin(), members.end(),
                    [&](const auto& p) { return p.first == r.practice; }))
      return Error(403, "a practice clinician records responses for their own practice only (" +
                            call.who->organisation + ")");
    return Error(400,
                 "practice: " + r.practice + " is not a member practice of " + call.room->id());
  }
  // The latest day a response may be dated: today where the clock is furthest ahead of UTC that
  // users are (British Summer Time is an hour ahead), so a day's grace.
  const Day today = static_cast<Day>(call.now / 86400) + 1;
  if (r.responded_on > today)
    return Error(400, "responded_on: " + FormatDate(r.responded_on) + " is in the future");
  Result<VoiceWindow> counted = call.room->QualityWindow();
  if (!counted.ok()) return Error(counted.status());
  const VoiceWindow window = *counted;
  if (r.responded_on < window.first)
    return Error(400, "responded_on: " + FormatDate(r.responded_on) +
                          " is before the first month the indicators measure (" +
                          FormatDate(window.first) + "), so it could never be counted");
  if (Status fits = CheckResponse(r, surveys_); !fits.ok()) return Error(400, fits.message());
  r.recorded_by = call.who->username;
  r.recorded_at = call.now;
  // Held from the record to the refresh, so the watch for imports sees the response in memory
  // exactly when it is in the workspace.
  std::lock_guard refreshing(refresh_mutex_);
  Result<int64_t> id = [&] {
    std::lock_guard lock(store_mutex_);
    return voice_.Record(r);
  }();
  if (!id.ok()) return Error(500, "the response was not recorded: " + id.status().message());
  r.id = *id;
  {
    std::lock_guard lock(responses_mutex_);
    auto more = std::make_shared<std::vector<VoiceResponse>>(*responses_);
    more->push_back(r);
    responses_ = std::move(more);
  }
  ForgetKept();
  if (Status refreshed = call.room->RefreshQuality(); !refreshed.ok())
    return Error(500,
                 "the response was recorded, but the indicators could not be worked out "
                 "again: " +
                     refreshed.message());
  return JsonResponse(201, RenderVoiceRecordedJson(r, window));
}

}  // namespace continuum
