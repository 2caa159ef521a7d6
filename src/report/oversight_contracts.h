// Which risk-share contract covers each ICO for the commissioner's oversight report: the contract
// texts the caller chose — files named with --contract, or each ICO's contract in force in the
// workspace for the year (continuum contract add) — read and keyed by the ICO each names.
//
//   auto contracts = ContractsByIco({*ReadNamedText("nelson_vale.json")});
//   (*contracts)["ZICO1"].contract.name
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/named_text.h"
#include "finance/contract.h"
#include "store/workspace.h"

namespace continuum {

struct IcoContract {
  std::string file;  // how messages name it: the file name, or the stored version's
  Contract contract;
};

// Every ICO's contract in force in the workspace for financial year `year` (continuum contract
// add), for the commissioner's oversight by the CLI and the server alike.
Result<std::vector<NamedText>> ContractsInForce(Workspace& workspace, int year);

// Each contract read and keyed by its ICO; two contracts for one ICO are an error naming both.
Result<std::map<std::string, IcoContract>> ContractsByIco(const std::vector<NamedText>& contracts);

}  // namespace continuum
