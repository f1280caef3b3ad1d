#include "sa/tunnel_endpoints.h"

namespace ikeshift::engine::sa {

std::string entry_name(const model::Tunnel& t) { return "crypto map " + t.map + " " + std::to_string(t.sequence); }

std::optional<TunnelEndpoints> tunnel_endpoints(const model::Tunnel& t, std::string& why) {
  const std::string entry = entry_name(t);
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
  TunnelEndpoints e;
  e.map = t.map;
  e.sequence = t.sequence;
  e.tunnel_group = t.tunnel_group;
  e.local_address = *t.local_address;
  e.peer_address = t.peers.front();
  return e;
}

crypto::SecureBytes key_bytes(const Secret& s) { return crypto::SecureBytes(crypto::ByteSpan::from_text(s.reveal())); }

}  // namespace ikeshift::engine::sa
