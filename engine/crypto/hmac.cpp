#include "crypto/hmac.h"

#include "crypto/crypto_error.h"

#include <openssl/core_names.h>

namespace ikeshift::crypto::detail {

KeyedHmac::KeyedHmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key)
    : size_(static_cast<std::size_t>(EVP_MD_get_size(md))) {
  // A copy of the context's template for this digest; only a digest the
  // context did not fetch pays for naming it.
  const EVP_MAC_CTX* tmpl = ctx.hmac_template(md);
  mac_.reset(tmpl != nullptr ? EVP_MAC_CTX_dup(tmpl) : EVP_MAC_CTX_new(ctx.hmac()));
  if (!mac_) throw_openssl_error("EVP_MAC_CTX_new");
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
      OSSL_PARAM_construct_end(),
  };
  // EVP_MAC_init treats a NULL key as "keep the previous key"; a zero-length key
  // must therefore still be a valid pointer.
  static const uint8_t kEmpty = 0;
  const uint8_t* key_ptr = key.empty() ? &kEmpty : key.data();
  if (EVP_MAC_init(mac_.get(), key_ptr, key.size(), tmpl != nullptr ? nullptr : params) != 1) {
    throw_openssl_error("EVP_MAC_init HMAC");
  }
}

void KeyedHmac::compute(std::initializer_list<ByteSpan> data, uint8_t* out) {
  // After a final, a NULL key restarts the MAC under the key already set.
  if (!fresh_ && EVP_MAC_init(mac_.get(), nullptr, 0, nullptr) != 1) throw_openssl_error("EVP_MAC_init HMAC");
  fresh_ = false;
  for (const ByteSpan& part : data) {
    if (!part.empty() && EVP_MAC_update(mac_.get(), part.data(), part.size()) != 1) {
      throw_openssl_error("EVP_MAC_update");
    }
  }
  std::size_t len = 0;
  if (EVP_MAC_final(mac_.get(), out, &len, size_) != 1 || len != size_) throw_openssl_error("EVP_MAC_final");
}

void hmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key, std::initializer_list<ByteSpan> data,
          uint8_t* out) {
  KeyedHmac(ctx, md, key).compute(data, out);
}

}  // namespace ikeshift::crypto::detail
