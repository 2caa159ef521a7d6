// One pass over each patient's records serves every pathway: a record's match against every
// entry and step is a 64-bit mask built from a few table lookups (one bit per entry or step),
// the records that match anything are sorted by day, and each pathway's episodes are read off
// that short list.
#include "clinical/pathway_engine.h"

#include <algorithm>
#include <array>
#include <thread>

#include "engine/rows_by_patient.h"

namespace continuum {
namespace {

enum Table : uint8_t { kEvents, kReferrals, kObservations };

// The largest coded observation value list (conditions), so every coded value has a slot.
constexpr size_t kValueSlots = kConditionCount + 1;

// Lookup tables for up to 64 filters over the population's dictionaries: bit i of a record's
// mask says whether it passes filter i. A filter without a constraint on a column has its bit set
// in every slot of that column's table; the last slot of a code table stands for "no code".
class MatchTables {
 public:
  MatchTables(const Population& p, std::span<const RecordFilter* const> filters) {
    const EventColumns& e = p.events;
    specialty_ = CodeTable(e.specialties, filters, &RecordFilter::specialty);
    diagnosis_ = CodeTable(e.diagnoses, filters, &RecordFilter::diagnosis);
    procedure_ = CodeTable(e.procedures, filters, &RecordFilter::procedure);
    medicine_ = CodeTable(e.medicines, filters, &RecordFilter::medicine);
    referrer_.assign(p.organisations.size(), 0);
    for (int k = 0; k < kObservationKindCount; ++k)
      coded_[k] = !ObservationValueCodes(static_cast<ObservationKind>(k)).empty();
    for (size_t i = 0; i < filters.size(); ++i) {
      const RecordFilter& f = *filters[i];
      const uint64_t bit = uint64_t{1} << i;
      if (f.kind == RecordKind::kActivity || f.kind == RecordKind::kDischarge) {
        for (int s = 0; s < kSettingCount; ++s) {
          if (f.settings == 0 || (f.settings >> s & 1)) setting_[s] |= bit;
        }
      } else if (f.kind == RecordKind::kReferral) {
        for (size_t o = 0; o < referrer_.size(); ++o) {
          const uint8_t kind = p.organisations.kind[o];
          if (f.referrers == 0 || (kind < 32 && (f.referrers >> kind & 1))) referrer_[o] |= bit;
        }
      } else if (f.kind == RecordKind::kObservation) {
        for (size_t v = 0; v < kValueSlots; ++v) {
          if (f.value < 0 || f.value == static_cast<int>(v)) observation_[f.observation][v] |= bit;
        }
      }
    }
  }

  uint64_t Event(const EventColumns& e, uint32_t row) const {
    return setting_[e.setting[row]] & specialty_[Slot(e.specialty[row], specialty_)] &
           diagnosis_[Slot(e.diagnosis[row], diagnosis_)] &
           procedure_[Slot(e.procedure[row], procedure_)] &
           medicine_[Slot(e.medicine[row], medicine_)];
  }
  uint64_t Referral(const ReferralColumns& r, uint32_t row) const {
    return referrer_[r.from[row]] & specialty_[Slot(r.specialty[row], specialty_)] &
           diagnosis_[Slot(r.reason[row], diagnosis_)];
  }
  uint64_t Observation(const ObservationColumns& o, uint32_t row) const {
    const uint8_t kind = o.kind[row];
    if (kind >= kObservationKindCount) return 0;
    // A coded value is its code's index; a measurement uses the first slot.
    const float value = o.value[row];
    const size_t slot = !coded_[kind] ? 0
                        : value >= 0  ? std::min(static_cast<size_t>(value), kValueSlots - 1)
                                      : kValueSlots - 1;
    return observation_[kind][slot];
  }

 private:
  // A dictionary index, or the last slot when missing (UINT16_MAX / kMissing are beyond it).
  template <typename T>
  static size_t Slot(T index, const std::vector<uint64_t>& table) {
    return std::min(static_cast<size_t>(index), table.size() - 1);
  }

  static std::vector<uint64_t> CodeTable(const Dictionary& codes,
                                         std::span<const RecordFilter* const> filters,
                                         CodePatterns RecordFilter::*patterns) {
    std::vector<uint64_t> table(codes.size() + 1, 0);
    for (size_t i = 0; i < filters.size(); ++i) {
      const CodePatterns& list = filters[i]->*patterns;
      const uint64_t bit = uint64_t{1} << i;
      if (list.empty()) {
        for (uint64_t& slot : table) slot |= bit;
        continue;
      }
      const std::vector<uint8_t> hit = list.Compile(codes);
      for (uint32_t k = 0; k < codes.size(); ++k) {
        if (hit[k]) table[k] |= bit;
      }
    }
    return table;
  }

