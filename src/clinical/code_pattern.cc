#include "clinical/code_pattern.h"

#include <algorithm>

#include "clinical/codelist.h"
#include "core/quoted.h"
#include "model/codes.h"

namespace continuum {
namespace {

std::string WithoutDot(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c != '.') out += c;
  }
  return out;
}

bool IsUpperOrDigit(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }

// Whether `prefix` (no dot) can begin a code of `system`.
bool CanBegin(std::string_view prefix, CodeSystem system) {
  if (prefix.empty()) return false;
  switch (system) {
    case CodeSystem::kIcd10:
    case CodeSystem::kOpcs4: {
      if (prefix[0] < 'A' || prefix[0] > 'Z') return false;
      const size_t most = system == CodeSystem::kIcd10 ? 5 : 4;
      if (prefix.size() > most) return false;
      for (size_t i = 1; i < prefix.size(); ++i) {
        const bool filler = system == CodeSystem::kIcd10 && i >= 3 && prefix[i] == 'X';
        if (!(prefix[i] >= '0' && prefix[i] <= '9') && !filler) return false;
      }
      return true;
    }
    case CodeSystem::kBnf:
      if (prefix.size() > 15) return false;
      for (size_t i = 0; i < prefix.size(); ++i) {
        if (i < 7 ? !(prefix[i] >= '0' && prefix[i] <= '9') : !IsUpperOrDigit(prefix[i]))
          return false;
      }
      return true;
    case CodeSystem::kSpecialty:
      return std::all_of(prefix.begin(), prefix.end(), IsUpperOrDigit);
  }
  return false;
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

std::string_view SystemName(CodeSystem system) {
  switch (system) {
    case CodeSystem::kIcd10:
      return "an ICD-10 code";
    case CodeSystem::kOpcs4:
      return "an OPCS-4 code";
    case CodeSystem::kBnf:
      return "a BNF code";
    case CodeSystem::kSpecialty:
      return "a known treatment function code";
  }
  return "a code";
}

// Why `text` cannot match any code of `system`, or "" when it can.
std::string Problem(std::string_view text, CodeSystem system) {
  const std::string cannot = Quoted(text) + " cannot match " + std::string(SystemName(system)) +
                             " (write a code, a prefix ending in *, or a range such as C00-C97)";
  if (const size_t dash = text.find('-'); dash != std::string_view::npos) {
    const std::string low = WithoutDot(text.substr(0, dash)),
                      high = WithoutDot(text.substr(dash + 1));
    if (low.size() != high.size() || !CanBegin(low, system) || !CanBegin(high, system))
      return cannot;
    if (high < low) return Quoted(text) + " is a range whose end comes before its start";
    return "";
  }
  if (text.ends_with('*'))
    return CanBegin(WithoutDot(text.substr(0, text.size() - 1)), system) ? "" : cannot;
  return IsCode(text, system) ? "" : cannot;
}

// The codelists shipped in data/codelists, read once.
const Result<CodelistCatalogue>& Shipped() {
  static const Result<CodelistCatalogue> lists = ShippedCodelists();
  return lists;
}

// The codes of the shipped codelist `id` ("codelist:acsc-icd10" names acsc-icd10), each a prefix
// (a codelist's code holds its subdivisions), or why it cannot be used for `system`.
Result<std::vector<std::string>> CodelistPatterns(std::string_view id, CodeSystem system) {
  const Result<CodelistCatalogue>& lists = Shipped();
  if (!lists.ok()) return lists.status();
  const Codelist* list = lists->ById(id);
  if (list == nullptr) {
    return Status::InvalidInput("names the codelist " + Quoted(id) +
                                ", which data/codelists/codelists.json does not list");
  }
  const CodelistSystem wanted = system == CodeSystem::kIcd10   ? CodelistSystem::kIcd10
                                : system == CodeSystem::kOpcs4 ? CodelistSystem::kOpcs4
                                                               : CodelistSystem::kBnf;
  if (system == CodeSystem::kSpecialty || list->system != wanted) {
    return Status::InvalidInput("names the codelist " + Quoted(id) + ", of " +
                                std::string(CodelistSystemName(list->system)) + " codes, where " +
                                std::string(SystemName(system)) + " is wanted");
  }
  std::vector<std::string> patterns;
  for (const std::string& code : list->codes) patterns.push_back(code + "*");
  return patterns;
}

}  // namespace

Result<CodePatterns> CodePatterns::Read(const JsonValue& value, CodeSystem system) {
  Result<std::vector<JsonValue>> items = value.Array();
  if (!items.ok()) return items.status();
  if (items->empty()) return value.Error("must list at least one code; leave it out to match any");
  CodePatterns out;
  for (const JsonValue& item : *items) {
    Result<std::string> text = item.String();
    if (!text.ok()) return text.status();
    if (text->starts_with("codelist:")) {
      Result<std::vector<std::string>> listed =
          CodelistPatterns(std::string_view(*text).substr(9), system);
      if (!listed.ok()) return item.Error(std::string(listed.status().message()));
      Result<CodePatterns> all = FromStrings(*listed, system, item.path());
      if (!all.ok()) return all.status();
      out.patterns_.insert(out.patterns_.end(), all->patterns_.begin(), all->patterns_.end());
      out.written_.push_back(*text);
      continue;
    }
    if (std::string why = Problem(*text, system); !why.empty()) return item.Error(why);
    Result<CodePatterns> one = FromStrings({*text}, system, item.path());
    if (!one.ok()) return one.status();
    out.patterns_.push_back(one->patterns_[0]);
    out.written_.push_back(*text);
  }
  return out;
}

Result<CodePatterns> CodePatterns::FromStrings(const std::vector<std::string>& patterns,
                                               CodeSystem system, std::string_view where) {
  CodePatterns out;
  for (const std::string& text : patterns) {
    if (std::string why = Problem(text, system); !why.empty())
      return Status::InvalidInput(std::string(where) + ": " + why);
    Pattern p;
    if (const size_t dash = text.find('-'); dash != std::string::npos) {
      p.low = WithoutDot(text.substr(0, dash));
      p.high = WithoutDot(text.substr(dash + 1));
      p.prefix = true;
    } else if (text.ends_with('*')) {
      p.low = p.high = WithoutDot(text.substr(0, text.size() - 1));
      p.prefix = true;
    } else {
      p.low = p.high = WithoutDot(text);
    }
    out.patterns_.push_back(std::move(p));
    out.written_.push_back(text);
  }
  return out;
}

bool CodePatterns::Matches(std::string_view code) const {
  const std::string bare = WithoutDot(code);
  for (const Pattern& p : patterns_) {
    if (!p.prefix) {
      if (bare == p.low) return true;
      continue;
    }
    const std::string_view head = std::string_view(bare).substr(0, p.low.size());
    if (head.size() == p.low.size() && head >= p.low && head <= p.high) return true;
  }
  return false;
}

std::vector<uint8_t> CodePatterns::Compile(const Dictionary& codes) const {
  std::vector<uint8_t> hit(codes.size());
  for (uint32_t id = 0; id < codes.size(); ++id) hit[id] = Matches(codes.Value(id));
  return hit;
}

}  // namespace continuum
