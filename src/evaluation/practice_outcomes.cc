#include "evaluation/practice_outcomes.h"

#include <algorithm>
#include <limits>

#include "clinical/continuity.h"
#include "clinical/indicator_evaluation.h"
#include "engine/registered_on.h"
#include "engine/rows_by_patient.h"

namespace continuum {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kDaysPerYear = 365.25;
constexpr uint32_t kOutside = UINT32_MAX;

// The period `day` falls in, or -1 outside them all.
int PeriodOf(std::span<const Day> starts, Day day) {
  if (day < starts.front() || day >= starts.back()) return -1;
  return static_cast<int>(std::upper_bound(starts.begin(), starts.end(), day) - starts.begin()) - 1;
}

uint16_t SettingMask(std::span<const Setting> settings) {
  uint16_t mask = 0;
  for (const Setting s : settings) mask |= static_cast<uint16_t>(1u << static_cast<int>(s));
  return mask;
}

// An indicator's value as a report shows it: a proportion in per cent, a rate per its `per`
// person-years, a ratio as it is.
double Scale(const Indicator& indicator) {
  switch (indicator.measure) {
    case IndicatorMeasure::kProportion:
      return 100;
    case IndicatorMeasure::kRate:
      return indicator.per;
    case IndicatorMeasure::kRatio:
      return 1;
  }
  return 1;
}

}  // namespace

