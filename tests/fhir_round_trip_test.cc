// FHIR round trips through build/continuum on a generated ICO: CSV import, FHIR export, FHIR
// import into a second workspace; the two workspaces must hold the same rows and give the same
// reports (docs/fhir.md).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <vector>

#include "model/schema.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct CommandRun {
  int exit_code;
  std::string out, err;
};

CommandRun Continuum(const fs::path& dir, const std::string& args) {
  static int counter = 0;
  const fs::path out = dir / ("run" + std::to_string(counter) + ".out");
  const fs::path err = dir / ("run" + std::to_string(counter++) + ".err");
  const std::string command =
      std::string(CONTINUUM_BINARY) + " " + args + " >" + out.string() + " 2>" + err.string();
  const int status = std::system(command.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, ReadText(out), ReadText(err)};
}

std::vector<std::string> SortedLines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::sort(lines.begin(), lines.end());
  return lines;
}

class FhirRoundTrip : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::path(testing::TempDir()) / ("fhir_round_trip_" + std::to_string(getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    // Two ICOs under one commissioner with a control practice: every table, memberships too.
    Step("generate --out " + (dir_ / "data").string() +
         " --patients 4000 --practices 2 --icos 2 --commissioners 1 --control-practices 1 "
         "--years 3");
    Step("import " + (dir_ / "data").string() + " --workspace " + Csv());
    Step("export --format fhir --workspace " + Csv() + " --out " + (dir_ / "fhir").string());
    Step("import --format fhir " + (dir_ / "fhir").string() + " --workspace " + Fhir());
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static void Step(const std::string& args) {
    const CommandRun run = Continuum(dir_, args);
    ASSERT_EQ(run.exit_code, 0) << "continuum " << args << "\n" << run.out << run.err;
  }
  static std::string Csv() { return (dir_ / "csv.db").string(); }
  static std::string Fhir() { return (dir_ / "fhir.db").string(); }

  // A report on both workspaces, the workspace's own path and the time taken blanked.
  static void SameReport(const std::string& args) {
    CommandRun csv = Continuum(dir_, args + " --workspace " + Csv());
    CommandRun fhir = Continuum(dir_, args + " --workspace " + Fhir());
    ASSERT_EQ(csv.exit_code, 0) << args << csv.err;
    ASSERT_EQ(fhir.exit_code, 0) << args << fhir.err;
    for (auto [run, path] : {std::pair{&csv, Csv()}, {&fhir, Fhir()}}) {
      for (size_t at; (at = run->out.find(path)) != std::string::npos;) {
        run->out.replace(at, path.size(), "WORKSPACE");
      }
      run->out =
          std::regex_replace(run->out, std::regex("\"seconds\": [0-9.e+-]+"), "\"seconds\": 0");
    }
    EXPECT_EQ(csv.out, fhir.out) << args;
    EXPECT_GT(csv.out.size(), 100u) << args;
  }

  static fs::path dir_;
};

fs::path FhirRoundTrip::dir_;

TEST_F(FhirRoundTrip, EveryTableHoldsTheSameRows) {
  Step("export --workspace " + Csv() + " --out " + (dir_ / "from_csv").string());
  Step("export --workspace " + Fhir() + " --out " + (dir_ / "from_fhir").string());
  for (const TableSpec& table : Tables()) {
    const std::string csv = ReadText(dir_ / "from_csv" / table.file);
    const std::string fhir = ReadText(dir_ / "from_fhir" / table.file);
    EXPECT_GT(csv.size(), 60u) << table.file << " is empty: the round trip would prove nothing";
    // Deaths come back in the order of their patients; every other table in its own order.
    if (table.id == TableId::kDeaths) {
      EXPECT_EQ(SortedLines(csv), SortedLines(fhir)) << table.file;
    } else {
      EXPECT_EQ(csv, fhir) << table.file;
    }
  }
}

TEST_F(FhirRoundTrip, EveryReportGivesTheSameFigures) {
  const std::string source = CONTINUUM_SOURCE_DIR;
  SameReport("summary --json");
  SameReport("activity --csv");
  SameReport("budget --per-head 1600 --json");
  SameReport("monitor --contract " + source + "/data/contracts/nelson_vale.json --json");
  SameReport("settle --contract " + source + "/data/contracts/nelson_vale.json --json");
  SameReport("quality --ico ZICO1 --json");
  SameReport("pathways --ico ZICO2 --json");
  SameReport("risk --ico ZICO1 --json");
  SameReport("selection --json");
  SameReport("evaluate --plan " + source + "/data/evaluation/programme_plan.json --json");
}

TEST_F(FhirRoundTrip, TheSameResourcesAreNotImportedTwice) {
  const CommandRun again = Continuum(
      dir_, "import --format fhir " + (dir_ / "fhir").string() + " --workspace " + Fhir());
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(again.err.find("already imported"), std::string::npos) << again.err;
}

}  // namespace
}  // namespace continuum
