#include "events/json_escape.h"

#include <cstdint>
#include <cstdio>

namespace ikeshift::engine::events {

namespace {

constexpr uint32_t kReplacement = 0xFFFD;

void append_u_escape(std::string& out, uint32_t unit) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(unit));
  out += buf;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes one UTF-8 sequence at s[i], strictly (RFC 3629: no overlongs, no
// surrogates, nothing above U+10FFFF). On error consumes one byte and yields
// U+FFFD, so decoding always makes progress.
uint32_t decode(std::string_view s, size_t& i) {
  const auto byte = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t b0 = byte(i);
  size_t len = 0;
  uint32_t cp = 0, min = 0;
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1Fu;
    min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0Fu;
    min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07u;
    min = 0x10000;
  } else {
    ++i;
    return kReplacement;
  }
  if (i + len > s.size()) {
    ++i;
    return kReplacement;
  }
  for (size_t k = 1; k < len; ++k) {
    const uint8_t b = byte(i + k);
    if ((b & 0xC0) != 0x80) {
      ++i;
      return kReplacement;
    }
    cp = (cp << 6) | (b & 0x3Fu);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    ++i;
    return kReplacement;
  }
  i += len;
  return cp;
}

}  // namespace

void append_json_string(std::string& out, std::string_view s, bool ascii_only) {
  out += '"';
  for (size_t i = 0; i < s.size();) {
    const uint32_t cp = decode(s, i);
    switch (cp) {
      case '"': out += "\\\""; continue;
      case '\\': out += "\\\\"; continue;
      case '\b': out += "\\b"; continue;
      case '\f': out += "\\f"; continue;
      case '\n': out += "\\n"; continue;
      case '\r': out += "\\r"; continue;
      case '\t': out += "\\t"; continue;
      default: break;
    }
    // Controls must be escaped; DEL and U+2028/U+2029 are legal JSON but
    // break terminals and JavaScript consumers of a log line, so escape them too.
    if (cp < 0x20 || cp == 0x7F || cp == 0x2028 || cp == 0x2029) {
      append_u_escape(out, cp);
    } else if (cp >= 0x80 && ascii_only) {
      if (cp >= 0x10000) {  // a UTF-16 surrogate pair
        const uint32_t v = cp - 0x10000;
        append_u_escape(out, 0xD800 + (v >> 10));
        append_u_escape(out, 0xDC00 + (v & 0x3FF));
      } else {
        append_u_escape(out, cp);
      }
    } else {
      append_utf8(out, cp);
    }
  }
  out += '"';
}

std::string json_quote(std::string_view s, bool ascii_only) {
  std::string out;
  out.reserve(s.size() + 2);
  append_json_string(out, s, ascii_only);
  return out;
}

}  // namespace ikeshift::engine::events
