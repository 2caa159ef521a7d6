#include "report/quality_render.h"

#include <fmt/format.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "report/count_json.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

using nlohmann::json;

std::string Value(const Indicator& ind, double v) {
  if (!std::isfinite(v)) return "∞";
  switch (ind.measure) {
    case IndicatorMeasure::kProportion:
      return Decimal(100 * v, 1) + "%";
    case IndicatorMeasure::kRate:
      return Decimal(v, 1);
    case IndicatorMeasure::kRatio:
      return Decimal(v, 2);
  }
  return "";
}

std::string Unit(const Indicator& ind) {
  switch (ind.measure) {
    case IndicatorMeasure::kProportion:
      return "proportion of the denominator";
    case IndicatorMeasure::kRate:
      return fmt::format("per {} person-years{}", WithThousands(static_cast<int64_t>(ind.per)),
                         ind.age_sex_standardised ? ", indirectly age-sex standardised" : "");
    case IndicatorMeasure::kRatio:
      return "ratio of counts";
  }
  return "";
}

std::string_view Direction(Polarity p) {
  return p == Polarity::kHigherIsBetter  ? "higher is better"
         : p == Polarity::kLowerIsBetter ? "lower is better"
                                         : "neither direction is better";
}

std::string FunnelText(const UnitQuality& u, Polarity polarity) {
  if (!u.funnel) return "";
  const int outer = FunnelVerdict(u.funnel_position, polarity, true);
  const int inner = FunnelVerdict(u.funnel_position, polarity, false);
  if (outer != 0) return outer > 0 ? "better (99.8%)" : "WORSE (99.8%)";
  if (inner != 0) return inner > 0 ? "better (95%)" : "worse (95%)";
  switch (u.funnel_position) {
    case FunnelPosition::kWithin:
      return "within";
    case FunnelPosition::kAboveInner:
      return "high (95%)";
    case FunnelPosition::kAboveOuter:
      return "high (99.8%)";
    case FunnelPosition::kBelowInner:
      return "low (95%)";
    case FunnelPosition::kBelowOuter:
      return "low (99.8%)";
  }
  return "";
}

std::string Signals(const SpecialCause& c) {
  std::string out;
  auto add = [&](bool on, std::string_view what) {
    if (on) out += (out.empty() ? "" : ", ") + std::string(what);
  };
  add(c.above_upper_limit, "above the upper limit");
  add(c.below_lower_limit, "below the lower limit");
  add(c.shift_above, "run of 7+ above the mean");
  add(c.shift_below, "run of 7+ below the mean");
  add(c.trend_rising, "7+ rising");
  add(c.trend_falling, "7+ falling");
  add(c.near_upper_limit, "2 of 3 near the upper limit");
  add(c.near_lower_limit, "2 of 3 near the lower limit");
  return out;
}

// A count, or for a rate's denominator the person-years.
std::string Counted(const IndicatorQuality& q, double x, bool denominator) {
  return denominator && q.indicator->base == Indicator::Base::kPersonTime
             ? Decimal(x, 0) + " py"
             : WithThousands(std::llround(x));
}

std::string CoverageLine(const IndicatorQuality& q) {
  const Indicator& ind = *q.indicator;
  const IndicatorCoverage& c = q.series->coverage;
  std::string what;
  switch (ind.base) {
    case Indicator::Base::kPatients:
      what = fmt::format("{} of {} registered patients meet the definition on {}",
                         WithThousands(c.eligible), WithThousands(c.registered),
                         FormatDate(q.series->period_reference));
      break;
    case Indicator::Base::kPersonTime:
      what = fmt::format("{} registered person-years over the period", WithThousands(c.eligible));
      break;
    case Indicator::Base::kEvents:
      what = fmt::format("{} events over the period", WithThousands(c.eligible));
      break;
    case Indicator::Base::kDeaths:
      what = fmt::format("{} deaths of registered patients over the period",
                         WithThousands(c.eligible));
      break;
    case Indicator::Base::kResponses:
      what = fmt::format("{} answers recorded over the period", WithThousands(c.eligible));
      break;
  }
  std::string excluded;
  for (const auto& [reason, n] : c.excluded)
    excluded += fmt::format("{}{} {}", excluded.empty() ? "" : "; ", WithThousands(n), reason);
  return fmt::format("Coverage: {}; {}; counted {}.", what,
                     excluded.empty() ? "none excluded" : "excluded " + excluded,
                     WithThousands(c.denominator));
}

