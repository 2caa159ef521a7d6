#include "report/report_inputs.h"

#include "store/saved_files.h"

namespace continuum {

Result<Day> DateOption(const std::string& text, const std::string& option) {
  auto day = ParseDate(text);
  if (!day.ok()) return Status::InvalidInput(option + ": " + day.status().message());
  return day;
}

Result<std::unique_ptr<Engine>> OpenEngine(const std::string& workspace_path,
                                           std::string_view organisation) {
  auto workspace = Workspace::Open(workspace_path, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto engine = organisation.empty() ? Engine::Open(**workspace)
                                     : Engine::OpenShardOf(**workspace, organisation);
  if (!engine.ok()) return engine.status();
  if ((*engine)->population().patients.size() == 0) return NoPatientsYet(workspace_path);
  return engine;
}

Status NoPatientsYet(const std::string& workspace_path) {
  return Status::NotFound("workspace " + workspace_path +
                          " holds no patients yet; import a folder first: continuum import DIR "
                          "--workspace " +
                          workspace_path);
}

Result<std::vector<NamedText>> ChooseTariffs(Workspace& workspace, const TariffArgs& args) {
  if (!args.tariffs.empty()) return ReadTariffFiles(args.tariffs);
  std::vector<NamedText> files;
  Result<std::vector<SavedFile>> stored =
      SavedFiles(workspace).List(SavedKind::kTariff, "", /*in_force_only=*/true);
  if (!stored.ok()) return stored.status();
  // A stored tariff that prices only some events (a National Cost Collection file has no general
  // practice) leaves the rest to the built-in one, as --tariff FILE --tariff default would.
  for (const SavedFile& f : *stored)
    files.push_back({f.file_name + " v" + std::to_string(f.version), f.text});
  files.push_back(DefaultTariffText());
  return files;
}

Result<Tariff> OpenTariff(const std::string& workspace_path, const TariffArgs& args) {
  auto workspace = Workspace::Open(workspace_path, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  auto files = ChooseTariffs(**workspace, args);
  if (!files.ok()) return files.status();
  return LayerTariffs(*files);
}

Result<Costing> CostWithTariffs(const std::string& workspace_path, const Population& population,
                                const TariffArgs& args) {
  Result<Tariff> tariff = OpenTariff(workspace_path, args);
  if (!tariff.ok()) return tariff.status();
  return CostActivity(population, *tariff,
                      args.reprice ? CostingMode::kTariffOnly : CostingMode::kRecordedFirst);
}

Result<uint32_t> ChooseIco(const Population& p, const std::string& id) {
  const OrganisationColumns& o = p.organisations;
  std::vector<uint32_t> icos;
  for (uint32_t org = 0; org < o.size(); ++org) {
    if (o.kind[org] == static_cast<uint8_t>(OrgKind::kIco)) icos.push_back(org);
  }
  std::string names;
  for (uint32_t org : icos) names += (names.empty() ? "" : ", ") + o.ids.Value(org);
  if (!id.empty()) {
    const uint32_t org = o.ids.Find(id);
    if (org == Dictionary::kMissing || o.kind[org] != static_cast<uint8_t>(OrgKind::kIco))
      return Status::NotFound("--ico " + id + ": no such ICO in the workspace (ICOs: " + names +
                              ")");
    return org;
  }
  if (icos.size() != 1)
    return Status::InvalidInput(icos.empty() ? "the workspace holds no ICO"
                                             : "the workspace holds several ICOs (" + names +
                                                   "): name one with --ico");
  return icos[0];
}

Result<std::optional<IcoScope>> IcoOption(const Population& population, const std::string& id) {
  if (id.empty()) return std::optional<IcoScope>();
  Result<uint32_t> ico = ChooseIco(population, id);
  if (!ico.ok()) return ico.status();
  Result<IcoScope> scope = IcoScopeOf(population, id, "--ico");
  if (!scope.ok()) return scope.status();
  return std::optional<IcoScope>(std::move(*scope));
}

}  // namespace continuum
