#include "crypto/ikev2_keymat.h"

namespace ikeshift::crypto {

namespace {

// Cuts consecutive pieces off a prf+ stream.
class Splitter {
 public:
  explicit Splitter(const SecureBytes& stream) : stream_(stream) {}
  SecureBytes take(std::size_t n) {
    SecureBytes out(stream_.subspan(offset_, n));
    offset_ += n;
    return out;
  }

 private:
  const SecureBytes& stream_;
  std::size_t offset_ = 0;
};

}  // namespace

SecureBytes skeyseed(const Prf& prf, ByteSpan ni, ByteSpan nr, ByteSpan g_ir) {
  // The nonces are the key, g^ir the data: RFC 7296 2.14.
  const SecureBytes key = concat_secure({ni, nr});
  return prf.compute(key, g_ir);
}

SecureBytes skeyseed_rekey(const Prf& prf, ByteSpan old_sk_d, ByteSpan g_ir_new, ByteSpan ni, ByteSpan nr) {
  return prf.compute(old_sk_d, {g_ir_new, ni, nr});
}

std::size_t ike_sa_keymat_size(const Prf& prf, KeyLengths lengths) noexcept {
  return 3 * prf.output_size() + 2 * lengths.integ + 2 * lengths.encr;
}

IkeSaKeys derive_ike_sa_keys(const Prf& prf, ByteSpan skeyseed_value, ByteSpan ni, ByteSpan nr, ByteSpan spi_i,
                             ByteSpan spi_r, KeyLengths lengths) {
  const Bytes seed = concat({ni, nr, spi_i, spi_r});
  const SecureBytes stream = prf.prf_plus(skeyseed_value, seed, ike_sa_keymat_size(prf, lengths));
  Splitter s(stream);
  IkeSaKeys k;
  k.sk_d = s.take(prf.output_size());
  k.sk_ai = s.take(lengths.integ);
  k.sk_ar = s.take(lengths.integ);
  k.sk_ei = s.take(lengths.encr);
  k.sk_er = s.take(lengths.encr);
  k.sk_pi = s.take(prf.output_size());
  k.sk_pr = s.take(prf.output_size());
  return k;
}

ChildSaKeys derive_child_sa_keys(const Prf& prf, ByteSpan sk_d, ByteSpan g_ir_new, ByteSpan ni, ByteSpan nr,
                                 KeyLengths lengths) {
  // g^ir is secret: the seed goes into a wiped buffer.
  const SecureBytes seed = concat_secure({g_ir_new, ni, nr});
  const SecureBytes stream = prf.prf_plus(sk_d, seed, 2 * (lengths.encr + lengths.integ));
  Splitter s(stream);
  ChildSaKeys k;
  k.encr_i = s.take(lengths.encr);
  k.integ_i = s.take(lengths.integ);
  k.encr_r = s.take(lengths.encr);
  k.integ_r = s.take(lengths.integ);
  return k;
}

Bytes signed_octets(const Prf& prf, ByteSpan real_message, ByteSpan peer_nonce, ByteSpan sk_p, ByteSpan id_body) {
  const SecureBytes mac_id = prf.compute(sk_p, id_body);
  return concat({real_message, peer_nonce, mac_id});
}

SecureBytes psk_pad_key(const Prf& prf, ByteSpan shared_secret) {
  // The pad string is 17 ASCII bytes, no terminator (RFC 7296 2.15).
  return prf.compute(shared_secret, ByteSpan::from_text("Key Pad for IKEv2"));
}

SecureBytes psk_auth_with_pad_key(const Prf& prf, ByteSpan pad_key, ByteSpan octets) {
  return prf.compute(pad_key, octets);
}

SecureBytes psk_auth(const Prf& prf, ByteSpan shared_secret, ByteSpan octets) {
  return psk_auth_with_pad_key(prf, psk_pad_key(prf, shared_secret), octets);
}

}  // namespace ikeshift::crypto
