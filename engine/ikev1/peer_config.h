// What the IKEv1 engine needs to know about one tunnel, taken from the intent
// (translator/model/intent.h) like the IKEv2 engine's PeerConfig: the crypto
// map entry, the addresses, the phase 1 and phase 2 offers, the PSK.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sa/tunnel_endpoints.h"
#include "crypto/secure_bytes.h"
#include "ikev1/proposals.h"
#include "model/intent.h"

namespace ikeshift::engine::ikev1 {

// map, sequence, tunnel_group, local_address, peer_address: sa::TunnelEndpoints.
struct PeerConfig : sa::TunnelEndpoints {
  std::vector<Phase1Suite> phase1;  // `crypto ikev1 policy` in priority order
  std::vector<Phase2Suite> phase2;  // the entry's transform-sets in order
  bool aggressive = false;          // `set ikev1 phase1-mode aggressive`
  model::Tunnel tunnel;             // selectors, lifetimes, DPD, NAT-T, connection type

  crypto::SecureBytes psk;  // tunnel-group `ikev1 pre-shared-key` (both directions: it enters SKEYID)

  // Whether a transform needs single DES (the legacy OpenSSL provider).
  bool uses_des() const;
};

// The IKEv1 configuration of one intent tunnel, or nullopt with `why` (IKEv1
// not enabled for it, no usable key or policy, no local address, ...).
std::optional<PeerConfig> peer_config_from(const model::Tunnel& tunnel, std::string& why);

}  // namespace ikeshift::engine::ikev1
