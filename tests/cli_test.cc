// End-to-end tests of build/continuum: the real binary on real files and a real workspace.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <regex>
#include <sstream>
#include <thread>

#include "model/schema.h"
#include "store/accounts.h"
#include "store/saved_files.h"
#include "store/workspace.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

const fs::path kCases = fs::path(CONTINUUM_SOURCE_DIR) / "tests" / "cases";

struct CommandResult {
  int exit_code;
  std::string out, err;
};

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs build/continuum with `args` (a shell-quoted string), capturing stdout and stderr.
CommandResult Continuum(const std::string& args) {
  static int counter = 0;
  const fs::path dir = fs::path(testing::TempDir()) / "cli_runs";
  fs::create_directories(dir);
  const std::string tag = std::to_string(getpid()) + "_" + std::to_string(counter++);
  const fs::path out = dir / (tag + ".out"), err = dir / (tag + ".err");
  const std::string command =
      std::string(CONTINUUM_BINARY) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadText(out), ReadText(err)};
}

// A scratch folder of this process's own (other runs of the suite may share the machine's /tmp),
// removed when the process ends.
fs::path FreshDir(const std::string& name) {
  struct Scratch {
    std::vector<fs::path> dirs;
    ~Scratch() {
      for (const fs::path& d : dirs) fs::remove_all(d);
    }
  };
  static Scratch scratch;
  const fs::path dir =
      fs::path(testing::TempDir()) / ("cli_" + name + "_" + std::to_string(getpid()));
  scratch.dirs.push_back(dir);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

int64_t Rows(const fs::path& workspace, TableId table) {
  auto ws = Workspace::Open(workspace.string(), Workspace::kMustExist);
  EXPECT_TRUE(ws.ok()) << ws.status().message();
  return ws.ok() ? *(*ws)->RowCount(table) : -1;
}

TEST(Cli, HelpListsTheSubcommands) {
  CommandResult run = Continuum("--help");
  EXPECT_EQ(run.exit_code, 0);
  for (const char* command : {"generate", "import", "export", "summary", "activity", "budget",
                              "pathways", "audit", "contract", "tariff", "scenario"}) {
    EXPECT_NE(run.out.find(command), std::string::npos) << command;
  }
  EXPECT_EQ(Continuum("import --help").exit_code, 0);
}

// A seed that is negative or too large for 64 bits is refused, not wrapped round to another.
TEST(Cli, ASeedOutsideItsRangeIsRefused) {
  const fs::path dir = FreshDir("seed");
  for (const char* command : {"generate --out ", "simulate --workspace ", "evaluate --panel "}) {
    for (const char* seed : {"-1", "18446744073709551616", "1e3"}) {
      CommandResult run =
          Continuum(std::string(command) + (dir / "x").string() + " --seed " + seed);
      EXPECT_NE(run.exit_code, 0) << command << seed;
      EXPECT_NE(
          run.err.find("the seed must be a whole number from 0 to 18446744073709551615, not " +
                       std::string(seed)),
          std::string::npos)
          << command << seed << ": " << run.err;
    }
  }
  EXPECT_FALSE(fs::exists(dir / "x"));
}

TEST(Cli, MissingWorkspaceIsAClearError) {
  const fs::path dir = FreshDir("missing");
  CommandResult run = Continuum("summary --workspace " + (dir / "none.db").string());
  EXPECT_EQ(run.exit_code, 3);
  EXPECT_NE(run.err.find("no workspace at"), std::string::npos) << run.err;
}

TEST(Cli, ADamagedWorkspaceIsReportedAsDamaged) {
  const fs::path dir = FreshDir("damaged");
  ASSERT_EQ(Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " +
                      (dir / "ws.db").string())
                .exit_code,
            0);
  const std::string whole = ReadText(dir / "ws.db");
  std::ofstream(dir / "cut.db", std::ios::binary) << whole.substr(0, whole.size() / 3);
  CommandResult run = Continuum("summary --workspace " + (dir / "cut.db").string());
  EXPECT_EQ(run.exit_code, 5) << run.err;
  EXPECT_NE(run.err.find("damaged"), std::string::npos) << run.err;
}

TEST(Cli, ImportSummaryExportOnTheFixture) {
  const fs::path dir = FreshDir("fixture");
  const fs::path ws = dir / "ws.db";
  CommandResult imported =
      Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws.string());
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("Imported 66 rows"), std::string::npos) << imported.out;
  CommandResult summary = Continuum("summary --json --workspace " + ws.string());
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_NE(summary.out.find("\"registered\": 4"), std::string::npos);
  CommandResult text = Continuum("summary --workspace " + ws.string());
  EXPECT_NE(text.out.find("Registered population on 2025-03-31: 4"), std::string::npos);
  CommandResult exported =
      Continuum("export --workspace " + ws.string() + " --out " + (dir / "out").string());
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  for (const auto& entry : fs::directory_iterator(kCases / "import" / "valid")) {
    EXPECT_EQ(ReadText(dir / "out" / entry.path().filename()), ReadText(entry.path()))
        << entry.path().filename();
  }
  CommandResult activity = Continuum("activity --csv --workspace " + ws.string());
  ASSERT_EQ(activity.exit_code, 0);
  EXPECT_NE(activity.out.find("P002,2023-11,gp,1,1,39.00,0"), std::string::npos) << activity.out;
}

// A workspace or tariff whose file name is not UTF-8 (a Latin-1 folder) is still reported: JSON
// must be UTF-8, so each such byte is written as U+FFFD rather than stopping the report.
TEST(Cli, JsonReportsNameFilesWhoseNamesAreNotUtf8) {
  const fs::path dir = FreshDir("latin1");
  const std::string ws = (dir / "caf\xe9.db").string();
  ASSERT_EQ(Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws)
                .exit_code,
            0);
  const std::string replaced = "caf\xef\xbf\xbd.db";
  CommandResult summary = Continuum("summary --json --workspace " + ws);
  ASSERT_EQ(summary.exit_code, 0) << summary.err;
  EXPECT_NE(summary.out.find(replaced), std::string::npos) << summary.out;
  const fs::path tariff = dir / "tarif_\xe9t\xe9.csv";
  fs::copy_file(fs::path(CONTINUUM_SOURCE_DIR) / "data" / "tariffs" / "default.csv", tariff);
  CommandResult costing =
      Continuum("costing --json --workspace " + ws + " --tariff " + tariff.string());
  ASSERT_EQ(costing.exit_code, 0) << costing.err;
  EXPECT_NE(costing.out.find("tarif_\xef\xbf\xbdt\xef\xbf\xbd.csv"), std::string::npos)
      << costing.out;
}

// The capitation budget on the fixture: 5 people are registered on 2024-04-01 (patient 6 was
// removed in February); a saved model reads back, and a damaged one is refused with exit 2.
TEST(Cli, BudgetOnTheFixture) {
  const fs::path dir = FreshDir("budget");
  const fs::path ws = dir / "ws.db", model = dir / "model.csv";
  ASSERT_EQ(
      Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws.string())
          .exit_code,
      0);
  CommandResult run = Continuum("budget --allocation 1000 --workspace " + ws.string() +
                                " --save-model " + model.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Budget for 2024-25: £1,000 for 5 people registered on 2024-04-01"),
            std::string::npos)
      << run.out;
  EXPECT_NE(run.out.find("Fitted on 2023-24"), std::string::npos) << run.out;
  run = Continuum("budget --json --model " + model.string() + " --workspace " + ws.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"allocation_pence\""), std::string::npos);
  std::ofstream(model, std::ios::app) << "intercept,1\n";
  run = Continuum("budget --model " + model.string() + " --workspace " + ws.string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("model.csv line"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("'intercept' appears twice"), std::string::npos) << run.err;
}

// --ico ORG on every report that covers every practice without it: only that ICO's member
// practices (ICO1: P001 and P002, whose lists hold 3 on 2025-03-31; the control practice C001
// holds the fourth). An id that is no ICO is not found (exit 3).
TEST(Cli, EveryReportTakesAnIco) {
  const fs::path dir = FreshDir("ico");
  const std::string ws = " --workspace " + (dir / "ws.db").string();
  ASSERT_EQ(Continuum("import " + (kCases / "import" / "valid").string() + ws).exit_code, 0);
  CommandResult all = Continuum("summary" + ws);
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("Every practice: the ICOs' member practices and the control practices."),
            std::string::npos)
      << all.out;
  EXPECT_NE(all.out.find("Registered population on 2025-03-31: 4"), std::string::npos);
  CommandResult ico = Continuum("summary --ico ICO1" + ws);
  ASSERT_EQ(ico.exit_code, 0) << ico.err;
  for (const char* expected :
       {"ICO1 Example Integrated Care Organisation: its member practices only.",
        "Organisations: 1 ICO, 2 practices.", "Registered population on 2025-03-31: 3", "P001",
        "P002"})
    EXPECT_NE(ico.out.find(expected), std::string::npos) << expected << "\n" << ico.out;
  EXPECT_EQ(ico.out.find("C001"), std::string::npos) << ico.out;
  CommandResult json = Continuum("summary --json --ico ICO1" + ws);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"registered\": 3"), std::string::npos) << json.out;

  CommandResult activity = Continuum("activity --csv --ico ICO1" + ws);
  ASSERT_EQ(activity.exit_code, 0) << activity.err;
  EXPECT_NE(activity.out.find("P002,2023-11,gp,1,1,39.00,0"), std::string::npos) << activity.out;
  EXPECT_EQ(activity.out.find("C001"), std::string::npos) << activity.out;
  EXPECT_NE(Continuum("activity --csv" + ws).out.find("C001"), std::string::npos);

  CommandResult costing = Continuum("costing --ico ICO1" + ws);
  ASSERT_EQ(costing.exit_code, 0) << costing.err;
  EXPECT_NE(costing.out.find(" events of ICO1's member practices, "), std::string::npos)
      << costing.out;

  CommandResult budget = Continuum("budget --allocation 1000 --ico ICO1" + ws);
  ASSERT_EQ(budget.exit_code, 0) << budget.err;
  EXPECT_NE(budget.out.find("all of ICO1"), std::string::npos) << budget.out;
  EXPECT_EQ(budget.out.find("control practices"), std::string::npos) << budget.out;
  EXPECT_EQ(budget.out.find("C001"), std::string::npos) << budget.out;

  CommandResult pathways = Continuum("pathways --pathway post_discharge_follow_up --ico ICO1" + ws);
  ASSERT_EQ(pathways.exit_code, 0) << pathways.err;
  EXPECT_NE(pathways.out.find("ICO1 Example Integrated Care Organisation: registered 3;"),
            std::string::npos)
      << pathways.out;
  EXPECT_EQ(pathways.out.find("Control practices"), std::string::npos) << pathways.out;
  CommandResult outside = Continuum("pathways --ico ICO1 --practice C001" + ws);
  EXPECT_EQ(outside.exit_code, 3);
  EXPECT_NE(outside.err.find("--practice C001: not a member practice of ICO1"), std::string::npos)
      << outside.err;

  CommandResult quality = Continuum("quality --summary --ico ICO1" + ws);
  EXPECT_EQ(quality.exit_code, 0) << quality.err;
  CommandResult risk = Continuum("risk --ico ICO1" + ws);
  EXPECT_EQ(risk.exit_code, 0) << risk.err;

  for (const char* command :
       {"summary", "activity", "costing", "budget", "pathways", "quality", "risk"}) {
    CommandResult unknown = Continuum(std::string(command) + " --ico NOPE" + ws);
    EXPECT_EQ(unknown.exit_code, 3) << command;
    EXPECT_NE(unknown.err.find("--ico NOPE: no such ICO in the workspace (ICOs: ICO1)"),
              std::string::npos)
        << command << ": " << unknown.err;
    CommandResult practice = Continuum(std::string(command) + " --ico P001" + ws);
    EXPECT_EQ(practice.exit_code, 3) << command;
    EXPECT_NE(practice.err.find("--ico P001: no such ICO"), std::string::npos)
        << command << ": " << practice.err;
  }
}

