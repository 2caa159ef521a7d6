// A workspace whose events' columns run past one block of the import's column files (1 MiB) opens
// from the snapshot the import wrote: the snapshot's checksum sums a column streamed block by
// block as the reader sums it whole.
#include <gtest/gtest.h>

#include "engine/engine.h"
#include "engine/import_with_snapshot.h"
#include "generate/generated_ico.h"
#include "generate/test_folder.h"

namespace continuum {
namespace {

TEST(Snapshot, EventColumnsLongerThanABlockOpenFromTheImportsSnapshot) {
  auto generated = GenerateAndLoad(TestFolder("snapshot-blocks"),
                                   {.patients = 12000, .practices = 2, .years = 2, .seed = 3});
  ASSERT_TRUE(generated.ok()) << generated.status().message();
  // More events than a block of 8-byte ids (131,072) and of 4-byte days (262,144).
  ASSERT_GT((*generated)->population().events.size(), 300000u);
  // Imported as `continuum import` does, the events kept in column files until the snapshot.
  const std::string path = ((*generated)->folder / "again.db").string();
  auto workspace = Workspace::Open(path, Workspace::kCreate);
  ASSERT_TRUE(workspace.ok()) << workspace.status().message();
  auto report = ImportWithSnapshot(((*generated)->folder / "data").string(), **workspace, {});
  ASSERT_TRUE(report.ok() && report->committed);
  auto engine = Engine::Open(**workspace);
  ASSERT_TRUE(engine.ok()) << engine.status().message();
  EXPECT_TRUE((*engine)->from_snapshot());
  EXPECT_EQ((*engine)->population().events.size(), (*generated)->population().events.size());
}

}  // namespace
}  // namespace continuum
