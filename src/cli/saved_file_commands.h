// The subcommands that keep a kind of hand-written file in the workspace, versioned
// (store/saved_files.h): `add FILE` checks the file as the reports read it and stores its exact
// text as the next version of its series, `list` the versions, `show` prints one exactly.
//
//   SavedFileCommands saved(app, SavedKind::kContract);   // continuum contract add|list|show
//   return [saved] { return saved.Run(); };
#pragma once

#include <CLI/CLI.hpp>
#include <memory>
#include <string>

#include "core/status.h"
#include "store/saved_files.h"

namespace continuum {

class SavedFileCommands {
 public:
  // Declares add, list and show on `app` (the command named after `kind`).
  SavedFileCommands(CLI::App& app, SavedKind kind);
  // Whether one of them was given (after parsing).
  bool Chosen() const;
  // Runs the one given.
  Status Run() const;

  struct Args {
    std::string workspace, file, ico, year, name;
    int version = 0;
    bool json = false, csv = false;
  };

 private:
  SavedKind kind_;
  std::shared_ptr<Args> args_;
  CLI::App* add_;
  CLI::App* list_;
  CLI::App* show_;
};

}  // namespace continuum
