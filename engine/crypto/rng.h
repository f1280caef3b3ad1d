// Random bytes, injected: the engine never calls a global RNG directly, so a
// test can give two engines DeterministicRngs and replay an exchange byte for
// byte (nonces, SPIs, DH private values, IVs all come from here).
#pragma once

#include "crypto/crypto_context.h"
#include "crypto/secure_bytes.h"

#include <cstddef>
#include <cstdint>

namespace ikeshift::crypto {

class Rng {
 public:
  virtual ~Rng() = default;
  virtual void fill(uint8_t* out, std::size_t n) = 0;

  Bytes bytes(std::size_t n);
  SecureBytes secure_bytes(std::size_t n);
};

// The production source: RAND_bytes_ex on the context's DRBG (seeded by the OS).
class OpenSslRng final : public Rng {
 public:
  explicit OpenSslRng(const CryptoContext& ctx) : ctx_(ctx) {}
  void fill(uint8_t* out, std::size_t n) override;

 private:
  const CryptoContext& ctx_;
};

// Another Rng's bytes drawn a block at a time. RAND_bytes_ex looks its DRBG up
// and locks it on every call, which for the 8-32 byte draws of an IKE setup
// (SPIs, nonces, IVs, DH private values) costs more than the bytes: the daemon
// wraps its OpenSslRng in one of these. Bytes not handed out yet are future
// secrets, as the DRBG's own state is: every byte is wiped the moment it is
// handed out, and the rest when the buffer is refilled or destroyed. Draws of
// more than half a block go straight to the source.
class BufferedRng final : public Rng {
 public:
  explicit BufferedRng(Rng& source, std::size_t block = 1024) : source_(source), block_(block), used_(block) {}
  void fill(uint8_t* out, std::size_t n) override;

 private:
  Rng& source_;
  SecureBytes block_;
  std::size_t used_;  // bytes of block_ already handed out (and wiped)
};

// TEST ONLY. A reproducible stream: block i = SHA-256(seed || be64(i)), output
// is the blocks in order. Anyone who knows the seed knows every "random" value,
// so it must never key a real SA; it exists so unit tests of whole exchanges
// are byte-for-byte reproducible.
class DeterministicRng final : public Rng {
 public:
  DeterministicRng(const CryptoContext& ctx, ByteSpan seed);
  DeterministicRng(const CryptoContext& ctx, uint64_t seed);
  ~DeterministicRng() override;
  DeterministicRng(const DeterministicRng&) = delete;
  DeterministicRng& operator=(const DeterministicRng&) = delete;
  void fill(uint8_t* out, std::size_t n) override;

 private:
  void next_block();

  const CryptoContext& ctx_;
  SecureBytes seed_;
  uint64_t counter_ = 0;
  uint8_t block_[32] = {};
  std::size_t used_ = sizeof(block_);  // bytes of block_ already handed out
};

}  // namespace ikeshift::crypto
