#include "ikev2/sa_crypto.h"

namespace ikeshift::engine::ikev2 {

namespace {
constexpr uint16_t kEncrNull = 11;
}  // namespace

crypto::KeyLengths SaCrypto::lengths() const {
  crypto::KeyLengths l;
  l.encr = aead ? aead->key_size() : cbc ? cbc->key_size() : 0;  // ENCR_NULL (ESP only) has no key
  l.integ = integrity ? integrity->key_size() : 0;
  return l;
}

std::optional<SaCrypto> make_sa_crypto(const crypto::CryptoContext& ctx, const Selection& s, std::string& why) {
  SaCrypto c;
  if (!s.encryption) {
    why = "no encryption transform";
    return std::nullopt;
  }
  if (s.prf && s.encryption->id == kEncrNull) {  // an IKE SA (it has a PRF) must be encrypted
    why = "NULL encryption cannot protect an IKE SA";
    return std::nullopt;
  }
  if (s.aead()) {
    c.aead = crypto::AeadCipher::create(ctx, s.encryption->id, s.encryption->key_bits);
  } else {
    // ENCR_NULL (RFC 2410) exists only for ESP: no cipher, integrity only.
    if (s.encryption->id != kEncrNull) c.cbc = crypto::CbcCipher::create(ctx, s.encryption->id, s.encryption->key_bits);
    if (s.integrity) c.integrity = crypto::Integrity::create(ctx, s.integrity->id);
  }
  const bool cipher_ok = s.aead() ? c.aead != nullptr : (c.cbc != nullptr || s.encryption->id == kEncrNull);
  if (!cipher_ok || (!s.aead() && !c.integrity)) {
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
