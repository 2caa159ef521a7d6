#include "engine/population_check.h"

#include <algorithm>
#include <limits>
#include <string>
#include <type_traits>

namespace continuum {
namespace {

class Checker {
 public:
  // Every element of `column` is below `limit`, or equal to `allowed_missing`. Checked a block at
  // a time without branches, so that the compiler can use vector instructions (this runs over
  // every row of a population as it loads); a block found wanting is searched again for the
  // message.
  template <typename T, typename U>
  void Below(const char* name, const Column<T>& column, U limit, T allowed_missing) {
    static_assert(std::is_unsigned_v<T>);
    const auto wide = static_cast<uint64_t>(limit);             // limits are counts, never negative
    if (!ok() || wide > std::numeric_limits<T>::max()) return;  // no value can reach it
    const T bound = static_cast<T>(wide);
    constexpr size_t kBlock = 4096;
    for (size_t at = 0; at < column.size(); at += kBlock) {
      const size_t end = std::min(column.size(), at + kBlock);
      T beyond = 0;
      if (allowed_missing == std::numeric_limits<T>::max()) {
        // v in [bound, allowed_missing) is the one unsigned comparison v - bound < span.
        const T span = static_cast<T>(allowed_missing - bound);
        for (size_t i = at; i < end; ++i)
          beyond |= static_cast<T>(static_cast<T>(column[i] - bound) < span);
      } else {
        for (size_t i = at; i < end; ++i)
          beyond |= static_cast<T>(static_cast<T>(column[i] != allowed_missing) &
                                   static_cast<T>(column[i] >= bound));
      }
      if (!beyond) continue;
      for (size_t i = at; i < end; ++i) {
        const T v = column[i];
        if (v == allowed_missing || v < bound) continue;
        problem_ = std::string(name) + " holds " + std::to_string(static_cast<uint64_t>(v)) +
                   ", beyond " + std::to_string(wide);
        return;
      }
    }
  }
  template <typename C>  // a column, or a vector of names
  void Length(const char* name, const C& column, size_t expected) {
    if (ok() && column.size() != expected) {
      problem_ = std::string(name) + " has " + std::to_string(column.size()) +
                 " values, expected " + std::to_string(expected);
    }
  }
  // `offsets` (already of the right length) rise and cover `rows` rows from 0.
  void Offsets(const char* what, const Column<uint32_t>& offsets, size_t rows) {
    if (!ok() || offsets.empty()) return;
    for (size_t i = 0; i + 1 < offsets.size(); ++i) {
      if (offsets[i] > offsets[i + 1]) {
        problem_ = std::string(what) + " offsets go backwards";
        return;
      }
    }
    if (offsets.front() != 0 || offsets.back() != rows)
      problem_ = std::string(what) + " offsets do not cover the " + what + "s";
  }
  bool ok() const { return problem_.empty(); }
  Status status() const {
    return ok() ? Status::Ok()
                : Status::Corrupt("the engine's columns are inconsistent: " + problem_);
  }

