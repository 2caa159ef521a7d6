#include "report/oversight_contracts.h"

#include "core/quoted.h"

namespace continuum {

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
