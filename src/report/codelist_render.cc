#include "report/codelist_render.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "model/codes.h"
#include "report/json_text.h"
#include "report/text_table.h"

namespace continuum {
namespace {

std::string ConditionName(int condition) {
  return condition < 0 ? "" : std::string(kConditionCodes[condition]);
}

}  // namespace

std::string RenderCodelists(const CodelistCatalogue& catalogue, OutputFormat format) {
  if (format == OutputFormat::kJson) {
    nlohmann::ordered_json lists = nlohmann::ordered_json::array();
    for (const Codelist& l : catalogue.lists()) {
      lists.push_back({{"id", l.id},
                       {"file", l.file},
                       {"system", CodelistSystemName(l.system)},
                       {"condition", ConditionName(l.condition)},
                       {"purpose", l.purpose},
                       {"title", l.title},
                       {"codes", l.codes.size()},
                       {"version", l.version},
                       {"source", l.source},
                       {"url", l.url}});
    }
    return JsonText(nlohmann::ordered_json{{"codelists", lists}}, 2) + "\n";
  }
  if (format == OutputFormat::kCsv) {
    std::string out = "id,system,condition,codes,version,source,url\n";
    for (const Codelist& l : catalogue.lists()) {
      for (const std::string& field :
           {l.id, std::string(CodelistSystemName(l.system)), ConditionName(l.condition)}) {
        AppendCsvField(field, &out);
        out += ',';
      }
      out += std::to_string(l.codes.size()) + ',';
      AppendCsvField(l.version, &out);
      out += ',';
      AppendCsvField(l.source, &out);
      out += ',';
      AppendCsvField(l.url, &out);
      out += '\n';
    }
    return out;
  }
  TextTable table({"codelist", "system", "condition", "codes", "version", "title"});
  for (const Codelist& l : catalogue.lists()) {
    table.AddRow({l.id, std::string(CodelistSystemName(l.system)), ConditionName(l.condition),
                  WithThousands(static_cast<int64_t>(l.codes.size())), l.version, l.title});
  }
  return fmt::format("{} codelists (their sources: --csv or --json)\n", catalogue.lists().size()) +
         table.Render();
}

std::string RenderCodeLookup(const CodelistCatalogue& catalogue, CodelistSystem system,
                             const std::string& code, OutputFormat format) {
  const uint32_t conditions = catalogue.ConditionsOf(system, code);
  // The entry that matched is the code itself, or (ICD-10) the category above it.
  Result<std::string> icd10 = NormaliseIcd10(code);
  const std::string normal = system == CodelistSystem::kIcd10 && icd10.ok() ? *icd10 : code;
  std::vector<std::string> names, terms, lists;
  for (const Codelist& l : catalogue.lists()) {
    if (l.system != system || l.condition < 0 || !(conditions >> l.condition & 1u)) continue;
    names.push_back(ConditionName(l.condition));
    lists.push_back(l.id);
    for (size_t i = 0; i < l.codes.size(); ++i) {
      if (normal.starts_with(l.codes[i]) &&
          (system == CodelistSystem::kIcd10 || normal == l.codes[i])) {
        terms.push_back(l.codes[i] + " " + l.terms[i]);
        break;
      }
    }
  }
  if (format == OutputFormat::kJson) {
    nlohmann::ordered_json j{{"code", code},
                             {"system", CodelistSystemName(system)},
                             {"conditions", names},
                             {"codelists", lists},
                             {"entries", terms}};
    return JsonText(j, 2) + "\n";
  }
  if (names.empty()) {
    return fmt::format("{} {}: no codelist holds it, so it records no condition\n",
                       CodelistSystemName(system), code);
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    out += fmt::format("{} {}: {} ({}: {})\n", CodelistSystemName(system), code, names[i], lists[i],
                       i < terms.size() ? terms[i] : "");
  }
  return out;
}

}  // namespace continuum
