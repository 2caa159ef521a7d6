#include "evaluation/practice_outcomes.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "clinical/continuity.h"
#include "clinical/indicator_evaluation.h"
#include "core/parallel.h"
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

// The sums are made over this many slices of the events or patients, whatever the number of
// cores, so that they are added in the same order on every machine.
constexpr size_t kSlices = 8;

struct Range {
  size_t begin = 0, end = 0;
};

Range Slice(size_t n, size_t slice) { return {n * slice / kSlices, n * (slice + 1) / kSlices}; }

// Per summed outcome, [practice × periods + period]: pence for costs, events for activity
// (whole numbers, so the slices add up exactly in any order).
struct ActivitySums {
  std::vector<std::vector<int64_t>> sums;
};

// Per followed outcome, the patients' scores summed; and the patients with a contact, and with
// two or more, the continuity indices' denominators.
struct ContinuitySums {
  std::vector<std::vector<double>> total;
  std::vector<double> counted, counted_pairs;
};

// What every slice reads.
struct Measure {
  const Population& p;
  const std::vector<uint32_t>& position;  // organisation index → practice position
  std::span<const Day> period_starts;
  std::span<const OutcomeDefinition* const> outcomes;

  size_t practices;  // how many positions

  size_t Periods() const { return period_starts.size() - 1; }
  size_t cells() const { return practices * Periods(); }

  uint32_t PracticeOf(size_t event) const {
    const uint32_t practice = p.events.practice[event];
    return practice == Dictionary::kMissing ? kOutside : position[practice];
  }

  ActivitySums Activity(std::span<const size_t> summed, Range events) const {
    const size_t periods = Periods();
    ActivitySums out;
    out.sums.assign(summed.size(), std::vector<int64_t>(cells(), 0));
    std::vector<uint16_t> masks;
    for (const size_t o : summed) masks.push_back(SettingMask(outcomes[o]->settings));
    const EventColumns& e = p.events;
    for (size_t i = events.begin; i < events.end; ++i) {
      const uint32_t at = PracticeOf(i);
      if (at == kOutside) continue;
      const int k = PeriodOf(period_starts, e.day[i]);
      if (k < 0) continue;
      const uint16_t bit = static_cast<uint16_t>(1u << e.setting[i]);
      for (size_t j = 0; j < summed.size(); ++j) {
        if (!(masks[j] & bit)) continue;
        const bool cost = outcomes[summed[j]]->kind == OutcomeKind::kCostPerHead;
        out.sums[j][at * periods + k] += cost ? (e.cost[i] == kNoCost ? 0 : e.cost[i]) : 1;
      }
    }
    return out;
  }

  // Each patient's planned contacts in each period, in day order, scored per practice.
  ContinuitySums Continuity(std::span<const size_t> followed, const RowsByPatient& by_patient,
                            Range patients) const {
    const size_t periods = Periods(), n = cells();
    ContinuitySums out;
    out.total.assign(followed.size(), std::vector<double>(n, 0.0));
    out.counted.assign(n, 0.0);
    out.counted_pairs.assign(n, 0.0);
    const uint16_t planned = SettingMask(kContinuitySettings);
    const EventColumns& e = p.events;
    struct Contact {
      int period;
      uint32_t practice;  // position
      Day day;
      uint32_t event;
    };
    std::vector<Contact> contacts;
    std::vector<uint32_t> providers;
    std::vector<uint8_t> settings;
    for (size_t patient = patients.begin; patient < patients.end; ++patient) {
      contacts.clear();
      for (const uint32_t i : by_patient.Of(static_cast<uint32_t>(patient))) {
        if (!(planned & (1u << e.setting[i]))) continue;
        const uint32_t at = PracticeOf(i);
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
        out.counted[cell] += 1;
        if (scores.contacts >= 2) out.counted_pairs[cell] += 1;
        for (size_t j = 0; j < followed.size(); ++j) {
          const OutcomeDefinition& o = *outcomes[followed[j]];
          if (o.kind == OutcomeKind::kFragmentation) {
            out.total[j][cell] += o.fragmentation == FragmentationMeasure::kProviders
                                      ? scores.providers
                                      : scores.setting_handoffs;
          } else if (scores.contacts >= 2) {
            out.total[j][cell] += o.index == ContinuityIndex::kUsualProvider ? scores.usual_provider
                                  : o.index == ContinuityIndex::kBiceBoxerman ? scores.bice_boxerman
                                                                              : scores.sequential;
          }
        }
        first = last;
      }
    }
    return out;
  }
};

