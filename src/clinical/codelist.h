// Codelists: the codes, in SNOMED CT or ICD-10, that record each long-term condition (and, in
// ICD-10, OPCS-4 or BNF, the cohorts and steps of indicators and pathways), held as data
// files in the layout OpenCodelists publishes (a CSV file of code,term) with a catalogue,
// codelists.json, that names each file's code system, the condition it defines, its source and
// version. A new codelist is a file and a catalogue entry, never code.
//
//   Result<CodelistCatalogue> lists = ShippedCodelists();
//   uint32_t conditions = lists->ConditionsOf(CodelistSystem::kSnomedCt, "73211009");  // diabetes
//   Result<CodelistCatalogue> own = ReadCodelistFolder("my_codelists");           // a user's
//
// Every problem in a file is reported with its file, line, column and reason: a SNOMED CT code
// whose check digit is wrong, an ICD-10 code of the wrong shape, a code twice in one list.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace continuum {

enum class CodelistSystem : uint8_t { kSnomedCt, kIcd10, kOpcs4, kBnf };
inline constexpr std::string_view kCodelistSystemNames[] = {"snomedct", "icd10", "opcs4", "bnf"};
inline constexpr int kCodelistSystemCount = 4;

struct Codelist {
  std::string id;  // "diabetes-snomedct": the file's name without .csv
  std::string file;
  CodelistSystem system = CodelistSystem::kSnomedCt;
  int condition = -1;   // the Condition it defines, or -1 for a list with another purpose
  std::string purpose;  // for a list that defines no condition: what it is for (an indicator's
                        // cohort, a pathway's step), named in indicator and pathway files as
                        // "codelist:<id>"
  std::string title, source, url, version;
  std::vector<std::string> codes;  // as the system writes them (ICD-10 without the dot)
  std::vector<std::string> terms;
};

class CodelistCatalogue {
 public:
  const std::vector<Codelist>& lists() const { return lists_; }
  // The conditions (a bit per Condition) that `code` records in `system`; 0 for a code no
  // codelist holds. An ICD-10 code is matched by itself or the category above it (E11 holds E119),
  // written with or without its dot.
  uint32_t ConditionsOf(CodelistSystem system, std::string_view code) const;
  // The codelist a condition has in a system, or null.
  const Codelist* Find(CodelistSystem system, int condition) const;
  // The codelist of an id ("acsc-icd10": its file's name without .csv), or null.
  const Codelist* ById(std::string_view id) const;

  void Add(Codelist list);

 private:
  std::vector<Codelist> lists_;
  // By system: code -> conditions.
  std::unordered_map<std::string, uint32_t> conditions_[kCodelistSystemCount];
};

// A catalogue read from `catalogue_text` (codelists.json, named `catalogue_name` in messages),
// whose files `read_file(name)` gives.
using CodelistFileReader = std::function<Result<std::string>(const std::string& file)>;
Result<CodelistCatalogue> ReadCodelists(std::string_view catalogue_text,
                                        const std::string& catalogue_name,
                                        const CodelistFileReader& read_file);
// The codelists shipped in data/codelists, one per condition in each system.
Result<CodelistCatalogue> ShippedCodelists();
// The codelists of a folder laid out like data/codelists: codelists.json and its files.
Result<CodelistCatalogue> ReadCodelistFolder(const std::string& folder);

// Whether `code` is a well-formed SNOMED CT concept identifier (6 to 18 digits, no leading zero,
// a concept's partition, a right Verhoeff check digit); else why not.
Status CheckSnomedCode(std::string_view code);
// An ICD-10 code as codelists write it: a letter, two digits, then up to two characters, the dot
// after the third dropped ("E11.9" -> "E119"); an error saying why for anything else.
Result<std::string> NormaliseIcd10(std::string_view code);

std::string_view CodelistSystemName(CodelistSystem system);

}  // namespace continuum