  std::array<uint64_t, 256> setting_{};  // by Setting; a code beyond the list matches nothing
  std::vector<uint64_t> specialty_, diagnosis_, procedure_, medicine_;
  std::vector<uint64_t> referrer_;  // by organisation index
  std::array<std::array<uint64_t, kValueSlots>, kObservationKindCount> observation_{};
  std::array<bool, kObservationKindCount> coded_{};  // the kind's value is a code
};

// Pathways whose entries and steps fit one mask, with each pathway's first bit.
struct Batch {
  std::unique_ptr<MatchTables> tables;
  std::vector<std::pair<uint16_t, int>> pathways;  // definition index, bit of its entry
};

std::vector<Batch> MakeBatches(const Population& p, std::span<const PathwayDefinition> defs) {
  std::vector<Batch> batches;
  std::vector<const RecordFilter*> filters;
  auto close = [&] {
    if (filters.empty()) return;
    batches.back().tables = std::make_unique<MatchTables>(p, filters);
    filters.clear();
  };
  for (size_t d = 0; d < defs.size(); ++d) {
    if (batches.empty() || filters.size() + 1 + defs[d].steps.size() > 64) {
      close();
      batches.emplace_back();
    }
    batches.back().pathways.emplace_back(static_cast<uint16_t>(d),
                                         static_cast<int>(filters.size()));
    filters.push_back(&defs[d].entry.filter);
    for (const PathwayStep& step : defs[d].steps) filters.push_back(&step.filter);
  }
  close();
  return batches;
}

struct Candidate {
  Day day;
  Table table;
  uint32_t row;
  uint64_t mask;
  bool operator<(const Candidate& o) const {
    return day != o.day ? day < o.day : table != o.table ? table < o.table : row < o.row;
  }
};

// One thread's share of the patients and what it found.
class Scanner {
 public:
  Scanner(const Population& p, std::span<const PathwayDefinition> defs,
          const std::vector<Batch>& batches, const PathwayOptions& options,
          const RowsByPatient& events, const RowsByPatient& referrals,
          const RowsByPatient& observations, const RowsByPatient& conditions)
      : p_(p),
        defs_(defs),
        batches_(batches),
        o_(options),
        last_entry_(std::min(options.to, options.as_of)),
        events_(events),
        referrals_(referrals),
        observations_(observations),
        conditions_(conditions) {}

  void Run(uint32_t first, uint32_t end) {
    for (uint32_t patient = first; patient < end; ++patient) Patient(patient);
  }

  PathwayRun run;

 private:
  void Patient(uint32_t patient) {
    const PatientColumns& pt = p_.patients;
    death_ = pt.death[patient] <= o_.as_of ? pt.death[patient] : kNoDay;
    run.records_scanned +=
        static_cast<int64_t>(events_.Of(patient).size() + referrals_.Of(patient).size() +
                             observations_.Of(patient).size());
    for (const Batch& batch : batches_) {
      Gather(patient, *batch.tables);
      for (auto [pathway, bit] : batch.pathways) Follow(patient, pathway, bit);
    }
  }

  // The patient's records up to the status day that match some entry or step, by day.
  void Gather(uint32_t patient, const MatchTables& tables) {
    candidates_.clear();
    const EventColumns& e = p_.events;
    for (uint32_t row : events_.Of(patient)) {
      if (e.day[row] > o_.as_of) continue;
      if (const uint64_t mask = tables.Event(e, row)) {
        candidates_.push_back({e.day[row], kEvents, row, mask});
      }
    }
    const ReferralColumns& r = p_.referrals;
    for (uint32_t row : referrals_.Of(patient)) {
      if (r.day[row] > o_.as_of) continue;
      if (const uint64_t mask = tables.Referral(r, row)) {
        candidates_.push_back({r.day[row], kReferrals, row, mask});
      }
    }
    const ObservationColumns& ob = p_.observations;
    for (uint32_t row : observations_.Of(patient)) {
      if (ob.day[row] > o_.as_of) continue;
      if (const uint64_t mask = tables.Observation(ob, row)) {
        candidates_.push_back({ob.day[row], kObservations, row, mask});
      }
    }
    std::sort(candidates_.begin(), candidates_.end());
  }

