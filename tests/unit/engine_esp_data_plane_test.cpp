// Two ESP data planes against each other in one process: every transform
// both ways, the SPD, KEY_ACQUIRE with the hold queue, kilobyte lifetimes,
// and every kind of bad packet -- dropped, counted by reason, logged at a
// limited rate, never crashing.
#include <gtest/gtest.h>

#include <random>

#include "esp_test_support.h"
#include "events/asa_format.h"
#include "events/recording_sink.h"

namespace ikeshift::engine::esp {
namespace {

using namespace std::chrono_literals;
using events::EspDropReason;
using test::ip;
using test::net;

const model::TrafficSelector kNetA = net(ip(10, 10, 10, 0), ip(10, 10, 10, 255));
const model::TrafficSelector kNetB = net(ip(10, 20, 20, 0), ip(10, 20, 20, 255));
const uint32_t kOuterA = ip(192, 0, 2, 1), kOuterB = ip(192, 0, 2, 2);
const uint32_t kHostA = ip(10, 10, 10, 1), kHostB = ip(10, 20, 20, 1);

dataplane::EspTransform transform(uint16_t encr, uint16_t bits, uint16_t integ, bool esn = false) {
  dataplane::EspTransform t;
  t.encryption_id = encr;
  t.encryption_bits = bits;
  t.integrity_id = integ;
  t.esn = esn;
  return t;
}

class Pair : public ::testing::Test {
 protected:
  struct Side {
    Side(Pair& p, model::Tunnel t, DataPlaneOptions o)
        : tun(std::move(t)),
          rng(p.ctx_, crypto::ByteSpan::from_text(tun.map + std::to_string(tun.sequence))),
          bus(p.wall_),
          dp(DataPlaneDeps{p.clock_, rng, p.ctx_, &bus, &control, out}, {&tun}, o) {
      bus.subscribe(events);
    }
    model::Tunnel tun;
    crypto::DeterministicRng rng;
    events::EventBus bus;
    events::RecordingSink events;
    test::RecordingControl control;
    test::RecordingOutput out;
    DataPlane dp;
  };

  void make(DataPlaneOptions o = {}) {
    a_ = std::make_unique<Side>(*this, test::tunnel("vpn", 10, {{kNetA, kNetB}}), o);
    b_ = std::make_unique<Side>(*this, test::tunnel("vpn", 10, {{kNetB, kNetA}}), o);
  }
  // A (initiator) and B with one SA pair.
  void up(const dataplane::EspTransform& t, bool udp = true, uint64_t kilobytes = 4608000) {
    keys_ = test::keys_for(ctx_, t, 7);
    auto ia = test::install_for(true, keys_, t, 0xa0000001, 0xb0000001, kNetA, kNetB, kOuterA, kOuterB, udp);
    auto ib = test::install_for(false, keys_, t, 0xb0000001, 0xa0000001, kNetB, kNetA, kOuterB, kOuterA, udp);
    ia.lifetime_kilobytes = ib.lifetime_kilobytes = kilobytes;
    a_->dp.install(ia);
    b_->dp.install(ib);
  }
  // Moves what `from` sent into `to`; returns how many packets.
  size_t carry(Side& from, Side& to) {
    size_t n = from.out.sent.size();
    for (auto& s : from.out.sent) to.dp.inbound(test::arrived(s.path), s.bytes.data(), s.bytes.size());
    from.out.sent.clear();
    return n;
  }

