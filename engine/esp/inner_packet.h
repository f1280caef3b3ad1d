// What the SPD and the selector checks need from an IPv4 packet: addresses,
// protocol and ports, read with every length checked against the bytes
// really there. Used for packets from the TUN device (outbound) and for
// decrypted inner packets (inbound).
#pragma once

#include <cstddef>
#include <cstdint>

#include "model/intent.h"

namespace ikeshift::engine::esp {

inline constexpr uint8_t kProtoIcmp = 1;
inline constexpr uint8_t kProtoTcp = 6;
inline constexpr uint8_t kProtoUdp = 17;
inline constexpr uint8_t kProtoSctp = 132;
inline constexpr uint8_t kIpInIp = 4;  // ESP next header of a tunnel-mode IPv4 packet

struct PacketFields {
  uint32_t src = 0, dst = 0;  // host byte order
  uint8_t protocol = 0;
  // TCP/UDP/SCTP ports; ICMP type << 8 | code in both (RFC 4301 4.4.1.1).
  // Not known in non-first fragments (RFC 4301 "OPAQUE").
  uint16_t src_port = 0, dst_port = 0;
  bool ports_known = false;
  size_t total_length = 0;  // the IPv4 total length field
};

enum class PacketError { None, TooShort, NotIpv4, BadHeaderLength, BadTotalLength };

// Reads the packet at p[0, n). A packet longer than its total length (link
// padding) is accepted; the caller uses total_length.
PacketError parse_inner_packet(const uint8_t* p, size_t n, PacketFields& out);
const char* packet_error_text(PacketError e);

// Whether one side of a packet (address, protocol, port) lies in a selector.
bool selector_matches(const model::TrafficSelector& ts, uint32_t address, const PacketFields& f, bool source);

// local/remote as this end sees them: outbound packets go local -> remote.
bool outbound_matches(const model::TrafficSelector& local, const model::TrafficSelector& remote,
                      const PacketFields& f);
// Inbound inner packets go remote -> local.
bool inbound_matches(const model::TrafficSelector& local, const model::TrafficSelector& remote,
                     const PacketFields& f);

}  // namespace ikeshift::engine::esp
