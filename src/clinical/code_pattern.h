// Code patterns in the clinical definition files (indicators, pathways): an exact code
// ("R06.0"), a prefix ending in '*' ("I50*") or a range of three-character categories
// ("C00-C97"). Dots are ignored, so "I50.9", "I509" and "I50*" agree. A pattern list is checked
// against its code system when read, then compiled once per engine dictionary into a table, so
// that matching an event is a lookup.
//
//   Result<CodePatterns> p = CodePatterns::Read(value, CodeSystem::kIcd10);
//   std::vector<uint8_t> hit = p->Compile(population.events.diagnoses);
//   if (hit[events.diagnosis[e]]) ...
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "codec/json_reader.h"
#include "core/status.h"
#include "engine/dictionary.h"

namespace continuum {

enum class CodeSystem : uint8_t { kIcd10, kOpcs4, kBnf, kSpecialty };

class CodePatterns {
 public:
  // An array of pattern strings; each must be able to match a code of `system`.
  static Result<CodePatterns> Read(const JsonValue& value, CodeSystem system);
  // One pattern, checked the same way; `where` names it in the message.
  static Result<CodePatterns> FromStrings(const std::vector<std::string>& patterns,
                                          CodeSystem system, std::string_view where);

  bool empty() const { return patterns_.empty(); }
  bool Matches(std::string_view code) const;
  // One byte per dictionary id: 1 where the code matches.
  std::vector<uint8_t> Compile(const Dictionary& codes) const;
  const std::vector<std::string>& written() const { return written_; }

 private:
  struct Pattern {
    std::string low, high;  // without dots; equal for an exact code
    bool prefix = false;    // low is a prefix (or a range of prefixes up to high)
  };
  std::vector<Pattern> patterns_;
  std::vector<std::string> written_;  // as the file wrote them, for reports
};

}  // namespace continuum
