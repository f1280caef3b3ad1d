// The fixed 28-octet header both IKE versions start with (RFC 2408 3.1, RFC
// 7296 3.1): two 8-octet SPIs (IKEv1's cookies), next payload, version
// nibbles, exchange type, flags, message ID, length. What the flag bits mean
// differs per version, so each decoder maps `flags` itself.
#pragma once

#include <cstddef>
#include <cstdint>

#include <optional>
#include <string>

#include "wire/byte_reader.h"
#include "wire/bytes.h"
#include "wire/decode_error.h"

namespace ikeshift::wire {

inline constexpr size_t kFixedHeaderSize = 28;

struct FixedHeader {
  uint64_t spi_i = 0, spi_r = 0;  // IKEv1: initiator and responder cookies
  uint8_t next_payload = 0;
  uint8_t major_version = 0, minor_version = 0;
  uint8_t exchange = 0;
  uint8_t flags = 0;
  uint32_t message_id = 0;
  uint32_t length = 0;
};

// A datagram too long to be an IKE message (LimitExceeded) or too short for
// the header (Malformed, "<truncated_what>: N of 28 bytes").
inline std::optional<DecodeError> check_datagram_size(ByteView datagram, size_t max_bytes,
                                                      const std::string& truncated_what) {
  if (datagram.size() > max_bytes)
    return limit_exceeded(0, "datagram of " + std::to_string(datagram.size()) + " bytes exceeds the " +
                                 std::to_string(max_bytes) + "-byte limit");
  if (datagram.size() < kFixedHeaderSize)
    return malformed(datagram.size(), truncated_what + ": " + std::to_string(datagram.size()) + " of 28 bytes");
  return std::nullopt;
}

// Reads the header at r's position; the caller has checked that 28 octets are there.
inline FixedHeader read_fixed_header(ByteReader& r) {
  FixedHeader h;
  uint8_t version = 0;
  r.u64(h.spi_i);
  r.u64(h.spi_r);
  r.u8(h.next_payload);
  r.u8(version);
  r.u8(h.exchange);
  r.u8(h.flags);
  r.u32(h.message_id);
  r.u32(h.length);
  h.major_version = static_cast<uint8_t>(version >> 4);
  h.minor_version = static_cast<uint8_t>(version & 0x0F);
  return h;
}

}  // namespace ikeshift::wire
