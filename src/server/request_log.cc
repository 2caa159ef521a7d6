#include "server/request_log.h"

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>

namespace continuum {
namespace {

constexpr size_t kLongestField = 200;     // a longer route or note is cut, marked with "..."
constexpr size_t kMostPending = 8 << 20;  // bytes of lines waiting to be written

// Printable ASCII passes; anything else (a control character, a space, a byte of UTF-8 or of
// nothing) becomes %XX, so a client cannot start a line or a field of its own.
std::string Escaped(std::string_view text, bool keep_spaces) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text.substr(0, kLongestField)) {
    if ((c > 0x20 && c < 0x7F && c != '%') || (keep_spaces && c == ' ')) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  if (text.size() > kLongestField) out += "...";
  return out;
}

std::string UtcMillis(int64_t unix_ms) {
  const std::time_t seconds = static_cast<std::time_t>(unix_ms / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[80];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(unix_ms % 1000));
  return text;
}

}  // namespace

std::string FormatRequestLine(const RequestRecord& r) {
  char duration[32];
  std::snprintf(duration, sizeof duration, "%.2fms", static_cast<double>(r.duration_us) / 1000);
  std::string line = UtcMillis(r.started_ms) + " " + Escaped(r.method, false) + " " +
                     Escaped(r.route.empty() ? "-" : r.route, false) + " " +
                     std::to_string(r.status) + " " + duration + " " +
                     Escaped(r.user.empty() ? "-" : r.user, false);
  if (!r.note.empty()) line += " | " + Escaped(r.note, true);
  return line;
}

Result<std::unique_ptr<RequestLog>> RequestLog::Open(const std::string& path, std::FILE* console) {
  std::FILE* file = nullptr;
  if (!path.empty()) {
    file = std::fopen(path.c_str(), "a");
    if (file == nullptr)
      return Status::IoError("--log " + path +
                             ": cannot open for writing: " + std::strerror(errno));
  }
  return std::unique_ptr<RequestLog>(new RequestLog(console, file));
}

RequestLog::RequestLog(std::FILE* console, std::FILE* file)
    : console_(console), file_(file), writer_([this] { WriteOut(); }) {}

RequestLog::~RequestLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  writer_.join();
  if (file_ != nullptr) std::fclose(file_);
}

void RequestLog::Write(const RequestRecord& record) {
  std::string line = FormatRequestLine(record);
  line += '\n';
  std::lock_guard lock(mutex_);
  if (pending_.size() + line.size() > kMostPending) {
    ++dropped_;
    return;
  }
  pending_ += line;
}

void RequestLog::WriteOut() {
  std::string lines;
  for (bool last = false; !last;) {
    {
      std::unique_lock lock(mutex_);
      wake_.wait_for(lock, std::chrono::milliseconds(100), [&] { return stopping_; });
      last = stopping_;
      lines.swap(pending_);
      if (dropped_ > 0) {
        lines += std::to_string(dropped_) + " lines of the request log dropped: it is written " +
                 "more slowly than requests come\n";
        dropped_ = 0;
      }
    }
    if (lines.empty()) continue;
    for (std::FILE* out : {console_, file_}) {
      if (out == nullptr) continue;
      std::fwrite(lines.data(), 1, lines.size(), out);
      std::fflush(out);
    }
    lines.clear();
  }
}

}  // namespace continuum
