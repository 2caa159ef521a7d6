#include "engine/population_builder.h"

#include <algorithm>
#include <cstdlib>
#include <numeric>

#include "core/quoted.h"

namespace continuum {
namespace {

// A date column: its day number, or kNoDay when empty.
Day DayAt(const BuilderRow& row, size_t column) {
  return row.fields[column].empty() ? kNoDay : static_cast<Day>(row.parsed[column]);
}

uint8_t CodeOrNone(std::string_view text, CodeList codes) {
  const int code = text.empty() ? -1 : FindCode(codes, text);
  return code < 0 ? kNoCode : static_cast<uint8_t>(code);
}

// Reorders every column in `columns` by `order` (a permutation of row indexes).
template <typename T>
void Permute(Column<T>& column, const std::vector<uint32_t>& order) {
  Column<T> sorted(column.size());
  for (size_t i = 0; i < order.size(); ++i) sorted[i] = std::move(column[order[i]]);
  column.swap(sorted);
}

template <typename T>
std::vector<uint32_t> OrderBy(const Column<T>& keys) {
  std::vector<uint32_t> order(keys.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });
  return order;
}

// Row indexes in order of owner (a patient or practice), then start day.
std::vector<uint32_t> OrderByOwnerThenStart(const Column<uint32_t>& owner,
                                            const Column<Day>& start) {
  std::vector<uint32_t> order(owner.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return owner[a] != owner[b] ? owner[a] < owner[b] : start[a] < start[b];
  });
  return order;
}

// For rows sorted by owner: owner k's rows are [offsets[k], offsets[k + 1]).
Column<uint32_t> OffsetsOf(const Column<uint32_t>& owner, size_t owners) {
  Column<uint32_t> offsets(owners + 1, 0);
  for (uint32_t k : owner) ++offsets[k + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  return offsets;
}

}  // namespace

PopulationBuilder::PopulationBuilder(Population base) : p_(std::move(base)) {
  for (uint32_t i = 0; i < p_.patients.size(); ++i) patient_index_.emplace(p_.patients.id[i], i);
  first_new_organisation_ = p_.organisations.size();
  const Column<int64_t>& ids = p_.events.id;
  events_in_order_ = std::is_sorted(ids.begin(), ids.end());
  if (!ids.empty()) last_event_id_ = ids.back();
}

Status PopulationBuilder::KeepEventsInFiles(const std::string& folder) {
  auto files = EventColumnFiles::Create(folder);
  if (!files.ok()) return files.status();
  event_files_ = std::move(*files);
  return event_files_->Append(p_.events);
}

Result<uint32_t> PopulationBuilder::PatientIndex(int64_t patient_id) const {
  auto it = patient_index_.find(patient_id);
  if (it == patient_index_.end()) {
    return Status::Corrupt("patient " + std::to_string(patient_id) +
                           " is referred to but not stored");
  }
  return it->second;
}

Result<uint32_t> PopulationBuilder::OrganisationIndex(std::string_view org_id) const {
  const uint32_t id = p_.organisations.ids.Find(org_id);
  if (id == Dictionary::kMissing) {
    return Status::Corrupt("organisation " + Quoted(org_id) + " is referred to but not stored");
  }
  return id;
}

uint16_t PopulationBuilder::SpecialtyIndex(std::string_view code) {
  return code.empty() ? UINT16_MAX : static_cast<uint16_t>(p_.events.specialties.Intern(code));
}

uint32_t PopulationBuilder::DiagnosisIndex(std::string_view code) {
  return code.empty() ? Dictionary::kMissing : p_.events.diagnoses.Intern(code);
}

