#include "ingest/import_context.h"

namespace continuum {
namespace {

int64_t NhsAsNumber(std::string_view digits) {
  int64_t n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

bool PatientFacts::IsRegisteredOn(Day day) const {
  for (const RegistrationPeriod& r : registrations) {
    if (day >= r.start && day <= r.end) return true;
  }
  return false;
}

const RegistrationPeriod* PatientFacts::Overlapping(Day start, Day end) const {
  for (const RegistrationPeriod& r : registrations) {
    if (start <= r.end && r.start <= end) return &r;
  }
  return nullptr;
}

Result<ImportContext> ImportContext::Load(Workspace& workspace) {
  ImportContext context;
  {
    auto scan = workspace.Prepare("SELECT org_id, kind FROM organisations");
    if (!scan.ok()) return scan.status();
    while ((*scan)->NextRow()) {
      context.AddOrganisation((*scan)->Text(0),
                              static_cast<OrgKind>(FindCode(kOrgKindCodes, (*scan)->Text(1))));
    }
    CONTINUUM_RETURN_IF_ERROR((*scan)->status());
  }
  {
    auto scan = workspace.Prepare("SELECT patient_id, birth_date, nhs_number FROM patients");
    if (!scan.ok()) return scan.status();
    while ((*scan)->NextRow()) {
      context.AddPatient((*scan)->Int(0), static_cast<Day>((*scan)->Int(1)));
      context.AddNhsNumber((*scan)->Text(2));
    }
    CONTINUUM_RETURN_IF_ERROR((*scan)->status());
  }
  {
    auto scan = workspace.Prepare("SELECT patient_id, start_date, end_date FROM registrations");
    if (!scan.ok()) return scan.status();
    while ((*scan)->NextRow()) {
      PatientFacts* patient = context.FindPatient((*scan)->Int(0));
      if (patient == nullptr) continue;
      const Day start = static_cast<Day>((*scan)->Int(1));
      const Day end = (*scan)->IsNull(2) ? kOpenEnd : static_cast<Day>((*scan)->Int(2));
      patient->registrations.push_back({start, end});
    }
    CONTINUUM_RETURN_IF_ERROR((*scan)->status());
  }
  {
    auto scan = workspace.Scan(TableId::kMemberships);
    if (!scan.ok()) return scan.status();
    while ((*scan)->NextRow()) {
      const Day end = (*scan)->IsNull(3) ? kOpenEnd : static_cast<Day>((*scan)->Int(3));
      context.MembershipsOf((*scan)->Text(0)).push_back({static_cast<Day>((*scan)->Int(2)), end});
    }
    CONTINUUM_RETURN_IF_ERROR((*scan)->status());
  }
  return context;
}

const OrgKind* ImportContext::FindOrganisation(std::string_view org_id) const {
  auto it = organisations_.find(std::string(org_id));
  return it == organisations_.end() ? nullptr : &it->second;
}

void ImportContext::AddOrganisation(std::string_view org_id, OrgKind kind) {
  organisations_[std::string(org_id)] = kind;
}

PatientFacts* ImportContext::FindPatient(int64_t patient_id) {
  auto it = patients_.find(patient_id);
  return it == patients_.end() ? nullptr : &it->second;
}

void ImportContext::AddPatient(int64_t patient_id, Day birth) {
  patients_[patient_id].birth = birth;
}

bool ImportContext::HasNhsNumber(std::string_view nhs_number) const {
  return nhs_numbers_.count(NhsAsNumber(nhs_number)) != 0;
}

void ImportContext::AddNhsNumber(std::string_view nhs_number) {
  nhs_numbers_.insert(NhsAsNumber(nhs_number));
}

}  // namespace continuum
