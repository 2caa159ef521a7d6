#include "store/row_blocks.h"

#include <gtest/gtest.h>

namespace continuum {
namespace {

// Four rows of (id, count, label), the second skipped, the last with no label.
struct Fixture {
  std::vector<std::string_view> fields = {
      "7", "-3", "plain", "8", "1", "x", "9", "", "quote \" back \\ tab \t", "10", "4", ""};
  std::vector<int64_t> numbers = {7, -3, 0, 8, 1, 0, 9, 0, 0, 10, 4, 0};
  std::vector<int32_t> skip = {-1, 0, -1, -1};
  std::vector<bool> as_integer = {true, true, false};
  RowsToStore rows() const {
    return {.columns = 3,
            .rows = 4,
            .fields = fields.data(),
            .numbers = numbers.data(),
            .skip = skip.data(),
            .as_integer = &as_integer};
  }
};

TEST(RowBlocks, RowsComeBackAsTheyWereStored) {
  Fixture f;
  RowsJson written;
  const BlockKeys keys = AppendRowsJson(f.rows(), {}, &written);
  const std::string_view json = written.text();
  EXPECT_EQ(json, R"([[7,-3,"plain"],[9,null,"quote \" back \\ tab \u0009"],[10,4]])");
  EXPECT_EQ(keys.first, 7);
  EXPECT_EQ(keys.last, 10);
  EXPECT_EQ(keys.rows, 3);

  DecodedRows rows;
  ASSERT_TRUE(DecodeRowsJson(json, 3, {}, &rows).ok());
  ASSERT_EQ(rows.rows, 3u);
  EXPECT_EQ(rows.values[8].kind, DecodedValue::kNull);
  EXPECT_EQ(rows.values[7].number, 4);
  EXPECT_EQ(rows.values[0].number, 7);
  EXPECT_EQ(rows.values[1].number, -3);
  EXPECT_EQ(rows.values[2].text, "plain");
  EXPECT_EQ(rows.values[3].number, 9);
  EXPECT_EQ(rows.values[4].kind, DecodedValue::kNull);
  EXPECT_EQ(rows.values[5].kind, DecodedValue::kText);
  EXPECT_EQ(rows.values[5].text, "quote \" back \\ tab \t");
}

TEST(RowBlocks, ValuesAreKeptInTheOrderAskedForAndReadBackByColumn) {
  Fixture f;
  const uint8_t order[] = {0, 2, 1};  // id, label, count
  RowsJson written;
  AppendRowsJson(f.rows(), order, &written);
  EXPECT_EQ(written.text(), R"([[7,"plain",-3],[9,"quote \" back \\ tab \u0009"],[10,null,4]])");
  DecodedRows rows;
  ASSERT_TRUE(DecodeRowsJson(written.text(), 3, order, &rows).ok());
  ASSERT_EQ(rows.rows, 3u);
  EXPECT_EQ(rows.values[1].number, -3);
  EXPECT_EQ(rows.values[2].text, "plain");
  EXPECT_EQ(rows.values[4].kind, DecodedValue::kNull);
  EXPECT_EQ(rows.values[5].text, "quote \" back \\ tab \t");
  EXPECT_EQ(rows.values[7].number, 4);
  EXPECT_EQ(rows.values[8].kind, DecodedValue::kNull);
}

TEST(RowBlocks, AnyJsonWriterIsUnderstood) {
  DecodedRows rows;
  ASSERT_TRUE(
      DecodeRowsJson(" [ [1 , \"caf\\u00e9 \\ud83d\\ude00\\/\"] ,\n[2,null] ] ", 2, {}, &rows)
          .ok());
  ASSERT_EQ(rows.rows, 2u);
  EXPECT_EQ(rows.values[1].text, "caf\xC3\xA9 \xF0\x9F\x98\x80/");
  EXPECT_EQ(rows.values[2].number, 2);
  ASSERT_TRUE(DecodeRowsJson("[]", 2, {}, &rows).ok());
  EXPECT_EQ(rows.rows, 0u);
}

TEST(RowBlocks, DamageIsNamedWithWhereItIs) {
  DecodedRows rows;
  for (const char* bad : {"", "[", "[[]]", "[[1,]]", "[[1,2,3]]", "[[1,2]", "[[1,2]] x",
                          "[[1.5,2]]", "[[1,\"open]]", "[[1,\"\\q\"]]", "[[1,\"\\ud800\"]]",
                          "[[1,nul]]", "[[99999999999999999999,1]]", "[[1,true]]"}) {
    const Status status = DecodeRowsJson(bad, 2, {}, &rows);
    EXPECT_EQ(status.code(), StatusCode::kCorrupt) << bad;
    EXPECT_NE(status.message().find("at byte"), std::string::npos) << status.message();
  }
}

}  // namespace
}  // namespace continuum
