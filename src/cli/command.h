// Subcommands register themselves: each command file adds one `CommandRegistration` that
// declares its options on a CLI11 subcommand and returns what to run.
//
//   static CommandRegistration kSummary("summary", "Print the workspace summary",
//       [](CLI::App& app) { auto* o = ...; return [o] { return RunSummary(*o); }; });
//
// The command's work returns a Status; main.cc turns it into an exit code and a message.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "report/report_inputs.h"

namespace continuum {

using CommandRun = std::function<Status()>;
using CommandSetup = std::function<CommandRun(CLI::App&)>;

struct CommandEntry {
  std::string name;
  std::string description;
  CommandSetup setup;
};

std::vector<CommandEntry>& CommandRegistry();

struct CommandRegistration {
  CommandRegistration(std::string name, std::string description, CommandSetup setup) {
    CommandRegistry().push_back({std::move(name), std::move(description), std::move(setup)});
  }
};

// Adds --workspace (default: $CONTINUUM_WORKSPACE, else ./continuum.db) to a subcommand.
void AddWorkspaceOption(CLI::App& app, std::string* path);
// Adds --json.
void AddJsonOption(CLI::App& app, bool* json);
// Adds --seed, a whole number from 0 to 18446744073709551615 (a negative or larger one is refused
// rather than wrapped round).
CLI::Option* AddSeedOption(CLI::App& app, uint64_t* seed, const std::string& description);

// Prints `text` to standard output, or, when `out` names a file, writes it there through a
// temporary name (core/csv.h's CsvWriter), so a failed write leaves no half file.
Status PrintOrWrite(std::string_view text, const std::string& out);

}  // namespace continuum
