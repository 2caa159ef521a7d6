// continuum export: writes a workspace back out as interchange CSV files, survey responses too,
// or as FHIR R4 bulk NDJSON.
#include <cstdio>

#include "cli/command.h"
#include "fhir/fhir_export.h"
#include "store/export.h"

namespace continuum {
namespace {

struct ExportArgs {
  std::string workspace, out, format = "csv";
};

Status RunExport(const ExportArgs& args) {
  auto workspace = Workspace::Open(args.workspace, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  if (args.format == "fhir") {
    auto resources = ExportFhir(**workspace, args.out);
    if (!resources.ok()) return resources.status();
    std::printf("Exported %lld FHIR resources to %s:", static_cast<long long>(resources->Total()),
                args.out.c_str());
    for (const auto& [type, count] : resources->resources) {
      std::printf(" %s %lld", type.c_str(), static_cast<long long>(count));
    }
    std::printf("\n");
    return Status::Ok();
  }
  auto written = ExportFolder(**workspace, args.out);
  if (!written.ok()) return written.status();
  std::printf("Exported %lld rows and %lld survey responses to %s\n",
              static_cast<long long>(written->rows),
              static_cast<long long>(written->survey_responses), args.out.c_str());
  return Status::Ok();
}

CommandRegistration kExport(
    "export", "Write a workspace out as interchange CSV files or FHIR R4 NDJSON",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<ExportArgs>();
      AddWorkspaceOption(app, &args->workspace);
      app.add_option("-o,--out", args->out, "Folder to write into")->required();
      app.add_option("--format", args->format,
                     "csv: the interchange files; fhir: FHIR R4 bulk NDJSON, one file per "
                     "resource type (docs/fhir.md)")
          ->check(CLI::IsMember({"csv", "fhir"}))
          ->capture_default_str();
      return [args] { return RunExport(*args); };
    });

}  // namespace
}  // namespace continuum
