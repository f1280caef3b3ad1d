// Random identifiers the IKE engines draw from the injected RNG.
#pragma once

#include <cstdint>

#include "crypto/rng.h"

namespace ikeshift::engine::sa {

// A random non-zero 64-bit value: an IKEv2 SPI or an IKEv1 cookie (zero
// means "not known yet" in both headers).
inline uint64_t random_nonzero_u64(crypto::Rng& rng) {
  for (;;) {
    crypto::Bytes b = rng.bytes(8);
    uint64_t v = 0;
    for (uint8_t c : b) v = (v << 8) | c;
    if (v != 0) return v;
  }
}

}  // namespace ikeshift::engine::sa
