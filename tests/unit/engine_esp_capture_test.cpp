// Real ESP from strongSwan 5.9.8's kernel-libipsec, with the CHILD SA keys
// charon logged (fixtures/captures/esp-charon-*.txt, made by
// fixtures/captures/make_esp_captures.sh): ikeshift's data plane, given
// those keys, accepts every captured packet of each direction and delivers
// the pings inside -- an implementation nobody here wrote agrees on the
// wire format, padding, ICV and (for GCM) nonce and AAD.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "crypto/hex.h"
#include "esp_test_support.h"

namespace ikeshift::engine::esp {
namespace {

using test::ip;
using test::net;

struct Capture {
  std::map<std::string, std::string> fields;
  struct Packet {
    std::string src, dst;
    crypto::Bytes esp;
  };
  std::vector<Packet> packets;
};

Capture load(const std::string& name) {
  std::ifstream in(std::string(IKESHIFT_SOURCE_DIR) + "/fixtures/captures/" + name);
  Capture c;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string key;
    words >> key;
    if (key == "esp") {
      Capture::Packet p;
      std::string hex;
      words >> p.src >> p.dst >> hex;
      p.esp = crypto::from_hex(hex);
      c.packets.push_back(std::move(p));
    } else {
      words >> c.fields[key];
    }
  }
  return c;
}

crypto::Bytes key_of(const Capture& c, const std::string& name) {
  auto it = c.fields.find(name);
  return it == c.fields.end() || it->second == "-" ? crypto::Bytes{} : crypto::from_hex(it->second);
}

uint32_t spi_of(const Capture& c, const std::string& name) {
  return static_cast<uint32_t>(std::stoul(c.fields.at(name), nullptr, 16));
}

struct Case {
  const char* file;
  dataplane::EspTransform transform;
};

class CharonCapture : public ::testing::TestWithParam<Case> {};

TEST_P(CharonCapture, EveryPacketOfBothDirectionsDecryptsToThePings) {
  const Capture cap = load(GetParam().file);
  ASSERT_EQ(cap.packets.size(), 8u) << "fixture missing or incomplete: " << GetParam().file;
  const uint32_t a = ip(192, 0, 2, 1), b = ip(192, 0, 2, 2);
  const auto net_a = net(ip(10, 10, 10, 0), ip(10, 10, 10, 255)), net_b = net(ip(10, 20, 20, 0), ip(10, 20, 20, 255));
  crypto::CryptoContext ctx;
  io::ManualClock clock;
  crypto::DeterministicRng rng(ctx, 1);
  const crypto::Bytes ei = key_of(cap, "encryption_initiator"), er = key_of(cap, "encryption_responder");
  const crypto::Bytes ii = key_of(cap, "integrity_initiator"), ir = key_of(cap, "integrity_responder");

  // charon A initiated: A sends with the initiator keys. One data plane in
  // each role, so both directions of the capture are checked.
  for (bool as_b : {true, false}) {
    model::Tunnel t = as_b ? test::tunnel("vpn", 10, {{net_b, net_a}}) : test::tunnel("vpn", 10, {{net_a, net_b}});
    test::RecordingOutput out;
    DataPlane dp(DataPlaneDeps{clock, rng, ctx, nullptr, nullptr, out}, {&t});
    dataplane::ChildSaInstall in;
    in.map = "vpn";
    in.sequence = 10;
    in.transform = GetParam().transform;
    in.local = as_b ? net_b : net_a;
    in.remote = as_b ? net_a : net_b;
    in.local_address = as_b ? b : a;
    in.peer_address = as_b ? a : b;
    in.udp_encapsulation = true;
    in.local_port = in.peer_port = 4500;
    in.spi_in = as_b ? spi_of(cap, "spi_out_a") : spi_of(cap, "spi_in_a");
    in.spi_out = as_b ? spi_of(cap, "spi_in_a") : spi_of(cap, "spi_out_a");
    in.encr_in = as_b ? crypto::ByteSpan(ei) : crypto::ByteSpan(er);
    in.integ_in = as_b ? crypto::ByteSpan(ii) : crypto::ByteSpan(ir);
    in.encr_out = as_b ? crypto::ByteSpan(er) : crypto::ByteSpan(ei);
    in.integ_out = as_b ? crypto::ByteSpan(ir) : crypto::ByteSpan(ii);
    dp.install(in);
    ASSERT_EQ(dp.sas().size(), 1u);
    size_t offered = 0;
    for (const auto& p : cap.packets) {
      if ((p.dst == "192.0.2.2") != as_b) continue;
      crypto::Bytes copy = p.esp;
      dp.inbound(OuterPath{true, in.local_address, in.peer_address, 4500, 4500}, copy.data(), copy.size());
      ++offered;
    }
    ASSERT_EQ(offered, 4u);
    ASSERT_EQ(out.delivered.size(), 4u) << "delivered of " << offered << (as_b ? " towards B" : " towards A");
    for (const auto& pkt : out.delivered) {
      PacketFields f;
      ASSERT_EQ(parse_inner_packet(pkt.data(), pkt.size(), f), PacketError::None);
      EXPECT_EQ(f.protocol, 1);  // ICMP echo request or reply
      EXPECT_EQ(f.dst, as_b ? ip(10, 20, 20, 1) : ip(10, 10, 10, 1));
      EXPECT_EQ(f.total_length, 84u);  // ping's default 56 bytes of data
    }
    EXPECT_EQ(dp.sas()[0].counters.verify, 4u);
    // Replaying the capture changes nothing.
    for (const auto& p : cap.packets) {
      if ((p.dst == "192.0.2.2") != as_b) continue;
      crypto::Bytes copy = p.esp;
      dp.inbound(OuterPath{true, in.local_address, in.peer_address, 4500, 4500}, copy.data(), copy.size());
    }
    EXPECT_EQ(out.delivered.size(), 4u);
    EXPECT_EQ(dp.dropped(events::EspDropReason::Replay), 4u);
  }
}

dataplane::EspTransform transform(uint16_t encr, uint16_t bits, uint16_t integ) {
  dataplane::EspTransform t;
  t.encryption_id = encr;
  t.encryption_bits = bits;
  t.integrity_id = integ;
  return t;
}

INSTANTIATE_TEST_SUITE_P(
    KernelLibipsec, CharonCapture,
    ::testing::Values(Case{"esp-charon-aes256-sha256.txt", transform(kEncrAesCbc, 256, 12)},
                      Case{"esp-charon-aes256gcm16.txt", transform(kEncrAesGcm16, 256, 0)},
                      Case{"esp-charon-3des-sha1.txt", transform(kEncr3Des, 0, 2)}),
    [](const ::testing::TestParamInfo<Case>& i) {
      std::string n = i.param.file;
      n = n.substr(11, n.size() - 15);
      for (char& ch : n)
        if (!isalnum(static_cast<unsigned char>(ch))) ch = '_';
      return n;
    });

}  // namespace
}  // namespace ikeshift::engine::esp
