#include "stats/design_matrix.h"

#include <gtest/gtest.h>

#include <cmath>

namespace continuum {
namespace {

TEST(DesignMatrix, RowsHoldTheirNonZeroEntriesByColumn) {
  DesignMatrix x({"a", "b", "c"});
  x.Add(2, 3.5f);
  x.Add(0);
  x.Add(1, 0);  // zero: not stored
  x.EndRow();
  x.EndRow();  // a row with no features
  x.Add(1, -1);
  x.EndRow();
  ASSERT_EQ(x.rows(), 3u);
  EXPECT_EQ(x.columns(), 3u);
  EXPECT_EQ(x.entries(), 3u);
  EXPECT_EQ(x.column_names()[2], "c");
  const DesignMatrix::RowView first = x.Row(0);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first.column(0), 0u);
  EXPECT_EQ(first.value(0), 1.0f);
  EXPECT_EQ(first.column(1), 2u);
  EXPECT_EQ(first.value(1), 3.5f);
  EXPECT_EQ(x.Row(1).size(), 0u);
  float sum = 0;
  for (const auto [column, value] : x.Row(2)) sum += column * value;
  EXPECT_EQ(sum, -1.0f);
  EXPECT_EQ(std::vector<uint64_t>(x.row_starts().begin(), x.row_starts().end()),
            (std::vector<uint64_t>{0, 2, 2, 3}));
  EXPECT_TRUE(x.CheckFinite().ok());
}

TEST(DesignMatrix, CheckFiniteNamesTheRowAndColumn) {
  DesignMatrix x({"age", "log_admissions"});
  x.Add(0);
  x.EndRow();
  x.Add(1, NAN);
  x.Add(0);
  x.EndRow();
  const Status status = x.CheckFinite();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kInvalidInput);
  EXPECT_EQ(status.message(), "row 1, column log_admissions: nan is not a finite number");
}

}  // namespace
}  // namespace continuum