// The shipped indicators among `outcomes` (at `indicated`), each practice its own unit, summed
// over each period's months, into `out`.
Status MeasureIndicators(const Population& p, std::span<const uint32_t> practices,
                         std::span<const Day> period_starts,
                         std::span<const OutcomeDefinition* const> outcomes,
                         std::span<const size_t> indicated,
                         std::span<const VoiceResponse> responses, PracticeOutcomes* out) {
  const size_t periods = period_starts.size() - 1;
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
          out->values[indicated[j]][unit * periods + k] = numerator / denominator * scale;
        }
      }
    }
  }
  return Status::Ok();
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

  // Cost and activity over slices of the events, continuity and fragmentation over slices of
  // the patients, and the indicators, side by side; the slices' sums are added in their order.
  std::vector<size_t> summed, followed, indicated;
  for (size_t o = 0; o < outcomes.size(); ++o) {
    switch (outcomes[o]->kind) {
      case OutcomeKind::kCostPerHead:
      case OutcomeKind::kActivityRate:
        summed.push_back(o);
        break;
      case OutcomeKind::kContinuity:
      case OutcomeKind::kFragmentation:
        followed.push_back(o);
        break;
      case OutcomeKind::kIndicator:
        indicated.push_back(o);
        break;
    }
  }
  out.values.assign(outcomes.size(), std::vector<double>(cells, kNaN));
  const EventColumns& e = p.events;
  const size_t event_slices = summed.empty() ? 0 : kSlices;
  const size_t patient_slices = followed.empty() ? 0 : kSlices;
  std::vector<ActivitySums> activity(event_slices);
  std::vector<ContinuitySums> continuity(patient_slices);
  std::optional<RowsByPatient> by_patient;
  Status indicators_status = Status::Ok();
  const Measure measure{p, position, period_starts, outcomes, practices.size()};
  // First the indicators (the longest task), the events' index by patient and the activity;
  // then the continuity, which reads that index.
  ParallelFor(2 + event_slices, [&](size_t task) {
    if (task == 0 && !indicated.empty()) {
      indicators_status =
          MeasureIndicators(p, practices, period_starts, outcomes, indicated, responses, &out);
    } else if (task == 1 && !followed.empty()) {
      by_patient = RowsByPatient::Of(e.patient, p.patients.size());
    } else if (task >= 2) {
      activity[task - 2] = measure.Activity(summed, Slice(e.size(), task - 2));
    }
  });
  ParallelFor(patient_slices, [&](size_t slice) {
    continuity[slice] = measure.Continuity(followed, *by_patient, Slice(p.patients.size(), slice));
  });
  if (!indicators_status.ok()) return indicators_status;
  for (size_t j = 0; j < summed.size(); ++j) {
    const bool cost = outcomes[summed[j]]->kind == OutcomeKind::kCostPerHead;
    for (size_t c = 0; c < cells; ++c) {
      if (out.patient_years[c] <= 0) continue;
      int64_t sum = 0;
      for (const ActivitySums& slice : activity) sum += slice.sums[j][c];
      out.values[summed[j]][c] = cost ? static_cast<double>(sum) / 100.0 / out.patient_years[c]
                                      : static_cast<double>(sum) / out.patient_years[c] * 1000.0;
    }
  }
  for (size_t j = 0; j < followed.size(); ++j) {
    const bool is_continuity = outcomes[followed[j]]->kind == OutcomeKind::kContinuity;
    for (size_t c = 0; c < cells; ++c) {
      double n = 0, total = 0;
      for (const ContinuitySums& slice : continuity) {
        n += is_continuity ? slice.counted_pairs[c] : slice.counted[c];
        total += slice.total[j][c];
      }
      if (n > 0) out.values[followed[j]][c] = total / n;
    }
  }
  return out;
}

}  // namespace continuum
