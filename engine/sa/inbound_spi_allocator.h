// The inbound SPIs of one device, for both IKE versions. The data plane's
// SAD is keyed by inbound SPI alone (RFC 4303 2.1), so an SPI the IKEv2
// engine picks must never be one the IKEv1 engine already uses, or the
// reverse: both engines draw from one allocator that the stack injects.
// Version-neutral, like dataplane/child_sa.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_set>

#include "crypto/rng.h"

namespace ikeshift::engine::sa {

class InboundSpiAllocator {
 public:
  explicit InboundSpiAllocator(crypto::Rng& rng) : rng_(rng) {}
  InboundSpiAllocator(const InboundSpiAllocator&) = delete;
  InboundSpiAllocator& operator=(const InboundSpiAllocator&) = delete;

  // A random SPI of at least 256 (1-255 are reserved, RFC 4303 2.1) that no
  // other SA of this device holds; it stays reserved until release().
  // Random, not sequential: SPIs must not tell an observer how many SAs exist.
  uint32_t allocate();
  // The SA that held `spi` is gone (or was never installed). Unknown SPIs are ignored.
  void release(uint32_t spi);
  bool in_use(uint32_t spi) const { return used_.count(spi) != 0; }
  size_t size() const { return used_.size(); }

 private:
  crypto::Rng& rng_;
  std::unordered_set<uint32_t> used_;
};

}  // namespace ikeshift::engine::sa
