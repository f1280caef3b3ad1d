#include "ikev2/peer_config.h"

namespace ikeshift::engine::ikev2 {

std::optional<PeerConfig> peer_config_from(const model::Tunnel& t, std::string& why) {
  const std::string entry = sa::entry_name(t);
  if (!t.ikev2) {
    why = entry + ": IKEv2 is not configured (no ipsec-proposal, or IKEv2 not enabled on its interface)";
    return std::nullopt;
  }
  std::optional<sa::TunnelEndpoints> ends = sa::tunnel_endpoints(t, why);
  if (!ends) return std::nullopt;
  if (!t.psk.ikev2_local || !t.psk.ikev2_remote) {
    why = entry + ": tunnel-group " + (t.tunnel_group.empty() ? std::string("(none)") : t.tunnel_group) +
          " has no IKEv2 local and remote pre-shared keys";
    return std::nullopt;
  }
  PeerConfig c;
  static_cast<sa::TunnelEndpoints&>(c) = std::move(*ends);
  c.ike_offers = ike_offers(t);
  if (c.ike_offers.empty()) {
    why = entry + ": no usable crypto ikev2 policy";
    return std::nullopt;
  }
  if (t.esp_v2.empty()) {
    why = entry + ": no usable IKEv2 ipsec-proposal";
    return std::nullopt;
  }
  c.tunnel = t;
  c.psk_local = sa::key_bytes(*t.psk.ikev2_local);
  c.psk_remote = sa::key_bytes(*t.psk.ikev2_remote);
  return c;
}

}  // namespace ikeshift::engine::ikev2
