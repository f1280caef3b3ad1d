#include "esp/spd.h"

#include <algorithm>

namespace ikeshift::engine::esp {

bool selector_within(const model::TrafficSelector& a, const model::TrafficSelector& b) {
  return a.addresses.first >= b.addresses.first && a.addresses.last <= b.addresses.last &&
         (b.protocol == 0 || a.protocol == b.protocol) && a.port_first >= b.port_first && a.port_last <= b.port_last;
}

Spd::Spd(const std::vector<const model::Tunnel*>& tunnels) {
  for (size_t t = 0; t < tunnels.size(); ++t) {
    const model::Tunnel& tunnel = *tunnels[t];
    for (size_t s = 0; s < tunnel.selectors.size(); ++s) {
      entries_.push_back(
          SpdEntry{tunnel.map, tunnel.sequence, t, s, tunnel.selectors[s].local, tunnel.selectors[s].remote});
    }
  }
  // Sequence order within a map; ACL order within an entry (stable).
  std::stable_sort(entries_.begin(), entries_.end(), [](const SpdEntry& a, const SpdEntry& b) {
    return a.map != b.map ? a.map < b.map : a.sequence < b.sequence;
  });
}

std::optional<size_t> Spd::lookup(const PacketFields& f) const {
  for (size_t i = 0; i < entries_.size(); ++i)
    if (outbound_matches(entries_[i].local, entries_[i].remote, f)) return i;
  return std::nullopt;
}

std::optional<size_t> Spd::entry_for(const std::string& map, uint32_t sequence, const model::TrafficSelector& local,
                                     const model::TrafficSelector& remote) const {
  std::optional<size_t> any_of_entry;
  for (size_t i = 0; i < entries_.size(); ++i) {
    const SpdEntry& e = entries_[i];
    if (e.map != map || e.sequence != sequence) continue;
    if (selector_within(local, e.local) && selector_within(remote, e.remote)) return i;
    if (!any_of_entry) any_of_entry = i;
  }
  // A peer that negotiated wider selectors than one ACL line (charon with a
  // single /16 for several /24 lines): attach it to the entry's first line;
  // the SA's own selectors still decide what it carries.
  return any_of_entry;
}

}  // namespace ikeshift::engine::esp
