// MODP groups 2 (RFC 2409 1024-bit), 5, 14, 15, 16 (RFC 3526), with plain
// constant-time Montgomery exponentiation on the factory's cached parameters.
//
// Peer values are checked for 1 < y < p - 1. All these primes are safe primes,
// and the private exponents are ephemeral (one per exchange, never reused), so
// that range check is the validation RFC 6989 section 2.1 asks for; the full
// subgroup test (y^q == 1) would cost a second, |p|-bit exponentiation and
// protect nothing more here.
#include "crypto/crypto_error.h"
#include "crypto/dh_impl.h"
#include "crypto/dh_params.h"

#include <openssl/bn.h>

namespace ikeshift::crypto::detail {

namespace {

BignumPtr to_bn(ByteSpan b) {
  BignumPtr bn(BN_bin2bn(b.data(), static_cast<int>(b.size()), nullptr));
  if (!bn) throw_openssl_error("BN_bin2bn");
  return bn;
}

// 1 < v < p - 1: excludes 0, 1 and p-1 (the values that force the shared secret
// into {0, 1, p-1}) and anything not reduced mod p.
bool in_open_range(const BIGNUM* v, const ModpParams& m) {
  return BN_cmp(v, BN_value_one()) > 0 && BN_cmp(v, m.p_minus_1.get()) < 0;
}

// base^x mod p, left-padded to |p| bytes into `out`.
void power(const ModpParams& m, const BIGNUM* base, const BIGNUM* x, const CryptoContext& ctx, uint8_t* out) {
  BnCtxPtr bn(BN_CTX_new_ex(ctx.libctx()));
  BignumPtr r(BN_new());
  if (!bn || !r || BN_mod_exp_mont_consttime(r.get(), base, x, m.p.get(), bn.get(), m.mont.get()) != 1 ||
      BN_bn2binpad(r.get(), out, static_cast<int>(m.size)) < 0) {
    throw_openssl_error("BN_mod_exp_mont_consttime");
  }
}

class ModpGroup final : public DhGroup {
 public:
  ModpGroup(std::shared_ptr<const DhParams> params, const ModpParams& m, BignumPtr x, Bytes pub)
      : params_(std::move(params)), m_(m), x_(std::move(x)), pub_(std::move(pub)) {}

  int group() const override { return m_.group; }
  Bytes public_value() const override { return pub_; }

  std::optional<SecureBytes> shared_secret(ByteSpan peer) const override {
    // RFC 7296 3.4: the value is exactly |p| bytes, left-padded.
    if (peer.size() != m_.size) return std::nullopt;
    BignumPtr y = to_bn(peer);
    if (!in_open_range(y.get(), m_)) return std::nullopt;
    SecureBytes z(m_.size);
    power(m_, y.get(), x_.get(), params_->context(), z.data());
    return z;
  }

 private:
  std::shared_ptr<const DhParams> params_;  // keeps m_ alive
  const ModpParams& m_;
  BignumPtr x_;  // the private exponent (BN_clear_free on destruction)
  Bytes pub_;
};

}  // namespace

std::size_t modp_prime_size(int group) noexcept {
  switch (group) {
    case 2: return 128;
    case 5: return 192;
    case 14: return 256;
    case 15: return 384;
    case 16: return 512;
    default: return 0;
  }
}

std::size_t modp_exponent_size(int group) noexcept {
  // Twice the strength in bits (RFC 3526 section 8 / SP 800-57), rounded up
  // to bytes, and at least 256 bits.
  switch (group) {
    case 2:
    case 5:
    case 14: return 32;
    case 15: return 40;  // 128-bit strength -> 256 bits; 320 leaves margin
    case 16: return 48;  // ~150-bit strength -> 300 bits; 384 leaves margin
    default: return 0;
  }
}

std::unique_ptr<DhGroup> make_modp(std::shared_ptr<const DhParams> params, int group, ByteSpan private_exponent) {
  const ModpParams* m = params->modp(group);
  if (m == nullptr || private_exponent.empty() || private_exponent.size() > m->size) return nullptr;
  BignumPtr x = to_bn(private_exponent);
  if (!in_open_range(x.get(), *m)) return nullptr;
  BN_set_flags(x.get(), BN_FLG_CONSTTIME);
  Bytes pub(m->size);
  power(*m, m->g.get(), x.get(), params->context(), pub.data());
  return std::make_unique<ModpGroup>(std::move(params), *m, std::move(x), std::move(pub));
}

}  // namespace ikeshift::crypto::detail