  crypto::CryptoContext ctx_;
  io::ManualClock clock_;
  io::ManualWallClock wall_;
  test::SaKeys keys_;
  std::unique_ptr<Side> a_, b_;
};

struct TransformCase {
  const char* name;
  dataplane::EspTransform t;
  size_t overhead;  // ESP header + IV + ICV (+ padding for the test packet)
};

class EveryTransform : public Pair, public ::testing::WithParamInterface<TransformCase> {};

TEST_P(EveryTransform, PacketsPassBothWaysAndCountersAgree) {
  make();
  up(GetParam().t);
  for (int i = 0; i < 5; ++i) {
    const auto ping = test::ipv4_packet(kHostA, kHostB, 1, 0x0800, 0x0800, 56 + static_cast<size_t>(i), uint8_t(i));
    test::send_packet(a_->dp, ping);
    ASSERT_EQ(a_->out.sent.size(), 1u);
    EXPECT_TRUE(a_->out.sent[0].path.udp);
    EXPECT_EQ(a_->out.sent[0].path.peer, kOuterB);
    carry(*a_, *b_);
    ASSERT_EQ(b_->out.delivered.size(), static_cast<size_t>(i + 1));
    EXPECT_EQ(b_->out.delivered.back(), ping);
    const auto reply = test::ipv4_packet(kHostB, kHostA, 1, 0, 0, 100);
    test::send_packet(b_->dp, reply);
    carry(*b_, *a_);
    ASSERT_EQ(a_->out.delivered.size(), static_cast<size_t>(i + 1));
    EXPECT_EQ(a_->out.delivered.back(), reply);
  }
  auto sa = a_->dp.sa(0xa0000001);
  ASSERT_TRUE(sa);
  EXPECT_EQ(sa->counters.encaps, 5u);
  EXPECT_EQ(sa->counters.digest, 5u);
  EXPECT_EQ(sa->counters.decaps, 5u);
  EXPECT_EQ(sa->counters.verify, 5u);
  EXPECT_EQ(sa->counters.encrypt, GetParam().t.encryption_id == kEncrNull ? 0u : 5u);
  EXPECT_EQ(sa->next_sequence, 6u);
  EXPECT_EQ(b_->dp.sa(0xb0000001)->replay_top, 5u);
  for (size_t r = 0; r < kDropReasons; ++r) {
    EXPECT_EQ(a_->dp.drop_counters()[r], 0u) << r;
    EXPECT_EQ(b_->dp.drop_counters()[r], 0u) << r;
  }
  // 602303 for both directions of the SA on both ends.
  EXPECT_EQ(a_->events.count<events::EspSaCreated>(), 2u);
}

INSTANTIATE_TEST_SUITE_P(
    Transforms, EveryTransform,
    ::testing::Values(TransformCase{"AesCbc256Sha256", transform(kEncrAesCbc, 256, 12), 0},
                      TransformCase{"AesCbc128Sha1", transform(kEncrAesCbc, 128, 2), 0},
                      TransformCase{"AesCbc192Sha384", transform(kEncrAesCbc, 192, 13), 0},
                      TransformCase{"AesCbc256Sha512Esn", transform(kEncrAesCbc, 256, 14, true), 0},
                      TransformCase{"TripleDesSha1", transform(kEncr3Des, 0, 2), 0},
                      TransformCase{"AesGcm128", transform(kEncrAesGcm16, 128, 0), 0},
                      TransformCase{"AesGcm256", transform(kEncrAesGcm16, 256, 0), 0},
                      TransformCase{"AesGcm256Esn", transform(kEncrAesGcm16, 256, 0, true), 0},
                      TransformCase{"NullSha256", transform(kEncrNull, 0, 12), 0}),
    [](const ::testing::TestParamInfo<TransformCase>& i) { return std::string(i.param.name); });

TEST_F(Pair, TheWireFormatIsTunnelModeEspWithMonotonicPadding) {
  make();
  const auto t = transform(kEncrAesCbc, 256, 12);
  up(t, false);
  const auto p = test::ipv4_packet(kHostA, kHostB, 17, 1000, 2000, 13);  // 41 bytes
  test::send_packet(a_->dp, p);
  ASSERT_EQ(a_->out.sent.size(), 1u);
  const auto& s = a_->out.sent[0];
  EXPECT_FALSE(s.path.udp);
  // SPI, sequence 1, 16-byte IV, 48 bytes (41 + 5 padding + 2), 16-byte ICV.
  ASSERT_EQ(s.bytes.size(), 8u + 16 + 48 + 16);
  EXPECT_EQ(s.bytes[0], 0xb0);
  EXPECT_EQ(s.bytes[7], 1);
  // Decrypt independently with the peer's cipher and look at the trailer.
  std::string why;
  auto in = SaCipher::create(ctx_, t, keys_.encr_i, keys_.integ_i, false, why);
  ASSERT_TRUE(in) << why;
  auto copy = s.bytes;
  ASSERT_TRUE(in->open(copy.data(), 48, 0, false));
  const uint8_t* pt = copy.data() + 24;
  EXPECT_EQ(crypto::Bytes(pt, pt + 41), p);
  EXPECT_EQ(crypto::Bytes(pt + 41, pt + 48), (crypto::Bytes{1, 2, 3, 4, 5, 5, 4}));
  // Two packets never share an IV.
  test::send_packet(a_->dp, p);
  EXPECT_NE(crypto::Bytes(s.bytes.begin() + 8, s.bytes.begin() + 24),
            crypto::Bytes(a_->out.sent[1].bytes.begin() + 8, a_->out.sent[1].bytes.begin() + 24));
}

TEST_F(Pair, FirstPacketTriggersKeyAcquireIsHeldAndReleasedWhenTheSaArrives) {
  DataPlaneOptions o;
  o.hold_packets = 3;
  make(o);
  const auto p = test::ipv4_packet(kHostA, kHostB, 6, 40000, 22);
  for (int i = 0; i < 5; ++i) test::send_packet(a_->dp, p);
  ASSERT_EQ(a_->control.acquires.size(), 1u);  // once, not per packet
  EXPECT_EQ(a_->control.acquires[0].map, "vpn");
  EXPECT_EQ(a_->control.acquires[0].sequence, 10u);
  EXPECT_EQ(a_->control.acquires[0].selector, 0u);
  EXPECT_EQ(a_->control.acquires[0].packet.src, kHostA);
  EXPECT_EQ(a_->control.acquires[0].packet.dst_port, 22);
  EXPECT_EQ(a_->dp.held_packets(), 3u);
  EXPECT_EQ(a_->dp.dropped(EspDropReason::NoSa), 2u);
  EXPECT_TRUE(a_->out.sent.empty());
  // Still no SA after the acquire interval: asked again.
  clock_.advance(2s);
  test::send_packet(a_->dp, p);
  EXPECT_EQ(a_->control.acquires.size(), 2u);
  const int flushes = a_->out.flushes;
  up(transform(kEncrAesGcm16, 256, 0));
  EXPECT_EQ(a_->out.sent.size(), 3u);  // the held ones went out in order
  EXPECT_GT(a_->out.flushes, flushes);  // at once, not with the next burst
  EXPECT_EQ(a_->dp.held_packets(), 0u);
  carry(*a_, *b_);
  EXPECT_EQ(b_->out.delivered.size(), 3u);
}

TEST_F(Pair, HeldPacketsExpire) {
  make();
  test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 1, 0, 0));
  EXPECT_EQ(a_->dp.held_packets(), 1u);
  clock_.advance(4s);
  a_->dp.tick();
  EXPECT_EQ(a_->dp.held_packets(), 1u);
  clock_.advance(1s);
  a_->dp.tick();
  EXPECT_EQ(a_->dp.held_packets(), 0u);
  EXPECT_EQ(a_->dp.dropped(EspDropReason::HoldExpired), 1u);
}

