#include "model/codes.h"

#include <optional>
#include <string>
#include <unordered_map>

#include "core/embedded.h"

namespace continuum {

int FindCode(CodeList list, std::string_view code) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i] == code) return static_cast<int>(i);
  }
  return -1;
}

bool IsHospitalSetting(Setting s) {
  switch (s) {
    case Setting::kOutpatientFirst:
    case Setting::kOutpatientFollowUp:
    case Setting::kAe:
    case Setting::kElective:
    case Setting::kDayCase:
    case Setting::kEmergency:
      return true;
    default:
      return false;
  }
}

bool IsAdmission(Setting s) {
  return s == Setting::kElective || s == Setting::kDayCase || s == Setting::kEmergency;
}

namespace {

// code -> name, parsed once from the embedded code list.
const std::unordered_map<std::string, std::string>& Specialties() {
  static const auto* table = [] {
    auto* map = new std::unordered_map<std::string, std::string>();
    std::string_view text = EmbeddedFile("data/codes/specialties.csv");
    bool header = true;
    while (!text.empty()) {
      const size_t end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
      if (header || line.empty()) {
        header = false;
        continue;
      }
      const size_t comma = line.find(',');
      map->emplace(std::string(line.substr(0, comma)), std::string(line.substr(comma + 1)));
    }
    return map;
  }();
  return *table;
}

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

bool IsKnownSpecialty(std::string_view code) { return Specialties().count(std::string(code)) != 0; }

// ICD-10 and OPCS-4 codes both open with a letter and two digits, then may have a subdivision
// with or without a dot. Returns the subdivision's characters, or nullopt when the code does
// not have that shape.
static std::optional<std::string_view> Subdivision(std::string_view c) {
  if (c.size() < 3 || !IsUpper(c[0]) || !IsDigit(c[1]) || !IsDigit(c[2])) return std::nullopt;
  std::string_view rest = c.substr(3);
  if (!rest.empty() && rest[0] == '.') {
    rest.remove_prefix(1);
    if (rest.empty()) return std::nullopt;
  }
  return rest;
}

// ICD-10: the subdivision is one or two digits or the filler X: J45, J45.9, J459, R69X, I50.01.
bool IsIcd10Code(std::string_view c) {
  const std::optional<std::string_view> rest = Subdivision(c);
  if (!rest || rest->size() > 2) return false;
  for (char ch : *rest) {
    if (!IsDigit(ch) && ch != 'X') return false;
  }
  return true;
}

// OPCS-4: the subdivision is one digit: K40, K40.1, K401.
bool IsOpcs4Code(std::string_view c) {
  const std::optional<std::string_view> rest = Subdivision(c);
  return rest && (rest->empty() || (rest->size() == 1 && IsDigit((*rest)[0])));
}

// BNF: the chapter, section, paragraph and sub-paragraph as seven digits, then the chemical
// substance (two characters) and, optionally, product, strength and equivalent (two each).
bool IsBnfCode(std::string_view c) {
  if (c.size() < 9 || c.size() > 15 || c.size() % 2 == 0) return false;
  for (size_t i = 0; i < c.size(); ++i) {
    const bool digit = IsDigit(c[i]);
    if (i < 7 ? !digit : !digit && (c[i] < 'A' || c[i] > 'Z')) return false;
  }
  return true;
}

CodeList ObservationValueCodes(ObservationKind kind) {
  switch (kind) {
    case ObservationKind::kSmokingStatus:
      return kSmokingStatusCodes;
    case ObservationKind::kAnnualReview:
    case ObservationKind::kCarePlan:
    case ObservationKind::kCareAdjustment:
      return kConditionCodes;
    case ObservationKind::kPreferredPlaceOfDeath:
      return kPlaceOfDeathCodes;
    case ObservationKind::kOverallExperience:
      return kExperienceCodes;
    default:
      return {};
  }
}

bool IsLsoaCode(std::string_view c) {
  if (c.size() != 9 || (c[0] != 'E' && c[0] != 'W') || c[1] != '0' || c[2] != '1') return false;
  for (size_t i = 3; i < 9; ++i) {
    if (!IsDigit(c[i])) return false;
  }
  return true;
}

}  // namespace continuum
