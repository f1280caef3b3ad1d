// ECP groups 19, 20, 21 (RFC 5903): NIST P-256, P-384, P-521, with the
// low-level point arithmetic on the factory's cached curves: Q = d*G for our
// value, x(d*P) for the secret (cofactor 1). OpenSSL multiplies a secret
// scalar in constant time (the P-256 nistz256 code, the Montgomery ladder
// elsewhere).
#include "crypto/crypto_error.h"
#include "crypto/dh_impl.h"
#include "crypto/dh_params.h"

#include <algorithm>
#include <array>

#include <openssl/ec.h>
#include <openssl/err.h>

namespace ikeshift::crypto::detail {

namespace {

constexpr uint8_t kUncompressed = 0x04;  // SEC 1 prefix; the KE payload omits it
constexpr std::size_t kMaxCoordinate = 66;  // P-521

class EcpGroup final : public DhGroup {
 public:
  EcpGroup(std::shared_ptr<const DhParams> params, const EcpParams& e, BignumPtr d, Bytes pub, BnCtxPtr bn)
      : params_(std::move(params)), e_(e), d_(std::move(d)), pub_(std::move(pub)), bn_(std::move(bn)) {}

  int group() const override { return e_.group; }
  Bytes public_value() const override { return pub_; }

  std::optional<SecureBytes> shared_secret(ByteSpan peer) const override {
    if (peer.size() != 2 * e_.coord) return std::nullopt;
    const EC_GROUP* curve = e_.curve.get();
    BN_CTX* bn = bn_.get();
    EcPointPtr point(EC_POINT_new(curve));
    EcPointPtr product(EC_POINT_new(curve));
    BignumPtr x(BN_new());
    if (!point || !product || !x) throw_openssl_error("EC_POINT_new");
    // oct2point rejects coordinates >= p; the on-curve check rejects points off
    // the curve (the invalid-curve attack), and infinity cannot be encoded as x||y.
    std::array<uint8_t, 1 + 2 * kMaxCoordinate> octets{};  // the public value is not secret
    octets[0] = kUncompressed;
    std::copy(peer.begin(), peer.end(), octets.begin() + 1);
    if (EC_POINT_oct2point(curve, point.get(), octets.data(), 1 + peer.size(), bn) != 1 ||
        EC_POINT_is_on_curve(curve, point.get(), bn) != 1 || EC_POINT_is_at_infinity(curve, point.get())) {
      ERR_clear_error();
      return std::nullopt;
    }
    if (EC_POINT_mul(curve, product.get(), nullptr, point.get(), d_.get(), bn) != 1 ||
        EC_POINT_is_at_infinity(curve, product.get()) ||
        EC_POINT_get_affine_coordinates(curve, product.get(), x.get(), nullptr, bn) != 1) {
      ERR_clear_error();
      return std::nullopt;
    }
    // RFC 5903 7: the secret is the x coordinate, field-size bytes.
    SecureBytes z(e_.coord);
    if (BN_bn2binpad(x.get(), z.data(), static_cast<int>(z.size())) < 0) throw_openssl_error("BN_bn2binpad");
    return z;
  }

 private:
  std::shared_ptr<const DhParams> params_;  // keeps e_ alive
  const EcpParams& e_;
  BignumPtr d_;  // the private scalar (BN_clear_free on destruction)
  Bytes pub_;
  // The key generation's scratch, kept for the one derive that follows (a key
  // pair belongs to one exchange, so to one thread); BN_CTX_free clears it.
  BnCtxPtr bn_;
};

}  // namespace

std::size_t ecp_coordinate_size(int group) noexcept {
  switch (group) {
    case 19: return 32;
    case 20: return 48;
    case 21: return 66;
    default: return 0;
  }
}

SecureBytes ecp_random_scalar(const DhParams& params, int group, Rng& rng) {
  const EcpParams* e = params.ecp(group);
  if (e == nullptr) throw CryptoError("not an ECP group");
  const BIGNUM* order = EC_GROUP_get0_order(e->curve.get());
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

std::unique_ptr<DhGroup> make_ecp(std::shared_ptr<const DhParams> params, int group, ByteSpan private_scalar) {
  const EcpParams* e = params->ecp(group);
  if (e == nullptr || private_scalar.empty() || private_scalar.size() > e->coord) return nullptr;
  const EC_GROUP* curve = e->curve.get();
  BignumPtr d(BN_bin2bn(private_scalar.data(), static_cast<int>(private_scalar.size()), nullptr));
  if (!d) throw_openssl_error("BN_bin2bn");
  if (BN_is_zero(d.get()) || BN_cmp(d.get(), EC_GROUP_get0_order(curve)) >= 0) return nullptr;
  BN_set_flags(d.get(), BN_FLG_CONSTTIME);

  BnCtxPtr bn(BN_CTX_new_ex(params->context().libctx()));
  EcPointPtr q(EC_POINT_new(curve));
  if (!bn || !q || EC_POINT_mul(curve, q.get(), d.get(), nullptr, nullptr, bn.get()) != 1) {
    throw_openssl_error("EC_POINT_mul");
  }
  Bytes octets(1 + 2 * e->coord);
  if (EC_POINT_point2oct(curve, q.get(), POINT_CONVERSION_UNCOMPRESSED, octets.data(), octets.size(), bn.get()) !=
      octets.size()) {
    throw_openssl_error("EC_POINT_point2oct");
  }
  Bytes pub(octets.begin() + 1, octets.end());  // RFC 5903: x || y, no 0x04
  return std::make_unique<EcpGroup>(std::move(params), *e, std::move(d), std::move(pub), std::move(bn));
}

}  // namespace ikeshift::crypto::detail
