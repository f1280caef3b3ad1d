// SA payload body: proposals, transforms, transform attributes (RFC 7296
// 3.3). Three nested length-prefixed levels, each checked against its parent
// and its "last substructure" marker checked against the count it implies.
#include <string>

#include "wire/ikev2_payload_bodies.h"

namespace ikeshift::wire::detail {
namespace {

constexpr uint8_t kMoreProposals = 2;   // RFC 7296 3.3.1 "Last Substruc"
constexpr uint8_t kMoreTransforms = 3;  // RFC 7296 3.3.2
constexpr size_t kProposalHeader = 8;
constexpr size_t kTransformHeader = 8;

std::string n(size_t v) { return std::to_string(v); }

std::optional<DecodeError> decode_attributes(ByteReader& r, Transform& t, const DecodeWhere& where) {
  size_t count = 0;
  while (!r.at_end()) {
    const size_t start = r.offset();
    if (++count > DecodeLimits::kMaxAttributesPerTransform)
      return limit_exceeded(start, where.text() + ": more than " + n(DecodeLimits::kMaxAttributesPerTransform) +
                                       " attributes");
    Attribute a;
    if (auto err = read_data_attribute(r, a, where)) return err;
    // Key Length is defined as TV (RFC 7296 3.3.5); anything else, including
    // a second Key Length, is kept as an opaque attribute for the engine.
    if (a.tv && a.type == kAttrKeyLength && !t.key_length) {
      t.key_length = a.value;
    } else {
      t.other_attributes.push_back(std::move(a));
    }
  }
  return std::nullopt;
}

std::optional<DecodeError> decode_transform(ByteReader& r, Transform& t, bool must_be_last,
                                            const DecodeWhere& where) {
  const size_t start = r.offset();
  uint8_t last = 0, reserved = 0, type = 0, reserved2 = 0;
  uint16_t length = 0, id = 0;
  if (!r.u8(last) || !r.u8(reserved) || !r.u16(length) || !r.u8(type) || !r.u8(reserved2) || !r.u16(id))
    return malformed(start, where.text() + ": header truncated (" + n(r.remaining()) + " bytes left, need 8)");
  if (last != 0 && last != kMoreTransforms)
    return malformed(start, where.text() + ": last-substructure field is " + n(last) + ", not 0 or 3");
  if ((last == 0) != must_be_last)
    return malformed(start, where.text() + (must_be_last ? ": the transform count says this is the last, but it "
                                                    "announces more"
                                                  : ": marked last, but the transform count says more follow"));
  if (length < kTransformHeader)
    return malformed(start + 2, where.text() + ": length " + n(length) + " is shorter than its 8-byte header");
  ByteReader attrs(ByteView(), 0);
  if (!r.sub(length - kTransformHeader, attrs))
    return malformed(start + 2, where.text() + ": length " + n(length) + " runs past the proposal (" +
                                    n(r.remaining() + kTransformHeader) + " bytes left)");
  t.type = static_cast<TransformType>(type);
  t.id = id;
  return decode_attributes(attrs, t, where);
}

std::optional<DecodeError> decode_proposal(ByteReader& r, Proposal& p, uint8_t& last_field, size_t index) {
  const DecodeWhere where("proposal", index);
  const size_t start = r.offset();
  uint8_t reserved = 0, spi_size = 0, transforms = 0, protocol = 0;
  uint16_t length = 0;
  if (!r.u8(last_field) || !r.u8(reserved) || !r.u16(length) || !r.u8(p.number) || !r.u8(protocol) ||
      !r.u8(spi_size) || !r.u8(transforms))
    return malformed(start, where.text() + ": header truncated (" + n(r.remaining()) + " bytes left, need 8)");
  if (last_field != 0 && last_field != kMoreProposals)
    return malformed(start, where.text() + ": last-substructure field is " + n(last_field) + ", not 0 or 2");
  if (length < kProposalHeader + spi_size)
    return malformed(start + 2, where.text() + ": length " + n(length) + " is shorter than its header and " +
                                    n(spi_size) + "-byte SPI");
  ByteReader body(ByteView(), 0);
  if (!r.sub(length - kProposalHeader, body))
    return malformed(start + 2, where.text() + ": length " + n(length) + " runs past the SA payload (" +
                                    n(r.remaining() + kProposalHeader) + " bytes left)");
  p.protocol = static_cast<ProtocolId>(protocol);
  body.bytes(spi_size, p.spi);  // cannot fail: length >= 8 + spi_size
  p.transforms.resize(transforms);
  for (size_t i = 0; i < transforms; ++i) {
    auto err = decode_transform(body, p.transforms[i], i + 1 == transforms,
                                DecodeWhere(where, "transform", i + 1, transforms));
    if (err) return err;
  }
  if (!body.at_end())
    return malformed(body.offset(), where.text() + ": " + n(body.remaining()) + " bytes after its last transform");
  return std::nullopt;
}

void encode_transform(ByteWriter& w, const Transform& t, bool last) {
  const size_t start = w.size();
  w.u8(last ? 0 : kMoreTransforms);
  w.u8(0);
  w.u16(0);  // length, patched below
  w.u8(static_cast<uint8_t>(t.type));
  w.u8(0);
  w.u16(t.id);
  if (t.key_length) {
    w.u16(kAttributeFormatTv | kAttrKeyLength);
    w.u16(*t.key_length);
  }
  for (const auto& a : t.other_attributes) write_data_attribute(w, a);
  w.patch_u16(start + 2, w.size() - start, "transform");
}

}  // namespace

std::optional<DecodeError> decode_sa(ByteReader& body, Payload& out) {
  SaPayload sa;
  if (body.at_end()) return malformed(body.offset(), "SA payload without proposals");
  uint8_t last = kMoreProposals;
  while (last == kMoreProposals) {
    if (sa.proposals.size() == DecodeLimits::kMaxProposals)
      return limit_exceeded(body.offset(),
                            "SA payload with more than " + n(DecodeLimits::kMaxProposals) + " proposals");
    if (body.at_end())
      return malformed(body.offset(), "proposal " + n(sa.proposals.size()) +
                                          " announces another proposal, but the SA payload ends");
    sa.proposals.emplace_back();
    auto err = decode_proposal(body, sa.proposals.back(), last, sa.proposals.size());
    if (err) return err;
  }
  if (!body.at_end())
    return malformed(body.offset(), n(body.remaining()) + " bytes after the proposal marked last");
  out = std::move(sa);
  return std::nullopt;
}

void encode_body(ByteWriter& w, const SaPayload& p) {
  for (size_t i = 0; i < p.proposals.size(); ++i) {
    const Proposal& prop = p.proposals[i];
    if (prop.spi.size() > 0xFF) throw EncodeError("proposal SPI longer than 255 bytes");
    if (prop.transforms.size() > 0xFF) throw EncodeError("proposal with more than 255 transforms");
    const size_t start = w.size();
    w.u8(i + 1 == p.proposals.size() ? 0 : kMoreProposals);
    w.u8(0);
    w.u16(0);  // length, patched below
    w.u8(prop.number);
    w.u8(static_cast<uint8_t>(prop.protocol));
    w.u8(static_cast<uint8_t>(prop.spi.size()));
    w.u8(static_cast<uint8_t>(prop.transforms.size()));
    w.bytes(prop.spi);
    for (size_t t = 0; t < prop.transforms.size(); ++t)
      encode_transform(w, prop.transforms[t], t + 1 == prop.transforms.size());
    w.patch_u16(start + 2, w.size() - start, "proposal");
  }
}

}  // namespace ikeshift::wire::detail
