// The IKE message in a datagram received on UDP 500 or 4500, for both IKE
// engines: on 4500 the non-ESP marker is stripped (RFC 3948 2.2), and ESP or
// a NAT keepalive is no IKE message at all (the data plane's).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "io/transport.h"

namespace ikeshift::engine::io {

std::optional<Datagram> ike_message_of(const Datagram& raw);

// The datagram that carries IKE message `ike` from `from` to `to`: with the
// non-ESP marker when it leaves from UDP 4500.
Datagram ike_datagram(const Endpoint& from, const Endpoint& to, const std::vector<uint8_t>& ike);

}  // namespace ikeshift::engine::io
