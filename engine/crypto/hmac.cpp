#include "crypto/hmac.h"

#include "crypto/crypto_error.h"

#include <openssl/core_names.h>

namespace ikeshift::crypto::detail {

namespace {
// Naming the digest in EVP_MAC_init costs a provider fetch; only a digest the
// context did not fetch (so has no template for) pays it.
void digest_params(const EVP_MD* md, OSSL_PARAM (&params)[2]) {
  params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0);
  params[1] = OSSL_PARAM_construct_end();
}
}  // namespace

EvpMacCtxPtr new_hmac_context(const CryptoContext& ctx, const EVP_MD* md) {
  const EVP_MAC_CTX* tmpl = ctx.hmac_template(md);
  EvpMacCtxPtr mac(tmpl != nullptr ? EVP_MAC_CTX_dup(tmpl) : EVP_MAC_CTX_new(ctx.hmac()));
  if (!mac) throw_openssl_error("EVP_MAC_CTX_new");
  if (tmpl == nullptr) {
    OSSL_PARAM params[2];
    digest_params(md, params);
    if (EVP_MAC_CTX_set_params(mac.get(), params) != 1) throw_openssl_error("EVP_MAC_CTX_set_params HMAC");
  }
  return mac;
}

KeyedHmac::KeyedHmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key)
    : size_(static_cast<std::size_t>(EVP_MD_get_size(md))) {
  // A copy of the context's template for this digest.
  const EVP_MAC_CTX* tmpl = ctx.hmac_template(md);
  owned_.reset(tmpl != nullptr ? EVP_MAC_CTX_dup(tmpl) : EVP_MAC_CTX_new(ctx.hmac()));
  if (!owned_) throw_openssl_error("EVP_MAC_CTX_new");
  mac_ = owned_.get();
  OSSL_PARAM params[2];
  digest_params(md, params);
  set_key(key, tmpl != nullptr ? nullptr : params);
}

KeyedHmac::KeyedHmac(EVP_MAC_CTX* reused, const EVP_MD* md, ByteSpan key)
    : mac_(reused), size_(static_cast<std::size_t>(EVP_MD_get_size(md))) {
  set_key(key, nullptr);
}

void KeyedHmac::set_key(ByteSpan key, const OSSL_PARAM* params) {
  // EVP_MAC_init treats a NULL key as "keep the previous key"; a zero-length key
  // must therefore still be a valid pointer.
  static const uint8_t kEmpty = 0;
  const uint8_t* key_ptr = key.empty() ? &kEmpty : key.data();
  if (EVP_MAC_init(mac_, key_ptr, key.size(), params) != 1) throw_openssl_error("EVP_MAC_init HMAC");
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
