// The IKEv1 message and chain decoder: the fixed header, then a loop over the
// generic payload headers driven by the payload table.
#include <string>

#include "wire/fixed_header.h"
#include "wire/ikev1_names.h"
#include "wire/ikev1_payload_bodies.h"

namespace ikeshift::wire::ikev1 {
namespace {

using detail::limit_exceeded;
using detail::malformed;

std::string n(size_t v) { return std::to_string(v); }

bool is_substructure(PayloadType t) { return t == PayloadType::Proposal || t == PayloadType::Transform; }

}  // namespace

ChainResult decode_payload_chain(PayloadType first, ByteView chain_bytes, size_t max_padding, size_t base) {
  if (chain_bytes.size() > DecodeLimits::kMaxMessageBytes)
    return ChainResult{limit_exceeded(base, "payload chain of " + n(chain_bytes.size()) + " bytes exceeds the " +
                                                n(DecodeLimits::kMaxMessageBytes) + "-byte limit")};
  Chain chain;
  ByteReader r(chain_bytes, base);
  PayloadType next = first;
  while (next != PayloadType::None) {
    const size_t start = r.offset();
    // The payload's name is for error texts only: built when one is needed.
    const PayloadType current = next;
    auto name = [current] { return payload_type_name(current); };
    if (chain.payloads.size() == DecodeLimits::kMaxPayloads)
      return ChainResult{limit_exceeded(start, "more than " + n(DecodeLimits::kMaxPayloads) + " payloads")};
    if (is_substructure(next))
      return ChainResult{malformed(start, "a " + name() + " substructure outside an SA payload")};
    if (r.at_end())
      return ChainResult{malformed(start, "the chain announces a " + name() + " payload, but the data ends")};
    if (r.remaining() < kGenericPayloadHeaderSize)
      return ChainResult{malformed(start, name() + " payload header truncated (" + n(r.remaining()) +
                                              " bytes left, need 4)")};
    uint8_t following = 0, reserved = 0;
    uint16_t length = 0;
    r.u8(following);  // cannot fail: 4 bytes are there
    r.u8(reserved);
    r.u16(length);
    if (length < kGenericPayloadHeaderSize)
      return ChainResult{malformed(start + 2, name() + " payload length " + n(length) +
                                                  " is shorter than its 4-byte header")};
    ByteReader body(ByteView(), 0);
    if (!r.sub(length - kGenericPayloadHeaderSize, body))
      return ChainResult{malformed(start + 2, name() + " payload length " + n(length) + " runs past the end (" +
                                                  n(r.remaining() + kGenericPayloadHeaderSize) + " bytes left)")};
    const auto* desc = detail::find_payload_descriptor(next);
    if (desc != nullptr && body.remaining() < desc->min_body)
      return ChainResult{malformed(start + 2, name() + " payload length " + n(length) +
                                                  " is shorter than its fixed fields (" +
                                                  n(kGenericPayloadHeaderSize + desc->min_body) + ")")};
    if (desc == nullptr || desc->decode == nullptr) {
      // IKEv1 has no critical bit: an unknown payload is data for the engine,
      // which may answer INVALID-PAYLOAD-TYPE (RFC 2408 5.2).
      chain.payloads.push_back(RawPayload{next, body.rest()});
    } else {
      chain.payloads.emplace_back();
      if (auto err = desc->decode(body, next, chain.payloads.back())) return ChainResult{std::move(*err)};
    }
    chain.spans.push_back(PayloadSpan{start - base, length});
    next = static_cast<PayloadType>(following);
  }
  chain.padding = r.remaining();
  if (chain.padding > max_padding) {
    return ChainResult{malformed(r.offset(), n(chain.padding) + " bytes after the last payload" +
                                                 (max_padding ? " (more than the " + n(max_padding) +
                                                                    " bytes of padding a block allows)"
                                                              : std::string()))};
  }
  return ChainResult{std::move(chain)};
}

DecodeResult decode_message(ByteView datagram) {
  auto fail = [](DecodeError e) { return DecodeResult{std::move(e), std::nullopt}; };
  if (auto err = check_datagram_size(datagram, DecodeLimits::kMaxMessageBytes, "ISAKMP header truncated"))
    return fail(std::move(*err));

  ByteReader r(datagram, 0);
  const FixedHeader f = read_fixed_header(r);  // cannot fail: 28 bytes are there
  const uint8_t flags = f.flags;
  Header h;
  h.cky_i = f.spi_i;
  h.cky_r = f.spi_r;
  h.message_id = f.message_id;
  h.length = f.length;
  h.next_payload = static_cast<PayloadType>(f.next_payload);
  h.major_version = f.major_version;
  h.minor_version = f.minor_version;
  h.exchange = static_cast<ExchangeType>(f.exchange);
  h.encrypted = (flags & kFlagEncryption) != 0;
  h.commit = (flags & kFlagCommit) != 0;
  h.auth_only = (flags & kFlagAuthenticationOnly) != 0;
  h.other_flags = static_cast<uint8_t>(flags & ~(kFlagEncryption | kFlagCommit | kFlagAuthenticationOnly));

  DecodeResult result{DecodeError{}, h};
  auto fail_with_header = [&result](DecodeError e) {
    result.value = std::move(e);
    return result;
  };
  if (h.length < kHeaderSize)
    return fail_with_header(malformed(24, "header length " + n(h.length) + " is shorter than the 28-byte header"));
  if (h.length > datagram.size())
    return fail_with_header(malformed(24, "header length " + n(h.length) + " exceeds the datagram (" +
                                              n(datagram.size()) + " bytes)"));
  if (h.length < datagram.size())
    return fail_with_header(malformed(h.length, n(datagram.size() - h.length) + " bytes after the " +
                                                    n(h.length) + "-byte message"));
  if (h.major_version != kMajorVersion)
    return fail_with_header(DecodeError{17, "major version " + n(h.major_version) + " is not 1",
                                        DecodeErrorKind::UnsupportedMajorVersion, 0});
  Message m;
  m.header = h;
  ByteView body = datagram.subview(kHeaderSize, h.length - kHeaderSize);
  if (h.encrypted) {
    m.encrypted = body.to_bytes();
  } else {
    ChainResult chain = decode_payload_chain(h.next_payload, body, 0, kHeaderSize);
    if (!chain) return fail_with_header(chain.error());
    m.payloads = std::move(chain.chain().payloads);
    m.spans = std::move(chain.chain().spans);
  }
  result.value = std::move(m);
  return result;
}

}  // namespace ikeshift::wire::ikev1