TEST(Spd, FirstMatchingAclLineWinsAndUnprotectedTrafficIsDropped) {
  // ACL order: a host line for port 22 first, then the subnet.
  model::Tunnel t1 = test::tunnel("vpn", 20, {{net(kHostA, kHostA, 6, 0, 65535), net(kHostB, kHostB, 6, 22, 22)},
                                              {kNetA, kNetB}});
  model::Tunnel t0 = test::tunnel("vpn", 5, {{kNetA, net(ip(10, 30, 0, 0), ip(10, 30, 255, 255))}});
  Spd spd({&t1, &t0});
  ASSERT_EQ(spd.entries().size(), 3u);
  EXPECT_EQ(spd.entries()[0].sequence, 5u);  // sequence order across entries
  PacketFields f;
  auto p = test::ipv4_packet(kHostA, kHostB, 6, 50000, 22);
  ASSERT_EQ(parse_inner_packet(p.data(), p.size(), f), PacketError::None);
  EXPECT_EQ(*spd.lookup(f), 1u);  // the port-22 line
  p = test::ipv4_packet(kHostA, kHostB, 6, 50000, 80);
  parse_inner_packet(p.data(), p.size(), f);
  EXPECT_EQ(*spd.lookup(f), 2u);
  EXPECT_EQ(spd.entries()[2].selector, 1u);
  p = test::ipv4_packet(ip(10, 10, 11, 1), kHostB, 6, 1, 2);
  parse_inner_packet(p.data(), p.size(), f);
  EXPECT_FALSE(spd.lookup(f));
  // A non-first fragment has no ports: only port-less lines can take it.
  p = test::ipv4_packet(kHostA, kHostB, 6, 50000, 22);
  p[6] = 0x00;
  p[7] = 0x10;  // fragment offset 16
  parse_inner_packet(p.data(), p.size(), f);
  EXPECT_FALSE(f.ports_known);
  EXPECT_EQ(*spd.lookup(f), 2u);
}

