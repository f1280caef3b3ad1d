#include "common/ipv4.h"

#include <charconv>

namespace ikeshift {

std::optional<uint32_t> parse_ipv4(std::string_view text) {
  uint32_t out = 0;
  size_t pos = 0;
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (pos >= text.size() || text[pos] != '.') return std::nullopt;
      ++pos;
    }
    size_t start = pos;
    uint32_t v = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9' && pos - start < 3) {
      v = v * 10 + static_cast<uint32_t>(text[pos] - '0');
      ++pos;
    }
    if (pos == start || v > 255) return std::nullopt;
    out = (out << 8) | v;
  }
  if (pos != text.size()) return std::nullopt;
  return out;
}

std::string format_ipv4(uint32_t a) {
  std::string out;
  append_ipv4(out, a);
  return out;
}

void append_ipv4(std::string& out, uint32_t a) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    char octet[3];
    out.append(octet, std::to_chars(octet, octet + sizeof octet, (a >> shift) & 0xff).ptr);
    if (shift) out += '.';
  }
}

std::optional<int> mask_to_prefix(uint32_t mask) {
  int prefix = 0;
  while (prefix < 32 && (mask & (0x80000000u >> prefix)) != 0) ++prefix;
  uint32_t expected = prefix == 0 ? 0 : (0xffffffffu << (32 - prefix));
  if (mask != expected) return std::nullopt;
  return prefix;
}

}  // namespace ikeshift
