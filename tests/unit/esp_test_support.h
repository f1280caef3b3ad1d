// Helpers for the ESP data plane tests: IPv4 packets, tunnels, matching SA
// installs for two ends, and an output that records what a data plane sends.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "crypto/secure_bytes.h"
#include "dataplane/child_sa.h"
#include "esp/data_plane.h"
#include "model/intent.h"

namespace ikeshift::engine::esp::test {

using crypto::Bytes;

inline uint32_t ip(int a, int b, int c, int d) {
  return (uint32_t(a) << 24) | (uint32_t(b) << 16) | (uint32_t(c) << 8) | uint32_t(d);
}

inline model::TrafficSelector net(uint32_t first, uint32_t last, uint8_t proto = 0, uint16_t p0 = 0,
                                  uint16_t p1 = 65535) {
  model::TrafficSelector ts;
  ts.addresses = {first, last};
  ts.protocol = proto;
  ts.port_first = p0;
  ts.port_last = p1;
  return ts;
}

// A valid IPv4 packet (header checksum left 0: nothing on this path checks it).
inline Bytes ipv4_packet(uint32_t src, uint32_t dst, uint8_t proto, uint16_t sport, uint16_t dport,
                         size_t payload = 32, uint8_t fill = 0x5a) {
  const size_t total = 20 + 8 + payload;
  Bytes p(total, fill);
  p[0] = 0x45;
  p[1] = 0;
  p[2] = static_cast<uint8_t>(total >> 8);
  p[3] = static_cast<uint8_t>(total);
  p[6] = p[7] = 0;
  p[8] = 64;
  p[9] = proto;
  for (int i = 0; i < 4; ++i) {
    p[12 + i] = static_cast<uint8_t>(src >> (24 - 8 * i));
    p[16 + i] = static_cast<uint8_t>(dst >> (24 - 8 * i));
  }
  p[20] = static_cast<uint8_t>(sport >> 8);
  p[21] = static_cast<uint8_t>(sport);
  p[22] = static_cast<uint8_t>(dport >> 8);
  p[23] = static_cast<uint8_t>(dport);
  return p;
}

inline model::Tunnel tunnel(const std::string& map, uint32_t sequence,
                            std::vector<std::pair<model::TrafficSelector, model::TrafficSelector>> pairs) {
  model::Tunnel t;
  t.map = map;
  t.sequence = sequence;
  for (auto& [l, r] : pairs) t.selectors.push_back(model::SelectorPair{l, r, {}});
  return t;
}

// Records what a data plane sends and delivers.
struct RecordingOutput : PacketOutput {
  struct Sent {
    OuterPath path;
    Bytes bytes;
  };
  std::vector<Sent> sent;
  std::vector<Bytes> delivered;
  bool fail_sends = false;
  bool send_esp(const OuterPath& path, const uint8_t* esp, size_t length) override {
    if (fail_sends) return false;
    sent.push_back({path, Bytes(esp, esp + length)});
    return true;
  }
  void deliver(const uint8_t* packet, size_t length) override { delivered.emplace_back(packet, packet + length); }
  int flushes = 0;
  void flush() override { ++flushes; }
};

struct RecordingControl : ControlPlane {
  std::vector<AcquireRequest> acquires;
  std::vector<uint32_t> soft, hard;  // inbound SPIs
  void acquire(const AcquireRequest& r) override { acquires.push_back(r); }
  void soft_lifetime_expired(int, uint32_t, uint32_t spi_in) override { soft.push_back(spi_in); }
  void hard_lifetime_expired(int, uint32_t, uint32_t spi_in) override { hard.push_back(spi_in); }
};

// The keys of one CHILD SA, both directions, as the IKE engine derives them.
struct SaKeys {
  Bytes encr_i, integ_i, encr_r, integ_r;  // initiator -> responder, and back
};

inline SaKeys keys_for(const crypto::CryptoContext& ctx, const dataplane::EspTransform& t, uint8_t seed) {
  EspKeySizes s;
  std::string why;
  SaCipher::key_sizes(ctx, t, s, why);
  SaKeys k;
  auto fill = [&](size_t n, uint8_t base) {
    Bytes b(n);
    for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(base + seed + i * 3);
    return b;
  };
  k.encr_i = fill(s.encryption, 0x11);
  k.integ_i = fill(s.integrity, 0x22);
  k.encr_r = fill(s.encryption, 0x33);
  k.integ_r = fill(s.integrity, 0x44);
  return k;
}

// The install of one end: `initiator` sends with the _i keys.
inline dataplane::ChildSaInstall install_for(bool initiator, const SaKeys& k, const dataplane::EspTransform& t,
                                             uint32_t spi_in, uint32_t spi_out, model::TrafficSelector local,
                                             model::TrafficSelector remote, uint32_t local_addr,
                                             uint32_t peer_addr, bool udp) {
  dataplane::ChildSaInstall in;
  in.ike_version = 2;
  in.ike_sa = 1;
  in.map = "vpn";
  in.sequence = 10;
  in.spi_in = spi_in;
  in.spi_out = spi_out;
  in.transform = t;
  in.local = local;
  in.remote = remote;
  in.local_address = local_addr;
  in.peer_address = peer_addr;
  in.udp_encapsulation = udp;
  in.local_port = udp ? 4500 : 0;
  in.peer_port = udp ? 4500 : 0;
  in.lifetime_seconds = 28800;
  in.lifetime_kilobytes = 4608000;
  in.encr_out = initiator ? crypto::ByteSpan(k.encr_i) : crypto::ByteSpan(k.encr_r);
  in.integ_out = initiator ? crypto::ByteSpan(k.integ_i) : crypto::ByteSpan(k.integ_r);
  in.encr_in = initiator ? crypto::ByteSpan(k.encr_r) : crypto::ByteSpan(k.encr_i);
  in.integ_in = initiator ? crypto::ByteSpan(k.integ_r) : crypto::ByteSpan(k.integ_i);
  return in;
}

// Feeds a packet to DataPlane::outbound in a buffer with the room it needs.
inline void send_packet(DataPlane& dp, const Bytes& packet) {
  std::vector<uint8_t> buf(kHeadroom + packet.size() + kTailroom);
  std::copy(packet.begin(), packet.end(), buf.begin() + kHeadroom);
  dp.outbound(buf.data(), buf.size(), kHeadroom, packet.size());
}

// The path as the receiver sees it (addresses and ports swapped).
inline OuterPath arrived(const OuterPath& sent) {
  return OuterPath{sent.udp, sent.peer, sent.local, sent.peer_port, sent.local_port};
}

}  // namespace ikeshift::engine::esp::test
