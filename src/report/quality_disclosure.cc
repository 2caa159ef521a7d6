#include "report/quality_disclosure.h"

#include <cmath>

#include "core/parallel.h"
#include "report/disclosure_table.h"

namespace continuum {
namespace {

int64_t Whole(double x) { return static_cast<int64_t>(std::llround(x)); }

// The cells of one series in a table: a numerator and a denominator cell for each point (units
// by months) and for each unit's period.
struct SeriesCells {
  std::vector<int> numerator, denominator;  // points, then the period of each unit
};

// Controls one series in place: counts as shown, withheld ones as 0 and flagged.
// What another answer withholds of point `i` (units by months, then each unit's period) of
// series `series`, as IndicatorPoint::withheld flags; 0 when it decides nothing.
uint8_t DecidedFlags(const std::vector<UnitWithheld>& decided, size_t unit, size_t series, size_t i,
                     size_t points, int months, int first_month) {
  if (unit >= decided.size() || series >= decided[unit].series.size()) return 0;
  const UnitWithheld& d = decided[unit];
  const std::vector<uint8_t>& flags = d.series[series];
  if (flags.empty()) return 0;
  if (i >= points) return flags.back();
  const int month = first_month + static_cast<int>(i % months) - d.first_month;
  return month >= 0 && month + 1 < static_cast<int>(flags.size()) ? flags[month] : 0;
}

void ControlSeries(IndicatorSeries& s, size_t series, size_t units, int months, int first_month,
                   const QualityScope& scope, const std::vector<uint8_t>& kept_whole,
                   const std::vector<UnitWithheld>& decided) {
  const Indicator& ind = *s.indicator;
  const bool person_time = ind.base == Indicator::Base::kPersonTime;
  const bool additive = ind.base != Indicator::Base::kPatients;
  DisclosureTable table;
  SeriesCells cells;
  const size_t points = units * months;
  auto point = [&](size_t i) -> IndicatorPoint& {
    return i < points ? s.points[i] : s.period[i - points];
  };
  auto unit_of = [&](size_t i) { return i < points ? i / months : i - points; };
  for (size_t i = 0; i < points + units; ++i) {
    const uint8_t kept = kept_whole[unit_of(i)];
    const bool whole = kept == kKeptWhole;
    cells.numerator.push_back(table.Add(Whole(point(i).numerator), whole));
    // Person-years are no count of people: shown rounded, and withheld from 1 to 7 like one.
    cells.denominator.push_back(table.Add(Whole(point(i).denominator), whole));
    table.WithholdWith(cells.numerator.back(), cells.denominator.back());
    if (kept != kDecidedElsewhere) continue;
    // Shown exactly as the answer that controls it shows it.
    table.Fix(cells.numerator.back());
    table.Fix(cells.denominator.back());
    const uint8_t flags = DecidedFlags(decided, unit_of(i), series, i, points, months, first_month);
    if (flags & kNumeratorWithheld) table.Withhold(cells.numerator.back());
    if (flags & kDenominatorWithheld) table.Withhold(cells.denominator.back());
  }
  auto sums = [&](const std::vector<int>& c, bool counted) {
    if (!counted) return;
    const size_t total = units - 1;
    for (int m = 0; m < months; ++m) {
      if (!s.reported[m]) continue;
      std::vector<int> parts;
      for (size_t u = 0; u < total; ++u) parts.push_back(c[u * months + m]);
      table.AddSum(c[total * months + m], parts);
    }
    std::vector<int> parts;
    for (size_t u = 0; u < total; ++u) parts.push_back(c[points + u]);
    table.AddSum(c[points + total], parts);
    for (size_t u = 0; u < units; ++u) {
      std::vector<int> months_in;
      for (int m = 0; m < months; ++m) {
        const Day start = MonthStart(first_month + m);
        const bool in_period = start >= scope.period_start && start <= scope.period_end;
        if (!s.reported[m]) continue;
        if (additive ? in_period : MonthEnd(first_month + m) == s.period_reference)
          months_in.push_back(c[u * months + m]);
      }
      table.AddSum(c[points + u], months_in);
    }
  };
  sums(cells.numerator, true);
  sums(cells.denominator, !person_time);
  table.Control();
  // Standardised rates: the counts expected, scaled so that the ICO's expected over the period
  // is its shown count (exactly, it is its observed count).
  const double observed = s.period[units - 1].numerator;
  const std::optional<int64_t> shown_observed = table.Shown(cells.numerator[points + units - 1]);
  const double scale = observed > 0 && shown_observed ? double(*shown_observed) / observed : 0;
  for (size_t i = 0; i < points + units; ++i) {
    IndicatorPoint& p = point(i);
    const std::optional<int64_t> n = table.Shown(cells.numerator[i]);
    const std::optional<int64_t> d = table.Shown(cells.denominator[i]);
    p.withheld = (n ? 0 : kNumeratorWithheld) | (d ? 0 : kDenominatorWithheld);
    p.numerator = n ? double(*n) : 0;
    p.denominator = d ? double(*d) : 0;
    p.expected = n && d ? p.expected * scale : 0;  // no value rests on a withheld count
  }
  if (person_time && ind.age_sex_standardised) {
    const IndicatorPoint& ico = s.period[units - 1];
    s.ico_rate = ico.denominator > 0 ? ico.numerator / ico.denominator : 0;
  }
}

// The coverage: eligible = counted + each reason for exclusion, as counts of patients.
void ControlCoverage(IndicatorCoverage& c, bool counts_patients) {
  DisclosureTable table;
  const int registered = table.Add(c.registered, true);
  const int eligible = table.Add(c.eligible, true);
  const int counted = table.Add(c.denominator, true);
  std::vector<int> parts = {counted};
  for (const auto& [reason, n] : c.excluded) parts.push_back(table.Add(n));
  if (counts_patients) table.AddSum(eligible, parts);
  table.Control();
  auto shown = [&](int cell) { return table.Shown(cell).value_or(-1); };
  c.registered = shown(registered);
  c.eligible = shown(eligible);
  c.denominator = shown(counted);
  for (size_t k = 0; k < c.excluded.size(); ++k) c.excluded[k].second = shown(parts[k + 1]);
}

}  // namespace

std::vector<uint8_t> KeptWholeTotal(const QualityScope& scope) {
  std::vector<uint8_t> kept(scope.practices.size() + 1, 0);
  kept.back() = 1;
  return kept;
}

UnitWithheld WithheldOfUnit(const QualityRun& controlled, size_t unit) {
  const QualityEvaluation& e = controlled.evaluation;
  UnitWithheld out{.first_month = e.first_month};
  for (const IndicatorSeries& s : e.series) {
    std::vector<uint8_t>& flags = out.series.emplace_back();
    for (int m = 0; m < e.month_count; ++m)
      flags.push_back(s.points[unit * e.month_count + m].withheld);
    flags.push_back(s.period[unit].withheld);
  }
  return out;
}

Result<std::unique_ptr<QualityRun>> ControlQuality(const Population& population,
                                                   const QualityRun& exact,
                                                   const std::vector<uint8_t>& kept_whole,
                                                   const std::vector<UnitWithheld>& decided) {
  auto run = std::make_unique<QualityRun>();
  run->indicators = exact.indicators;
  run->scope = exact.scope;
  run->evaluation = exact.evaluation;
  QualityEvaluation& e = run->evaluation;
  if (kept_whole.size() != e.units)
    return Status::Internal("disclosure control: kept_whole has " +
                            std::to_string(kept_whole.size()) + " units, the report " +
                            std::to_string(e.units));
  // Each indicator's tables are controlled on their own, so side by side.
  ParallelFor(e.series.size(), [&](size_t i) {
    IndicatorSeries& s = e.series[i];
    s.indicator = &run->indicators[i];
    ControlSeries(s, i, e.units, e.month_count, e.first_month, run->scope, kept_whole, decided);
    ControlCoverage(s.coverage, s.indicator->base != Indicator::Base::kPersonTime);
  });
  Result<QualityReport> report = BuildQualityReport(population, e, run->scope);
  if (!report.ok()) return report.status();
  run->report = std::move(*report);
  DisclosureTable lists;
  const int workspace = lists.Add(run->report.workspace_registered, true);
  const int ico = lists.Add(run->report.ico_registered, true);
  lists.Control();
  run->report.workspace_registered = lists.Shown(workspace).value_or(-1);
  run->report.ico_registered = lists.Shown(ico).value_or(-1);
  return run;
}

Result<std::vector<UnitWithheld>> IcoTotalsWithheld(const Population& population,
                                                    const std::vector<uint32_t>& icos,
                                                    const std::vector<Indicator>& indicators,
                                                    int year,
                                                    std::span<const VoiceResponse> responses) {
  // Each ICO's own report, side by side.
  std::vector<Result<UnitWithheld>> each(icos.size(), Status::Internal("not run"));
  ParallelFor(icos.size(), [&](size_t i) {
    Result<std::unique_ptr<QualityRun>> own =
        RunQuality(population, icos[i], indicators, year, false, responses);
    if (!own.ok()) {
      each[i] = own.status();
      return;
    }
    Result<std::unique_ptr<QualityRun>> shown =
        ControlQuality(population, **own, KeptWholeTotal((*own)->scope));
    if (!shown.ok()) {
      each[i] = shown.status();
      return;
    }
    each[i] = WithheldOfUnit(**shown, (*shown)->evaluation.units - 1);
  });
  std::vector<UnitWithheld> out;
  for (Result<UnitWithheld>& withheld : each) {
    if (!withheld.ok()) return withheld.status();
    out.push_back(std::move(*withheld));
  }
  return out;
}

std::vector<uint8_t> ComparisonKeptWhole(size_t units, size_t icos) {
  std::vector<uint8_t> kept(units, 0);
  for (size_t k = 0; k < icos && k < units; ++k) kept[k] = kDecidedElsewhere;
  if (!kept.empty()) kept.back() = kKeptWhole;
  return kept;
}

Result<Comparison> ControlComparison(const Population& population, const Comparison& exact,
                                     const std::vector<UnitWithheld>& ico_totals) {
  size_t icos = 0;
  for (const ComparedUnit& u : exact.units) icos += u.ico;
  Result<std::unique_ptr<QualityRun>> quality =
      ControlQuality(population, *exact.quality,
                     ComparisonKeptWhole(exact.quality->evaluation.units, icos), ico_totals);
  if (!quality.ok()) return quality.status();
  Comparison shown;
  shown.commissioner = exact.commissioner;
  shown.units = exact.units;
  shown.total = exact.total;
  shown.quality = std::move(*quality);
  return shown;
}

}  // namespace continuum
