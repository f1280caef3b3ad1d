// TUN offload helpers (engine/esp/tun_offload.h) and the route prefixes:
// TSO super-packets split into valid segments, coalescing merges exactly the
// in-order segments of one flow, ranges become minimal CIDR prefixes.
#include <gtest/gtest.h>

#include <cstring>
#include <random>

#include "esp/route_table.h"
#include "esp/tun_offload.h"

namespace ikeshift::engine::esp {
namespace {

using Bytes = std::vector<uint8_t>;

void put16(uint8_t* p, uint16_t v) {
  p[0] = static_cast<uint8_t>(v >> 8);
  p[1] = static_cast<uint8_t>(v);
}
void put32(uint8_t* p, uint32_t v) {
  put16(p, static_cast<uint16_t>(v >> 16));
  put16(p + 2, static_cast<uint16_t>(v));
}
uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

// An IPv4/TCP packet with 12 bytes of options (timestamps) and `payload` bytes.
Bytes tcp_packet(uint32_t seq, size_t payload, uint8_t flags = 0x10, uint8_t fill = 0) {
  const size_t n = 20 + 32 + payload;
  Bytes p(n, 0);
  p[0] = 0x45;
  put16(&p[2], static_cast<uint16_t>(n));
  put16(&p[4], 0x1234);
  p[6] = 0x40;  // DF
  p[8] = 64;
  p[9] = 6;
  put32(&p[12], 0x0a0a0a01);
  put32(&p[16], 0x0a141401);
  put16(&p[20], 40000);
  put16(&p[22], 5201);
  put32(&p[24], seq);
  put32(&p[28], 777);
  p[32] = 0x80;  // data offset 8 words
  p[33] = flags;
  put16(&p[34], 512);
  p[40] = 1;
  p[41] = 1;
  p[42] = 8;
  p[43] = 10;
  for (size_t i = 0; i < payload; ++i) p[52 + i] = static_cast<uint8_t>(fill + i * 13);
  return p;
}

// Both checksums of a complete packet verify (sum of the covered data == 0xffff).
bool checksums_ok(const uint8_t* p, size_t n) {
  if (checksum_fold(checksum_add(p, 20, 0)) != 0xffff) return false;
  uint32_t pseudo = checksum_add(p + 12, 8, 0) + 6 + static_cast<uint32_t>(n - 20);
  return checksum_fold(checksum_add(p + 20, n - 20, pseudo)) == 0xffff;
}

TEST(TunOffload, ChecksumMatchesRfc1071Example) {
  // RFC 1071 section 3: 00 01 f2 03 f4 f5 f6 f7 sums to ddf2.
  const uint8_t data[] = {0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
  EXPECT_EQ(checksum_fold(checksum_add(data, sizeof data, 0)), 0xddf2);
}

TEST(TunOffload, TsoSuperPacketBecomesValidSegments) {
  const size_t mss = 1000, payload = 4500;
  Bytes super = tcp_packet(5000, payload, 0x18 /* ACK PSH */);
  // As the kernel hands it over: vnet header, partial checksum in the field.
  Bytes read(64 + 10 + super.size() + 320, 0);
  uint8_t* h = read.data() + 54;
  h[0] = 1;  // NEEDS_CSUM
  h[1] = 1;  // TCPV4
  uint16_t v = 52;
  std::memcpy(h + 2, &v, 2);
  v = static_cast<uint16_t>(mss);
  std::memcpy(h + 4, &v, 2);
  std::memcpy(h + 10, super.data(), super.size());
  std::vector<uint8_t> segments;
  std::vector<Bytes> out;
  ASSERT_TRUE(split_tun_read(read.data(), read.size(), 54, 10 + super.size(), segments, 64, 1500,
                             [&](uint8_t* base, size_t, size_t off, size_t len) {
                               out.emplace_back(base + off, base + off + len);
                             }));
  ASSERT_EQ(out.size(), 5u);
  Bytes reassembled;
  for (size_t i = 0; i < out.size(); ++i) {
    const Bytes& s = out[i];
    EXPECT_TRUE(checksums_ok(s.data(), s.size())) << i;
    EXPECT_EQ(be32(&s[24]), 5000 + i * mss);
    EXPECT_EQ(s[33] & 0x08, i + 1 == out.size() ? 0x08 : 0) << "PSH only on the last";
    EXPECT_EQ((s[4] << 8 | s[5]), 0x1234 + static_cast<int>(i));
    reassembled.insert(reassembled.end(), s.begin() + 52, s.end());
  }
  EXPECT_EQ(out.back().size(), 52u + 500);
  EXPECT_EQ(reassembled, Bytes(super.begin() + 52, super.end()));
}

TEST(TunOffload, PartialChecksumOfAPlainPacketIsCompleted) {
  Bytes p = tcp_packet(1, 100);
  // Kernel style: the TCP checksum field holds the pseudo-header sum only.
  uint32_t pseudo = checksum_add(&p[12], 8, 0) + 6 + static_cast<uint32_t>(p.size() - 20);
  put16(&p[36], checksum_fold(pseudo));
  fix_ipv4_header_checksum(p.data());
  Bytes read(64 + 10 + p.size() + 320, 0);
  uint8_t* h = read.data() + 54;
  h[0] = 1;
  uint16_t start = 20, off = 16;
  std::memcpy(h + 6, &start, 2);
  std::memcpy(h + 8, &off, 2);
  std::memcpy(h + 10, p.data(), p.size());
  std::vector<uint8_t> seg;
  Bytes got;
  ASSERT_TRUE(split_tun_read(read.data(), read.size(), 54, 10 + p.size(), seg, 64, 1500,
                             [&](uint8_t* base, size_t, size_t o, size_t len) { got.assign(base + o, base + o + len); }));
  EXPECT_TRUE(checksums_ok(got.data(), got.size()));
  // Garbage never parses into packets.
  EXPECT_FALSE(split_tun_read(read.data(), read.size(), 54, 12, seg, 64, 1500, [](uint8_t*, size_t, size_t, size_t) {}));
}

TEST(TunOffload, CoalescerMergesInOrderSegmentsOfOneFlowOnly) {
  TcpCoalescer c;
  c.add(tcp_packet(100, 1000).data(), 1052);
  c.add(tcp_packet(1100, 1000).data(), 1052);
  c.add(tcp_packet(2100, 600, 0x18).data(), 652);  // shorter + PSH: ends the run
  c.add(tcp_packet(2700, 1000).data(), 1052);      // a new run
  c.add(tcp_packet(9999, 1000).data(), 1052);      // a gap: not merged
  Bytes udp = tcp_packet(1, 10);
  udp[9] = 17;
  c.add(udp.data(), udp.size());
  struct Written {
    Bytes vnet, packet;
  };
  std::vector<Written> w;
  c.flush([&](const uint8_t* v, const uint8_t* p, size_t n) { w.push_back({Bytes(v, v + 10), Bytes(p, p + n)}); });
  ASSERT_EQ(w.size(), 4u);
  EXPECT_EQ(w[0].packet.size(), 52u + 2600);
  EXPECT_EQ(w[0].vnet[1], 1);  // GSO TCPv4
  uint16_t gso = 0;
  std::memcpy(&gso, &w[0].vnet[4], 2);
  EXPECT_EQ(gso, 1000);
  EXPECT_EQ(w[0].packet[33] & 0x08, 0x08);  // the PSH of the last segment
  EXPECT_EQ((w[0].packet[2] << 8 | w[0].packet[3]), 52 + 2600);
  EXPECT_EQ(checksum_fold(checksum_add(w[0].packet.data(), 20, 0)), 0xffff);
  EXPECT_EQ(w[1].packet.size(), 1052u);  // single: untouched, no GSO
  EXPECT_EQ(w[1].vnet[1], 0);
  EXPECT_EQ(w[2].packet, tcp_packet(9999, 1000));
  EXPECT_EQ(w[3].packet, udp);
  EXPECT_EQ(c.pending(), 0u);
}

TEST(RoutePrefixes, RangesBecomeTheFewestCidrBlocks) {
  auto s = [](uint32_t a, uint32_t b) {
    std::string out;
    for (const Prefix& p : prefixes_of(a, b)) out += (out.empty() ? "" : " ") + to_string(p);
    return out;
  };
  EXPECT_EQ(s(0x0a141400, 0x0a1414ff), "10.20.20.0/24");
  EXPECT_EQ(s(0x0a141401, 0x0a141401), "10.20.20.1/32");
  EXPECT_EQ(s(0, 0xffffffff), "0.0.0.0/0");
  EXPECT_EQ(s(0x0a000001, 0x0a000006), "10.0.0.1/32 10.0.0.2/31 10.0.0.4/31 10.0.0.6/32");
  EXPECT_TRUE(prefixes_of(5, 4).empty());
}

}  // namespace
}  // namespace ikeshift::engine::esp

namespace ikeshift::engine::esp {
namespace {

// Whatever the TUN read holds -- random headers, lengths, GSO sizes -- the
// splitter reads only inside the buffer and emits only what fits its slots.
TEST(TunOffload, RandomReadsNeverEmitOutOfBounds) {
  std::mt19937 rng(7);
  std::vector<uint8_t> segments;
  size_t emitted = 0;
  for (int i = 0; i < 20000; ++i) {
    Bytes p = tcp_packet(static_cast<uint32_t>(rng()), rng() % 3000);
    Bytes read(64 + 10 + p.size() + 320, 0);
    std::memcpy(read.data() + 64, p.data(), p.size());
    for (int k = 0; k < 10; ++k) read[54 + static_cast<size_t>(k)] = static_cast<uint8_t>(rng());
    for (int k = 0; k < 1 + static_cast<int>(rng() % 4); ++k) read[54 + rng() % (10 + p.size())] = static_cast<uint8_t>(rng());
    const size_t length = rng() % 2 ? 10 + p.size() : rng() % (10 + p.size() + 1);
    split_tun_read(read.data(), read.size(), 54, length, segments, 64, 1500,
                   [&](uint8_t* base, size_t cap, size_t off, size_t len) {
                     ASSERT_LE(off + len, cap);
                     ASSERT_TRUE((base == read.data()) || (base >= segments.data() && base + cap <= segments.data() + segments.size()));
                     ++emitted;
                   });
  }
  EXPECT_GT(emitted, 0u);
}

}  // namespace
}  // namespace ikeshift::engine::esp
