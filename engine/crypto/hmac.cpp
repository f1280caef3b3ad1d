#include "crypto/hmac.h"

#include "crypto/crypto_error.h"

#include <openssl/core_names.h>

namespace ikeshift::crypto::detail {

KeyedHmac::KeyedHmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key)
    : ctx_(ctx), md_(md), size_(static_cast<std::size_t>(EVP_MD_get_size(md))) {
  // EVP_MAC_init treats a NULL key as "keep the previous key"; a zero-length key
  // must therefore still be a valid pointer.
  static const uint8_t kEmpty = 0;
  const uint8_t* key_ptr = key.empty() ? &kEmpty : key.data();
  mac_ = ctx.lease_hmac_scratch(md);
  if (mac_ != nullptr) {
    if (EVP_MAC_init(mac_, key_ptr, key.size(), nullptr) != 1) {
      ctx.return_hmac_scratch(md);
      throw_openssl_error("EVP_MAC_init HMAC");
    }
    return;
  }
  // A copy of the context's template for this digest; only a digest the
  // context did not fetch pays for naming it.
  const EVP_MAC_CTX* tmpl = ctx.hmac_template(md);
  own_.reset(tmpl != nullptr ? EVP_MAC_CTX_dup(tmpl) : EVP_MAC_CTX_new(ctx.hmac()));
  if (!own_) throw_openssl_error("EVP_MAC_CTX_new");
  mac_ = own_.get();
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
      OSSL_PARAM_construct_end(),
  };
  if (EVP_MAC_init(mac_, key_ptr, key.size(), tmpl != nullptr ? nullptr : params) != 1) {
    throw_openssl_error("EVP_MAC_init HMAC");
  }
}

KeyedHmac::~KeyedHmac() {
  if (!own_) ctx_.return_hmac_scratch(md_);
}

void KeyedHmac::compute(std::initializer_list<ByteSpan> data, uint8_t* out) {
  // After a final, a NULL key restarts the MAC under the key already set.
  if (!fresh_ && EVP_MAC_init(mac_, nullptr, 0, nullptr) != 1) throw_openssl_error("EVP_MAC_init HMAC");
  fresh_ = false;
  for (const ByteSpan& part : data) {
    if (!part.empty() && EVP_MAC_update(mac_, part.data(), part.size()) != 1) {
      throw_openssl_error("EVP_MAC_update");
    }
  }
  std::size_t len = 0;
  if (EVP_MAC_final(mac_, out, &len, size_) != 1 || len != size_) throw_openssl_error("EVP_MAC_final");
}

void hmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key, std::initializer_list<ByteSpan> data,
          uint8_t* out) {
  KeyedHmac(ctx, md, key).compute(data, out);
}

}  // namespace ikeshift::crypto::detail
