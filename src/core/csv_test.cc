#include "core/csv.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace continuum {
namespace {

std::vector<std::vector<std::string>> ReadAll(const std::string& text, Status* status) {
  CsvFile file = CsvFile::FromText("t.csv", text);
  CsvCursor cursor(file);
  std::vector<std::string_view> fields;
  std::vector<std::vector<std::string>> rows;
  while (cursor.Next(&fields)) rows.emplace_back(fields.begin(), fields.end());
  *status = cursor.status();
  return rows;
}

TEST(Csv, ReadsPlainAndQuotedFields) {
  Status status;
  auto rows = ReadAll("a,b,c\n1,,\"x, \"\"y\"\"\"\n\"multi\nline\",2,3\n", &status);
  ASSERT_TRUE(status.ok()) << status.message();
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "", "x, \"y\""}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"multi\nline", "2", "3"}));
}

TEST(Csv, CountsLinesAcrossQuotedLineBreaks) {
  CsvFile file = CsvFile::FromText("t.csv", "h\n\"a\nb\"\nc\n");
  CsvCursor cursor(file);
  std::vector<std::string_view> f;
  ASSERT_TRUE(cursor.Next(&f));
  EXPECT_EQ(cursor.line(), 1);
  ASSERT_TRUE(cursor.Next(&f));
  EXPECT_EQ(cursor.line(), 2);
  ASSERT_TRUE(cursor.Next(&f));
  EXPECT_EQ(cursor.line(), 4);
}

TEST(Csv, ReportsTruncationAndBadQuotes) {
  Status status;
  ReadAll("a,b\n1,2", &status);
  EXPECT_EQ(status.message(), "the file ends without a line break; it may be truncated");
  ReadAll("a,b\n\"1,2\n", &status);
  EXPECT_NE(status.message().find("never closed"), std::string::npos);
  ReadAll("a,b\n1\"x,2\n", &status);
  EXPECT_NE(status.message().find("quote inside"), std::string::npos);
}

TEST(Csv, SkipsAByteOrderMark) {
  Status status;
  auto rows = ReadAll(
      "\xEF\xBB\xBF"
      "a,b\n1,2\n",
      &status);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"a", "b"}));
}

TEST(Csv, AcceptsCrLf) {
  Status status;
  auto rows = ReadAll("a,b\r\n1,2\r\n", &status);
  ASSERT_TRUE(status.ok());
  EXPECT_EQ(rows[1], (std::vector<std::string>{"1", "2"}));
}

TEST(Csv, ValidatesUtf8) {
  size_t bad = 0;
  EXPECT_TRUE(IsValidUtf8("plain ascii, Zoë, ✓, 𝄞", &bad));
  EXPECT_FALSE(IsValidUtf8(std::string("ab\xff", 3), &bad));
  EXPECT_EQ(bad, 2u);
  EXPECT_FALSE(IsValidUtf8(std::string("\xc3", 1), &bad));          // truncated sequence
  EXPECT_FALSE(IsValidUtf8(std::string("\xc0\xaf", 2), &bad));      // overlong
  EXPECT_FALSE(IsValidUtf8(std::string("\xed\xa0\x80", 3), &bad));  // surrogate
}

TEST(Csv, WriterQuotesAndRenamesOnClose) {
  const std::string path = testing::TempDir() + "/writer_test.csv";
  std::filesystem::remove(path);
  auto writer = CsvWriter::Create(path);
  ASSERT_TRUE(writer.ok());
  (*writer)->Field("a,b");
  (*writer)->Field(int64_t{42});
  (*writer)->Field("say \"hi\"");
  (*writer)->EndRow();
  EXPECT_FALSE(std::filesystem::exists(path));
  ASSERT_TRUE((*writer)->Close().ok());
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), {});
  EXPECT_EQ(content, "\"a,b\",42,\"say \"\"hi\"\"\"\n");
}

TEST(Csv, ReleasedTextReadsTheSame) {
  const std::string path = testing::TempDir() + "/release_test.csv";
  std::string text;
  for (int i = 0; i < 5000; ++i) text += std::to_string(i) + ",some text\n";
  std::ofstream(path) << text;
  auto file = CsvFile::Read(path);
  ASSERT_TRUE(file.ok());
  CsvCursor cursor(*file);
  std::vector<std::string_view> fields;
  int rows = 0;
  while (cursor.Next(&fields)) {
    EXPECT_EQ(fields[0], std::to_string(rows++));
    file->Release(static_cast<size_t>(cursor.raw_row().data() - file->text().data()));
  }
  EXPECT_EQ(rows, 5000);
  file->Release(text.size());
  EXPECT_EQ(file->text(), text);  // pages handed back are read again from the file
}

}  // namespace
}  // namespace continuum
