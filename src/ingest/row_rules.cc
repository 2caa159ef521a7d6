#include "ingest/row_rules.h"

#include <cstdlib>

#include "core/date.h"
#include "core/quoted.h"

namespace continuum {
namespace {

std::optional<RowProblem> Problem(std::string_view column, std::string reason) {
  return RowProblem{column, std::move(reason)};
}

// Column positions, checked against the schema in row_rules_test.cc.
namespace org {
enum { kId, kName, kKind, kParent };
}
namespace staff {
enum { kId, kOrg, kRole, kSpecialty };
}
namespace patient {
enum { kId, kNhs, kBirth, kSex, kLsoa, kImd };
}
namespace reg {
enum { kPatient, kPractice, kStart, kStartReason, kEnd, kEndReason };
}
namespace cond {
enum { kPatient, kCondition, kOnset, kResolved };
}
namespace obs {
enum { kPatient, kDate, kKind, kValue };
}
namespace act {
enum {
  kId,
  kPatient,
  kDate,
  kSetting,
  kProvider,
  kSpecialty,
  kDiagnosis,
  kProcedure,
  kStay,
  kQuantity,
  kCost,
  kMedicine
};
}
namespace death {
enum { kPatient, kDate, kPlace, kPreferred };
}
namespace ref {
enum { kId, kPatient, kDate, kFrom, kTo, kSpecialty, kReason, kOutcome };
}
namespace member {
enum { kPractice, kIco, kStart, kEnd };
}

std::optional<RowProblem> Consequence(std::string_view column, std::string reason) {
  return RowProblem{column, std::move(reason), /*consequence=*/true};
}

std::optional<RowProblem> NeedPatient(const ImportRow& row, int column, ImportContext& context,
                                      PatientFacts** out) {
  *out = context.FindPatient(row.parsed[column]);
  if (*out == nullptr) {
    if (context.WasPatientRejected(row.parsed[column])) {
      return Consequence("patient_id", "patient " + std::string(row.fields[column]) +
                                           " was rejected in patients.csv, so this row is too");
    }
    return Problem("patient_id", "patient " + std::string(row.fields[column]) +
                                     " is not in patients.csv or the workspace");
  }
  return std::nullopt;
}

std::optional<RowProblem> NeedRegisteredOn(const PatientFacts& patient, const ImportRow& row,
                                           int patient_column, int date_column,
                                           std::string_view date_name,
                                           const ImportContext& context) {
  if (!patient.IsRegisteredOn(static_cast<Day>(row.parsed[date_column]))) {
    std::string reason = std::string(row.fields[date_column]) +
                         " is outside every registration of patient " +
                         std::string(row.fields[patient_column]);
    if (context.HadRegistrationRejected(row.parsed[patient_column])) {
      return Consequence(date_name, reason + " (one of them was rejected in registrations.csv)");
    }
    return Problem(date_name, std::move(reason));
  }
  return std::nullopt;
}

std::optional<RowProblem> NeedOrganisation(const ImportRow& row, int column, std::string_view name,
                                           ImportContext& context) {
  if (context.FindOrganisation(row.fields[column]) == nullptr) {
    if (context.WasOrganisationRejected(row.fields[column])) {
      return Consequence(name, "organisation " + Quoted(row.fields[column]) +
                                   " was rejected in organisations.csv, so this row is too");
    }
    return Problem(name, "organisation " + Quoted(row.fields[column]) +
                             " is not in organisations.csv or the workspace");
  }
  return std::nullopt;
}

// The organisation in `column` exists and is of `kind`.
std::optional<RowProblem> NeedOrganisationOfKind(const ImportRow& row, int column,
                                                 std::string_view name, OrgKind kind,
                                                 ImportContext& context) {
  if (auto p = NeedOrganisation(row, column, name, context)) return p;
  const OrgKind found = *context.FindOrganisation(row.fields[column]);
  if (found != kind) {
    return Problem(name, "organisation " + Quoted(row.fields[column]) + " is of kind " +
                             std::string(kOrgKindCodes[static_cast<int>(found)]) + ", not " +
                             std::string(kOrgKindCodes[static_cast<int>(kind)]));
  }
  return std::nullopt;
}

std::optional<RowProblem> CheckMembership(const ImportRow& row, ImportContext& context) {
  if (auto p = NeedOrganisationOfKind(row, member::kPractice, "practice_id", OrgKind::kPractice,
                                      context)) {
    return p;
  }
  if (auto p = NeedOrganisationOfKind(row, member::kIco, "ico_id", OrgKind::kIco, context))
    return p;
  const Day start = static_cast<Day>(row.parsed[member::kStart]);
  const Day end =
      row.fields[member::kEnd].empty() ? kOpenEnd : static_cast<Day>(row.parsed[member::kEnd]);
  if (end < start) return Problem("end_date", "membership ends before it starts");
  for (const MembershipPeriod& other : context.MembershipsOf(row.fields[member::kPractice])) {
    if (start <= other.end && other.start <= end) {
      return Problem("start_date", "overlaps another membership of practice " +
                                       Quoted(row.fields[member::kPractice]) + " starting " +
                                       FormatDate(other.start));
    }
  }
  return std::nullopt;
}

std::optional<RowProblem> CheckObservationValue(const ImportRow& row) {
  const auto kind =
      static_cast<ObservationKind>(FindCode(kObservationKindCodes, row.fields[obs::kKind]));
  const std::string_view value = row.fields[obs::kValue];
  if (const CodeList codes = ObservationValueCodes(kind); !codes.empty()) {
    if (FindCode(codes, value) < 0) {
      std::string allowed;
      for (std::string_view code : codes)
        allowed += (allowed.empty() ? "" : ", ") + std::string(code);
      return Problem("value", Quoted(value) + " is not a known code for " +
                                  std::string(row.fields[obs::kKind]) + " (one of: " + allowed +
                                  ")");
    }
    return std::nullopt;
  }
  struct Range {
    double low, high;
    const char* unit;
  };
  static constexpr Range kRanges[] = {
      {20, 200, "mmol/mol"}, {60, 260, "mmHg"}, {30, 160, "mmHg"}, {10, 80, "kg/m2"}};
  const Range range = kRanges[static_cast<int>(kind)];
  const std::string text(value);
  char* end = nullptr;
  const double number = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() ||
      text.find_first_not_of("0123456789.") != std::string::npos) {
    return Problem("value", Quoted(text) + " is not a number");
  }
  if (number < range.low || number > range.high) {
    return Problem("value", Quoted(text) + " is outside the plausible range " +
                                std::to_string(static_cast<int>(range.low)) + " to " +
                                std::to_string(static_cast<int>(range.high)) + " " + range.unit +
                                " for " + std::string(row.fields[obs::kKind]));
  }
  return std::nullopt;
}

}  // namespace