// The generator's output imports without a single rejected row, and after its survey responses
// are recorded too (voice import), export gives every file back byte for byte.
TEST(Cli, GeneratedDataImportsCleanlyAndRoundTrips) {
  const fs::path dir = FreshDir("roundtrip");
  ASSERT_EQ(Continuum("generate --patients 8000 --practices 3 --icos 2 --control-practices 2 "
                      "--years 2 --seed 5 --out " +
                      (dir / "data").string())
                .exit_code,
            0);
  const std::string ws = " --workspace " + (dir / "ws.db").string();
  CommandResult imported = Continuum("import " + (dir / "data").string() + ws);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.err, "");
  CommandResult voice =
      Continuum("voice import " + (dir / "data" / "voice_responses.csv").string() + ws);
  ASSERT_EQ(voice.exit_code, 0) << voice.err;
  CommandResult exported = Continuum("export --out " + (dir / "out").string() + ws);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_NE(exported.out.find("survey responses"), std::string::npos) << exported.out;
  // Every file the generator wrote comes back byte for byte, and nothing else.
  int files = 0;
  for (const auto& entry : fs::directory_iterator(dir / "data")) {
    const fs::path back = dir / "out" / entry.path().filename();
    EXPECT_GT(fs::file_size(entry.path()), 0u) << entry.path();
    EXPECT_EQ(std::system(("cmp -s " + entry.path().string() + " " + back.string()).c_str()), 0)
        << entry.path().filename() << " differs after import, voice import and export";
    ++files;
  }
  EXPECT_EQ(files, static_cast<int>(Tables().size()) + 1);  // the nine tables and the responses
  EXPECT_EQ(std::distance(fs::directory_iterator(dir / "out"), fs::directory_iterator()), files);
}

// Reads a golden case: "file:", "line:", "row:" (\xNN escapes allowed) and "expect:" lines.
std::map<std::string, std::string> ReadCase(const fs::path& path) {
  std::map<std::string, std::string> fields;
  std::istringstream in(ReadText(path));
  std::string line;
  while (std::getline(in, line)) {
    const size_t colon = line.find(": ");
    if (colon != std::string::npos) fields[line.substr(0, colon)] = line.substr(colon + 2);
  }
  std::string row;
  for (size_t i = 0; i < fields["row"].size(); ++i) {
    if (fields["row"].compare(i, 2, "\\x") == 0 && i + 3 < fields["row"].size() + 0) {
      row += static_cast<char>(std::stoi(fields["row"].substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      row += fields["row"][i];
    }
  }
  fields["row"] = row;
  return fields;
}

// Every bad-input case: a clear message naming file, line and column, a non-zero exit, and a
// workspace left exactly as it was (here: the valid fixture imported before).
TEST(Cli, BadInputCasesAreRejectedWithFileLineColumnAndReason) {
  const fs::path dir = FreshDir("bad");
  const fs::path ws = dir / "ws.db";
  ASSERT_EQ(
      Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws.string())
          .exit_code,
      0);
  const int64_t events_before = Rows(ws, TableId::kActivity);
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(kCases / "import" / "bad")) {
    if (entry.path().extension() != ".case") continue;
    ++cases;
    auto c = ReadCase(entry.path());
    // The case applies to a copy of the valid fixture whose ids are shifted into a fresh range,
    // so that only the planted problem stands between it and a clean import.
    const fs::path in = dir / entry.path().stem();
    fs::create_directories(in);
    for (const auto& file : fs::directory_iterator(kCases / "import" / "valid")) {
      fs::copy_file(file.path(), in / file.path().filename(), fs::copy_options::overwrite_existing);
    }
    std::istringstream original(ReadText(in / c["file"]));
    std::string text, line;
    for (int n = 1; std::getline(original, line); ++n) {
      text += (n == std::stoi(c["line"]) ? c["row"] : line) + "\n";
    }
    std::ofstream(in / c["file"], std::ios::binary) << text;
    const fs::path fresh = dir / (entry.path().stem().string() + ".db");
    CommandResult run = Continuum("import " + in.string() + " --workspace " + fresh.string());
    EXPECT_EQ(run.exit_code, 2) << entry.path().filename();
    EXPECT_NE(run.err.find(c["expect"] + "\n"), std::string::npos)
        << entry.path().filename() << "\nexpected: " << c["expect"] << "\nstderr: " << run.err;
    EXPECT_NE(run.err.find("nothing was imported and the workspace is unchanged"),
              std::string::npos);
    // A workspace the failed import would have created is not left behind.
    EXPECT_FALSE(fs::exists(fresh)) << entry.path().filename();
    EXPECT_FALSE(fs::exists(fresh.string() + "-snapshots")) << entry.path().filename();
    // The same folder into the populated workspace changes nothing there either.
    EXPECT_NE(Continuum("import " + in.string() + " --workspace " + ws.string()).exit_code, 0);
    EXPECT_EQ(Rows(ws, TableId::kActivity), events_before);
  }
  EXPECT_GE(cases, 25);
}

TEST(Cli, QuarantineWritesTheRejectFile) {
  const fs::path dir = FreshDir("quarantine");
  const fs::path in = dir / "in";
  fs::create_directories(in);
  for (const auto& file : fs::directory_iterator(kCases / "import" / "valid")) {
    fs::copy_file(file.path(), in / file.path().filename());
  }
  std::ofstream(in / "deaths.csv", std::ios::app) << "4,2024-01-01,castle,\n";
  CommandResult run =
      Continuum("import " + in.string() + " --quarantine --workspace " + (dir / "ws.db").string());
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("1 row(s) rejected"), std::string::npos) << run.out;
  const std::string rejects = ReadText(dir / "ws.db.rejects.csv");
  EXPECT_NE(rejects.find("deaths.csv,3,place,\"'castle' is not a known code"), std::string::npos)
      << rejects;
  EXPECT_EQ(Rows(dir / "ws.db", TableId::kDeaths), 1);
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// Starts build/continuum with `args` in a child process; returns its pid.
pid_t Spawn(const std::vector<std::string>& args) {
  const pid_t pid = fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(CONTINUUM_BINARY)};
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    freopen("/dev/null", "w", stdout);
    freopen("/dev/null", "w", stderr);
    execv(CONTINUUM_BINARY, argv.data());
    _exit(127);
  }
  return pid;
}

int64_t TotalRows(const fs::path& workspace) {
  int64_t total = 0;
  for (const TableSpec& t : Tables()) total += Rows(workspace, t.id);
  return total;
}

// The commands that only read (summary, export) open a workspace left by a killed import
// without calling it damaged: the interrupted write is rolled back first, as the next writer
// would.
void ExpectReadableAfterAKill(const fs::path& ws, const std::string& which) {
  for (const std::string& command :
       std::vector<std::string>{"summary", "export --out " + ws.string() + ".out"}) {
    CommandResult run = Continuum(command + " --workspace " + ws.string());
    EXPECT_TRUE(run.exit_code == 0 || run.exit_code == 3)
        << which << ", " << command << ": exit " << run.exit_code << "\n"
        << run.err;
    EXPECT_EQ(run.err.find("damaged"), std::string::npos) << which << ", " << command << run.err;
    EXPECT_EQ(run.err.find("malformed"), std::string::npos) << which << ", " << command << run.err;
    if (run.exit_code == 3) {
      EXPECT_NE(run.err.find("holds no patients yet"), std::string::npos) << run.err;
    }
  }
}

// A generated ICO to import and kill: its folder, the rows a complete import holds and how long
// one takes.
struct ImportToKill {
  fs::path dir, data;
  int64_t complete = 0;
  std::chrono::steady_clock::duration duration{};
};

ImportToKill PrepareImportToKill(const std::string& name) {
  ImportToKill run{.dir = FreshDir(name)};
  run.data = run.dir / "data";
  EXPECT_EQ(Continuum("generate --patients 20000 --practices 4 --years 1 --seed 11 --out " +
                      run.data.string())
                .exit_code,
            0);
  const fs::path reference = run.dir / "reference.db";
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(
      Continuum("import " + run.data.string() + " --workspace " + reference.string()).exit_code, 0);
  run.duration = std::chrono::steady_clock::now() - started;
  run.complete = TotalRows(reference);
  return run;
}

// A process killed at any moment of an import leaves the old state or the new one, never a
// mixture: every table empty (old) or every table complete (new), and an intact database.
TEST(Cli, KillingAnImportLeavesTheOldStateOrTheNew) {
  const auto [dir, data, complete, duration] = PrepareImportToKill("kill");
  ASSERT_GT(complete, 100000);
  int old_states = 0, new_states = 0;
  for (int i = 1; i <= 8; ++i) {
    const fs::path ws = dir / ("killed" + std::to_string(i) + ".db");
    // The workspace exists (schema only) before the import starts: that is the old state.
    ASSERT_TRUE(Workspace::Open(ws.string(), Workspace::kCreate).ok());
    const pid_t pid = Spawn({"import", data.string(), "--workspace", ws.string()});
    std::this_thread::sleep_for(duration * i / 9);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    ExpectReadableAfterAKill(ws, "kill " + std::to_string(i));
    auto opened = Workspace::Open(ws.string(), Workspace::kMustExist);
    ASSERT_TRUE(opened.ok()) << opened.status().message();
    auto check = (*opened)->Prepare("PRAGMA integrity_check");
    ASSERT_TRUE(check.ok() && (*check)->NextRow());
    EXPECT_EQ((*check)->Text(0), "ok");
    const int64_t rows = TotalRows(ws);
    EXPECT_TRUE(rows == 0 || rows == complete) << "kill " << i << " left " << rows << " rows";
    (rows == 0 ? old_states : new_states)++;
  }
  EXPECT_GT(old_states, 0);  // some kills landed mid-import
}

// A first import (no workspace before it) killed at random moments: the file it leaves reads as
// an empty workspace, never a damaged one, and a second import then loads everything. A third of
// the kills fall 3 to 90 ms in, as the new file is set up; a third anywhere; a third in the
// import's second half, when its bulk write spills pages into the file ahead of the commit. A
// read-only open used to read past the journal such a kill leaves, and call the file damaged.
TEST(Cli, AKilledFirstImportLeavesAnEmptyWorkspaceNotADamagedOne) {
  const auto [dir, data, complete, whole] = PrepareImportToKill("kill_first");
  ASSERT_GT(complete, 100000);
  std::mt19937 random(std::random_device{}());
  std::uniform_real_distribution<double> uniform(0, 1);
  constexpr int kKills = 18;
  int interrupted = 0;
  for (int i = 0; i < kKills; ++i) {
    const fs::path ws = dir / ("first" + std::to_string(i) + ".db");
    const auto delay =
        i % 3 == 0 ? std::chrono::microseconds(3000 + static_cast<int>(87000 * uniform(random)))
                   : std::chrono::duration_cast<std::chrono::microseconds>(
                         whole * (i % 3 == 1 ? uniform(random) : 0.5 + uniform(random) / 2));
    const pid_t pid = Spawn({"import", data.string(), "--workspace", ws.string()});
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    if (!fs::exists(ws)) continue;  // killed before it made the file
    const std::string which = "killed " + std::to_string(delay.count()) + " us into the import";
    ExpectReadableAfterAKill(ws, which);
    const int64_t rows = TotalRows(ws);
    EXPECT_TRUE(rows == 0 || rows == complete) << which << " left " << rows << " rows";
    if (rows == complete) continue;
    ++interrupted;
    CommandResult again = Continuum("import " + data.string() + " --workspace " + ws.string());
    EXPECT_EQ(again.exit_code, 0) << which << ": " << again.err;
    EXPECT_EQ(TotalRows(ws), complete) << which;
  }
  EXPECT_GT(interrupted, 0);
}