TEST_F(Pair, PacketOutsideEveryAclLineIsDroppedAsNoPolicy) {
  make();
  up(transform(kEncrAesCbc, 128, 2));
  test::send_packet(a_->dp, test::ipv4_packet(ip(172, 16, 0, 1), kHostB, 1, 0, 0));
  EXPECT_TRUE(a_->out.sent.empty());
  EXPECT_EQ(a_->dp.dropped(EspDropReason::NoPolicy), 1u);
  EXPECT_TRUE(a_->control.acquires.empty());
}

TEST_F(Pair, ReplayedTamperedAndUnknownPacketsAreDroppedAndCounted) {
  make();
  up(transform(kEncrAesCbc, 256, 12));
  test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 1, 0, 0));
  const auto esp = a_->out.sent.at(0);
  carry(*a_, *b_);
  ASSERT_EQ(b_->out.delivered.size(), 1u);
  // The same packet again: replay.
  auto again = esp.bytes;
  b_->dp.inbound(test::arrived(esp.path), again.data(), again.size());
  EXPECT_EQ(b_->dp.dropped(EspDropReason::Replay), 1u);
  // A fresh packet with one bit flipped: ICV.
  test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 1, 0, 0));
  auto bad = a_->out.sent.at(0).bytes;
  a_->out.sent.clear();
  bad[bad.size() / 2] ^= 0x04;
  b_->dp.inbound(test::arrived(esp.path), bad.data(), bad.size());
  EXPECT_EQ(b_->dp.dropped(EspDropReason::Authentication), 1u);
  // A forged packet cannot move the window: the genuine one still passes.
  bad[bad.size() / 2] ^= 0x04;
  b_->dp.inbound(test::arrived(esp.path), bad.data(), bad.size());
  EXPECT_EQ(b_->out.delivered.size(), 2u);
  // Unknown SPI, and every truncation of a valid packet.
  auto unknown = esp.bytes;
  unknown[0] = 0x77;
  b_->dp.inbound(test::arrived(esp.path), unknown.data(), unknown.size());
  EXPECT_EQ(b_->dp.dropped(EspDropReason::UnknownSpi), 1u);
  test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 1, 0, 0));
  const auto fresh = a_->out.sent.at(0).bytes;
  a_->out.sent.clear();
  for (size_t n = 0; n < fresh.size(); ++n) {
    auto cut = crypto::Bytes(fresh.begin(), fresh.begin() + static_cast<long>(n));
    cut.resize(std::max<size_t>(n, 1));
    b_->dp.inbound(test::arrived(esp.path), cut.data(), n);
  }
  EXPECT_EQ(b_->out.delivered.size(), 2u);
  auto sa = b_->dp.sa(0xb0000001);
  EXPECT_EQ(sa->counters.replay_failures, 1u);
  EXPECT_GE(sa->counters.integrity_failures, 1u);
  // The ASA's texts for them.
  auto drops = b_->events.all<events::EspPacketDropped>();
  ASSERT_GE(drops.size(), 3u);
  EXPECT_EQ(events::format_asa(drops[0]),
            "%ASA-4-402119: IPSEC: Received an ESP packet (SPI= 0xb0000001, sequence number= 0x00000001) from "
            "192.0.2.1 (user= 192.0.2.1) to 192.0.2.2 that failed anti-replay checking.");
  EXPECT_EQ(events::format_asa(drops[1]).substr(0, 20), "%ASA-4-402120: IPSEC");
}

