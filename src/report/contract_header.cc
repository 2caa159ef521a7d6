#include "report/contract_header.h"

#include <fmt/format.h>

#include "report/count_json.h"
#include "report/text_table.h"

namespace continuum {
namespace {

std::string BudgetBasis(const ResolvedBudget& b) {
  if (!b.capitation) return "fixed in the contract";
  return fmt::format("capitation: {} a head x {} need-weighted heads ({} registered on {})",
                     Pounds(b.per_head, 2), Decimal(b.weighted_heads, 0), WithThousands(b.heads),
                     FormatDate(FinancialYearStart(b.year)));
}

}  // namespace

std::string ContractHeader(const Contract& c, const ResolvedBudget& b) {
  std::string out = fmt::format(
      "{}\nICO {}; risk shared with {} ({}); period {} to {}.\nBudget {}: {}.\nCosted with the {}",
      c.name, c.ico, c.counterparty_name.empty() ? c.counterparty : c.counterparty_name,
      kCounterpartyRoleCodes[int(c.counterparty_role)], FormatDate(c.start), FormatDate(c.end),
      Pounds(b.amount), BudgetBasis(b), b.tariff.empty() ? "recorded costs" : b.tariff);
  if (b.uncosted_events > 0)
    out += fmt::format(
        "; WARNING: {} events have no cost and count in no figure (continuum "
        "costing lists them)",
        WithThousands(b.uncosted_events));
  return out + ".\n";
}

nlohmann::json ContractHeaderJson(const Contract& c, const ResolvedBudget& b,
                                  Disclosure disclosure) {
  using nlohmann::json;
  return {{"contract", c.name},
          {"ico", c.ico},
          {"counterparty", c.counterparty},
          {"period", {{"start", FormatDate(c.start)}, {"end", FormatDate(c.end)}}},
          {"budget_pence", b.amount},
          {"budget_basis", b.capitation ? "capitation" : "fixed"},
          {"tariff", b.tariff},
          {"uncosted_events", CountJson(b.uncosted_events, disclosure)},
          {"capitation", b.capitation ? json{{"year", FormatFinancialYear(b.year)},
                                             {"per_head_pence", b.per_head},
                                             {"heads", CountJson(b.heads, disclosure)},
                                             {"weighted_heads", b.weighted_heads}}
                                      : json(nullptr)}};
}

}  // namespace continuum
