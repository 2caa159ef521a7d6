// The HTTP edge on a real socket, with a handler of its own: what only the adapter decides.
#include "server/http_adapter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace continuum {
namespace {

int Connect(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

void Send(int fd, const std::string& text) {
  (void)!::send(fd, text.data(), text.size(), MSG_NOSIGNAL);
}

// Everything the server sends until it closes the connection or `seconds` pass.
std::string ReadUntilClosed(int fd, int seconds) {
  std::string got;
  char buffer[4096];
  pollfd p{fd, POLLIN, 0};
  const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  while (std::chrono::steady_clock::now() < end && ::poll(&p, 1, 100) >= 0) {
    if (!(p.revents & (POLLIN | POLLHUP | POLLERR))) continue;
    const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    got.append(buffer, static_cast<size_t>(n));
  }
  return got;
}

// A server on a free loopback port with its own handler, serving until the test ends.
struct Running {
  explicit Running(HttpServer::Handler handler, HttpServer::Options options = {})
      : server(std::move(handler)) {
    options.host = "127.0.0.1";
    options.port = 0;
    Result<int> bound = server.Bind(options);
    EXPECT_TRUE(bound.ok()) << bound.status().message();
    port = bound.ok() ? *bound : -1;
    serving = std::thread([this] { (void)server.Serve(); });
  }
  ~Running() {
    server.Stop();
    serving.join();
  }
  HttpServer server;
  int port;
  std::thread serving;
};

HttpResponse Ok(const HttpRequest&) { return JsonResponse(200, std::string("{}")); }

// Every answer, the library's own too, carries the security headers and the JSON error shape.
void ExpectSecureJsonError(const std::string& got, int status) {
  EXPECT_EQ(got.rfind("HTTP/1.1 " + std::to_string(status), 0), 0u) << got.substr(0, 200);
  EXPECT_NE(got.find("{\"error\":{\"code\":" + std::to_string(status)), std::string::npos)
      << got.substr(0, 400);
  for (const char* header : {"X-Content-Type-Options: nosniff", "X-Frame-Options: DENY",
                             "Content-Security-Policy: ", "Cache-Control: no-store"})
    EXPECT_NE(got.find(header), std::string::npos) << header << " missing: " << got.substr(0, 400);
}

// Sends each request on one connection in turn, reading its answer (up to 5 s) before the next.
std::string Converse(int port, const std::vector<std::string>& requests) {
  const int fd = Connect(port);
  if (fd < 0) return "";
  std::string got;
  auto answers = [&] {
    size_t n = 0;
    for (size_t at = got.find("HTTP/1.1 "); at != std::string::npos;
         at = got.find("HTTP/1.1 ", at + 1))
      ++n;
    return n;
  };
  // Whether the last answer has come whole: its headers, then Content-Length bytes of body.
  auto whole = [&] {
    const size_t start = got.rfind("HTTP/1.1 ");
    const size_t end = got.find("\r\n\r\n", start);
    if (end == std::string::npos) return false;
    const size_t length = got.find("Content-Length: ", start);
    const size_t body = length < end ? std::stoul(got.substr(length + 16)) : 0;
    return got.size() >= end + 4 + body;
  };
  for (size_t k = 0; k < requests.size(); ++k) {
    (void)!::write(fd, requests[k].data(), requests[k].size());
    pollfd p{fd, POLLIN, 0};
    char buffer[4096];
    while ((answers() < k + 1 || !whole()) && ::poll(&p, 1, 5000) > 0) {
      const ssize_t n = ::read(fd, buffer, sizeof buffer);
      if (n <= 0) break;
      got.append(buffer, static_cast<size_t>(n));
    }
  }
  ::close(fd);
  return got;
}

TEST(HttpServer, ABodilessAnswerLeavesAKeptAliveConnectionServing) {
  HttpServer server([](const HttpRequest& r) {
    if (r.path == "/unchanged") {
      HttpResponse not_modified;
      not_modified.status = 304;
      return not_modified;
    }
    return JsonResponse(200, std::string("{\"path\":\"") + r.path + "\"}");
  });
  Result<int> port = server.Bind({.host = "127.0.0.1", .port = 0});
  ASSERT_TRUE(port.ok()) << port.status().message();
  std::thread serving([&] { (void)server.Serve(); });
  const std::string got = Converse(*port, {"GET /unchanged HTTP/1.1\r\nHost: t\r\n\r\n",
                                           "GET /after HTTP/1.1\r\nHost: t\r\n\r\n"});
  EXPECT_NE(got.find("HTTP/1.1 304"), std::string::npos) << got;
  EXPECT_NE(got.find("{\"path\":\"/after\"}"), std::string::npos) << got;
  server.Stop();
  serving.join();
}

TEST(HttpServer, AMalformedRequestGetsAJsonError) {
  HttpServer server([](const HttpRequest&) { return JsonResponse(200, std::string("{}")); });
  Result<int> port = server.Bind({.host = "127.0.0.1", .port = 0});
  ASSERT_TRUE(port.ok()) << port.status().message();
  std::thread serving([&] { (void)server.Serve(); });
  const std::string got = Converse(*port, {"NONSENSE\r\n\r\n"});
  EXPECT_NE(got.find("HTTP/1.1 400"), std::string::npos) << got;
  EXPECT_NE(got.find("{\"error\":{\"code\":400"), std::string::npos) << got;
  server.Stop();
  serving.join();
}

TEST(HttpServer, AChunkedBodyOverTheLimitIsRefusedWithoutBeingReadWhole) {
  std::atomic<int> handled = 0;
  Running r([&](const HttpRequest& request) {
    ++handled;
    return Ok(request);
  });
  const int fd = Connect(r.port);
  ASSERT_GE(fd, 0);
  Send(fd,
       "POST /api/login HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
       "Transfer-Encoding: chunked\r\n\r\n");
  // 8 MiB in chunks of 64 KiB, sent while the answer is read.
  std::thread sender([fd] {
    const std::string chunk = "10000\r\n" + std::string(1 << 16, 'x') + "\r\n";
    for (int k = 0; k < 128; ++k) {
      if (::send(fd, chunk.data(), chunk.size(), MSG_NOSIGNAL) < 0) return;
    }
    Send(fd, "0\r\n\r\n");
  });
  const std::string got = ReadUntilClosed(fd, 20);
  ::shutdown(fd, SHUT_RDWR);
  sender.join();
  ::close(fd);
  ExpectSecureJsonError(got, 413);
  EXPECT_EQ(handled, 0);
  EXPECT_LT(r.server.counters().bytes_read, 3 << 20);  // the limit and a little: never 8 MiB
}

TEST(HttpServer, TheLibrarysOwnRefusalsCarryTheSecurityHeaders) {
  Running r(Ok, {.max_body_bytes = 1000});
  int fd = Connect(r.port);
  Send(fd, "POST /x HTTP/1.1\r\nHost: t\r\nContent-Length: 5000\r\n\r\n");
  ExpectSecureJsonError(ReadUntilClosed(fd, 5), 413);
  ::close(fd);
  fd = Connect(r.port);
  Send(fd, "GET /" + std::string(9000, 'a') + " HTTP/1.1\r\nHost: t\r\n\r\n");
  ExpectSecureJsonError(ReadUntilClosed(fd, 5), 414);
  ::close(fd);
  fd = Connect(r.port);
  Send(fd, "NONSENSE\r\n\r\n");
  ExpectSecureJsonError(ReadUntilClosed(fd, 5), 400);
  ::close(fd);
}

TEST(HttpServer, ASlowSenderIsCutOffAtTheDeadline) {
  std::atomic<int> handled = 0;
  Running r(
      [&](const HttpRequest& request) {
        ++handled;
        return Ok(request);
      },
      {.request_deadline_ms = 3000});
  const int fd = Connect(r.port);
  ASSERT_GE(fd, 0);
  const auto start = std::chrono::steady_clock::now();
  Send(fd, "GET /slow HTTP/1.1\r\n");
  // One header line every 2 s, each within any per-read timeout, for 10 s.
  std::string got;
  for (int k = 0; k < 5 && got.empty(); ++k) {
    got = ReadUntilClosed(fd, 2);
    if (got.empty()) Send(fd, "X-Slow-" + std::to_string(k) + ": 1\r\n");
  }
  if (got.empty()) {
    Send(fd, "\r\n");
    got = ReadUntilClosed(fd, 2);
  }
  got += ReadUntilClosed(fd, 1);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ::close(fd);
  ExpectSecureJsonError(got, 408);
  EXPECT_EQ(handled, 0);
  EXPECT_LT(seconds, 5.0);
}

TEST(HttpServer, EachAnswerIsLoggedWithItsRouteUserAndCause) {
  std::mutex mutex;
  std::vector<RequestRecord> records;
  HttpServer::Options options;
  options.on_answer = [&](const RequestRecord& record) {
    std::lock_guard lock(mutex);
    records.push_back(record);
  };
  Running r(
      [](const HttpRequest& request) {
        if (request.path == "/fail") throw std::runtime_error("the disk is full");
        HttpResponse answer = JsonResponse(200, std::string("{}"));
        answer.log_route = "/things/{id}";
        answer.log_user = "asha";
        return answer;
      },
      options);
  ASSERT_TRUE(HttpCall("127.0.0.1", r.port, "GET", "/things/7?token=secret").ok());
  Result<HttpReply> failed = HttpCall("127.0.0.1", r.port, "GET", "/fail");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->status, 500);
  EXPECT_EQ(failed->Header("x-content-type-options"), "nosniff");
  const int fd = Connect(r.port);
  Send(fd, "NONSENSE\r\n\r\n");
  ReadUntilClosed(fd, 5);
  ::close(fd);
  // Each is reported once its answer is sent: a moment after the client has it, and not
  // necessarily in the order asked.
  for (int k = 0; k < 200; ++k) {
    if (std::lock_guard lock(mutex); records.size() >= 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  std::lock_guard lock(mutex);
  ASSERT_EQ(records.size(), 3u);
  std::sort(records.begin(), records.end(),
            [](const RequestRecord& a, const RequestRecord& b) { return a.status < b.status; });
  std::swap(records[1], records[2]);  // 200, 500, 400
  EXPECT_EQ(records[0].method, "GET");
  EXPECT_EQ(records[0].route, "/things/{id}");
  EXPECT_EQ(records[0].status, 200);
  EXPECT_EQ(records[0].user, "asha");
  EXPECT_GT(records[0].started_ms, 1'700'000'000'000);
  EXPECT_EQ(FormatRequestLine(records[0]).find("secret"), std::string::npos);
  EXPECT_EQ(records[1].route, "/fail");
  EXPECT_EQ(records[1].status, 500);
  EXPECT_EQ(records[1].note, "exception: the disk is full");
  EXPECT_EQ(records[2].status, 400);
}

TEST(HttpServer, APortInUseIsRefusedNotShared) {
  Running first(Ok);
  HttpServer second(Ok);
  Result<int> bound = second.Bind({.host = "127.0.0.1", .port = first.port});
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.status().code(), StatusCode::kIoError);
  EXPECT_EQ(bound.status().message(),
            "port " + std::to_string(first.port) + " is already in use (another continuum serve?)");
}

}  // namespace
}  // namespace continuum
