// What both IKE engines take from a crypto map entry before anything
// version-specific: which entry it is, its two addresses, and whether its
// keys are usable at all. ikev1::PeerConfig and ikev2::PeerConfig start with it.
#pragma once

#include <optional>
#include <string>

#include "common/secret.h"
#include "crypto/secure_bytes.h"
#include "model/intent.h"

namespace ikeshift::engine::sa {

struct TunnelEndpoints {
  // Where it came from, for events and `show`.
  std::string map;
  uint32_t sequence = 0;
  std::string tunnel_group;

  uint32_t local_address = 0;  // host byte order
  uint32_t peer_address = 0;   // the entry's first `set peer` (only one is tried)
};

// "crypto map vpn 12", as every reason why an entry cannot run starts.
std::string entry_name(const model::Tunnel& t);

// The entry's addresses, or nullopt with `why` ("crypto map vpn 12: no
// peer"): no local address, no peer, or keys that are masked or encrypted in
// the configuration (the engines need them in clear).
std::optional<TunnelEndpoints> tunnel_endpoints(const model::Tunnel& t, std::string& why);

// A pre-shared key as the bytes the keymat uses, in a wiped buffer.
crypto::SecureBytes key_bytes(const Secret& s);

}  // namespace ikeshift::engine::sa