std::optional<RowProblem> CheckRowRules(TableId table, const ImportRow& row,
                                        ImportContext& context) {
  PatientFacts* patient = nullptr;
  switch (table) {
    case TableId::kOrganisations: {
      const std::string_view parent = row.fields[org::kParent];
      const auto kind = static_cast<OrgKind>(FindCode(kOrgKindCodes, row.fields[org::kKind]));
      if (parent.empty()) {
        if (kind == OrgKind::kPractice || kind == OrgKind::kIco) {
          return Problem("parent_id", std::string(row.fields[org::kKind]) + " needs a parent_id");
        }
        return std::nullopt;
      }
      if (parent == row.fields[org::kId])
        return Problem("parent_id", "an organisation cannot be its own parent");
      const OrgKind* parent_kind = context.FindOrganisation(parent);
      if (parent_kind == nullptr) {
        return Problem("parent_id", "organisation " + Quoted(parent) +
                                        " is not in organisations.csv or the workspace");
      }
      if (kind == OrgKind::kPractice && *parent_kind != OrgKind::kIco &&
          *parent_kind != OrgKind::kCommissioner) {
        return Problem("parent_id", "a practice's parent must be an ico or a commissioner");
      }
      if (kind == OrgKind::kIco && *parent_kind != OrgKind::kCommissioner) {
        return Problem("parent_id", "an ico's parent must be a commissioner");
      }
      return std::nullopt;
    }
    case TableId::kStaff:
      return NeedOrganisation(row, staff::kOrg, "org_id", context);
    case TableId::kPatients:
      if (context.FindPatient(row.parsed[patient::kId]) != nullptr) {
        return Problem("patient_id", "patient_id " + std::string(row.fields[patient::kId]) +
                                         " appears more than once (in this file or the workspace)");
      }
      if (context.HasNhsNumber(row.fields[patient::kNhs])) {
        return Problem("nhs_number", "NHS number " + std::string(row.fields[patient::kNhs]) +
                                         " belongs to another patient");
      }
      return std::nullopt;
    case TableId::kRegistrations: {
      if (auto p = NeedPatient(row, reg::kPatient, context, &patient)) return p;
      const OrgKind* kind = context.FindOrganisation(row.fields[reg::kPractice]);
      if (kind == nullptr && context.WasOrganisationRejected(row.fields[reg::kPractice])) {
        return Consequence("practice_id",
                           "practice " + Quoted(row.fields[reg::kPractice]) +
                               " was rejected in organisations.csv, so this row is too");
      }
      if (kind == nullptr || *kind != OrgKind::kPractice) {
        return Problem("practice_id",
                       Quoted(row.fields[reg::kPractice]) +
                           " is not a practice in organisations.csv or the workspace");
      }
      const Day start = static_cast<Day>(row.parsed[reg::kStart]);
      if (start < patient->birth)
        return Problem("start_date", "registration starts before the patient's birth");
      const bool has_end = !row.fields[reg::kEnd].empty();
      if (has_end != !row.fields[reg::kEndReason].empty()) {
        return Problem(has_end ? "end_reason" : "end_date",
                       "end_date and end_reason go together: give both or neither");
      }
      const Day end = has_end ? static_cast<Day>(row.parsed[reg::kEnd]) : kOpenEnd;
      if (end < start) return Problem("end_date", "registration ends before it starts");
      if (const RegistrationPeriod* other = patient->Overlapping(start, end)) {
        return Problem("start_date", "overlaps another registration of patient " +
                                         std::string(row.fields[reg::kPatient]) + " starting " +
                                         FormatDate(other->start));
      }
      return std::nullopt;
    }
    case TableId::kConditions: {
      if (auto p = NeedPatient(row, cond::kPatient, context, &patient)) return p;
      const Day onset = static_cast<Day>(row.parsed[cond::kOnset]);
      if (onset < patient->birth)
        return Problem("onset_date", "onset is before the patient's birth");
      if (!row.fields[cond::kResolved].empty() &&
          static_cast<Day>(row.parsed[cond::kResolved]) < onset) {
        return Problem("resolved_date", "resolved before onset");
      }
      return std::nullopt;
    }
    case TableId::kObservations:
      if (auto p = NeedPatient(row, obs::kPatient, context, &patient)) return p;
      if (auto p = NeedRegisteredOn(*patient, row, obs::kPatient, obs::kDate, "date", context))
        return p;
      return CheckObservationValue(row);
    case TableId::kActivity: {
      if (auto p = NeedPatient(row, act::kPatient, context, &patient)) return p;
      if (auto p = NeedRegisteredOn(*patient, row, act::kPatient, act::kDate, "date", context))
        return p;
      if (auto p = NeedOrganisation(row, act::kProvider, "provider_id", context)) return p;
      const auto setting = static_cast<Setting>(FindCode(kSettingCodes, row.fields[act::kSetting]));
      const bool has_stay = !row.fields[act::kStay].empty();
      if (IsAdmission(setting) && !has_stay) {
        return Problem("length_of_stay",
                       "is required for " + std::string(row.fields[act::kSetting]) + " admissions");
      }
      if (!IsAdmission(setting) && has_stay) {
        return Problem("length_of_stay",
                       "applies only to elective, day_case and emergency admissions");
      }
      if (setting != Setting::kPrescription && !row.fields[act::kMedicine].empty()) {
        return Problem("medicine", "applies only to prescriptions");
      }
      return std::nullopt;
    }
    case TableId::kDeaths:
      if (auto p = NeedPatient(row, death::kPatient, context, &patient)) return p;
      return NeedRegisteredOn(*patient, row, death::kPatient, death::kDate, "date", context);
    case TableId::kReferrals:
      if (auto p = NeedPatient(row, ref::kPatient, context, &patient)) return p;
      if (auto p = NeedRegisteredOn(*patient, row, ref::kPatient, ref::kDate, "date", context))
        return p;
      if (auto p = NeedOrganisation(row, ref::kFrom, "from_org", context)) return p;
      return NeedOrganisation(row, ref::kTo, "to_org", context);
    case TableId::kMemberships:
      return CheckMembership(row, context);
  }
  return std::nullopt;
}