// An import into a workspace that already holds data (the fixture; --quarantine sets aside the
// generated rows whose ids it already has), killed at random moments: summary and export read
// the data held before, or all of it once the import committed, never a damaged file.
TEST(Cli, AKilledLaterImportLeavesThePreviousData) {
  const auto [dir, data, unused, whole] = PrepareImportToKill("kill_later");
  const fs::path before = dir / "before.db", after = dir / "after.db";
  ASSERT_EQ(Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " +
                      before.string())
                .exit_code,
            0);
  const int64_t previous = TotalRows(before);
  fs::copy_file(before, after);
  const std::string later = "import " + data.string() + " --quarantine --workspace ";
  ASSERT_EQ(Continuum(later + after.string()).exit_code, 0);
  const int64_t complete = TotalRows(after);
  ASSERT_GT(complete, previous + 100000);
  std::mt19937 random(std::random_device{}());
  int interrupted = 0;
  for (int i = 0; i < 8; ++i) {
    const fs::path ws = dir / ("later" + std::to_string(i) + ".db");
    fs::copy_file(before, ws);
    const auto delay = std::chrono::duration_cast<std::chrono::microseconds>(
        whole * std::uniform_real_distribution<double>(0.1, 1)(random));
    const pid_t pid = Spawn({"import", data.string(), "--quarantine", "--workspace", ws.string()});
    std::this_thread::sleep_for(delay);
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    const std::string which = "killed " + std::to_string(delay.count()) + " us into the import";
    ExpectReadableAfterAKill(ws, which);
    CommandResult summary = Continuum("summary --workspace " + ws.string());
    EXPECT_EQ(summary.exit_code, 0) << which << ": " << summary.err;
    EXPECT_NE(summary.out.find("Registered population on"), std::string::npos) << summary.out;
    const int64_t rows = TotalRows(ws);
    EXPECT_TRUE(rows == previous || rows == complete) << which << " left " << rows << " rows";
    interrupted += rows == previous;
  }
  EXPECT_GT(interrupted, 0);
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// The fixture's one event without a recorded cost (a community contact) is priced at the
// default tariff's 50.00; a tariff of one's own, layered first, prices it instead.
TEST(Cli, CostingPricesWhatHasNoRecordedCost) {
  const fs::path dir = FreshDir("costing");
  const fs::path ws = dir / "ws.db";
  ASSERT_EQ(
      Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws.string())
          .exit_code,
      0);
  CommandResult costing = Continuum("costing --json --workspace " + ws.string());
  ASSERT_EQ(costing.exit_code, 0) << costing.err;
  EXPECT_NE(costing.out.find("\"priced_cost_pence\": 5000"), std::string::npos) << costing.out;
  std::ofstream(dir / "local.csv")
      << "kind,setting,specialty,group,provider,unit_cost,trim_point,excess_bed_day_cost,factor,"
         "source\nprice,community,,,,62.50,,,,\nmarket_forces_factor,,,,RY9,,,,1.2,\n";
  CommandResult local =
      Continuum("costing --json --tariff " + (dir / "local.csv").string() + " --workspace " +
                ws.string() + " --uncosted " + (dir / "uncosted.csv").string() + " --reprice");
  ASSERT_EQ(local.exit_code, 0) << local.err;
  // Only the community contact has a price in local.csv: 62.50 x 1.2 = 75.00; the other 17
  // events, repriced with no price to fit, are each listed.
  EXPECT_NE(local.out.find("\"priced_cost_pence\": 7500"), std::string::npos) << local.out;
  EXPECT_NE(local.out.find("\"uncosted_events\": 17"), std::string::npos) << local.out;
  const std::string listed = ReadText(dir / "uncosted.csv");
  EXPECT_EQ(std::count(listed.begin(), listed.end(), '\n'), 18);
  EXPECT_NE(listed.find("2,1,2023-05-10,emergency,RAX,300,J44.1,1,6,"
                        "\"no price fits (setting emergency, specialty 300, HRG chapter D)\""),
            std::string::npos)
      << listed;
  std::ofstream(dir / "bad.csv")
      << "kind,setting,specialty,group,provider,unit_cost,trim_point,excess_bed_day_cost,factor,"
         "source\nprice,community,,,,62.50,,,,\nprice,community,,,,60,,,,\n";
  CommandResult bad =
      Continuum("costing --tariff " + (dir / "bad.csv").string() + " --workspace " + ws.string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad.csv line 3, column setting: the same setting, specialty and group "
                         "are priced on line 2"),
            std::string::npos)
      << bad.err;
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// The fixture's ICO (P001, P002) in 2024-25, worked by hand: patient 1's emergency admission
// (2,800.00) and end-of-life care (250.00), patient 3's GP visit (39.00), patient 4's day case
// (850.00) and community contact (no recorded cost: 50.00 at the default tariff); patient 5 is
// at the control practice. Spend 3,989.00; patient 1's 3,050.00 is 50.00 above the 3,000.00
// stop-loss, so the partner meets 40.00; the underspend against 10,000.00 is 6,051.00, all kept.
class FinanceCommands : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = FreshDir("finance");
    ws_ = (dir_ / "ws.db").string();
    ASSERT_EQ(Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws_)
                  .exit_code,
              0);
  }
  static std::string Contract() {
    return " --contract " + (kCases / "finance" / "fixture_contract.json").string() +
           " --workspace " + ws_;
  }
  static inline fs::path dir_;
  static inline std::string ws_;
};

TEST_F(FinanceCommands, SettleAtYearEnd) {
  CommandResult run = Continuum("settle --json" + Contract());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* expected : {"\"outturn_basis\": \"actual\"", "\"spend_pence\": 398900",
                               "\"stop_loss_recovery_pence\": 4000", "\"variance_pence\": -605100",
                               "\"ico_result_pence\": 605100"})
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  CommandResult text = Continuum("settle" + Contract());
  EXPECT_NE(text.out.find("Settlement: RP1 pays ICO1 £40.00"), std::string::npos) << text.out;
}

TEST_F(FinanceCommands, MonitorAndForecastSettlement) {
  // To the end of June only patient 1's 3,050.00 is spent; with no earlier year the budget is
  // phased by days (91 of 365), and the forecast is 3,050.00 / (91 / 365).
  CommandResult run = Continuum("monitor --json --month 2024-06" + Contract());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"actual_to_date_pence\": 305000"), std::string::npos) << run.out;
  EXPECT_NE(
      run.out.find("\"forecast_pence\": " + std::to_string(std::llround(305000 * 365 / 91.0))),
      std::string::npos)
      << run.out;
  CommandResult forecast = Continuum("settle --json --month 2024-06" + Contract());
  ASSERT_EQ(forecast.exit_code, 0) << forecast.err;
  EXPECT_NE(forecast.out.find("\"outturn_basis\": \"forecast\""), std::string::npos);
}

TEST_F(FinanceCommands, SimulateAndScenarioRun) {
  CommandResult sim = Continuum("simulate --years 200 --sizes 10,40 --json" + Contract());
  ASSERT_EQ(sim.exit_code, 0) << sim.err;
  EXPECT_NE(sim.out.find("\"population\": 40"), std::string::npos) << sim.out;
  const fs::path scenario = dir_ / "scenario.json";
  std::ofstream(scenario) << R"({"name": "day cases closer to home", "changes": [
      {"kind": "case_management", "top_pct": 25, "emergency_admission_reduction": 0.5,
       "cost_per_patient": 100}]})";
  CommandResult run = Continuum("scenario " + scenario.string() + " --json" + Contract());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("\"saving_pence\""), std::string::npos) << run.out;
}

TEST_F(FinanceCommands, BadInputIsAClearErrorAndWritesNothing) {
  const fs::path later = dir_ / "later.json";
  std::string text = ReadText(kCases / "finance" / "fixture_contract.json");
  text.replace(text.find("\"2024-04-01\""), 12, "\"2030-04-01\"");
  text.replace(text.find("\"2025-03-31\""), 12, "\"2031-03-31\"");
  std::ofstream(later) << text;
  CommandResult run = Continuum("settle --contract " + later.string() + " --workspace " + ws_);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("later.json, field period: 2030-04-01 to 2031-03-31 has no activity in "
                         "the workspace (activity runs 2023-04-03 to 2025-03-31)"),
            std::string::npos)
      << run.err;
  // Every contract command refuses what the workspace contradicts, before computing anything.
  const std::string contract = ReadText(kCases / "finance" / "fixture_contract.json");
  auto refused = [&](const std::string& from, const std::string& to, const std::string& command,
                     const std::string& expected) {
    std::string edited = contract;
    edited.replace(edited.find(from), from.size(), to);
    std::ofstream(dir_ / "edited.json") << edited;
    CommandResult r = Continuum(command + " --contract " + (dir_ / "edited.json").string() +
                                " --workspace " + ws_);
    EXPECT_EQ(r.exit_code, 2) << command;
    EXPECT_NE(r.err.find(expected), std::string::npos) << command << ": " << r.err;
    EXPECT_EQ(r.out, "") << command;
  };
  for (const char* command : {"settle", "monitor", "simulate"}) {
    refused("\"2025-03-31\"", "\"2024-09-30\"", command,
            "edited.json, field period: 2024-04-01 to 2024-09-30 is not twelve whole months");
  }
  refused("\"COM1\"", "\"P001\"", "settle",
          "edited.json, field commissioner: P001 is a practice, not a commissioner");
  refused("\"RP1\"", "\"ZZZ\"", "simulate",
          "edited.json, field counterparty.organisation: organisation ZZZ is not in the workspace");
  const fs::path scenario = dir_ / "bad_scenario.json";
  std::ofstream(scenario) << R"({"name": "x", "changes": [{"kind": "shift_outpatient_follow_ups",
      "share": 0.5, "to_setting": "clinic", "unit_cost": 45}]})";
  CommandResult bad = Continuum("scenario " + scenario.string() + Contract());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("bad_scenario.json, field changes[0].to_setting: must be one of"),
            std::string::npos)
      << bad.err;
  EXPECT_EQ(bad.out, "");
  CommandResult month = Continuum("monitor --month 2024-13" + Contract());
  EXPECT_EQ(month.exit_code, 2);
  EXPECT_NE(month.err.find("--month: '2024-13' is not a month (YYYY-MM)"), std::string::npos);
}

// Contracts, tariffs and scenarios kept in the workspace (continuum contract|tariff|scenario
// add, list, show), and the finance commands reading them when no file is given.
class SavedFileCommands : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = FreshDir(std::string("saved_") +
                    testing::UnitTest::GetInstance()->current_test_info()->name());
    ws_ = " --workspace " + (dir_ / "ws.db").string();
    ASSERT_EQ(Continuum("import " + (kCases / "import" / "valid").string() + ws_).exit_code, 0);
  }
  // The fixture's contract with `from` replaced by `to`, written to `name` in the test's folder.
  std::string Edited(const std::string& name, const std::string& from, const std::string& to) {
    std::string text = contract_;
    if (!from.empty()) text.replace(text.find(from), from.size(), to);
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return (dir_ / name).string();
  }
  int64_t LatestId() {
    auto ws = Workspace::Open((dir_ / "ws.db").string(), Workspace::kReadOnly);
    EXPECT_TRUE(ws.ok()) << ws.status().message();
    return ws.ok() ? *SavedFiles(**ws).LatestId() : -1;
  }
  const std::string contract_path_ = (kCases / "finance" / "fixture_contract.json").string();
  const std::string contract_ = ReadText(contract_path_);
  fs::path dir_;
  std::string ws_;
};