TEST_F(Pair, BadPaddingAndBadInnerPacketsAreDroppedAfterAuthentication) {
  make();
  const auto t = transform(kEncrAesCbc, 128, 12);
  up(t, false);
  std::string why;
  // Craft packets with A's outbound keys by hand.
  auto seal = SaCipher::create(ctx_, t, keys_.encr_i, keys_.integ_i, true, why);
  ASSERT_TRUE(seal) << why;
  uint32_t seq = 1;
  auto craft = [&](crypto::Bytes plaintext) {
    crypto::Bytes pkt = {0xb0, 0, 0, 1, 0, 0, 0, static_cast<uint8_t>(seq++)};
    pkt.resize(8 + 16, 0x42);  // IV
    pkt.insert(pkt.end(), plaintext.begin(), plaintext.end());
    pkt.resize(pkt.size() + 16);
    EXPECT_TRUE(seal->seal(pkt.data(), plaintext.size(), 0, false));
    b_->dp.inbound(OuterPath{false, kOuterB, kOuterA, 0, 0}, pkt.data(), pkt.size());
  };
  auto inner = test::ipv4_packet(kHostA, kHostB, 1, 0, 0, 4);  // 32 bytes
  crypto::Bytes good = inner;
  good.insert(good.end(), {0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 14, 4});
  craft(good);
  EXPECT_EQ(b_->out.delivered.size(), 1u);
  crypto::Bytes wrong_bytes = good;
  wrong_bytes[32 + 3] = 0x00;  // padding must be 1, 2, 3, ...
  craft(wrong_bytes);
  crypto::Bytes too_long = good;
  too_long[46] = 200;  // pad length past the payload
  craft(too_long);
  EXPECT_EQ(b_->dp.dropped(EspDropReason::Padding), 2u);
  crypto::Bytes not_ip = good;
  not_ip[0] = 0x60;  // IPv6 in an IPv4-selector SA
  craft(not_ip);
  crypto::Bytes wrong_next = good;
  wrong_next[47] = 41;
  craft(wrong_next);
  EXPECT_EQ(b_->dp.dropped(EspDropReason::InnerMalformed), 2u);
  crypto::Bytes dummy = good;
  dummy[47] = 59;  // a TFC dummy packet: authentic, discarded quietly
  craft(dummy);
  EXPECT_EQ(b_->dp.sa(0xb0000001)->counters.tfc_received, 1u);
  EXPECT_EQ(b_->out.delivered.size(), 1u);
}

TEST_F(Pair, InnerPacketOutsideTheSelectorsIsDroppedWith402116) {
  // A was configured wider than B agreed: its SA covers 10.10.0.0/16, B's only 10.10.10.0/24.
  const auto wide = net(ip(10, 10, 0, 0), ip(10, 10, 255, 255));
  a_ = std::make_unique<Side>(*this, test::tunnel("vpn", 10, {{wide, kNetB}}), DataPlaneOptions{});
  b_ = std::make_unique<Side>(*this, test::tunnel("vpn", 10, {{kNetB, kNetA}}), DataPlaneOptions{});
  const auto t = transform(kEncrAesGcm16, 128, 0);
  keys_ = test::keys_for(ctx_, t, 1);
  a_->dp.install(test::install_for(true, keys_, t, 0xa1, 0xb1, wide, kNetB, kOuterA, kOuterB, true));
  b_->dp.install(test::install_for(false, keys_, t, 0xb1, 0xa1, kNetB, kNetA, kOuterB, kOuterA, true));
  test::send_packet(a_->dp, test::ipv4_packet(ip(10, 10, 99, 5), kHostB, 17, 53, 53));
  carry(*a_, *b_);
  EXPECT_TRUE(b_->out.delivered.empty());
  EXPECT_EQ(b_->dp.dropped(EspDropReason::SelectorMismatch), 1u);
  auto e = b_->events.all<events::EspPacketDropped>().at(0);
  EXPECT_EQ(events::format_asa(e),
            "%ASA-4-402116: IPSEC: Received an ESP packet (SPI= 0x000000b1, sequence number= 0x00000001) from "
            "192.0.2.1 (user= 192.0.2.1) to 192.0.2.2. The decapsulated inner packet doesn't match the negotiated "
            "policy in the SA. The packet specifies its destination as 10.20.20.1, its source as 10.10.99.5, and "
            "its protocol as 17. The SA specifies its local proxy as 10.20.20.0-10.20.20.255 proto 0 port 0-65535 "
            "and its remote proxy as 10.10.10.0-10.10.10.255 proto 0 port 0-65535.");
}

