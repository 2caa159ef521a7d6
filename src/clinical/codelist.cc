#include "clinical/codelist.h"

#include <fstream>
#include <optional>
#include <sstream>

#include "codec/json_reader.h"
#include "core/csv.h"
#include "core/embedded.h"
#include "core/file_problems.h"
#include "core/quoted.h"
#include "model/codes.h"

namespace continuum {
namespace {

// The Verhoeff scheme SNOMED CT's check digit uses: the dihedral group D5's multiplication and
// the permutation applied at each position (row i is the first row's permutation applied i times).
constexpr uint8_t kVerhoeffMultiply[10][10] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 2, 3, 4, 0, 6, 7, 8, 9, 5}, {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7}, {4, 0, 1, 2, 3, 9, 5, 6, 7, 8}, {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2}, {7, 6, 5, 9, 8, 2, 1, 0, 4, 3}, {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}};
constexpr uint8_t kVerhoeffPermute[8][10] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, {1, 5, 7, 6, 2, 8, 3, 0, 9, 4}, {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7}, {9, 4, 5, 3, 1, 2, 6, 8, 7, 0}, {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5}, {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}};

const std::string kCatalogueFile = "codelists.json";

Result<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NotFound(path + ": no such file");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// An OPCS-4 code or category (a letter and two digits, then an optional digit, the dot dropped:
// U20 holds U20.1) or a BNF code from its paragraph down (seven digits, then up to eight letters
// or digits: 0208020 holds every oral anticoagulant).
Status CheckPrefixCode(std::string& code, CodelistSystem system) {
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (system == CodelistSystem::kOpcs4) {
    if (code.size() == 5 && code[3] == '.') code.erase(3, 1);
    const bool shape = (code.size() == 3 || code.size() == 4) && code[0] >= 'A' && code[0] <= 'Z' &&
                       digit(code[1]) && digit(code[2]) && (code.size() == 3 || digit(code[3]));
    if (shape) return Status::Ok();
    return Status::InvalidInput(Quoted(code) +
                                " is not an OPCS-4 code (a capital letter and two digits, then "
                                "an optional digit, as U20 or U20.1)");
  }
  bool shape = code.size() >= 7 && code.size() <= 15;
  for (size_t i = 0; shape && i < code.size(); ++i) {
    shape = i < 7 ? digit(code[i]) : (digit(code[i]) || (code[i] >= 'A' && code[i] <= 'Z'));
  }
  if (shape) return Status::Ok();
  return Status::InvalidInput(Quoted(code) +
                              " is not a BNF code (seven digits for chapter to sub-paragraph, "
                              "then up to eight capitals or digits, as 0208020 or 0208020Z0)");
}

// The codes and terms of one codelist file: a header naming code and term (other columns are
// allowed, as OpenCodelists' downloads may carry them), then a row per code.
Status ReadCodelistFile(const std::string& text, Codelist& list) {
  const CsvFile file = CsvFile::FromText(list.file, text);
  FileProblems problems(list.file);
  CsvCursor cursor(file);
  std::vector<std::string_view> fields;
  if (!cursor.Next(&fields)) {
    problems.Add(1, "",
                 cursor.status().ok() ? "the file is empty; its first line must name the "
                                        "columns code,term"
                                      : cursor.status().message());
    return problems.ToStatus();
  }
  int code_at = -1, term_at = -1;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i] == "code") code_at = static_cast<int>(i);
    if (fields[i] == "term") term_at = static_cast<int>(i);
  }
  if (code_at < 0 || term_at < 0) {
    problems.Add(1, "",
                 "the first line must name the columns code and term, as OpenCodelists "
                 "writes them");
    return problems.ToStatus();
  }
  const size_t width = fields.size();
  std::unordered_map<std::string, int64_t> seen;
  while (cursor.Next(&fields)) {
    const int64_t line = cursor.line();
    if (fields.size() != width) {
      problems.Add(line, "",
                   "the row has " + std::to_string(fields.size()) + " fields; the " +
                       "first line names " + std::to_string(width) + " columns");
      continue;
    }
    std::string code(fields[code_at]);
    if (list.system == CodelistSystem::kSnomedCt) {
      if (Status ok = CheckSnomedCode(code); !ok.ok()) {
        problems.Add(line, "code", ok.message());
        continue;
      }
    } else if (list.system == CodelistSystem::kIcd10) {
      Result<std::string> normal = NormaliseIcd10(code);
      if (!normal.ok()) {
        problems.Add(line, "code", normal.status().message());
        continue;
      }
      code = std::move(*normal);
    } else if (Status ok = CheckPrefixCode(code, list.system); !ok.ok()) {
      problems.Add(line, "code", ok.message());
      continue;
    }
    if (fields[term_at].empty()) {
      problems.Add(line, "term", "the term is empty; every code needs its description");
      continue;
    }
    if (auto [at, fresh] = seen.emplace(code, line); !fresh) {
      problems.Add(line, "code",
                   Quoted(code) + " is already on line " + std::to_string(at->second));
      continue;
    }
    list.codes.push_back(std::move(code));
    list.terms.emplace_back(fields[term_at]);
  }
  if (!cursor.status().ok()) problems.Add(cursor.line(), "", cursor.status().message());
  if (!problems.any() && list.codes.empty()) {
    problems.Add(0, "", "the codelist has no codes");
  }
  return problems.any() ? problems.ToStatus() : Status::Ok();
}

}  // namespace

