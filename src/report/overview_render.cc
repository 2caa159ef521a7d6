#include "report/overview_render.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "engine/registered_on.h"
#include "report/count_json.h"
#include "report/json_text.h"
#include "report/quality_render.h"

namespace continuum {
namespace {

using nlohmann::json;

json Finite(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

}  // namespace

std::string RenderOverviewJson(const Population& p, const QualityReport& quality,
                               Disclosure disclosure) {
  const Day day = quality.period_end;
  json practices = json::array();
  // List sizes on the period's last day, by member practice (the quality report's units).
  std::vector<int64_t> listed(p.organisations.ids.size(), 0);
  for (uint32_t patient = 0; patient < p.patients.size(); ++patient) {
    const uint32_t practice = RegisteredPracticeOn(p, patient, day);
    if (practice != Dictionary::kMissing) ++listed[practice];
  }
  const std::vector<UnitQuality>& units =
      quality.indicators.empty() ? std::vector<UnitQuality>{} : quality.indicators[0].units;
  for (size_t u = 0; u + 1 < units.size(); ++u) {
    const uint32_t org = p.organisations.ids.Find(units[u].id);
    practices.push_back({{"id", units[u].id},
                         {"name", units[u].name},
                         {"registered", CountJson(listed[org], disclosure)}});
  }
  json indicators = json::array();
  for (const IndicatorQuality& q : quality.indicators) {
    const Indicator& ind = *q.indicator;
    const UnitQuality& ico = q.units.back();
    int worse = 0, better = 0;
    for (size_t u = 0; u + 1 < q.units.size(); ++u) {
      const int verdict = FunnelVerdict(q.units[u].funnel_position, ind.polarity, true);
      worse += verdict < 0;
      better += verdict > 0;
    }
    const json numerator =
        PointCountJson(ico.period, kNumeratorWithheld, ico.period.numerator, disclosure);
    const json denominator =
        PointCountJson(ico.period, kDenominatorWithheld, ico.period.denominator, disclosure);
    const bool withheld = numerator.is_null() || denominator.is_null() || !ico.value;
    json one = {{"id", ind.id},
                {"title", ind.title},
                {"group", ind.group},
                {"measure", MeasureName(ind.measure)},
                {"polarity", PolarityName(ind.polarity)},
                {"numerator", numerator},
                {"denominator", denominator},
                {"value", withheld ? json(nullptr) : Finite(ico.value->value)},
                {"lower", withheld ? json(nullptr) : Finite(ico.value->interval.lower)},
                {"upper", withheld ? json(nullptr) : Finite(ico.value->interval.upper)},
                {"variation", ico.chart ? json(VariationText(ico.variation)) : json(nullptr)},
                {"assurance", ico.assurance ? json(AssuranceText(ico.assurance)) : json(nullptr)},
                {"practices_worse", worse},
                {"practices_better", better}};
    if (ind.measure == IndicatorMeasure::kRate) one["per"] = ind.per;
    indicators.push_back(std::move(one));
  }
  json out = {{"ico", {{"id", quality.ico_id}, {"name", quality.ico_name}}},
              {"period", {{"start", FormatDate(quality.period_start)}, {"end", FormatDate(day)}}},
              {"registered", ShownCountJson(quality.ico_registered, disclosure)},
              {"disclosure", DisclosureName(disclosure)},
              {"practices", practices},
              {"indicators", indicators}};
  return JsonText(out);
}

}  // namespace continuum
