// ECP groups 19, 20, 21 (RFC 5903): NIST P-256, P-384, P-521.
#include "crypto/crypto_error.h"
#include "crypto/dh_impl.h"

#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/err.h>
#include <openssl/obj_mac.h>

namespace ikeshift::crypto::detail {

namespace {

struct Curve {
  int nid;
  const char* name;
  std::size_t coord;  // field element size in bytes
};

const Curve* curve_of(int group) {
  static const Curve kP256{NID_X9_62_prime256v1, "P-256", 32};
  static const Curve kP384{NID_secp384r1, "P-384", 48};
  static const Curve kP521{NID_secp521r1, "P-521", 66};
  switch (group) {
    case 19: return &kP256;
    case 20: return &kP384;
    case 21: return &kP521;
    default: return nullptr;
  }
}

EcGroupPtr load_group(const CryptoContext& ctx, const Curve& c) {
  EcGroupPtr g(EC_GROUP_new_by_curve_name_ex(ctx.libctx(), nullptr, c.nid));
  if (!g) throw_openssl_error("EC_GROUP_new_by_curve_name_ex");
  return g;
}

// priv may be null (a peer's public key).
EvpPkeyPtr build_key(const CryptoContext& ctx, const Curve& c, const BIGNUM* priv, ByteSpan pub_octets) {
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld || OSSL_PARAM_BLD_push_utf8_string(bld.get(), OSSL_PKEY_PARAM_GROUP_NAME, c.name, 0) != 1 ||
      OSSL_PARAM_BLD_push_octet_string(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, pub_octets.data(), pub_octets.size()) !=
          1 ||
      (priv != nullptr && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv) != 1)) {
    throw_openssl_error("EC key parameters");
  }
  ParamsPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  EvpPkeyCtxPtr pctx(EVP_PKEY_CTX_new_from_name(ctx.libctx(), "EC", nullptr));
  if (!params || !pctx || EVP_PKEY_fromdata_init(pctx.get()) != 1) throw_openssl_error("EVP_PKEY_fromdata_init EC");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(pctx.get(), &raw, priv != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) !=
      1) {
    return nullptr;
  }
  return EvpPkeyPtr(raw);
}

class EcpGroup final : public DhGroup {
 public:
  EcpGroup(const CryptoContext& ctx, int group, const Curve& curve, EcGroupPtr ec, EvpPkeyPtr key, Bytes pub)
      : ctx_(ctx), group_(group), curve_(curve), ec_(std::move(ec)), key_(std::move(key)), pub_(std::move(pub)) {}

  int group() const override { return group_; }
  Bytes public_value() const override { return pub_; }

  std::optional<SecureBytes> shared_secret(ByteSpan peer) const override {
    if (peer.size() != 2 * curve_.coord) return std::nullopt;
    // Back to SEC 1 uncompressed form for OpenSSL; oct2point rejects
    // coordinates >= p, and the explicit on-curve check below rejects points
    // off the curve (the invalid-curve attack).
    Bytes octets = concat({ByteSpan(&kUncompressed, 1), peer});
    EcPointPtr point(EC_POINT_new(ec_.get()));
    if (!point) throw_openssl_error("EC_POINT_new");
    if (EC_POINT_oct2point(ec_.get(), point.get(), octets.data(), octets.size(), nullptr) != 1 ||
        EC_POINT_is_on_curve(ec_.get(), point.get(), nullptr) != 1 || EC_POINT_is_at_infinity(ec_.get(), point.get())) {
      ERR_clear_error();
      return std::nullopt;
    }
    EvpPkeyPtr peer_key = build_key(ctx_, curve_, nullptr, octets);
    if (!peer_key) {
      ERR_clear_error();
      return std::nullopt;
    }
    std::optional<SecureBytes> z = derive(ctx_, key_.get(), peer_key.get(), false);
    // RFC 5903 7: the secret is the x coordinate, field-size bytes.
    if (z && z->size() != curve_.coord) return std::nullopt;
    return z;
  }

 private:
  static constexpr uint8_t kUncompressed = 0x04;
  const CryptoContext& ctx_;
  int group_;
  const Curve& curve_;
  EcGroupPtr ec_;
  EvpPkeyPtr key_;
  Bytes pub_;
};

}  // namespace

std::size_t ecp_coordinate_size(int group) noexcept {
  const Curve* c = curve_of(group);
  return c != nullptr ? c->coord : 0;
}

SecureBytes ecp_random_scalar(const CryptoContext& ctx, int group, Rng& rng) {
  const Curve* c = curve_of(group);
  if (c == nullptr) throw CryptoError("not an ECP group");
  EcGroupPtr ec = load_group(ctx, *c);
  const BIGNUM* order = EC_GROUP_get0_order(ec.get());
  const int bits = BN_num_bits(order);
  const std::size_t len = static_cast<std::size_t>((bits + 7) / 8);
  const unsigned excess = static_cast<unsigned>(len * 8 - static_cast<std::size_t>(bits));
  for (;;) {
    SecureBytes k = rng.secure_bytes(len);
    // Drop the bits above the order's length (P-521: 7 of them) so the
    // rejection loop below almost never repeats.
    k[0] = static_cast<uint8_t>(k[0] & (0xffu >> excess));
    BignumPtr v(BN_bin2bn(k.data(), static_cast<int>(k.size()), nullptr));
    if (!v) throw_openssl_error("BN_bin2bn");
    if (!BN_is_zero(v.get()) && BN_cmp(v.get(), order) < 0) return k;
  }
}

std::unique_ptr<DhGroup> make_ecp(const CryptoContext& ctx, int group, ByteSpan private_scalar) {
  const Curve* c = curve_of(group);
  if (c == nullptr || private_scalar.empty() || private_scalar.size() > c->coord) return nullptr;
  EcGroupPtr ec = load_group(ctx, *c);
  BignumPtr d(BN_bin2bn(private_scalar.data(), static_cast<int>(private_scalar.size()), nullptr));
  if (!d) throw_openssl_error("BN_bin2bn");
  if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(ec.get())) >= 0) return nullptr;

  // Q = d * G, computed here so the key pair depends on the private value only.
  BnCtxPtr bn_ctx(BN_CTX_new_ex(ctx.libctx()));
  EcPointPtr q(EC_POINT_new(ec.get()));
  if (!bn_ctx || !q || EC_POINT_mul(ec.get(), q.get(), d.get(), nullptr, nullptr, bn_ctx.get()) != 1) {
    throw_openssl_error("EC_POINT_mul");
  }
  Bytes octets(1 + 2 * c->coord);
  if (EC_POINT_point2oct(ec.get(), q.get(), POINT_CONVERSION_UNCOMPRESSED, octets.data(), octets.size(),
                         bn_ctx.get()) != octets.size()) {
    throw_openssl_error("EC_POINT_point2oct");
  }
  EvpPkeyPtr key = build_key(ctx, *c, d.get(), octets);
  if (!key) throw_openssl_error("EVP_PKEY_fromdata EC");
  Bytes pub(octets.begin() + 1, octets.end());  // RFC 5903: x || y, no 0x04
  return std::make_unique<EcpGroup>(ctx, group, *c, std::move(ec), std::move(key), std::move(pub));
}

}  // namespace ikeshift::crypto::detail
