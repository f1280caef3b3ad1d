// What the IKEv2 engine needs to know about one tunnel, taken from the intent
// model (translator/model/intent.h) -- never from configuration text, so what
// comes up in the lab is what the translator and validator saw.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "crypto/secure_bytes.h"
#include "ikev2/proposal.h"
#include "model/intent.h"
#include "sa/tunnel_endpoints.h"

namespace ikeshift::engine::ikev2 {

// map, sequence, tunnel_group, local_address, peer_address (the entry's first
// peer: IKEv2 uses only one, CSCud22276): sa::TunnelEndpoints.
struct PeerConfig : sa::TunnelEndpoints {
  std::vector<Proposal> ike_offers;  // IKE_SA_INIT, in policy priority order
  model::Tunnel tunnel;              // ESP proposals, PFS, selectors, lifetimes, DPD

  crypto::SecureBytes psk_local;   // this end signs its AUTH with it
  crypto::SecureBytes psk_remote;  // the peer's AUTH is checked with it
};

// The engine configuration of one intent tunnel, or nullopt with `why` set
// (IKEv2 not enabled for it, no usable key, no local address, ...).
std::optional<PeerConfig> peer_config_from(const model::Tunnel& tunnel, std::string& why);

}  // namespace ikeshift::engine::ikev2
