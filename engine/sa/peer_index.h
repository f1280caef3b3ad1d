// Which configured crypto map entry a received first message belongs to, by
// the datagram's two addresses: one hash lookup instead of a walk over every
// entry (a hub with thousands of spokes answers each IKE_SA_INIT or Main Mode
// 1 in constant time). Both engines' PeerConfigs start with TunnelEndpoints.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <unordered_map>
#include <vector>

#include "sa/tunnel_endpoints.h"

namespace ikeshift::engine::sa {

class PeerIndex {
 public:
  PeerIndex() = default;
  // `peers` in configuration order; when two entries share both addresses the
  // first one wins, as the walk in order did.
  template <typename Peer>
  explicit PeerIndex(const std::vector<Peer>& peers) {
    index_.reserve(peers.size());
    for (size_t i = 0; i < peers.size(); ++i) {
      const TunnelEndpoints& e = peers[i];
      index_.emplace(key(e.peer_address, e.local_address), i);  // keeps an earlier entry
    }
  }

  std::optional<size_t> find(uint32_t remote_address, uint32_t local_address) const {
    auto it = index_.find(key(remote_address, local_address));
    if (it == index_.end()) return std::nullopt;
    return it->second;
  }

 private:
  static uint64_t key(uint32_t remote, uint32_t local) { return (uint64_t{remote} << 32) | local; }
  std::unordered_map<uint64_t, size_t> index_;
};

}  // namespace ikeshift::engine::sa
