// The security policy database: one entry per crypto-ACL selector pair of
// every crypto map entry (model::Tunnel::selectors, already expanded from
// objects and groups), ordered as the ASA evaluates them -- by crypto map
// sequence number, then in ACL order. The first entry whose selectors cover
// an outbound packet decides which tunnel protects it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "esp/inner_packet.h"
#include "model/intent.h"

namespace ikeshift::engine::esp {

struct SpdEntry {
  std::string map;
  uint32_t sequence = 0;
  size_t tunnel = 0;    // index of the tunnel in the list the SPD was built from
  size_t selector = 0;  // index into that tunnel's selectors (the ACL entry)
  model::TrafficSelector local, remote;
};

class Spd {
 public:
  Spd() = default;
  // `tunnels[i]` becomes tunnel index i. Tunnels without selectors add nothing.
  explicit Spd(const std::vector<const model::Tunnel*>& tunnels);

  const std::vector<SpdEntry>& entries() const { return entries_; }
  // The first entry covering an outbound packet, as an index into entries().
  std::optional<size_t> lookup(const PacketFields& f) const;
  // The entry an installed SA belongs to: same map entry, and the SA's
  // (possibly narrowed) selectors inside the entry's.
  std::optional<size_t> entry_for(const std::string& map, uint32_t sequence, const model::TrafficSelector& local,
                                  const model::TrafficSelector& remote) const;

 private:
  std::vector<SpdEntry> entries_;
};

// a inside b (addresses, protocol, ports).
bool selector_within(const model::TrafficSelector& a, const model::TrafficSelector& b);

}  // namespace ikeshift::engine::esp
