// `continuum serve` as it is run: the real binary on a real workspace and port. A second server
// on a port in use stops at once with exit status 4, the finance pages report on the contract and
// scenarios stored in the workspace, and every survey response the server acknowledged (201) is
// in the workspace after the server is killed in the middle of a burst.
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "server/http_adapter.h"
#include "store/voice.h"
#include "store/workspace.h"

namespace continuum {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPassword = "serve-test password 1";

// Runs build/continuum through the shell, at most `seconds`; its exit status, and its stderr in
// `err` when given.
int RunContinuum(const std::string& args, int seconds = 600, std::string* err = nullptr) {
  const fs::path err_file =
      fs::path(testing::TempDir()) / ("serve_test_" + std::to_string(getpid()));
  const std::string command = "timeout " + std::to_string(seconds) + " " + CONTINUUM_BINARY + " " +
                              args + " >/dev/null 2>" + err_file.string();
  const int status = std::system(command.c_str());
  if (err != nullptr) {
    std::ifstream in(err_file);
    err->assign(std::istreambuf_iterator<char>(in), {});
  }
  fs::remove(err_file);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// A small ICO with a clinical lead, made once.
const std::string& TestWorkspace() {
  static const std::string ws = [] {
    const fs::path dir = fs::path(testing::TempDir()) / ("serve_" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    static const struct Removed {
      fs::path dir;
      ~Removed() { fs::remove_all(dir); }
    } removed{dir};
    const std::string data = (dir / "data").string(), ws = (dir / "w.db").string();
    EXPECT_EQ(RunContinuum("generate --patients 3000 --practices 3 --seed 3 --out " + data), 0);
    EXPECT_EQ(RunContinuum("import " + data + " --workspace " + ws), 0);
    std::ofstream((dir / "password").string()) << kPassword << "\n";
    EXPECT_EQ(RunContinuum("user add lead --role clinical_lead --organisation ZICO1 "
                           "--password-stdin --workspace " +
                           ws + " <" + (dir / "password").string()),
              0);
    return ws;
  }();
  return ws;
}

int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof a;
  ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &length);
  ::close(fd);
  return ntohs(a.sin_port);
}

// `continuum serve` on `port`, ready to answer; killed when the test ends.
class Server {
 public:
  explicit Server(int port, const std::string& workspace = TestWorkspace())  // made before the fork
      : port_(port) {
    pid_ = fork();
    if (pid_ == 0) {
      const std::string p = std::to_string(port);
      freopen("/dev/null", "w", stdout);
      freopen("/dev/null", "w", stderr);
      execl(CONTINUUM_BINARY, CONTINUUM_BINARY, "serve", "--workspace", workspace.c_str(), "--port",
            p.c_str(), "--web", "/nonexistent", nullptr);
      _exit(127);
    }
    for (int k = 0; k < 1200; ++k) {  // preparing the ICO takes seconds
      if (HttpCall("127.0.0.1", port, "GET", "/api/session").ok()) return;
      if (::waitpid(pid_, nullptr, WNOHANG) == pid_) {
        pid_ = 0;
        break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "the server did not start";
  }
  ~Server() { Kill(); }
  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = 0;
  }

 private:
  int port_;
  pid_t pid_ = 0;
};

TEST(Serve, ASecondServerOnAPortInUseStopsWithExitStatus4) {
  const int port = FreePort();
  Server first(port);
  std::string err;
  EXPECT_EQ(RunContinuum("serve --workspace " + TestWorkspace() + " --port " + std::to_string(port),
                         60, &err),
            4);
  EXPECT_NE(
      err.find("port " + std::to_string(port) + " is already in use (another continuum serve?)"),
      std::string::npos)
      << err;
  EXPECT_TRUE(HttpCall("127.0.0.1", port, "GET", "/api/session").ok());  // the first serves on
}

// The finance pages report on the contract and scenarios stored in the workspace when no file is
// named, as `make demo` serves them.
TEST(Serve, TheFinancePagesUseTheStoredContractAndScenarios) {
  const fs::path shared = TestWorkspace();
  const fs::path ws = shared.parent_path() / "finance.db";
  for (const char* suffix : {"", "-wal"})
    if (fs::exists(shared.string() + suffix))
      fs::copy_file(shared.string() + suffix, ws.string() + suffix,
                    fs::copy_options::overwrite_existing);
  const fs::path data = fs::path(CONTINUUM_SOURCE_DIR) / "data";
  ASSERT_EQ(RunContinuum("contract add " + (data / "contracts" / "nelson_vale.json").string() +
                         " --workspace " + ws.string()),
            0);
  ASSERT_EQ(
      RunContinuum("scenario add " + (data / "scenarios" / "nelson_vale_savings.json").string() +
                   " --workspace " + ws.string()),
      0);
  const int port = FreePort();
  Server server(port, ws.string());
  Result<HttpReply> login = HttpCall("127.0.0.1", port, "POST", "/api/login",
                                     json{{"username", "lead"}, {"password", kPassword}}.dump());
  ASSERT_TRUE(login.ok() && login->status == 200);
  const std::string cookie =
      login->Header("set-cookie").substr(0, login->Header("set-cookie").find(';'));
  Result<HttpReply> settlement = HttpCall(
      "127.0.0.1", port, "GET", "/api/icos/ZICO1/finance/settlement", "", {{"Cookie", cookie}});
  ASSERT_TRUE(settlement.ok());
  ASSERT_EQ(settlement->status, 200) << settlement->body;
  EXPECT_EQ(json::parse(settlement->body)["contract"], "Nelson Vale ICO risk share 2024-25");
  Result<HttpReply> scenarios = HttpCall(
      "127.0.0.1", port, "GET", "/api/icos/ZICO1/finance/scenarios", "", {{"Cookie", cookie}});
  ASSERT_TRUE(scenarios.ok());
  ASSERT_EQ(scenarios->status, 200) << scenarios->body;
  EXPECT_EQ(json::parse(scenarios->body)["scenarios"].size(), 1u) << scenarios->body;
}

// SQLite in WAL mode writes each commit to the log before the answer goes: a killed process
// loses nothing it acknowledged.
TEST(Serve, EveryAcknowledgedSurveyResponseSurvivesAKill) {
  const int port = FreePort();
  Server server(port);
  Result<HttpReply> login = HttpCall("127.0.0.1", port, "POST", "/api/login",
                                     json{{"username", "lead"}, {"password", kPassword}}.dump());
  ASSERT_TRUE(login.ok() && login->status == 200);
  const std::string cookie =
      login->Header("set-cookie").substr(0, login->Header("set-cookie").find(';'));
  const std::string csrf = json::parse(login->body)["csrf_token"];
  const json form = json::parse(
      HttpCall("127.0.0.1", port, "GET", "/api/icos/ZICO1/voice", "", {{"Cookie", cookie}})->body);
  const std::string practice = form["practices"][0]["id"], day = form["measured"]["last"];
  const std::string body =
      json{{"survey", "patient_fft"},
           {"practice", practice},
           {"responded_on", day},
           {"answers", {{{"question", "overall_experience"}, {"answer", "good"}}}}}
          .dump();
  std::mutex mutex;
  std::set<int64_t> acknowledged;
  std::atomic<bool> down = false;
  std::vector<std::thread> writers;
  for (int w = 0; w < 4; ++w) {
    writers.emplace_back([&] {
      while (!down) {
        Result<HttpReply> r = HttpCall("127.0.0.1", port, "POST", "/api/icos/ZICO1/voice", body,
                                       {{"Cookie", cookie}, {"X-CSRF-Token", csrf}});
        if (!r.ok()) return;
        if (r->status != 201) continue;
        std::lock_guard lock(mutex);
        acknowledged.insert(json::parse(r->body)["id"].get<int64_t>());
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  server.Kill();
  down = true;
  for (std::thread& t : writers) t.join();
  ASSERT_GT(acknowledged.size(), 3u);
  auto ws = Workspace::Open(TestWorkspace(), Workspace::kMustExist);
  ASSERT_TRUE(ws.ok()) << ws.status().message();
  auto stored = VoiceStore(**ws).All();
  ASSERT_TRUE(stored.ok()) << stored.status().message();
  std::set<int64_t> kept;
  for (const VoiceResponse& r : *stored) kept.insert(r.id);
  for (int64_t id : acknowledged) EXPECT_TRUE(kept.contains(id)) << "response " << id << " lost";
}

}  // namespace
}  // namespace continuum
