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
  // An SPI chosen elsewhere (an SA the data plane got by other means):
  // reserved like an allocated one; false if it is reserved or below 256.
  bool reserve(uint32_t spi) { return spi >= 256 && used_.insert(spi).second; }
  // The SA that held `spi` is gone (or was never installed). Unknown SPIs are ignored.
  void release(uint32_t spi);
  bool in_use(uint32_t spi) const { return used_.count(spi) != 0; }
  size_t size() const { return used_.size(); }

 private:
  crypto::Rng& rng_;
  std::unordered_set<uint32_t> used_;
};

// One reserved SPI, given back when the lease ends: for an engine whose SA
// records can own it (IKEv1's Quick Modes and IPsec SAs). Move-only.
class SpiLease {
 public:
  SpiLease() = default;
  SpiLease(InboundSpiAllocator& allocator, uint32_t spi) : allocator_(&allocator), spi_(spi) {}
  SpiLease(SpiLease&& other) noexcept : allocator_(other.allocator_), spi_(other.spi_) { other.allocator_ = nullptr; }
  SpiLease& operator=(SpiLease&& other) noexcept {
    if (this != &other) {
      reset();
      allocator_ = other.allocator_;
      spi_ = other.spi_;
      other.allocator_ = nullptr;
    }
    return *this;
  }
  SpiLease(const SpiLease&) = delete;
  SpiLease& operator=(const SpiLease&) = delete;
  ~SpiLease() { reset(); }

  uint32_t spi() const { return allocator_ != nullptr ? spi_ : 0; }
  void reset() {
    if (allocator_ != nullptr) allocator_->release(spi_);
    allocator_ = nullptr;
  }

 private:
  InboundSpiAllocator* allocator_ = nullptr;
  uint32_t spi_ = 0;
};

}  // namespace ikeshift::engine::sa
