#include "clinical/indicator_evaluation.h"

#include <algorithm>
#include <atomic>
#include <bit>
#include <functional>
#include <numeric>
#include <span>
#include <thread>
#include <tuple>

#include "engine/registered_on.h"

namespace continuum {
namespace {

constexpr int kAges = 101;              // single years of age, 100 meaning 100 and over
constexpr int kAgeBands = 19;           // five-year bands to 90 and over, for standardisation
constexpr int kStrata = kAgeBands * 2;  // the bands by sex
constexpr uint32_t kNone = UINT32_MAX;

// A code outside the mask's 32 bits (such as a missing code, 255) is never in it.
bool HasBit(uint32_t mask, int bit) { return bit >= 0 && bit < 32 && ((mask >> bit) & 1u); }

// An event filter resolved against the population's dictionaries: matching is a lookup.
struct CompiledFilter {
  uint16_t settings = 0;
  std::vector<uint8_t> diagnosis, procedure, specialty, medicine;  // empty: any
  bool diagnosis_given = false, procedure_given = false, specialty_given = false,
       medicine_given = false;

  CompiledFilter() = default;
  CompiledFilter(const EventFilter& f, const EventColumns& e) : settings(f.settings) {
    auto compile = [](const std::optional<CodePatterns>& p, const Dictionary& d,
                      std::vector<uint8_t>* out, bool* given) {
      if (!p) return;
      *out = p->Compile(d);
      *given = true;
    };
    compile(f.diagnosis, e.diagnoses, &diagnosis, &diagnosis_given);
    compile(f.procedure, e.procedures, &procedure, &procedure_given);
    compile(f.specialty, e.specialties, &specialty, &specialty_given);
    compile(f.medicine, e.medicines, &medicine, &medicine_given);
  }

  bool Matches(const EventColumns& e, size_t i) const {
    if (settings != 0 && !((settings >> e.setting[i]) & 1u)) return false;
    // A column is read only when its codes are asked for: most filters name only settings.
    auto hit = [](const std::vector<uint8_t>& table, uint32_t code) {
      return code != Dictionary::kMissing && code < table.size() && table[code];
    };
    return (!diagnosis_given || hit(diagnosis, e.diagnosis[i])) &&
           (!procedure_given || hit(procedure, e.procedure[i])) &&
           (!specialty_given ||
            hit(specialty, e.specialty[i] == UINT16_MAX ? Dictionary::kMissing : e.specialty[i])) &&
           (!medicine_given || hit(medicine, e.medicine[i]));
  }
};

// Calls visit(x) for each event x in [from, to) whose setting is in `settings` (bit s: Setting
// s), in order. Events are gathered a block at a time and the columns of those a few ahead are
// fetched early, since the events asked for are scattered among the rest.
template <typename Visit>
void ForEventsOfSettings(const EventColumns& e, size_t from, size_t to, uint32_t settings,
                         Visit visit) {
  constexpr size_t kBlock = 4096, kAhead = 16;
  uint8_t wanted[256] = {};
  for (int k = 0; k < 32; ++k) wanted[k] = HasBit(settings, k);
  std::vector<uint32_t> rows(kBlock);
  for (size_t start = from; start < to; start += kBlock) {
    const size_t end = std::min(to, start + kBlock);
    size_t n = 0;
    for (size_t x = start; x < end; ++x) {
      rows[n] = static_cast<uint32_t>(x);
      n += wanted[e.setting[x]];
    }
    for (size_t k = 0; k < n; ++k) {
      if (k + kAhead < n) {
        const uint32_t ahead = rows[k + kAhead];
        __builtin_prefetch(&e.patient[ahead]);
        __builtin_prefetch(&e.day[ahead]);
        __builtin_prefetch(&e.practice[ahead]);
        __builtin_prefetch(&e.diagnosis[ahead]);
        __builtin_prefetch(&e.length_of_stay[ahead]);
      }
      visit(rows[k]);
    }
  }
}

// Rows of a per-patient column grouped by patient: rows of p are order[first[p]..first[p+1]).
struct ByPatient {
  std::vector<uint32_t> first, order;
  template <typename DayColumn>
  ByPatient(std::span<const uint32_t> patient, const DayColumn& day, size_t patients)
      : first(patients + 1, 0), order(patient.size()) {
    for (uint32_t p : patient) ++first[p + 1];
    std::partial_sum(first.begin(), first.end(), first.begin());
    std::vector<uint32_t> next(first.begin(), first.end() - 1);
    for (uint32_t r = 0; r < patient.size(); ++r) order[next[patient[r]]++] = r;
    auto by_day = [&](uint32_t a, uint32_t b) { return day[a] < day[b]; };
    for (size_t p = 0; p < patients; ++p) {
      const auto begin = order.begin() + first[p], end = order.begin() + first[p + 1];
      if (!std::is_sorted(begin, end, by_day)) std::stable_sort(begin, end, by_day);
    }
  }
};

// Age in completed years on the last day of month `m` (a MonthIndex) for a birth on b.
int AgeAtMonthEnd(const CivilDate& b, int m, int days_in_month) {
  const int months = m - (b.year * 12 + b.month - 1);
  int age = months / 12;
  if (months % 12 == 0 && b.day > days_in_month) --age;  // born on the 29th of February
  return months < 0 ? -1 : age;
}

// One record of a condition: on its register from onset until resolved (kNoDay: still on it).
struct ConditionSpan {
  Day onset, resolved;
  int condition;
};

// Counts for one indicator: [unit * months + month], practices only (the ICO is summed after).
struct Counts {
  std::vector<int64_t> numerator, denominator;
  void Resize(size_t n) {
    numerator.assign(n, 0);
    denominator.assign(n, 0);
  }
  void Add(const Counts& o) {
    for (size_t i = 0; i < numerator.size(); ++i) {
      numerator[i] += o.numerator[i];
      denominator[i] += o.denominator[i];
    }
  }
};

// Exclusion tallies on the period's reference day, for the coverage line.
struct Tally {
  int64_t eligible = 0, counted = 0;
  std::vector<int64_t> excluded;  // by reason index of the indicator
  void Add(const Tally& o) {
    eligible += o.eligible;
    counted += o.counted;
    if (excluded.size() < o.excluded.size()) excluded.resize(o.excluded.size());
    for (size_t i = 0; i < o.excluded.size(); ++i) excluded[i] += o.excluded[i];
  }
};

// Rates and ratios of events count their coverage from the ICO's period denominator.
void CoverageOfRates(IndicatorSeries* s, size_t ico) {
  const Indicator& ind = *s->indicator;
  if (ind.base == Indicator::Base::kPersonTime) {
    s->coverage.eligible = s->coverage.denominator =
        static_cast<int64_t>(s->period[ico].denominator + 0.5);
  } else if (ind.base == Indicator::Base::kEvents && ind.measure == IndicatorMeasure::kRatio) {
    s->coverage.eligible = s->coverage.denominator =
        static_cast<int64_t>(s->period[ico].denominator);
  }
}

class Evaluator {
 public:
  Evaluator(const Population& p, std::span<const Indicator> indicators, const QualityScope& s,
            std::span<const VoiceResponse> responses)
      : p_(p), indicators_(indicators), scope_(s), responses_(responses) {}

