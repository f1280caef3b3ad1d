#include "crypto/dh_params.h"

#include <openssl/obj_mac.h>

#include "crypto/crypto_error.h"

namespace ikeshift::crypto::detail {

namespace {

BIGNUM* prime_of(int group) {
  switch (group) {
    case 2: return BN_get_rfc2409_prime_1024(nullptr);
    case 5: return BN_get_rfc3526_prime_1536(nullptr);
    case 14: return BN_get_rfc3526_prime_2048(nullptr);
    case 15: return BN_get_rfc3526_prime_3072(nullptr);
    case 16: return BN_get_rfc3526_prime_4096(nullptr);
    default: return nullptr;
  }
}

ModpParams load_modp(const CryptoContext& ctx, int group) {
  ModpParams m;
  m.group = group;
  m.p.reset(prime_of(group));
  m.p_minus_1.reset(BN_new());
  m.g.reset(BN_new());
  m.mont.reset(BN_MONT_CTX_new());
  BnCtxPtr bn(BN_CTX_new_ex(ctx.libctx()));
  if (!m.p || !m.p_minus_1 || !m.g || !m.mont || !bn || BN_copy(m.p_minus_1.get(), m.p.get()) == nullptr ||
      BN_sub_word(m.p_minus_1.get(), 1) != 1 || BN_set_word(m.g.get(), 2) != 1 ||
      BN_MONT_CTX_set(m.mont.get(), m.p.get(), bn.get()) != 1) {
    throw_openssl_error("MODP group parameters");
  }
  m.size = static_cast<std::size_t>(BN_num_bytes(m.p.get()));
  return m;
}

EcpParams load_ecp(const CryptoContext& ctx, int group, int nid, std::size_t coord) {
  EcpParams e;
  e.group = group;
  e.coord = coord;
  e.curve.reset(EC_GROUP_new_by_curve_name_ex(ctx.libctx(), nullptr, nid));
  if (!e.curve) throw_openssl_error("EC_GROUP_new_by_curve_name_ex");
  return e;
}

}  // namespace

DhParams::DhParams(const CryptoContext& ctx)
    : ctx_(ctx),
      modp_{load_modp(ctx, 2), load_modp(ctx, 5), load_modp(ctx, 14), load_modp(ctx, 15), load_modp(ctx, 16)},
      ecp_{load_ecp(ctx, 19, NID_X9_62_prime256v1, 32), load_ecp(ctx, 20, NID_secp384r1, 48),
           load_ecp(ctx, 21, NID_secp521r1, 66)} {}

const ModpParams* DhParams::modp(int group) const {
  for (const ModpParams& m : modp_)
    if (m.group == group) return &m;
  return nullptr;
}

const EcpParams* DhParams::ecp(int group) const {
  for (const EcpParams& e : ecp_)
    if (e.group == group) return &e;
  return nullptr;
}

}  // namespace ikeshift::crypto::detail
