// SA ids by the 64-bit value every message of an SA carries in its header:
// IKEv2's initiator SPI, IKEv1's initiator cookie. A hash look-up per received
// message instead of a walk over every SA; several SAs may share a value (a
// retransmitted first message, an initiator still without the responder's half).
#pragma once

#include <cstdint>
#include <unordered_map>

namespace ikeshift::engine::sa {

class SaIdIndex {
 public:
  void add(uint64_t key, uint32_t id) { ids_.emplace(key, id); }
  void remove(uint64_t key, uint32_t id) {
    auto range = ids_.equal_range(key);
    for (auto r = range.first; r != range.second; ++r) {
      if (r->second == id) {
        ids_.erase(r);
        return;
      }
    }
  }
  // The (key, id) entries under `key`, in no particular order.
  auto equal_range(uint64_t key) const { return ids_.equal_range(key); }

 private:
  std::unordered_multimap<uint64_t, uint32_t> ids_;
};

}  // namespace ikeshift::engine::sa
