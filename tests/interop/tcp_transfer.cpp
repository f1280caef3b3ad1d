#include "tcp_transfer.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <future>
#include <thread>
#include <vector>

#include "io/unique_fd.h"
#include "live/netns.h"

namespace ikeshift::interop {

namespace {

using Clock = std::chrono::steady_clock;
using Fd = engine::io::UniqueFd;

// xorshift64*: the same stream on both ends.
struct Stream {
  uint64_t s = 0x9e3779b97f4a7c15ull;
  uint8_t next() {
    s ^= s >> 12;
    s ^= s << 25;
    s ^= s >> 27;
    return static_cast<uint8_t>((s * 0x2545f4914f6cdd1dull) >> 56);
  }
};

sockaddr_in address(const std::string& ip, uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_port = htons(port);
  ::inet_pton(AF_INET, ip.c_str(), &sa.sin_addr);
  return sa;
}

int remaining_ms(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

}  // namespace

TransferResult tcp_transfer(const std::string& server_ns, const std::string& server_address,
                            const std::string& client_ns, const std::string& client_address, size_t bytes,
                            std::chrono::milliseconds timeout) {
  const auto start = Clock::now();
  const auto deadline = start + timeout;
  std::promise<uint16_t> port_promise;
  auto port_future = port_promise.get_future();
  TransferResult result;
  std::string client_error;

  bool port_sent = false;
  auto send_port = [&](uint16_t port) {
    port_sent = true;
    port_promise.set_value(port);
  };

  // Runs inside server_ns; an early return leaves the reason in result.error.
  auto serve = [&] {
    Fd listener(::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0));
    sockaddr_in sa = address(server_address, 0);
    if (::bind(listener.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0 || ::listen(listener.get(), 1) != 0) {
      result.error = std::string("server: bind/listen ") + server_address + ": " + std::strerror(errno);
      return;
    }
    socklen_t len = sizeof sa;
    ::getsockname(listener.get(), reinterpret_cast<sockaddr*>(&sa), &len);
    send_port(ntohs(sa.sin_port));
    pollfd p{listener.get(), POLLIN, 0};
    if (::poll(&p, 1, remaining_ms(deadline)) != 1) {
      result.error = "server: no connection in time";
      return;
    }
    Fd conn(::accept4(listener.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!conn) {
      result.error = std::string("server: accept: ") + std::strerror(errno);
      return;
    }
    Stream expect;
    std::vector<uint8_t> buf(1 << 16);
    bool mismatch = false;
    while (result.received < bytes) {
      pollfd q{conn.get(), POLLIN, 0};
      if (::poll(&q, 1, remaining_ms(deadline)) != 1) {
        result.error = "server: stalled after " + std::to_string(result.received) + " bytes";
        return;
      }
      const ssize_t n = ::recv(conn.get(), buf.data(), buf.size(), 0);
      if (n <= 0) {
        result.error = "server: connection ended after " + std::to_string(result.received) + " bytes";
        return;
      }
      for (ssize_t i = 0; i < n; ++i) {
        if (buf[static_cast<size_t>(i)] != expect.next() && !mismatch) {
          mismatch = true;
          result.first_mismatch = result.received + static_cast<size_t>(i);
        }
      }
      result.received += static_cast<size_t>(n);
    }
    if (mismatch) result.error = "server: data differs at byte " + std::to_string(result.first_mismatch);
  };

  // Runs inside client_ns; an early return leaves the reason in client_error.
  auto send_all = [&] {
    const uint16_t port = port_future.get();
    if (port == 0) {
      client_error = "no server";
      return;
    }
    Fd s(::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    sockaddr_in local = address(client_address, 0);
    if (::bind(s.get(), reinterpret_cast<sockaddr*>(&local), sizeof local) != 0) {
      client_error = std::string("bind ") + client_address + ": " + std::strerror(errno);
      return;
    }
    sockaddr_in to = address(server_address, port);
    if (::connect(s.get(), reinterpret_cast<sockaddr*>(&to), sizeof to) != 0 && errno != EINPROGRESS) {
      client_error = std::string("connect: ") + std::strerror(errno);
      return;
    }
    Stream gen;
    std::vector<uint8_t> buf(1 << 16);
    size_t sent = 0, filled = 0, offset = 0;
    while (sent < bytes) {
      if (offset == filled) {
        filled = std::min(buf.size(), bytes - sent);
        for (size_t i = 0; i < filled; ++i) buf[i] = gen.next();
        offset = 0;
      }
      pollfd q{s.get(), POLLOUT, 0};
      if (::poll(&q, 1, remaining_ms(deadline)) != 1 || (q.revents & (POLLERR | POLLHUP)) != 0) {
        client_error = "stalled after sending " + std::to_string(sent) + " bytes";
        return;
      }
      const ssize_t n = ::send(s.get(), buf.data() + offset, filled - offset, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) continue;
        client_error = std::string("send: ") + std::strerror(errno);
        return;
      }
      offset += static_cast<size_t>(n);
      sent += static_cast<size_t>(n);
    }
    ::shutdown(s.get(), SHUT_WR);
    // Keep the socket until the server has everything (close would be fine
    // too; waiting keeps the connection's lifetime inside the deadline).
    pollfd q{s.get(), POLLIN, 0};
    ::poll(&q, 1, remaining_ms(deadline));
  };

  // live::run_in_namespace enters the namespace on a thread of its own and
  // waits for it: each side runs on its own thread here, so both run at once.
  std::thread server([&] {
    try {
      live::run_in_namespace(server_ns, serve);
    } catch (const std::exception& e) {
      result.error = std::string("server: ") + e.what();
    }
    if (!port_sent) port_promise.set_value(0);  // the client must not wait for a server that never listened
  });
  std::thread client([&] {
    try {
      live::run_in_namespace(client_ns, send_all);
    } catch (const std::exception& e) {
      client_error = e.what();
    }
  });

  client.join();
  server.join();
  result.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (!client_error.empty()) result.error += (result.error.empty() ? "" : "; ") + ("client: " + client_error);
  result.ok = result.error.empty() && result.received == bytes;
  return result;
}

}  // namespace ikeshift::interop
