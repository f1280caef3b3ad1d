// IKEv1 key derivation and authentication hashes (RFC 2409 sections 5 and
// 5.5, Appendix B), for pre-shared key authentication:
//
//   SKEYID   = prf(pre-shared-key, Ni_b | Nr_b)
//   SKEYID_d = prf(SKEYID, g^xy | CKY-I | CKY-R | 0)
//   SKEYID_a = prf(SKEYID, SKEYID_d | g^xy | CKY-I | CKY-R | 1)
//   SKEYID_e = prf(SKEYID, SKEYID_a | g^xy | CKY-I | CKY-R | 2)
//   Ka       = SKEYID_e, or K1 | K2 | ... with K1 = prf(SKEYID_e, 0),
//              Kn = prf(SKEYID_e, Kn-1) when SKEYID_e is shorter than the key
//   HASH_I   = prf(SKEYID, g^xi | g^xr | CKY-I | CKY-R | SAi_b | IDii_b)
//   HASH_R   = prf(SKEYID, g^xr | g^xi | CKY-R | CKY-I | SAi_b | IDir_b)
//   IV       = hash(g^xi | g^xr)            phase 1 (then CBC chaining)
//            = hash(last phase 1 block | M-ID)   each Quick Mode/Informational
//   HASH(1)  = prf(SKEYID_a, M-ID | <payloads after HASH(1)>)  (also Informational)
//   HASH(2)  = prf(SKEYID_a, M-ID | Ni_b | <payloads after HASH(2)>)
//   HASH(3)  = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b)
//   KEYMAT   = K1 | K2 | ... with K1 = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
//              and Kn = prf(SKEYID_d, Kn-1 | [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b)
//
// The prf is HMAC with the negotiated phase 1 hash; "hash" is that hash
// itself (Prf::hash). Ni_b/Nr_b are nonce bodies, SAi_b/IDii_b payload bodies
// without the generic header, M-ID the four octets of the header's message ID.
//
// Child keys come out in the layout IKEv2 uses (crypto::ChildSaKeys, keys for
// initiator->responder first), so the data plane install is the same for both
// versions: the initiator->responder SA is the one with the responder's SPI.
#pragma once

#include "crypto/ikev2_keymat.h"
#include "crypto/prf.h"
#include "crypto/secure_bytes.h"

#include <cstddef>
#include <cstdint>

namespace ikeshift::crypto {

struct Ikev1Skeyids {
  SecureBytes skeyid, skeyid_d, skeyid_a, skeyid_e;
};

SecureBytes ikev1_skeyid_psk(const Prf& prf, ByteSpan psk, ByteSpan ni_b, ByteSpan nr_b);

// SKEYID_d/a/e from SKEYID (moved into the result); cookies are 8 octets each.
Ikev1Skeyids ikev1_derive_skeyids(const Prf& prf, SecureBytes skeyid, ByteSpan g_xy, ByteSpan cky_i,
                                  ByteSpan cky_r);

// The cipher key from SKEYID_e (App. B): its first key_length octets when
// long enough, else the K1 | K2 ... expansion truncated to key_length.
SecureBytes ikev1_encryption_key(const Prf& prf, ByteSpan skeyid_e, std::size_t key_length);

Bytes ikev1_hash_i(const Prf& prf, ByteSpan skeyid, ByteSpan g_xi, ByteSpan g_xr, ByteSpan cky_i, ByteSpan cky_r,
                   ByteSpan sai_b, ByteSpan idii_b);
Bytes ikev1_hash_r(const Prf& prf, ByteSpan skeyid, ByteSpan g_xi, ByteSpan g_xr, ByteSpan cky_i, ByteSpan cky_r,
                   ByteSpan sai_b, ByteSpan idir_b);

// The first IV of phase 1 and of each Quick Mode or Informational exchange,
// truncated to the cipher's block size.
Bytes ikev1_phase1_iv(const Prf& prf, ByteSpan g_xi, ByteSpan g_xr, std::size_t block_size);
Bytes ikev1_phase2_iv(const Prf& prf, ByteSpan last_phase1_block, uint32_t message_id, std::size_t block_size);

Bytes ikev1_hash1(const Prf& prf, ByteSpan skeyid_a, uint32_t message_id, ByteSpan rest);
Bytes ikev1_hash2(const Prf& prf, ByteSpan skeyid_a, uint32_t message_id, ByteSpan ni_b, ByteSpan rest);
Bytes ikev1_hash3(const Prf& prf, ByteSpan skeyid_a, uint32_t message_id, ByteSpan ni_b, ByteSpan nr_b);

// KEYMAT of one IPsec SA (the SA with this SPI), `length` octets. g_qm empty
// = no PFS.
SecureBytes ikev1_keymat(const Prf& prf, ByteSpan skeyid_d, ByteSpan g_qm, uint8_t protocol, ByteSpan spi,
                         ByteSpan ni_b, ByteSpan nr_b, std::size_t length);

// Both SAs of a Quick Mode: encr_i/integ_i protect initiator->responder
// traffic (KEYMAT with the responder's SPI), encr_r/integ_r the other
// direction (the initiator's SPI); each KEYMAT is the encryption key, then
// the integrity key.
ChildSaKeys ikev1_child_sa_keys(const Prf& prf, ByteSpan skeyid_d, ByteSpan g_qm, uint8_t protocol,
                                ByteSpan spi_initiator, ByteSpan spi_responder, ByteSpan ni_b, ByteSpan nr_b,
                                KeyLengths lengths);

}  // namespace ikeshift::crypto
