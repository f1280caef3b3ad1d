#include "crypto/hmac.h"

#include "crypto/crypto_error.h"

#include <openssl/core_names.h>

namespace ikeshift::crypto::detail {

void hmac(const CryptoContext& ctx, const EVP_MD* md, ByteSpan key, std::initializer_list<ByteSpan> data,
          uint8_t* out) {
  // A copy of the context's template for this digest; only a digest the
  // context did not fetch pays for naming it.
  const EVP_MAC_CTX* tmpl = ctx.hmac_template(md);
  EvpMacCtxPtr mac(tmpl != nullptr ? EVP_MAC_CTX_dup(tmpl) : EVP_MAC_CTX_new(ctx.hmac()));
  if (!mac) throw_openssl_error("EVP_MAC_CTX_new");
  OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, const_cast<char*>(EVP_MD_get0_name(md)), 0),
      OSSL_PARAM_construct_end(),
  };
  // EVP_MAC_init treats a NULL key as "keep the previous key"; a zero-length key
  // must therefore still be a valid pointer.
  static const uint8_t kEmpty = 0;
  const uint8_t* key_ptr = key.empty() ? &kEmpty : key.data();
  if (EVP_MAC_init(mac.get(), key_ptr, key.size(), tmpl != nullptr ? nullptr : params) != 1) {
    throw_openssl_error("EVP_MAC_init HMAC");
  }
  for (const ByteSpan& part : data) {
    if (!part.empty() && EVP_MAC_update(mac.get(), part.data(), part.size()) != 1) {
      throw_openssl_error("EVP_MAC_update");
    }
  }
  std::size_t len = 0;
  const std::size_t want = static_cast<std::size_t>(EVP_MD_get_size(md));
  if (EVP_MAC_final(mac.get(), out, &len, want) != 1 || len != want) throw_openssl_error("EVP_MAC_final");
}

}  // namespace ikeshift::crypto::detail
