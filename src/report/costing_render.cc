#include "report/costing_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

std::string ReasonCode(UncostedReason r) {
  return r == UncostedReason::kNoPrice ? "no_price" : "over_event_limit";
}

nlohmann::json SettingJson(const CostingSetting& s) {
  return {{"events", s.events},
          {"recorded_events", s.recorded_events},
          {"recorded_cost_pence", s.recorded_cost},
          {"priced_events", s.priced_events},
          {"priced_cost_pence", s.priced_cost},
          {"uncosted_events", s.uncosted_events},
          {"cost_pence", s.recorded_cost + s.priced_cost}};
}

}  // namespace

std::string RenderCosting(const CostingReport& r, const Population& p, OutputFormat format) {
  if (format == OutputFormat::kJson) {
    nlohmann::json j;
    j["tariff"] = r.tariff_name;
    j["ico"] = r.ico_id.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.ico_id);
    j["settings"] = nlohmann::json::object();
    for (int s = 0; s < kSettingCount; ++s)
      if (r.settings[s].events > 0)
        j["settings"][std::string(kSettingCodes[s])] = SettingJson(r.settings[s]);
    j["total"] = SettingJson(r.total);
    j["uncosted"] = nlohmann::json::array();
    for (const UncostedGroup& g : r.uncosted) {
      j["uncosted"].push_back({{"setting", kSettingCodes[int(g.setting)]},
                               {"provider", p.organisations.ids.Value(g.provider)},
                               {"reason", ReasonCode(g.reason)},
                               {"events", g.events},
                               {"first_event_id", g.first_event_id}});
    }
    return JsonText(j, 2) + "\n";
  }
  std::string out = fmt::format("Costing with {}: {} events{}, {} of them uncosted.\n\n",
                                r.tariff_name, WithThousands(r.total.events),
                                r.ico_id.empty() ? "" : " of " + r.ico_id + "'s member practices",
                                WithThousands(r.total.uncosted_events));
  TextTable table({"setting", "events", "recorded", "recorded £", "at tariff", "tariff £",
                   "uncosted", "cost £", "£ per event"});
  auto add = [&](const std::string& name, const CostingSetting& s) {
    const Pence cost = s.recorded_cost + s.priced_cost;
    const int64_t costed = s.recorded_events + s.priced_events;
    table.AddRow({name, WithThousands(s.events), WithThousands(s.recorded_events),
                  Decimal(s.recorded_cost / 100.0, 0), WithThousands(s.priced_events),
                  Decimal(s.priced_cost / 100.0, 0), WithThousands(s.uncosted_events),
                  Decimal(cost / 100.0, 0), costed ? Decimal(cost / 100.0 / costed, 2) : "-"});
  };
  for (int s = 0; s < kSettingCount; ++s)
    if (r.settings[s].events > 0) add(std::string(kSettingCodes[s]), r.settings[s]);
  add("total", r.total);
  out += table.Render();
  if (!r.uncosted.empty()) {
    out += "\nUncosted events (not counted in any cost), by setting, provider and reason:\n";
    TextTable uncosted({"setting", "provider", "reason", "events", "first event_id"});
    for (const UncostedGroup& g : r.uncosted)
      uncosted.AddRow({std::string(kSettingCodes[int(g.setting)]),
                       p.organisations.ids.Value(g.provider), ReasonCode(g.reason),
                       WithThousands(g.events), std::to_string(g.first_event_id)});
    out += uncosted.Render();
    out += "List each one with --uncosted FILE.\n";
  }
  return out;
}

}  // namespace continuum
