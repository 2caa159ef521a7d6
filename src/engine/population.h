// The engine's in-memory model of a workspace: every table as contiguous columns, patients
// and organisations as dense indexes, dates as day numbers, money as pence, codes as small
// integers. Analyses read these columns; nothing here touches SQLite.
//
//   const Population& p = engine->population();
//   for (size_t e = 0; e < p.events.size(); ++e) total += p.events.cost[e];
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/date.h"
#include "core/lent_column.h"
#include "core/money.h"
#include "engine/dictionary.h"
#include "model/codes.h"

namespace continuum {

inline constexpr Day kNoDay = INT32_MAX;  // an open end date, or no death
inline constexpr Pence kNoCost = -1;      // an event whose cost is not known
inline constexpr uint16_t kNoStay = UINT16_MAX;
inline constexpr uint8_t kNoCode = UINT8_MAX;

struct OrganisationColumns {
  Dictionary ids;  // org_id -> index
  std::vector<std::string> name;
  Column<uint8_t> kind;     // OrgKind
  Column<uint32_t> parent;  // organisation index, or Dictionary::kMissing
  size_t size() const { return kind.size(); }
};

struct PatientColumns {
  Column<int64_t> id;  // pseudonymous patient_id
  Column<Day> birth;
  Column<uint8_t> sex;  // Sex
  Column<uint8_t> imd_decile;
  Column<uint32_t> lsoa;  // into lsoas
  Dictionary lsoas;
  Column<Day> death;                             // kNoDay when alive
  Column<uint8_t> death_place, preferred_place;  // PlaceOfDeath or kNoCode
  // Registrations of patient i are registrations[first_registration[i] .. first_registration[i+1]).
  Column<uint32_t> first_registration;
  size_t size() const { return id.size(); }
};

// Sorted by patient, then start.
struct RegistrationColumns {
  Column<uint32_t> patient;
  Column<uint32_t> practice;                 // organisation index
  Column<Day> start, end;                    // end is kNoDay while registered
  Column<uint8_t> start_reason, end_reason;  // RegistrationStart / RegistrationEnd or kNoCode
  size_t size() const { return patient.size(); }
};

// Memberships of ICOs (memberships.csv), sorted by practice then start. Practice o's rows are
// [first_membership[o], first_membership[o + 1]); a practice with none is a member of its
// parent ICO for all time (Population::IcoOn).
struct MembershipColumns {
  Column<uint32_t> practice, ico;  // organisation indexes
  Column<Day> start, end;          // end is kNoDay while a member
  // By organisation index, size organisations + 1 (empty in a population put together by hand
  // without memberships, which IcoOn reads as no rows).
  Column<uint32_t> first_membership;
  size_t size() const { return practice.size(); }
};

struct ConditionColumns {
  Column<uint32_t> patient;
  Column<uint8_t> condition;  // Condition
  Column<Day> onset, resolved;
  size_t size() const { return patient.size(); }
};

struct ObservationColumns {
  Column<uint32_t> patient;
  Column<Day> day;
  Column<uint8_t> kind;  // ObservationKind
  Column<float> value;   // a coded value as its index in ObservationValueCodes(kind)
  size_t size() const { return patient.size(); }
};

// Activity events in the order stored (event_id order).
struct EventColumns {
  Column<int64_t> id;
  Column<uint32_t> patient;
  Column<Day> day;
  Column<uint8_t> setting;          // Setting
  Column<uint32_t> practice;        // the patient's practice on the day (organisation index)
  Column<uint32_t> provider;        // organisation index
  Column<uint16_t> specialty;       // into specialties, or UINT16_MAX
  Column<uint32_t> diagnosis;       // into diagnoses, or Dictionary::kMissing
  Column<uint32_t> procedure;       // into procedures, or Dictionary::kMissing
  Column<uint16_t> length_of_stay;  // kNoStay when not an admission
  Column<uint32_t> quantity;
  // Pence, kNoCost when unknown; 32 bits suffice (import caps an event at £10,000,000) and keep
  // the column a third lighter to scan.
  Column<int32_t> cost;
  Column<uint32_t> medicine;  // into medicines (BNF codes), or Dictionary::kMissing
  // The code dictionaries, shared with the referrals' specialty and reason, so that one lookup
  // table over a dictionary serves both tables and a referral's specialty compares as an integer
  // with an attendance's.
  Dictionary specialties, diagnoses, procedures, medicines;
  Day first_day = 0, last_day = 0;  // the earliest and latest event day (0, 0 when none)
  // The latest event day of each setting (0 when none): how far each feed has reported, which a
  // shard keeps from the whole workspace.
  std::array<Day, kSettingCount> last_day_by_setting{};
  size_t size() const { return id.size(); }
};

struct ReferralColumns {
  Column<uint32_t> patient;
  Column<Day> day;
  Column<uint32_t> from, to;   // organisation indexes
  Column<uint16_t> specialty;  // into events.specialties, or UINT16_MAX
  Column<uint32_t> reason;     // ICD-10, into events.diagnoses, or Dictionary::kMissing
  Column<uint8_t> outcome;     // ReferralOutcome
  size_t size() const { return patient.size(); }
};

struct StaffColumns {
  Column<uint32_t> organisation;
  Column<uint8_t> role;  // StaffRole
  size_t size() const { return role.size(); }
};

struct Population {
  OrganisationColumns organisations;
  StaffColumns staff;
  PatientColumns patients;
  RegistrationColumns registrations;
  ConditionColumns conditions;
  ObservationColumns observations;
  EventColumns events;
  ReferralColumns referrals;
  MembershipColumns memberships;

  // The practice whose registration of `patient` covers `day` by its dates alone, or
  // Dictionary::kMissing: the practice an event is attributed to. Who is on a list on a day
  // (alive too) is RegisteredPracticeOn() in engine/registered_on.h.
  uint32_t PracticeOn(uint32_t patient, Day day) const;
  // The ICO (organisation index) practice `practice` is a member of on `day`, or
  // Dictionary::kMissing: from its memberships when it has any, otherwise its parent when that
  // is an ICO, whatever the day.
  uint32_t IcoOn(uint32_t practice, Day day) const;
  // The day reports take membership on when they show one state for a whole window: the last
  // day of activity, or kNoDay (memberships still open) when there is none. A directory
  // (engine/shard_split.h) keeps the whole's last day without its events.
  Day LastDayOfData() const {
    return events.size() || events.last_day != 0 ? events.last_day : kNoDay;
  }
};

// The last financial year the events cover (to within its last month), or 0.
int LastCompleteFinancialYear(const EventColumns& events);

// The ids of the practices that are members of an ICO on the last day of data (IcoOn on
// LastDayOfData(), as the server scopes a practice clinician), sorted: the practices a practice
// clinician may belong to. A practice that has left its ICO is not one.
std::vector<std::string> MemberPracticeIds(const Population& population);

}  // namespace continuum
