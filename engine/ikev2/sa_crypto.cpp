#include "ikev2/sa_crypto.h"

namespace ikeshift::engine::ikev2 {

crypto::KeyLengths SaCrypto::lengths() const {
  crypto::KeyLengths l;
  l.encr = aead ? aead->key_size() : cbc->key_size();
  l.integ = integrity ? integrity->key_size() : 0;
  return l;
}

std::optional<SaCrypto> make_sa_crypto(const crypto::CryptoContext& ctx, const Selection& s, std::string& why) {
  SaCrypto c;
  if (!s.encryption) {
    why = "no encryption transform";
    return std::nullopt;
  }
  if (s.aead()) {
    c.aead = crypto::AeadCipher::create(ctx, s.encryption->id, s.encryption->key_bits);
  } else {
    c.cbc = crypto::CbcCipher::create(ctx, s.encryption->id, s.encryption->key_bits);
    if (s.integrity) c.integrity = crypto::Integrity::create(ctx, s.integrity->id);
  }
  if ((s.aead() && !c.aead) || (!s.aead() && (!c.cbc || !c.integrity))) {
    why = "unsupported transform " + s.describe();
    return std::nullopt;
  }
  if (s.prf) {
    c.prf = crypto::Prf::create(ctx, s.prf->id);
    if (!c.prf) {
      why = "unsupported PRF " + transform_name(*s.prf);
      return std::nullopt;
    }
  }
  return c;
}

}  // namespace ikeshift::engine::ikev2