void RecordRow(TableId table, const ImportRow& row, ImportContext& context) {
  switch (table) {
    case TableId::kOrganisations:
      context.AddOrganisation(row.fields[org::kId], static_cast<OrgKind>(FindCode(
                                                        kOrgKindCodes, row.fields[org::kKind])));
      break;
    case TableId::kPatients:
      context.AddPatient(row.parsed[patient::kId], static_cast<Day>(row.parsed[patient::kBirth]));
      context.AddNhsNumber(row.fields[patient::kNhs]);
      break;
    case TableId::kRegistrations: {
      PatientFacts* p = context.FindPatient(row.parsed[reg::kPatient]);
      const Day end =
          row.fields[reg::kEnd].empty() ? kOpenEnd : static_cast<Day>(row.parsed[reg::kEnd]);
      p->registrations.push_back({static_cast<Day>(row.parsed[reg::kStart]), end});
      break;
    }
    case TableId::kMemberships: {
      const Day end =
          row.fields[member::kEnd].empty() ? kOpenEnd : static_cast<Day>(row.parsed[member::kEnd]);
      context.MembershipsOf(row.fields[member::kPractice])
          .push_back({static_cast<Day>(row.parsed[member::kStart]), end});
      break;
    }
    default:
      break;
  }
}

}  // namespace continuum
