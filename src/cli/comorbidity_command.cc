// continuum comorbidity: the Charlson and Elixhauser conditions and scores of people listed
// with their ICD-10 diagnoses in a CSV file of id,code rows.
#include "cli/command.h"
#include "clinical/comorbidity_file.h"
#include "report/comorbidity_render.h"

namespace continuum {
namespace {

struct ComorbidityArgs {
  std::string input;
  std::string out;
  bool json = false;
};

Status RunComorbidity(const ComorbidityArgs& args) {
  auto file = CsvFile::Read(args.input);
  if (!file.ok()) return file.status();
  auto people = ReadPersonCodes(*file);
  if (!people.ok())
    return Status(people.status().code(), people.status().message() + "\nNothing was written.");
  return PrintOrWrite(
      RenderComorbidities(*people, args.json ? OutputFormat::kJson : OutputFormat::kCsv), args.out);
}

CommandRegistration kComorbidity(
    "comorbidity",
    "Charlson and Elixhauser comorbidities and scores from a CSV file of id,code (ICD-10) rows",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<ComorbidityArgs>();
      app.add_option("--input", args->input, "CSV file of id,code rows, one ICD-10 code a row")
          ->required();
      app.add_option("--out", args->out, "Write to this file instead of standard output");
      app.add_flag("--json", args->json, "Print JSON for machines instead of CSV");
      return [args] { return RunComorbidity(*args); };
    });

}  // namespace
}  // namespace continuum
