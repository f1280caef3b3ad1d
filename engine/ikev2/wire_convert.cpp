#include "ikev2/wire_convert.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <string_view>

#include "common/ipv4.h"
#include "common/text_case.h"
#include "wire/byte_writer.h"

namespace ikeshift::engine::ikev2 {

namespace {

wire::Bytes be32(uint32_t v) {
  return {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8),
          static_cast<uint8_t>(v)};
}

}  // namespace

wire::SaPayload to_wire(const std::vector<Proposal>& proposals) {
  wire::SaPayload sa;
  for (const Proposal& p : proposals) {
    wire::Proposal w;
    w.number = p.number;
    w.protocol = static_cast<wire::ProtocolId>(p.protocol);
    w.spi = p.spi;
    for (const Transform& t : p.transforms) {
      wire::Transform wt;
      wt.type = static_cast<wire::TransformType>(t.kind);
      wt.id = t.id;
      if (t.key_bits != 0) wt.key_length = t.key_bits;
      w.transforms.push_back(std::move(wt));
    }
    sa.proposals.push_back(std::move(w));
  }
  return sa;
}

std::vector<Proposal> from_wire(const wire::SaPayload& sa) {
  std::vector<Proposal> out;
  out.reserve(sa.proposals.size());
  for (const wire::Proposal& w : sa.proposals) {
    Proposal p;
    p.number = w.number;
    p.protocol = static_cast<Protocol>(w.protocol);
    p.spi = w.spi;
    p.transforms.reserve(w.transforms.size());
    for (const wire::Transform& wt : w.transforms) {
      // A transform with an attribute we do not know must not be accepted
      // (RFC 7296 3.3.6): give it an id no offer of ours has.
      bool unknown_attribute = !wt.other_attributes.empty();
      p.transforms.push_back(Transform{static_cast<TransformKind>(wt.type),
                                       static_cast<uint16_t>(unknown_attribute ? 0xffff : wt.id),
                                       wt.key_length.value_or(0)});
    }
    out.push_back(std::move(p));
  }
  return out;
}

wire::TrafficSelector to_wire(const model::TrafficSelector& ts) {
  wire::TrafficSelector w;
  w.type = wire::TsType::Ipv4AddrRange;
  w.ip_protocol = ts.protocol;
  w.start_port = ts.port_first;
  w.end_port = ts.port_last;
  w.start_address = be32(ts.addresses.first);
  w.end_address = be32(ts.addresses.last);
  return w;
}

std::optional<model::TrafficSelector> from_wire(const wire::TrafficSelector& w) {
  if (w.type != wire::TsType::Ipv4AddrRange || w.start_address.size() != 4 || w.end_address.size() != 4)
    return std::nullopt;
  auto v = [](const wire::Bytes& b) {
    return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
  };
  model::TrafficSelector ts;
  ts.protocol = w.ip_protocol;
  ts.port_first = w.start_port;
  ts.port_last = w.end_port;
  ts.addresses = {v(w.start_address), v(w.end_address)};
  return ts;
}

wire::Identification ipv4_id(uint32_t address) {
  wire::Identification id;
  id.type = wire::IdType::Ipv4Addr;
  id.data = be32(address);
  return id;
}

wire::Identification identification_of(const model::IkeIdentity& identity, uint32_t address) {
  using Type = model::IkeIdentity::Type;
  if (identity.type == Type::Address) {
    auto parsed = identity.value.empty() ? std::optional<uint32_t>(address) : parse_ipv4(identity.value);
    return ipv4_id(parsed.value_or(address));
  }
  wire::Identification id;
  id.type = identity.type == Type::Fqdn ? wire::IdType::Fqdn : wire::IdType::KeyId;
  id.data.assign(identity.value.begin(), identity.value.end());
  return id;
}

bool identification_matches(const wire::Identification& received, const model::IkeIdentity& expected,
                            uint32_t address) {
  wire::Identification want = identification_of(expected, address);
  if (received.type != want.type) return false;
  if (want.type != wire::IdType::Fqdn) return received.data == want.data;
  std::string_view a(reinterpret_cast<const char*>(received.data.data()), received.data.size());
  std::string_view b(reinterpret_cast<const char*>(want.data.data()), want.data.size());
  return iequals(a, b);
}

std::string identification_text(const wire::Identification& id) {
  if (id.type == wire::IdType::Ipv4Addr && id.data.size() == 4) {
    return format_ipv4((uint32_t{id.data[0]} << 24) | (uint32_t{id.data[1]} << 16) |
                       (uint32_t{id.data[2]} << 8) | id.data[3]);
  }
  if (id.type == wire::IdType::Fqdn || id.type == wire::IdType::KeyId || id.type == wire::IdType::Rfc822Addr) {
    return std::string(id.data.begin(), id.data.end());
  }
  return "ID type " + std::to_string(static_cast<int>(id.type)) + " (" + std::to_string(id.data.size()) +
         " bytes)";
}

wire::Bytes id_body(const wire::Identification& id) {
  // ID type, 3 RESERVED bytes (zero), the identification data; sized once.
  wire::Bytes out(4 + id.data.size(), 0);
  out[0] = static_cast<uint8_t>(id.type);
  std::copy(id.data.begin(), id.data.end(), out.begin() + 4);
  return out;
}

wire::Bytes nat_detection_hash(const crypto::CryptoContext& ctx, uint64_t spi_i, uint64_t spi_r,
                               const io::Endpoint& endpoint) {
  // SHA-1(SPIi | SPIr | IP | Port), RFC 7296 2.23. Four of these per setup on
  // each side: the input is sized once, not grown byte by byte.
  wire::Bytes input;
  input.reserve(22);
  wire::ByteWriter w(input);
  w.u64(spi_i);
  w.u64(spi_r);
  w.u32(endpoint.address);
  w.u16(endpoint.port);
  std::array<uint8_t, EVP_MAX_MD_SIZE> digest{};
  unsigned int n = 0;
  const EVP_MD* sha1 = ctx.prf_digest(crypto::PrfId::HmacSha1);
  if (sha1 == nullptr || EVP_Digest(input.data(), input.size(), digest.data(), &n, sha1, nullptr) != 1) return {};
  return wire::Bytes(digest.begin(), digest.begin() + n);
}

bool selector_within(const model::TrafficSelector& a, const model::TrafficSelector& b) {
  bool proto = b.protocol == 0 || a.protocol == b.protocol;
  return proto && a.addresses.first >= b.addresses.first && a.addresses.last <= b.addresses.last &&
         a.port_first >= b.port_first && a.port_last <= b.port_last;
}

wire::Bytes spi_bytes(uint32_t spi) { return be32(spi); }

std::optional<uint32_t> spi_value(const wire::Bytes& b) {
  if (b.size() != 4) return std::nullopt;
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | uint32_t{b[3]};
}

}  // namespace ikeshift::engine::ikev2