  struct Entry {
    Day day;
    int candidate;  // the record that made it, or -1 for a register entry
    Day cycle_end;  // yearly entries: the year's last day; otherwise kNoDay
  };

  void Follow(uint32_t patient, uint16_t pathway, int bit) {
    const PathwayDefinition& d = defs_[pathway];
    entries_.clear();
    if (d.entry.filter.kind == RecordKind::kRegister) {
      RegisterEntries(patient, d.entry);
    } else {
      for (size_t c = 0; c < candidates_.size(); ++c) {
        const Candidate& cand = candidates_[c];
        if (!(cand.mask >> bit & 1)) continue;
        Day day = cand.day;
        if (d.entry.filter.kind == RecordKind::kDischarge) {
          const uint16_t stay = p_.events.length_of_stay[cand.row];
          if (stay == kNoStay) continue;
          day += stay;
        }
        if (day >= o_.from && day <= last_entry_) {
          entries_.push_back({day, static_cast<int>(c), kNoDay});
        }
      }
      if (d.entry.filter.kind == RecordKind::kDischarge) {
        std::stable_sort(entries_.begin(), entries_.end(),
                         [](const Entry& a, const Entry& b) { return a.day < b.day; });
      }
    }
    for (const Entry& entry : entries_) FollowEpisode(patient, pathway, bit, entry);
  }

  // Register entries: joining the register in the period, or with a yearly cycle, each
  // financial year's first day on the register and on a list.
  void RegisterEntries(uint32_t patient, const PathwayEntry& entry) {
    const ConditionColumns& c = p_.conditions;
    std::span<const uint32_t> rows = conditions_.Of(patient);
    if (!entry.yearly) {
      for (uint32_t row : rows) {
        if (c.condition[row] != entry.filter.condition) continue;
        if (c.onset[row] >= o_.from && c.onset[row] <= last_entry_)
          entries_.push_back({c.onset[row], -1, kNoDay});
      }
      std::sort(entries_.begin(), entries_.end(),
                [](const Entry& a, const Entry& b) { return a.day < b.day; });
      return;
    }
    const RegistrationColumns& reg = p_.registrations;
    const uint32_t first = p_.patients.first_registration[patient];
    const uint32_t end = p_.patients.first_registration[patient + 1];
    for (int year = FinancialYearOf(o_.from); year <= FinancialYearOf(last_entry_); ++year) {
      const Day start = FinancialYearStart(year), year_end = FinancialYearEnd(year);
      Day day = kNoDay;
      for (uint32_t row : rows) {
        if (c.condition[row] != entry.filter.condition) continue;
        // On the register from onset to the day before it was recorded resolved.
        const Day off = c.resolved[row] == kNoDay ? kNoDay : c.resolved[row] - 1;
        for (uint32_t r = first; r < end; ++r) {
          const Day from = std::max({start, c.onset[row], reg.start[r]});
          if (from <= std::min({year_end, off, reg.end[r]})) day = std::min(day, from);
        }
      }
      if (day != kNoDay && day >= o_.from && day <= last_entry_)
        entries_.push_back({day, -1, year_end});
    }
  }

  // Whether the patient is on any of the registers in `conditions` (bits over Condition) on
  // `day`: from onset to the day before it was recorded resolved.
  bool OnRegister(uint32_t patient, uint32_t conditions, Day day) const {
    if (conditions == 0) return false;
    const ConditionColumns& c = p_.conditions;
    for (uint32_t row : conditions_.Of(patient)) {
      if ((conditions >> c.condition[row] & 1) && c.onset[row] <= day && day < c.resolved[row])
        return true;
    }
    return false;
  }

  // The first day the patient is on no list after `day` (following moves between practices
  // without a gap), or kNoDay while still registered on the status day.
  Day LeftList(uint32_t patient, Day day) const {
    const RegistrationColumns& reg = p_.registrations;
    const uint32_t end = p_.patients.first_registration[patient + 1];
    uint32_t r = p_.patients.first_registration[patient];
    while (r < end && !(reg.start[r] <= day && day <= reg.end[r])) ++r;
    if (r == end) return day;
    Day last = reg.end[r];
    for (++r; r < end && last != kNoDay && reg.start[r] <= last + 1; ++r)
      last = std::max(last, reg.end[r]);
    return last == kNoDay || last >= o_.as_of ? kNoDay : last + 1;
  }

