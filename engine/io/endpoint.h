// An IPv4 UDP endpoint and the datagram that travels between two of them.
// Kept apart from transport.h so events can name endpoints without pulling in
// the transport interface.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace ikeshift::engine::io {

inline constexpr uint16_t kIkePort = 500;
inline constexpr uint16_t kNatTPort = 4500;  // RFC 3948: IKE with a non-ESP marker, and ESP-in-UDP

struct Endpoint {
  uint32_t address = 0;  // IPv4, host byte order (as translator/common/ipv4.h)
  uint16_t port = 0;

  bool operator==(const Endpoint& o) const { return address == o.address && port == o.port; }
  bool operator!=(const Endpoint& o) const { return !(*this == o); }
  bool operator<(const Endpoint& o) const {
    return address != o.address ? address < o.address : port < o.port;
  }
};

// "192.168.1.1:500", the form the ASA's 750xxx messages use.
std::string to_string(const Endpoint& e);
// The same appended to `out`.
void append_endpoint(std::string& out, const Endpoint& e);

struct Datagram {
  Endpoint from;  // on send: which local endpoint (address and port) sends it
  Endpoint to;    // on receive: the local address it arrived on (IP_PKTINFO)
  std::vector<uint8_t> bytes;
};

}  // namespace ikeshift::engine::io
