#include "events/text_append.h"

#include <charconv>

namespace ikeshift::engine::events {

void append_decimal(std::string& out, uint64_t value) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, r.ptr);
}

void append_hex(std::string& out, uint64_t value, int digits) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, value, 16);
  const auto length = static_cast<int>(r.ptr - buf);
  if (length < digits) out.append(static_cast<size_t>(digits - length), '0');
  out.append(buf, r.ptr);
}

void append_printable(std::string& out, std::string_view s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7F) {
      out += "\\x";
      out += kDigits[b >> 4];
      out += kDigits[b & 0xF];
    } else {
      out += c;
    }
  }
}

}  // namespace ikeshift::engine::events