Status PopulationBuilder::Add(TableId table, const BuilderRow& row) {
  const auto& f = row.fields;
  const auto& n = row.parsed;
  switch (table) {
    case TableId::kOrganisations: {
      OrganisationColumns& o = p_.organisations;
      o.ids.Intern(f[0]);
      o.name.emplace_back(f[1]);
      o.kind.push_back(CodeOrNone(f[2], kOrgKindCodes));
      pending_parents_.emplace_back(f[3]);
      return Status::Ok();
    }
    case TableId::kStaff: {
      auto org = OrganisationIndex(f[1]);
      if (!org.ok()) return org.status();
      p_.staff.organisation.push_back(*org);
      p_.staff.role.push_back(CodeOrNone(f[2], kStaffRoleCodes));
      return Status::Ok();
    }
    case TableId::kPatients: {
      PatientColumns& p = p_.patients;
      patient_index_.emplace(n[0], static_cast<uint32_t>(p.id.size()));
      p.id.push_back(n[0]);
      p.birth.push_back(DayAt(row, 2));
      p.sex.push_back(CodeOrNone(f[3], kSexCodes));
      p.lsoa.push_back(p.lsoas.Intern(f[4]));
      p.imd_decile.push_back(static_cast<uint8_t>(n[5]));
      p.death.push_back(kNoDay);
      p.death_place.push_back(kNoCode);
      p.preferred_place.push_back(kNoCode);
      return Status::Ok();
    }
    case TableId::kRegistrations: {
      auto patient = PatientIndex(n[0]);
      if (!patient.ok()) return patient.status();
      auto practice = OrganisationIndex(f[1]);
      if (!practice.ok()) return practice.status();
      RegistrationColumns& r = p_.registrations;
      r.patient.push_back(*patient);
      r.practice.push_back(*practice);
      r.start.push_back(DayAt(row, 2));
      r.start_reason.push_back(CodeOrNone(f[3], kRegistrationStartCodes));
      r.end.push_back(DayAt(row, 4));
      r.end_reason.push_back(CodeOrNone(f[5], kRegistrationEndCodes));
      return Status::Ok();
    }
    case TableId::kConditions: {
      auto patient = PatientIndex(n[0]);
      if (!patient.ok()) return patient.status();
      ConditionColumns& c = p_.conditions;
      c.patient.push_back(*patient);
      c.condition.push_back(CodeOrNone(f[1], kConditionCodes));
      c.onset.push_back(DayAt(row, 2));
      c.resolved.push_back(DayAt(row, 3));
      return Status::Ok();
    }
    case TableId::kObservations: {
      auto patient = PatientIndex(n[0]);
      if (!patient.ok()) return patient.status();
      ObservationColumns& o = p_.observations;
      const uint8_t kind = CodeOrNone(f[2], kObservationKindCodes);
      o.patient.push_back(*patient);
      o.day.push_back(DayAt(row, 1));
      o.kind.push_back(kind);
      const CodeList codes = ObservationValueCodes(static_cast<ObservationKind>(kind));
      o.value.push_back(!codes.empty() ? static_cast<float>(FindCode(codes, f[3]))
                                       : std::strtof(std::string(f[3]).c_str(), nullptr));
      return Status::Ok();
    }
    case TableId::kActivity: {
      auto patient = PatientIndex(n[1]);
      if (!patient.ok()) return patient.status();
      auto provider = OrganisationIndex(f[4]);
      if (!provider.ok()) return provider.status();
      EventColumns& e = p_.events;
      if (n[0] <= last_event_id_) events_in_order_ = false;
      last_event_id_ = n[0];
      // Into memory or into the files, whose columns have the same names.
      auto append = [&](auto& columns) {
        columns.id.push_back(n[0]);
        columns.patient.push_back(*patient);
        columns.day.push_back(DayAt(row, 2));
        columns.setting.push_back(CodeOrNone(f[3], kSettingCodes));
        columns.provider.push_back(*provider);
        columns.specialty.push_back(SpecialtyIndex(f[5]));
        columns.diagnosis.push_back(DiagnosisIndex(f[6]));
        columns.procedure.push_back(f[7].empty() ? Dictionary::kMissing
                                                 : e.procedures.Intern(f[7]));
        columns.length_of_stay.push_back(f[8].empty() ? kNoStay : static_cast<uint16_t>(n[8]));
        columns.quantity.push_back(static_cast<uint32_t>(n[9]));
        columns.cost.push_back(f[10].empty() ? static_cast<int32_t>(kNoCost)
                                             : static_cast<int32_t>(n[10]));
        columns.medicine.push_back(f[11].empty() ? Dictionary::kMissing
                                                 : e.medicines.Intern(f[11]));
      };
      if (event_files_) {
        append(*event_files_);
      } else {
        append(e);
      }
      return Status::Ok();
    }
    case TableId::kDeaths: {
      auto patient = PatientIndex(n[0]);
      if (!patient.ok()) return patient.status();
      p_.patients.death[*patient] = DayAt(row, 1);
      p_.patients.death_place[*patient] = CodeOrNone(f[2], kPlaceOfDeathCodes);
      p_.patients.preferred_place[*patient] = CodeOrNone(f[3], kPlaceOfDeathCodes);
      return Status::Ok();
    }
    case TableId::kReferrals: {
      auto patient = PatientIndex(n[1]);
      if (!patient.ok()) return patient.status();
      auto from = OrganisationIndex(f[3]);
      if (!from.ok()) return from.status();
      auto to = OrganisationIndex(f[4]);
      if (!to.ok()) return to.status();
      ReferralColumns& r = p_.referrals;
      r.patient.push_back(*patient);
      r.day.push_back(DayAt(row, 2));
      r.from.push_back(*from);
      r.to.push_back(*to);
      r.specialty.push_back(SpecialtyIndex(f[5]));
      r.reason.push_back(DiagnosisIndex(f[6]));
      r.outcome.push_back(CodeOrNone(f[7], kReferralOutcomeCodes));
      return Status::Ok();
    }
    case TableId::kMemberships: {
      auto practice = OrganisationIndex(f[0]);
      if (!practice.ok()) return practice.status();
      auto ico = OrganisationIndex(f[1]);
      if (!ico.ok()) return ico.status();
      MembershipColumns& m = p_.memberships;
      m.practice.push_back(*practice);
      m.ico.push_back(*ico);
      m.start.push_back(DayAt(row, 2));
      m.end.push_back(DayAt(row, 3));
      return Status::Ok();
    }
  }
  return Status::Internal("unknown table");
}