TEST_F(SavedFileCommands, AContractAddedAgainSupersedesAndTheOldVersionStaysReadable) {
  CommandResult first = Continuum("contract add " + contract_path_ + ws_);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("Stored contract ICO1 2024-25 version 1 from fixture_contract.json"),
            std::string::npos)
      << first.out;
  // The same bytes again are no new version.
  CommandResult again = Continuum("contract add " + contract_path_ + ws_);
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing stored"), std::string::npos) << again.out;
  const std::string revised = Edited("revised.json", "10000.00", "12000.00");
  CommandResult second = Continuum("contract add " + revised + ws_);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("version 2"), std::string::npos) << second.out;

  CommandResult csv = Continuum("contract list --csv" + ws_);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "ico,year,version,in_force,added_at,added_by,file,blake2b");
  EXPECT_NE(csv.out.find("\nICO1,2024-25,1,superseded,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",fixture_contract.json,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("\nICO1,2024-25,2,yes,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",revised.json,"), std::string::npos) << csv.out;
  CommandResult json = Continuum("contract list --json --ico ICO1" + ws_);
  EXPECT_NE(json.out.find("\"in_force\": true"), std::string::npos) << json.out;
  EXPECT_EQ(Continuum("contract list --csv --ico ICO9" + ws_).out,
            "ico,year,version,in_force,added_at,added_by,file,blake2b\n");

  // show prints the stored bytes exactly: the version in force, or an older one.
  EXPECT_EQ(Continuum("contract show ICO1 2024-25" + ws_).out, ReadText(revised));
  EXPECT_EQ(Continuum("contract show ICO1 2024 --version 1" + ws_).out, contract_);
  CommandResult missing = Continuum("contract show ICO1 2024 --version 3" + ws_);
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_NE(missing.err.find("contract ICO1 2024-25 has no version 3 (versions 1 to 2)"),
            std::string::npos)
      << missing.err;

  // The finance commands read the version in force: its budget of 12,000.00 against the spend
  // of 3,989.00 less the stop-loss's 40.00 (FinanceCommands above).
  CommandResult settle = Continuum("settle --json" + ws_);
  ASSERT_EQ(settle.exit_code, 0) << settle.err;
  EXPECT_NE(settle.out.find("\"variance_pence\": -805100"), std::string::npos) << settle.out;
}

TEST_F(SavedFileCommands, ABadFileAddsNothing) {
  ASSERT_EQ(Continuum("contract add " + contract_path_ + ws_).exit_code, 0);
  const std::string before = Continuum("contract list --csv" + ws_).out;
  const int64_t latest = LatestId();
  const std::string bad = Edited("bad.json", "\"ico_share\": 0.5", "\"ico_share\": 1.5");
  CommandResult run = Continuum("contract add " + bad + ws_);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(
      run.err.find("bad.json, field corridor.overspend[1].ico_share: must be between 0 and 1"),
      std::string::npos)
      << run.err;
  // A contract every report would refuse for its organisations is refused here too.
  for (const auto& [name, from, to, expected] : std::vector<std::array<std::string, 4>>{
           {"unknown.json", "\"ico\": \"ICO1\"", "\"ico\": \"ICO9\"",
            "field ico: organisation ICO9 is not in the workspace"},
           {"practice.json", "\"ico\": \"ICO1\"", "\"ico\": \"P001\"",
            "field ico: P001 is a practice, not an ico"},
           {"other.json", "\"commissioner\": \"COM1\"", "\"commissioner\": \"RAX\"",
            "field commissioner: RAX is an acute_trust, not a commissioner"}}) {
    run = Continuum("contract add " + Edited(name, from, to) + ws_);
    EXPECT_EQ(run.exit_code, 2) << name;
    EXPECT_NE(run.err.find(name + ", " + expected), std::string::npos) << run.err;
  }
  std::ofstream(dir_ / "broken.json") << "{\"name\": ";
  EXPECT_EQ(Continuum("contract add " + (dir_ / "broken.json").string() + ws_).exit_code, 2);
  EXPECT_EQ(Continuum("contract add " + (dir_ / "none.json").string() + ws_).exit_code, 3);
  std::ofstream(dir_ / "bad_tariff.csv") << "kind,setting\n";
  CommandResult tariff = Continuum("tariff add " + (dir_ / "bad_tariff.csv").string() + ws_);
  EXPECT_EQ(tariff.exit_code, 2);
  EXPECT_NE(tariff.err.find("bad_tariff.csv line 1: the header must be exactly"), std::string::npos)
      << tariff.err;
  std::ofstream(dir_ / "bad_scenario.json") << R"({"name": "x", "changes": []})";
  EXPECT_EQ(Continuum("scenario add " + (dir_ / "bad_scenario.json").string() + ws_).exit_code, 2);
  EXPECT_EQ(Continuum("contract list --csv" + ws_).out, before);
  EXPECT_EQ(LatestId(), latest);
}

TEST_F(SavedFileCommands, MonitorReadsTheStoredContractAsItWouldTheFile) {
  CommandResult none = Continuum("monitor --month 2024-06" + ws_);
  EXPECT_EQ(none.exit_code, 3);
  EXPECT_NE(
      none.err.find("holds no risk-share contract; add one with: continuum contract add FILE"),
      std::string::npos)
      << none.err;
  ASSERT_EQ(Continuum("contract add " + contract_path_ + ws_).exit_code, 0);
  for (const char* command :
       {"monitor --month 2024-06", "monitor --json", "settle", "simulate --years 200 --sizes 10"}) {
    CommandResult stored = Continuum(std::string(command) + ws_);
    ASSERT_EQ(stored.exit_code, 0) << command << ": " << stored.err;
    CommandResult given = Continuum(std::string(command) + " --contract " + contract_path_ + ws_);
    ASSERT_EQ(given.exit_code, 0) << command << ": " << given.err;
    EXPECT_EQ(stored.out, given.out) << command;
  }
  EXPECT_EQ(Continuum("settle --ico ICO1 --year 2024-25" + ws_).exit_code, 0);
  // --ico and --year choose a stored contract, so they go without --contract.
  EXPECT_EQ(Continuum("settle --year 2024 --contract " + contract_path_ + ws_).exit_code, 2);
  CommandResult year = Continuum("settle --year 2023" + ws_);
  EXPECT_EQ(year.exit_code, 3);
  EXPECT_NE(year.err.find("no contract for ICO1 in 2023-24 (years: 2024-25)"), std::string::npos)
      << year.err;
}

TEST_F(SavedFileCommands, TheTariffInForcePricesCostedReportsUnlessOneIsGiven) {
  // The fixture's community contact has no recorded cost: 50.00 at the default tariff.
  std::ofstream(dir_ / "local.csv")
      << "kind,setting,specialty,group,provider,unit_cost,trim_point,excess_bed_day_cost,factor,"
         "source\nprice,community,,,,60.00,,,,local rate\n";
  const std::string tariff = (dir_ / "local.csv").string();
  EXPECT_EQ(Continuum("costing" + ws_).out, Continuum("costing --tariff default" + ws_).out);
  CommandResult added = Continuum("tariff add " + tariff + ws_);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  CommandResult costing = Continuum("costing" + ws_);
  ASSERT_EQ(costing.exit_code, 0) << costing.err;
  EXPECT_NE(costing.out.find("Costing with local.csv v1 + default tariff"), std::string::npos)
      << costing.out;
  // The same prices as the file given over the default; only the tariff's name differs.
  const auto body = [](const std::string& out) { return out.substr(out.find(':')); };
  EXPECT_EQ(body(costing.out),
            body(Continuum("costing --tariff " + tariff + " --tariff default" + ws_).out));
  EXPECT_NE(Continuum("costing --tariff default" + ws_).out, costing.out);
  EXPECT_EQ(Continuum("tariff show" + ws_).out, ReadText(tariff));
  EXPECT_NE(Continuum("tariff list" + ws_).out.find("local.csv"), std::string::npos);
  // The contract's spend follows: 10.00 more than at the default tariff.
  CommandResult settle = Continuum("settle --json --contract " + contract_path_ + ws_);
  EXPECT_NE(settle.out.find("\"spend_pence\": 399900"), std::string::npos) << settle.out;
}

TEST_F(SavedFileCommands, ScenariosAreStoredAndAppliedByName) {
  ASSERT_EQ(Continuum("contract add " + contract_path_ + ws_).exit_code, 0);
  const fs::path scenario = dir_ / "scenario.json";
  std::ofstream(scenario) << R"({"name": "case management", "changes": [
      {"kind": "case_management", "top_pct": 25, "emergency_admission_reduction": 0.5,
       "cost_per_patient": 100}]})";
  CommandResult none = Continuum("scenario" + ws_);
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("continuum scenario add FILE"), std::string::npos) << none.err;
  ASSERT_EQ(Continuum("scenario add " + scenario.string() + ws_).exit_code, 0);
  CommandResult list = Continuum("scenario list --csv" + ws_);
  EXPECT_NE(list.out.find("\ncase management,1,yes,"), std::string::npos) << list.out;
  EXPECT_EQ(Continuum("scenario show 'case management'" + ws_).out, ReadText(scenario));
  // The command that applies a scenario still takes a file, and otherwise the stored one.
  CommandResult given = Continuum("scenario " + scenario.string() + " --json" + ws_);
  ASSERT_EQ(given.exit_code, 0) << given.err;
  CommandResult stored = Continuum("scenario --json" + ws_);
  ASSERT_EQ(stored.exit_code, 0) << stored.err;
  EXPECT_EQ(stored.out, given.out);
  EXPECT_EQ(Continuum("scenario --name 'case management' --json" + ws_).out, given.out);
  CommandResult unknown = Continuum("scenario --name other" + ws_);
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_NE(unknown.err.find("holds no scenario 'other'"), std::string::npos) << unknown.err;
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// continuum comorbidity on a hand-made list of codes: the CSV and JSON are the golden files
// beside it (P001's scores 9, 7 and 16 are worked by hand in src/clinical/comorbidity_test.cc).
TEST(Cli, ComorbidityMatchesItsGoldenFiles) {
  const fs::path cases = kCases / "comorbidity";
  const std::string input = " --input " + (cases / "codes.csv").string();
  CommandResult csv = Continuum("comorbidity" + input);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out, ReadText(cases / "codes.expect.csv"));
  CommandResult json = Continuum("comorbidity --json" + input);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(json.out, ReadText(cases / "codes.expect.json"));
  const fs::path dir = FreshDir("comorbidity");
  CommandResult written = Continuum("comorbidity" + input + " --out " + (dir / "out.csv").string());
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_EQ(written.out, "");
  EXPECT_EQ(ReadText(dir / "out.csv"), ReadText(cases / "codes.expect.csv"));
  EXPECT_FALSE(fs::exists(dir / "out.csv.tmp"));
}

// Every bad line is named (bad.expect holds the exact message), the exit status is 2, and no
// output file appears.
TEST(Cli, ComorbidityBadInputIsAClearErrorAndWritesNothing) {
  const fs::path cases = kCases / "comorbidity";
  const fs::path dir = FreshDir("comorbidity_bad");
  CommandResult run = Continuum("comorbidity --input " + (cases / "bad.csv").string() + " --out " +
                                (dir / "out.csv").string());
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_EQ(run.err, "continuum comorbidity: " + ReadText(cases / "bad.expect"));
  EXPECT_FALSE(fs::exists(dir / "out.csv"));
  EXPECT_FALSE(fs::exists(dir / "out.csv.tmp"));
  CommandResult missing = Continuum("comorbidity --input " + (dir / "none.csv").string());
  EXPECT_EQ(missing.exit_code, 3);
  EXPECT_EQ(missing.out, "");
}

