#include "ingest/field_check.h"

#include <string>

#include "core/date.h"
#include "core/money.h"
#include "core/nhs_number.h"
#include "core/quoted.h"
#include "model/id.h"

namespace continuum {
namespace {

Status CheckInteger(const ColumnSpec& column, std::string_view v, int64_t* parsed) {
  int64_t n = 0;
  bool negative = false;
  size_t i = 0;
  if (!v.empty() && v[0] == '-') {
    negative = true;
    i = 1;
  }
  if (i == v.size() || v.size() - i > 18) {
    return Status::InvalidInput(Quoted(v) + " is not a whole number");
  }
  for (; i < v.size(); ++i) {
    if (v[i] < '0' || v[i] > '9') return Status::InvalidInput(Quoted(v) + " is not a whole number");
    n = n * 10 + (v[i] - '0');
  }
  if (negative) n = -n;
  if (column.max > column.min && (n < column.min || n > column.max)) {
    if (column.max == INT64_MAX) {
      return Status::InvalidInput(Quoted(v) + " must be " + std::to_string(column.min) +
                                  " or more");
    }
    return Status::InvalidInput(Quoted(v) + " is outside " + std::to_string(column.min) + " to " +
                                std::to_string(column.max));
  }
  *parsed = n;
  return Status::Ok();
}

}  // namespace

Status CheckField(const ColumnSpec& column, std::string_view v, int64_t* parsed) {
  if (v.empty()) {
    if (column.required) return Status::InvalidInput("is required but empty");
    return Status::Ok();
  }
  switch (column.type) {
    case ColumnType::kInteger:
      return CheckInteger(column, v, parsed);
    case ColumnType::kText: {
      // A name is printed in reports: an escape sequence in it would drive the reader's terminal.
      size_t at = 0;
      if (HasControlCharacter(v, &at)) {
        return Status::InvalidInput(
            Quoted(v) + " holds a control character at byte " + std::to_string(at + 1) +
            "; text may hold no control characters (no line breaks, escapes or NUL) but tab");
      }
      return Status::Ok();
    }
    case ColumnType::kKey:
      for (char c : v) {
        if (!IsIdCharacter(c)) {
          return Status::InvalidInput(Quoted(v) +
                                      " is not an id (letters, digits, '-' and '_' only)");
        }
      }
      if (v.size() > kMaxIdLength) {
        return Status::InvalidInput(Quoted(v) + " is longer than " + std::to_string(kMaxIdLength) +
                                    " characters");
      }
      return Status::Ok();
    case ColumnType::kDate: {
      Result<Day> day = ParseDate(v);
      if (!day.ok()) return day.status();
      static const Day today = Today();
      if (*day > today) return Status::InvalidInput(Quoted(v) + " is in the future");
      *parsed = *day;
      return Status::Ok();
    }
    case ColumnType::kPounds: {
      Result<Pence> pence = ParsePounds(v);
      if (!pence.ok()) return pence.status();
      // No single contact, spell or package costs this much; a larger figure is a mistake.
      constexpr Pence kMostPence = 1'000'000'000;
      if (*pence > kMostPence) {
        return Status::InvalidInput(Quoted(v) +
                                    " is more than £10,000,000, too much for one event");
      }
      *parsed = *pence;
      return Status::Ok();
    }
    case ColumnType::kCode:
      if (FindCode(column.codes, v) < 0) {
        std::string allowed;
        for (std::string_view code : column.codes)
          allowed += (allowed.empty() ? "" : ", ") + std::string(code);
        return Status::InvalidInput(Quoted(v) + " is not a known code (one of: " + allowed + ")");
      }
      return Status::Ok();
    case ColumnType::kNhsNumber:
      if (v.size() != 10 || v.find_first_not_of("0123456789") != std::string_view::npos) {
        return Status::InvalidInput(Quoted(v) + " is not an NHS number (10 digits)");
      }
      if (!IsValidNhsNumber(v)) {
        return Status::InvalidInput(Quoted(v) + " fails the NHS number Modulus 11 check");
      }
      return Status::Ok();
    case ColumnType::kIcd10:
      if (!IsIcd10Code(v)) return Status::InvalidInput(Quoted(v) + " is not an ICD-10 code");
      return Status::Ok();
    case ColumnType::kOpcs4:
      if (!IsOpcs4Code(v)) return Status::InvalidInput(Quoted(v) + " is not an OPCS-4 code");
      return Status::Ok();
    case ColumnType::kSpecialty:
      if (!IsKnownSpecialty(v)) {
        return Status::InvalidInput(Quoted(v) + " is not a known treatment function code");
      }
      return Status::Ok();
    case ColumnType::kLsoa:
      if (!IsLsoaCode(v)) return Status::InvalidInput(Quoted(v) + " is not an LSOA code");
      return Status::Ok();
    case ColumnType::kBnf:
      if (!IsBnfCode(v)) {
        return Status::InvalidInput(Quoted(v) +
                                    " is not a BNF code (seven digits, then two to eight capital "
                                    "letters or digits, as 0208020Z0)");
      }
      return Status::Ok();
  }
  return Status::Internal("unhandled column type");
}

}  // namespace continuum
