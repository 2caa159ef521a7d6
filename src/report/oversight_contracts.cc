#include "report/oversight_contracts.h"

#include "core/quoted.h"
#include "store/saved_files.h"

namespace continuum {

Result<std::vector<NamedText>> ContractsInForce(Workspace& workspace, int year) {
  auto stored = SavedFiles(workspace).List(SavedKind::kContract, "", /*in_force_only=*/true);
  if (!stored.ok()) return stored.status();
  std::vector<NamedText> chosen;
  for (SavedFile& f : *stored) {
    if (f.year == year) chosen.push_back({f.file_name, std::move(f.text)});
  }
  return chosen;
}

Result<std::map<std::string, IcoContract>> ContractsByIco(const std::vector<NamedText>& contracts) {
  std::map<std::string, IcoContract> by_ico;
  for (const NamedText& text : contracts) {
    Result<Contract> contract = ParseContract(text.text, text.name);
    if (!contract.ok()) return contract.status();
    auto [at, added] = by_ico.try_emplace(contract->ico, IcoContract{text.name, *contract});
    if (!added)
      return Status::InvalidInput(text.name + ", field ico: " + Quoted(contract->ico) +
                                  " already has a contract, " + at->second.file +
                                  "; give one contract an ICO");
  }
  return by_ico;
}

}  // namespace continuum