json EstimateJson(const std::optional<Estimate>& e) {
  if (!e) return nullptr;
  return {{"value", e->value}, {"lower", e->interval.lower}, {"upper", e->interval.upper}};
}

// Under disclosure control the report comes from ControlQuality (report/quality_disclosure.h):
// its counts are as shown, a withheld point's flagged and a withheld coverage count -1.
bool Suppressed(const IndicatorPoint& p, Disclosure disclosure) {
  return disclosure == Disclosure::kControlled && p.withheld != 0;
}

// Unit `index` of the indicator's units; under disclosure control, a value resting on a
// suppressed count (the period's, or a month's) is withheld with it.
json UnitJson(const QualityReport& r, const IndicatorQuality& q, size_t index,
              Disclosure disclosure) {
  const UnitQuality& u = q.units[index];
  const bool withheld = Suppressed(u.period, disclosure);
  json j = {
      {"id", u.id},
      {"name", u.name},
      {"numerator", PointCountJson(u.period, kNumeratorWithheld, u.period.numerator, disclosure)},
      {"denominator",
       PointCountJson(u.period, kDenominatorWithheld, u.period.denominator, disclosure)},
      {"estimate", withheld ? json(nullptr) : EstimateJson(u.value)}};
  if (q.indicator->age_sex_standardised)
    j["expected"] = withheld ? json(nullptr) : CountJson(u.period.expected, disclosure);
  if (u.funnel && !withheld) {
    j["funnel"] = {{"inner", {u.funnel->inner.lower, u.funnel->inner.upper}},
                   {"outer", {u.funnel->outer.lower, u.funnel->outer.upper}},
                   {"position", FunnelText(u, q.indicator->polarity)}};
  }
  json months = json::array();
  size_t k = 0;
  bool any_month_withheld = false;
  for (int m = 0; m < r.month_count; ++m) {
    json point = {{"month", FormatMonth(r.first_month + m)}};
    const bool month_withheld = Suppressed(q.series->points[index * r.month_count + m], disclosure);
    point["value"] = u.monthly[m] && !month_withheld ? json(*u.monthly[m]) : json(nullptr);
    any_month_withheld |= month_withheld;
    if (u.monthly[m] && u.chart) {
      const SpecialCause& signals = u.chart->points[k++];
      if (!month_withheld) point["signals"] = Signals(signals);
    }
    months.push_back(point);
  }
  j["months"] = months;
  // A chart drawn partly on withheld months would tell of them through its mean and limits.
  if (u.chart && (disclosure == Disclosure::kExact || !any_month_withheld)) {
    j["spc"] = {{"mean", u.chart->mean},
                {"lower_process_limit", u.chart->lower_process_limit},
                {"upper_process_limit", u.chart->upper_process_limit},
                {"variation", VariationText(u.variation)}};
    if (u.assurance) j["spc"]["assurance"] = AssuranceText(u.assurance);
  }
  return j;
}

