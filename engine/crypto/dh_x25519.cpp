// Curve25519 (group 31, RFC 8031 / RFC 7748).
#include "crypto/crypto_error.h"
#include "crypto/dh_impl.h"

#include <openssl/err.h>

namespace ikeshift::crypto::detail {

namespace {

constexpr std::size_t kKeySize = 32;

class X25519Group final : public DhGroup {
 public:
  X25519Group(const CryptoContext& ctx, EvpPkeyPtr key, Bytes pub)
      : ctx_(ctx), key_(std::move(key)), pub_(std::move(pub)) {}

  int group() const override { return 31; }
  Bytes public_value() const override { return pub_; }

  std::optional<SecureBytes> shared_secret(ByteSpan peer) const override {
    if (peer.size() != kKeySize) return std::nullopt;
    EvpPkeyPtr peer_key(EVP_PKEY_new_raw_public_key_ex(ctx_.libctx(), "X25519", nullptr, peer.data(), peer.size()));
    if (!peer_key) {
      ERR_clear_error();
      return std::nullopt;
    }
    // OpenSSL fails the derive when the result is all zero (a low-order peer
    // point, RFC 7748 6.1 / RFC 8031 2.3); derive() turns that into nullopt.
    std::optional<SecureBytes> z = derive(ctx_, key_.get(), peer_key.get());
    if (z && z->size() != kKeySize) return std::nullopt;
    return z;
  }

 private:
  const CryptoContext& ctx_;
  EvpPkeyPtr key_;
  Bytes pub_;
};

}  // namespace

std::unique_ptr<DhGroup> make_x25519(const CryptoContext& ctx, ByteSpan private_scalar) {
  if (private_scalar.size() != kKeySize) return nullptr;
  EvpPkeyPtr key(
      EVP_PKEY_new_raw_private_key_ex(ctx.libctx(), "X25519", nullptr, private_scalar.data(), private_scalar.size()));
  if (!key) throw_openssl_error("EVP_PKEY_new_raw_private_key_ex X25519");
  Bytes pub(kKeySize);
  std::size_t len = pub.size();
  if (EVP_PKEY_get_raw_public_key(key.get(), pub.data(), &len) != 1 || len != kKeySize) {
    throw_openssl_error("EVP_PKEY_get_raw_public_key");
  }
  return std::make_unique<X25519Group>(ctx, std::move(key), std::move(pub));
}

}  // namespace ikeshift::crypto::detail
