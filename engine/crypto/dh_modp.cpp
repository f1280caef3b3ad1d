// MODP groups 2 (RFC 2409 1024-bit), 5, 14, 15, 16 (RFC 3526).
#include "crypto/crypto_error.h"
#include "crypto/dh_impl.h"

#include <openssl/bn.h>
#include <openssl/core_names.h>

namespace ikeshift::crypto::detail {

namespace {

// OpenSSL's name for the group, or nullptr for group 2, which has none and is
// built from explicit p and g.
const char* group_name(int group) {
  switch (group) {
    case 5: return "modp_1536";
    case 14: return "modp_2048";
    case 15: return "modp_3072";
    case 16: return "modp_4096";
    default: return nullptr;
  }
}

BignumPtr group_prime(int group) {
  BIGNUM* p = nullptr;
  switch (group) {
    case 2: p = BN_get_rfc2409_prime_1024(nullptr); break;
    case 5: p = BN_get_rfc3526_prime_1536(nullptr); break;
    case 14: p = BN_get_rfc3526_prime_2048(nullptr); break;
    case 15: p = BN_get_rfc3526_prime_3072(nullptr); break;
    case 16: p = BN_get_rfc3526_prime_4096(nullptr); break;
    default: return nullptr;
  }
  if (p == nullptr) throw_openssl_error("MODP prime");
  return BignumPtr(p);
}

BignumPtr to_bn(ByteSpan b) {
  BignumPtr bn(BN_bin2bn(b.data(), static_cast<int>(b.size()), nullptr));
  if (!bn) throw_openssl_error("BN_bin2bn");
  return bn;
}

// 1 < v < p - 1: excludes 0, 1 and p-1 (the values that force the shared secret
// into {0, 1, p-1}) and anything not reduced mod p.
bool in_open_range(const BIGNUM* v, const BIGNUM* p) {
  BignumPtr p_minus_1(BN_dup(p));
  if (!p_minus_1 || BN_sub_word(p_minus_1.get(), 1) != 1) throw_openssl_error("BN_sub_word");
  return BN_cmp(v, BN_value_one()) > 0 && BN_cmp(v, p_minus_1.get()) < 0;
}

// Domain parameters: the group name when OpenSSL knows it (it then also knows
// q = (p-1)/2 and checks peer values against the subgroup), else p and g.
void push_domain(OSSL_PARAM_BLD* bld, int group, const BIGNUM* p, const BIGNUM* g) {
  if (const char* name = group_name(group)) {
    if (OSSL_PARAM_BLD_push_utf8_string(bld, OSSL_PKEY_PARAM_GROUP_NAME, name, 0) != 1) {
      throw_openssl_error("push group name");
    }
    return;
  }
  if (OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_P, p) != 1 ||
      OSSL_PARAM_BLD_push_BN(bld, OSSL_PKEY_PARAM_FFC_G, g) != 1) {
    throw_openssl_error("push p, g");
  }
}

EvpPkeyPtr build_key(const CryptoContext& ctx, int group, const BIGNUM* p, const BIGNUM* g, const BIGNUM* priv,
                     const BIGNUM* pub) {
  ParamBldPtr bld(OSSL_PARAM_BLD_new());
  if (!bld) throw_openssl_error("OSSL_PARAM_BLD_new");
  push_domain(bld.get(), group, p, g);
  if (OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PUB_KEY, pub) != 1) throw_openssl_error("push pub");
  if (priv != nullptr && OSSL_PARAM_BLD_push_BN(bld.get(), OSSL_PKEY_PARAM_PRIV_KEY, priv) != 1) {
    throw_openssl_error("push priv");
  }
  ParamsPtr params(OSSL_PARAM_BLD_to_param(bld.get()));
  if (!params) throw_openssl_error("OSSL_PARAM_BLD_to_param");
  EvpPkeyCtxPtr pctx(EVP_PKEY_CTX_new_from_name(ctx.libctx(), "DH", nullptr));
  if (!pctx || EVP_PKEY_fromdata_init(pctx.get()) != 1) throw_openssl_error("EVP_PKEY_fromdata_init DH");
  EVP_PKEY* raw = nullptr;
  if (EVP_PKEY_fromdata(pctx.get(), &raw, priv != nullptr ? EVP_PKEY_KEYPAIR : EVP_PKEY_PUBLIC_KEY, params.get()) !=
      1) {
    throw_openssl_error("EVP_PKEY_fromdata DH");
  }
  return EvpPkeyPtr(raw);
}

class ModpGroup final : public DhGroup {
 public:
  ModpGroup(const CryptoContext& ctx, int group, BignumPtr p, BignumPtr g, EvpPkeyPtr key, Bytes pub)
      : ctx_(ctx), group_(group), p_(std::move(p)), g_(std::move(g)), key_(std::move(key)), pub_(std::move(pub)) {}

  int group() const override { return group_; }
  Bytes public_value() const override { return pub_; }

  std::optional<SecureBytes> shared_secret(ByteSpan peer) const override {
    // RFC 7296 3.4: the value is exactly |p| bytes, left-padded.
    if (peer.size() != pub_.size()) return std::nullopt;
    BignumPtr y = to_bn(peer);
    if (!in_open_range(y.get(), p_.get())) return std::nullopt;
    EvpPkeyPtr peer_key = build_key(ctx_, group_, p_.get(), g_.get(), nullptr, y.get());
    std::optional<SecureBytes> z = derive(ctx_, key_.get(), peer_key.get(), true);
    if (z && z->size() != pub_.size()) return std::nullopt;
    return z;
  }

 private:
  const CryptoContext& ctx_;
  int group_;
  BignumPtr p_;
  BignumPtr g_;
  EvpPkeyPtr key_;
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

std::unique_ptr<DhGroup> make_modp(const CryptoContext& ctx, int group, ByteSpan private_exponent) {
  BignumPtr p = group_prime(group);
  if (!p || private_exponent.empty() || private_exponent.size() > modp_prime_size(group)) return nullptr;
  BignumPtr x = to_bn(private_exponent);
  if (!in_open_range(x.get(), p.get())) return nullptr;
  BignumPtr g(BN_new());
  if (!g || BN_set_word(g.get(), 2) != 1) throw_openssl_error("BN_set_word");

  // Public value g^x mod p, computed here so the key pair is fully determined
  // by the private value (fromdata does not derive it).
  BnCtxPtr bn_ctx(BN_CTX_new_ex(ctx.libctx()));
  BignumPtr y(BN_new());
  if (!bn_ctx || !y || BN_mod_exp_mont_consttime(y.get(), g.get(), x.get(), p.get(), bn_ctx.get(), nullptr) != 1) {
    throw_openssl_error("BN_mod_exp");
  }
  Bytes pub(modp_prime_size(group));
  if (BN_bn2binpad(y.get(), pub.data(), static_cast<int>(pub.size())) < 0) throw_openssl_error("BN_bn2binpad");
  EvpPkeyPtr key = build_key(ctx, group, p.get(), g.get(), x.get(), y.get());
  return std::make_unique<ModpGroup>(ctx, group, std::move(p), std::move(g), std::move(key), std::move(pub));
}

}  // namespace ikeshift::crypto::detail