std::string_view CodelistSystemName(CodelistSystem system) {
  return kCodelistSystemNames[static_cast<int>(system)];
}

Status CheckSnomedCode(std::string_view code) {
  if (code.size() < 6 || code.size() > 18 ||
      code.find_first_not_of("0123456789") != std::string_view::npos) {
    return Status::InvalidInput(Quoted(code) + " is not a SNOMED CT code (6 to 18 digits)");
  }
  if (code[0] == '0') {
    return Status::InvalidInput(Quoted(code) + " is not a SNOMED CT code: it starts with 0");
  }
  // The two digits before the check digit are the partition: 00 or 10 for a concept.
  const std::string_view partition = code.substr(code.size() - 3, 2);
  if (partition != "00" && partition != "10") {
    return Status::InvalidInput(Quoted(code) + " is not a SNOMED CT concept: its partition " +
                                "identifier is " + std::string(partition) +
                                " (a description or relationship id?), not 00 or 10");
  }
  uint8_t check = 0;
  for (size_t i = 0; i < code.size(); ++i) {
    const int digit = code[code.size() - 1 - i] - '0';
    check = kVerhoeffMultiply[check][kVerhoeffPermute[i % 8][digit]];
  }
  if (check != 0) {
    return Status::InvalidInput(Quoted(code) +
                                " is not a SNOMED CT code: its check digit is wrong (a digit "
                                "mistyped or two swapped?)");
  }
  return Status::Ok();
}

Result<std::string> NormaliseIcd10(std::string_view code) {
  std::string out;
  for (size_t i = 0; i < code.size(); ++i) {
    if (i == 3 && code[i] == '.') continue;
    out += code[i];
  }
  const auto digit = [](char c) { return c >= '0' && c <= '9'; };
  const bool shape = out.size() >= 3 && out.size() <= 5 && out[0] >= 'A' && out[0] <= 'Z' &&
                     digit(out[1]) && digit(out[2]) && (out.size() < 4 || digit(out[3])) &&
                     (out.size() < 5 || digit(out[4]) || (out[4] >= 'A' && out[4] <= 'Z'));
  if (!shape || (code.size() > 3 && code[3] == '.' && code.size() == 4)) {
    return Status::InvalidInput(Quoted(code) +
                                " is not an ICD-10 code (a capital letter, two digits, then up "
                                "to two more characters, as E11, E11.9 or E119)");
  }
  return out;
}

void CodelistCatalogue::Add(Codelist list) {
  auto& index = conditions_[static_cast<int>(list.system)];
  if (list.condition >= 0) {
    for (const std::string& code : list.codes) index[code] |= 1u << list.condition;
  }
  lists_.push_back(std::move(list));
}

uint32_t CodelistCatalogue::ConditionsOf(CodelistSystem system, std::string_view code) const {
  const auto& index = conditions_[static_cast<int>(system)];
  if (system == CodelistSystem::kSnomedCt) {
    const auto at = index.find(std::string(code));
    return at == index.end() ? 0 : at->second;
  }
  Result<std::string> normal = NormaliseIcd10(code);
  if (!normal.ok()) return 0;
  uint32_t found = 0;
  for (size_t length = 3; length <= normal->size(); ++length) {
    const auto at = index.find(normal->substr(0, length));
    if (at != index.end()) found |= at->second;
  }
  return found;
}

const Codelist* CodelistCatalogue::ById(std::string_view id) const {
  for (const Codelist& list : lists_) {
    if (list.id == id) return &list;
  }
  return nullptr;
}

const Codelist* CodelistCatalogue::Find(CodelistSystem system, int condition) const {
  for (const Codelist& list : lists_) {
    if (list.system == system && list.condition == condition) return &list;
  }
  return nullptr;
}

