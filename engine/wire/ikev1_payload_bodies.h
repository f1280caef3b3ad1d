// Internal to the IKEv1 codec: one decode and one encode function per payload
// body the codec understands. The generic header (next payload, reserved
// octet, length) belongs to the chain codec; these see only the body.
#pragma once

#include <optional>
#include <string>

#include "wire/byte_reader.h"
#include "wire/byte_writer.h"
#include "wire/ikev1_codec.h"
#include "wire/ikev1_message.h"

namespace ikeshift::wire::ikev1::detail {

using wire::limit_exceeded;  // decode_error.h, shared by both versions' codecs
using wire::malformed;

// Each decoder consumes the whole body reader or says why it cannot.
// `type` is the payload type being decoded (NAT-D and NAT-OA have two numbers).
using BodyDecoder = std::optional<DecodeError> (*)(ByteReader& body, PayloadType type, Payload& out);

std::optional<DecodeError> decode_sa(ByteReader& body, PayloadType type, Payload& out);
std::optional<DecodeError> decode_ke(ByteReader& body, PayloadType type, Payload& out);
std::optional<DecodeError> decode_id(ByteReader& body, PayloadType type, Payload& out);
std::optional<DecodeError> decode_hash(ByteReader& body, PayloadType type, Payload& out);
std::optional<DecodeError> decode_nonce(ByteReader& body, PayloadType type, Payload& out);
std::optional<DecodeError> decode_notification(ByteReader& body, PayloadType type, Payload& out);
std::optional<DecodeError> decode_delete(ByteReader& body, PayloadType type, Payload& out);
std::optional<DecodeError> decode_vendor_id(ByteReader& body, PayloadType type, Payload& out);
std::optional<DecodeError> decode_nat_d(ByteReader& body, PayloadType type, Payload& out);
std::optional<DecodeError> decode_nat_oa(ByteReader& body, PayloadType type, Payload& out);

void encode_body(ByteWriter& w, const SaPayload& p);
void encode_body(ByteWriter& w, const KePayload& p);
void encode_body(ByteWriter& w, const IdPayload& p);
void encode_body(ByteWriter& w, const HashPayload& p);
void encode_body(ByteWriter& w, const NoncePayload& p);
void encode_body(ByteWriter& w, const NotificationPayload& p);
void encode_body(ByteWriter& w, const DeletePayload& p);
void encode_body(ByteWriter& w, const VendorIdPayload& p);
void encode_body(ByteWriter& w, const NatDPayload& p);
void encode_body(ByteWriter& w, const NatOaPayload& p);
void encode_body(ByteWriter& w, const RawPayload& p);

struct PayloadDescriptor {
  PayloadType type;
  const char* name;       // strongSwan's short notation, as logs show it: "SA", "ID", "No", "NAT-D"
  const char* long_name;  // "Security Association"
  size_t min_body;        // octets of fixed fields after the generic header
  BodyDecoder decode;     // nullptr: known but kept as RawPayload
};

// nullptr for types the codec does not know (kept raw as well).
const PayloadDescriptor* find_payload_descriptor(PayloadType type);

}  // namespace ikeshift::wire::ikev1::detail