 private:
  std::string problem_;
};

}  // namespace

Status CheckPopulation(const Population& p) {
  Checker c;
  const size_t orgs = p.organisations.ids.size();
  c.Length("organisations.name", p.organisations.name, orgs);
  c.Length("organisations.kind", p.organisations.kind, orgs);
  c.Length("organisations.parent", p.organisations.parent, orgs);
  c.Below("organisations.kind", p.organisations.kind, 10, kNoCode);
  c.Below("organisations.parent", p.organisations.parent, orgs, Dictionary::kMissing);
  c.Length("staff.role", p.staff.role, p.staff.organisation.size());
  c.Below("staff.organisation", p.staff.organisation, orgs, Dictionary::kMissing);

  const PatientColumns& pt = p.patients;
  const size_t n = pt.id.size();
  c.Length("patients.birth", pt.birth, n);
  c.Length("patients.sex", pt.sex, n);
  c.Length("patients.imd_decile", pt.imd_decile, n);
  c.Length("patients.lsoa", pt.lsoa, n);
  c.Length("patients.death", pt.death, n);
  c.Length("patients.death_place", pt.death_place, n);
  c.Length("patients.preferred_place", pt.preferred_place, n);
  c.Length("patients.first_registration", pt.first_registration, n + 1);
  c.Below("patients.sex", pt.sex, 2, kNoCode);
  c.Below("patients.lsoa", pt.lsoa, pt.lsoas.size(), Dictionary::kMissing);
  c.Below("patients.death_place", pt.death_place, 5, kNoCode);
  c.Below("patients.preferred_place", pt.preferred_place, 5, kNoCode);

  const RegistrationColumns& r = p.registrations;
  c.Length("registrations.practice", r.practice, r.size());
  c.Length("registrations.start", r.start, r.size());
  c.Length("registrations.end", r.end, r.size());
  c.Length("registrations.start_reason", r.start_reason, r.size());
  c.Length("registrations.end_reason", r.end_reason, r.size());
  c.Below("registrations.patient", r.patient, n, Dictionary::kMissing);
  c.Below("registrations.practice", r.practice, orgs, Dictionary::kMissing);
  c.Offsets("registration", pt.first_registration, r.size());

  const MembershipColumns& m = p.memberships;
  c.Length("memberships.ico", m.ico, m.size());
  c.Length("memberships.start", m.start, m.size());
  c.Length("memberships.end", m.end, m.size());
  if (!m.first_membership.empty())  // empty in a population put together without memberships
    c.Length("memberships.first_membership", m.first_membership, orgs + 1);
  c.Below("memberships.practice", m.practice, orgs, Dictionary::kMissing);
  c.Below("memberships.ico", m.ico, orgs, Dictionary::kMissing);
  c.Offsets("membership", m.first_membership, m.size());

  const ConditionColumns& cd = p.conditions;
  c.Length("conditions.condition", cd.condition, cd.size());
  c.Length("conditions.onset", cd.onset, cd.size());
  c.Length("conditions.resolved", cd.resolved, cd.size());
  c.Below("conditions.patient", cd.patient, n, Dictionary::kMissing);
  c.Below("conditions.condition", cd.condition, kConditionCount, kNoCode);

  const ObservationColumns& o = p.observations;
  c.Length("observations.day", o.day, o.size());
  c.Length("observations.kind", o.kind, o.size());
  c.Length("observations.value", o.value, o.size());
  c.Below("observations.patient", o.patient, n, Dictionary::kMissing);
  c.Below("observations.kind", o.kind, kObservationKindCount, kNoCode);

  const EventColumns& e = p.events;
  const size_t events = e.id.size();
  c.Length("events.patient", e.patient, events);
  c.Length("events.day", e.day, events);
  c.Length("events.setting", e.setting, events);
  c.Length("events.practice", e.practice, events);
  c.Length("events.provider", e.provider, events);
  c.Length("events.specialty", e.specialty, events);
  c.Length("events.diagnosis", e.diagnosis, events);
  c.Length("events.procedure", e.procedure, events);
  c.Length("events.length_of_stay", e.length_of_stay, events);
  c.Length("events.quantity", e.quantity, events);
  c.Length("events.cost", e.cost, events);
  c.Length("events.medicine", e.medicine, events);
  c.Below("events.patient", e.patient, n, Dictionary::kMissing);
  c.Below("events.setting", e.setting, kSettingCount, kNoCode);
  c.Below("events.practice", e.practice, orgs, Dictionary::kMissing);
  c.Below("events.provider", e.provider, orgs, Dictionary::kMissing);
  c.Below("events.specialty", e.specialty, e.specialties.size(), uint16_t{UINT16_MAX});
  c.Below("events.diagnosis", e.diagnosis, e.diagnoses.size(), Dictionary::kMissing);
  c.Below("events.procedure", e.procedure, e.procedures.size(), Dictionary::kMissing);
  c.Below("events.medicine", e.medicine, e.medicines.size(), Dictionary::kMissing);

  if (c.ok()) {
    bool outside = false;  // without branches, as in Checker::Below
    for (Day day : e.day) outside |= (day < e.first_day) | (day > e.last_day);
    if (outside) {
      return Status::Corrupt(
          "the engine's columns are inconsistent: an event day lies outside "
          "the events' first and last day");
    }
  }

  const ReferralColumns& f = p.referrals;
  c.Length("referrals.day", f.day, f.size());
  c.Length("referrals.from", f.from, f.size());
  c.Length("referrals.to", f.to, f.size());
  c.Length("referrals.specialty", f.specialty, f.size());
  c.Length("referrals.reason", f.reason, f.size());
  c.Length("referrals.outcome", f.outcome, f.size());
  c.Below("referrals.patient", f.patient, n, Dictionary::kMissing);
  c.Below("referrals.from", f.from, orgs, Dictionary::kMissing);
  c.Below("referrals.to", f.to, orgs, Dictionary::kMissing);
  c.Below("referrals.specialty", f.specialty, e.specialties.size(), uint16_t{UINT16_MAX});
  c.Below("referrals.reason", f.reason, e.diagnoses.size(), Dictionary::kMissing);
  c.Below("referrals.outcome", f.outcome, 5, kNoCode);
  return c.status();
}

}  // namespace continuum
