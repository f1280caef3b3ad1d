// Appending numbers and peer-supplied text to a log line in place (addresses:
// append_ipv4 in common/ipv4.h, io::append_endpoint in io/endpoint.h).
// The ASA log writes about eight lines per IKE setup; building each from
// temporary strings cost more than half a microsecond a line, a measurable
// share of an ECP-256 setup (docs/PERFORMANCE.md), so the hot lines append
// into one buffer instead.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ikeshift::engine::events {

void append_decimal(std::string& out, uint64_t value);
// Lower-case, zero-padded to at least `digits`.
void append_hex(std::string& out, uint64_t value, int digits);
// Control bytes and DEL become \xNN, so a peer cannot start a forged line.
void append_printable(std::string& out, std::string_view s);

}  // namespace ikeshift::engine::events
