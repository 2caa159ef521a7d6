#include "fuzz_support.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>

#include "core/csv.h"
#include "core/quoted.h"
#include "ingest/importer.h"

namespace continuum {
namespace {

[[noreturn]] void Fail(std::string_view why, std::string_view text) {
  std::fprintf(stderr, "fuzz check failed: %.*s (%zu bytes): %s\n", static_cast<int>(why.size()),
               why.data(), text.size(), Printable(text.substr(0, 4096)).c_str());
  std::abort();
}

}  // namespace

void CheckMessage(const Status& status) {
  if (!status.ok()) CheckMessage(status.message());
}

void CheckMessage(std::string_view message) {
  if (message.empty()) Fail("an error without a message", message);
  if (message.size() > kMostMessageBytes) Fail("a message longer than 16 KB", message);
  CheckUtf8(message);
  size_t at = 0;
  for (size_t from = 0; from < message.size(); from = at + 1) {
    const std::string_view rest = message.substr(from);
    if (!HasControlCharacter(rest, &at)) return;
    at += from;
    if (message[at] != '\n') Fail("a control character in a message", message);
  }
}

void CheckUtf8(std::string_view text) {
  size_t bad = 0;
  if (!IsValidUtf8(text, &bad)) Fail("bytes that are not UTF-8", text);
}

const std::vector<Survey>& Surveys() {
  static const auto* surveys = [] {
    auto shipped = ShippedSurveys();
    if (!shipped.ok()) std::abort();
    return new std::vector<Survey>(std::move(*shipped));
  }();
  return *surveys;
}

FixtureIco& Fixture() {
  static FixtureIco* fixture = [] {
    auto* f = new FixtureIco;
    f->folder =
        (std::filesystem::temp_directory_path() / ("continuum_fuzz_" + std::to_string(getpid())))
            .string();
    std::filesystem::remove_all(f->folder);
    std::filesystem::create_directories(f->folder);
    auto die = [](const Status& s) {
      std::fprintf(stderr, "the fuzz fixture failed: %s\n", s.message().c_str());
      std::abort();
    };
    auto workspace = Workspace::Open(f->folder + "/w.db", Workspace::kCreate);
    if (!workspace.ok()) die(workspace.status());
    f->workspace = std::move(*workspace);
    auto imported = ImportFolder(std::string(CONTINUUM_SOURCE_DIR) + "/tests/cases/import/valid",
                                 *f->workspace, {});
    if (!imported.ok()) die(imported.status());
    if (!imported->committed) die(Status::Internal("the fixture did not import"));
    auto engine = Engine::Open(*f->workspace);
    if (!engine.ok()) die(engine.status());
    f->engine = std::move(*engine);
    const Population& p = f->engine->population();
    for (uint32_t o = 0; o < p.organisations.size(); ++o) {
      if (p.organisations.kind[o] == static_cast<uint8_t>(OrgKind::kIco)) f->ico = o;
    }
    // The scratch folder goes when the process does.
    std::atexit([] { std::filesystem::remove_all(Fixture().folder); });
    return f;
  }();
  return *fixture;
}

}  // namespace continuum
