// UDP port 4500 carries three things (RFC 3948, RFC 7296 2.23): IKE messages
// behind a 4-byte zero "non-ESP marker", ESP packets (whose SPI is never 0)
// and 1-byte NAT-keepalives (0xFF). This tells them apart and adds or strips
// the marker, so the IKE codec only ever sees bare IKE messages.
#pragma once

#include "wire/bytes.h"

namespace ikeshift::wire {

enum class Udp4500Kind { Ike, Esp, NatKeepalive, Invalid };

struct Udp4500Packet {
  Udp4500Kind kind = Udp4500Kind::Invalid;
  ByteView payload;  // Ike: the message without the marker; Esp: the whole packet
};

Udp4500Packet classify_udp4500(ByteView datagram);

// Ike if the datagram starts with the marker: the rest; otherwise an empty view.
ByteView strip_non_esp_marker(ByteView datagram);

Bytes add_non_esp_marker(ByteView ike_message);

}  // namespace ikeshift::wire
