#include "report/oversight_contracts.h"

#include <filesystem>

#include "core/quoted.h"

namespace continuum {

Result<std::map<std::string, IcoContract>> ContractsByIco(const std::vector<std::string>& paths) {
  std::map<std::string, IcoContract> by_ico;
  for (const std::string& path : paths) {
    Result<Contract> contract = ReadContract(path);
    if (!contract.ok()) return contract.status();
    auto [at, added] = by_ico.try_emplace(contract->ico, IcoContract{path, *contract});
    if (!added) {
      const auto name = [](const std::string& p) {
        return std::filesystem::path(p).filename().string();
      };
      return Status::InvalidInput(name(path) + ", field ico: " + Quoted(contract->ico) +
                                  " already has a contract, " + name(at->second.path) +
                                  "; give one contract an ICO");
    }
  }
  return by_ico;
}

}  // namespace continuum
