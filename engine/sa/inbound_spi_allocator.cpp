#include "sa/inbound_spi_allocator.h"

namespace ikeshift::engine::sa {

uint32_t InboundSpiAllocator::allocate() {
  for (;;) {
    crypto::Bytes b = rng_.bytes(4);
    const uint32_t v = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
    if (v < 256) continue;  // reserved (RFC 4303 2.1)
    if (used_.insert(v).second) return v;
    // Held by another SA of this device (either IKE version): draw again.
  }
}

void InboundSpiAllocator::release(uint32_t spi) { used_.erase(spi); }

}  // namespace ikeshift::engine::sa
