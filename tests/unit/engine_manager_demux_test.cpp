// IkeDemux: one socket set, two IKE engines and the data plane. Each gets
// exactly its datagrams, by the IKE header's major version (after the
// non-ESP marker on 4500); ESP-in-UDP and keepalives go to the data plane.
#include <gtest/gtest.h>

#include "io/memory_network.h"
#include "manager/ike_demux.h"
#include "wire/non_esp_marker.h"

namespace ikeshift::engine::manager {
namespace {

io::Datagram ike(uint8_t major, uint16_t port) {
  std::vector<uint8_t> m(28, 0);
  m[0] = 1;  // a non-zero initiator SPI
  m[17] = static_cast<uint8_t>(major << 4);
  m[27] = 28;
  io::Datagram d;
  d.from = {0x0a000001, port};
  d.to = {0x0a000002, port};
  d.bytes = port == 4500 ? wire::add_non_esp_marker(m) : m;
  return d;
}

TEST(IkeDemux, SplitsByVersionAndHandsEspToTheDataPlane) {
  io::MemoryNetwork net;
  auto shared = net.attach({{0x0a000002, 500}, {0x0a000002, 4500}});
  IkeDemux demux(*shared);
  std::vector<io::Datagram> v1, v2, esp;
  demux.ikev1().set_receive_handler([&](const io::Datagram& d) { v1.push_back(d); });
  demux.ikev2().set_receive_handler([&](const io::Datagram& d) { v2.push_back(d); });
  demux.set_esp_handler([&](const io::Datagram& d) { esp.push_back(d); });

  for (uint16_t port : {uint16_t{500}, uint16_t{4500}}) {
    net.inject(ike(1, port));
    net.inject(ike(2, port));
    net.inject(ike(3, port));  // a major version nobody runs
  }
  io::Datagram esp_packet{{0x0a000001, 4500}, {0x0a000002, 4500}, {0x12, 0x34, 0x56, 0x78, 0, 0, 0, 1, 9, 9}};
  net.inject(esp_packet);
  net.inject(io::Datagram{{0x0a000001, 4500}, {0x0a000002, 4500}, {0xff}});  // NAT keepalive
  net.inject(io::Datagram{{0x0a000001, 500}, {0x0a000002, 500}, {1, 2, 3}});  // too short for IKE
  net.deliver_all();

  ASSERT_EQ(v1.size(), 2u);
  ASSERT_EQ(v2.size(), 2u);
  // 4500 datagrams reach the engines as they came, marker included.
  EXPECT_EQ(v1[1].bytes.size(), 32u);
  EXPECT_EQ(v1[1].to.port, 4500);
  EXPECT_EQ(esp.size(), 2u);
  EXPECT_EQ(demux.stats().ikev1, 2u);
  EXPECT_EQ(demux.stats().ikev2, 2u);
  EXPECT_EQ(demux.stats().esp, 2u);
  EXPECT_EQ(demux.stats().dropped, 3u);

  // Both engines send through the shared transport.
  EXPECT_TRUE(demux.ikev1().send(io::Datagram{{0x0a000002, 500}, {0x0a000001, 500}, {1}}));
  EXPECT_EQ(demux.ikev2().local_endpoints().size(), 2u);
}

}  // namespace
}  // namespace ikeshift::engine::manager
