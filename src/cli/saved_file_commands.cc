#include "cli/saved_file_commands.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>

#include "cli/command.h"
#include "core/date.h"
#include "core/named_text.h"
#include "engine/engine.h"
#include "evaluation/plan_text.h"
#include "finance/contract.h"
#include "finance/contract_outturn.h"
#include "finance/scenario.h"
#include "finance/tariff.h"
#include "report/saved_files_render.h"

namespace continuum {

namespace {

// Checks `file` exactly as the reports read one of `kind` and fills in the series it belongs to
// from its own content: a contract's ICO and financial year, a scenario's or a plan's name. A
// contract's organisations and a plan's pilots are checked against the workspace's too, so that
// no report refuses them later.
Status CheckAndPlace(const NamedText& file, Workspace& workspace, SavedFile* saved) {
  switch (saved->kind) {
    case SavedKind::kContract: {
      Result<Contract> contract = ParseContract(file.text, file.name);
      if (!contract.ok()) return contract.status();
      Result<Population> directory = Engine::LoadDirectoryOrWhole(workspace);
      if (!directory.ok()) return directory.status();
      CONTINUUM_RETURN_IF_ERROR(
          CheckContractOrganisations(*contract, directory->organisations, file.name));
      saved->ico = contract->ico;
      saved->year = FinancialYearOf(contract->start);
      return Status::Ok();
    }
    case SavedKind::kTariff:
      return ReadTariffText(file).status();
    case SavedKind::kScenario: {
      Result<Scenario> scenario = ParseScenario(file.text, file.name);
      if (!scenario.ok()) return scenario.status();
      saved->name = scenario->name;
      return Status::Ok();
    }
    case SavedKind::kPlan: {
      Result<PlanText> plan = ReadPlanText(file);
      if (!plan.ok()) return plan.status();
      Result<Population> directory = Engine::LoadDirectoryOrWhole(workspace);
      if (!directory.ok()) return directory.status();
      CONTINUUM_RETURN_IF_ERROR(CheckPlanPilots(plan->plan, directory->organisations));
      saved->name = plan->plan.name;
      return Status::Ok();
    }
  }
  return Status::Internal("unknown kind of saved file");
}

// Who adds a file from the command line: the account running it.
std::string CurrentUser() {
  for (const char* variable : {"USER", "LOGNAME"})
    if (const char* user = std::getenv(variable); user != nullptr && *user != '\0') return user;
  if (const passwd* entry = getpwuid(getuid()); entry != nullptr) return entry->pw_name;
  return "uid " + std::to_string(getuid());
}

std::string Describe(const SavedFile& f) { return SeriesName(f.kind, f.ico, f.year, f.name); }

}  // namespace

SavedFileCommands::SavedFileCommands(CLI::App& app, SavedKind kind)
    : kind_(kind), args_(std::make_shared<Args>()) {
  const std::string what(SavedKindCode(kind));
  add_ = app.add_subcommand(
      "add", "Check a " + what + " file and store it in the workspace; a second for the same " +
                 (kind == SavedKind::kContract   ? "ICO and year"
                  : kind == SavedKind::kScenario ? "scenario name"
                  : kind == SavedKind::kPlan     ? "plan name"
                                                 : "workspace") +
                 " is a new version in force");
  list_ = app.add_subcommand("list", "List the stored " + what + "s, every version");
  show_ = app.add_subcommand("show", "Print a stored " + what + " exactly as it was added");
  add_->add_option("file", args_->file,
                   "The " + what + " file (" +
                       (kind == SavedKind::kPlan ? "docs/evaluation.md" : "docs/finance.md") + ")")
      ->required();
  if (kind == SavedKind::kContract) {
    list_->add_option("--ico", args_->ico, "Only this ICO's contracts");
    show_->add_option("ico", args_->ico, "The ICO, e.g. ZICO1")->required();
    show_->add_option("year", args_->year, "The financial year, 2024 or 2024-25")->required();
  }
  if (kind == SavedKind::kScenario || kind == SavedKind::kPlan)
    show_->add_option("name", args_->name, "The " + what + "'s name, as list shows it")->required();
  show_->add_option("--version", args_->version, "Which version (default: the one in force)");
  AddJsonOption(*list_, &args_->json);
  list_->add_flag("--csv", args_->csv, "Print CSV")->excludes("--json");
  for (CLI::App* sub : {add_, list_, show_}) AddWorkspaceOption(*sub, &args_->workspace);
}

bool SavedFileCommands::Chosen() const {
  return add_->parsed() || list_->parsed() || show_->parsed();
}

Status SavedFileCommands::Run() const {
  const Args& a = *args_;
  auto workspace =
      Workspace::Open(a.workspace, add_->parsed() ? Workspace::kMustExist : Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  SavedFiles saved(**workspace);
  if (add_->parsed()) {
    Result<NamedText> file = ReadNamedText(a.file);
    if (!file.ok()) return file.status();
    SavedFile f{.kind = kind_, .file_name = file->name, .text = file->text};
    CONTINUUM_RETURN_IF_ERROR(CheckAndPlace(*file, **workspace, &f));
    // The same bytes again are no new version: adding stays safe to repeat.
    if (Result<SavedFile> current = saved.Get(kind_, f.ico, f.year, f.name);
        current.ok() && current->text == f.text) {
      std::printf("%s version %d in force already holds these bytes (from %s); nothing stored\n",
                  Describe(*current).c_str(), current->version, current->file_name.c_str());
      return Status::Ok();
    }
    f.added_by = CurrentUser();
    f.added_at = std::time(nullptr);
    Result<SavedFile> added = saved.Add(std::move(f));
    if (!added.ok()) return added.status();
    std::printf("Stored %s version %d from %s (blake2b %s)%s\n", Describe(*added).c_str(),
                added->version, added->file_name.c_str(), added->digest.substr(0, 16).c_str(),
                added->version > 1 ? "; it supersedes the version before" : "");
    return Status::Ok();
  }
  if (list_->parsed()) {
    Result<std::vector<SavedFile>> files = saved.List(kind_, a.ico);
    if (!files.ok()) return files.status();
    const std::string out = RenderSavedFiles(kind_, *files,
                                             a.json  ? OutputFormat::kJson
                                             : a.csv ? OutputFormat::kCsv
                                                     : OutputFormat::kText);
    std::fwrite(out.data(), 1, out.size(), stdout);
    return Status::Ok();
  }
  int year = 0;
  if (!a.year.empty()) {
    Result<int> parsed = ParseFinancialYear(a.year);
    if (!parsed.ok()) return Status::InvalidInput("year: " + parsed.status().message());
    year = *parsed;
  }
  Result<SavedFile> f = saved.Get(kind_, a.ico, year, a.name, a.version);
  if (!f.ok()) return f.status();
  std::fwrite(f->text.data(), 1, f->text.size(), stdout);
  return Status::Ok();
}

namespace {

CommandRun SavedFilesCommand(CLI::App& app, SavedKind kind) {
  app.require_subcommand(1);
  SavedFileCommands commands(app, kind);
  return [commands] { return commands.Run(); };
}

CommandRegistration kContract(
    "contract",
    "Keep risk-share contracts in the workspace, one per ICO and financial year, versioned: "
    "add, list, show",
    [](CLI::App& app) { return SavedFilesCommand(app, SavedKind::kContract); });

CommandRegistration kTariff(
    "tariff",
    "Keep the workspace's tariff, versioned: add, list, show; the latest is in force for "
    "every costed report",
    [](CLI::App& app) { return SavedFilesCommand(app, SavedKind::kTariff); });

}  // namespace
}  // namespace continuum