TEST_F(Pair, KilobyteLifetimeSoftRekeysAndHardStopsTheSa) {
  make();
  up(transform(kEncrAesCbc, 256, 12), true, 2);  // 2 kB
  const auto p = test::ipv4_packet(kHostA, kHostB, 1, 0, 0, 472);  // 500 bytes
  for (int i = 0; i < 3; ++i) test::send_packet(a_->dp, p);
  EXPECT_TRUE(a_->control.soft.empty());  // 1500 of 2048 bytes
  test::send_packet(a_->dp, p);            // 2000 >= 90% of 2048
  ASSERT_EQ(a_->control.soft.size(), 1u);
  EXPECT_EQ(a_->control.soft[0], 0xa0000001u);
  EXPECT_TRUE(a_->control.hard.empty());
  EXPECT_EQ(a_->dp.sa(0xa0000001)->remaining_kilobytes_out, 1u);
  test::send_packet(a_->dp, p);  // 2500: hard
  ASSERT_EQ(a_->control.hard.size(), 1u);
  EXPECT_EQ(a_->out.sent.size(), 5u);
  // The SA carries nothing more: the next packet waits for a new SA.
  test::send_packet(a_->dp, p);
  EXPECT_EQ(a_->out.sent.size(), 5u);
  EXPECT_EQ(a_->dp.held_packets(), 1u);
  EXPECT_EQ(a_->control.acquires.size(), 1u);
  EXPECT_EQ(a_->events.count<events::EspLifetimeExpired>(), 2u);
}

TEST_F(Pair, AnSaPastItsLifetimeInSecondsStops) {
  make();
  up(transform(kEncrAesGcm16, 128, 0));  // 28800 s
  clock_.advance(std::chrono::seconds(28799));
  a_->dp.tick();
  EXPECT_TRUE(a_->control.hard.empty());
  clock_.advance(1s);
  a_->dp.tick();
  ASSERT_EQ(a_->control.hard.size(), 1u);
  a_->out.sent.clear();  // NAT-keepalives of the idle SA
  test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 1, 0, 0));
  EXPECT_TRUE(a_->out.sent.empty());
  EXPECT_EQ(a_->dp.held_packets(), 1u);  // waits for the new SA
}

TEST_F(Pair, NatKeepalivesOnlyOnIdleUdpPaths) {
  make();
  up(transform(kEncrAesGcm16, 128, 0), true);
  clock_.advance(10s);
  test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 1, 0, 0));  // ESP at 10 s
  a_->out.sent.clear();
  clock_.advance(15s);
  a_->dp.tick();
  EXPECT_TRUE(a_->out.sent.empty());  // 15 s since the last ESP
  clock_.advance(5s);
  a_->dp.tick();
  ASSERT_EQ(a_->out.sent.size(), 1u);
  EXPECT_EQ(a_->out.sent[0].bytes, crypto::Bytes{0xff});
  EXPECT_TRUE(a_->out.sent[0].path.udp);
  EXPECT_EQ(a_->dp.keepalives_sent(), 1u);
  // Raw ESP has no NAT to keep open.
  make();
  up(transform(kEncrAesGcm16, 128, 0), false);
  clock_.advance(60s);
  a_->dp.tick();
  EXPECT_TRUE(a_->out.sent.empty());
}

TEST_F(Pair, SequenceNumbersRekeyBeforeTheyRunOut) {
  DataPlaneOptions o;
  o.sequence_margin = UINT32_MAX - 3;  // "near the end" after 3 packets
  make(o);
  up(transform(kEncrAesGcm16, 128, 0));
  for (int i = 0; i < 2; ++i) test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 1, 0, 0));
  EXPECT_TRUE(a_->control.soft.empty());
  test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 1, 0, 0));
  EXPECT_EQ(a_->control.soft.size(), 1u);
}

TEST_F(Pair, RemovedSaIsGoneBothWays) {
  make();
  up(transform(kEncrAesCbc, 256, 12));
  a_->dp.remove(2, 1, 0xa0000001);
  EXPECT_FALSE(a_->dp.sa(0xa0000001));
  EXPECT_EQ(a_->events.count<events::EspSaDeleted>(), 2u);
  test::send_packet(b_->dp, test::ipv4_packet(kHostB, kHostA, 1, 0, 0));
  carry(*b_, *a_);
  EXPECT_EQ(a_->dp.dropped(EspDropReason::UnknownSpi), 1u);
  test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 1, 0, 0));
  EXPECT_EQ(a_->control.acquires.size(), 1u);
  a_->dp.remove(1, 1, 0xb0000001);  // wrong version: not ours
  EXPECT_TRUE(b_->dp.sa(0xb0000001));
}