Result<CodelistCatalogue> ReadCodelists(std::string_view catalogue_text,
                                        const std::string& catalogue_name,
                                        const CodelistFileReader& read_file) {
  Result<JsonDocument> document = JsonDocument::Parse(catalogue_text, catalogue_name);
  if (!document.ok()) return document.status();
  Result<JsonObject> root = document->root().Object({"codelists"});
  if (!root.ok()) return root.status();
  Result<std::vector<JsonValue>> entries = root->Array("codelists");
  if (!entries.ok()) return entries.status();
  CodelistCatalogue catalogue;
  std::unordered_map<std::string, std::string> defined;  // system and condition -> file
  for (const JsonValue& entry : *entries) {
    Result<JsonObject> e = entry.Object(
        {"file", "system", "condition", "purpose", "title", "source", "url", "version"});
    if (!e.ok()) return e.status();
    Codelist list;
    for (auto [name, field] : {std::pair{"file", &list.file},
                               {"title", &list.title},
                               {"source", &list.source},
                               {"version", &list.version}}) {
      Result<std::string> s = e->String(name);
      if (!s.ok()) return s.status();
      if (s->empty()) return e->Required(name)->Error("must not be empty");
      *field = *s;
    }
    if (std::optional<JsonValue> url = e->Optional("url")) {
      Result<std::string> s = url->String();
      if (!s.ok()) return s.status();
      list.url = *s;
    }
    if (!list.file.ends_with(".csv") || list.file.find('/') != std::string::npos) {
      return e->Required("file")->Error("must name a .csv file in the same folder");
    }
    list.id = list.file.substr(0, list.file.size() - 4);
    Result<JsonValue> system = e->Required("system");
    if (!system.ok()) return system.status();
    Result<int> s = system->OneOf(kCodelistSystemNames);
    if (!s.ok()) return s.status();
    list.system = static_cast<CodelistSystem>(*s);
    const std::optional<JsonValue> condition = e->Optional("condition");
    const std::optional<JsonValue> purpose = e->Optional("purpose");
    if (condition.has_value() == purpose.has_value()) {
      return e->Required("file")->Error(
          "needs a condition (a register it defines) or a purpose (what else it is for), and not "
          "both");
    }
    if (purpose) {
      Result<std::string> p = purpose->String();
      if (!p.ok()) return p.status();
      if (p->empty()) return purpose->Error("must not be empty");
      list.purpose = *p;
    } else {
      if (list.system != CodelistSystem::kSnomedCt && list.system != CodelistSystem::kIcd10) {
        return condition->Error("a condition is defined in SNOMED CT and ICD-10 only");
      }
      Result<int> c = condition->OneOf(kConditionCodes);
      if (!c.ok()) return c.status();
      list.condition = *c;
      const std::string key = std::string(CodelistSystemName(list.system)) + " " +
                              std::string(kConditionCodes[list.condition]);
      if (auto [at, fresh] = defined.emplace(key, list.file); !fresh) {
        return condition->Error("has a " + std::string(CodelistSystemName(list.system)) +
                                " codelist already, " + at->second +
                                "; a condition has one codelist in each code system");
      }
    }
    Result<std::string> text = read_file(list.file);
    if (!text.ok()) return text.status();
    CONTINUUM_RETURN_IF_ERROR(ReadCodelistFile(*text, list));
    catalogue.Add(std::move(list));
  }
  return catalogue;
}

// Read once per process: the shipped files do not change while it runs.
Result<CodelistCatalogue> ShippedCodelists() {
  static const Result<CodelistCatalogue> shipped = [] {
    const std::string folder = "data/codelists/";
    return ReadCodelists(EmbeddedFile(folder + kCatalogueFile), kCatalogueFile,
                         [&](const std::string& file) -> Result<std::string> {
                           const std::string_view text = EmbeddedFile(folder + file);
                           if (text.empty()) return Status::NotFound(file + " is not shipped");
                           return std::string(text);
                         });
  }();
  return shipped;
}

Result<CodelistCatalogue> ReadCodelistFolder(const std::string& folder) {
  Result<std::string> catalogue = ReadWholeFile(folder + "/" + kCatalogueFile);
  if (!catalogue.ok()) {
    return Status::NotFound(folder + " has no " + kCatalogueFile +
                            ": a folder of codelists needs its catalogue (docs/codelists.md)");
  }
  return ReadCodelists(*catalogue, kCatalogueFile,
                       [&](const std::string& file) { return ReadWholeFile(folder + "/" + file); });
}

}  // namespace continuum
