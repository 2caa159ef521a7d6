// continuum import: validates an interchange folder and loads it into a workspace.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>

#include "cli/command.h"
#include "cli/progress.h"
#include "engine/import_with_snapshot.h"

namespace continuum {
namespace {

struct ImportArgs {
  std::string folder, workspace, rejects;
  bool quarantine = false, json = false;
  size_t show = 20;
};

void PrintJson(const ImportReport& report, const ImportArgs& args) {
  nlohmann::json j;
  j["committed"] = report.committed;
  j["workspace"] = args.workspace;
  j["issue_count"] = report.issue_count;
  for (const TableImport& t : report.tables) {
    j["tables"].push_back({{"file", t.file}, {"present", t.present}, {"loaded", t.loaded},
                           {"rejected", t.rejected}});
  }
  j["issues"] = nlohmann::json::array();
  for (const ImportIssue& i : report.issues) {
    j["issues"].push_back({{"file", i.file}, {"line", i.line}, {"column", i.column},
                           {"reason", i.reason}});
  }
  j["ignored_files"] = report.ignored_files;
  if (args.quarantine) j["rejects"] = args.rejects;
  std::printf("%s\n", j.dump(2).c_str());
}

Status RunImport(ImportArgs args) {
  auto workspace = Workspace::Open(args.workspace, Workspace::kCreate);
  if (!workspace.ok()) return workspace.status();
  if (args.quarantine && args.rejects.empty()) args.rejects = args.workspace + ".rejects.csv";
  ProgressBar bar("importing " + args.folder);
  ImportOptions options;
  options.quarantine = args.quarantine;
  options.rejects_path = args.rejects;
  options.progress = [&bar](double f) { bar.Update(f); };
  auto report = ImportWithSnapshot(args.folder, **workspace, options);
  bar.Finish();
  if (!report.ok()) return report.status();
  if (args.json) {
    PrintJson(*report, args);
  } else {
    for (const std::string& f : report->ignored_files) {
      std::fprintf(stderr, "note: %s is not a Continuum table and was ignored\n", f.c_str());
    }
    for (size_t i = 0; i < report->issues.size() && i < args.show; ++i) {
      std::fprintf(stderr, "%s\n", FormatIssue(report->issues[i]).c_str());
    }
    if (report->issue_count > static_cast<int64_t>(args.show)) {
      std::fprintf(stderr, "... and %lld more problems\n",
                   static_cast<long long>(report->issue_count - static_cast<int64_t>(args.show)));
    }
    for (const TableImport& t : report->tables) {
      if (!t.present) continue;
      std::printf("  %-20s %12lld loaded %8lld rejected\n", t.file.c_str(),
                  static_cast<long long>(t.loaded), static_cast<long long>(t.rejected));
    }
  }
  if (!report->committed) {
    return Status::InvalidInput(std::to_string(report->issue_count) +
                                " problem(s) found; nothing was imported and the workspace is "
                                "unchanged (fix the rows, or use --quarantine to load the good "
                                "rows and set the bad ones aside)");
  }
  if (!args.json) {
    std::printf("Imported %lld rows into %s", static_cast<long long>(report->Loaded()),
                args.workspace.c_str());
    if (args.quarantine) {
      std::printf("; %lld row(s) rejected, written with their reasons to %s",
                  static_cast<long long>(report->issue_count), args.rejects.c_str());
    }
    std::printf("\n");
  }
  return Status::Ok();
}

CommandRegistration kImport(
    "import",
    "Validate a folder of interchange CSV files and load it into a workspace (all or nothing "
    "unless --quarantine)",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<ImportArgs>();
      app.add_option("folder", args->folder, "Folder holding patients.csv, activity.csv, ...")
          ->required();
      AddWorkspaceOption(app, &args->workspace);
      app.add_flag("--quarantine", args->quarantine,
                   "Load the good rows; write each rejected row and its reason to the reject file");
      app.add_option("--rejects", args->rejects,
                     "Reject file for --quarantine (default: WORKSPACE.rejects.csv)");
      app.add_option("--show-errors", args->show, "How many problems to print")
          ->capture_default_str();
      AddJsonOption(app, &args->json);
      return [args] { return RunImport(*args); };
    });

}  // namespace
}  // namespace continuum