std::string Json(const QualityReport& r, Disclosure disclosure) {
  json j = {{"ico", {{"id", r.ico_id}, {"name", r.ico_name}}},
            {"period", {{"start", FormatDate(r.period_start)}, {"end", FormatDate(r.period_end)}}},
            {"disclosure", DisclosureName(disclosure)},
            {"coverage",
             {{"registered_in_workspace", ShownCountJson(r.workspace_registered, disclosure)},
              {"registered_with_ico", ShownCountJson(r.ico_registered, disclosure)}}}};
  json indicators = json::array();
  for (const IndicatorQuality& q : r.indicators) {
    const Indicator& ind = *q.indicator;
    const IndicatorCoverage& c = q.series->coverage;
    json excluded = json::array();
    for (const auto& [reason, n] : c.excluded)
      excluded.push_back({{"reason", reason}, {"count", ShownCountJson(n, disclosure)}});
    json units = json::array();
    for (size_t u = 0; u < q.units.size(); ++u) units.push_back(UnitJson(r, q, u, disclosure));
    json one = {{"id", ind.id},
                {"title", ind.title},
                {"source", ind.source},
                {"group", ind.group},
                {"measure", MeasureName(ind.measure)},
                {"polarity", PolarityName(ind.polarity)},
                {"spc_rules", SpcRulesName(ind.spc_rules)},
                {"coverage",
                 {{"registered", ShownCountJson(c.registered, disclosure)},
                  {"eligible", ShownCountJson(c.eligible, disclosure)},
                  {"counted", ShownCountJson(c.denominator, disclosure)},
                  {"excluded", excluded}}},
                {"practices", json(std::vector<json>(units.begin(), units.end() - 1))},
                {"ico", units.back()}};
    if (ind.measure == IndicatorMeasure::kRate) one["per"] = ind.per;
    if (ind.target) one["target"] = *ind.target;
    one["funnel_overdispersion"] = q.overdispersion;
    indicators.push_back(one);
  }
  j["indicators"] = indicators;
  return JsonText(j, 2) + "\n";
}

std::string Header(const QualityReport& r) {
  return fmt::format(
      "Quality of care: {} ({}), {} to {}\n"
      "Coverage: {} patients on the lists of the ICO's member practices on the period's last "
      "day, of {} registered {}; patients of other practices are not counted here.\n",
      r.ico_name, r.ico_id, FormatDate(r.period_start), FormatDate(r.period_end),
      WithThousands(r.ico_registered), WithThousands(r.workspace_registered),
      r.by_commissioner ? "with the practices of its commissioner (its ICOs and control practices)"
                        : "in the workspace");
}

std::string Text(const QualityReport& r) {
  std::string out = Header(r);
  out +=
      "Each practice against the ICO: 95% confidence interval, funnel limits at 95% and 99.8%, "
      "and the latest month's SPC signal (Making Data Count).\n";
  for (const IndicatorQuality& q : r.indicators) {
    const Indicator& ind = *q.indicator;
    out += fmt::format("\n== {} [{}]\n{}; {}. Source: {}.\n{}\n", ind.title, ind.id, Unit(ind),
                       Direction(ind.polarity), ind.source, CoverageLine(q));
    if (q.overdispersion > 1)
      out += fmt::format("Funnel limits widened for over-dispersion between practices (φ = {}).\n",
                         Decimal(q.overdispersion, 2));
    TextTable t(
        {"practice", "numerator", "denominator", "value", "95% CI", "funnel", "SPC", "target"});
    std::vector<std::string> outliers;
    for (const UnitQuality& u : q.units) {
      const bool ico = &u == &q.units.back();
      std::vector<std::string> row = {
          ico ? "ICO " + u.id : u.id + " " + u.name,
          Counted(q, u.period.numerator, false),
          Counted(q, u.period.denominator, true),
          u.value ? Value(ind, u.value->value) : "-",
          u.value ? Value(ind, u.value->interval.lower) + "–" + Value(ind, u.value->interval.upper)
                  : "",
          FunnelText(u, ind.polarity),
          u.chart ? std::string(VariationText(u.variation)) : "too few months",
          std::string(AssuranceText(u.assurance))};
      t.AddRow(std::move(row));
      if (u.funnel && (u.funnel_position == FunnelPosition::kAboveOuter ||
                       u.funnel_position == FunnelPosition::kBelowOuter))
        outliers.push_back(u.id + " (" + FunnelText(u, ind.polarity) + ")");
    }
    out += t.Render();
    if (!outliers.empty()) {
      std::string list;
      for (const std::string& o : outliers) list += (list.empty() ? "" : ", ") + o;
      out += "Outside the 99.8% limits: " + list + "\n";
    }
  }
  return out;
}

