// SA payload body (RFC 2408 3.4-3.6, RFC 2407 4.2): DOI, situation, then
// Proposal payloads, each with its Transform payloads and their data
// attributes. Three nested length-prefixed levels, each checked against its
// parent; the Next Payload fields of the substructures (2 = another proposal,
// 3 = another transform, 0 = last) are checked against the counts.
#include <string>

#include "wire/ikev1_payload_bodies.h"

namespace ikeshift::wire::ikev1::detail {
namespace {

constexpr uint8_t kNextProposal = 2;
constexpr uint8_t kNextTransform = 3;
constexpr size_t kSubstructureHeader = 4;
constexpr size_t kProposalFixed = 4;   // number, protocol, SPI size, #transforms
constexpr size_t kTransformFixed = 4;  // number, id, 2 reserved

std::string n(size_t v) { return std::to_string(v); }

std::optional<DecodeError> decode_attributes(ByteReader& r, Transform& t, const DecodeWhere& where) {
  while (!r.at_end()) {
    const size_t start = r.offset();
    if (t.attributes.size() == DecodeLimits::kMaxAttributesPerTransform)
      return limit_exceeded(start, where.text() + ": more than " + n(DecodeLimits::kMaxAttributesPerTransform) +
                                       " attributes");
    Attribute a;
    if (auto err = read_data_attribute(r, a, where)) return err;
    t.attributes.push_back(std::move(a));
  }
  return std::nullopt;
}

// One substructure's generic header: next, reserved, length; `body` gets the
// rest of its length.
std::optional<DecodeError> substructure(ByteReader& r, size_t fixed, uint8_t& next, ByteReader& body,
                                        const DecodeWhere& where) {
  const size_t start = r.offset();
  uint8_t reserved = 0;
  uint16_t length = 0;
  if (!r.u8(next) || !r.u8(reserved) || !r.u16(length))
    return malformed(start, where.text() + ": header truncated (" + n(r.remaining()) + " bytes left, need 4)");
  if (length < kSubstructureHeader + fixed)
    return malformed(start + 2, where.text() + ": length " + n(length) + " is shorter than its " +
                                    n(kSubstructureHeader + fixed) + " bytes of fixed fields");
  if (!r.sub(length - kSubstructureHeader, body))
    return malformed(start + 2, where.text() + ": length " + n(length) + " runs past its parent (" +
                                    n(r.remaining() + kSubstructureHeader) + " bytes left)");
  return std::nullopt;
}

std::optional<DecodeError> decode_transform(ByteReader& r, Transform& t, bool must_be_last, const DecodeWhere& where) {
  const size_t start = r.offset();
  uint8_t next = 0;
  ByteReader body(ByteView(), 0);
  if (auto err = substructure(r, kTransformFixed, next, body, where)) return err;
  if (next != 0 && next != kNextTransform)
    return malformed(start, where.text() + ": next-payload field is " + n(next) + ", not 0 or 3 (Transform)");
  if ((next == 0) != must_be_last)
    return malformed(start, where.text() + (must_be_last ? ": the transform count says this is the last, but it "
                                                    "announces another"
                                                  : ": marked last, but the transform count says more follow"));
  uint16_t reserved = 0;
  body.u8(t.number);  // cannot fail: 4 fixed bytes checked
  body.u8(t.id);
  body.u16(reserved);
  return decode_attributes(body, t, where);
}

std::optional<DecodeError> decode_proposal(ByteReader& r, Proposal& p, uint8_t& next, size_t index) {
  const DecodeWhere where("proposal", index);
  const size_t start = r.offset();
  ByteReader body(ByteView(), 0);
  if (auto err = substructure(r, kProposalFixed, next, body, where)) return err;
  if (next != 0 && next != kNextProposal)
    return malformed(start, where.text() + ": next-payload field is " + n(next) + ", not 0 or 2 (Proposal)");
  uint8_t protocol = 0, spi_size = 0, transforms = 0;
  body.u8(p.number);  // cannot fail: 4 fixed bytes checked
  body.u8(protocol);
  body.u8(spi_size);
  body.u8(transforms);
  p.protocol = static_cast<ProtocolId>(protocol);
  if (!body.bytes(spi_size, p.spi))
    return malformed(start + 6, where.text() + ": SPI size " + n(spi_size) + " runs past the proposal (" +
                                    n(body.remaining()) + " bytes left)");
  if (transforms > DecodeLimits::kMaxTransformsPerProposal)
    return limit_exceeded(start + 7, where.text() + ": " + n(transforms) + " transforms, more than " +
                                         n(DecodeLimits::kMaxTransformsPerProposal));
  if (transforms == 0) return malformed(start + 7, where.text() + ": no transforms");
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

}  // namespace

std::optional<DecodeError> decode_sa(ByteReader& body, PayloadType, Payload& out) {
  SaPayload sa;
  body.u32(sa.doi);  // cannot fail: min_body 8
  body.u32(sa.situation);
  if (sa.doi != kDoiIpsec || sa.situation != kSituationIdentityOnly) {
    // Another DOI, or a situation with secrecy/integrity labels: the layout
    // of what follows is not RFC 2407's simple one. Kept for the engine,
    // which answers DOI-NOT-SUPPORTED / SITUATION-NOT-SUPPORTED.
    sa.other = body.rest();
    out = std::move(sa);
    return std::nullopt;
  }
  if (body.at_end()) return malformed(body.offset(), "SA payload without proposals");
  uint8_t next = kNextProposal;
  while (next == kNextProposal) {
    if (sa.proposals.size() == DecodeLimits::kMaxProposals)
      return limit_exceeded(body.offset(), "SA payload with more than " + n(DecodeLimits::kMaxProposals) +
                                               " proposals");
    if (body.at_end())
      return malformed(body.offset(), "proposal " + n(sa.proposals.size()) +
                                          " announces another proposal, but the SA payload ends");
    sa.proposals.emplace_back();
    if (auto err = decode_proposal(body, sa.proposals.back(), next, sa.proposals.size())) return err;
  }
  if (!body.at_end())
    return malformed(body.offset(), n(body.remaining()) + " bytes after the proposal marked last");
  out = std::move(sa);
  return std::nullopt;
}

void encode_body(ByteWriter& w, const SaPayload& p) {
  w.u32(p.doi);
  w.u32(p.situation);
  if (!p.other.empty()) {
    if (!p.proposals.empty()) throw EncodeError("an SA payload with both raw DOI data and proposals");
    w.bytes(p.other);
    return;
  }
  for (size_t i = 0; i < p.proposals.size(); ++i) {
    const Proposal& prop = p.proposals[i];
    if (prop.spi.size() > 0xFF) throw EncodeError("proposal SPI longer than 255 bytes");
    if (prop.transforms.empty() || prop.transforms.size() > 0xFF)
      throw EncodeError("a proposal needs 1 to 255 transforms");
    const size_t start = w.size();
    w.u8(i + 1 == p.proposals.size() ? 0 : kNextProposal);
    w.u8(0);
    w.u16(0);  // length, patched below
    w.u8(prop.number);
    w.u8(static_cast<uint8_t>(prop.protocol));
    w.u8(static_cast<uint8_t>(prop.spi.size()));
    w.u8(static_cast<uint8_t>(prop.transforms.size()));
    w.bytes(prop.spi);
    for (size_t t = 0; t < prop.transforms.size(); ++t) {
      const Transform& tr = prop.transforms[t];
      const size_t tstart = w.size();
      w.u8(t + 1 == prop.transforms.size() ? 0 : kNextTransform);
      w.u8(0);
      w.u16(0);
      w.u8(tr.number);
      w.u8(tr.id);
      w.u16(0);
      for (const Attribute& a : tr.attributes) write_data_attribute(w, a);
      w.patch_u16(tstart + 2, w.size() - tstart, "transform");
    }
    w.patch_u16(start + 2, w.size() - start, "proposal");
  }
}

}  // namespace ikeshift::wire::ikev1::detail