std::vector<uint32_t> PopulationBuilder::FinishTables() {
  OrganisationColumns& o = p_.organisations;
  for (const std::string& parent : pending_parents_) {
    o.parent.push_back(parent.empty() ? Dictionary::kMissing : o.ids.Find(parent));
  }
  // Patients in id order; every patient reference but the events' follows the new indexes.
  PatientColumns& pc = p_.patients;
  std::vector<uint32_t> new_index;
  if (!std::is_sorted(pc.id.begin(), pc.id.end())) {
    const std::vector<uint32_t> order = OrderBy(pc.id);
    new_index.resize(order.size());
    for (uint32_t i = 0; i < order.size(); ++i) new_index[order[i]] = i;
    Permute(pc.id, order);
    Permute(pc.birth, order);
    Permute(pc.sex, order);
    Permute(pc.imd_decile, order);
    Permute(pc.lsoa, order);
    Permute(pc.death, order);
    Permute(pc.death_place, order);
    Permute(pc.preferred_place, order);
    for (auto* column : {&p_.registrations.patient, &p_.conditions.patient,
                         &p_.observations.patient, &p_.referrals.patient}) {
      for (uint32_t& patient : *column) patient = new_index[patient];
    }
  }
  // Registrations by patient, then start; an offset per patient.
  RegistrationColumns& r = p_.registrations;
  const std::vector<uint32_t> order = OrderByOwnerThenStart(r.patient, r.start);
  Permute(r.patient, order);
  Permute(r.practice, order);
  Permute(r.start, order);
  Permute(r.end, order);
  Permute(r.start_reason, order);
  Permute(r.end_reason, order);
  pc.first_registration = OffsetsOf(r.patient, pc.size());
  // Memberships by practice, then start; an offset per organisation.
  MembershipColumns& m = p_.memberships;
  const std::vector<uint32_t> by_practice = OrderByOwnerThenStart(m.practice, m.start);
  Permute(m.practice, by_practice);
  Permute(m.ico, by_practice);
  Permute(m.start, by_practice);
  Permute(m.end, by_practice);
  m.first_membership = OffsetsOf(m.practice, o.size());
  return new_index;
}

Result<Population> PopulationBuilder::Finish() && {
  EventColumns& e = p_.events;
  if (event_files_) CONTINUUM_RETURN_IF_ERROR(event_files_->TakeAll(e));
  event_files_.reset();
  const std::vector<uint32_t> new_index = FinishTables();
  if (!new_index.empty()) {
    for (uint32_t& patient : e.patient) patient = new_index[patient];
  }
  // Events in id order, each with the practice of the day.
  if (!std::is_sorted(e.id.begin(), e.id.end())) {
    const std::vector<uint32_t> by_id = OrderBy(e.id);
    Permute(e.id, by_id);
    Permute(e.patient, by_id);
    Permute(e.day, by_id);
    Permute(e.setting, by_id);
    Permute(e.provider, by_id);
    Permute(e.specialty, by_id);
    Permute(e.diagnosis, by_id);
    Permute(e.procedure, by_id);
    Permute(e.length_of_stay, by_id);
    Permute(e.quantity, by_id);
    Permute(e.cost, by_id);
    Permute(e.medicine, by_id);
  }
  e.first_day = e.size() ? *std::min_element(e.day.begin(), e.day.end()) : 0;
  e.last_day = e.size() ? *std::max_element(e.day.begin(), e.day.end()) : 0;
  e.last_day_by_setting.fill(0);
  for (size_t i = 0; i < e.size(); ++i) {
    if (e.setting[i] < kSettingCount)
      e.last_day_by_setting[e.setting[i]] = std::max(e.last_day_by_setting[e.setting[i]], e.day[i]);
  }
  e.practice.resize(e.size());
  for (size_t i = 0; i < e.size(); ++i) e.practice[i] = p_.PracticeOn(e.patient[i], e.day[i]);
  return std::move(p_);
}

