// IKEv1 bodies with a small fixed part and one variable field: KE, ID, HASH,
// Nonce, Notification, Delete, Vendor ID, NAT-D, NAT-OA and the raw ones. The
// chain decoder has checked min_body from the table; variable parts are
// checked here.
#include <string>

#include "wire/delete_spis.h"
#include "wire/ikev1_payload_bodies.h"

namespace ikeshift::wire::ikev1::detail {
namespace {

std::string n(size_t v) { return std::to_string(v); }

}  // namespace

std::optional<DecodeError> decode_ke(ByteReader& body, PayloadType, Payload& out) {
  out = KePayload{body.rest()};
  return std::nullopt;
}

std::optional<DecodeError> decode_id(ByteReader& body, PayloadType, Payload& out) {
  IdPayload p;
  uint8_t type = 0;
  body.u8(type);  // cannot fail: min_body 4
  body.u8(p.protocol);
  body.u16(p.port);
  p.type = static_cast<IdType>(type);
  p.data = body.rest();
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_hash(ByteReader& body, PayloadType, Payload& out) {
  out = HashPayload{body.rest()};
  return std::nullopt;
}

std::optional<DecodeError> decode_nonce(ByteReader& body, PayloadType, Payload& out) {
  out = NoncePayload{body.rest()};
  return std::nullopt;
}

std::optional<DecodeError> decode_notification(ByteReader& body, PayloadType, Payload& out) {
  NotificationPayload p;
  const size_t start = body.offset();
  uint8_t protocol = 0, spi_size = 0;
  uint16_t type = 0;
  body.u32(p.doi);  // cannot fail: min_body 8
  body.u8(protocol);
  body.u8(spi_size);
  body.u16(type);
  p.protocol = static_cast<ProtocolId>(protocol);
  p.type = static_cast<NotifyType>(type);
  if (!body.bytes(spi_size, p.spi))
    return malformed(start + 5, "Notification SPI size " + n(spi_size) + " runs past the payload (" +
                                    n(body.remaining()) + " bytes left)");
  p.data = body.rest();
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_delete(ByteReader& body, PayloadType, Payload& out) {
  DeletePayload p;
  const size_t start = body.offset();
  uint8_t protocol = 0;
  uint16_t count = 0;
  body.u32(p.doi);  // cannot fail: min_body 8
  body.u8(protocol);
  body.u8(p.spi_size);
  body.u16(count);
  p.protocol = static_cast<ProtocolId>(protocol);
  if (auto err = read_delete_spis(body, p.spi_size, count, start + 5, start + 6, p.spis)) return err;
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_vendor_id(ByteReader& body, PayloadType, Payload& out) {
  out = VendorIdPayload{body.rest()};
  return std::nullopt;
}

std::optional<DecodeError> decode_nat_d(ByteReader& body, PayloadType type, Payload& out) {
  out = NatDPayload{type, body.rest()};
  return std::nullopt;
}

std::optional<DecodeError> decode_nat_oa(ByteReader& body, PayloadType type, Payload& out) {
  NatOaPayload p;
  p.type = type;
  uint8_t id_type = 0, r1 = 0;
  uint16_t r2 = 0;
  body.u8(id_type);  // cannot fail: min_body 4
  body.u8(r1);
  body.u16(r2);
  p.id_type = static_cast<IdType>(id_type);
  p.address = body.rest();
  out = std::move(p);
  return std::nullopt;
}

void encode_body(ByteWriter& w, const KePayload& p) { w.bytes(p.data); }

void encode_body(ByteWriter& w, const IdPayload& p) {
  w.u8(static_cast<uint8_t>(p.type));
  w.u8(p.protocol);
  w.u16(p.port);
  w.bytes(p.data);
}

void encode_body(ByteWriter& w, const HashPayload& p) { w.bytes(p.data); }
void encode_body(ByteWriter& w, const NoncePayload& p) { w.bytes(p.data); }

void encode_body(ByteWriter& w, const NotificationPayload& p) {
  if (p.spi.size() > 0xFF) throw EncodeError("Notification SPI longer than 255 bytes");
  w.u32(p.doi);
  w.u8(static_cast<uint8_t>(p.protocol));
  w.u8(static_cast<uint8_t>(p.spi.size()));
  w.u16(static_cast<uint16_t>(p.type));
  w.bytes(p.spi);
  w.bytes(p.data);
}

void encode_body(ByteWriter& w, const DeletePayload& p) {
  w.u32(p.doi);
  w.u8(static_cast<uint8_t>(p.protocol));
  write_delete_spis(w, p.spi_size, p.spis);
}

void encode_body(ByteWriter& w, const VendorIdPayload& p) { w.bytes(p.data); }
void encode_body(ByteWriter& w, const NatDPayload& p) { w.bytes(p.hash); }

void encode_body(ByteWriter& w, const NatOaPayload& p) {
  w.u8(static_cast<uint8_t>(p.id_type));
  w.zeros(3);
  w.bytes(p.address);
}

void encode_body(ByteWriter& w, const RawPayload& p) { w.bytes(p.body); }

}  // namespace ikeshift::wire::ikev1::detail
