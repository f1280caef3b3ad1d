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
  const std::string entry = "crypto map " + t.map + " " + std::to_string(t.sequence);
  if (!t.ikev1) {
    why = entry + ": IKEv1 is not configured (no ikev1 transform-set, or IKEv1 not enabled on its interface)";
    return std::nullopt;
  }
  if (!t.local_address) {
    why = entry + ": the interface it is applied to has no IPv4 address";
    return std::nullopt;
  }
  if (t.peers.empty()) {
    why = entry + ": no peer";
    return std::nullopt;
  }
  if (t.psk.masked || t.psk.encrypted) {
    why = entry + ": the pre-shared keys are masked or encrypted in the configuration; the engine needs them in clear";
    return std::nullopt;
  }
  if (!t.psk.ikev1) {
    why = entry + ": tunnel-group " + (t.tunnel_group.empty() ? std::string("(none)") : t.tunnel_group) +
          " has no ikev1 pre-shared-key";
    return std::nullopt;
  }
  PeerConfig c;
  c.map = t.map;
  c.sequence = t.sequence;
  c.tunnel_group = t.tunnel_group;
  c.local_address = *t.local_address;
  c.peer_address = t.peers.front();
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
  c.psk = crypto::SecureBytes(crypto::ByteSpan::from_text(t.psk.ikev1->reveal()));
  return c;
}

}  // namespace ikeshift::engine::ikev1
