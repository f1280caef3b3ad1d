// Internal to the codec: the body codecs of the payload types the codec
// understands, one decode and one encode function per type. The generic
// payload header (next payload, critical bit, length) is handled by the chain
// codec; these only see the body.
#pragma once

#include <optional>
#include <string>

#include "wire/byte_reader.h"
#include "wire/byte_writer.h"
#include "wire/ikev2_codec.h"
#include "wire/ikev2_message.h"

namespace ikeshift::wire::detail {

using wire::limit_exceeded;  // decode_error.h, shared by both versions' codecs
using wire::malformed;

// Each decoder consumes the whole body reader or reports why it cannot.
using BodyDecoder = std::optional<DecodeError> (*)(ByteReader& body, Payload& out);

std::optional<DecodeError> decode_sa(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_ke(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_idi(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_idr(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_auth(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_nonce(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_notify(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_delete(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_vendor_id(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_tsi(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_tsr(ByteReader& body, Payload& out);
std::optional<DecodeError> decode_encrypted(ByteReader& body, Payload& out);

void encode_body(ByteWriter& w, const SaPayload& p);
void encode_body(ByteWriter& w, const KePayload& p);
void encode_body(ByteWriter& w, const Identification& p);
void encode_body(ByteWriter& w, const AuthPayload& p);
void encode_body(ByteWriter& w, const NoncePayload& p);
void encode_body(ByteWriter& w, const NotifyPayload& p);
void encode_body(ByteWriter& w, const DeletePayload& p);
void encode_body(ByteWriter& w, const VendorIdPayload& p);
void encode_body(ByteWriter& w, const TrafficSelectors& p);
void encode_body(ByteWriter& w, const EncryptedPayload& p);
void encode_body(ByteWriter& w, const RawPayload& p);

}  // namespace ikeshift::wire::detail
