#include "crypto/prf.h"

#include "crypto/crypto_error.h"
#include "crypto/hmac.h"

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

SecureBytes Prf::prf_plus(ByteSpan key, ByteSpan seed, std::size_t length) const {
  if (length > 255 * output_size_) throw CryptoError("prf+ asked for more than 255 blocks");
  SecureBytes out(length);
  SecureBytes t;  // T(n-1); empty for T1
  std::size_t done = 0;
  for (unsigned n = 1; done < length; ++n) {
    const uint8_t counter = static_cast<uint8_t>(n);
    SecureBytes next = compute(key, {t.span(), seed, ByteSpan(&counter, 1)});
    const std::size_t take = std::min(output_size_, length - done);
    std::memcpy(out.data() + done, next.data(), take);
    done += take;
    t = std::move(next);
  }
  return out;
}

}  // namespace ikeshift::crypto
