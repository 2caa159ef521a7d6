// The commissioner's oversight of the ICOs it contracts (report/oversight.h), for its analysts
// and the programme's evaluators, always under disclosure control: the list of commissioners a
// user may oversee, and each one's report as JSON or as a CSV download.
#include "finance/costing.h"
#include "report/api_render.h"
#include "report/oversight.h"
#include "report/oversight_contracts.h"
#include "report/oversight_render.h"
#include "report/selection_disclosure.h"
#include "report/selection_render.h"
#include "server/api.h"
#include "server/route_support.h"
#include "server/scope.h"

namespace continuum {

HttpResponse Api::Commissioners(const Call& call) {
  const std::shared_ptr<const Population> population = CurrentPopulation();
  const OrganisationColumns& o = population->organisations;
  std::vector<CommissionerListed> listed;
  for (uint32_t c : CommissionersInScope(*population, call.who->role, call.who->organisation)) {
    CommissionerListed& item = listed.emplace_back();
    item.id = o.ids.Value(c);
    item.name = o.name[c];
    for (uint32_t ico : IcosInScope(*population, Role::kEvaluator, "")) {
      if (o.parent[ico] == c) item.icos.emplace_back(o.ids.Value(ico));
    }
  }
  return JsonResponse(200, RenderCommissionersJson(listed));
}

Result<Api::OversightAnswer> Api::OversightOf(const Call& call) {
  const Population& p = *call.population;
  const std::string commissioner(p.organisations.ids.Value(call.commissioner));
  int month = DefaultOversightMonth(p);
  if (auto asked = call.request.query.find("month"); asked != call.request.query.end()) {
    Result<int> parsed = ParseMonth(asked->second, "month");
    if (!parsed.ok()) return parsed.status();
    month = *parsed;
  }
  const int64_t day = call.now / 86400;
  const std::pair<uint32_t, int> key{call.commissioner, month};
  {
    std::lock_guard lock(rooms_mutex_);
    if (day != oversight_day_) {
      oversight_.clear();
      oversight_day_ = day;
    }
    if (auto it = oversight_.find(key); it != oversight_.end() && call.shards == shards_)
      return it->second;
  }
  OversightOptions options{.commissioner = commissioner,
                           .month = month,
                           .other_commissioners_contracts = true,
                           .disclosure = Disclosure::kControlled};
  Result<SegmentationRules> rules = ShippedSegmentationRules();
  if (!rules.ok()) return rules.status();
  options.rules = std::move(*rules);
  // Each ICO's contract in force for the month's year; the one given at start-up instead of its
  // ICO's stored one.
  Result<std::vector<NamedText>> stored = [&] {
    std::lock_guard store(store_mutex_);
    return ContractsInForce(workspace_, FinancialYearOf(MonthStart(month)));
  }();
  if (!stored.ok()) return stored.status();
  for (NamedText& text : *stored) {
    Result<Contract> contract = ParseContract(text.text, text.name);
    if (contract.ok() && !contract_ico_id_.empty() && contract->ico == contract_ico_id_) continue;
    options.contracts.push_back(std::move(text));
  }
  if (!contract_ico_id_.empty()) options.contracts.push_back(options_.contract);
  Result<Tariff> tariff =
      LayerTariffs(options_.tariffs.empty() ? std::vector{DefaultTariffText()} : options_.tariffs);
  if (!tariff.ok()) return tariff.status();
  options.tariff = std::move(*tariff);
  const Responses responses = CurrentResponses();
  if (responses) options.responses = *responses;
  Result<Oversight> report = RunOversight(p, options);
  if (!report.ok()) return report.status();
  OversightAnswer answer{
      std::make_shared<const std::string>(RenderOversight(*report, OutputFormat::kJson)),
      std::make_shared<const std::string>(RenderOversight(*report, OutputFormat::kCsv)),
      "oversight-" + commissioner + "-" + FormatMonth(report->month) + ".csv"};
  std::lock_guard lock(rooms_mutex_);
  if (call.shards != shards_ || day != oversight_day_) return answer;
  return oversight_.emplace(key, std::move(answer)).first->second;
}

HttpResponse Api::SelectionJson(const Call& call) {
  const Population& p = *call.population;
  std::shared_ptr<const std::string> body;
  {
    std::lock_guard lock(rooms_mutex_);
    if (auto it = selection_.find(call.commissioner);
        it != selection_.end() && call.shards == shards_) {
      body = it->second;
    }
  }
  if (!body) {
    Result<Tariff> tariff = LayerTariffs(options_.tariffs.empty() ? std::vector{DefaultTariffText()}
                                                                  : options_.tariffs);
    if (!tariff.ok()) return Error(tariff.status());
    const Costing costing = CostActivity(p, *tariff, CostingMode::kRecordedFirst);
    Result<SelectionReport> report =
        RunSelection(p, costing.cost,
                     {.commissioner = std::string(p.organisations.ids.Value(call.commissioner))});
    if (!report.ok()) return Error(report.status());
    body = std::make_shared<const std::string>(
        RenderSelection(p, DiscloseSelection(std::move(*report)), OutputFormat::kJson));
    std::lock_guard lock(rooms_mutex_);
    if (call.shards == shards_) selection_[call.commissioner] = body;
  }
  const Status audited = Audit(
      call, {},
      "selection of commissioner " + std::string(p.organisations.ids.Value(call.commissioner)));
  if (!audited.ok()) return Error(500, "not sent: the access could not be audited");
  return JsonResponse(200, *body);
}

HttpResponse Api::OversightJson(const Call& call) {
  Result<OversightAnswer> answer = OversightOf(call);
  if (!answer.ok()) return Error(answer.status());
  return JsonResponse(200, answer->json);
}

HttpResponse Api::OversightCsv(const Call& call) {
  Result<OversightAnswer> answer = OversightOf(call);
  if (!answer.ok()) return Error(answer.status());
  HttpResponse r = TextResponse(200, *answer->csv, "text/csv; charset=utf-8");
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"" + answer->file_name + "\"");
  return r;
}

}  // namespace continuum
