// Appending numbers, addresses and peer-supplied text to a log line in place.
// The ASA log writes about eight lines per IKE setup; building each from
// temporary strings cost more than half a microsecond a line, a measurable
// share of an ECP-256 setup (docs/PERFORMANCE.md), so the hot lines append
// into one buffer instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "io/endpoint.h"

namespace ikeshift::engine::events {

void append_decimal(std::string& out, uint64_t value);
// Lower-case, zero-padded to at least `digits`.
void append_hex(std::string& out, uint64_t value, int digits);
// Dotted quad of a host-order address.
void append_ipv4(std::string& out, uint32_t address);
// "192.0.2.1:500"
void append_endpoint(std::string& out, const io::Endpoint& e);
// Control bytes and DEL become \xNN, so a peer cannot start a forged line.
void append_printable(std::string& out, std::string_view s);

}  // namespace ikeshift::engine::events