// continuum evaluate --panel on a small staggered panel with a covariate: the CSV and the report
// are golden files (the figures themselves are checked against statsmodels and pandas by
// src/evaluation/statsmodels_agreement_test.py); the same seed gives the same bytes.
TEST(Cli, EvaluatePanelMatchesItsGoldenFiles) {
  const fs::path cases = kCases / "evaluate";
  const std::string panel = " --panel " + (cases / "panel.csv").string();
  CommandResult csv = Continuum("evaluate --csv" + panel);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out, ReadText(cases / "panel.expect.csv"));
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "estimand,group,time,estimate,std_error,ci_low,ci_high");
  CommandResult text = Continuum("evaluate" + panel);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_EQ(text.out, ReadText(cases / "panel.expect.txt"));
  CommandResult json = Continuum("evaluate --json --seed 5" + panel);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["bootstrap"]["seed"], 5);
  EXPECT_EQ(parsed["estimates"].back()["estimand"], "overall");
}

// A broken panel names each problem with its line and column, exits 2 and prints no estimate.
TEST(Cli, EvaluateBadPanelIsAClearError) {
  const fs::path cases = kCases / "evaluate";
  CommandResult bad = Continuum("evaluate --panel " + (cases / "bad.csv").string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
  EXPECT_EQ(bad.err, "continuum evaluate: " + ReadText(cases / "bad.expect"));
  CommandResult few =
      Continuum("evaluate --replicates 10 --panel " + (cases / "panel.csv").string());
  EXPECT_EQ(few.exit_code, 2);
  EXPECT_NE(few.err.find("--replicates 10 is too few"), std::string::npos);
  CommandResult missing = Continuum("evaluate --panel " + (cases / "none.csv").string());
  EXPECT_EQ(missing.exit_code, 3);
}

// continuum risk on the hand-made ICO, its coverage worked by hand. On 2023-04-01 the member
// lists hold patients 1, 2 (who moves from P001 to P002 the next day after leaving, so stays on
// them), 4 and 6; 6 is removed in February 2024 without an admission and is excluded; 1 is
// admitted in May 2023. On 2024-04-01: 1, 2, 3 (born July 2023) and 4; 1 is admitted on
// 2024-06-10 and dies on the 15th (kept). On 2025-04-01: 2, 3 and 4.
TEST(Cli, RiskOnTheFixture) {
  const fs::path dir = FreshDir("risk_fixture");
  const fs::path ws = dir / "ws.db";
  ASSERT_EQ(
      Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws.string())
          .exit_code,
      0);
  CommandResult run = Continuum("risk --workspace " + ws.string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* expected :
       {"Coverage: 4 on the member lists; 3 scored, 1 of them admitted in the year; excluded 1 who "
        "left the lists without an admission",
        "Coverage: 4 on the member lists; 4 scored, 1 of them admitted in the year; excluded 0 who "
        "left the lists without an admission (outcome unknown); kept 1 who died in the year (1 "
        "admitted before death)",
        "Coverage: 3 on the member lists; 3 scored, none excluded",
        "Warning: the data do not cover the 12 months before 2023-04-01"}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
  CommandResult ico = Continuum("risk --ico P001 --workspace " + ws.string());
  EXPECT_EQ(ico.exit_code, 3);
  EXPECT_NE(ico.err.find("--ico P001: no such ICO in the workspace (ICOs: ICO1)"),
            std::string::npos)
      << ico.err;
}

// continuum evaluate --plan on a small generated ICO with control practices: the report names
// each dimension, the HTML report is self-contained and the same bytes twice, and a plan's
// mistake is a clear error that writes nothing.
TEST(Cli, EvaluatePlanOnAGeneratedIco) {
  const fs::path dir = FreshDir("evaluate_plan");
  const fs::path ws = dir / "ws.db";
  ASSERT_EQ(Continuum("generate --patients 12000 --practices 4 --control-practices 5 --years 3 "
                      "--seed 23 --out " +
                      (dir / "data").string())
                .exit_code,
            0);
  ASSERT_EQ(
      Continuum("import " + (dir / "data").string() + " --workspace " + ws.string()).exit_code, 0);
  const std::string plan = (kCases / "evaluate" / "plan.json").string();
  const std::string on = " --plan " + plan + " --workspace " + ws.string();
  CommandResult run = Continuum("evaluate" + on + " --report " + (dir / "a.html").string());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* expected : {"Evaluation: A small pilot", "Comparison: ", "SMD before", "Costs",
                               "Hospital use", "Integration: continuity and fragmentation",
                               "Emergency admissions (per 1000 patients a year): "}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
  ASSERT_EQ(Continuum("evaluate" + on + " --report " + (dir / "b.html").string()).exit_code, 0);
  const std::string html = ReadText(dir / "a.html");
  EXPECT_EQ(html, ReadText(dir / "b.html"));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(html.find("http"), std::string::npos);  // nothing loaded from anywhere
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);
  CommandResult json = Continuum("evaluate --json" + on);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const nlohmann::json parsed = nlohmann::json::parse(json.out);
  EXPECT_EQ(parsed["outcomes"].size(), 3u);
  EXPECT_EQ(parsed["balance"].size(), 6u);

  CommandResult bad =
      Continuum("evaluate --plan " + (kCases / "evaluate" / "bad_plan.json").string() +
                " --workspace " + ws.string() + " --report " + (dir / "c.html").string());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.err, "continuum evaluate: " + ReadText(kCases / "evaluate" / "bad_plan.expect"));
  EXPECT_FALSE(fs::exists(dir / "c.html"));
  CommandResult both = Continuum("evaluate" + on + " --panel x.csv");
  EXPECT_EQ(both.exit_code, 2);
  CommandResult seeded = Continuum("evaluate" + on + " --seed 3");
  EXPECT_EQ(seeded.exit_code, 2);
  EXPECT_NE(seeded.err.find("a plan sets them in its \"estimator\" field"), std::string::npos);
}

// continuum risk on a small generated ICO: validation figures, the pyramid and the case list;
// a saved model reads back and gives the same validation; one practice's list holds only its
// patients; a year outside the data and an unknown practice are clear errors.
TEST(Cli, RiskOnAGeneratedIco) {
  const fs::path dir = FreshDir("risk");
  const fs::path ws = dir / "ws.db", model = dir / "risk.csv";
  ASSERT_EQ(Continuum("generate --patients 6000 --practices 3 --years 3 --seed 9 --out " +
                      (dir / "data").string())
                .exit_code,
            0);
  ASSERT_EQ(
      Continuum("import " + (dir / "data").string() + " --workspace " + ws.string()).exit_code, 0);
  const std::string on = " --workspace " + ws.string();
  CommandResult run = Continuum("risk --top 5 --save-model " + model.string() + on);
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* expected :
       {"Fitted on the lists of 2023-04-01 (outcome: admitted in 2023-24)", "Validation on 2024-25",
        "c-statistic 0.", "Calibration by decile", "top 0.5%", "Risk pyramid on 2025-04-01",
        "Case-finding list: the 5 patients at highest risk", "Coverage: "}) {
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected << "\n" << run.out;
  }
  EXPECT_TRUE(fs::exists(model));
  CommandResult json = Continuum("risk --json --model " + model.string() + on);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  for (const char* expected : {"\"c_statistic\"", "\"cases\"", "\"pyramid\"", "\"factors\""}) {
    EXPECT_NE(json.out.find(expected), std::string::npos) << expected;
  }
  // The model read back validates to the same c-statistic as the model fitted.
  const size_t c = run.out.find("c-statistic ");
  const size_t cj = json.out.find("\"c_statistic\": ");
  ASSERT_NE(cj, std::string::npos);
  EXPECT_NEAR(std::stod(json.out.substr(cj + 15)), std::stod(run.out.substr(c + 12)), 0.0005);
  CommandResult one = Continuum("risk --practice ZP0002 --top 3" + on);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  const std::string list = one.out.substr(one.out.find("Case-finding list"));
  EXPECT_EQ(list.find("ZP0001"), std::string::npos) << list;
  EXPECT_NE(list.find("ZP0002"), std::string::npos) << list;
  CommandResult bad_year = Continuum("risk --year 2019-20" + on);
  EXPECT_EQ(bad_year.exit_code, 2);
  EXPECT_NE(bad_year.err.find("cannot validate on 2019-20"), std::string::npos) << bad_year.err;
  CommandResult bad_practice = Continuum("risk --practice NOPE" + on);
  EXPECT_EQ(bad_practice.exit_code, 3);
  EXPECT_NE(bad_practice.err.find("not a member practice"), std::string::npos) << bad_practice.err;
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

class QualityCommand : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = FreshDir("quality");
    ws_ = (dir_ / "ws.db").string();
    ASSERT_EQ(Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws_)
                  .exit_code,
              0);
  }
  static inline fs::path dir_;
  static inline std::string ws_;
};

// Every indicator runs on the hand-made ICO and says what it covers; a definition file adds one
// (the figures themselves are worked by hand in src/clinical/indicator_test.cc).
TEST_F(QualityCommand, ReportsEveryIndicatorWithItsCoverage) {
  const std::string extra =
      " --definition " + (kCases / "indicators" / "asthma_annual_review.json").string();
  CommandResult text = Continuum("quality --workspace " + ws_ + extra);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Quality of care: "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("[asthma_annual_review]"), std::string::npos);
  EXPECT_NE(text.out.find("Coverage: "), std::string::npos);
  CommandResult json = Continuum("quality --json --workspace " + ws_ + extra);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  size_t count = 0;
  for (size_t at = json.out.find("\"polarity\""); at != std::string::npos;
       at = json.out.find("\"polarity\"", at + 1))
    ++count;
  EXPECT_EQ(count, 17u);  // the 16 shipped and the one given
  EXPECT_NE(json.out.find("\"registered_with_ico\""), std::string::npos);
  CommandResult one =
      Continuum("quality --indicator diabetes_hba1c --practice P001 --workspace " + ws_);
  ASSERT_EQ(one.exit_code, 0) << one.err;
  EXPECT_NE(one.out.find("[diabetes_hba1c]: P001"), std::string::npos) << one.out;
}

// The commissioner's comparison from the command line: each ICO as one unit, then each control
// practice, against everyone compared; only a commissioner can be compared for.
TEST_F(QualityCommand, ComparesEveryIcoAndControlPracticeOfACommissioner) {
  CommandResult c = Continuum(
      "quality --indicator smoking_status_recorded --commissioner COM1 --workspace " + ws_);
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.out.find("Quality of care: Example Commissioner (COM1)"), std::string::npos) << c.out;
  const size_t ico = c.out.find("\nICO1 Example Integrated Care Organisation");
  const size_t control = c.out.find("\nC001 Control Practice");
  ASSERT_NE(ico, std::string::npos) << c.out;
  ASSERT_NE(control, std::string::npos) << c.out;
  EXPECT_LT(ico, control);
  EXPECT_EQ(c.out.find("\nP001 "), std::string::npos) << "a member practice stands alone";
  CommandResult practice = Continuum("quality --commissioner P001 --workspace " + ws_);
  EXPECT_EQ(practice.exit_code, 2);
  EXPECT_NE(practice.err.find("P001 is not a commissioner"), std::string::npos) << practice.err;
}

