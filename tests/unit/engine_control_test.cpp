// The control socket in a temp dir: round trip through the EventLoop, file
// mode and removal, stale sockets replaced, a live daemon's socket refused,
// other files left alone, and the client's errors.
#include <gtest/gtest.h>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <future>

#include "control/control_socket.h"
#include "io/clock.h"
#include "io/event_loop.h"
#include "test_support.h"

namespace ikeshift::engine::control {
namespace {

using namespace std::chrono_literals;

class ControlSocket : public ::testing::Test {
 protected:
  std::string path(const std::string& name = "engine.sock") const { return (dir_ / name).string(); }

  std::unique_ptr<ControlServer> open_server(const std::string& p, std::string* error = nullptr) {
    std::string why;
    auto s = ControlServer::open(
        loop_, p,
        [this](const std::string& command) {
          commands_.push_back(command);
          if (command == "big") return std::string(1 << 20, 'x');  // larger than a socket buffer
          return "answer to [" + command + "]\n";
        },
        why);
    if (error) *error = why;
    return s;
  }

  // Runs the client on another thread while this one drives the loop, as
  // the daemon's loop would.
  std::optional<std::string> request(const std::string& p, const std::string& command, std::string& error) {
    auto f = std::async(std::launch::async, [&] { return control_request(p, command, error, 5s); });
    while (f.wait_for(0ms) != std::future_status::ready) loop_.run_once(10ms);
    return f.get();
  }

  test::TempDir dir_;
  io::SteadyClock clock_;
  io::EventLoop loop_{clock_};
  std::vector<std::string> commands_;
};

TEST_F(ControlSocket, RoundTripModeAndRemoval) {
  auto server = open_server(path());
  ASSERT_NE(server, nullptr);
  EXPECT_EQ(test::file_mode(path()), 0600u);
  std::string error;
  auto answer = request(path(), "show ikev2-sa detail", error);
  ASSERT_TRUE(answer.has_value()) << error;
  EXPECT_EQ(*answer, "answer to [show ikev2-sa detail]\n");
  ASSERT_EQ(commands_.size(), 1u);

  // Several clients one after the other, and an answer larger than the socket buffer.
  answer = request(path(), "show ipsec-sa", error);
  ASSERT_TRUE(answer.has_value()) << error;
  EXPECT_EQ(*answer, "answer to [show ipsec-sa]\n");
  answer = request(path(), "big", error);
  ASSERT_TRUE(answer.has_value()) << error;
  EXPECT_EQ(answer->size(), size_t{1} << 20);

  server.reset();
  EXPECT_FALSE(test::fs::exists(path()));
}

TEST_F(ControlSocket, StaleSocketIsReplaced) {
  // A socket file nobody listens on, as a killed daemon leaves behind.
  {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    ASSERT_GE(fd, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path().c_str(), sizeof a.sun_path - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    ::close(fd);
  }
  ASSERT_TRUE(test::fs::exists(path()));
  std::string error;
  EXPECT_FALSE(control_request(path(), "show ikev2-sa", error, 1s).has_value());
  EXPECT_TRUE(test::contains(error, "connection refused")) << error;

  auto server = open_server(path(), &error);
  ASSERT_NE(server, nullptr) << error;
  auto answer = request(path(), "show ikev2-sa", error);
  ASSERT_TRUE(answer.has_value()) << error;
  EXPECT_EQ(*answer, "answer to [show ikev2-sa]\n");
}

TEST_F(ControlSocket, SecondDaemonIsRefused) {
  auto first = open_server(path());
  ASSERT_NE(first, nullptr);
  std::string error;
  // The probe connection of the second open() is accepted by the first
  // server; it must leave the first one serving.
  auto second = open_server(path(), &error);
  EXPECT_EQ(second, nullptr);
  EXPECT_TRUE(test::contains(error, "another ikeshift engine is running")) << error;
  EXPECT_TRUE(test::fs::exists(path()));
  auto answer = request(path(), "show ipsec-sa", error);
  ASSERT_TRUE(answer.has_value()) << error;
  EXPECT_EQ(*answer, "answer to [show ipsec-sa]\n");
}

TEST_F(ControlSocket, OtherFilesAreLeftAlone) {
  test::write_file(path("config.txt"), "not a socket");
  std::string error;
  EXPECT_EQ(open_server(path("config.txt"), &error), nullptr);
  EXPECT_TRUE(test::contains(error, "not a socket")) << error;
  EXPECT_EQ(test::read_file(path("config.txt")), "not a socket");
}

TEST_F(ControlSocket, ClientErrors) {
  std::string error;
  EXPECT_FALSE(control_request(path("absent.sock"), "show ikev2-sa", error, 1s).has_value());
  EXPECT_TRUE(test::contains(error, "no control socket")) << error;
  EXPECT_FALSE(control_request(std::string(200, 'a'), "show ikev2-sa", error, 1s).has_value());
  EXPECT_TRUE(test::contains(error, "longer than")) << error;
}

TEST_F(ControlSocket, CommandWithoutNewlineAndOverlongCommand) {
  auto server = open_server(path());
  ASSERT_NE(server, nullptr);
  // control_request always ends the line; a raw client that only half-closes
  // is answered too.
  auto raw = std::async(std::launch::async, [&] {
    int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un a{};
    a.sun_family = AF_UNIX;
    std::strncpy(a.sun_path, path().c_str(), sizeof a.sun_path - 1);
    if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) return std::string("connect failed");
    std::string cmd = "show ipsec-sa";
    (void)::send(fd, cmd.data(), cmd.size(), 0);
    ::shutdown(fd, SHUT_WR);
    std::string out;
    char buf[256];
    for (ssize_t n; (n = ::recv(fd, buf, sizeof buf, 0)) > 0;) out.append(buf, static_cast<size_t>(n));
    ::close(fd);
    return out;
  });
  while (raw.wait_for(0ms) != std::future_status::ready) loop_.run_once(10ms);
  EXPECT_EQ(raw.get(), "answer to [show ipsec-sa]\n");

  std::string error;
  auto answer = request(path(), std::string(ControlServer::kMaxCommand + 10, 'x'), error);
  ASSERT_TRUE(answer.has_value()) << error;
  EXPECT_TRUE(test::contains(*answer, "ERROR: command line longer than")) << *answer;
}

}  // namespace
}  // namespace ikeshift::engine::control
