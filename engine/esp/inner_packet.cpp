#include "esp/inner_packet.h"

namespace ikeshift::engine::esp {

namespace {

uint16_t be16(const uint8_t* p) { return static_cast<uint16_t>((p[0] << 8) | p[1]); }
uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

PacketError parse_inner_packet(const uint8_t* p, size_t n, PacketFields& out) {
  out = {};
  if (n < 20) return PacketError::TooShort;
  if ((p[0] >> 4) != 4) return PacketError::NotIpv4;
  const size_t ihl = static_cast<size_t>(p[0] & 0x0f) * 4;
  if (ihl < 20 || ihl > n) return PacketError::BadHeaderLength;
  const size_t total = be16(p + 2);
  if (total < ihl || total > n) return PacketError::BadTotalLength;
  out.total_length = total;
  out.protocol = p[9];
  out.src = be32(p + 12);
  out.dst = be32(p + 16);
  const uint16_t frag = be16(p + 6);
  const bool first_fragment = (frag & 0x1fff) == 0;
  const uint8_t* l4 = p + ihl;
  const size_t l4_len = total - ihl;
  if (!first_fragment) return PacketError::None;
  switch (out.protocol) {
    case kProtoTcp:
    case kProtoUdp:
    case kProtoSctp:
      if (l4_len >= 4) {
        out.src_port = be16(l4);
        out.dst_port = be16(l4 + 2);
        out.ports_known = true;
      }
      break;
    case kProtoIcmp:
      if (l4_len >= 2) {
        out.src_port = out.dst_port = static_cast<uint16_t>((l4[0] << 8) | l4[1]);
        out.ports_known = true;
      }
      break;
    default:
      break;
  }
  return PacketError::None;
}

const char* packet_error_text(PacketError e) {
  switch (e) {
    case PacketError::None: return "ok";
    case PacketError::TooShort: return "shorter than an IPv4 header";
    case PacketError::NotIpv4: return "not IPv4";
    case PacketError::BadHeaderLength: return "IPv4 header length out of range";
    case PacketError::BadTotalLength: return "IPv4 total length does not match the packet";
  }
  return "?";
}

bool selector_matches(const model::TrafficSelector& ts, uint32_t address, const PacketFields& f, bool source) {
  if (address < ts.addresses.first || address > ts.addresses.last) return false;
  if (ts.protocol != 0 && ts.protocol != f.protocol) return false;
  const bool any_port = ts.port_first == 0 && ts.port_last == 65535;
  if (any_port) return true;
  if (!f.ports_known) return false;  // a port-restricted selector cannot vouch for an opaque fragment
  const uint16_t port = source ? f.src_port : f.dst_port;
  return port >= ts.port_first && port <= ts.port_last;
}

bool outbound_matches(const model::TrafficSelector& local, const model::TrafficSelector& remote,
                      const PacketFields& f) {
  return selector_matches(local, f.src, f, true) && selector_matches(remote, f.dst, f, false);
}

bool inbound_matches(const model::TrafficSelector& local, const model::TrafficSelector& remote,
                     const PacketFields& f) {
  return selector_matches(remote, f.src, f, true) && selector_matches(local, f.dst, f, false);
}

}  // namespace ikeshift::engine::esp