TEST_F(Pair, ADropFloodIsLoggedOncePerIntervalAndCountedExactly) {
  make();
  up(transform(kEncrAesCbc, 256, 12));
  crypto::Bytes junk(60, 0x99);
  for (int i = 0; i < 1000; ++i) b_->dp.inbound(OuterPath{true, kOuterB, kOuterA, 4500, 4500}, junk.data(), junk.size());
  EXPECT_EQ(b_->dp.dropped(EspDropReason::UnknownSpi), 1000u);
  EXPECT_EQ(b_->events.count<events::EspPacketDropped>(), 1u);
  clock_.advance(5s);
  b_->dp.inbound(OuterPath{true, kOuterB, kOuterA, 4500, 4500}, junk.data(), junk.size());
  auto drops = b_->events.all<events::EspPacketDropped>();
  ASSERT_EQ(drops.size(), 2u);
  EXPECT_EQ(drops[1].suppressed, 999u);
  EXPECT_NE(events::format_asa(drops[1]).find("(999 more since the last message)"), std::string::npos);
}

TEST_F(Pair, MutatedPacketsNeverCrashAndNeverDeliverAnythingForged) {
  make();
  for (const auto& t : {transform(kEncrAesCbc, 256, 12), transform(kEncrAesGcm16, 256, 0),
                        transform(kEncrNull, 0, 2), transform(kEncr3Des, 0, 12, true)}) {
    up(t);
    std::mt19937 rng(42);
    std::vector<crypto::Bytes> valid;
    for (int i = 0; i < 20; ++i) {
      test::send_packet(a_->dp, test::ipv4_packet(kHostA, kHostB, 17, 1, 2, static_cast<size_t>(rng() % 200)));
      valid.push_back(a_->out.sent.back().bytes);
    }
    a_->out.sent.clear();
    size_t before = b_->out.delivered.size();
    for (int i = 0; i < 5000; ++i) {
      crypto::Bytes m = valid[rng() % valid.size()];
      switch (rng() % 4) {
        case 0: m[rng() % m.size()] ^= static_cast<uint8_t>(1u << (rng() % 8)); break;
        case 1: m.resize(rng() % m.size()); break;
        case 2: m.resize(m.size() + 1 + rng() % 40, static_cast<uint8_t>(rng())); break;
        default:
          for (int k = 0; k < 4; ++k) m[8 + rng() % (m.size() - 8)] = static_cast<uint8_t>(rng());
      }
      if (m.empty()) m.push_back(0);
      b_->dp.inbound(OuterPath{true, kOuterB, kOuterA, 4500, 4500}, m.data(), m.size());
    }
    // Mutations of the SPI/sequence words of one valid packet can still be
    // authentic only if unchanged; nothing else gets through.
    EXPECT_EQ(b_->out.delivered.size(), before);
    a_->dp.remove(2, 1, 0xa0000001);
    b_->dp.remove(2, 1, 0xb0000001);
  }
}

TEST_F(Pair, RandomPacketsFromTheTunDeviceAreClassifiedNeverCrash) {
  make();
  up(transform(kEncrAesCbc, 128, 2));
  std::mt19937 rng(3);
  size_t sent = 0;
  for (int i = 0; i < 20000; ++i) {
    crypto::Bytes p = test::ipv4_packet(kHostA, rng() % 2 ? kHostB : ip(10, 20, 21, 1), static_cast<uint8_t>(rng()),
                                        static_cast<uint16_t>(rng()), static_cast<uint16_t>(rng()), rng() % 1400);
    for (int k = 0; k < static_cast<int>(rng() % 4); ++k) p[rng() % std::min<size_t>(p.size(), 40)] = static_cast<uint8_t>(rng());
    p.resize(rng() % 8 == 0 ? rng() % p.size() : p.size());
    if (p.empty()) p.push_back(0x45);
    test::send_packet(a_->dp, p);
    sent += a_->out.sent.size();
    carry(*a_, *b_);
  }
  // What went out decrypts on the other side to exactly what was sent in
  // (valid packets), and everything else was dropped with a reason.
  EXPECT_GT(sent, 1000u);
  EXPECT_EQ(b_->out.delivered.size(), sent);
  uint64_t drops = 0;
  for (uint64_t d : a_->dp.drop_counters()) drops += d;
  EXPECT_EQ(drops + sent + a_->dp.held_packets(), 20000u);
}

}  // namespace
}  // namespace ikeshift::engine::esp
