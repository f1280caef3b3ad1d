// Decoding and encoding of ISAKMP (IKEv1) messages and payload chains (RFC
// 2408 3, RFC 2407 4, RFC 3947).
//
// The same rules as the IKEv2 codec: decode_*() never throw and never read
// outside their input, every length is checked against the bytes really
// there, and errors come back as DecodeError{offset, what, kind}; encode_*()
// derive every length and Next Payload field and throw EncodeError only for
// messages that cannot exist on the wire (a caller bug).
//
// IKEv1 encrypts everything after the header as one CBC block stream, so an
// encrypted message decodes in two steps: decode_message() reads the header
// and keeps the ciphertext, the engine decrypts it with the SA's IV chain,
// and decode_payload_chain() reads the plaintext, which may end in padding.
#pragma once

#include <cstddef>
#include <optional>
#include <variant>
#include <vector>

#include "wire/byte_writer.h"
#include "wire/bytes.h"
#include "wire/decode_error.h"
#include "wire/decode_result.h"
#include "wire/ikev1_message.h"

namespace ikeshift::wire::ikev1 {

struct DecodeLimits {
  static constexpr size_t kMaxMessageBytes = 64 * 1024;
  static constexpr size_t kMaxPayloads = 64;
  static constexpr size_t kMaxProposals = 64;
  static constexpr size_t kMaxTransformsPerProposal = 64;
  static constexpr size_t kMaxAttributesPerTransform = 32;
};

using DecodeResult = BasicDecodeResult<Message, Header>;

struct Chain {
  std::vector<Payload> payloads;
  std::vector<PayloadSpan> spans;  // relative to the decoded chain
  size_t padding = 0;              // bytes after the last payload (decrypted chains)
};

struct ChainResult {
  std::variant<Chain, DecodeError> value;

  bool ok() const { return std::holds_alternative<Chain>(value); }
  explicit operator bool() const { return ok(); }
  const Chain& chain() const { return std::get<Chain>(value); }
  Chain& chain() { return std::get<Chain>(value); }
  const DecodeError& error() const { return std::get<DecodeError>(value); }
};

// A whole ISAKMP message from one UDP datagram (port 4500: after the non-ESP
// marker). The header length must equal the datagram size. With the E flag
// set, Message::encrypted holds the body and no payload is decoded.
DecodeResult decode_message(ByteView datagram);

// A payload chain starting with a payload of type `first`. `max_padding`:
// how many bytes may follow the last payload (0 for clear messages; the
// cipher's block size for decrypted bodies, which RFC 2409 pads with zeros).
// `base_offset` is added to error offsets (28 for a chain right after the
// header).
ChainResult decode_payload_chain(PayloadType first, ByteView chain, size_t max_padding, size_t base_offset = 0);

struct EncodedChain {
  Bytes bytes;
  std::vector<PayloadSpan> spans;
  PayloadType first = PayloadType::None;
};

EncodedChain encode_payload_chain(const std::vector<Payload>& payloads);

// The 28-byte header for a body of `body_length` bytes whose first payload is
// `first` (flags from `h`; its length field is computed).
Bytes encode_header(const Header& h, PayloadType first, size_t body_length);

// Header and clear chain in one datagram (E flag must be clear).
Bytes encode_message(const Header& h, const std::vector<Payload>& payloads);

}  // namespace ikeshift::wire::ikev1
