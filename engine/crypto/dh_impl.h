// Internal to engine/crypto: the per-family constructors behind OpenSslDhFactory.
#pragma once

#include "crypto/dh.h"
#include "crypto/dh_params.h"

namespace ikeshift::crypto::detail {

// Each returns nullptr for a group of another family or an invalid private value.
std::unique_ptr<DhGroup> make_modp(std::shared_ptr<const DhParams> params, int group, ByteSpan private_exponent);
std::unique_ptr<DhGroup> make_ecp(std::shared_ptr<const DhParams> params, int group, ByteSpan private_scalar);
std::unique_ptr<DhGroup> make_x25519(const CryptoContext& ctx, ByteSpan private_scalar);

// Private-value lengths drawn from the Rng. MODP uses short exponents (twice the
// group's security strength, as RFC 3526 section 8 and SP 800-56A suggest)
// because exponent length is what a modexp costs; ECP and X25519 use the full
// scalar length.
std::size_t modp_exponent_size(int group) noexcept;
std::size_t modp_prime_size(int group) noexcept;
std::size_t ecp_coordinate_size(int group) noexcept;
// A uniformly random scalar in [1, n-1] for the curve of `group`, by rejection
// sampling so a DeterministicRng gives a deterministic result.
SecureBytes ecp_random_scalar(const DhParams& params, int group, Rng& rng);

// Derives with `local` against `peer` (X25519); nullopt if OpenSSL rejects the peer key.
std::optional<SecureBytes> derive(const CryptoContext& ctx, EVP_PKEY* local, EVP_PKEY* peer);

}  // namespace ikeshift::crypto::detail
