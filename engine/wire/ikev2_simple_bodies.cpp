// Bodies with a small fixed header and one variable field: KE, ID, AUTH,
// Nonce, Notify, Delete, Vendor ID, SK and the raw payloads. The chain decoder
// has already checked min_body from the payload table, so the fixed fields
// are present when these run; the variable parts are still checked here.
#include <string>

#include "wire/delete_spis.h"
#include "wire/ikev2_payload_bodies.h"

namespace ikeshift::wire::detail {
namespace {

std::string n(size_t v) { return std::to_string(v); }

std::optional<DecodeError> decode_id(ByteReader& r, Identification& id) {
  uint8_t type = 0, r1 = 0;
  uint16_t r2 = 0;
  if (!r.u8(type) || !r.u8(r1) || !r.u16(r2)) return malformed(r.offset(), "ID payload header truncated");
  id.type = static_cast<IdType>(type);
  id.data = r.rest();
  return std::nullopt;
}

}  // namespace

std::optional<DecodeError> decode_ke(ByteReader& body, Payload& out) {
  KePayload p;
  uint16_t reserved = 0;
  if (!body.u16(p.dh_group) || !body.u16(reserved)) return malformed(body.offset(), "KE header truncated");
  p.data = body.rest();
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_idi(ByteReader& body, Payload& out) {
  IdiPayload p;
  if (auto err = decode_id(body, p)) return err;
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_idr(ByteReader& body, Payload& out) {
  IdrPayload p;
  if (auto err = decode_id(body, p)) return err;
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_auth(ByteReader& body, Payload& out) {
  AuthPayload p;
  uint8_t method = 0, r1 = 0;
  uint16_t r2 = 0;
  if (!body.u8(method) || !body.u8(r1) || !body.u16(r2)) return malformed(body.offset(), "AUTH header truncated");
  p.method = static_cast<AuthMethod>(method);
  p.data = body.rest();
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_nonce(ByteReader& body, Payload& out) {
  out = NoncePayload{body.rest()};
  return std::nullopt;
}

std::optional<DecodeError> decode_notify(ByteReader& body, Payload& out) {
  NotifyPayload p;
  const size_t start = body.offset();
  uint8_t protocol = 0, spi_size = 0;
  uint16_t type = 0;
  if (!body.u8(protocol) || !body.u8(spi_size) || !body.u16(type))
    return malformed(start, "Notify header truncated");
  p.protocol = static_cast<ProtocolId>(protocol);
  p.type = static_cast<NotifyType>(type);
  if (!body.bytes(spi_size, p.spi))
    return malformed(start + 1, "Notify SPI size " + n(spi_size) + " runs past the payload (" +
                                    n(body.remaining()) + " bytes left)");
  p.data = body.rest();
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_delete(ByteReader& body, Payload& out) {
  DeletePayload p;
  const size_t start = body.offset();
  uint8_t protocol = 0;
  uint16_t count = 0;
  if (!body.u8(protocol) || !body.u8(p.spi_size) || !body.u16(count))
    return malformed(start, "Delete header truncated");
  p.protocol = static_cast<ProtocolId>(protocol);
  if (auto err = read_delete_spis(body, p.spi_size, count, start + 2, start + 2, p.spis)) return err;
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_vendor_id(ByteReader& body, Payload& out) {
  out = VendorIdPayload{body.rest()};
  return std::nullopt;
}

std::optional<DecodeError> decode_encrypted(ByteReader& body, Payload& out) {
  EncryptedPayload p;  // first_inner is set by the chain decoder from the header
  p.body = body.rest();
  out = std::move(p);
  return std::nullopt;
}

void encode_body(ByteWriter& w, const KePayload& p) {
  w.u16(p.dh_group);
  w.u16(0);
  w.bytes(p.data);
}

void encode_body(ByteWriter& w, const Identification& p) {
  w.u8(static_cast<uint8_t>(p.type));
  w.zeros(3);
  w.bytes(p.data);
}

void encode_body(ByteWriter& w, const AuthPayload& p) {
  w.u8(static_cast<uint8_t>(p.method));
  w.zeros(3);
  w.bytes(p.data);
}

void encode_body(ByteWriter& w, const NoncePayload& p) { w.bytes(p.data); }

void encode_body(ByteWriter& w, const NotifyPayload& p) {
  if (p.spi.size() > 0xFF) throw EncodeError("Notify SPI longer than 255 bytes");
  w.u8(static_cast<uint8_t>(p.protocol));
  w.u8(static_cast<uint8_t>(p.spi.size()));
  w.u16(static_cast<uint16_t>(p.type));
  w.bytes(p.spi);
  w.bytes(p.data);
}

void encode_body(ByteWriter& w, const DeletePayload& p) {
  w.u8(static_cast<uint8_t>(p.protocol));
  write_delete_spis(w, p.spi_size, p.spis);
}

void encode_body(ByteWriter& w, const VendorIdPayload& p) { w.bytes(p.data); }
void encode_body(ByteWriter& w, const EncryptedPayload& p) { w.bytes(p.body); }
void encode_body(ByteWriter& w, const RawPayload& p) { w.bytes(p.body); }

}  // namespace ikeshift::wire::detail