  uint16_t SpecialtyOf(const Candidate& c) const {
    switch (c.table) {
      case kEvents:
        return p_.events.specialty[c.row];
      case kReferrals:
        return p_.referrals.specialty[c.row];
      case kObservations:
        break;
    }
    return UINT16_MAX;
  }

  // The place the patient preferred to die: as recorded with the death, else the last
  // preferred_place_of_death observation on or before it.
  uint8_t PreferredPlace(uint32_t patient) const {
    const uint8_t recorded = p_.patients.preferred_place[patient];
    if (recorded != kNoCode) return recorded;
    const ObservationColumns& o = p_.observations;
    Day latest = INT32_MIN;
    uint8_t place = kNoCode;
    for (uint32_t row : observations_.Of(patient)) {
      if (o.kind[row] == uint8_t(ObservationKind::kPreferredPlaceOfDeath) && o.day[row] <= death_ &&
          o.day[row] >= latest) {
        latest = o.day[row];
        place = static_cast<uint8_t>(o.value[row]);
      }
    }
    return place;
  }

  void FollowEpisode(uint32_t patient, uint16_t pathway, int bit, const Entry& entry) {
    const PathwayDefinition& d = defs_[pathway];
    const uint32_t practice = p_.PracticeOn(patient, entry.day);
    auto exclude = [&](Exclusion why) {
      run.excluded.push_back({patient, pathway, practice, why});
    };
    if (practice == Dictionary::kMissing) return exclude(Exclusion::kNotRegistered);
    if (d.entry.filter.kind == RecordKind::kDischarge && death_ <= entry.day)
      return exclude(Exclusion::kDiedInHospital);
    if (entry.cycle_end != kNoDay && entry.cycle_end - entry.day < d.entry.grace_days)
      return exclude(Exclusion::kJoinedLateInYear);
    if (OnRegister(patient, d.entry.exclude_registers, entry.day))
      return exclude(Exclusion::kOnExcludedRegister);

    const Day left = LeftList(patient, entry.day);
    const Day gone = std::min(death_, left);
    const bool died = death_ != kNoDay && death_ <= left;
    const uint32_t first_outcome = static_cast<uint32_t>(run.outcomes.size());
    run.episodes.push_back({patient, pathway, practice, entry.day, first_outcome});
    used_.assign(1, entry.candidate);  // the entry's record meets no step
    step_record_.assign(d.steps.size(), -1);
    for (size_t s = 0; s < d.steps.size(); ++s) {
      const PathwayStep& step = d.steps[s];
      StepOutcome out;
      Day base = entry.day;
      if (step.after != kEntry) {
        const StepOutcome& before = run.outcomes[first_outcome + step.after];
        if (!IsMet(before.state)) {
          const bool closed =
              before.state == StepState::kClosedDied || before.state == StepState::kClosedLeft;
          out.state = closed ? before.state : StepState::kWaiting;
          run.outcomes.push_back(out);
          continue;
        }
        base = before.met;
      }
      out.due = step.within_days ? base + *step.within_days : entry.cycle_end;
      const Day limit = entry.cycle_end;  // a yearly step counts records within its year only
      if (step.filter.kind == RecordKind::kDeath) {
        if (death_ != kNoDay && death_ >= base) {
          const RecordFilter& f = step.filter;
          const uint8_t place = p_.patients.death_place[patient];
          const bool where =
              place != kNoCode && (f.preferred_place ? place == PreferredPlace(patient)
                                                     : f.places == 0 || (f.places >> place & 1));
          if (where) {
            out.met = death_;
          } else {
            out.state = StepState::kNotMet;
            run.outcomes.push_back(out);
            continue;
          }
        }
      } else {
        const int found =
            FindRecord(bit + 1 + static_cast<int>(s), base, limit, step, entry.candidate);
        if (found >= 0) {
          out.met = candidates_[found].day;
          used_.push_back(found);
          step_record_[s] = found;
        }
      }
      if (out.met != kNoDay) {
        out.state =
            out.due == kNoDay || out.met <= out.due ? StepState::kMetOnTime : StepState::kMetLate;
        out.days = out.met - base;
      } else if (out.due != kNoDay && out.due <= o_.as_of && gone > out.due) {
        out.state = StepState::kOverdue;
      } else if (gone != kNoDay) {
        out.state = died ? StepState::kClosedDied : StepState::kClosedLeft;
      } else {
        out.state = StepState::kNotYetDue;
      }
      run.outcomes.push_back(out);
    }
  }

