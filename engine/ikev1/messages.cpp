#include "ikev1/messages.h"

#include "crypto/hex.h"
#include "crypto/ikev1_keymat.h"
#include "wire/byte_writer.h"

namespace ikeshift::engine::ikev1 {

namespace w1 = wire::ikev1;

namespace {

// RFC 3706 section 7, RFC 3947 section 3.1 (MD5("RFC 3947")), and the
// MD5("draft-ietf-ipsec-nat-t-ike-02\n") / -03 hashes strongSwan and Cisco send.
const wire::Bytes& dpd_vid() {
  static const wire::Bytes v = crypto::from_hex("afcad71368a1f1c96b8696fc77570100");
  return v;
}
const wire::Bytes& nat_t_rfc_vid() {
  static const wire::Bytes v = crypto::from_hex("4a131c81070358455c5728f20e95452f");
  return v;
}
const wire::Bytes& nat_t_draft02_vid() {
  static const wire::Bytes v = crypto::from_hex("90cb80913ebb696e086381b5ec427b1f");
  return v;
}
const wire::Bytes& nat_t_draft03_vid() {
  static const wire::Bytes v = crypto::from_hex("7d9419a65310ca6f2c179d9215529d56");
  return v;
}

int prefix_length(const model::AddressRange& r) {
  for (int len = 0; len <= 32; ++len) {
    const uint32_t mask = len == 0 ? 0 : ~uint32_t{0} << (32 - len);
    if ((r.first & ~mask) == 0 && r.last == (r.first | ~mask)) return len;
  }
  return -1;
}

void put32(wire::Bytes& out, uint32_t v) {
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<uint8_t>(v >> (8 * i)));
}
uint32_t get32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

std::vector<w1::Payload> our_vendor_ids(const PeerConfig& peer) {
  std::vector<w1::Payload> out;
  out.push_back(w1::VendorIdPayload{dpd_vid()});
  if (peer.tunnel.nat_t) {
    out.push_back(w1::VendorIdPayload{nat_t_rfc_vid()});
    out.push_back(w1::VendorIdPayload{nat_t_draft02_vid()});
  }
  return out;
}

void read_vendor_ids(const std::vector<w1::Payload>& payloads, const PeerConfig& peer, IsakmpSa& sa) {
  bool rfc = false, draft = false;
  for (const auto* v : w1::find_all<w1::VendorIdPayload>(payloads)) {
    if (v->data == dpd_vid()) sa.peer_dpd = true;
    if (v->data == nat_t_rfc_vid()) rfc = true;
    if (v->data == nat_t_draft02_vid() || v->data == nat_t_draft03_vid()) draft = true;
  }
  if (!peer.tunnel.nat_t) return;
  sa.nat_t = rfc ? NatTMode::Rfc3947 : draft ? NatTMode::Draft : NatTMode::None;
}

wire::Bytes nat_d_hash(const IsakmpSa& sa, const io::Endpoint& e) {
  wire::Bytes address;
  put32(address, e.address);
  const uint8_t port[2] = {static_cast<uint8_t>(e.port >> 8), static_cast<uint8_t>(e.port)};
  return sa.prf->hash({cookie_bytes(sa.cky_i), cookie_bytes(sa.cky_r), address, crypto::ByteSpan(port, 2)});
}

std::vector<w1::Payload> nat_d_payloads(const IsakmpSa& sa, bool force_encapsulation) {
  const w1::PayloadType type = sa.nat_t == NatTMode::Draft ? w1::PayloadType::NatDDraft : w1::PayloadType::NatD;
  io::Endpoint source = sa.local;
  if (force_encapsulation) source = io::Endpoint{~sa.local.address, 0};
  return {w1::NatDPayload{type, nat_d_hash(sa, sa.remote)}, w1::NatDPayload{type, nat_d_hash(sa, source)}};
}

bool detect_nat(IsakmpSa& sa, const std::vector<w1::Payload>& payloads, const io::Datagram& d,
                bool force_encapsulation) {
  std::vector<const w1::NatDPayload*> natd = w1::find_all<w1::NatDPayload>(payloads);
  if (natd.empty()) {
    sa.local_behind_nat = force_encapsulation;
    return false;
  }
  // The first is the peer's hash of where it sent to (us), the others of
  // where it sends from (RFC 3947 3.2).
  sa.local_behind_nat = natd[0]->hash != nat_d_hash(sa, d.to) || force_encapsulation;
  const wire::Bytes from = nat_d_hash(sa, d.from);
  bool source_ok = false;
  for (size_t i = 1; i < natd.size(); ++i) source_ok = source_ok || natd[i]->hash == from;
  sa.remote_behind_nat = !source_ok;
  return true;
}

w1::IdPayload address_id(uint32_t address) {
  w1::IdPayload id;
  id.type = w1::IdType::Ipv4Addr;
  put32(id.data, address);
  return id;
}

wire::Bytes id_body(const w1::IdPayload& id) {
  wire::Bytes out;
  out.reserve(4 + id.data.size());
  wire::ByteWriter w(out);
  w.u8(static_cast<uint8_t>(id.type));
  w.u8(id.protocol);
  w.u16(id.port);
  w.bytes(id.data);
  return out;
}

std::optional<uint32_t> address_of(const w1::IdPayload& id) {
  if (id.type != w1::IdType::Ipv4Addr || id.data.size() != 4) return std::nullopt;
  return get32(id.data.data());
}

w1::IdPayload proxy_id(const model::TrafficSelector& ts) {
  w1::IdPayload id;
  id.protocol = ts.protocol;
  id.port = ts.port_first == ts.port_last ? ts.port_first : 0;
  const int len = prefix_length(ts.addresses);
  if (len == 32) {
    id.type = w1::IdType::Ipv4Addr;
    put32(id.data, ts.addresses.first);
  } else if (len >= 0) {
    id.type = w1::IdType::Ipv4AddrSubnet;
    put32(id.data, ts.addresses.first);
    put32(id.data, len == 0 ? 0 : ~uint32_t{0} << (32 - len));
  } else {
    id.type = w1::IdType::Ipv4AddrRange;
    put32(id.data, ts.addresses.first);
    put32(id.data, ts.addresses.last);
  }
  return id;
}

std::optional<model::TrafficSelector> selector_of(const w1::IdPayload& id) {
  model::TrafficSelector ts;
  ts.protocol = id.protocol;
  if (id.port != 0) ts.port_first = ts.port_last = id.port;
  switch (id.type) {
    case w1::IdType::Ipv4Addr:
      if (id.data.size() != 4) return std::nullopt;
      ts.addresses.first = ts.addresses.last = get32(id.data.data());
      return ts;
    case w1::IdType::Ipv4AddrSubnet: {
      if (id.data.size() != 8) return std::nullopt;
      const uint32_t mask = get32(id.data.data() + 4);
      if (mask != 0 && (~mask & (~mask + 1)) != 0) return std::nullopt;  // not contiguous
      ts.addresses.first = get32(id.data.data()) & mask;
      ts.addresses.last = ts.addresses.first | ~mask;
      return ts;
    }
    case w1::IdType::Ipv4AddrRange:
      if (id.data.size() != 8) return std::nullopt;
      ts.addresses.first = get32(id.data.data());
      ts.addresses.last = get32(id.data.data() + 4);
      if (ts.addresses.first > ts.addresses.last) return std::nullopt;
      return ts;
    default: return std::nullopt;
  }
}

crypto::ByteSpan after_payload(const crypto::SecureBytes& plaintext, const w1::Chain& chain, size_t index) {
  const w1::PayloadSpan& s = chain.spans.at(index);
  const w1::PayloadSpan& last = chain.spans.back();
  const size_t from = s.offset + s.length;
  return crypto::ByteSpan(plaintext.data() + from, last.offset + last.length - from);
}

crypto::ByteSpan after_payload(const w1::EncodedChain& chain, size_t index) {
  const w1::PayloadSpan& s = chain.spans.at(index);
  const size_t from = s.offset + s.length;
  return crypto::ByteSpan(chain.bytes.data() + from, chain.bytes.size() - from);
}

w1::EncodedChain hashed_chain(const IsakmpSa& sa, uint32_t message_id, HashKind kind,
                              const std::vector<w1::Payload>& rest, crypto::ByteSpan ni_b) {
  std::vector<w1::Payload> all;
  all.push_back(w1::HashPayload{wire::Bytes(sa.prf->output_size(), 0)});
  all.insert(all.end(), rest.begin(), rest.end());
  w1::EncodedChain chain = w1::encode_payload_chain(all);
  const crypto::ByteSpan covered = after_payload(chain, 0);
  const wire::Bytes hash = kind == HashKind::One
                               ? crypto::ikev1_hash1(*sa.prf, sa.keys.skeyid_a, message_id, covered)
                               : crypto::ikev1_hash2(*sa.prf, sa.keys.skeyid_a, message_id, ni_b, covered);
  std::copy(hash.begin(), hash.end(), chain.bytes.begin() + static_cast<std::ptrdiff_t>(w1::kGenericPayloadHeaderSize));
  return chain;
}

wire::Bytes payload_body(const wire::Bytes& bytes, size_t base, const w1::PayloadSpan& span) {
  const size_t from = base + span.offset + w1::kGenericPayloadHeaderSize;
  return wire::Bytes(bytes.begin() + static_cast<std::ptrdiff_t>(from),
                     bytes.begin() + static_cast<std::ptrdiff_t>(base + span.offset + span.length));
}

wire::Bytes spi_bytes(uint32_t spi) {
  wire::Bytes out;
  put32(out, spi);
  return out;
}

uint32_t spi_value(const wire::Bytes& b) { return b.size() == 4 ? get32(b.data()) : 0; }

wire::Bytes cookie_bytes(uint64_t cookie) {
  wire::Bytes out;
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<uint8_t>(cookie >> (8 * i)));
  return out;
}

bool selector_within(const model::TrafficSelector& a, const model::TrafficSelector& b) {
  return a.addresses.first >= b.addresses.first && a.addresses.last <= b.addresses.last &&
         (b.protocol == 0 || a.protocol == b.protocol) && a.port_first >= b.port_first && a.port_last <= b.port_last;
}

}  // namespace ikeshift::engine::ikev1
