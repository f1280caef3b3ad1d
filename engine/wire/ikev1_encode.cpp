// The IKEv1 encoder: every Length and Next Payload field is derived from the
// payload list, and every payload's place is reported for the hashes.
#include <string>
#include <type_traits>

#include "wire/ikev1_payload_bodies.h"

namespace ikeshift::wire::ikev1 {

EncodedChain encode_payload_chain(const std::vector<Payload>& payloads) {
  if (payloads.size() > DecodeLimits::kMaxPayloads)
    throw EncodeError("more than " + std::to_string(DecodeLimits::kMaxPayloads) +
                      " payloads; the peer would reject the message");
  EncodedChain out;
  out.first = payloads.empty() ? PayloadType::None : payload_type(payloads.front());
  ByteWriter w(out.bytes);
  for (size_t i = 0; i < payloads.size(); ++i) {
    const Payload& p = payloads[i];
    const PayloadType following = i + 1 == payloads.size() ? PayloadType::None : payload_type(payloads[i + 1]);
    const size_t start = w.size();
    w.u8(static_cast<uint8_t>(following));
    w.u8(0);
    w.u16(0);  // length, patched below
    std::visit([&w](const auto& body) { detail::encode_body(w, body); }, p);
    w.patch_u16(start + 2, w.size() - start, "payload");
    out.spans.push_back(PayloadSpan{start, w.size() - start});
  }
  return out;
}

Bytes encode_header(const Header& h, PayloadType first, size_t body_length) {
  if (h.major_version > 0x0F || h.minor_version > 0x0F) throw EncodeError("ISAKMP version does not fit 4 bits");
  const size_t total = kHeaderSize + body_length;
  if (total > DecodeLimits::kMaxMessageBytes)
    throw EncodeError("message of " + std::to_string(total) + " bytes exceeds the " +
                      std::to_string(DecodeLimits::kMaxMessageBytes) + "-byte limit");
  Bytes out;
  out.reserve(total);
  ByteWriter w(out);
  w.u64(h.cky_i);
  w.u64(h.cky_r);
  w.u8(static_cast<uint8_t>(first));
  w.u8(static_cast<uint8_t>((h.major_version << 4) | h.minor_version));
  w.u8(static_cast<uint8_t>(h.exchange));
  w.u8(static_cast<uint8_t>((h.encrypted ? kFlagEncryption : 0) | (h.commit ? kFlagCommit : 0) |
                            (h.auth_only ? kFlagAuthenticationOnly : 0)));
  w.u32(h.message_id);
  w.u32(static_cast<uint32_t>(total));
  return out;
}

Bytes encode_message(const Header& h, const std::vector<Payload>& payloads) {
  if (h.encrypted) throw EncodeError("encode_message writes clear messages; encrypted ones are built by the SA");
  EncodedChain chain = encode_payload_chain(payloads);
  Bytes out = encode_header(h, chain.first, chain.bytes.size());
  out.insert(out.end(), chain.bytes.begin(), chain.bytes.end());
  return out;
}

}  // namespace ikeshift::wire::ikev1
