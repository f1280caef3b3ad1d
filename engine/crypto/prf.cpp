#include "crypto/prf.h"

#include "crypto/crypto_error.h"
#include "crypto/hmac.h"
#include "crypto/ossl_ptr.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace ikeshift::crypto {

namespace {
const EVP_MD* require_digest(const CryptoContext& ctx, PrfId id) {
  const EVP_MD* md = ctx.prf_digest(id);
  if (md == nullptr) throw CryptoError("unsupported PRF id " + std::to_string(static_cast<unsigned>(id)));
  return md;
}
}  // namespace

Prf::Prf(const CryptoContext& ctx, PrfId id)
    : ctx_(ctx), id_(id), md_(require_digest(ctx, id)), output_size_(static_cast<std::size_t>(EVP_MD_get_size(md_))) {}

std::unique_ptr<Prf> Prf::create(const CryptoContext& ctx, PrfId id) {
  if (ctx.prf_digest(id) == nullptr) return nullptr;
  return std::make_unique<Prf>(ctx, id);
}

SecureBytes Prf::compute(ByteSpan key, std::initializer_list<ByteSpan> data) const {
  SecureBytes out(output_size_);
  detail::hmac(ctx_, md_, key, data, out.data());
  return out;
}

Bytes Prf::hash(std::initializer_list<ByteSpan> data) const {
  EvpMdCtxPtr ctx(EVP_MD_CTX_new());
  if (!ctx) throw_openssl_error("EVP_MD_CTX_new");
  if (EVP_DigestInit_ex2(ctx.get(), md_, nullptr) != 1) throw_openssl_error("EVP_DigestInit_ex2");
  for (const ByteSpan& part : data) {
    if (!part.empty() && EVP_DigestUpdate(ctx.get(), part.data(), part.size()) != 1)
      throw_openssl_error("EVP_DigestUpdate");
  }
  Bytes out(output_size_);
  unsigned int len = 0;
  if (EVP_DigestFinal_ex(ctx.get(), out.data(), &len) != 1 || len != output_size_)
    throw_openssl_error("EVP_DigestFinal_ex");
  return out;
}

SecureBytes Prf::prf_plus(ByteSpan key, ByteSpan seed, std::size_t length) const {
  if (length > 255 * output_size_) throw CryptoError("prf+ asked for more than 255 blocks");
  SecureBytes out(length);
  SecureBytes t(output_size_);  // T(n-1); not part of T1's input
  detail::KeyedHmac mac(ctx_, md_, key);
  std::size_t done = 0;
  for (unsigned n = 1; done < length; ++n) {
    const uint8_t counter = static_cast<uint8_t>(n);
    const ByteSpan previous = n == 1 ? ByteSpan() : t.span();
    mac.compute({previous, seed, ByteSpan(&counter, 1)}, t.data());
    const std::size_t take = std::min(output_size_, length - done);
    std::memcpy(out.data() + done, t.data(), take);
    done += take;
  }
  return out;
}

}  // namespace ikeshift::crypto
