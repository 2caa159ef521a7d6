// continuum codelists: the codelists that define each condition in SNOMED CT and ICD-10 — the
// shipped ones, or a folder of one's own checked — and what one code records
// (docs/codelists.md).
#include <algorithm>
#include <cstdio>

#include "cli/command.h"
#include "report/codelist_render.h"

namespace continuum {
namespace {

struct CodelistsArgs {
  std::string folder, code, system;
  bool json = false, csv = false;
};

Status RunCodelistsCommand(const CodelistsArgs& args) {
  Result<CodelistCatalogue> catalogue =
      args.folder.empty() ? ShippedCodelists() : ReadCodelistFolder(args.folder);
  if (!catalogue.ok()) return catalogue.status();
  const OutputFormat format = args.json  ? OutputFormat::kJson
                              : args.csv ? OutputFormat::kCsv
                                         : OutputFormat::kText;
  std::string out;
  if (args.code.empty()) {
    out = RenderCodelists(*catalogue, format);
  } else {
    // A code of digits is SNOMED CT's, one starting with a letter ICD-10's, unless --system says.
    CodelistSystem system = !args.code.empty() && args.code[0] >= '0' && args.code[0] <= '9'
                                ? CodelistSystem::kSnomedCt
                                : CodelistSystem::kIcd10;
    if (!args.system.empty()) {
      const auto named =
          std::find(std::begin(kCodelistSystemNames), std::end(kCodelistSystemNames), args.system);
      if (named == std::end(kCodelistSystemNames)) {
        return Status::InvalidInput("--system " + args.system + ": choose snomedct or icd10");
      }
      system = static_cast<CodelistSystem>(named - std::begin(kCodelistSystemNames));
    }
    const Status valid = system == CodelistSystem::kSnomedCt ? CheckSnomedCode(args.code)
                                                             : NormaliseIcd10(args.code).status();
    if (!valid.ok()) return Status::InvalidInput("--code: " + valid.message());
    out = RenderCodeLookup(*catalogue, system, args.code,
                           format == OutputFormat::kJson ? format : OutputFormat::kText);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return Status::Ok();
}

CommandRegistration kCodelists(
    "codelists",
    "The codelists that define each long-term condition in SNOMED CT and ICD-10 (OpenCodelists "
    "layout), a folder of your own checked, or what one code records",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<CodelistsArgs>();
      app.add_option("--folder", args->folder,
                     "A folder of codelists (codelists.json and its code,term CSV files) to check "
                     "and list instead of the shipped ones");
      app.add_option("--code", args->code,
                     "Say which conditions this code records (SNOMED CT digits, or ICD-10)");
      app.add_option("--system", args->system, "The code's system: snomedct or icd10");
      auto* json = app.add_flag("--json", args->json, "Print JSON");
      app.add_flag("--csv", args->csv,
                   "Print one row per codelist: id,system,condition,codes,version,source,url")
          ->excludes(json);
      return [args] { return RunCodelistsCommand(*args); };
    });

}  // namespace
}  // namespace continuum
