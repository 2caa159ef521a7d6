// The server's log: one line per answer sent, saying when the request came, its method, its
// route (the route's pattern, or the path without its query string), the status, how long it
// took and who asked, then why a 5xx failed or a sign-in lockout that began. Never a query
// string, a body, a token, a password or patient data: the fields are what the server chose to
// report, and anything a client sent is escaped so that one request is always one line.
//
//   auto log = RequestLog::Open("serve.log");   // stderr and the file; "" for stderr alone
//   (*log)->Write({.method = "GET", .route = "/api/overview", .status = 200, ...});
//   // 2026-12-06T01:45:09.123Z GET /api/overview 200 0.41ms board
#pragma once

#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/status.h"

namespace continuum {

struct RequestRecord {
  int64_t started_ms = 0;  // unix milliseconds when the request's first byte came
  std::string method;
  std::string route;  // the route's pattern, or the path without its query string
  int status = 0;
  int64_t duration_us = 0;  // from the first byte of the request to the last of the answer
  std::string user;         // who asked (or signed in); empty when no one known
  std::string note;         // why a 5xx failed; a sign-in lockout that began
};

// The record as one line, without the line break.
std::string FormatRequestLine(const RequestRecord& record);

class RequestLog {
 public:
  // Writes to `console` (stderr unless told otherwise; may be null) and, when `path` is not
  // empty, appends to that file, created if need be. IoError naming the file if it cannot be.
  static Result<std::unique_ptr<RequestLog>> Open(const std::string& path,
                                                  std::FILE* console = stderr);
  ~RequestLog();
  RequestLog(const RequestLog&) = delete;
  RequestLog& operator=(const RequestLog&) = delete;

  // Safe from any thread and cheap: the line is handed to a writer thread, which writes what
  // has come every 100 ms (and the rest when the log goes), each line whole.
  void Write(const RequestRecord& record);

 private:
  RequestLog(std::FILE* console, std::FILE* file);
  void WriteOut();  // the writer thread

  std::FILE* console_;  // not owned
  std::FILE* file_;     // owned; null without --log
  std::mutex mutex_;
  std::condition_variable wake_;
  std::string pending_;  // lines not yet written
  int64_t dropped_ = 0;  // lines dropped while pending_ was full (the outputs too slow)
  bool stopping_ = false;
  std::thread writer_;
};

}  // namespace continuum
