#include "report/comparison_render.h"

#include <nlohmann/json.hpp>

#include "report/count_json.h"
#include "report/json_text.h"
#include "report/quality_render.h"

namespace continuum {

std::string RenderComparisonJson(const Population& population, const Comparison& comparison,
                                 Disclosure disclosure) {
  using nlohmann::json;
  const OrganisationColumns& o = population.organisations;
  auto unit = [&](const ComparedUnit& u, std::string_view kind) {
    return json{{"id", o.ids.Value(u.org)},
                {"name", o.name[u.org]},
                {"kind", kind},
                {"practices", u.practices},
                {"registered", CountJson(u.registered, disclosure)},
                {"aged_65_plus", CountJson(u.aged_65_plus, disclosure)}};
  };
  json units = json::array();
  for (const ComparedUnit& u : comparison.units)
    units.push_back(unit(u, u.ico ? "ico" : "control_practice"));
  const QualityReport& r = comparison.quality->report;
  const json j = {
      {"commissioner",
       {{"id", o.ids.Value(comparison.commissioner)}, {"name", o.name[comparison.commissioner]}}},
      {"period", {{"start", FormatDate(r.period_start)}, {"end", FormatDate(r.period_end)}}},
      {"as_at", FormatDate(r.period_end)},
      {"disclosure", DisclosureName(disclosure)},
      {"units", units},
      {"total", unit(comparison.total, "commissioner")},
      {"quality", json::parse(RenderQualityJson(r, disclosure))}};
  return JsonText(j) + "\n";
}

}  // namespace continuum
