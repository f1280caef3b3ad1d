// The message and payload-chain decoder: the fixed header, then a loop over
// the generic payload headers driven by the payload table.
#include <string>

#include "wire/fixed_header.h"
#include "wire/byte_reader.h"
#include "wire/ikev2_codec.h"
#include "wire/ikev2_names.h"
#include "wire/ikev2_payload_table.h"

namespace ikeshift::wire {
namespace {

using detail::limit_exceeded;
using detail::malformed;

std::string n(size_t v) { return std::to_string(v); }

// `nested`: the chain is the decrypted content of an SK payload, where
// another SK payload would be an absurdity rather than a message.
std::optional<DecodeError> decode_chain(PayloadType first, ByteReader& r, std::vector<Payload>& out,
                                        bool nested) {
  std::optional<DecodeError> unsupported_critical;
  // Most messages carry a handful of payloads: one allocation, not four growths.
  out.reserve(8);
  PayloadType next = first;
  while (next != PayloadType::NoNext) {
    const size_t start = r.offset();
    // The payload's name is for error texts only: built when one is needed.
    const PayloadType current = next;
    auto name = [current] { return payload_type_name(current); };
    if (out.size() == DecodeLimits::kMaxPayloads)
      return limit_exceeded(start, "more than " + n(DecodeLimits::kMaxPayloads) + " payloads");
    if (r.at_end()) return malformed(start, "the chain announces a " + name() + " payload, but the data ends");
    if (r.remaining() < kGenericPayloadHeaderSize)
      return malformed(start, name() + " payload header truncated (" + n(r.remaining()) + " bytes left, need 4)");
    uint8_t following = 0, flags = 0;
    uint16_t length = 0;
    r.u8(following);  // cannot fail: 4 bytes are there
    r.u8(flags);
    r.u16(length);
    if (next == PayloadType::Encrypted && nested)
      return malformed(start, "an SK payload inside an SK payload");
    if (length < kGenericPayloadHeaderSize)
      return malformed(start + 2, name() + " payload length " + n(length) + " is shorter than its 4-byte header");
    ByteReader body(ByteView(), 0);
    if (!r.sub(length - kGenericPayloadHeaderSize, body))
      return malformed(start + 2, name() + " payload length " + n(length) + " runs past the end (" +
                                      n(r.remaining() + kGenericPayloadHeaderSize) + " bytes left)");
    const auto* desc = detail::find_payload_descriptor(next);
    const bool critical = (flags & kFlagCritical) != 0;
    if (desc == nullptr || desc->decode == nullptr) {
      // RFC 7296 3.2: an unknown payload with the critical bit rejects the
      // whole message; without it the payload is skipped (here: kept raw).
      if (desc == nullptr && critical && !unsupported_critical) {
        unsupported_critical = DecodeError{start + 1, "unsupported critical payload type " + n(static_cast<size_t>(next)),
                                           DecodeErrorKind::UnsupportedCriticalPayload, static_cast<uint8_t>(next)};
      }
      if (desc != nullptr && body.remaining() < desc->min_body)
        return malformed(start + 2, name() + " payload length " + n(length) + " is shorter than its fixed fields (" +
                                        n(kGenericPayloadHeaderSize + desc->min_body) + ")");
      out.push_back(RawPayload{next, critical, body.rest()});
    } else {
      if (body.remaining() < desc->min_body)
        return malformed(start + 2, name() + " payload length " + n(length) + " is shorter than its fixed fields (" +
                                        n(kGenericPayloadHeaderSize + desc->min_body) + ")");
      out.emplace_back();
      if (auto err = desc->decode(body, out.back())) return err;
      if (auto* sk = std::get_if<EncryptedPayload>(&out.back())) sk->first_inner = static_cast<PayloadType>(following);
    }
    if (desc != nullptr && desc->ends_chain) {
      if (!r.at_end())
        return malformed(r.offset(), n(r.remaining()) + " bytes after the " + name() +
                                         " payload, which must be the last");
      break;
    }
    next = static_cast<PayloadType>(following);
  }
  if (!r.at_end()) return malformed(r.offset(), n(r.remaining()) + " bytes after the last payload");
  return unsupported_critical;
}

}  // namespace

std::optional<uint8_t> peek_major_version(ByteView datagram) {
  if (datagram.size() < kIkeHeaderSize) return std::nullopt;
  return static_cast<uint8_t>(datagram.data()[17] >> 4);
}

DecodeResult decode_message(ByteView datagram) {
  auto fail = [](DecodeError e) { return DecodeResult{std::move(e), std::nullopt}; };
  if (auto err = check_datagram_size(datagram, DecodeLimits::kMaxMessageBytes, "truncated header"))
    return fail(std::move(*err));

  ByteReader r(datagram, 0);
  const FixedHeader f = read_fixed_header(r);  // cannot fail: 28 bytes are there
  const uint8_t flags = f.flags;
  Header h;
  h.spi_i = f.spi_i;
  h.spi_r = f.spi_r;
  h.message_id = f.message_id;
  h.length = f.length;
  h.next_payload = static_cast<PayloadType>(f.next_payload);
  h.major_version = f.major_version;
  h.minor_version = f.minor_version;
  h.exchange = static_cast<ExchangeType>(f.exchange);
  h.initiator = (flags & kFlagInitiator) != 0;
  h.version_flag = (flags & kFlagVersion) != 0;
  h.response = (flags & kFlagResponse) != 0;

  DecodeResult result{DecodeError{}, h};
  auto fail_with_header = [&result](DecodeError e) {
    result.value = std::move(e);
    return result;
  };
  if (h.length < kIkeHeaderSize)
    return fail_with_header(malformed(24, "header length " + n(h.length) + " is shorter than the 28-byte header"));
  if (h.length > datagram.size())
    return fail_with_header(malformed(24, "header length " + n(h.length) + " exceeds the datagram (" +
                                              n(datagram.size()) + " bytes)"));
  if (h.length < datagram.size())
    return fail_with_header(malformed(h.length, n(datagram.size() - h.length) + " bytes after the " +
                                                    n(h.length) + "-byte message"));

  // Minor versions must be ignored (RFC 7296 3.1); a different major version
  // is answered with INVALID_MAJOR_VERSION, which needs the header.
  if (h.major_version != kIkev2MajorVersion) {
    result.value = DecodeError{17, "major version " + n(h.major_version) + " is not 2",
                               DecodeErrorKind::UnsupportedMajorVersion, 0};
    return result;
  }
  Message m;
  m.header = h;
  ByteReader chain(datagram.subview(kIkeHeaderSize, h.length - kIkeHeaderSize), kIkeHeaderSize);
  if (auto err = decode_chain(h.next_payload, chain, m.payloads, false)) {
    result.value = std::move(*err);
    return result;
  }
  result.value = std::move(m);
  return result;
}

ChainResult decode_payload_chain(PayloadType first, ByteView chain) {
  if (chain.size() > DecodeLimits::kMaxMessageBytes)
    return ChainResult{limit_exceeded(0, "payload chain of " + n(chain.size()) + " bytes exceeds the " +
                                             n(DecodeLimits::kMaxMessageBytes) + "-byte limit")};
  std::vector<Payload> payloads;
  ByteReader r(chain, 0);
  if (auto err = decode_chain(first, r, payloads, true)) return ChainResult{std::move(*err)};
  return ChainResult{std::move(payloads)};
}

}  // namespace ikeshift::wire
