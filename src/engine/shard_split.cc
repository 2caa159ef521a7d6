#include "engine/shard_split.h"

#include <algorithm>
#include <map>
#include <span>

namespace continuum {
namespace {

constexpr size_t kBlockValues = size_t{1} << 18;

// Calls `visit` with the values of a column a block at a time, whether in memory or in a file.
template <typename T>
Status ForEachBlockOf(const Column<T>& column,
                      const std::function<Status(std::span<const T>)>& visit) {
  for (size_t first = 0; first < column.size(); first += kBlockValues) {
    const size_t n = std::min(kBlockValues, column.size() - first);
    CONTINUUM_RETURN_IF_ERROR(visit(std::span<const T>(column.data() + first, n)));
  }
  return Status::Ok();
}
template <typename T>
Status ForEachBlockOf(ColumnFile<T>& column,
                      const std::function<Status(std::span<const T>)>& visit) {
  return column.ForEachBlock(visit);
}

// The file of `files` that holds the events' column `member`.
template <typename T>
ColumnFile<T>& FileOf(EventColumnFiles& files, Column<T> EventColumns::*member) {
  ColumnFile<T>* found = nullptr;
  VisitEventColumns(files, [&](auto& file, auto column) {
    if constexpr (std::is_same_v<decltype(column), Column<T> EventColumns::*>) {
      if (column == member) found = &file;
    }
  });
  return *found;
}

template <typename T>
Column<T> Rows(const Column<T>& column, const std::vector<uint32_t>& rows) {
  Column<T> out;
  out.reserve(rows.size());
  for (uint32_t r : rows) out.push_back(column[r]);
  return out;
}

// The rows of a table whose patient is in the shard, and their patients renumbered.
std::vector<uint32_t> RowsOf(const Column<uint32_t>& patient, const std::vector<uint32_t>& renumber,
                             Column<uint32_t>* out) {
  std::vector<uint32_t> rows;
  for (uint32_t r = 0; r < patient.size(); ++r)
    if (renumber[patient[r]] != ShardPlan::kNone) rows.push_back(r);
  out->clear();
  out->reserve(rows.size());
  for (uint32_t r : rows) out->push_back(renumber[patient[r]]);
  return rows;
}

Population TablesOf(const Population& whole, const std::vector<uint32_t>& renumber,
                    const std::vector<uint32_t>& patients) {
  Population shard = DirectoryOf(whole);
  const PatientColumns& wp = whole.patients;
  PatientColumns& sp = shard.patients;
  sp.id = Rows(wp.id, patients);
  sp.birth = Rows(wp.birth, patients);
  sp.sex = Rows(wp.sex, patients);
  sp.imd_decile = Rows(wp.imd_decile, patients);
  sp.lsoa = Rows(wp.lsoa, patients);
  sp.lsoas = wp.lsoas;
  sp.death = Rows(wp.death, patients);
  sp.death_place = Rows(wp.death_place, patients);
  sp.preferred_place = Rows(wp.preferred_place, patients);

  const RegistrationColumns& wr = whole.registrations;
  RegistrationColumns& sr = shard.registrations;
  const std::vector<uint32_t> registrations = RowsOf(wr.patient, renumber, &sr.patient);
  sr.practice = Rows(wr.practice, registrations);
  sr.start = Rows(wr.start, registrations);
  sr.end = Rows(wr.end, registrations);
  sr.start_reason = Rows(wr.start_reason, registrations);
  sr.end_reason = Rows(wr.end_reason, registrations);
  sp.first_registration.assign(patients.size() + 1, 0);
  for (uint32_t r = 0; r < sr.size(); ++r) ++sp.first_registration[sr.patient[r] + 1];
  for (size_t i = 0; i < patients.size(); ++i)
    sp.first_registration[i + 1] += sp.first_registration[i];

  const ConditionColumns& wc = whole.conditions;
  ConditionColumns& sc = shard.conditions;
  const std::vector<uint32_t> conditions = RowsOf(wc.patient, renumber, &sc.patient);
  sc.condition = Rows(wc.condition, conditions);
  sc.onset = Rows(wc.onset, conditions);
  sc.resolved = Rows(wc.resolved, conditions);

  const ObservationColumns& wo = whole.observations;
  ObservationColumns& so = shard.observations;
  const std::vector<uint32_t> observations = RowsOf(wo.patient, renumber, &so.patient);
  so.day = Rows(wo.day, observations);
  so.kind = Rows(wo.kind, observations);
  so.value = Rows(wo.value, observations);

  const ReferralColumns& wf = whole.referrals;
  ReferralColumns& sf = shard.referrals;
  const std::vector<uint32_t> referrals = RowsOf(wf.patient, renumber, &sf.patient);
  sf.day = Rows(wf.day, referrals);
  sf.from = Rows(wf.from, referrals);
  sf.to = Rows(wf.to, referrals);
  sf.specialty = Rows(wf.specialty, referrals);
  sf.reason = Rows(wf.reason, referrals);
  sf.outcome = Rows(wf.outcome, referrals);
  return shard;
}

// Each patient's shards, as an index into `sets` (each set sorted, and most of one shard).
struct PatientShards {
  std::vector<std::vector<uint32_t>> sets;
  std::vector<uint16_t> set_of;  // by patient
};

// Calls `visit(patient, practice)` for every event, whether its columns are in memory or files.
Status ForEachEventPractice(const EventColumns& events,
                            const std::function<void(uint32_t, uint32_t)>& visit) {
  for (size_t e = 0; e < events.size(); ++e) visit(events.patient[e], events.practice[e]);
  return Status::Ok();
}
Status ForEachEventPractice(EventColumnFiles& files,
                            const std::function<void(uint32_t, uint32_t)>& visit) {
  std::vector<uint32_t> patients(kBlockValues), practices(kBlockValues);
  for (size_t first = 0; first < files.size(); first += kBlockValues) {
    const size_t n = std::min(kBlockValues, files.size() - first);
    CONTINUUM_RETURN_IF_ERROR(files.patient.Read(first, std::span(patients.data(), n)));
    CONTINUUM_RETURN_IF_ERROR(files.practice.Read(first, std::span(practices.data(), n)));
    for (size_t i = 0; i < n; ++i) visit(patients[i], practices[i]);
  }
  return Status::Ok();
}

// A patient belongs to the shards of every practice they were registered with, and of every
// practice an activity event or a referral of theirs is attributed to.
template <typename Events>
Result<PatientShards> ShardsOfPatients(const Population& p, Events& events, const ShardPlan& plan) {
  // Practices beyond their registrations, by patient (rare: kept sparse).
  std::map<uint32_t, std::vector<uint32_t>> more;
  auto beyond = [&](uint32_t patient, uint32_t practice) {
    if (practice >= plan.practice_shards.size()) return;
    for (uint32_t r = p.patients.first_registration[patient];
         r < p.patients.first_registration[patient + 1]; ++r)
      if (p.registrations.practice[r] == practice) return;
    std::vector<uint32_t>& of = more[patient];
    if (std::find(of.begin(), of.end(), practice) == of.end()) of.push_back(practice);
  };
  CONTINUUM_RETURN_IF_ERROR(ForEachEventPractice(events, beyond));
  for (size_t f = 0; f < p.referrals.size(); ++f)
    beyond(p.referrals.patient[f], p.referrals.from[f]);
  PatientShards out;
  std::map<std::vector<uint32_t>, uint16_t> ids;
  out.set_of.resize(p.patients.size());
  std::vector<uint32_t> shards;
  for (uint32_t i = 0; i < p.patients.size(); ++i) {
    shards.clear();
    for (uint32_t r = p.patients.first_registration[i]; r < p.patients.first_registration[i + 1];
         ++r) {
      const std::vector<uint32_t>& of = plan.practice_shards[p.registrations.practice[r]];
      shards.insert(shards.end(), of.begin(), of.end());
    }
    if (auto it = more.find(i); it != more.end()) {
      for (uint32_t practice : it->second) {
        const std::vector<uint32_t>& of = plan.practice_shards[practice];
        shards.insert(shards.end(), of.begin(), of.end());
      }
    }
    if (shards.empty()) shards.push_back(0);
    std::sort(shards.begin(), shards.end());
    shards.erase(std::unique(shards.begin(), shards.end()), shards.end());
    auto [it, added] = ids.try_emplace(shards, static_cast<uint16_t>(out.sets.size()));
    if (added) {
      if (out.sets.size() > UINT16_MAX)
        return Status::InvalidInput(
            "the practices' patients fall into more than 65,535 "
            "combinations of commissioners");
      out.sets.push_back(shards);
    }
    out.set_of[i] = it->second;
  }
  return out;
}

// The value type of an events' column, from its member pointer.
template <typename M>
struct ValueOf;
template <typename T>
struct ValueOf<Column<T> EventColumns::*> {
  using type = T;
};

// Each shard's events, in memory or in files.
struct ShardEvents {
  EventColumns memory;
  std::unique_ptr<EventColumnFiles> files;
};

template <typename Source>
Status RouteEvents(Source& source, const PatientShards& of,
                   const std::vector<std::vector<uint32_t>>& renumber,
                   std::vector<ShardEvents>& shards) {
  // The shards of each event, by its patient.
  std::vector<uint16_t> set_of_event;
  set_of_event.reserve(source.patient.size());
  CONTINUUM_RETURN_IF_ERROR(
      ForEachBlockOf<uint32_t>(source.patient, [&](std::span<const uint32_t> block) {
        for (uint32_t patient : block) set_of_event.push_back(of.set_of[patient]);
        return Status::Ok();
      }));
  Status status;
  VisitEventColumns(source, [&](auto& column, auto member) {
    if (!status.ok()) return;
    using T = typename ValueOf<decltype(member)>::type;
    bool is_patient = false;
    if constexpr (std::is_same_v<T, uint32_t>) is_patient = member == &EventColumns::patient;
    std::vector<Column<T>> out(shards.size());
    size_t e = 0;
    status = ForEachBlockOf<T>(column, [&](std::span<const T> block) {
      for (const T& value : block) {
        for (uint32_t s : of.sets[set_of_event[e]]) {
          if constexpr (std::is_same_v<T, uint32_t>) {
            out[s].push_back(is_patient ? renumber[s][value] : value);
          } else {
            out[s].push_back(value);
          }
        }
        ++e;
      }
      for (size_t s = 0; s < shards.size(); ++s) {
        if (shards[s].files) {
          CONTINUUM_RETURN_IF_ERROR(FileOf(*shards[s].files, member).Append(out[s]));
        } else {
          auto& kept = shards[s].memory.*member;
          kept.insert(kept.end(), out[s].begin(), out[s].end());
        }
        out[s].clear();
      }
      return Status::Ok();
    });
  });
  return status;
}

}  // namespace

Population DirectoryOf(const Population& whole) {
  Population d;
  d.organisations = whole.organisations;
  d.staff = whole.staff;
  d.memberships = whole.memberships;
  d.patients.first_registration = {0};
  d.events.specialties = whole.events.specialties;
  d.events.diagnoses = whole.events.diagnoses;
  d.events.procedures = whole.events.procedures;
  d.events.medicines = whole.events.medicines;
  d.events.first_day = whole.events.first_day;
  d.events.last_day = whole.events.last_day;
  d.events.last_day_by_setting = whole.events.last_day_by_setting;
  return d;
}

Status SplitIntoShards(const Population& p, EventColumnFiles* files, const ShardPlan& plan,
                       const std::string& folder,
                       const std::function<Status(size_t, BuiltPopulation&)>& take) {
  Result<PatientShards> of =
      files ? ShardsOfPatients(p, *files, plan) : ShardsOfPatients(p, p.events, plan);
  if (!of.ok()) return of.status();
  // Each shard's patients (in the whole's order) and the whole's patients renumbered in it.
  std::vector<std::vector<uint32_t>> patients(plan.size());
  std::vector<std::vector<uint32_t>> renumber(
      plan.size(), std::vector<uint32_t>(p.patients.size(), ShardPlan::kNone));
  for (uint32_t i = 0; i < p.patients.size(); ++i) {
    for (uint32_t s : of->sets[of->set_of[i]]) {
      renumber[s][i] = static_cast<uint32_t>(patients[s].size());
      patients[s].push_back(i);
    }
  }
  std::vector<ShardEvents> events(plan.size());
  if (files) {
    for (ShardEvents& shard : events) {
      auto files = EventColumnFiles::Create(folder);
      if (!files.ok()) return files.status();
      shard.files = std::move(*files);
    }
    CONTINUUM_RETURN_IF_ERROR(RouteEvents(*files, *of, renumber, events));
  } else {
    CONTINUUM_RETURN_IF_ERROR(RouteEvents(p.events, *of, renumber, events));
  }
  for (size_t s = 0; s < plan.size(); ++s) {
    BuiltPopulation shard{TablesOf(p, renumber[s], patients[s]), std::move(events[s].files)};
    std::exchange(renumber[s], {});
    if (!shard.events) {
      EventColumns& kept = events[s].memory;
      VisitEventColumns(kept, [&](auto& column, auto member) {
        shard.population.events.*member = std::move(column);
      });
    }
    CONTINUUM_RETURN_IF_ERROR(take(s, shard));
  }
  return Status::Ok();
}

}  // namespace continuum