Result<PracticeOutcomes> MeasurePracticeOutcomes(const Population& p,
                                                 std::span<const uint32_t> practices,
                                                 std::span<const Day> period_starts,
                                                 std::span<const OutcomeDefinition* const> outcomes,
                                                 std::span<const VoiceResponse> responses) {
  PracticeOutcomes out;
  out.practices.assign(practices.begin(), practices.end());
  const size_t periods = period_starts.size() - 1;
  const size_t cells = practices.size() * periods;
  out.periods = periods;
  std::vector<uint32_t> position(p.organisations.size(), kOutside);
  for (size_t i = 0; i < practices.size(); ++i) position[practices[i]] = static_cast<uint32_t>(i);

  // Registered patient-years of each practice in each period.
  out.patient_years.assign(cells, 0.0);
  const RegistrationColumns& r = p.registrations;
  for (size_t reg = 0; reg < r.size(); ++reg) {
    const uint32_t at = position[r.practice[reg]];
    if (at == kOutside) continue;
    const Day first = r.start[reg], last = LastDayOn(p, reg);
    for (size_t k = 0; k < periods; ++k) {
      const Day begin = std::max(first, period_starts[k]);
      const Day end = std::min<int64_t>(int64_t{last} + 1, period_starts[k + 1]);
      if (end > begin) out.patient_years[at * periods + k] += (end - begin) / kDaysPerYear;
    }
  }

  // Cost and activity: one pass over the events for every such outcome.
  std::vector<size_t> summed;
  for (size_t o = 0; o < outcomes.size(); ++o) {
    const OutcomeKind kind = outcomes[o]->kind;
    if (kind == OutcomeKind::kCostPerHead || kind == OutcomeKind::kActivityRate) {
      summed.push_back(o);
    }
  }
  out.values.assign(outcomes.size(), std::vector<double>(cells, kNaN));
  std::vector<std::vector<double>> sums(summed.size(), std::vector<double>(cells, 0.0));
  std::vector<uint16_t> masks;
  for (const size_t o : summed) masks.push_back(SettingMask(outcomes[o]->settings));
  const EventColumns& e = p.events;
  if (!summed.empty()) {
    for (size_t i = 0; i < e.size(); ++i) {
      const uint32_t at =
          e.practice[i] == Dictionary::kMissing ? kOutside : position[e.practice[i]];
      if (at == kOutside) continue;
      const int k = PeriodOf(period_starts, e.day[i]);
      if (k < 0) continue;
      const uint16_t bit = static_cast<uint16_t>(1u << e.setting[i]);
      for (size_t j = 0; j < summed.size(); ++j) {
        if (!(masks[j] & bit)) continue;
        const bool cost = outcomes[summed[j]]->kind == OutcomeKind::kCostPerHead;
        sums[j][at * periods + k] += cost ? (e.cost[i] == kNoCost ? 0.0 : e.cost[i] / 100.0) : 1.0;
      }
    }
  }
  for (size_t j = 0; j < summed.size(); ++j) {
    const bool cost = outcomes[summed[j]]->kind == OutcomeKind::kCostPerHead;
    for (size_t c = 0; c < cells; ++c) {
      if (out.patient_years[c] <= 0) continue;
      out.values[summed[j]][c] = sums[j][c] / out.patient_years[c] * (cost ? 1.0 : 1000.0);
    }
  }

  // Continuity and fragmentation: each patient's planned contacts in each period, in day order.
  std::vector<size_t> followed;
  for (size_t o = 0; o < outcomes.size(); ++o) {
    const OutcomeKind kind = outcomes[o]->kind;
    if (kind == OutcomeKind::kContinuity || kind == OutcomeKind::kFragmentation) {
      followed.push_back(o);
    }
  }
  if (!followed.empty()) {
    const uint16_t planned = SettingMask(kContinuitySettings);
    const RowsByPatient by_patient = RowsByPatient::Of(e.patient, p.patients.size());
    std::vector<std::vector<double>> total(followed.size(), std::vector<double>(cells, 0.0));
    std::vector<double> counted(cells, 0.0), counted_pairs(cells, 0.0);
    struct Contact {
      int period;
      uint32_t practice;  // position
      Day day;
      uint32_t event;
    };
    std::vector<Contact> contacts;
    std::vector<uint32_t> providers;
    std::vector<uint8_t> settings;
    for (uint32_t patient = 0; patient < p.patients.size(); ++patient) {
      contacts.clear();
      for (const uint32_t i : by_patient.Of(patient)) {
        if (!(planned & (1u << e.setting[i]))) continue;
        const uint32_t at =
            e.practice[i] == Dictionary::kMissing ? kOutside : position[e.practice[i]];
        if (at == kOutside) continue;
        const int k = PeriodOf(period_starts, e.day[i]);
        if (k >= 0) contacts.push_back({k, at, e.day[i], i});
      }
      std::sort(contacts.begin(), contacts.end(), [](const Contact& a, const Contact& b) {
        return std::tie(a.period, a.practice, a.day, a.event) <
               std::tie(b.period, b.practice, b.day, b.event);
      });
      for (size_t first = 0; first < contacts.size();) {
        size_t last = first;
        while (last < contacts.size() && contacts[last].period == contacts[first].period &&
               contacts[last].practice == contacts[first].practice) {
          ++last;
        }
        providers.clear();
        settings.clear();
        for (size_t c = first; c < last; ++c) {
          providers.push_back(e.provider[contacts[c].event]);
          settings.push_back(e.setting[contacts[c].event]);
        }
        const ContinuityScores scores = ScoreContinuity(providers, settings);
        const size_t cell = contacts[first].practice * periods + contacts[first].period;
        counted[cell] += 1;
        if (scores.contacts >= 2) counted_pairs[cell] += 1;
        for (size_t j = 0; j < followed.size(); ++j) {
          const OutcomeDefinition& o = *outcomes[followed[j]];
          if (o.kind == OutcomeKind::kFragmentation) {
            total[j][cell] += o.fragmentation == FragmentationMeasure::kProviders
                                  ? scores.providers
                                  : scores.setting_handoffs;
          } else if (scores.contacts >= 2) {
            total[j][cell] += o.index == ContinuityIndex::kUsualProvider  ? scores.usual_provider
                              : o.index == ContinuityIndex::kBiceBoxerman ? scores.bice_boxerman
                                                                          : scores.sequential;
          }
        }
        first = last;
      }
    }
    for (size_t j = 0; j < followed.size(); ++j) {
      const bool continuity = outcomes[followed[j]]->kind == OutcomeKind::kContinuity;
      for (size_t c = 0; c < cells; ++c) {
        const double n = continuity ? counted_pairs[c] : counted[c];
        if (n > 0) out.values[followed[j]][c] = total[j][c] / n;
      }
    }
  }

  // Shipped indicators, each practice its own unit, summed over each period's months.
  std::vector<size_t> indicated;
  for (size_t o = 0; o < outcomes.size(); ++o) {
    if (outcomes[o]->kind == OutcomeKind::kIndicator) indicated.push_back(o);
  }
  if (!indicated.empty()) {
    auto shipped = ShippedIndicators();
    if (!shipped.ok()) return shipped.status();
    std::vector<Indicator> indicators;
    for (const size_t o : indicated) {
      const auto found = std::find_if(shipped->begin(), shipped->end(), [&](const Indicator& i) {
        return i.id == outcomes[o]->indicator;
      });
      if (found == shipped->end()) {
        return Status::Internal("outcome " + outcomes[o]->id + " names no shipped indicator");
      }
      indicators.push_back(*found);
    }
    QualityScope scope;
    scope.practices.assign(practices.begin(), practices.end());
    scope.unit_of.assign(p.organisations.size(), UINT32_MAX);
    for (size_t i = 0; i < practices.size(); ++i)
      scope.unit_of[practices[i]] = static_cast<uint32_t>(i);
    scope.ico = practices.front();
    scope.period_start = period_starts.front();
    scope.period_end = period_starts.back() - 1;
    auto evaluation = EvaluateIndicators(p, indicators, scope, responses);
    if (!evaluation.ok()) return evaluation.status();
    for (size_t j = 0; j < indicated.size(); ++j) {
      const IndicatorSeries& series = evaluation->series[j];
      const double scale = Scale(indicators[j]);
      for (size_t unit = 0; unit < practices.size(); ++unit) {
        for (size_t k = 0; k < periods; ++k) {
          double numerator = 0, denominator = 0;
          bool any = false;
          for (int m = 0; m < evaluation->month_count; ++m) {
            const int month = evaluation->first_month + m;
            const Day month_start = MonthStart(month);
            if (month_start < period_starts[k] || month_start >= period_starts[k + 1]) continue;
            if (!series.reported[m]) continue;
            const IndicatorPoint& point = series.points[unit * evaluation->month_count + m];
            numerator += point.numerator;
            denominator += point.denominator;
            any = true;
          }
          if (any && denominator > 0) {
            out.values[indicated[j]][unit * periods + k] = numerator / denominator * scale;
          }
        }
      }
    }
  }
  return out;
}

}  // namespace continuum
