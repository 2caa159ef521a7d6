#include "clinical/code_pattern.h"

#include <cstdio>

#include "model/codes.h"

namespace continuum {
namespace {

std::string WithoutDots(std::string_view code) {
  std::string out;
  out.reserve(code.size());
  for (char c : code) {
    if (c != '.') out += c;
  }
  return out;
}

std::string_view SystemName(CodeSystem system) {
  switch (system) {
    case CodeSystem::kIcd10:
      return "ICD-10";
    case CodeSystem::kOpcs4:
      return "OPCS-4";
    case CodeSystem::kBnf:
      return "BNF";
    case CodeSystem::kSpecialty:
      return "treatment function";
  }
  return "";
}

bool IsCode(std::string_view code, CodeSystem system) {
  switch (system) {
    case CodeSystem::kIcd10:
      return IsIcd10Code(code);
    case CodeSystem::kOpcs4:
      return IsOpcs4Code(code);
    case CodeSystem::kBnf:
      return IsBnfCode(code);
    case CodeSystem::kSpecialty:
      return IsKnownSpecialty(code);
  }
  return false;
}

// Whether a known treatment function code (three digits) satisfies `accept`.
template <typename Accept>
bool SomeKnownSpecialty(Accept accept) {
  for (int n = 0; n < 1000; ++n) {
    char text[4];
    std::snprintf(text, sizeof text, "%03d", n);
    if (accept(std::string_view(text)) && IsKnownSpecialty(text)) return true;
  }
  return false;
}

// Whether some code of `system` begins with `prefix` (dots removed). ICD-10, OPCS-4 and BNF
// codes have a fixed shape, so the prefix is completed with the smallest characters that shape
// allows and the completion checked; treatment function codes are a closed list of three digits.
bool SomeCodeBegins(const std::string& prefix, CodeSystem system) {
  std::string code = prefix;
  switch (system) {
    case CodeSystem::kIcd10:
    case CodeSystem::kOpcs4:
      if (code.empty()) return false;
      while (code.size() < 3) code += '0';
      return IsCode(code, system);
    case CodeSystem::kBnf:
      while (code.size() < 7) code += '0';
      while (code.size() < 9 || code.size() % 2 == 0) code += 'A';
      return IsBnfCode(code);
    case CodeSystem::kSpecialty:
      return SomeKnownSpecialty([&](std::string_view s) { return s.starts_with(prefix); });
  }
  return false;
}

}  // namespace

bool CodePattern::Matches(std::string_view code) const {
  const std::string plain = WithoutDots(code);
  switch (shape_) {
    case Shape::kExact:
      return plain == low_;
    case Shape::kPrefix:
      return plain.starts_with(low_);
    case Shape::kRange: {
      if (plain.size() < low_.size()) return false;
      const std::string_view head = std::string_view(plain).substr(0, low_.size());
      return head >= low_ && head <= high_;
    }
  }
  return false;
}

Result<CodePattern> ParseCodePattern(std::string_view text, CodeSystem system) {
  const std::string name(SystemName(system));
  CodePattern pattern;
  if (text.ends_with('*')) {
    pattern.shape_ = CodePattern::Shape::kPrefix;
    pattern.low_ = WithoutDots(text.substr(0, text.size() - 1));
    if (!SomeCodeBegins(pattern.low_, system)) {
      return Status::InvalidInput("'" + std::string(text) + "' cannot match: no " + name +
                                  " code begins with '" + pattern.low_ + "'");
    }
    return pattern;
  }
  if (const size_t dash = text.find('-'); dash != std::string_view::npos) {
    pattern.shape_ = CodePattern::Shape::kRange;
    const std::string_view low = text.substr(0, dash), high = text.substr(dash + 1);
    pattern.low_ = WithoutDots(low);
    pattern.high_ = WithoutDots(high);
    const bool specialty = system == CodeSystem::kSpecialty;
    auto end_ok = [&](std::string_view end) {
      return specialty ? end.size() == 3 && end.find_first_not_of("0123456789") == end.npos
                       : IsCode(end, system);
    };
    if (!end_ok(low) || !end_ok(high)) {
      return Status::InvalidInput("'" + std::string(text) + "' is not a range of two " + name +
                                  " codes such as " + (specialty ? "300-340" : "C00-C97"));
    }
    if (pattern.low_.size() != pattern.high_.size() || pattern.high_ < pattern.low_) {
      return Status::InvalidInput("'" + std::string(text) +
                                  "' cannot match: a range runs from a lower code to a higher "
                                  "one of the same length");
    }
    if (specialty && !SomeKnownSpecialty([&](std::string_view s) { return pattern.Matches(s); })) {
      return Status::InvalidInput("'" + std::string(text) +
                                  "' cannot match: no known treatment function code lies in it");
    }
    return pattern;
  }
  pattern.low_ = WithoutDots(text);
  if (!IsCode(text, system)) {
    return Status::InvalidInput(
        "'" + std::string(text) + "' cannot match: it is not " +
        (system == CodeSystem::kIcd10 || system == CodeSystem::kOpcs4 ? "an " : "a ") +
        (system == CodeSystem::kSpecialty ? "known " : "") + name + " code");
  }
  return pattern;
}

}  // namespace continuum
