// An ICO's answers: the aggregates each audience sees, the finance pages, and each member
// practice's identifiable lists (audited before they are sent).
#include "server/api.h"
#include "server/route_support.h"

namespace continuum {

Api::RouteHandler Api::Serve(IcoRoom::AnswerId answer) {
  return [answer](Api&, const Call& call) {
    Result<std::shared_ptr<const std::string>> body =
        call.room->Answer(answer, ExactAggregates(call.who->role));
    if (!body.ok()) return Error(body.status());
    return JsonResponse(200, std::move(*body));
  };
}

HttpResponse Api::Simulation(const Call& call) { return call.room->Simulation(); }

HttpResponse Api::CaseFinding(const Call& call) {
  return PracticeData(call, call.room->CaseFinding(call.params.at("practice")), "case finding");
}

HttpResponse Api::Worklist(const Call& call) {
  return PracticeData(call, call.room->Worklist(call.params.at("practice")), "pathway worklist");
}

HttpResponse Api::PracticeData(const Call& call, const Result<IcoRoom::PracticeAnswer>& answer,
                               std::string_view what) {
  const std::string& practice = call.params.at("practice");
  if (!answer.ok()) return Error(answer.status());
  if (call.who->role == Role::kPracticeClinician && call.who->organisation != practice)
    return Error(403, "a practice clinician sees only the patients of their own practice (" +
                          call.who->organisation + ")");
  const Status audited =
      Audit(call, answer->patients, std::string(what) + " " + practice + " of " + call.room->id());
  if (!audited.ok()) return Error(500, "not sent: the access could not be audited");
  return JsonResponse(200, answer->body);
}

}  // namespace continuum
