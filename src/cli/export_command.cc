// continuum export: writes a workspace back out as interchange CSV files, survey responses too.
#include <cstdio>

#include "cli/command.h"
#include "store/export.h"

namespace continuum {
namespace {

struct ExportArgs {
  std::string workspace, out;
};

Status RunExport(const ExportArgs& args) {
  auto workspace = Workspace::Open(args.workspace, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto written = ExportFolder(**workspace, args.out);
  if (!written.ok()) return written.status();
  std::printf("Exported %lld rows and %lld survey responses to %s\n",
              static_cast<long long>(written->rows),
              static_cast<long long>(written->survey_responses), args.out.c_str());
  return Status::Ok();
}

CommandRegistration kExport(
    "export", "Write a workspace out as interchange CSV files", [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<ExportArgs>();
      AddWorkspaceOption(app, &args->workspace);
      app.add_option("-o,--out", args->out, "Folder to write into")->required();
      return [args] { return RunExport(*args); };
    });

}  // namespace
}  // namespace continuum
