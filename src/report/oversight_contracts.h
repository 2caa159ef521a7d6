// Which risk-share contract covers each ICO for the commissioner's oversight report. Today the
// contract files named with --contract (each names its ICO); when contracts become workspace
// data this one function reads them from the store instead, and nothing else changes.
//
//   auto contracts = ContractsByIco({"nelson_vale.json", "abbotsmere.json"});
//   (*contracts)["ZICO1"].contract.name
#pragma once

#include <map>
#include <string>
#include <vector>

#include "finance/contract.h"

namespace continuum {

struct IcoContract {
  std::string path;  // the file it was read from
  Contract contract;
};

// Each file read and keyed by its ICO; two contracts for one ICO are an error naming both.
Result<std::map<std::string, IcoContract>> ContractsByIco(const std::vector<std::string>& paths);

}  // namespace continuum
