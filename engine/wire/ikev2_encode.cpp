// The message and payload-chain encoder. Every Length and Next Payload field
// is derived from the payload list, so a caller cannot get them wrong.
#include <string>
#include <type_traits>

#include "wire/byte_writer.h"
#include "wire/ikev2_codec.h"
#include "wire/ikev2_payload_bodies.h"

namespace ikeshift::wire {
namespace {

void encode_chain(ByteWriter& w, const std::vector<Payload>& payloads) {
  if (payloads.size() > DecodeLimits::kMaxPayloads)
    throw EncodeError("more than " + std::to_string(DecodeLimits::kMaxPayloads) +
                      " payloads; the peer would reject the message");
  for (size_t i = 0; i < payloads.size(); ++i) {
    const Payload& p = payloads[i];
    const bool last = i + 1 == payloads.size();
    PayloadType following = last ? PayloadType::NoNext : payload_type(payloads[i + 1]);
    bool critical = false;
    if (const auto* sk = std::get_if<EncryptedPayload>(&p)) {
      // RFC 7296 3.14: SK is the last payload; its Next Payload field names
      // the first payload inside it.
      if (!last) throw EncodeError("the SK payload must be the last payload of a message");
      following = sk->first_inner;
    }
    if (const auto* raw = std::get_if<RawPayload>(&p)) critical = raw->critical;
    const size_t start = w.size();
    w.u8(static_cast<uint8_t>(following));
    w.u8(critical ? kFlagCritical : 0);
    w.u16(0);  // length, patched below
    std::visit([&w](const auto& body) { detail::encode_body(w, body); }, p);
    w.patch_u16(start + 2, w.size() - start, "payload");
  }
}

}  // namespace

Bytes encode_message(const Message& message) {
  const Header& h = message.header;
  Bytes out;
  out.reserve(256);
  ByteWriter w(out);
  w.u64(h.spi_i);
  w.u64(h.spi_r);
  w.u8(static_cast<uint8_t>(message.payloads.empty() ? PayloadType::NoNext
                                                     : payload_type(message.payloads.front())));
  if (h.major_version > 0x0F || h.minor_version > 0x0F) throw EncodeError("IKE version does not fit 4 bits");
  w.u8(static_cast<uint8_t>((h.major_version << 4) | h.minor_version));
  w.u8(static_cast<uint8_t>(h.exchange));
  w.u8(static_cast<uint8_t>((h.initiator ? kFlagInitiator : 0) | (h.version_flag ? kFlagVersion : 0) |
                            (h.response ? kFlagResponse : 0)));
  w.u32(h.message_id);
  w.u32(0);  // length, patched below
  encode_chain(w, message.payloads);
  if (out.size() > DecodeLimits::kMaxMessageBytes)
    throw EncodeError("message of " + std::to_string(out.size()) + " bytes exceeds the " +
                      std::to_string(DecodeLimits::kMaxMessageBytes) + "-byte limit");
  w.patch_u32(24, static_cast<uint32_t>(out.size()));
  return out;
}

Bytes encode_payload_chain(const std::vector<Payload>& payloads) {
  for (const auto& p : payloads) {
    if (std::holds_alternative<EncryptedPayload>(p)) throw EncodeError("an SK payload inside an SK payload");
  }
  Bytes out;
  out.reserve(256);  // an IKE_AUTH chain fits; growing byte by byte reallocates ~8 times
  ByteWriter w(out);
  encode_chain(w, payloads);
  return out;
}

}  // namespace ikeshift::wire
