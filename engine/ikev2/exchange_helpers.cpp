#include "ikev2/exchange_helpers.h"

#include "ikev2/wire_convert.h"
#include "wire/byte_writer.h"

namespace ikeshift::engine::ikev2 {

wire::Bytes spi64_bytes(uint64_t spi) {
  wire::Bytes out;
  out.reserve(8);
  wire::ByteWriter(out).u64(spi);
  return out;
}

uint64_t spi64_value(const wire::Bytes& b) {
  uint64_t v = 0;
  for (uint8_t c : b) v = (v << 8) | c;
  return v;
}

std::vector<std::string> describe_all(const std::vector<Proposal>& ps) {
  std::vector<std::string> out;
  for (const Proposal& p : ps) {
    std::string s;
    for (const Transform& t : p.transforms) s += (s.empty() ? "" : "/") + transform_name(t);
    out.push_back(s);
  }
  return out;
}

std::string describe(const model::IkeIdentity& id) {
  return std::string(model::identity_type_name(id.type)) + " " + (id.value.empty() ? "(the peer's address)" : id.value);
}

wire::Bytes group_octets(uint16_t group) { return {static_cast<uint8_t>(group >> 8), static_cast<uint8_t>(group)}; }

void add_traffic_selectors(std::vector<wire::Payload>& payloads, const model::TrafficSelector& tsi,
                           const model::TrafficSelector& tsr) {
  wire::TsiPayload i;
  wire::TsrPayload r;
  i.selectors.push_back(to_wire(tsi));
  r.selectors.push_back(to_wire(tsr));
  payloads.push_back(std::move(i));
  payloads.push_back(std::move(r));
}

std::optional<model::SelectorPair> match_selectors(const model::Tunnel& tunnel, const wire::TsiPayload* tsi,
                                                   const wire::TsrPayload* tsr) {
  if (tsi == nullptr || tsr == nullptr || tsi->selectors.empty() || tsr->selectors.empty()) return std::nullopt;
  auto their_i = from_wire(tsi->selectors.front());
  auto their_r = from_wire(tsr->selectors.front());
  if (!their_i || !their_r) return std::nullopt;
  for (const auto& p : tunnel.selectors)
    if (selector_within(*their_i, p.remote) && selector_within(*their_r, p.local))
      return model::SelectorPair{*their_r, *their_i, p.span};
  return std::nullopt;
}

}  // namespace ikeshift::engine::ikev2
