#include "ikev2/peer_config.h"

namespace ikeshift::engine::ikev2 {

namespace {

crypto::SecureBytes key_bytes(const Secret& s) {
  return crypto::SecureBytes(crypto::ByteSpan::from_text(s.reveal()));
}

}  // namespace

std::optional<PeerConfig> peer_config_from(const model::Tunnel& t, std::string& why) {
  const std::string entry = "crypto map " + t.map + " " + std::to_string(t.sequence);
  if (!t.ikev2) {
    why = entry + ": IKEv2 is not configured (no ipsec-proposal, or IKEv2 not enabled on its interface)";
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
  if (!t.psk.ikev2_local || !t.psk.ikev2_remote) {
    why = entry + ": tunnel-group " + (t.tunnel_group.empty() ? std::string("(none)") : t.tunnel_group) +
          " has no IKEv2 local and remote pre-shared keys";
    return std::nullopt;
  }
  PeerConfig c;
  c.map = t.map;
  c.sequence = t.sequence;
  c.tunnel_group = t.tunnel_group;
  c.local_address = *t.local_address;
  c.peer_address = t.peers.front();
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
  c.psk_local = key_bytes(*t.psk.ikev2_local);
  c.psk_remote = key_bytes(*t.psk.ikev2_remote);
  return c;
}

}  // namespace ikeshift::engine::ikev2
