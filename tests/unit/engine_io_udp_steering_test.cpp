// The kernel-side split of UDP 4500 (io/udp4500_steering.h): with the IKE
// engine's socket and the data plane's socket in one SO_REUSEPORT group and
// the steering program attached, IKE (non-ESP marker) and NAT-keepalives
// reach the IKE transport, ESP reaches the data plane's socket, and nothing
// reaches both. On a loopback address of this test's own (derived from the
// pid), port 4500 (no root needed); skipped where sockets are forbidden.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <string>
#include <system_error>

#include "io/event_loop.h"
#include "io/udp4500_steering.h"
#include "io/udp_transport.h"
#include "io/unique_fd.h"

namespace ikeshift::engine::io {
namespace {

sockaddr_in addr(uint32_t a, uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(a);
  sa.sin_port = htons(port);
  return sa;
}

TEST(Udp4500Steering, IkeAndKeepalivesToTheIkeSocketEspToTheDataPlane) {
  // 127.77.x.y, unique per test process: parallel runs do not meet.
  const uint32_t local = (127u << 24) | (77u << 16) | (static_cast<uint32_t>(::getpid()) & 0xfffe) | 1u;
  SteadyClock clock;
  EventLoop loop(clock);
  UdpTransportConfig cfg;
  cfg.addresses = {local};
  cfg.ports = {kNatTPort};
  cfg.share_nat_t_port = true;
  std::unique_ptr<UdpTransport> ike;
  try {
    ike = std::make_unique<UdpTransport>(loop, cfg);
  } catch (const std::system_error& e) {
    GTEST_SKIP() << "cannot bind " << e.what();
  }
  std::vector<std::vector<uint8_t>> ike_got;
  ike->set_receive_handler([&](const Datagram& d) { ike_got.push_back(d.bytes); });

  UniqueFd esp(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  const int on = 1;
  ASSERT_EQ(::setsockopt(esp.get(), SOL_SOCKET, SO_REUSEPORT, &on, sizeof on), 0);
  sockaddr_in sa = addr(local, kNatTPort);
  ASSERT_EQ(::bind(esp.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa), 0) << "second member of the group";
  std::string why;
  ASSERT_TRUE(attach_udp4500_steering(esp.get(), why)) << why;

  UniqueFd peer(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  sockaddr_in from = addr(local, 0);
  ASSERT_EQ(::bind(peer.get(), reinterpret_cast<sockaddr*>(&from), sizeof from), 0);
  auto send = [&](std::vector<uint8_t> bytes) {
    ASSERT_EQ(::sendto(peer.get(), bytes.data(), bytes.size(), 0, reinterpret_cast<sockaddr*>(&sa), sizeof sa),
              static_cast<ssize_t>(bytes.size()));
  };
  // Many of each, from several source ports' worth of hashing: a plain
  // reuseport group would spread them over both sockets.
  const int rounds = 20;
  for (int i = 0; i < rounds; ++i) {
    send({0, 0, 0, 0, 0x11, 0x22, 0x33, static_cast<uint8_t>(i)});              // IKE behind the marker
    send({0xff});                                                                // NAT-keepalive
    send({0xc8, 0xf0, 0x1a, 0x8e, 0, 0, 0, static_cast<uint8_t>(i + 1), 0xaa});  // ESP, SPI first
  }
  int esp_got = 0;
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while ((ike_got.size() < 2u * rounds || esp_got < rounds) && std::chrono::steady_clock::now() < give_up) {
    loop.run_once(std::chrono::milliseconds(10));
    uint8_t buf[64];
    for (;;) {
      const ssize_t n = ::recv(esp.get(), buf, sizeof buf, 0);
      if (n < 0) break;
      ++esp_got;
      EXPECT_EQ(n, 9);
      EXPECT_EQ(buf[0], 0xc8) << "only ESP reaches the data plane's socket";
    }
  }
  EXPECT_EQ(esp_got, rounds);
  ASSERT_EQ(ike_got.size(), 2u * rounds);
  for (const auto& d : ike_got) EXPECT_TRUE(d.size() == 1 ? d[0] == 0xff : d[0] == 0 && d.size() == 8);
}

}  // namespace
}  // namespace ikeshift::engine::io
