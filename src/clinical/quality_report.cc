#include "clinical/quality_report.h"

#include <cmath>

#include "engine/registered_on.h"
#include "engine/shard_plan.h"

namespace continuum {
namespace {

// The value of a point, on the indicator's scale, or none when nothing was counted.
std::optional<double> ValueOf(const Indicator& ind, const IndicatorPoint& p, double ico_rate) {
  if (p.withheld) return std::nullopt;  // disclosure control: nothing rests on a withheld count
  switch (ind.measure) {
    case IndicatorMeasure::kProportion:
      if (p.denominator <= 0) return std::nullopt;
      return p.numerator / p.denominator;
    case IndicatorMeasure::kRatio:
      if (p.denominator <= 0) return std::nullopt;
      return p.numerator / p.denominator;
    case IndicatorMeasure::kRate:
      if (ind.age_sex_standardised) {
        if (p.expected <= 0) return std::nullopt;
        return p.numerator / p.expected * ico_rate * ind.per;
      }
      if (p.denominator <= 0) return std::nullopt;
      return p.numerator / p.denominator * ind.per;
  }
  return std::nullopt;
}

int64_t Count(double x) { return static_cast<int64_t>(std::llround(x)); }

// The value with its 95% interval: Wilson for proportions; exact or Byar limits on the count for
// rates (on O/E for standardised rates); and for a ratio of counts a/b, Wilson on a/(a+b) mapped
// back through p/(1-p), since a given a+b is binomial.
Result<std::optional<Estimate>> EstimateOf(const Indicator& ind, const IndicatorPoint& p,
                                           double ico_rate) {
  const std::optional<double> value = ValueOf(ind, p, ico_rate);
  if (!value) return std::optional<Estimate>();
  switch (ind.measure) {
    case IndicatorMeasure::kProportion: {
      Result<Estimate> e = WilsonProportion(Count(p.numerator), Count(p.denominator));
      if (!e.ok()) return e.status();
      return std::optional<Estimate>(*e);
    }
    case IndicatorMeasure::kRatio: {
      const int64_t a = Count(p.numerator), b = Count(p.denominator);
      Result<Estimate> e = WilsonProportion(a, a + b);
      if (!e.ok()) return e.status();
      auto odds = [](double q) { return q >= 1 ? INFINITY : q / (1 - q); };
      return std::optional<Estimate>(
          Estimate{*value, {odds(e->interval.lower), odds(e->interval.upper)}});
    }
    case IndicatorMeasure::kRate: {
      Result<Interval> limits = PoissonLimits(Count(p.numerator));
      if (!limits.ok()) return limits.status();
      const double scale =
          ind.age_sex_standardised ? ico_rate * ind.per / p.expected : ind.per / p.denominator;
      return std::optional<Estimate>(
          Estimate{*value, {limits->lower * scale, limits->upper * scale}});
    }
  }
  return std::optional<Estimate>();
}

// Limits around the ICO's value for a practice with these counts, on the value's scale.
Result<std::optional<FunnelLimits>> FunnelOf(const Indicator& ind, const IndicatorPoint& p,
                                             double ico_value, double ico_rate,
                                             const FunnelOptions& options) {
  if (p.denominator <= 0 || ico_value <= 0) return std::optional<FunnelLimits>();
  auto scaled = [](FunnelLimits l, double k) {
    l.inner.lower *= k;
    l.inner.upper *= k;
    l.outer.lower *= k;
    l.outer.upper *= k;
    return l;
  };
  switch (ind.measure) {
    case IndicatorMeasure::kProportion: {
      if (ico_value >= 1) return std::optional<FunnelLimits>();
      Result<FunnelLimits> l = ProportionFunnel(ico_value, Count(p.denominator), options);
      if (!l.ok()) return l.status();
      return std::optional<FunnelLimits>(*l);
    }
    case IndicatorMeasure::kRatio: {
      const double target = ico_value / (1 + ico_value);
      Result<FunnelLimits> l =
          ProportionFunnel(target, Count(p.numerator) + Count(p.denominator), options);
      if (!l.ok()) return l.status();
      auto odds = [](double q) { return q >= 1 ? INFINITY : q / (1 - q); };
      FunnelLimits out = *l;
      out.inner = {odds(l->inner.lower), odds(l->inner.upper)};
      out.outer = {odds(l->outer.lower), odds(l->outer.upper)};
      return std::optional<FunnelLimits>(out);
    }
    case IndicatorMeasure::kRate: {
      if (ind.age_sex_standardised) {
        if (p.expected <= 0) return std::optional<FunnelLimits>();
        Result<FunnelLimits> l = RatioFunnel(p.expected, options);
        if (!l.ok()) return l.status();
        return std::optional<FunnelLimits>(scaled(*l, ico_rate * ind.per));
      }
      Result<FunnelLimits> l = RateFunnel(ico_value / ind.per, p.denominator, options);
      if (!l.ok()) return l.status();
      return std::optional<FunnelLimits>(scaled(*l, ind.per));
    }
  }
  return std::optional<FunnelLimits>();
}

// φ among the practices (all units but the last, the ICO) around the ICO's value.
Result<double> OverdispersionOf(const Indicator& ind, const std::vector<IndicatorPoint>& units,
                                double ico_value) {
  std::vector<int64_t> numerators, denominators;
  std::vector<double> expected;
  for (size_t u = 0; u + 1 < units.size(); ++u) {
    const IndicatorPoint& p = units[u];
    if (p.denominator <= 0 || p.withheld) continue;
    numerators.push_back(Count(p.numerator));
    switch (ind.measure) {
      case IndicatorMeasure::kProportion:
        denominators.push_back(Count(p.denominator));
        break;
      case IndicatorMeasure::kRatio:
        denominators.push_back(Count(p.numerator) + Count(p.denominator));
        break;
      case IndicatorMeasure::kRate:
        expected.push_back(ind.age_sex_standardised ? p.expected
                                                    : ico_value / ind.per * p.denominator);
        break;
    }
  }
  if (numerators.size() < 3) return 1.0;
  switch (ind.measure) {
    case IndicatorMeasure::kProportion:
      return ProportionOverdispersion(numerators, denominators, ico_value);
    case IndicatorMeasure::kRatio:
      return ProportionOverdispersion(numerators, denominators, ico_value / (1 + ico_value));
    case IndicatorMeasure::kRate:
      return CountOverdispersion(numerators, expected);
  }
  return 1.0;
}

}  // namespace

int FunnelVerdict(FunnelPosition position, Polarity polarity, bool outer) {
  if (polarity == Polarity::kNeither) return 0;
  const bool above =
      outer ? position == FunnelPosition::kAboveOuter
            : position == FunnelPosition::kAboveInner || position == FunnelPosition::kAboveOuter;
  const bool below =
      outer ? position == FunnelPosition::kBelowOuter
            : position == FunnelPosition::kBelowInner || position == FunnelPosition::kBelowOuter;
  if (!above && !below) return 0;
  return above == (polarity == Polarity::kHigherIsBetter) ? 1 : -1;
}

Result<QualityReport> BuildQualityReport(const Population& population,
                                         const QualityEvaluation& evaluation,
                                         const QualityScope& scope, bool overdispersion) {
  const OrganisationColumns& orgs = population.organisations;
  QualityReport report;
  report.ico_id = orgs.ids.Value(scope.ico);
  report.ico_name = orgs.name[scope.ico];
  report.period_start = scope.period_start;
  report.period_end = scope.period_end;
  report.first_month = evaluation.first_month;
  report.month_count = evaluation.month_count;
  const size_t units = evaluation.units, months = evaluation.month_count;
  for (const IndicatorSeries& s : evaluation.series) {
    const Indicator& ind = *s.indicator;
    IndicatorQuality q;
    q.indicator = &ind;
    q.series = &s;
    const std::optional<double> ico_value = ValueOf(ind, s.period[units - 1], s.ico_rate);
    FunnelOptions options;
    if (overdispersion && ico_value && *ico_value > 0 &&
        !(ind.measure == IndicatorMeasure::kProportion && *ico_value >= 1)) {
      Result<double> phi = OverdispersionOf(ind, s.period, *ico_value);
      if (!phi.ok()) return phi.status();
      options.overdispersion = q.overdispersion = std::max(1.0, *phi);
    }
    for (size_t u = 0; u < units; ++u) {
      UnitQuality unit;
      const bool ico = u + 1 == units;
      const uint32_t org = ico ? scope.ico : scope.practices[u];
      unit.id = orgs.ids.Value(org);
      unit.name = orgs.name[org];
      unit.period = s.period[u];
      Result<std::optional<Estimate>> value = EstimateOf(ind, unit.period, s.ico_rate);
      if (!value.ok()) return value.status();
      unit.value = *value;
      if (!ico && unit.value && ico_value) {
        Result<std::optional<FunnelLimits>> f =
            FunnelOf(ind, unit.period, *ico_value, s.ico_rate, options);
        if (!f.ok()) return f.status();
        unit.funnel = *f;
        if (unit.funnel) unit.funnel_position = ClassifyFunnel(unit.value->value, *unit.funnel);
      }
      std::vector<double> run;
      unit.monthly.resize(months);
      for (size_t m = 0; m < months; ++m) {
        if (!s.reported[m]) continue;
        unit.monthly[m] = ValueOf(ind, s.points[u * months + m], s.ico_rate);
        if (unit.monthly[m]) run.push_back(*unit.monthly[m]);
      }
      if (static_cast<int>(run.size()) >= kMinimumSpcPoints) {
        Result<XmrChart> chart = BuildXmrChart(run, {.rules = ind.spc_rules});
        if (!chart.ok()) return chart.status();
        unit.chart = std::move(*chart);
        unit.variation = LatestVariation(*unit.chart, ind.polarity);
        if (ind.target) {
          const double target =
              ind.measure == IndicatorMeasure::kProportion ? *ind.target : *ind.target;
          unit.assurance = ClassifyAssurance(*unit.chart, ind.polarity, target);
        }
      }
      q.units.push_back(std::move(unit));
    }
    report.indicators.push_back(std::move(q));
  }
  if (!evaluation.series.empty()) {
    report.ico_registered = evaluation.series[0].coverage.registered;
    const Day day = evaluation.series[0].period_reference;
    // Everyone on a list of the ICO's commissioner (or the whole workspace's without one).
    const uint32_t commissioner = CommissionerAbove(population, scope.ico);
    report.by_commissioner = commissioner != Dictionary::kMissing;
    const std::vector<uint8_t> counted = commissioner == Dictionary::kMissing
                                             ? std::vector<uint8_t>()
                                             : CommissionerPractices(population, commissioner);
    for (uint32_t patient = 0; patient < population.patients.size(); ++patient) {
      const uint32_t practice = RegisteredPracticeOn(population, patient, day);
      if (practice != Dictionary::kMissing && (counted.empty() || counted[practice]))
        ++report.workspace_registered;
    }
  }
  return report;
}

}  // namespace continuum