// Survey responses in bulk: counted by the indicators of responses once imported, refused whole
// when any row is wrong, and never recorded twice from the same file.
TEST_F(QualityCommand, VoiceImportCountsResponsesOnceAndRefusesABadFileWhole) {
  const fs::path good = dir_ / "voice_responses.csv";
  std::ofstream(good) << "response_id,survey,practice_id,responded_on,question,answer\n"
                         "1,patient_fft,P001,2024-06-03,overall_experience,very_good\n"
                         "2,patient_fft,P001,2024-06-04,overall_experience,poor\n"
                         "3,patient_fft,P002,2024-07-01,overall_experience,good\n"
                         "4,staff_pulse,P002,2024-07-02,recommend_care,agree\n"
                         "4,staff_pulse,P002,2024-07-02,recommend_place_to_work,neither\n";
  const fs::path bad = dir_ / "bad_voice.csv";
  std::ofstream(bad) << "response_id,survey,practice_id,responded_on,question,answer\n"
                        "1,patient_fft,P001,2024-06-03,overall_experience,fairly_good\n"
                        "2,patient_fft,P999,2024-06-04,overall_experience,poor\n"
                        "3,patient_fft,P002,2024-13-01,overall_experience,good\n";
  // The ICO's row of the indicator's table: its numerator and denominator.
  auto fft = [&] {
    CommandResult q = Continuum("quality --indicator patient_fft_positive --workspace " + ws_);
    EXPECT_EQ(q.exit_code, 0) << q.err;
    std::smatch row;
    std::regex_search(q.out, row, std::regex("ICO ICO1 +([0-9]+) +([0-9]+)"));
    return row.size() == 3 ? row[1].str() + " of " + row[2].str() : "none";
  };
  const std::string before = fft();
  EXPECT_EQ(before, "0 of 0");
  CommandResult refused = Continuum("voice import " + bad.string() + " --workspace " + ws_);
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("3 problem(s) in bad_voice.csv; nothing was recorded"),
            std::string::npos)
      << refused.err;
  EXPECT_NE(refused.err.find("bad_voice.csv, line 3, field practice_id: 'P999' is not a practice "
                             "in the workspace"),
            std::string::npos);
  EXPECT_NE(refused.err.find("bad_voice.csv, line 4, field responded_on: '2024-13-01' is not a "
                             "date (YYYY-MM-DD)"),
            std::string::npos);
  EXPECT_NE(refused.err.find("bad_voice.csv, line 2, field answers.overall_experience: "
                             "'fairly_good' is not one of its answers"),
            std::string::npos);
  EXPECT_EQ(fft(), before);
  CommandResult imported = Continuum("voice import " + good.string() + " --workspace " + ws_);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("Recorded 4 survey responses"), std::string::npos) << imported.out;
  const std::string after = fft();
  EXPECT_EQ(after, "2 of 3");  // very good and good, of the three answers in 2024-25
  CommandResult again = Continuum("voice import " + good.string() + " --workspace " + ws_);
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("nothing was recorded again"), std::string::npos) << again.err;
  EXPECT_EQ(fft(), after);
}

// Each bad definition under tests/cases/indicators/bad is refused with its file, field and
// reason (NAME.expect), and nothing is printed.
TEST_F(QualityCommand, BadDefinitionsAreRefusedNamingTheFileAndField) {
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(kCases / "indicators" / "bad")) {
    if (entry.path().extension() != ".json") continue;
    ++cases;
    std::string expected = ReadText(fs::path(entry.path()).replace_extension(".expect"));
    expected.erase(expected.find_last_not_of('\n') + 1);
    CommandResult run =
        Continuum("quality --definition " + entry.path().string() + " --workspace " + ws_);
    EXPECT_EQ(run.exit_code, 2) << entry.path();
    EXPECT_NE(run.err.find(expected), std::string::npos) << run.err;
    EXPECT_EQ(run.out, "");
  }
  EXPECT_GE(cases, 6);
  CommandResult unknown = Continuum("quality --indicator nope --workspace " + ws_);
  EXPECT_EQ(unknown.exit_code, 3);
  EXPECT_NE(unknown.err.find("--indicator nope: no such indicator"), std::string::npos);
  CommandResult practice = Continuum("quality --practice RAX --workspace " + ws_);
  EXPECT_EQ(practice.exit_code, 3);
  EXPECT_NE(practice.err.find("--practice RAX: not a member practice of ICO1"), std::string::npos)
      << practice.err;
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// `continuum pathways` on the hand-made ICO. Its one emergency admission in 2023-24 (patient 1,
// discharged on 16 May 2023) had no GP, nurse or community contact within 7 days; patient 1 died
// in June 2024, so the overdue step is counted but not on the worklist. The practice's own
// hypertension pathway (tests/cases/pathways/hypertension_review.json) finds patient 1's blood
// pressure 2 days into 2023-24 and none for patient 4 in either year.
class PathwaysCommand : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = FreshDir("pathways");
    ws_ = (dir_ / "ws.db").string();
    ASSERT_EQ(Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws_)
                  .exit_code,
              0);
  }
  static std::string Workspace() { return " --workspace " + ws_; }
  static std::string Hypertension() {
    return " --definition " + (kCases / "pathways" / "hypertension_review.json").string();
  }
  static inline fs::path dir_;
  static inline std::string ws_;
};

TEST_F(PathwaysCommand, ShippedPathwaysOnTheFixture) {
  CommandResult run = Continuum("pathways --json --year 2023-24" + Workspace());
  ASSERT_EQ(run.exit_code, 0) << run.err;
  for (const char* expected :
       {"\"id\": \"post_discharge_follow_up\"", "\"overdue\": 1", "\"worklist_items\": 0",
        "\"from\": \"2023-04-01\"", "\"as_of\": \"2025-03-31\""})
    EXPECT_NE(run.out.find(expected), std::string::npos) << expected;
  // In 2024-25 patient 1 died on the day of discharge: excluded, and said so.
  CommandResult text = Continuum("pathways --pathway post_discharge_follow_up" + Workspace());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Episodes entered 2024-04-01 to 2025-03-31, as at the end of "
                          "2025-03-31"),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("ICO1 Example Integrated Care Organisation: registered 3; episodes 0 "
                          "(patients 0); excluded: 1 died before discharge."),
            std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("Control practices, for comparison"), std::string::npos);
}

TEST_F(PathwaysCommand, APracticesOwnDefinitionAndItsWorklist) {
  CommandResult csv = Continuum("pathways --worklist --csv --pathway hypertension_review" +
                                Hypertension() + Workspace());
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out,
            "patient_id,practice,pathway,step,entry_date,due_date,days_overdue,action\n"
            "4,P002,hypertension_review,blood_pressure,2024-04-01,2025-03-31,0,"
            "\"Check the blood pressure, with a home monitor if need be\"\n");
  CommandResult earlier =
      Continuum("pathways --worklist --json --year 2023-24" + Hypertension() + Workspace());
  ASSERT_EQ(earlier.exit_code, 0) << earlier.err;
  EXPECT_NE(earlier.out.find("\"days_overdue\": 365"), std::string::npos) << earlier.out;
  CommandResult text = Continuum("pathways --year 2023-24 --pathway hypertension_review" +
                                 Hypertension() + Workspace());
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* expected :
       {"blood_pressure  by the year's end        1     0        1", "adherence 50.0% (9.5-90.5)",
        "P001               1         1  100.0% (20.7-100.0)",
        "P002               3         1      0.0% (0.0-79.3)"})
    EXPECT_NE(text.out.find(expected), std::string::npos) << expected << "\n" << text.out;
  CommandResult practice = Continuum("pathways --worklist --csv --practice P001 --year 2023-24" +
                                     Hypertension() + Workspace());
  ASSERT_EQ(practice.exit_code, 0) << practice.err;
  EXPECT_EQ(std::count(practice.out.begin(), practice.out.end(), '\n'), 1);  // the header only
  // A definition with a shipped pathway's id replaces it: here the follow-up may also be an
  // outpatient follow-up, which patient 1 had 4 days after discharge.
  std::string own = ReadText(fs::path(CONTINUUM_SOURCE_DIR) / "data" / "pathways" /
                             "post_discharge_follow_up.json");
  own.replace(own.find("\"community\"]"), 12, "\"community\", \"op_followup\"]");
  std::ofstream(dir_ / "follow_up.json") << own;
  CommandResult replaced =
      Continuum("pathways --json --year 2023-24 --pathway post_discharge_follow_up --definition " +
                (dir_ / "follow_up.json").string() + Workspace());
  ASSERT_EQ(replaced.exit_code, 0) << replaced.err;
  EXPECT_NE(replaced.out.find("\"median_days\": 4.0"), std::string::npos) << replaced.out;
  EXPECT_NE(replaced.out.find("\"definition\": \"follow_up.json\""), std::string::npos);
}

TEST_F(PathwaysCommand, BadOptionsAreClearErrors) {
  auto refused = [](const std::string& args, int code, const std::string& expected) {
    CommandResult r = Continuum("pathways " + args + Workspace());
    EXPECT_EQ(r.exit_code, code) << args;
    EXPECT_NE(r.err.find(expected), std::string::npos) << args << ": " << r.err;
    EXPECT_EQ(r.out, "") << args;
  };
  refused("--year 2024-26", 2, "--year: '2024-26' is not a financial year such as 2024-25");
  refused("--pathway nope", 3,
          "--pathway: 'nope' is not a pathway; the pathways are "
          "diabetes_annual_care, end_of_life_care");
  refused("--practice RAX", 3, "--practice: RAX is not a practice in the workspace");
  refused("--csv", 2, "--csv requires --worklist");
  refused("--from 2024-01-01", 2, "--from requires --to");
  refused("--from 2024-05-01 --to 2024-04-01", 2, "--to: 2024-04-01 is before --from 2024-05-01");
  refused("--as-of 2024-02-30", 2, "--as-of: '2024-02-30' is not a date");
  refused(Hypertension() + Hypertension(), 2,
          "hypertension_review.json, field id: 'hypertension_review' is also the id of "
          "hypertension_review.json");
}

