// The HTTP edge on a real socket, with a handler of its own: what only the adapter decides.
#include "server/http_adapter.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <string>
#include <thread>
#include <vector>

namespace continuum {
namespace {

// Sends each request on one connection in turn, reading its answer (up to 5 s) before the next.
std::string Converse(int port, const std::vector<std::string>& requests) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  ::inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return "";
  }
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

}  // namespace
}  // namespace continuum