  // The first record matching `bit` from `base` to `limit` that no earlier step of this episode
  // used and, with same_specialty_as, in the specialty of the record that met that step.
  int FindRecord(int bit, Day base, Day limit, const PathwayStep& step, int entry_candidate) const {
    uint16_t specialty = UINT16_MAX;
    if (step.same_specialty_as) {
      const int source = *step.same_specialty_as == kEntry ? entry_candidate
                                                           : step_record_[*step.same_specialty_as];
      if (source < 0) return -1;
      specialty = SpecialtyOf(candidates_[source]);
      if (specialty == UINT16_MAX) return -1;
    }
    for (size_t c = 0; c < candidates_.size(); ++c) {
      const Candidate& cand = candidates_[c];
      if (cand.day > limit) break;
      if (cand.day < base || !(cand.mask >> bit & 1)) continue;
      if (std::find(used_.begin(), used_.end(), static_cast<int>(c)) != used_.end()) continue;
      if (specialty != UINT16_MAX && SpecialtyOf(cand) != specialty) continue;
      return static_cast<int>(c);
    }
    return -1;
  }

  const Population& p_;
  std::span<const PathwayDefinition> defs_;
  const std::vector<Batch>& batches_;
  const PathwayOptions& o_;
  const Day last_entry_;  // the last entry day seen: the period's end or the status day
  const RowsByPatient &events_, &referrals_, &observations_, &conditions_;
  // Per patient and episode, reused to save allocations.
  Day death_ = kNoDay;  // the patient's death, when on or before the status day
  std::vector<Candidate> candidates_;
  std::vector<Entry> entries_;
  std::vector<int> used_;         // candidates the entry and earlier steps used
  std::vector<int> step_record_;  // the candidate that met each step, or -1
};

}  // namespace

PathwayRun FollowPathways(const Population& p, std::span<const PathwayDefinition> definitions,
                          const PathwayOptions& options) {
  const size_t patients = p.patients.size();
  const RowsByPatient events = RowsByPatient::Of(p.events.patient, patients);
  const RowsByPatient referrals = RowsByPatient::Of(p.referrals.patient, patients);
  const RowsByPatient observations = RowsByPatient::Of(p.observations.patient, patients);
  const RowsByPatient conditions = RowsByPatient::Of(p.conditions.patient, patients);
  const std::vector<Batch> batches = MakeBatches(p, definitions);

  // Threads take runs of patients with about the same number of events each.
  const int threads = std::max(1, std::min<int>(options.threads, static_cast<int>(patients)));
  std::vector<uint32_t> bounds = {0};
  for (int t = 1; t < threads; ++t) {
    const uint64_t target = p.events.size() * t / threads;
    uint32_t lo = bounds.back(), hi = static_cast<uint32_t>(patients);
    while (lo < hi) {
      const uint32_t mid = lo + (hi - lo) / 2;
      (events.RowsBefore(mid) < target ? lo = mid + 1 : hi = mid);
    }
    bounds.push_back(lo);
  }
  bounds.push_back(static_cast<uint32_t>(patients));
  std::vector<std::unique_ptr<Scanner>> scanners;
  for (int t = 0; t < threads; ++t) {
    scanners.push_back(std::make_unique<Scanner>(p, definitions, batches, options, events,
                                                 referrals, observations, conditions));
  }
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t)
    workers.emplace_back([&, t] { scanners[t]->Run(bounds[t], bounds[t + 1]); });
  scanners[0]->Run(bounds[0], bounds[1]);
  for (std::thread& w : workers) w.join();

  PathwayRun run{.options = options};
  for (const auto& scanner : scanners) {
    PathwayRun& part = scanner->run;
    const uint32_t offset = static_cast<uint32_t>(run.outcomes.size());
    for (Episode& e : part.episodes) e.first_outcome += offset;
    run.episodes.insert(run.episodes.end(), part.episodes.begin(), part.episodes.end());
    run.outcomes.insert(run.outcomes.end(), part.outcomes.begin(), part.outcomes.end());
    run.excluded.insert(run.excluded.end(), part.excluded.begin(), part.excluded.end());
    run.records_scanned += part.records_scanned;
  }
  return run;
}

PathwayOptions DefaultPathwayOptions(const Population& population) {
  PathwayOptions o{.as_of = population.events.last_day};
  const int year = FinancialYearOf(o.as_of);
  o.from = FinancialYearStart(year);
  o.to = FinancialYearEnd(year);
  return o;
}

}  // namespace continuum