// Every case under tests/cases/pathways/bad is a definition with one thing wrong; NAME.expect
// is the exact message. Nothing is computed: the exit is 2 and nothing is printed.
TEST_F(PathwaysCommand, BadDefinitionsAreRejectedNamingFileAndField) {
  int cases = 0;
  for (const auto& entry : fs::directory_iterator(kCases / "pathways" / "bad")) {
    if (entry.path().extension() != ".json") continue;
    ++cases;
    fs::path expect_path = entry.path();
    expect_path.replace_extension(".expect");
    std::string expected = ReadText(expect_path);
    CommandResult run = Continuum("pathways --definition " + entry.path().string() + Workspace());
    EXPECT_EQ(run.exit_code, 2) << entry.path().filename();
    EXPECT_EQ(run.err, "continuum pathways: " + expected) << entry.path().filename();
    EXPECT_EQ(run.out, "") << entry.path().filename();
  }
  EXPECT_GE(cases, 25);
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// `continuum user` on the hand-made ICO (member practices P001 and P002; C001 is a control
// practice): users added with their password on standard input, listed without their hashes,
// disabled and enabled; a duplicate, a weak password and practice clinicians without a member
// practice are refused.
TEST(Cli, UserAccountsOnTheFixture) {
  const fs::path dir = FreshDir("user_accounts");
  const std::string ws = " --workspace " + (dir / "ws.db").string();
  ASSERT_EQ(Continuum("import " + (kCases / "import" / "valid").string() + ws).exit_code, 0);
  std::ofstream(dir / "good.txt") << "Correct horse battery\n";
  std::ofstream(dir / "weak.txt") << "password\n";
  const std::string good = " --password-stdin < " + (dir / "good.txt").string();

  CommandResult added =
      Continuum("user add asha.patel --role practice_clinician --organisation P001" + ws + good);
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(added.out, "Added user asha.patel (Practice clinician, P001)\n");
  CommandResult lead =
      Continuum("user add lead --role clinical_lead --organisation ICO1" + ws + good);
  ASSERT_EQ(lead.exit_code, 0) << lead.err;

  CommandResult list = Continuum("user list" + ws);
  ASSERT_EQ(list.exit_code, 0) << list.err;
  for (const char* expected :
       {"username", "asha.patel", "Practice clinician", "P001", "lead", "ICO clinical lead"}) {
    EXPECT_NE(list.out.find(expected), std::string::npos) << expected << "\n" << list.out;
  }
  EXPECT_EQ(list.out.find("argon2"), std::string::npos) << list.out;

  ASSERT_EQ(Continuum("user disable lead" + ws).exit_code, 0);
  CommandResult json = Continuum("user list --json" + ws);
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"role\": \"clinical_lead\""), std::string::npos) << json.out;
  EXPECT_EQ(json.out.find("\"disabled\": true"), json.out.rfind("\"disabled\": true")) << json.out;
  EXPECT_LT(json.out.find("\"username\": \"lead\""), json.out.find("\"disabled\": true"));
  EXPECT_EQ(json.out.find("argon2"), std::string::npos);
  EXPECT_EQ(Continuum("user enable lead" + ws).exit_code, 0);
  EXPECT_EQ(Continuum("user passwd lead" + ws + good).exit_code, 0);

  CommandResult duplicate = Continuum("user add lead --role board --organisation ICO1" + ws + good);
  EXPECT_EQ(duplicate.exit_code, 2);
  EXPECT_NE(duplicate.err.find("user 'lead' already exists"), std::string::npos) << duplicate.err;
  CommandResult weak = Continuum("user add board --role board --organisation ICO1" + ws +
                                 " --password-stdin < " + (dir / "weak.txt").string());
  EXPECT_EQ(weak.exit_code, 2);
  EXPECT_NE(weak.err.find("at least 12 characters"), std::string::npos) << weak.err;
  CommandResult no_practice = Continuum("user add gp --role practice_clinician" + ws + good);
  EXPECT_EQ(no_practice.exit_code, 2);
  EXPECT_NE(no_practice.err.find("--organisation: a user with role practice_clinician needs a "
                                 "practice"),
            std::string::npos)
      << no_practice.err;
  CommandResult control =
      Continuum("user add gp --role practice_clinician --practice C001" + ws + good);
  EXPECT_EQ(control.exit_code, 3);
  EXPECT_NE(control.err.find("--organisation 'C001': not a member practice of an ICO in this "
                             "workspace "
                             "(they are P001, P002)"),
            std::string::npos)
      << control.err;
  CommandResult no_terminal =
      Continuum("user add board --role board --organisation ICO1" + ws + " < /dev/null");
  EXPECT_EQ(no_terminal.exit_code, 2);
  EXPECT_NE(no_terminal.err.find("with --password-stdin"), std::string::npos) << no_terminal.err;
  CommandResult role = Continuum("user add board --role nurse" + ws + good);
  CommandResult wrong_kind =
      Continuum("user add board --role board --organisation COM1" + ws + good);
  EXPECT_EQ(wrong_kind.exit_code, 3);
  EXPECT_NE(wrong_kind.err.find("--organisation 'COM1': not an ICO in this workspace (they are "
                                "ICO1)"),
            std::string::npos)
      << wrong_kind.err;
  CommandResult moved = Continuum("user move lead --organisation COM1" + ws);
  EXPECT_EQ(moved.exit_code, 3) << moved.err;
  EXPECT_EQ(Continuum("user move lead --organisation ICO1" + ws).exit_code, 0);
  EXPECT_EQ(role.exit_code, 2);
  EXPECT_NE(role.err.find("--role: 'nurse' is not a role"), std::string::npos) << role.err;
  EXPECT_EQ(Continuum("user disable nobody" + ws).exit_code, 3);

  CommandResult after = Continuum("user list --json" + ws);
  EXPECT_EQ(after.out.find("\"disabled\": true"), std::string::npos) << after.out;
  EXPECT_EQ(after.out.find("\"username\": \"board\""), std::string::npos) << after.out;
  EXPECT_EQ(after.out.find("\"username\": \"gp\""), std::string::npos) << after.out;
}

// Runs SQL on a workspace as anyone holding the file could, one statement at a time.
void Tamper(const fs::path& ws, std::initializer_list<std::string> statements) {
  auto opened = Workspace::Open(ws.string(), Workspace::kMustExist);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  for (const std::string& sql : statements) {
    auto statement = (*opened)->Prepare(sql);
    ASSERT_TRUE(statement.ok()) << sql;
    ASSERT_TRUE((*statement)->Execute().ok()) << sql;
  }
}

// continuum audit verify reports an intact log with its head, checks a head recorded earlier,
// and names the first entry altered (exit 5); serve refuses a workspace whose log was altered.
TEST(Cli, AuditVerifyAndServeFindAnAlteredLog) {
  const fs::path dir = FreshDir("audit_" + std::to_string(getpid()));
  const fs::path ws = dir / "ws.db";
  ASSERT_EQ(
      Continuum("import " + (kCases / "import" / "valid").string() + " --workspace " + ws.string())
          .exit_code,
      0);
  CommandResult empty = Continuum("audit verify --workspace " + ws.string());
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_NE(empty.out.find("is intact: 0 entries"), std::string::npos) << empty.out;
  std::string trigger;
  {
    auto opened = Workspace::Open(ws.string(), Workspace::kMustExist);
    ASSERT_TRUE(opened.ok());
    Accounts accounts(**opened);
    for (int64_t patient : {3, 1, 4}) {
      ASSERT_TRUE(accounts
                      .AppendAudit({.username = "lead",
                                    .role = Role::kClinicalLead,
                                    .endpoint = "/api/practices/P001/case-finding",
                                    .patients = {patient}})
                      .ok());
    }
    auto sql = (*opened)->Prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_no_update'");
    ASSERT_TRUE(sql.ok() && (*sql)->NextRow());
    trigger = (*sql)->Text(0);
  }
  CommandResult intact = Continuum("audit verify --workspace " + ws.string());
  ASSERT_EQ(intact.exit_code, 0) << intact.err;
  EXPECT_NE(intact.out.find("is intact: 3 entries"), std::string::npos) << intact.out;
  std::smatch head;
  ASSERT_TRUE(std::regex_search(intact.out, head, std::regex("Head: ([0-9a-f]{64})")))
      << intact.out;
  CommandResult expected =
      Continuum("audit verify --expect-head " + head[1].str() + " --workspace " + ws.string());
  EXPECT_EQ(expected.exit_code, 0) << expected.err;
  EXPECT_NE(expected.out.find("The recorded head is entry 3's; 0 entries were added since"),
            std::string::npos)
      << expected.out;
  EXPECT_EQ(Continuum("audit verify --expect-head 12ab --workspace " + ws.string()).exit_code, 2);

  const fs::path edited = dir / "edited.db", dropped = dir / "dropped.db", cut = dir / "cut.db";
  for (const fs::path& copy : {edited, dropped, cut}) fs::copy_file(ws, copy);
  Tamper(edited,
         {"DROP TRIGGER audit_no_update", "UPDATE audit SET patients = '9' WHERE id = 2", trigger});
  CommandResult broken = Continuum("audit verify --workspace " + edited.string());
  EXPECT_EQ(broken.exit_code, 5);
  EXPECT_NE(broken.err.find("entry 2 does not match its hash"), std::string::npos) << broken.err;
  CommandResult refused = Continuum("serve --port 0 --workspace " + edited.string());
  EXPECT_EQ(refused.exit_code, 5);
  EXPECT_NE(refused.err.find("not serving " + edited.string()), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("entry 2"), std::string::npos) << refused.err;

  Tamper(dropped, {"DROP TABLE audit"});
  for (const std::string command : {"audit verify", "serve --port 0"}) {
    CommandResult missing = Continuum(command + " --workspace " + dropped.string());
    EXPECT_EQ(missing.exit_code, 5) << command;
    EXPECT_NE(missing.err.find("the audit log is missing"), std::string::npos) << missing.err;
  }

  // Cutting off the last entry leaves a whole chain: only the recorded head shows it.
  Tamper(cut, {"DROP TRIGGER audit_no_delete", "DELETE FROM audit WHERE id = 3",
               "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
               " BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"});
  EXPECT_EQ(Continuum("audit verify --workspace " + cut.string()).exit_code, 0);
  CommandResult short_of =
      Continuum("audit verify --expect-head " + head[1].str() + " --workspace " + cut.string());
  EXPECT_EQ(short_of.exit_code, 5);
  EXPECT_NE(short_of.err.find("does not reach the recorded head"), std::string::npos)
      << short_of.err;
}

}  // namespace
}  // namespace continuum

namespace continuum {
namespace {

// The commissioner's oversight on a generated programme: three ICOs of ZQ1 (ZICO1-3) and two
// control practices over two years to March 2025, with their survey responses, each ICO under a
// contract of its own (ZICO2's budget a head is lower and ZICO3's higher than the demo's).
class OversightCommand : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = FreshDir("oversight");
    ws_ = " --workspace " + (dir_ / "ws.db").string();
    const std::string gen = (dir_ / "gen").string();
    ASSERT_EQ(Continuum("generate --icos 3 --control-practices 2 --patients 3000 --practices 2 "
                        "--years 2 --out " +
                        gen)
                  .exit_code,
              0);
    ASSERT_EQ(Continuum("import " + gen + ws_).exit_code, 0);
    ASSERT_EQ(Continuum("voice import " + gen + "/voice_responses.csv" + ws_).exit_code, 0);
  }
  static std::string ContractOf(const std::string& ico) {
    const fs::path source = fs::path(CONTINUUM_SOURCE_DIR);
    if (ico == "ZICO1") return (source / "data" / "contracts" / "nelson_vale.json").string();
    return (kCases / "oversight" / (ico == "ZICO2" ? "abbotsmere.json" : "kingsbridge_downs.json"))
        .string();
  }
  static nlohmann::json Json(const std::string& args) {
    CommandResult run = Continuum(args + ws_);
    EXPECT_EQ(run.exit_code, 0) << args << "\n" << run.err;
    return nlohmann::json::parse(run.out, nullptr, false);
  }
  static inline fs::path dir_;
  static inline std::string ws_;
  static inline const std::vector<std::string> kIcos = {"ZICO1", "ZICO2", "ZICO3"};
};

const nlohmann::json& MonthOf(const nlohmann::json& ico, const std::string& month) {
  for (const nlohmann::json& m : ico["months"]) {
    if (m["month"] == month) return m;
  }
  static const nlohmann::json none;
  ADD_FAILURE() << "no month " << month;
  return none;
}

