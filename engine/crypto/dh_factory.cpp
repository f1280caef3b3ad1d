// OpenSslDhFactory and the pieces shared by the three DH families.
#include "crypto/crypto_error.h"
#include "crypto/dh.h"
#include "crypto/dh_impl.h"

#include <openssl/err.h>

namespace ikeshift::crypto {

namespace {
bool is_modp(int g) { return g == 2 || g == 5 || g == 14 || g == 15 || g == 16; }
bool is_ecp(int g) { return g == 19 || g == 20 || g == 21; }
}  // namespace

std::size_t public_value_size(int group) noexcept {
  if (is_modp(group)) return detail::modp_prime_size(group);
  if (is_ecp(group)) return 2 * detail::ecp_coordinate_size(group);
  if (group == 31) return 32;
  return 0;
}

OpenSslDhFactory::OpenSslDhFactory(const CryptoContext& ctx)
    : ctx_(ctx), params_(std::make_shared<const detail::DhParams>(ctx)) {}

OpenSslDhFactory::~OpenSslDhFactory() = default;

bool OpenSslDhFactory::supports(int group) const { return public_value_size(group) != 0; }

std::unique_ptr<DhGroup> OpenSslDhFactory::create(int group, Rng& rng) {
  if (is_modp(group)) {
    // A value below 2 would be rejected by make_modp; draw again (practically
    // never happens, but a deterministic retry keeps replays exact).
    for (;;) {
      SecureBytes x = rng.secure_bytes(detail::modp_exponent_size(group));
      if (auto dh = detail::make_modp(params_, group, x)) return dh;
    }
  }
  if (is_ecp(group)) return detail::make_ecp(params_, group, detail::ecp_random_scalar(*params_, group, rng));
  if (group == 31) {
    // Any 32 bytes are a valid X25519 private key (clamping happens inside).
    return detail::make_x25519(ctx_, rng.secure_bytes(32));
  }
  return nullptr;
}

std::unique_ptr<DhGroup> OpenSslDhFactory::from_private(int group, ByteSpan private_value) const {
  if (is_modp(group)) return detail::make_modp(params_, group, private_value);
  if (is_ecp(group)) return detail::make_ecp(params_, group, private_value);
  if (group == 31) return detail::make_x25519(ctx_, private_value);
  return nullptr;
}

namespace detail {

std::optional<SecureBytes> derive(const CryptoContext& ctx, EVP_PKEY* local, EVP_PKEY* peer) {
  EvpPkeyCtxPtr dctx(EVP_PKEY_CTX_new_from_pkey(ctx.libctx(), local, nullptr));
  if (!dctx || EVP_PKEY_derive_init(dctx.get()) != 1) throw_openssl_error("EVP_PKEY_derive_init");
  // validate = 0: X25519 public keys need no check beyond the all-zero result,
  // which the derive itself refuses.
  if (EVP_PKEY_derive_set_peer_ex(dctx.get(), peer, 0) != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  std::size_t len = 0;
  if (EVP_PKEY_derive(dctx.get(), nullptr, &len) != 1) throw_openssl_error("EVP_PKEY_derive (size)");
  SecureBytes secret(len);
  if (EVP_PKEY_derive(dctx.get(), secret.data(), &len) != 1) {
    // A rejected peer value (subgroup check, all-zero X25519 result) lands here.
    ERR_clear_error();
    return std::nullopt;
  }
  secret.resize(len);
  return secret;
}

}  // namespace detail
}  // namespace ikeshift::crypto
