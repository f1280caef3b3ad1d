// Internal to engine/crypto: the domain parameters of every DH group, set up
// once per OpenSslDhFactory and shared (read-only, so also across threads) by
// the key pairs it makes. Building an EC_GROUP or a Montgomery context costs
// more than the exchange's own arithmetic on a fast curve, so doing it per key
// pair -- or importing every key into an EVP_PKEY -- would dominate an IKE
// setup.
#pragma once

#include <array>
#include <cstddef>
#include <memory>

#include "crypto/crypto_context.h"
#include "crypto/ossl_ptr.h"

namespace ikeshift::crypto::detail {

// MODP groups 2, 5, 14, 15, 16: p, p - 1, g = 2 and the Montgomery context of p.
struct ModpParams {
  int group = 0;
  std::size_t size = 0;  // |p| in bytes: the KE data and the shared secret
  BignumPtr p, p_minus_1, g;
  BnMontCtxPtr mont;
};

// ECP groups 19, 20, 21: the curve (its order and generator inside).
struct EcpParams {
  int group = 0;
  std::size_t coord = 0;  // field element size in bytes
  EcGroupPtr curve;
};

class DhParams {
 public:
  explicit DhParams(const CryptoContext& ctx);
  const CryptoContext& context() const { return ctx_; }
  const ModpParams* modp(int group) const;  // nullptr if not a MODP group
  const EcpParams* ecp(int group) const;    // nullptr if not an ECP group

 private:
  const CryptoContext& ctx_;
  std::array<ModpParams, 5> modp_;
  std::array<EcpParams, 3> ecp_;
};

}  // namespace ikeshift::crypto::detail
