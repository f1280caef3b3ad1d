#include "crypto/ikev1_keymat.h"

#include "crypto/crypto_error.h"

#include <algorithm>
#include <cstring>

namespace ikeshift::crypto {

namespace {

std::array<uint8_t, 4> be32(uint32_t v) {
  return {static_cast<uint8_t>(v >> 24), static_cast<uint8_t>(v >> 16), static_cast<uint8_t>(v >> 8),
          static_cast<uint8_t>(v)};
}

// K1 | K2 | ... with K1 = prf(key, seed_first) and Kn = prf(key, Kn-1 | seed),
// the shape both App. B expansions share.
SecureBytes expand(const Prf& prf, ByteSpan key, ByteSpan first_seed, ByteSpan seed, std::size_t length,
                   bool chain_seed) {
  SecureBytes out(length);
  SecureBytes k;
  std::size_t done = 0;
  while (done < length) {
    k = k.empty() ? prf.compute(key, first_seed)
                  : (chain_seed ? prf.compute(key, {k.span(), seed}) : prf.compute(key, k.span()));
    const std::size_t take = std::min(k.size(), length - done);
    std::memcpy(out.data() + done, k.data(), take);
    done += take;
  }
  return out;
}

}  // namespace

SecureBytes ikev1_skeyid_psk(const Prf& prf, ByteSpan psk, ByteSpan ni_b, ByteSpan nr_b) {
  return prf.compute(psk, {ni_b, nr_b});
}

Ikev1Skeyids ikev1_derive_skeyids(const Prf& prf, SecureBytes skeyid, ByteSpan g_xy, ByteSpan cky_i,
                                  ByteSpan cky_r) {
  static const uint8_t kZero = 0, kOne = 1, kTwo = 2;
  Ikev1Skeyids k;
  k.skeyid_d = prf.compute(skeyid, {g_xy, cky_i, cky_r, ByteSpan(&kZero, 1)});
  k.skeyid_a = prf.compute(skeyid, {k.skeyid_d.span(), g_xy, cky_i, cky_r, ByteSpan(&kOne, 1)});
  k.skeyid_e = prf.compute(skeyid, {k.skeyid_a.span(), g_xy, cky_i, cky_r, ByteSpan(&kTwo, 1)});
  k.skeyid = std::move(skeyid);
  return k;
}

SecureBytes ikev1_encryption_key(const Prf& prf, ByteSpan skeyid_e, std::size_t key_length) {
  if (skeyid_e.size() >= key_length) return SecureBytes(skeyid_e.subspan(0, key_length));
  // "0" is one zero octet (RFC 2409 App. B).
  static const uint8_t kZero = 0;
  return expand(prf, skeyid_e, ByteSpan(&kZero, 1), ByteSpan(), key_length, false);
}

Bytes ikev1_hash_i(const Prf& prf, ByteSpan skeyid, ByteSpan g_xi, ByteSpan g_xr, ByteSpan cky_i, ByteSpan cky_r,
                   ByteSpan sai_b, ByteSpan idii_b) {
  return prf.compute(skeyid, {g_xi, g_xr, cky_i, cky_r, sai_b, idii_b}).expose();
}

Bytes ikev1_hash_r(const Prf& prf, ByteSpan skeyid, ByteSpan g_xi, ByteSpan g_xr, ByteSpan cky_i, ByteSpan cky_r,
                   ByteSpan sai_b, ByteSpan idir_b) {
  return prf.compute(skeyid, {g_xr, g_xi, cky_r, cky_i, sai_b, idir_b}).expose();
}

Bytes ikev1_phase1_iv(const Prf& prf, ByteSpan g_xi, ByteSpan g_xr, std::size_t block_size) {
  Bytes h = prf.hash({g_xi, g_xr});
  if (h.size() < block_size) throw CryptoError("IKEv1 IV: hash shorter than the cipher block");
  h.resize(block_size);
  return h;
}

Bytes ikev1_phase2_iv(const Prf& prf, ByteSpan last_phase1_block, uint32_t message_id, std::size_t block_size) {
  const auto mid = be32(message_id);
  Bytes h = prf.hash({last_phase1_block, mid});
  if (h.size() < block_size) throw CryptoError("IKEv1 IV: hash shorter than the cipher block");
  h.resize(block_size);
  return h;
}

Bytes ikev1_hash1(const Prf& prf, ByteSpan skeyid_a, uint32_t message_id, ByteSpan rest) {
  const auto mid = be32(message_id);
  return prf.compute(skeyid_a, {mid, rest}).expose();
}

Bytes ikev1_hash2(const Prf& prf, ByteSpan skeyid_a, uint32_t message_id, ByteSpan ni_b, ByteSpan rest) {
  const auto mid = be32(message_id);
  return prf.compute(skeyid_a, {mid, ni_b, rest}).expose();
}

Bytes ikev1_hash3(const Prf& prf, ByteSpan skeyid_a, uint32_t message_id, ByteSpan ni_b, ByteSpan nr_b) {
  static const uint8_t kZero = 0;
  const auto mid = be32(message_id);
  return prf.compute(skeyid_a, {ByteSpan(&kZero, 1), mid, ni_b, nr_b}).expose();
}

SecureBytes ikev1_keymat(const Prf& prf, ByteSpan skeyid_d, ByteSpan g_qm, uint8_t protocol, ByteSpan spi,
                         ByteSpan ni_b, ByteSpan nr_b, std::size_t length) {
  // g(qm)^xy is secret: the seed lives in a wiped buffer.
  const SecureBytes seed = concat_secure({g_qm, ByteSpan(&protocol, 1), spi, ni_b, nr_b});
  return expand(prf, skeyid_d, seed, seed, length, true);
}

ChildSaKeys ikev1_child_sa_keys(const Prf& prf, ByteSpan skeyid_d, ByteSpan g_qm, uint8_t protocol,
                                ByteSpan spi_initiator, ByteSpan spi_responder, ByteSpan ni_b, ByteSpan nr_b,
                                KeyLengths lengths) {
  const std::size_t n = lengths.encr + lengths.integ;
  const SecureBytes to_responder = ikev1_keymat(prf, skeyid_d, g_qm, protocol, spi_responder, ni_b, nr_b, n);
  const SecureBytes to_initiator = ikev1_keymat(prf, skeyid_d, g_qm, protocol, spi_initiator, ni_b, nr_b, n);
  ChildSaKeys k;
  k.encr_i = SecureBytes(to_responder.subspan(0, lengths.encr));
  k.integ_i = SecureBytes(to_responder.subspan(lengths.encr, lengths.integ));
  k.encr_r = SecureBytes(to_initiator.subspan(0, lengths.encr));
  k.integ_r = SecureBytes(to_initiator.subspan(lengths.encr, lengths.integ));
  return k;
}

}  // namespace ikeshift::crypto
