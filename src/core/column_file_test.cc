#include "core/column_file.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace continuum {
namespace {

TEST(ColumnFile, GivesBackEveryValueInOrderAcrossBlocks) {
  auto column = ColumnFile<int32_t>::Create(testing::TempDir());
  ASSERT_TRUE(column.ok()) << column.status().message();
  const int32_t n = 700'000;  // almost three blocks of 1 MiB
  for (int32_t i = 0; i < n; ++i) column->push_back(i * 3);
  EXPECT_EQ(column->size(), static_cast<size_t>(n));
  int64_t next = 0;
  size_t blocks = 0;
  ASSERT_TRUE(column
                  ->ForEachBlock([&](std::span<const int32_t> block) {
                    ++blocks;
                    for (int32_t v : block) EXPECT_EQ(v, 3 * next++);
                    return Status::Ok();
                  })
                  .ok());
  EXPECT_EQ(next, n);
  EXPECT_EQ(blocks, 3u);
  std::vector<int32_t> some(5);
  ASSERT_TRUE(column->Read(262'143, some).ok());
  EXPECT_EQ(some[0], 262'143 * 3);
  auto all = column->TakeAll();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), static_cast<size_t>(n));
  EXPECT_EQ((*all)[n - 1], 3 * (n - 1));
  EXPECT_EQ(column->size(), 0u);
}

TEST(ColumnFile, LeavesNoFileBehind) {
  const std::string folder = testing::TempDir() + "/column_file_test";
  std::filesystem::remove_all(folder);
  std::filesystem::create_directories(folder);
  {
    auto column = ColumnFile<uint8_t>::Create(folder);
    ASSERT_TRUE(column.ok());
    column->push_back(1);
    EXPECT_TRUE(std::filesystem::is_empty(folder));
  }
  EXPECT_TRUE(std::filesystem::is_empty(folder));
  EXPECT_FALSE(ColumnFile<uint8_t>::Create(folder + "/missing").ok());
}

}  // namespace
}  // namespace continuum
