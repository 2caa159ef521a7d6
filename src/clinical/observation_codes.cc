#include "clinical/observation_codes.h"

#include <charconv>
#include <cmath>

#include "clinical/codelist.h"
#include "core/csv.h"
#include "core/embedded.h"
#include "core/file_problems.h"
#include "core/quoted.h"

namespace continuum {

const ObservationCode* ObservationCodes::Find(ObservationSystem system,
                                              std::string_view code) const {
  const auto& codes = codes_[static_cast<int>(system)];
  const auto at = codes.find(std::string(code));
  return at == codes.end() ? nullptr : &at->second;
}

void ObservationCodes::Add(ObservationSystem system, std::string code, ObservationCode meaning) {
  if (codes_[static_cast<int>(system)].emplace(code, std::move(meaning)).second) {
    order_[static_cast<int>(system)].push_back(std::move(code));
  }
}

std::string_view ObservationCodes::CodeFor(ObservationSystem system, ObservationKind kind,
                                           std::string_view value) const {
  for (const std::string& code : order_[static_cast<int>(system)]) {
    const ObservationCode& meaning = codes_[static_cast<int>(system)].at(code);
    if (meaning.kind == kind && meaning.value == value &&
        (!value.empty() || meaning.unit == ContinuumUnit(kind))) {
      return code;
    }
  }
  return {};
}

bool IsLoincCode(std::string_view code) {
  const size_t hyphen = code.find('-');
  if (hyphen == std::string_view::npos || hyphen == 0 || hyphen > 7 || hyphen + 2 != code.size()) {
    return false;
  }
  int sum = 0, position = 0;
  for (size_t i = code.size(); i-- > 0;) {
    if (i == hyphen) continue;
    if (code[i] < '0' || code[i] > '9') return false;
    int digit = code[i] - '0';
    if (position++ % 2 == 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 == 0;
}

Result<ObservationCodes> ReadObservationCodes(std::string_view text, const std::string& name) {
  const CsvFile file = CsvFile::FromText(name, std::string(text));
  FileProblems problems(name);
  CsvCursor cursor(file);
  std::vector<std::string_view> fields;
  constexpr std::string_view kHeader = "system,code,kind,value,unit,term";
  if (!cursor.Next(&fields) || cursor.raw_row() != kHeader) {
    problems.Add(1, "", "the first line must be " + std::string(kHeader));
    return problems.ToStatus();
  }
  ObservationCodes codes;
  std::unordered_map<std::string, int64_t> seen;
  while (cursor.Next(&fields)) {
    const int64_t line = cursor.line();
    if (fields.size() != 6) {
      problems.Add(line, "", "the row has " + std::to_string(fields.size()) + " fields, not 6");
      continue;
    }
    const int system = FindCode(kObservationSystemNames, fields[0]);
    if (system < 0) {
      problems.Add(line, "system", Quoted(fields[0]) + " is not snomedct or loinc");
      continue;
    }
    const std::string code(fields[1]);
    if (system == static_cast<int>(ObservationSystem::kSnomedCt)) {
      if (Status ok = CheckSnomedCode(code); !ok.ok()) {
        problems.Add(line, "code", ok.message());
        continue;
      }
    } else if (!IsLoincCode(code)) {
      problems.Add(line, "code",
                   Quoted(code) + " is not a LOINC code (digits, a hyphen, the check digit)");
      continue;
    }
    const int kind = FindCode(kObservationKindCodes, fields[2]);
    if (kind < 0) {
      problems.Add(line, "kind", Quoted(fields[2]) + " is not an observation Continuum holds");
      continue;
    }
    ObservationCode meaning{static_cast<ObservationKind>(kind), std::string(fields[3]),
                            std::string(fields[4]), std::string(fields[5])};
    const CodeList values = ObservationValueCodes(meaning.kind);
    if (!meaning.value.empty() && FindCode(values, meaning.value) < 0) {
      problems.Add(line, "value",
                   Quoted(meaning.value) + " is not a value of " + std::string(fields[2]));
      continue;
    }
    if (values.empty() && meaning.unit.empty()) {
      problems.Add(line, "unit", "a measurement needs the unit its value is in");
      continue;
    }
    if (meaning.term.empty()) {
      problems.Add(line, "term", "the term is empty; every code needs its description");
      continue;
    }
    const std::string key = std::string(fields[0]) + "|" + code;
    if (auto [at, fresh] = seen.emplace(key, line); !fresh) {
      problems.Add(line, "code",
                   Quoted(code) + " is already on line " + std::to_string(at->second));
      continue;
    }
    codes.Add(static_cast<ObservationSystem>(system), code, std::move(meaning));
  }
  if (!cursor.status().ok()) problems.Add(cursor.line(), "", cursor.status().message());
  if (problems.any()) return problems.ToStatus();
  return codes;
}

// Read once per process: the shipped file does not change while it runs.
Result<ObservationCodes> ShippedObservationCodes() {
  static const Result<ObservationCodes> shipped =
      ReadObservationCodes(EmbeddedFile("data/codelists/observations.csv"), "observations.csv");
  return shipped;
}

std::string_view ContinuumUnit(ObservationKind kind) {
  switch (kind) {
    case ObservationKind::kHba1c:
      return "mmol/mol";
    case ObservationKind::kSystolicBp:
    case ObservationKind::kDiastolicBp:
      return "mm[Hg]";
    case ObservationKind::kBmi:
      return "kg/m2";
    default:
      return "";
  }
}

Result<std::string> InContinuumUnit(const ObservationCode& code, std::string_view value) {
  if (code.unit == ContinuumUnit(code.kind)) return std::string(value);
  if (code.kind == ObservationKind::kHba1c && code.unit == "%") {
    double percent;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), percent);
    if (error != std::errc() || end != value.data() + value.size()) {
      return Status::InvalidInput(Quoted(value) + " is not a number");
    }
    return std::to_string(std::lround((percent - 2.15) * 10.929));
  }
  return Status::InvalidInput("a value in " + Quoted(code.unit) + " cannot be read as " +
                              std::string(ContinuumUnit(code.kind)));
}

}  // namespace continuum
