// Decoding and encoding of IKEv2 messages and payload chains (RFC 7296 3).
//
// decode_*() never throw and never read outside their input: every length
// field is checked against the bytes that are really there, and anything
// inconsistent comes back as a DecodeError with the offset of the offending
// field and a reason for the log. encode_*() compute every length and Next
// Payload field themselves; they throw EncodeError only for messages that
// cannot exist on the wire (a caller bug, never peer input).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "wire/byte_writer.h"
#include "wire/bytes.h"
#include "wire/decode_error.h"
#include "wire/decode_result.h"
#include "wire/ikev2_message.h"

namespace ikeshift::wire {

// Upper bounds that keep a hostile datagram from costing more than a bounded
// amount of work and memory. The RFC allows no more than these in practice:
// UDP datagrams are below 64 KiB and real messages carry a dozen payloads.
struct DecodeLimits {
  static constexpr size_t kMaxMessageBytes = 64 * 1024;
  static constexpr size_t kMaxPayloads = 64;
  static constexpr size_t kMaxProposals = 64;
  static constexpr size_t kMaxAttributesPerTransform = 16;
};

using DecodeResult = BasicDecodeResult<Message, Header>;

struct ChainResult {
  std::variant<std::vector<Payload>, DecodeError> value;

  bool ok() const { return std::holds_alternative<std::vector<Payload>>(value); }
  explicit operator bool() const { return ok(); }
  const std::vector<Payload>& payloads() const { return std::get<std::vector<Payload>>(value); }
  const DecodeError& error() const { return std::get<DecodeError>(value); }
};

// A whole IKE message, as carried in a UDP datagram (for port 4500 after
// strip_non_esp_marker()). The header length must equal the datagram size.
DecodeResult decode_message(ByteView datagram);

// A payload chain that starts with a payload of type `first` (0 = empty chain):
// the decrypted content of an SK payload after its padding was removed.
// Error offsets are relative to `chain`.
ChainResult decode_payload_chain(PayloadType first, ByteView chain);

Bytes encode_message(const Message& message);

// The inner chain for an SK payload; its first type is
// payload_type(payloads.front()) (NoNext when empty).
Bytes encode_payload_chain(const std::vector<Payload>& payloads);

// The major version of whatever IKE message `datagram` holds (1 or 2), without
// decoding it, so the engine can hand IKEv1 to its own codec.
std::optional<uint8_t> peek_major_version(ByteView datagram);

}  // namespace ikeshift::wire