// Oversight's finance for each ICO is what `monitor` and `settle` say for that ICO and contract.
TEST_F(OversightCommand, FinanceIsTheMonitorAndSettlementOfEachContract) {
  std::string contracts;
  for (const std::string& ico : kIcos) contracts += " --contract " + ContractOf(ico);
  const nlohmann::json o = Json("oversight --json --month 2024-10" + contracts);
  ASSERT_EQ(o["icos"].size(), 3u);
  EXPECT_EQ(o["commissioner"]["id"], "ZQ1");
  EXPECT_EQ(o["first_month"], "2024-04");
  for (size_t k = 0; k < kIcos.size(); ++k) {
    const nlohmann::json& ico = o["icos"][k];
    EXPECT_EQ(ico["id"], kIcos[k]);
    EXPECT_EQ(ico["months"].size(), 7u);  // April to October
    const std::string contract = " --month 2024-10 --contract " + ContractOf(kIcos[k]);
    const nlohmann::json monitor = Json("monitor --json" + contract);
    const nlohmann::json settle = Json("settle --json" + contract);
    const nlohmann::json& f = MonthOf(ico, "2024-10")["finance"];
    ASSERT_TRUE(f.is_object()) << kIcos[k];
    EXPECT_EQ(f["budget_to_date_pence"], monitor["budget_to_date_pence"]);
    EXPECT_EQ(f["actual_to_date_pence"], monitor["actual_to_date_pence"]);
    EXPECT_EQ(f["not_yet_reported_pence"], monitor["not_yet_reported_pence"]);
    EXPECT_EQ(f["forecast_pence"], monitor["forecast_pence"]);
    EXPECT_EQ(f["forecast_95_pence"], monitor["forecast_interval_95_pence"]);
    const nlohmann::json& s = settle["settlement"];
    EXPECT_EQ(f["budget_pence"], s["budget_pence"]);
    EXPECT_EQ(f["forecast_pence"], s["spend_pence"]);
    EXPECT_EQ(f["stop_loss_recovery_pence"], s["stop_loss_recovery_pence"]);
    EXPECT_EQ(f["settlement_variance_pence"], s["variance_pence"]);
    EXPECT_EQ(f["ico_result_pence"], s["ico_result_pence"]);
    EXPECT_EQ(std::abs(f["net_payment_pence"].get<int64_t>()),
              s["net_payment"]["amount_pence"].get<int64_t>());
    // A deficit is a loss after risk sharing, and only a deficit moves the segment by override.
    EXPECT_EQ(f["deficit"], s["ico_result_pence"].get<int64_t>() < 0);
    const nlohmann::json& seg = MonthOf(ico, "2024-10")["segment"];
    if (seg["financial_override"].get<bool>()) {
      EXPECT_TRUE(f["deficit"].get<bool>());
    }
    if (f["deficit"].get<bool>()) {
      EXPECT_GE(seg["segment"].get<int>(), 3);
    }
  }
}

// Oversight's quality values are the quality report's: each ICO's own (`quality --ico`) for
// every crude figure, and the commissioner's comparison (`quality --commissioner`) for the
// age-sex standardised ones, which oversight standardises against everyone compared.
TEST_F(OversightCommand, QualityIsTheQualityReportOfEachIco) {
  const nlohmann::json o = Json("oversight --json");
  EXPECT_EQ(o["month"], "2025-03");
  const nlohmann::json compared = Json("quality --json --commissioner ZQ1 --ico ZICO1");
  for (size_t k = 0; k < kIcos.size(); ++k) {
    const nlohmann::json own = Json("quality --json --ico " + kIcos[k]);
    const nlohmann::json& month = o["icos"][k]["months"].back();
    EXPECT_TRUE(month["finance"].is_null()) << "no contract given";
    for (size_t i = 0; i < own["indicators"].size(); ++i) {
      const nlohmann::json& ind = own["indicators"][i];
      const nlohmann::json& mine = month["quality"][i];
      ASSERT_EQ(mine["indicator"], ind["id"]);
      const nlohmann::json& theirs = ind["ico"].contains("expected")
                                         ? compared["quality"]["indicators"][i]["practices"][k]
                                         : ind["ico"];
      // Person-time is summed over the ICO's practices in another order: equal to rounding.
      auto near = [](const nlohmann::json& a, const nlohmann::json& b) {
        return std::abs(a.get<double>() - b.get<double>()) <=
               1e-12 * std::max(1.0, std::abs(b.get<double>()));
      };
      EXPECT_EQ(mine["numerator"], theirs["numerator"]) << ind["id"];
      EXPECT_TRUE(near(mine["denominator"], theirs["denominator"])) << ind["id"];
      if (theirs["estimate"].is_object())
        EXPECT_TRUE(near(mine["value"], theirs["estimate"]["value"])) << ind["id"];
      else
        EXPECT_TRUE(mine["value"].is_null()) << ind["id"];
    }
    // The survey indicators count the imported responses.
    bool fft = false;
    for (const nlohmann::json& q : month["quality"])
      fft |= q["indicator"] == "patient_fft_positive" && q["value"].is_number();
    EXPECT_TRUE(fft) << kIcos[k];
  }
}

// Each month's alerts are exactly the changes from the month before: a band alert where the
// corridor band changed and nowhere else, a segment alert where the segment changed.
TEST_F(OversightCommand, AlertsAreTheChangesFromTheMonthBefore) {
  std::string contracts;
  for (const std::string& ico : kIcos) contracts += " --contract " + ContractOf(ico);
  const nlohmann::json o = Json("oversight --json" + contracts);
  int band_changes = 0;
  for (const nlohmann::json& ico : o["icos"]) {
    const nlohmann::json& months = ico["months"];
    ASSERT_EQ(months.size(), 12u);
    for (size_t i = 0; i < months.size(); ++i) {
      std::vector<nlohmann::json> band, segment;
      for (const nlohmann::json& a : months[i]["alerts"]) {
        if (a["kind"] == "band") band.push_back(a);
        if (a["kind"] == "segment") segment.push_back(a);
      }
      if (i == 0) {
        EXPECT_TRUE(months[i]["alerts"].empty());
        continue;
      }
      const nlohmann::json& was = months[i - 1]["finance"]["band"]["label"];
      const nlohmann::json& now = months[i]["finance"]["band"]["label"];
      if (was != now) {
        ++band_changes;
        ASSERT_EQ(band.size(), 1u) << ico["id"] << " " << months[i]["month"];
        EXPECT_EQ(band[0]["from"], was);
        EXPECT_EQ(band[0]["to"], now);
      } else {
        EXPECT_TRUE(band.empty()) << ico["id"] << " " << months[i]["month"];
      }
      const int seg_was = months[i - 1]["segment"]["segment"],
                seg_now = months[i]["segment"]["segment"];
      EXPECT_EQ(segment.size(), seg_was != seg_now ? 1u : 0u);
    }
  }
  EXPECT_GT(band_changes, 0) << "the generated year should move some ICO between bands";
}

// Without --contract, each ICO's contract in force in the workspace for the year is used, and
// the report is the same as with the same files given.
TEST_F(OversightCommand, StoredContractsAreUsedWhenNoneIsGiven) {
  const std::string stored = " --workspace " + (dir_ / "stored.db").string();
  ASSERT_EQ(Continuum("import " + (dir_ / "gen").string() + stored).exit_code, 0);
  std::string files;
  for (const std::string& ico : kIcos) {
    ASSERT_EQ(Continuum("contract add " + ContractOf(ico) + stored).exit_code, 0) << ico;
    files += " --contract " + ContractOf(ico);
  }
  CommandResult from_store = Continuum("oversight --csv --month 2024-09" + stored);
  CommandResult from_files = Continuum("oversight --csv --month 2024-09" + files + stored);
  ASSERT_EQ(from_store.exit_code, 0) << from_store.err;
  ASSERT_EQ(from_files.exit_code, 0) << from_files.err;
  EXPECT_EQ(from_store.out, from_files.out);
  EXPECT_NE(from_store.out.find("\nZICO3,2024-09,finance:forecast,"), std::string::npos);
  // The year before has no stored contract: no finance at all.
  CommandResult earlier = Continuum("oversight --csv --month 2024-03" + stored);
  ASSERT_EQ(earlier.exit_code, 0) << earlier.err;
  EXPECT_EQ(earlier.out.find(",finance:"), std::string::npos);
}

// The text and the CSV: an ICO without a contract shows its clinical measures and "no contract";
// the CSV has its documented columns; bad options are clear errors.
TEST_F(OversightCommand, TextCsvAndErrors) {
  const std::string two =
      " --contract " + ContractOf("ZICO1") + " --contract " + ContractOf("ZICO2");
  CommandResult text = Continuum("oversight --month 2024-12" + two + ws_);
  ASSERT_EQ(text.exit_code, 0) << text.err;
  for (const char* expected :
       {"Oversight: Wexbridge and Downs Integrated Care Board (ZQ1), 2024-12", "no contract",
        "Segment (1 best to 4", "Finance, year to 2024-12", "Quality, year to 2024-12",
        "Pathway adherence", "History: segment / corridor band", "Alerts, 2024-12"})
    EXPECT_NE(text.out.find(expected), std::string::npos) << expected << "\n" << text.out;
  CommandResult csv = Continuum("oversight --csv --month 2024-12" + two + ws_);
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.substr(0, csv.out.find('\n')),
            "ico,month,measure,value,lower,upper,numerator,denominator,score,segment,band,alert");
  EXPECT_NE(csv.out.find("\nZICO3,2024-12,quality:diabetes_hba1c,"), std::string::npos);
  EXPECT_NE(csv.out.find(",no contract,"), std::string::npos);
  EXPECT_NE(csv.out.find("\nZICO1,2024-04,finance:forecast,"), std::string::npos);
  EXPECT_NE(csv.out.find("\nZICO2,2024-12,list_left_year,"), std::string::npos);
  EXPECT_EQ(csv.out.find("\nZICO3,2024-12,finance:"), std::string::npos);

  // Rules of one's own: a single metric by fixed thresholds; a bad file names its field.
  const fs::path rules = dir_ / "rules.json";
  std::ofstream(rules) << R"({"segments": [{"segment": 1, "max_average": 1.5},
      {"segment": 2, "max_average": 2.5}, {"segment": 3, "max_average": 3.5},
      {"segment": 4, "max_average": null}], "financial_override": {"best_segment": 3},
      "metrics": [{"measure": "quality:smoking_status_recorded", "direction": "higher_is_better",
                   "scoring": "thresholds", "thresholds": [0.9, 0.6, 0.3]}]})";
  const nlohmann::json own =
      Json("oversight --json --month 2024-12 --segmentation " + rules.string());
  for (const nlohmann::json& ico : own["icos"]) {
    const nlohmann::json& m = ico["months"].back();
    ASSERT_EQ(m["scores"].size(), 1u);
    const double value = m["scores"][0]["value"];
    const int expected = value >= 0.9 ? 1 : value >= 0.6 ? 2 : value >= 0.3 ? 3 : 4;
    EXPECT_EQ(m["scores"][0]["score"], expected);
    EXPECT_EQ(m["segment"]["segment"], expected);
  }
  std::ofstream(rules) << R"({"segments": [], "financial_override": {"best_segment": 3},
                              "metrics": []})";
  CommandResult bad_rules = Continuum("oversight --segmentation " + rules.string() + ws_);
  EXPECT_EQ(bad_rules.exit_code, 2);
  EXPECT_NE(bad_rules.err.find("rules.json, field segments: must list segments 1, 2, 3 and 4"),
            std::string::npos)
      << bad_rules.err;

  CommandResult late = Continuum("oversight --month 2030-01" + ws_);
  EXPECT_EQ(late.exit_code, 2);
  EXPECT_NE(late.err.find("--month 2030-01: the data cover whole months from"), std::string::npos)
      << late.err;
  CommandResult ico = Continuum("oversight --commissioner ZICO1" + ws_);
  EXPECT_EQ(ico.exit_code, 2);
  EXPECT_NE(ico.err.find("--commissioner 'ZICO1': not a commissioner"), std::string::npos);
  CommandResult twice = Continuum("oversight --contract " + ContractOf("ZICO1") + " --contract " +
                                  ContractOf("ZICO1") + ws_);
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("nelson_vale.json, field ico: 'ZICO1' already has a contract"),
            std::string::npos)
      << twice.err;
}

}  // namespace
}  // namespace continuum
