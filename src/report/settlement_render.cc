// Text and JSON renderings of a Settlement. nlohmann-json is used in report/ renderers only.
#include "report/settlement_render.h"

#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

// Who pays whom for a line: the organisation paying and the one paid, or none when the amount
// stays with the ICO.
std::pair<std::string, std::string> PayerAndPayee(const Settlement& s, Flow flow) {
  switch (flow) {
    case Flow::kCounterpartyPaysIco:
      return {s.counterparty, s.ico};
    case Flow::kIcoPaysCounterparty:
      return {s.ico, s.counterparty};
    default:
      return {};
  }
}

std::string Who(const Settlement& s, Flow flow) {
  switch (flow) {
    case Flow::kBorneByIco:
      return "borne by " + s.ico;
    case Flow::kKeptByIco:
      return "kept by " + s.ico;
    default:
      const auto [payer, payee] = PayerAndPayee(s, flow);
      return payer + " pays " + payee;
  }
}

// The net payment as a flow between the two parties (its amount is |NetPayment()|).
Flow NetFlow(const Settlement& s) {
  return s.NetPayment() >= 0 ? Flow::kCounterpartyPaysIco : Flow::kIcoPaysCounterparty;
}

}  // namespace

std::string RenderSettlementText(const Settlement& s) {
  std::string out = "Risk-share settlement: " + s.contract_name + "\n";
  out += s.ico + " with " + s.counterparty +
         (s.counterparty_name.empty() ? "" : " (" + s.counterparty_name + ")") + ", " +
         FormatDate(s.start) + " to " + FormatDate(s.end) + "\n\n";

  TextTable totals({"", "amount"});
  totals.AddRow({"budget", Pounds(s.budget, 2)});
  totals.AddRow({"spend", Pounds(s.spend, 2)});
  totals.AddRow({"stop-loss recovery", Pounds(s.stop_loss_recovery, 2)});
  totals.AddRow({"net spend", Pounds(s.NetSpend(), 2)});
  totals.AddRow({s.Overspent()    ? "overspend"
                 : s.variance < 0 ? "underspend"
                                  : "variance",
                 Pounds(s.variance < 0 ? -s.variance : s.variance, 2)});
  out += totals.Render() + "\n";

  if (!s.lines.empty()) {
    TextTable lines({"line", "amount", "who"});
    for (const SettlementLine& line : s.lines) {
      lines.AddRow({line.label, Pounds(line.amount, 2), Who(s, line.flow)});
    }
    out += lines.Render() + "\n";
  }

  const Pence result = s.IcoResult();
  out += s.ico + (result < 0 ? " net loss" : " net gain") +
         " after risk sharing: " + Pounds(result < 0 ? -result : result, 2) + "\n";
  const Pence payment = s.NetPayment();
  out += "Settlement: " +
         (payment == 0 ? std::string("no payment")
                       : Who(s, NetFlow(s)) + " " + Pounds(payment < 0 ? -payment : payment, 2)) +
         "\n";
  return out;
}

std::string RenderSettlementJson(const Settlement& s) {
  using nlohmann::json;
  auto party = [](const std::string& id) { return id.empty() ? json(nullptr) : json(id); };
  json j{{"contract", s.contract_name},
         {"ico", s.ico},
         {"counterparty", {{"organisation", s.counterparty}, {"name", s.counterparty_name}}},
         {"start", FormatDate(s.start)},
         {"end", FormatDate(s.end)},
         {"budget_pence", s.budget},
         {"spend_pence", s.spend},
         {"stop_loss_recovery_pence", s.stop_loss_recovery},
         {"net_spend_pence", s.NetSpend()},
         {"variance_pence", s.variance},
         {"ico_share_pence", s.ico_share},
         {"counterparty_share_pence", s.counterparty_share},
         {"ico_result_pence", s.IcoResult()}};
  j["lines"] = json::array();
  for (const SettlementLine& line : s.lines) {
    const auto [payer, payee] = PayerAndPayee(s, line.flow);
    j["lines"].push_back({{"label", line.label},
                          {"amount_pence", line.amount},
                          {"flow", kFlowCodes[static_cast<int>(line.flow)]},
                          {"payer", party(payer)},
                          {"payee", party(payee)}});
  }
  const Pence payment = s.NetPayment();
  const auto [payer, payee] =
      payment == 0 ? std::pair<std::string, std::string>{} : PayerAndPayee(s, NetFlow(s));
  j["net_payment"] = {{"payer", party(payer)},
                      {"payee", party(payee)},
                      {"amount_pence", payment < 0 ? -payment : payment}};
  return JsonText(j, 2) + "\n";
}

}  // namespace continuum
