// A synthetic ICO generated into a scratch folder, imported into a workspace there and loaded
// into the engine, for the tests that look for what the generator planted. Header-only, so that
// the generator's own library needs nothing of the store or the engine; the tests that include
// it link them. The folder is removed when the ICO goes.
//
//   auto ico = GenerateAndLoad(TestFolder("quality_truth"), options);
//   ASSERT_TRUE(ico.ok()) << ico.status().message();
//   const Population& p = (*ico)->population();
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "engine/engine.h"
#include "generate/generator.h"
#include "ingest/importer.h"
#include "store/workspace.h"

namespace continuum {

struct GeneratedIco {
  std::filesystem::path folder;  // data/ (the CSV files) and w.db (the workspace)
  std::unique_ptr<Workspace> workspace;
  std::unique_ptr<Engine> engine;

  const Population& population() const { return engine->population(); }
  ~GeneratedIco() {
    engine.reset();
    workspace.reset();
    std::filesystem::remove_all(folder);
  }
};

inline Result<std::unique_ptr<GeneratedIco>> GenerateAndLoad(const std::string& folder,
                                                             const GeneratorOptions& options) {
  auto ico = std::make_unique<GeneratedIco>();
  ico->folder = folder;
  const std::string data = (ico->folder / "data").string();
  auto generated = GenerateIco(options, data);
  if (!generated.ok()) return generated.status();
  auto workspace = Workspace::Open((ico->folder / "w.db").string(), Workspace::kCreate);
  if (!workspace.ok()) return workspace.status();
  ico->workspace = std::move(*workspace);
  auto imported = ImportFolder(data, *ico->workspace, {});
  if (!imported.ok()) return imported.status();
  if (!imported->committed) {
    return Status::Internal(
        "the generated ICO did not import cleanly: " +
        (imported->issues.empty() ? std::string("no issue") : FormatIssue(imported->issues[0])));
  }
  auto engine = Engine::Open(*ico->workspace);
  if (!engine.ok()) return engine.status();
  ico->engine = std::move(*engine);
  return ico;
}

}  // namespace continuum
