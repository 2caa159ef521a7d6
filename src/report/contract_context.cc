#include "report/contract_context.h"

#include "core/quoted.h"

namespace continuum {

Result<SavedFile> StoredContract(Workspace& workspace, const std::string& ico,
                                 const std::string& year_text) {
  int year = 0;
  if (!year_text.empty()) {
    Result<int> parsed = ParseFinancialYear(year_text);
    if (!parsed.ok()) return Status::InvalidInput("--year: " + parsed.status().message());
    year = *parsed;
  }
  auto in_force = SavedFiles(workspace).List(SavedKind::kContract, ico, /*in_force_only=*/true);
  if (!in_force.ok()) return in_force.status();
  const std::string add = "; add one with: continuum contract add FILE --workspace " +
                          workspace.path() + " (or give a file with --contract FILE)";
  if (in_force->empty())
    return Status::NotFound("the workspace " + workspace.path() + " holds no risk-share contract" +
                            (ico.empty() ? "" : " for " + ico) + add);
  // Ordered by ICO, then year: the last of the ICO's is its latest.
  const std::string& chosen = ico.empty() ? in_force->front().ico : ico;
  std::string icos, years;
  const SavedFile* found = nullptr;
  for (const SavedFile& f : *in_force) {
    if (icos.find(f.ico) == std::string::npos) icos += (icos.empty() ? "" : ", ") + f.ico;
    if (f.ico != chosen) continue;
    years += (years.empty() ? "" : ", ") + FormatFinancialYear(f.year);
    if (year == 0 || f.year == year) found = &f;
  }
  if (in_force->front().ico != in_force->back().ico && ico.empty())
    return Status::InvalidInput("the workspace holds contracts for several ICOs (" + icos +
                                "): name one with --ico");
  if (found == nullptr)
    return Status::NotFound("the workspace holds no contract for " + chosen + " in " +
                            FormatFinancialYear(year) + " (years: " + years + ")" + add);
  return *found;
}

Result<ContractContext> OpenContract(const ContractArgs& args) {
  ContractContext c;
  auto workspace = Workspace::Open(args.workspace, Workspace::kReadOnly);
  if (!workspace.ok()) return workspace.status();
  NamedText text;
  if (args.contract_path.empty()) {
    Result<SavedFile> stored = StoredContract(**workspace, args.ico, args.year);
    if (!stored.ok()) return stored.status();
    text = {stored->file_name, std::move(stored->text)};
  } else {
    Result<NamedText> file = ReadNamedText(args.contract_path);
    if (!file.ok()) return file.status();
    text = std::move(*file);
  }
  // The contract is read first, so a mistake in it is reported before the engine loads.
  auto contract = ParseContract(text.text, text.name);
  if (!contract.ok()) return contract.status();
  auto tariffs = ChooseTariffs(**workspace, args.tariffs);
  if (!tariffs.ok()) return tariffs.status();
  auto tariff = LayerTariffs(*tariffs);
  if (!tariff.ok()) return tariff.status();
  workspace->reset();
  auto engine = OpenEngine(args.workspace, contract->ico);
  if (!engine.ok()) return engine.status();
  c.engine = std::move(*engine);
  auto setup = SetUpContract(c.population(), text, *tariff, args.tariffs.reprice);
  if (!setup.ok()) return setup.status();
  static_cast<ContractSetup&>(c) = std::move(*setup);
  return c;
}

}  // namespace continuum
