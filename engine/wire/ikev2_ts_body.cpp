// Traffic selector payload bodies (RFC 7296 3.13): a count, then selectors
// whose length is fixed by their type (16 for IPv4 ranges, 40 for IPv6).
#include <string>

#include "wire/ikev2_payload_bodies.h"

namespace ikeshift::wire::detail {
namespace {

constexpr size_t kSelectorHeader = 4;

std::string n(size_t v) { return std::to_string(v); }

// The selector length its type requires, 0 for types the codec keeps opaque.
size_t required_length(TsType type) {
  switch (type) {
    case TsType::Ipv4AddrRange: return kSelectorHeader + 4 + 2 * 4;
    case TsType::Ipv6AddrRange: return kSelectorHeader + 4 + 2 * 16;
  }
  return 0;
}

std::optional<DecodeError> decode_selectors(ByteReader& r, TrafficSelectors& out) {
  const size_t start = r.offset();
  uint8_t count = 0, reserved = 0;
  uint16_t reserved16 = 0;
  if (!r.u8(count) || !r.u8(reserved) || !r.u16(reserved16))
    return malformed(start, "TS payload header truncated");  // min_body prevents this
  out.selectors.resize(count);
  for (size_t i = 0; i < count; ++i) {
    const std::string where = "traffic selector " + n(i + 1) + " of " + n(count);
    TrafficSelector& ts = out.selectors[i];
    const size_t ts_start = r.offset();
    uint8_t type = 0;
    uint16_t length = 0;
    if (!r.u8(type) || !r.u8(ts.ip_protocol) || !r.u16(length))
      return malformed(ts_start, where + ": header truncated (" + n(r.remaining()) + " bytes left, need 4)");
    ts.type = static_cast<TsType>(type);
    const size_t required = required_length(ts.type);
    if (required != 0 && length != required)
      return malformed(ts_start + 2, where + ": length " + n(length) + " but type " + n(type) + " needs " +
                                         n(required));
    if (length < kSelectorHeader)
      return malformed(ts_start + 2, where + ": length " + n(length) + " is shorter than its 4-byte header");
    ByteReader body(ByteView(), 0);
    if (!r.sub(length - kSelectorHeader, body))
      return malformed(ts_start + 2, where + ": length " + n(length) + " runs past the payload (" +
                                         n(r.remaining() + kSelectorHeader) + " bytes left)");
    if (required == 0) {
      ts.other = body.rest();
      continue;
    }
    const size_t addr = (required - kSelectorHeader - 4) / 2;
    // Cannot fail: the body is exactly `required - 4` bytes long.
    body.u16(ts.start_port);
    body.u16(ts.end_port);
    body.bytes(addr, ts.start_address);
    body.bytes(addr, ts.end_address);
  }
  if (!r.at_end())
    return malformed(r.offset(), n(r.remaining()) + " bytes after the last of " + n(count) +
                                     " traffic selectors");
  return std::nullopt;
}

}  // namespace

std::optional<DecodeError> decode_tsi(ByteReader& body, Payload& out) {
  TsiPayload p;
  if (auto err = decode_selectors(body, p)) return err;
  out = std::move(p);
  return std::nullopt;
}

std::optional<DecodeError> decode_tsr(ByteReader& body, Payload& out) {
  TsrPayload p;
  if (auto err = decode_selectors(body, p)) return err;
  out = std::move(p);
  return std::nullopt;
}

void encode_body(ByteWriter& w, const TrafficSelectors& p) {
  if (p.selectors.size() > 0xFF) throw EncodeError("more than 255 traffic selectors in one payload");
  w.u8(static_cast<uint8_t>(p.selectors.size()));
  w.zeros(3);
  for (const auto& ts : p.selectors) {
    const size_t start = w.size();
    w.u8(static_cast<uint8_t>(ts.type));
    w.u8(ts.ip_protocol);
    w.u16(0);  // length, patched below
    const size_t required = required_length(ts.type);
    if (required == 0) {
      w.bytes(ts.other);
    } else {
      const size_t addr = (required - kSelectorHeader - 4) / 2;
      if (ts.start_address.size() != addr || ts.end_address.size() != addr)
        throw EncodeError("traffic selector of type " + n(static_cast<size_t>(ts.type)) + " needs " + n(addr) +
                          "-byte addresses");
      w.u16(ts.start_port);
      w.u16(ts.end_port);
      w.bytes(ts.start_address);
      w.bytes(ts.end_address);
    }
    w.patch_u16(start + 2, w.size() - start, "traffic selector");
  }
}

}  // namespace ikeshift::wire::detail
