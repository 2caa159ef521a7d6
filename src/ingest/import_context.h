// What import needs to know about rows already accepted — organisations, patients and their
// registration periods — so that every row can be checked against the others and against
// what the workspace already holds.
//
//   auto context = ImportContext::Load(workspace);
//   const PatientFacts* p = context->FindPatient(100001);
//   bool ok = p && p->IsRegisteredOn(day);
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "model/codes.h"
#include "store/workspace.h"

namespace continuum {

// A registration period; `end` is kOpenEnd while the patient is still on the list.
struct RegistrationPeriod {
  Day start;
  Day end;
};
inline constexpr Day kOpenEnd = INT32_MAX;

struct PatientFacts {
  Day birth = 0;
  std::vector<RegistrationPeriod> registrations;

  bool IsRegisteredOn(Day day) const;
  // The period overlapping [start, end], or nullptr.
  const RegistrationPeriod* Overlapping(Day start, Day end) const;
};

// One practice's periods of membership of an ICO (memberships.csv), for the overlap check.
struct MembershipPeriod {
  Day start;
  Day end;  // kOpenEnd while a member
};

class ImportContext {
 public:
  // Reads the organisations, patients, registrations and memberships already in the workspace.
  static Result<ImportContext> Load(Workspace& workspace);

  const OrgKind* FindOrganisation(std::string_view org_id) const;
  void AddOrganisation(std::string_view org_id, OrgKind kind);

  PatientFacts* FindPatient(int64_t patient_id);
  void AddPatient(int64_t patient_id, Day birth);
  bool HasNhsNumber(std::string_view nhs_number) const;
  // The practice's membership periods so far (none when it has no rows).
  std::vector<MembershipPeriod>& MembershipsOf(std::string_view practice_id) {
    return memberships_[std::string(practice_id)];
  }
  void AddNhsNumber(std::string_view nhs_number);

  // Rows rejected in this import that later rows may refer to, so that those later rows are
  // reported as consequences rather than as problems of their own.
  void MarkRejectedPatient(int64_t patient_id) { rejected_patients_.insert(patient_id); }
  bool WasPatientRejected(int64_t patient_id) const {
    return rejected_patients_.count(patient_id) != 0;
  }
  void MarkRejectedRegistration(int64_t patient_id) { rejected_registrations_.insert(patient_id); }
  bool HadRegistrationRejected(int64_t patient_id) const {
    return rejected_registrations_.count(patient_id) != 0;
  }
  void MarkRejectedOrganisation(std::string_view org_id) {
    rejected_organisations_.emplace(org_id);
  }
  bool WasOrganisationRejected(std::string_view org_id) const {
    return rejected_organisations_.count(std::string(org_id)) != 0;
  }

 private:
  std::unordered_map<std::string, OrgKind> organisations_;
  std::unordered_map<int64_t, PatientFacts> patients_;
  std::unordered_set<int64_t> nhs_numbers_;  // the ten digits as a number
  std::unordered_map<std::string, std::vector<MembershipPeriod>> memberships_;  // by practice_id
  std::unordered_set<int64_t> rejected_patients_, rejected_registrations_;
  std::unordered_set<std::string> rejected_organisations_;
};

}  // namespace continuum
