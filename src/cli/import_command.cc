// continuum import: validates an interchange folder (or FHIR R4 resources) and loads it into a
// workspace.
#include <cstdio>
#include <filesystem>
#include <optional>

#include "cli/command.h"
#include "cli/progress.h"
#include "engine/import_with_snapshot.h"
#include "fhir/fhir_import.h"
#include "report/import_render.h"
#include "store/snapshot_files.h"
#include "synthea/synthea_import.h"

namespace continuum {
namespace {

struct ImportArgs {
  std::string folder, workspace, rejects, format = "csv";
  bool quarantine = false, json = false;
  SyntheaOptions synthea;
  size_t show = 20;
};

Status Import(const ImportArgs& args) {
  auto workspace = Workspace::Open(args.workspace, Workspace::kCreate);
  if (!workspace.ok()) return workspace.status();
  ProgressBar bar("importing " + args.folder);
  ImportOptions options;
  options.quarantine = args.quarantine;
  options.rejects_path = args.rejects;
  options.progress = [&bar](double f) { bar.Update(f); };
  Result<ImportReport> report = Status::Ok();
  std::optional<SourceSummary> source;
  const StagedImport staged_import = [&](const std::string& staged, const ImportOptions& o) {
    return ImportWithSnapshot(staged, **workspace, o);
  };
  if (args.format == "csv") {
    report = ImportWithSnapshot(args.folder, **workspace, options);
    // A folder of another format, imported as CSV, finds none of the tables: say which to name.
    if (!report.ok() && report.status().code() == StatusCode::kNotFound) {
      std::error_code ignored;
      for (const auto& entry : std::filesystem::directory_iterator(args.folder, ignored)) {
        const std::string name = entry.path().filename().string();
        const std::string hint = name.ends_with(".ndjson") || name.ends_with(".json")
                                     ? "--format fhir"
                                 : name == "encounters.csv" ? "--format synthea"
                                                            : "";
        if (!hint.empty()) {
          report = Status::NotFound(std::string(report.status().message()) + "; it holds " + name +
                                    ": import it with " + hint);
          break;
        }
      }
    }
  } else {
    // Another format's rows are staged beside the workspace and imported as CSV rows are.
    const std::string staging = args.workspace + "." + args.format + "-staging";
    auto imported = args.format == "fhir"
                        ? ImportFhir(args.folder, **workspace, staging, options, staged_import)
                        : ImportSynthea(args.folder, **workspace, staging, options, args.synthea,
                                        staged_import);
    if (imported.ok()) {
      report = std::move(imported->report);
      source = std::move(imported->summary);
    } else {
      report = imported.status();
    }
  }
  bar.Finish();
  if (!report.ok()) return report.status();
  const std::string rendered = RenderImportReport(
      *report, args.workspace, args.quarantine ? args.rejects : "", args.show,
      args.json ? OutputFormat::kJson : OutputFormat::kText, source ? &*source : nullptr);
  // Problems go to stderr with the verdict; a clean or quarantined import reports on stdout.
  std::fputs(rendered.c_str(), report->committed || args.json ? stdout : stderr);
  if (!report->committed) {
    const std::string found = std::to_string(report->issue_count) + " problem(s) found; ";
    if (report->file_problems > 0) {
      return Status::InvalidInput(found +
                                  "a whole file could not be used, so nothing was "
                                  "imported and the workspace is unchanged");
    }
    return Status::InvalidInput(found +
                                "nothing was imported and the workspace is unchanged "
                                "(fix the rows, or use --quarantine to load the good "
                                "rows and set the bad ones aside)");
  }
  return Status::Ok();
}

// Runs the import; a workspace this command created is removed again if nothing went into it.
Status RunImport(ImportArgs args) {
  if (!std::filesystem::is_directory(args.folder)) {
    return Status::NotFound(
        args.folder + (args.format == "fhir" ? " is not a folder of FHIR files (.ndjson, .json)"
                       : args.format == "synthea" ? " is not a folder of Synthea CSV files"
                                                  : " is not a folder of CSV files"));
  }
  if (args.quarantine && args.rejects.empty()) args.rejects = args.workspace + ".rejects.csv";
  const bool existed = std::filesystem::exists(args.workspace);
  const std::string snapshots = SnapshotFolder(args.workspace);
  const bool snapshots_existed = std::filesystem::exists(snapshots);
  Status status = Import(args);
  if (!status.ok() && !existed) {
    std::error_code ignored;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
      std::filesystem::remove(args.workspace + suffix, ignored);
    // Its snapshot files went with the rollback; the folder made for them goes too.
    if (!snapshots_existed) std::filesystem::remove_all(snapshots, ignored);
  }
  return status;
}

CommandRegistration kImport(
    "import",
    "Validate a folder of interchange CSV files (or, with --format, FHIR R4 resources or "
    "Synthea's CSV output) and load it into a workspace (all or nothing unless --quarantine)",
    [](CLI::App& app) -> CommandRun {
      auto args = std::make_shared<ImportArgs>();
      app.add_option("folder", args->folder,
                     "Folder holding patients.csv, activity.csv, ... (or FHIR .ndjson/.json files, "
                     "or Synthea's CSV files)")
          ->required();
      app.add_option("--format", args->format,
                     "csv: the interchange files (docs/data-format.md); fhir: FHIR R4 bulk NDJSON "
                     "and Bundles (docs/fhir.md); synthea: Synthea's CSV output (docs/synthea.md)")
          ->check(CLI::IsMember({"csv", "fhir", "synthea"}))
          ->capture_default_str();
      app.add_option("--synthea-lsoa", args->synthea.lsoa,
                     "With --format synthea: the LSOA every patient is given (Synthea's addresses "
                     "are American)")
          ->capture_default_str();
      app.add_option("--synthea-imd", args->synthea.imd_decile,
                     "With --format synthea: the IMD decile every patient is given")
          ->check(CLI::Range(1, 10))
          ->capture_default_str();
      app.add_option("--synthea-ico", args->synthea.ico,
                     "With --format synthea: the id of the ICO the practices are members of")
          ->capture_default_str();
      app.add_option("--synthea-commissioner", args->synthea.commissioner,
                     "With --format synthea: the id of the commissioner of the ICO")
          ->capture_default_str();
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
