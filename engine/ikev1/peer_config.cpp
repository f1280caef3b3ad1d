#include "ikev1/peer_config.h"

namespace ikeshift::engine::ikev1 {

bool PeerConfig::uses_des() const {
  for (const auto& s : phase1)
    if (s.encryption->iana_id == 2) return true;
  for (const auto& s : phase2)
    if (s.encryption->iana_id == 2) return true;
  return false;
}

std::optional<PeerConfig> peer_config_from(const model::Tunnel& t, std::string& why) {
  const std::string entry = sa::entry_name(t);
  if (!t.ikev1) {
    why = entry + ": IKEv1 is not configured (no ikev1 transform-set, or IKEv1 not enabled on its interface)";
    return std::nullopt;
  }
  std::optional<sa::TunnelEndpoints> ends = sa::tunnel_endpoints(t, why);
  if (!ends) return std::nullopt;
  if (!t.psk.ikev1) {
    why = entry + ": tunnel-group " + (t.tunnel_group.empty() ? std::string("(none)") : t.tunnel_group) +
          " has no ikev1 pre-shared-key";
    return std::nullopt;
  }
  PeerConfig c;
  static_cast<sa::TunnelEndpoints&>(c) = std::move(*ends);
  c.phase1 = phase1_offers(t);
  if (c.phase1.empty()) {
    why = entry + ": no usable crypto ikev1 policy (pre-shared key authentication)";
    return std::nullopt;
  }
  c.phase2 = phase2_offers(t);
  if (c.phase2.empty()) {
    why = entry + ": no usable ikev1 transform-set";
    return std::nullopt;
  }
  c.aggressive = t.ikev1_aggressive_mode;
  c.tunnel = t;
  c.psk = sa::key_bytes(*t.psk.ikev1);
  return c;
}

}  // namespace ikeshift::engine::ikev1
