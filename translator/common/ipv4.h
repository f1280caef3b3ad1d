// IPv4 addresses as host-order uint32_t: parse and print.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ikeshift {

std::optional<uint32_t> parse_ipv4(std::string_view text);
std::string format_ipv4(uint32_t address);
// The same dotted quad appended to `out`, for log lines built in one buffer.
void append_ipv4(std::string& out, uint32_t address);
// 255.255.255.0 -> 24; nullopt when the mask is not contiguous.
std::optional<int> mask_to_prefix(uint32_t mask);

}  // namespace ikeshift
