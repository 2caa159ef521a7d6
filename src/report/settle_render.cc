#include "report/settle_render.h"

#include <fmt/format.h>

#include "report/contract_header.h"
#include "report/count_json.h"
#include "report/json_text.h"
#include "report/settlement_render.h"
#include "report/text_table.h"

namespace continuum {

using nlohmann::json;

std::string RenderSettle(const Contract& c, const ResolvedBudget& b, const ContractOutturn& o,
                         const Settlement& s, OutputFormat format, Disclosure disclosure) {
  const std::string basis = o.forecast
                                ? "forecast from the monitor at the end of " + FormatMonth(o.month)
                                : "year-end actual";
  if (format == OutputFormat::kJson) {
    json j = ContractHeaderJson(c, b, disclosure);
    j["outturn_basis"] = o.forecast ? "forecast" : "actual";
    if (o.forecast) j["forecast_month"] = FormatMonth(o.month);
    j["patients"] = CountJson(int64_t(o.costs.patient.size()), disclosure);
    j["uncosted_events"] = CountJson(o.costs.uncosted_events, disclosure);
    j["settlement"] = json::parse(RenderSettlementJson(s));
    return JsonText(j, 2) + "\n";
  }
  std::string out = ContractHeader(c, b);
  out +=
      fmt::format("Outturn: {} — spend {} by {} patients{}.\n\n", basis, Pounds(o.outturn.spend),
                  WithThousands(static_cast<int64_t>(o.costs.patient.size())),
                  o.costs.uncosted_events ? fmt::format(" ({} uncosted events count in no figure)",
                                                        WithThousands(o.costs.uncosted_events))
                                          : "");
  return out + RenderSettlementText(s);
}

}  // namespace continuum
