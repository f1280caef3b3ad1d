#include "crypto/integrity.h"

#include "crypto/crypto_error.h"
#include "crypto/hmac.h"

#include <openssl/crypto.h>

#include <string>

namespace ikeshift::crypto {

namespace {

const EVP_MD* require_digest(const CryptoContext& ctx, IntegId id) {
  const EVP_MD* md = ctx.integ_digest(id);
  if (md == nullptr) throw CryptoError("unsupported integrity id " + std::to_string(static_cast<unsigned>(id)));
  return md;
}

// ICV lengths from the RFCs named in the header: 96 bits for MD5/SHA1, half the
// hash output for SHA-2.
std::size_t icv_length(IntegId id, std::size_t hash_size) {
  return (id == IntegId::HmacMd5_96 || id == IntegId::HmacSha1_96) ? 12 : hash_size / 2;
}

}  // namespace

Integrity::Integrity(const CryptoContext& ctx, IntegId id)
    : ctx_(ctx),
      id_(id),
      md_(require_digest(ctx, id)),
      key_size_(static_cast<std::size_t>(EVP_MD_get_size(md_))),
      icv_size_(icv_length(id, key_size_)) {}

std::unique_ptr<Integrity> Integrity::create(const CryptoContext& ctx, IntegId id) {
  if (ctx.integ_digest(id) == nullptr) return nullptr;
  return std::make_unique<Integrity>(ctx, id);
}

Bytes Integrity::compute(ByteSpan key, std::initializer_list<ByteSpan> data) const {
  if (key.size() != key_size_) throw CryptoError("integrity key has the wrong length");
  uint8_t full[EVP_MAX_MD_SIZE];
  detail::hmac(ctx_, md_, key, data, full);
  Bytes icv(full, full + icv_size_);
  OPENSSL_cleanse(full, sizeof(full));  // the untruncated tail is not public
  return icv;
}

bool Integrity::verify(ByteSpan key, std::initializer_list<ByteSpan> data, ByteSpan icv) const {
  if (icv.size() != icv_size_) return false;
  const Bytes expected = compute(key, data);
  return equal_ct(expected, icv);
}

}  // namespace ikeshift::crypto