  Result<QualityEvaluation> Run();

 private:
  struct Work {                        // one thread's share
    std::vector<Counts> counts;        // by indicator
    std::vector<Tally> tallies;        // by indicator
    std::vector<int64_t> person_days;  // [(unit * months + month) * kAges * 2 + age * 2 + sex]
    int64_t registered = 0;            // on a member list on the period's reference day
    // Rates' events by month and stratum: [(indicator * months + month) * kStrata + stratum].
    std::vector<int64_t> observed_by_stratum;
    std::vector<std::pair<Day, float>> records;  // Snapshot()'s: one patient's observations
    std::vector<ConditionSpan> conditions;       // and conditions
    // Runs of whole months registered at one age, as a difference array by member practice,
    // age, sex and month: [((unit * kAges + age) * 2 + sex) * (months_ + 1) + month];
    // PersonTime() writes them and WholeMonths() adds them up.
    std::vector<int32_t> whole_months;
  };

  size_t Cell(uint32_t unit, int month) const { return size_t(unit) * months_ + month; }
  // Days from first_day_ to last_day_ only.
  int MonthOf(Day day) const { return month_of_day_[day - first_day_]; }
  Day MonthStartOf(int month) const { return month == 0 ? first_day_ : month_end_[month - 1] + 1; }
  // Age in completed years on `day`, inside the measured months, of someone born on `b` (as
  // AgeOn(), with the day's date from the month tables rather than the calendar).
  int AgeOnDay(const CivilDate& b, Day day) const {
    const int m = MonthOf(day), month = first_month_ + m;
    const int on_month = month % 12 + 1, on_day = day - MonthStartOf(m) + 1;
    const bool before_birthday = on_month < b.month || (on_month == b.month && on_day < b.day);
    return month / 12 - b.year - before_birthday;
  }
  bool InPeriod(int month) const { return in_period_[month]; }
  uint32_t UnitOn(uint32_t patient, Day day) const {
    const uint32_t practice = p_.PracticeOn(patient, day);
    return practice == Dictionary::kMissing ? kNone : scope_.unit_of[practice];
  }

  void PatientPass(size_t from, size_t to, Work* w) const;
  void Snapshot(uint32_t patient, Work* w) const;
  void PersonTime(uint32_t patient, Work* w) const;
  void WholeMonths(Work* w) const;
  void Death(uint32_t patient, Work* w) const;
  void EventPass(size_t from, size_t to, Work* w) const;
  void FollowUps(std::vector<Counts>* counts, std::vector<Tally>* tallies) const;
  void Responses(Work* w) const;
  void NewWork(Work* w, bool patients) const;  // patients: for PatientPass()

