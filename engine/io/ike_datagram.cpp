#include "io/ike_datagram.h"

#include "wire/non_esp_marker.h"

namespace ikeshift::engine::io {

std::optional<Datagram> ike_message_of(const Datagram& raw) {
  if (raw.to.port != kNatTPort) return raw;
  wire::Udp4500Packet p = wire::classify_udp4500(raw.bytes);
  if (p.kind != wire::Udp4500Kind::Ike) return std::nullopt;
  return Datagram{raw.from, raw.to, p.payload.to_bytes()};
}

Datagram ike_datagram(const Endpoint& from, const Endpoint& to, const std::vector<uint8_t>& ike) {
  if (from.port == kNatTPort) return Datagram{from, to, wire::add_non_esp_marker(ike)};
  return Datagram{from, to, ike};
}

}  // namespace ikeshift::engine::io
