// Key exchange (IKEv2 Transform Type 4): one DhGroup object is one side of one
// exchange; a DhFactory makes them. Both are interfaces so tests can inject a
// factory (and the Rng it is given makes private values reproducible).
//
// Wire formats (the KE payload's Key Exchange Data):
//   MODP (2, 5, 14, 15, 16): g^x mod p, big-endian, left-padded to |p| bytes
//                            (RFC 7296 3.4); the shared secret too, also |p|.
//   ECP (19, 20, 21):        x || y, each left-padded to the field size, with
//                            no 0x04 prefix; the shared secret is x alone
//                            (RFC 5903 section 7).
//   Curve25519 (31):         the 32-byte u-coordinate (RFC 8031); secret 32 bytes.
// A peer value that is malformed or weak gives nullopt, never an exception:
// wrong length; MODP y <= 1 or y >= p-1 (and, for the RFC 3526 groups,
// OpenSSL's subgroup check); ECP point not on the curve; X25519 result all zero
// (low-order point).
#pragma once

#include "crypto/crypto_context.h"
#include "crypto/rng.h"
#include "crypto/secure_bytes.h"

#include <cstddef>
#include <memory>
#include <optional>

namespace ikeshift::crypto {

namespace detail {
class DhParams;
}

class DhGroup {
 public:
  virtual ~DhGroup() = default;
  virtual int group() const = 0;
  // Our KE payload data; public_value_size(group()) bytes.
  virtual Bytes public_value() const = 0;
  // g^ir from the peer's KE payload data.
  virtual std::optional<SecureBytes> shared_secret(ByteSpan peer_public) const = 0;
};

class DhFactory {
 public:
  virtual ~DhFactory() = default;
  virtual bool supports(int group) const = 0;
  // A fresh key pair whose private value is drawn from `rng`. nullptr for an
  // unsupported group.
  virtual std::unique_ptr<DhGroup> create(int group, Rng& rng) = 0;
};

// KE payload length for a group (0 if unsupported); lets a receiver reject a
// KE payload by size before any arithmetic.
std::size_t public_value_size(int group) noexcept;

// The OpenSSL implementation of every group listed above.
class OpenSslDhFactory final : public DhFactory {
 public:
  // Sets up every group's domain parameters once; the key pairs share them.
  explicit OpenSslDhFactory(const CryptoContext& ctx);
  ~OpenSslDhFactory() override;
  bool supports(int group) const override;
  std::unique_ptr<DhGroup> create(int group, Rng& rng) override;
  // A key pair from a known private value (test vectors): the MODP exponent
  // or ECP scalar big-endian, or the 32-byte X25519 scalar. nullptr if the group
  // is unsupported or the value is out of range.
  std::unique_ptr<DhGroup> from_private(int group, ByteSpan private_value) const;

 private:
  const CryptoContext& ctx_;
  std::shared_ptr<const detail::DhParams> params_;
};

}  // namespace ikeshift::crypto