  const Population& p_;
  std::span<const Indicator> indicators_;
  const QualityScope& scope_;
  std::span<const VoiceResponse> responses_;
  int first_month_ = 0, months_ = 0;
  size_t units_ = 0;  // member practices
  Day data_start_ = 0, data_end_ = 0;
  int period_month_ = -1;  // the month whose last day is the period's reference day
  std::vector<std::vector<uint8_t>> reported_;  // by indicator, by month
  std::vector<CompiledFilter> denominator_, numerator_, follow_;
  std::vector<std::vector<std::string>> reasons_;       // exclusion reasons by indicator
  std::vector<std::vector<uint8_t>> prescription_hit_;  // by indicator criterion: medicine ids
  std::vector<size_t> patient_indicators_;              // the measures of patients
  std::vector<uint32_t> reported_patients_;  // by month: bit j, patient_indicators_[j] measures it
  // By setting: the indicators EventPass() counts its events towards (rates and ratios).
  std::vector<size_t> event_indicators_[kSettingCount];
  // The whole months, looked up rather than computed from the calendar in the passes.
  Day first_day_ = 0, last_day_ = 0;  // the first month's first day, the last month's last
  std::vector<int> days_in_month_;
  std::vector<Day> month_end_;         // by month: its last day, the reference day
  std::vector<uint8_t> in_period_;     // by month: 1 when it begins within the period
  std::vector<int16_t> month_of_day_;  // by day from first_day_: its month
  ByPatient* observations_ = nullptr;
  ByPatient* conditions_ = nullptr;
  std::vector<CivilDate> birth_;                         // per patient
  std::vector<uint32_t> prescription_first_;             // per patient, into prescriptions_
  std::vector<std::pair<Day, uint32_t>> prescriptions_;  // (day, medicine id) by patient
};

void Evaluator::NewWork(Work* w, bool patients) const {
  w->counts.resize(indicators_.size());
  for (Counts& c : w->counts) c.Resize(units_ * months_);
  w->tallies.resize(indicators_.size());
  for (size_t i = 0; i < indicators_.size(); ++i) w->tallies[i].excluded.resize(reasons_[i].size());
  w->person_days.assign(units_ * months_ * kAges * 2, 0);
  const bool person_time = std::any_of(indicators_.begin(), indicators_.end(), [](auto& ind) {
    return ind.base == Indicator::Base::kPersonTime;
  });
  if (person_time && patients) w->whole_months.assign(units_ * kAges * 2 * (months_ + 1), 0);
  w->observed_by_stratum.assign(indicators_.size() * months_ * kStrata, 0);
}

// Registered on the reference day of month m at a member practice: the measures of patients.
void Evaluator::Snapshot(uint32_t patient, Work* w) const {
  const PatientColumns& pc = p_.patients;
  const RegistrationColumns& reg = p_.registrations;
  const CivilDate& birth = birth_[patient];
  const uint32_t r0 = pc.first_registration[patient], r1 = pc.first_registration[patient + 1];
  if (r0 == r1) return;
  // The cohorts this patient can ever enter: on one of its registers at some time, with the
  // record it asks for at some time. Someone who can enter none is only counted as registered.
  uint32_t ever_on = 0, kinds = 0;
  w->conditions.clear();
  for (uint32_t k = conditions_->first[patient]; k < conditions_->first[patient + 1]; ++k) {
    const uint32_t row = conditions_->order[k];
    const ConditionColumns& c = p_.conditions;
    w->conditions.push_back({c.onset[row], c.resolved[row], c.condition[row]});
    ever_on |= 1u << c.condition[row];
  }
  for (uint32_t k = observations_->first[patient]; k < observations_->first[patient + 1]; ++k)
    kinds |= 1u << p_.observations.kind[observations_->order[k]];
  uint32_t may_enter = 0;  // bit j: patient_indicators_[j]
  for (size_t j = 0; j < patient_indicators_.size(); ++j) {
    const PatientCohort& c = indicators_[patient_indicators_[j]].cohort;
    if ((c.registers == 0 || (ever_on & c.registers) != 0) &&
        (!c.with_record || HasBit(kinds, static_cast<int>(c.with_record->observation))))
      may_enter |= 1u << j;
  }
  if (may_enter == 0) {
    const Day ref = month_end_[period_month_];
    if (AliveOn(p_, patient, ref) && UnitOn(patient, ref) != kNone) ++w->registered;
    return;
  }
  // This patient's observations by kind, each kind's in day order: of kind k, records
  // [first[k], first[k + 1]) of w->records.
  uint32_t first[kObservationKindCount + 1] = {};
  for (uint32_t k = observations_->first[patient]; k < observations_->first[patient + 1]; ++k)
    ++first[p_.observations.kind[observations_->order[k]] + 1];
  for (int k = 0; k < kObservationKindCount; ++k) first[k + 1] += first[k];
  w->records.resize(first[kObservationKindCount]);
  {
    uint32_t next[kObservationKindCount];
    std::copy(first, first + kObservationKindCount, next);
    for (uint32_t k = observations_->first[patient]; k < observations_->first[patient + 1]; ++k) {
      const uint32_t row = observations_->order[k];
      w->records[next[p_.observations.kind[row]]++] = {p_.observations.day[row],
                                                       p_.observations.value[row]};
    }
  }
  const auto scripts_begin = prescriptions_.begin() + prescription_first_[patient];
  const auto scripts_end = prescriptions_.begin() + prescription_first_[patient + 1];
  // Whether the record up to `ref` shows what `crit` asks (`hit`: the medicines it names).
  auto Meets = [&](const RecordCriterion& crit, const std::vector<uint8_t>& hit, Day ref) {
    const Day from = ref - crit.within_days + 1;
    if (crit.kind == RecordCriterion::Kind::kPrescription) {
      for (auto it = scripts_begin; it != scripts_end && it->first <= ref; ++it) {
        if (it->first >= from && hit[it->second]) return true;
      }
      return false;
    }
    const int kind = static_cast<int>(crit.observation);
    const auto begin = w->records.begin() + first[kind];
    auto end = std::upper_bound(begin, w->records.begin() + first[kind + 1], std::pair{ref, 1e30f});
    if (end == begin || std::prev(end)->first < from) return false;
    if (crit.values != 0) {
      for (auto it = end; it != begin && std::prev(it)->first >= from; --it) {
        if (HasBit(crit.values, static_cast<int>(std::prev(it)->second))) return true;
      }
      return false;
    }
    const double latest = std::prev(end)->second;
    if (crit.latest_at_most && latest > *crit.latest_at_most) return false;
    if (crit.latest_at_least && latest < *crit.latest_at_least) return false;
    return true;
  };
  uint32_t r = r0;
  for (int m = 0; m < months_; ++m) {
    const Day ref = month_end_[m];
    while (r < r1 && reg.end[r] < ref) ++r;
    if (r == r1) break;
    if (reg.start[r] > ref) continue;
    const uint32_t unit = scope_.unit_of[reg.practice[r]];
    if (unit == kNone) continue;
    if (!AliveOn(p_, patient, ref)) break;
    const bool period_day = m == period_month_;
    if (period_day) ++w->registered;
    const int age = AgeAtMonthEnd(birth, first_month_ + m, days_in_month_[m]);
    // Registers on the day, and since when: the earliest onset of the current records, since a
    // condition recorded again while still current does not start the register anew.
    uint32_t registers = 0;
    Day onset[kConditionCount];
    for (const ConditionSpan& c : w->conditions) {
      if (c.onset <= ref && (c.resolved == kNoDay || c.resolved > ref)) {
        if (!HasBit(registers, c.condition) || c.onset < onset[c.condition])
          onset[c.condition] = c.onset;
        registers |= 1u << c.condition;
      }
    }
    for (uint32_t todo = may_enter & reported_patients_[m]; todo != 0; todo &= todo - 1) {
      const size_t i = patient_indicators_[std::countr_zero(todo)];
      const Indicator& ind = indicators_[i];
      const PatientCohort& c = ind.cohort;
      if (age < c.age_min || age > c.age_max) continue;
      if (c.registers != 0 && (registers & c.registers) == 0) continue;
      if (c.with_record && !Meets(*c.with_record, {}, ref)) continue;
      const bool tally = period_day;
      Tally& t = w->tallies[i];
      if (tally) ++t.eligible;
      // Exclusions in the order of reasons_[i].
      int reason = 0;
      bool excluded = false;
      if (c.newly_registered_days > 0) {
        if (!excluded && ref - reg.start[r] + 1 < c.newly_registered_days) {
          excluded = true;
          if (tally) ++t.excluded[reason];
        }
        ++reason;
      }
      if (c.newly_diagnosed_days > 0) {
        Day since = kNoDay;  // on one of the cohort's registers
        for (uint32_t on = registers & c.registers; on != 0; on &= on - 1)
          since = std::min(since, onset[std::countr_zero(on)]);
        if (!excluded && ref - since + 1 < c.newly_diagnosed_days) {
          excluded = true;
          if (tally) ++t.excluded[reason];
        }
        ++reason;
      }
      // The excluding registers are reasons in condition order; the first one held counts.
      if (const uint32_t held = registers & c.excluded_registers; !excluded && held != 0) {
        excluded = true;
        const uint32_t before = (1u << std::countr_zero(held)) - 1;
        if (tally) ++t.excluded[reason + std::popcount(c.excluded_registers & before)];
      }
      reason += std::popcount(c.excluded_registers);
      if (c.exclude_care_adjusted && !excluded) {
        const RecordCriterion adjusted{.observation = ObservationKind::kCareAdjustment,
                                       .within_days = 365,
                                       .values = c.registers};
        if (Meets(adjusted, {}, ref)) {
          excluded = true;
          if (tally) ++t.excluded[reason];
        }
      }
      if (excluded) continue;
      if (tally) ++t.counted;
      Counts& counts = w->counts[i];
      ++counts.denominator[Cell(unit, m)];
      bool met = true;
      for (size_t k = 0; k < ind.all_of.size() && met; ++k)
        met = Meets(ind.all_of[k], prescription_hit_[i * 8 + k], ref);
      if (met) ++counts.numerator[Cell(unit, m)];
    }
  }
}

// Registered person-days by member practice, month, single year of age and sex.
void Evaluator::PersonTime(uint32_t patient, Work* w) const {
  const PatientColumns& pc = p_.patients;
  const RegistrationColumns& reg = p_.registrations;
  const CivilDate& birth = birth_[patient];
  const int sex = pc.sex[patient];
  const bool leap_day = birth.month == 2 && birth.day == 29;
  const int born = birth.year * 12 + birth.month - 1;  // the month of birth
  auto add_days = [&](uint32_t unit, int m, Day from, Day to) {
    const int age =
        std::clamp(AgeAtMonthEnd(birth, first_month_ + m, days_in_month_[m]), 0, kAges - 1);
    w->person_days[(Cell(unit, m) * kAges + age) * 2 + sex] += to - from + 1;
  };
  for (uint32_t r = pc.first_registration[patient]; r < pc.first_registration[patient + 1]; ++r) {
    const uint32_t unit = scope_.unit_of[reg.practice[r]];
    if (unit == kNone) continue;
    const Day last = std::min(LastDayOn(p_, r), last_day_);
    Day day = std::max(reg.start[r], first_day_);
    if (day > last) continue;
    int from = MonthOf(day), to = MonthOf(last);
    if (leap_day || from == to) {  // month by month
      for (int m = from; m <= to; ++m)
        add_days(unit, m, std::max(day, MonthStartOf(m)), std::min(last, month_end_[m]));
      continue;
    }
    // Part months on their own; the whole months between as a run in whole_months.
    if (day != MonthStartOf(from)) {
      add_days(unit, from, day, month_end_[from]);
      ++from;
    }
    if (last != month_end_[to]) {
      add_days(unit, to, MonthStartOf(to), last);
      --to;
    }
    // Runs of one age: each ends in the month before the next birthday's month.
    for (int m = from, end; m <= to; m = end + 1) {
      const int months_old = first_month_ + m - born;
      const int age = std::clamp(months_old / 12, 0, kAges - 1);
      if (months_old < 0)  // registered before birth: counted at 0, as a month at a time
        end = m;
      else
        end = age == kAges - 1 ? to : std::min(to, m + 11 - months_old % 12);
      const size_t run = ((size_t(unit) * kAges + age) * 2 + sex) * (months_ + 1);
      ++w->whole_months[run + m];
      --w->whole_months[run + end + 1];
    }
  }
}

// Adds the runs of whole months in w->whole_months to w->person_days.
void Evaluator::WholeMonths(Work* w) const {
  const int32_t* run = w->whole_months.data();
  for (size_t unit = 0; unit < units_; ++unit) {
    for (int age = 0; age < kAges; ++age) {
      for (int sex = 0; sex < 2; ++sex, run += months_ + 1) {
        int64_t patients = 0;
        for (int m = 0; m < months_; ++m) {
          patients += run[m];
          if (patients != 0)
            w->person_days[(Cell(unit, m) * kAges + age) * 2 + sex] += patients * days_in_month_[m];
        }
      }
    }
  }
}

void Evaluator::Death(uint32_t patient, Work* w) const {
  const PatientColumns& pc = p_.patients;
  const Day died = pc.death[patient];
  if (died == kNoDay || died < first_day_ || died > last_day_) return;
  const uint32_t unit = UnitOn(patient, died);
  if (unit == kNone) return;
  const int m = MonthOf(died);
  for (size_t i = 0; i < indicators_.size(); ++i) {
    const Indicator& ind = indicators_[i];
    if (ind.base != Indicator::Base::kDeaths) continue;
    Tally& t = w->tallies[i];
    const bool tally = InPeriod(m);
    if (tally) ++t.eligible;
    const uint8_t preferred = pc.preferred_place[patient];
    if (ind.deaths_with_preferred_place && preferred == kNoCode) {
      if (tally) ++t.excluded[0];
      continue;
    }
    if (tally) ++t.counted;
    Counts& c = w->counts[i];
    ++c.denominator[Cell(unit, m)];
    const uint8_t place = pc.death_place[patient];
    const bool met =
        ind.death_in_preferred_place ? place == preferred : HasBit(ind.death_places, place);
    if (met) ++c.numerator[Cell(unit, m)];
  }
}

void Evaluator::PatientPass(size_t from, size_t to, Work* w) const {
  bool snapshot = false, person_time = false, deaths = false;
  for (const Indicator& ind : indicators_) {
    snapshot |= ind.base == Indicator::Base::kPatients;
    person_time |= ind.base == Indicator::Base::kPersonTime;
    deaths |= ind.base == Indicator::Base::kDeaths;
  }
  const PatientColumns& pc = p_.patients;
  const RegistrationColumns& reg = p_.registrations;
  for (uint32_t patient = static_cast<uint32_t>(from); patient < to; ++patient) {
    // Every count of a patient goes to the unit of a registration: someone never registered with
    // a practice in scope counts nowhere (a commissioner's shard holds many such).
    bool in_scope = false;
    for (uint32_t r = pc.first_registration[patient]; r < pc.first_registration[patient + 1]; ++r)
      in_scope |= scope_.unit_of[reg.practice[r]] != kNone;
    if (!in_scope) continue;
    if (snapshot || period_month_ >= 0) Snapshot(patient, w);
    if (person_time) PersonTime(patient, w);
    if (deaths) Death(patient, w);
  }
}

// Events counted in the month they fall in (admissions in the month of discharge when a
// follow-up or a live discharge is asked for).
void Evaluator::EventPass(size_t from, size_t to, Work* w) const {
  const EventColumns& e = p_.events;
  const PatientColumns& pc = p_.patients;
  const Day first = first_day_, last = last_day_;
  uint32_t settings = 0;
  for (int k = 0; k < kSettingCount; ++k) settings |= uint32_t{!event_indicators_[k].empty()} << k;
  ForEventsOfSettings(e, from, to, settings, [&](size_t x) {
    const std::vector<size_t>& counting = event_indicators_[e.setting[x]];
    const uint32_t unit = scope_.unit_of[e.practice[x]];
    if (unit == kNone || e.day[x] < first) return;
    for (size_t i : counting) {
      const Indicator& ind = indicators_[i];
      if (ind.base == Indicator::Base::kPersonTime) {
        if (e.day[x] > last || !numerator_[i].Matches(e, x)) continue;
        const int age = AgeOnDay(birth_[e.patient[x]], e.day[x]);
        if (age < ind.cohort.age_min || age > ind.cohort.age_max) continue;
        const int m = MonthOf(e.day[x]);
        ++w->counts[i].numerator[Cell(unit, m)];
        const int band = std::min(age / 5, kAgeBands - 1);
        ++w->observed_by_stratum[(i * months_ + m) * kStrata + band * 2 + pc.sex[e.patient[x]]];
        continue;
      }
      if (ind.base != Indicator::Base::kEvents) continue;
      if (ind.measure == IndicatorMeasure::kRatio) {
        if (e.day[x] > last) continue;
        const bool denominator = denominator_[i].Matches(e, x);
        const bool numerator = numerator_[i].Matches(e, x);
        if (!denominator && !numerator) continue;
        const size_t cell = Cell(unit, MonthOf(e.day[x]));
        w->counts[i].denominator[cell] += denominator;
        w->counts[i].numerator[cell] += numerator;
      }
      // Proportions of events followed by another are counted in FollowUps().
    }
  });
}

// Proportions of events followed by another within a window (readmissions): the denominator
// events by discharge day, each looked up among the patient's later matching events.
void Evaluator::FollowUps(std::vector<Counts>* counts, std::vector<Tally>* tallies) const {
  const EventColumns& e = p_.events;
  const PatientColumns& pc = p_.patients;
  for (size_t i = 0; i < indicators_.size(); ++i) {
    const Indicator& ind = indicators_[i];
    if (ind.base != Indicator::Base::kEvents || ind.measure != IndicatorMeasure::kProportion)
      continue;
    // (patient, day, event) of the events that may follow, in that order.
    std::vector<std::tuple<uint32_t, Day, size_t>> follow;
    struct Index {  // an event of the denominator, read while its columns are at hand
      size_t x;
      uint32_t patient;
      Day day, end;  // its start, and its discharge (or its day)
    };
    std::vector<Index> index;
    // Only events of a setting either side names are looked at closely.
    const uint32_t settings = follow_[i].settings == 0 || denominator_[i].settings == 0
                                  ? ~0u
                                  : follow_[i].settings | denominator_[i].settings;
    ForEventsOfSettings(e, 0, e.size(), settings, [&](size_t x) {
      if (follow_[i].Matches(e, x)) follow.emplace_back(e.patient[x], e.day[x], x);
      if (denominator_[i].Matches(e, x)) {
        const uint16_t stay = e.length_of_stay[x];
        index.push_back({x, e.patient[x], e.day[x], e.day[x] + (stay == kNoStay ? 0 : stay)});
      }
    });
    std::sort(follow.begin(), follow.end());
    Counts& c = (*counts)[i];
    Tally& t = (*tallies)[i];
    const Day first = first_day_, last = last_day_;
    for (const auto& [x, patient, day, end] : index) {
      if (end < first || end > last) continue;
      const uint32_t unit = UnitOn(patient, day);
      if (unit == kNone) continue;
      const int m = MonthOf(end);
      const bool tally = InPeriod(m);
      if (tally) ++t.eligible;
      if (ind.denominator_events.discharged_alive && pc.death[patient] <= end) {
        if (tally) ++t.excluded[0];
        continue;
      }
      if (!reported_[i][m]) {
        if (tally) ++t.excluded[1];
        continue;
      }
      if (tally) ++t.counted;
      ++c.denominator[Cell(unit, m)];
      // An event from the day of discharge to the end of the window that came after this one:
      // on a later day than its start or, on the day of a discharge the same day, recorded
      // after it (events are in event_id order), so the admission never follows itself.
      auto it = std::lower_bound(follow.begin(), follow.end(), std::tuple{patient, end, size_t{0}});
      bool met = false;
      for (; it != follow.end() && std::get<0>(*it) == patient &&
             std::get<1>(*it) <= end + ind.followed_within_days;
           ++it) {
        if (std::get<1>(*it) > day || std::get<2>(*it) > x) {
          met = true;
          break;
        }
      }
      if (met) ++c.numerator[Cell(unit, m)];
    }
  }
}

// Survey responses about a unit's practices, counted in the month they were given: each answer
// to the indicator's question in the denominator, those it counts in the numerator.
void Evaluator::Responses(Work* w) const {
  for (size_t i = 0; i < indicators_.size(); ++i) {
    const Indicator& ind = indicators_[i];
    if (ind.base != Indicator::Base::kResponses) continue;
    for (const VoiceResponse& r : responses_) {
      if (r.survey != ind.survey || r.responded_on < first_day_ || r.responded_on > last_day_)
        continue;
      const uint32_t practice = p_.organisations.ids.Find(r.practice);
      if (practice == Dictionary::kMissing || scope_.unit_of[practice] == kNone) continue;
      const int m = MonthOf(r.responded_on);
      const size_t cell = Cell(scope_.unit_of[practice], m);
      for (const VoiceAnswer& a : r.answers) {
        if (a.question != ind.question) continue;
        ++w->counts[i].denominator[cell];
        w->counts[i].numerator[cell] +=
            std::find(ind.answers.begin(), ind.answers.end(), a.answer) != ind.answers.end();
        if (InPeriod(m)) {
          ++w->tallies[i].eligible;
          ++w->tallies[i].counted;
        }
      }
    }
  }
}

}  // namespace

void MeasureOverPeriod(IndicatorSeries* series, const QualityEvaluation& e,
                       const std::vector<uint8_t>& in_period, int period_month) {
  IndicatorSeries& s = *series;
  const Indicator& ind = *s.indicator;
  const size_t units = e.units, ico = units - 1;
  const int months = e.month_count;
  auto cell = [&](size_t u, int m) { return u * months + m; };
  if (ind.base == Indicator::Base::kPersonTime) {
    // The ICO's rate in each band and sex over the period, applied to each unit's
    // person-years, gives the count expected (indirect standardisation).
    double rate[kStrata] = {};
    double observed = 0, years = 0;
    for (int k = 0; k < kStrata; ++k) {
      double band = 0, o = 0;
      for (int m = 0; m < months; ++m) {
        if (!in_period[m]) continue;
        band += s.years_by_stratum[cell(ico, m) * kStrata + k];
        o += static_cast<double>(s.observed_by_stratum[m * kStrata + k]);
      }
      rate[k] = band > 0 ? o / band : 0;
      observed += o;
      years += band;
    }
    s.ico_rate = years > 0 ? observed / years : 0;
    for (size_t u = 0; u < units; ++u) {
      for (int m = 0; m < months; ++m) {
        double expected = 0;
        for (int k = 0; k < kStrata; ++k)
          expected += s.years_by_stratum[cell(u, m) * kStrata + k] * rate[k];
        s.points[cell(u, m)].expected = expected;
      }
    }
  }
  // Over the period: the reference day's measure of patients; sums of everything else.
  s.period.assign(units, {});
  for (size_t u = 0; u < units; ++u) {
    if (ind.base == Indicator::Base::kPatients) {
      s.period[u] = s.points[cell(u, period_month)];
      continue;
    }
    for (int m = 0; m < months; ++m) {
      if (!in_period[m] || !s.reported[m]) continue;
      s.period[u].numerator += s.points[cell(u, m)].numerator;
      s.period[u].denominator += s.points[cell(u, m)].denominator;
      s.period[u].expected += s.points[cell(u, m)].expected;
    }
  }
  s.period_reference = MonthEnd(e.first_month + period_month);
}

namespace {

Result<QualityEvaluation> Evaluator::Run() {
  const EventColumns& e = p_.events;
  if (e.size() == 0) return Status::InvalidInput("the workspace holds no activity to measure");
  units_ = scope_.practices.size();
  data_start_ = e.first_day;
  data_end_ = e.last_day;
  // Whole months only.
  first_month_ =
      MonthIndex(data_start_) + (MonthStart(MonthIndex(data_start_)) == data_start_ ? 0 : 1);
  const int last_month =
      MonthIndex(data_end_) - (MonthEnd(MonthIndex(data_end_)) == data_end_ ? 0 : 1);
  months_ = last_month - first_month_ + 1;
  if (months_ <= 0) return Status::InvalidInput("the activity does not cover one whole month");
  first_day_ = MonthStart(first_month_);
  last_day_ = MonthEnd(last_month);
  for (int m = 0; m < months_; ++m) {
    const Day start = MonthStart(first_month_ + m), end = MonthEnd(first_month_ + m);
    days_in_month_.push_back(end - start + 1);
    month_end_.push_back(end);
    in_period_.push_back(start >= scope_.period_start && start <= scope_.period_end);
    month_of_day_.insert(month_of_day_.end(), end - start + 1, static_cast<int16_t>(m));
    if (start <= scope_.period_end) period_month_ = m;
  }
  if (period_month_ < 0 || MonthEnd(first_month_ + period_month_) < scope_.period_start)
    return Status::InvalidInput("the period " + FormatDate(scope_.period_start) + " to " +
                                FormatDate(scope_.period_end) + " holds no whole month of data");

  // Which months each indicator can measure, and its exclusion reasons.
  for (const Indicator& ind : indicators_) {
    std::vector<uint8_t> ok(months_, 1);
    std::vector<std::string> reasons;
    for (int m = 0; m < months_; ++m) {
      const Day ref = MonthEnd(first_month_ + m);
      if (ind.base == Indicator::Base::kPatients) {
        int look_back = 0;
        for (const RecordCriterion& c : ind.all_of) look_back = std::max(look_back, c.within_days);
        if (ind.cohort.with_record)
          look_back = std::max(look_back, ind.cohort.with_record->within_days);
        if (ind.cohort.exclude_care_adjusted) look_back = std::max(look_back, 365);
        ok[m] = ref - look_back + 1 >= data_start_;
      } else if (ind.base == Indicator::Base::kEvents &&
                 ind.measure == IndicatorMeasure::kProportion) {
        ok[m] = ref + ind.followed_within_days <= data_end_;
      }
    }
    const PatientCohort& c = ind.cohort;
    switch (ind.base) {
      case Indicator::Base::kPatients:
        if (c.newly_registered_days > 0)
          reasons.push_back("registered for fewer than " + std::to_string(c.newly_registered_days) +
                            " days");
        if (c.newly_diagnosed_days > 0)
          reasons.push_back("diagnosed fewer than " + std::to_string(c.newly_diagnosed_days) +
                            " days before");
        for (int cond = 0; cond < kConditionCount; ++cond) {
          if (HasBit(c.excluded_registers, cond))
            reasons.push_back("on the " + std::string(kConditionCodes[cond]) + " register");
        }
        if (c.exclude_care_adjusted)
          reasons.push_back("personalised care adjustment in the last 12 months");
        break;
      case Indicator::Base::kEvents:
        if (ind.measure == IndicatorMeasure::kProportion)
          reasons = {"died before discharge", "follow-up runs past the end of the data"};
        break;
      case Indicator::Base::kDeaths:
        reasons = {"no preferred place of death recorded"};
        break;
      case Indicator::Base::kPersonTime:
      case Indicator::Base::kResponses:
        break;
    }
    reported_.push_back(std::move(ok));
    reasons_.push_back(std::move(reasons));
    denominator_.emplace_back(ind.denominator_events, e);
    numerator_.emplace_back(ind.numerator_events, e);
    follow_.emplace_back(ind.followed_by, e);
    const size_t i = denominator_.size() - 1;
    if (ind.base == Indicator::Base::kPatients) patient_indicators_.push_back(i);
    const bool ratio =
        ind.base == Indicator::Base::kEvents && ind.measure == IndicatorMeasure::kRatio;
    if (ratio || ind.base == Indicator::Base::kPersonTime) {
      for (int setting = 0; setting < kSettingCount; ++setting) {
        const bool counts =
            HasBit(numerator_[i].settings, setting) || numerator_[i].settings == 0 ||
            (ratio && (HasBit(denominator_[i].settings, setting) || denominator_[i].settings == 0));
        if (counts) event_indicators_[setting].push_back(i);
      }
    }
  }
  for (const Indicator& ind : indicators_) {
    if (ind.all_of.size() > 8)
      return Status::InvalidInput(ind.file +
                                  ", field numerator.all_of: at most 8 criteria are supported");
  }
  if (patient_indicators_.size() > 32)
    return Status::InvalidInput("at most 32 indicators of patients can be evaluated at once, not " +
                                std::to_string(patient_indicators_.size()));
  reported_patients_.assign(months_, 0);
  for (size_t j = 0; j < patient_indicators_.size(); ++j) {
    for (int m = 0; m < months_; ++m)
      if (reported_[patient_indicators_[j]][m]) reported_patients_[m] |= 1u << j;
  }
  // Three threads: one follows up admissions (a scan of every event of its own) from the start,
  // while the others first group the patients' records, then each takes half the patients and
  // half the events, so that nothing runs alone at the end.
  Work works[3];
  NewWork(&works[2], false);
  std::thread follow_ups([&] { FollowUps(&works[2].counts, &works[2].tallies); });
  // Per-patient observations, conditions and prescriptions of a named medicine.
  const size_t patients = p_.patients.size();
  prescription_hit_.resize(indicators_.size() * 8);
  bool any_prescription = false;
  for (size_t i = 0; i < indicators_.size(); ++i) {
    for (size_t k = 0; k < indicators_[i].all_of.size(); ++k) {
      const RecordCriterion& c = indicators_[i].all_of[k];
      if (c.kind != RecordCriterion::Kind::kPrescription) continue;
      prescription_hit_[i * 8 + k] = c.medicine->Compile(e.medicines);
      any_prescription = true;
    }
  }
  prescription_first_.assign(patients + 1, 0);
  std::thread scripts([&] {
    birth_.resize(patients);
    for (size_t k = 0; k < patients; ++k) birth_[k] = CivilFromDay(p_.patients.birth[k]);
    if (!any_prescription) return;
    std::vector<std::pair<uint32_t, std::pair<Day, uint32_t>>> all;
    for (size_t x = 0; x < e.size(); ++x) {
      if (e.medicine[x] != Dictionary::kMissing)
        all.push_back({e.patient[x], {e.day[x], e.medicine[x]}});
    }
    if (!std::is_sorted(all.begin(), all.end())) std::sort(all.begin(), all.end());
    prescriptions_.reserve(all.size());
    for (const auto& [patient, script] : all) {
      ++prescription_first_[patient + 1];
      prescriptions_.push_back(script);
    }
    std::partial_sum(prescription_first_.begin(), prescription_first_.end(),
                     prescription_first_.begin());
  });
  ByPatient observations(p_.observations.patient, p_.observations.day, patients);
  ByPatient conditions(p_.conditions.patient, p_.conditions.onset, patients);
  observations_ = &observations;
  conditions_ = &conditions;
  NewWork(&works[0], true);
  NewWork(&works[1], true);
  scripts.join();
  // Each takes the next block of patients, then of events, until none is left.
  std::atomic<size_t> next_patients{0}, next_events{0};
  auto run = [&](int t) {
    constexpr size_t kPatients = 2048, kEvents = 1 << 18;
    for (size_t from; (from = next_patients.fetch_add(kPatients)) < patients;)
      PatientPass(from, std::min(patients, from + kPatients), &works[t]);
    if (!works[t].whole_months.empty()) WholeMonths(&works[t]);
    for (size_t from; (from = next_events.fetch_add(kEvents)) < e.size();)
      EventPass(from, std::min(e.size(), from + kEvents), &works[t]);
  };
  std::thread second(run, 1);
  run(0);
  second.join();
  follow_ups.join();
  Work& w = works[0];
  for (const Work& other : {std::cref(works[1]), std::cref(works[2])}) {
    for (size_t i = 0; i < indicators_.size(); ++i) {
      w.counts[i].Add(other.counts[i]);
      w.tallies[i].Add(other.tallies[i]);
    }
    for (size_t k = 0; k < w.person_days.size(); ++k) w.person_days[k] += other.person_days[k];
    for (size_t k = 0; k < w.observed_by_stratum.size(); ++k)
      w.observed_by_stratum[k] += other.observed_by_stratum[k];
    w.registered += other.registered;
  }
  Responses(&w);

  QualityEvaluation out;
  out.first_month = first_month_;
  out.month_count = months_;
  out.units = units_ + 1;
  const size_t ico = units_;
  for (size_t i = 0; i < indicators_.size(); ++i) {
    const Indicator& ind = indicators_[i];
    IndicatorSeries s;
    s.indicator = &ind;
    s.reported = reported_[i];
    s.points.assign(out.units * months_, {});
    s.period.assign(out.units, {});
    const Counts& c = w.counts[i];
    // Person-years in the age range, and by five-year band and sex for standardisation.
    const bool person_time = ind.base == Indicator::Base::kPersonTime;
    std::vector<double>& band_years = s.years_by_stratum;
    if (person_time) band_years.assign(size_t(out.units) * months_ * kStrata, 0.0);
    for (size_t u = 0; u < units_; ++u) {
      for (int m = 0; m < months_; ++m) {
        IndicatorPoint& pt = s.points[Cell(u, m)];
        pt.numerator = static_cast<double>(c.numerator[Cell(u, m)]);
        if (person_time) {
          for (int age = ind.cohort.age_min; age <= std::min(ind.cohort.age_max, kAges - 1);
               ++age) {
            for (int sex = 0; sex < 2; ++sex) {
              const double years = w.person_days[(Cell(u, m) * kAges + age) * 2 + sex] / 365.25;
              pt.denominator += years;
              band_years[(Cell(u, m) * kAgeBands + std::min(age / 5, kAgeBands - 1)) * 2 + sex] +=
                  years;
            }
          }
        } else {
          pt.denominator = static_cast<double>(c.denominator[Cell(u, m)]);
        }
      }
    }
    // The ICO is the sum of its practices.
    for (int m = 0; m < months_; ++m) {
      IndicatorPoint& total = s.points[Cell(ico, m)];
      for (size_t u = 0; u < units_; ++u) {
        total.numerator += s.points[Cell(u, m)].numerator;
        total.denominator += s.points[Cell(u, m)].denominator;
        if (!person_time) continue;
        for (int k = 0; k < kStrata; ++k)
          band_years[Cell(ico, m) * kStrata + k] += band_years[Cell(u, m) * kStrata + k];
      }
    }
    if (person_time)
      s.observed_by_stratum.assign(
          w.observed_by_stratum.begin() + static_cast<std::ptrdiff_t>(i * months_ * kStrata),
          w.observed_by_stratum.begin() + static_cast<std::ptrdiff_t>((i + 1) * months_ * kStrata));
    MeasureOverPeriod(&s, out, in_period_, period_month_);
    const Tally& t = w.tallies[i];
    s.coverage.registered = w.registered;
    s.coverage.eligible = t.eligible;
    s.coverage.denominator = t.counted;
    for (size_t k = 0; k < reasons_[i].size(); ++k)
      s.coverage.excluded.emplace_back(reasons_[i][k], t.excluded[k]);
    CoverageOfRates(&s, ico);
    out.series.push_back(std::move(s));
  }
  return out;
}

}  // namespace

Result<QualityEvaluation> EvaluationOverPeriod(const QualityEvaluation& evaluation,
                                               Day period_start, Day period_end) {
  QualityEvaluation out = evaluation;
  std::vector<uint8_t> in_period(out.month_count, 0);
  int period_month = -1;
  for (int m = 0; m < out.month_count; ++m) {
    const Day start = MonthStart(out.first_month + m);
    in_period[m] = start >= period_start && start <= period_end;
    if (start <= period_end) period_month = m;
  }
  if (period_month < 0 || MonthEnd(out.first_month + period_month) < period_start)
    return Status::InvalidInput("the period " + FormatDate(period_start) + " to " +
                                FormatDate(period_end) + " holds no whole month of data");
  const size_t ico = out.units - 1;
  for (IndicatorSeries& s : out.series) {
    MeasureOverPeriod(&s, out, in_period, period_month);
    s.coverage = {};
    CoverageOfRates(&s, ico);
  }
  return out;
}

QualityEvaluation MergeUnitsFrom(const QualityEvaluation& evaluation, size_t first) {
  const size_t units = evaluation.units, total = units - 1;
  if (first + 2 > total) return evaluation;  // fewer than two units to merge
  QualityEvaluation out;
  out.first_month = evaluation.first_month;
  out.month_count = evaluation.month_count;
  out.units = first + 2;
  const auto months = static_cast<size_t>(evaluation.month_count);
  // The unit a unit of the evaluation becomes.
  auto into = [&](size_t u) { return u < first ? u : u < total ? first : first + 1; };
  auto add = [](IndicatorPoint& to, const IndicatorPoint& from) {
    to.numerator += from.numerator;
    to.denominator += from.denominator;
    to.expected += from.expected;
    to.withheld |= from.withheld;
  };
  for (const IndicatorSeries& s : evaluation.series) {
    IndicatorSeries merged = s;  // what is not by unit stays as it is
    merged.points.assign(out.units * months, {});
    merged.period.assign(s.period.empty() ? 0 : out.units, {});
    for (size_t u = 0; u < units; ++u) {
      for (size_t m = 0; m < months; ++m)
        add(merged.points[into(u) * months + m], s.points[u * months + m]);
      if (!s.period.empty()) add(merged.period[into(u)], s.period[u]);
    }
    if (!s.years_by_stratum.empty()) {
      const size_t cells = units * months, strata = s.years_by_stratum.size() / cells;
      merged.years_by_stratum.assign(out.units * months * strata, 0);
      for (size_t u = 0; u < units; ++u) {
        for (size_t i = 0; i < months * strata; ++i)
          merged.years_by_stratum[into(u) * months * strata + i] +=
              s.years_by_stratum[u * months * strata + i];
      }
    }
    out.series.push_back(std::move(merged));
  }
  return out;
}

QualityScope QualityScopeOf(const Population& population, uint32_t ico, Day period_start,
                            Day period_end) {
  QualityScope s;
  s.ico = ico;
  s.period_start = period_start;
  s.period_end = period_end;
  const OrganisationColumns& o = population.organisations;
  s.unit_of.assign(o.size(), kNone);
  for (uint32_t org = 0; org < o.size(); ++org) {
    // Members on the period's last day (dated membership).
    if (o.kind[org] == static_cast<uint8_t>(OrgKind::kPractice) &&
        population.IcoOn(org, period_end) == ico) {
      s.unit_of[org] = static_cast<uint32_t>(s.practices.size());
      s.practices.push_back(org);
    }
  }
  return s;
}

Result<QualityEvaluation> EvaluateIndicators(const Population& population,
                                             std::span<const Indicator> indicators,
                                             const QualityScope& scope,
                                             std::span<const VoiceResponse> responses) {
  if (scope.practices.empty())
    return Status::InvalidInput("the ICO has no member practices to measure");
  return Evaluator(population, indicators, scope, responses).Run();
}

}  // namespace continuum
