// unique_ptr owners for every OpenSSL object the crypto layer creates, so no
// code path (early return, exception) can leak one. Secret-bearing objects are
// freed with their clearing variants (BN_clear_free, EVP_PKEY_free wipes keys).
#pragma once

#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/params.h>
#include <openssl/provider.h>

#include <memory>

namespace ikeshift::crypto {

namespace detail {
template <class T, void (*Free)(T*)>
struct OsslDeleter {
  void operator()(T* p) const noexcept {
    if (p != nullptr) Free(p);
  }
};
// OSSL_PROVIDER_unload returns int; adapt it to a void deleter.
inline void unload_provider(OSSL_PROVIDER* p) { OSSL_PROVIDER_unload(p); }
// OpenSSL 3.0 has no OSSL_PARAM_clear_free (3.2+): wipe every value (one may be
// a copy of a private scalar) before freeing the array.
inline void clear_free_params(OSSL_PARAM* params) {
  for (OSSL_PARAM* p = params; p->key != nullptr; ++p) {
    if (p->data != nullptr) OPENSSL_cleanse(p->data, p->data_size);
  }
  OSSL_PARAM_free(params);
}
}  // namespace detail

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, detail::OsslDeleter<EVP_PKEY, EVP_PKEY_free>>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, detail::OsslDeleter<EVP_PKEY_CTX, EVP_PKEY_CTX_free>>;
using EvpMacPtr = std::unique_ptr<EVP_MAC, detail::OsslDeleter<EVP_MAC, EVP_MAC_free>>;
using EvpMacCtxPtr = std::unique_ptr<EVP_MAC_CTX, detail::OsslDeleter<EVP_MAC_CTX, EVP_MAC_CTX_free>>;
using EvpMdPtr = std::unique_ptr<EVP_MD, detail::OsslDeleter<EVP_MD, EVP_MD_free>>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, detail::OsslDeleter<EVP_MD_CTX, EVP_MD_CTX_free>>;
using EvpCipherPtr = std::unique_ptr<EVP_CIPHER, detail::OsslDeleter<EVP_CIPHER, EVP_CIPHER_free>>;
using EvpCipherCtxPtr = std::unique_ptr<EVP_CIPHER_CTX, detail::OsslDeleter<EVP_CIPHER_CTX, EVP_CIPHER_CTX_free>>;
using BignumPtr = std::unique_ptr<BIGNUM, detail::OsslDeleter<BIGNUM, BN_clear_free>>;
using BnCtxPtr = std::unique_ptr<BN_CTX, detail::OsslDeleter<BN_CTX, BN_CTX_free>>;
using BnMontCtxPtr = std::unique_ptr<BN_MONT_CTX, detail::OsslDeleter<BN_MONT_CTX, BN_MONT_CTX_free>>;
using ParamBldPtr = std::unique_ptr<OSSL_PARAM_BLD, detail::OsslDeleter<OSSL_PARAM_BLD, OSSL_PARAM_BLD_free>>;
using ParamsPtr = std::unique_ptr<OSSL_PARAM, detail::OsslDeleter<OSSL_PARAM, detail::clear_free_params>>;
using EcGroupPtr = std::unique_ptr<EC_GROUP, detail::OsslDeleter<EC_GROUP, EC_GROUP_free>>;
using EcPointPtr = std::unique_ptr<EC_POINT, detail::OsslDeleter<EC_POINT, EC_POINT_clear_free>>;
using LibCtxPtr = std::unique_ptr<OSSL_LIB_CTX, detail::OsslDeleter<OSSL_LIB_CTX, OSSL_LIB_CTX_free>>;
using ProviderPtr = std::unique_ptr<OSSL_PROVIDER, detail::OsslDeleter<OSSL_PROVIDER, detail::unload_provider>>;

}  // namespace ikeshift::crypto