// One line an indicator: the ICO's value and SPC reading, and the practices outside 99.8%.
std::string SummaryText(const QualityReport& r) {
  std::string out = Header(r);
  TextTable t({"indicator", "ICO", "95% CI", "ICO SPC", "worse (99.8%)", "better (99.8%)"});
  for (const IndicatorQuality& q : r.indicators) {
    const Indicator& ind = *q.indicator;
    const UnitQuality& ico = q.units.back();
    std::string worse, better;
    for (const UnitQuality& u : q.units) {
      const int verdict = u.funnel ? FunnelVerdict(u.funnel_position, ind.polarity, true) : 0;
      std::string& list = verdict < 0 ? worse : better;
      if (verdict != 0) list += (list.empty() ? "" : " ") + u.id;
    }
    t.AddRow(
        {ind.id, ico.value ? Value(ind, ico.value->value) : "-",
         ico.value
             ? Value(ind, ico.value->interval.lower) + "–" + Value(ind, ico.value->interval.upper)
             : "",
         ico.chart ? std::string(VariationText(ico.variation)) : "too few months", worse, better});
  }
  return out + t.Render();
}

std::string PracticeText(const QualityReport& r, const std::string& id) {
  std::string out = Header(r);
  for (const IndicatorQuality& q : r.indicators) {
    const Indicator& ind = *q.indicator;
    const UnitQuality* unit = nullptr;
    for (const UnitQuality& u : q.units) {
      if (u.id == id) unit = &u;
    }
    if (unit == nullptr) continue;
    out += fmt::format("\n== {} [{}]: {} {}\n", ind.title, ind.id, unit->id, unit->name);
    if (unit->chart) {
      out += fmt::format(
          "XmR chart: mean {}, process limits {} to {}; latest: {}{}.\n",
          Value(ind, unit->chart->mean), Value(ind, unit->chart->lower_process_limit),
          Value(ind, unit->chart->upper_process_limit), VariationText(unit->variation),
          unit->assurance ? fmt::format(", target {}", AssuranceText(unit->assurance)) : "");
    } else {
      out += fmt::format("Fewer than {} months measured: no chart.\n", kMinimumSpcPoints);
    }
    TextTable t({"month", "numerator", "denominator", "value", "signals"});
    const size_t months = r.month_count;
    const size_t u = unit - q.units.data();
    size_t k = 0;
    for (size_t m = 0; m < months; ++m) {
      if (!unit->monthly[m]) continue;
      const IndicatorPoint& p = q.series->points[u * months + m];
      t.AddRow({FormatMonth(r.first_month + static_cast<int>(m)), Counted(q, p.numerator, false),
                Counted(q, p.denominator, true), Value(ind, *unit->monthly[m]),
                unit->chart ? Signals(unit->chart->points[k++]) : ""});
    }
    out += t.Render();
  }
  return out;
}

}  // namespace

std::string_view VariationText(Variation v) {
  switch (v) {
    case Variation::kCommonCause:
      return "common cause";
    case Variation::kImproving:
      return "improving";
    case Variation::kConcerning:
      return "concerning";
    case Variation::kHigh:
      return "special cause, high";
    case Variation::kLow:
      return "special cause, low";
  }
  return "";
}

std::string_view AssuranceText(const std::optional<Assurance>& a) {
  if (!a) return "";
  switch (*a) {
    case Assurance::kConsistentlyPasses:
      return "passes";
    case Assurance::kConsistentlyFails:
      return "fails";
    case Assurance::kHitAndMiss:
      return "hit and miss";
  }
  return "";
}

std::string RenderQuality(const QualityReport& report, OutputFormat format,
                          const std::string& practice_id, bool summary) {
  if (format == OutputFormat::kJson) return Json(report, Disclosure::kExact);
  if (!practice_id.empty()) return PracticeText(report, practice_id);
  return summary ? SummaryText(report) : Text(report);
}

std::string RenderQualityJson(const QualityReport& report, Disclosure disclosure) {
  return Json(report, disclosure);
}

}  // namespace continuum
