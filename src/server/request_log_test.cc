#include "server/request_log.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "generate/test_folder.h"

namespace continuum {
namespace {

TEST(RequestLog, OneLineWithTimeMethodRouteStatusDurationAndUser) {
  EXPECT_EQ(FormatRequestLine({.started_ms = 1'765'000'000'123,
                               .method = "GET",
                               .route = "/api/practices/{practice}/worklist",
                               .status = 200,
                               .duration_us = 1234,
                               .user = "asha"}),
            "2025-12-06T05:46:40.123Z GET /api/practices/{practice}/worklist 200 1.23ms asha");
  EXPECT_EQ(FormatRequestLine({.started_ms = 0,
                               .method = "POST",
                               .route = "/api/voice",
                               .status = 500,
                               .duration_us = 50,
                               .note = "the response was not recorded: disk I/O error"}),
            "1970-01-01T00:00:00.000Z POST /api/voice 500 0.05ms - | the response was not "
            "recorded: disk I/O error");
}

TEST(RequestLog, WhatAClientSentCannotStartALineOrAField) {
  const std::string line = FormatRequestLine(
      {.method = "GET", .route = "/api/x\xFF y\n2026 GET /forged", .status = 404});
  EXPECT_EQ(line, "1970-01-01T00:00:00.000Z GET /api/x%FF%20y%0A2026%20GET%20/forged 404 0.00ms -");
  const std::string note = FormatRequestLine({.method = "GET", .status = 500, .note = "a\nb"});
  EXPECT_EQ(note.find('\n'), std::string::npos);
}

TEST(RequestLog, WritesToTheConsoleAndAppendsToTheFile) {
  const std::string folder = TestFolder("request_log");
  std::filesystem::create_directories(folder);
  const std::string path = folder + "/serve.log";
  std::FILE* console = std::tmpfile();
  {
    auto log = RequestLog::Open(path, console);
    ASSERT_TRUE(log.ok()) << log.status().message();
    (*log)->Write({.method = "GET", .route = "/api/overview", .status = 200, .user = "board"});
  }
  auto again = RequestLog::Open(path, nullptr);
  ASSERT_TRUE(again.ok());
  (*again)->Write({.method = "GET", .route = "/", .status = 200});
  again->reset();
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_EQ(text.str(),
            "1970-01-01T00:00:00.000Z GET /api/overview 200 0.00ms board\n"
            "1970-01-01T00:00:00.000Z GET / 200 0.00ms -\n");
  std::rewind(console);
  char buffer[200] = "";
  EXPECT_NE(std::fgets(buffer, sizeof buffer, console), nullptr);
  EXPECT_STREQ(buffer, "1970-01-01T00:00:00.000Z GET /api/overview 200 0.00ms board\n");
  std::fclose(console);
  EXPECT_FALSE(RequestLog::Open("/nonexistent-dir/serve.log").ok());
}

}  // namespace
}  // namespace continuum