Result<BuiltPopulation> PopulationBuilder::FinishForSnapshot() && {
  const Column<int64_t>& patient_ids = p_.patients.id;
  if (!event_files_ || !events_in_order_ ||
      !std::is_sorted(patient_ids.begin(), patient_ids.end())) {
    auto population = std::move(*this).Finish();
    if (!population.ok()) return population.status();
    return BuiltPopulation{std::move(*population), nullptr};
  }
  FinishTables();  // the patients are in order: no index changes
  CONTINUUM_RETURN_IF_ERROR(FinishEventFiles(*event_files_));
  return BuiltPopulation{std::move(p_), std::move(event_files_)};
}

Status PopulationBuilder::FinishEventFiles(EventColumnFiles& files) {
  CONTINUUM_RETURN_IF_ERROR(files.status());
  CONTINUUM_RETURN_IF_ERROR(files.practice.Clear());  // a base population's, worked out again
  EventColumns& e = p_.events;
  e.first_day = e.last_day = 0;
  e.last_day_by_setting.fill(0);
  const size_t n = files.size();
  constexpr size_t kBlock = size_t{1} << 18;
  std::vector<uint32_t> patient(std::min(kBlock, n));
  std::vector<Day> day(patient.size());
  std::vector<uint8_t> setting(patient.size());
  for (size_t first = 0; first < n; first += kBlock) {
    const size_t count = std::min(kBlock, n - first);
    CONTINUUM_RETURN_IF_ERROR(files.patient.Read(first, {patient.data(), count}));
    CONTINUUM_RETURN_IF_ERROR(files.day.Read(first, {day.data(), count}));
    CONTINUUM_RETURN_IF_ERROR(files.setting.Read(first, {setting.data(), count}));
    if (first == 0) e.first_day = e.last_day = day[0];
    for (size_t i = 0; i < count; ++i) {
      files.practice.push_back(p_.PracticeOn(patient[i], day[i]));
      e.first_day = std::min(e.first_day, day[i]);
      e.last_day = std::max(e.last_day, day[i]);
      if (setting[i] < kSettingCount)
        e.last_day_by_setting[setting[i]] = std::max(e.last_day_by_setting[setting[i]], day[i]);
    }
  }
  return files.status();
}

uint32_t Population::IcoOn(uint32_t practice, Day day) const {
  const MembershipColumns& m = memberships;
  // A population put together by hand (a test's fixture) may have no offsets at all.
  const bool has_rows = practice + 1 < m.first_membership.size() &&
                        m.first_membership[practice] < m.first_membership[practice + 1];
  if (!has_rows) {
    const uint32_t parent = organisations.parent[practice];
    const bool ico =
        parent != Dictionary::kMissing && organisations.kind[parent] == uint8_t(OrgKind::kIco);
    return ico ? parent : Dictionary::kMissing;
  }
  for (uint32_t r = m.first_membership[practice]; r < m.first_membership[practice + 1]; ++r) {
    if (day >= m.start[r] && day <= m.end[r]) return m.ico[r];
  }
  return Dictionary::kMissing;
}

std::vector<std::string> MemberPracticeIds(const Population& p) {
  const OrganisationColumns& o = p.organisations;
  const Day day = p.LastDayOfData();
  std::vector<std::string> ids;
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (o.kind[org] == uint8_t(OrgKind::kPractice) && p.IcoOn(org, day) != Dictionary::kMissing)
      ids.emplace_back(o.ids.Value(org));
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

uint32_t Population::PracticeOn(uint32_t patient, Day day) const {
  const auto& first = patients.first_registration;
  for (uint32_t r = first[patient]; r < first[patient + 1]; ++r) {
    if (day >= registrations.start[r] && day <= registrations.end[r]) {
      return registrations.practice[r];
    }
  }
  return Dictionary::kMissing;
}

int LastCompleteFinancialYear(const EventColumns& e) {
  if (e.size() == 0) return 0;
  const int year = FinancialYearOf(e.last_day);
  return e.last_day > FinancialYearEnd(year) - 31 ? year : year - 1;
}

}  // namespace continuum
