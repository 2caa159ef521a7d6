// build/continuum: the command-line entry point. Parses the subcommand, runs it, and maps its
// Status to an exit code (the only place that does).
#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "cli/command.h"
#include "core/csv.h"

namespace continuum {

std::vector<CommandEntry>& CommandRegistry() {
  static std::vector<CommandEntry> registry;
  return registry;
}

void AddWorkspaceOption(CLI::App& app, std::string* path) {
  const char* from_environment = std::getenv("CONTINUUM_WORKSPACE");
  *path = from_environment && *from_environment ? from_environment : "continuum.db";
  app.add_option("-w,--workspace", *path, "Workspace database file ($CONTINUUM_WORKSPACE)")
      ->capture_default_str();
}

void AddJsonOption(CLI::App& app, bool* json) {
  app.add_flag("--json", *json, "Print JSON for machines instead of tables");
}

CLI::Option* AddSeedOption(CLI::App& app, uint64_t* seed, const std::string& description) {
  const CLI::Validator whole(
      [](const std::string& text) -> std::string {
        uint64_t value = 0;
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
          return "the seed must be a whole number from 0 to 18446744073709551615, not " + text;
        }
        return "";
      },
      "SEED");
  return app.add_option("--seed", *seed, description)->capture_default_str()->check(whole);
}

Status PrintOrWrite(std::string_view text, const std::string& out) {
  if (out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return Status::Ok();
  }
  auto writer = CsvWriter::Create(out);
  if (!writer.ok()) return writer.status();
  (*writer)->Raw(text);
  return (*writer)->Close();
}

namespace {

int ExitCode(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 0;
    case StatusCode::kInvalidInput:
      return 2;
    case StatusCode::kNotFound:
      return 3;
    case StatusCode::kIoError:
      return 4;
    case StatusCode::kCorrupt:
      return 5;
    case StatusCode::kInternal:
      return 70;
  }
  return 70;
}

}  // namespace
}  // namespace continuum

int main(int argc, char** argv) {
  using namespace continuum;
  CLI::App app{
      "Continuum runs an integrated care organisation: its registered population, all its care, "
      "and the figures its board, clinicians, commissioner and evaluators need."};
  app.require_subcommand(1);
  app.set_version_flag("--version", "continuum 0.1.0");
  std::vector<std::pair<CLI::App*, CommandRun>> runs;
  for (const CommandEntry& entry : CommandRegistry()) {
    CLI::App* sub = app.add_subcommand(entry.name, entry.description);
    runs.emplace_back(sub, entry.setup(*sub));
  }
  // An unknown first word is a mistyped command, not a missing one.
  if (argc >= 2 && argv[1][0] != '-') {
    bool known = false;
    for (const CommandEntry& entry : CommandRegistry()) known |= entry.name == argv[1];
    if (!known) {
      std::fprintf(stderr, "continuum: '%s' is not a command; run continuum --help to list them\n",
                   argv[1]);
      return ExitCode(StatusCode::kInvalidInput);
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForAllHelp& help) {
    return app.exit(help);
  } catch (const CLI::CallForVersion& version) {
    return app.exit(version);
  } catch (const CLI::ParseError& error) {
    // Wrong arguments are bad input like any other: exit status 2.
    app.exit(error);
    return ExitCode(StatusCode::kInvalidInput);
  }
  for (auto& [sub, run] : runs) {
    if (!sub->parsed()) continue;
    const Status status = run();
    if (!status.ok()) {
      std::fprintf(stderr, "continuum %s: %s\n", sub->get_name().c_str(), status.message().c_str());
    }
    return ExitCode(status.code());
  }
  return 0;
}
