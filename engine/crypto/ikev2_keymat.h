// IKEv2 key derivation (RFC 7296 sections 2.13 - 2.18, 2.15 for AUTH).
//
//   SKEYSEED          = prf(Ni | Nr, g^ir)
//   {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr}
//                     = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr)
//   SKEYSEED (rekey)  = prf(SK_d (old), g^ir (new) | Ni | Nr)
//   KEYMAT (CHILD_SA) = prf+(SK_d, [g^ir (new) |] Ni | Nr)
//   AUTH (PSK)        = prf(prf(Shared Secret, "Key Pad for IKEv2"), <SignedOctets>)
//
// Lengths: SK_d, SK_pi, SK_pr are the PRF output size; SK_a* the integrity key
// size (0 with an AEAD); SK_e* the encryption key size, which for AES-GCM
// includes the 4-byte salt (RFC 5282 section 7.1). Ni and Nr are the nonces
// without payload headers; with an HMAC PRF they are used whole.
#pragma once

#include "crypto/prf.h"
#include "crypto/secure_bytes.h"

#include <cstddef>

namespace ikeshift::crypto {

// Key lengths of one negotiated transform set.
struct KeyLengths {
  std::size_t encr = 0;   // SK_e* / ESP encryption key incl. any salt
  std::size_t integ = 0;  // SK_a* / ESP integrity key; 0 for AEAD
};

struct IkeSaKeys {
  SecureBytes sk_d, sk_ai, sk_ar, sk_ei, sk_er, sk_pi, sk_pr;
};

// One CHILD_SA's keys, split the RFC 7296 2.17 way: all keys for the
// initiator-to-responder direction first, then responder-to-initiator; within a
// direction, encryption key before integrity key.
struct ChildSaKeys {
  SecureBytes encr_i, integ_i;  // initiator -> responder
  SecureBytes encr_r, integ_r;  // responder -> initiator
};

SecureBytes skeyseed(const Prf& prf, ByteSpan ni, ByteSpan nr, ByteSpan g_ir);
SecureBytes skeyseed_rekey(const Prf& prf, ByteSpan old_sk_d, ByteSpan g_ir_new, ByteSpan ni, ByteSpan nr);

// Total prf+ output for an IKE SA: 3 * prf size + 2 * integ + 2 * encr.
std::size_t ike_sa_keymat_size(const Prf& prf, KeyLengths lengths) noexcept;
// SPIs are the 8-byte IKE SPIs as they appear in the header.
IkeSaKeys derive_ike_sa_keys(const Prf& prf, ByteSpan skeyseed, ByteSpan ni, ByteSpan nr, ByteSpan spi_i,
                             ByteSpan spi_r, KeyLengths lengths);

// g_ir_new empty = no PFS (CREATE_CHILD_SA without KE, or the IKE_AUTH child).
ChildSaKeys derive_child_sa_keys(const Prf& prf, ByteSpan sk_d, ByteSpan g_ir_new, ByteSpan ni, ByteSpan nr,
                                 KeyLengths lengths);

// <InitiatorSignedOctets> / <ResponderSignedOctets> (RFC 7296 2.15):
//   RealMessage | Nonce of the peer | prf(SK_p, ID')
// where ID' is the ID payload body (ID type, 3 reserved bytes, data) and SK_p is
// SK_pi for the initiator's octets, SK_pr for the responder's.
Bytes signed_octets(const Prf& prf, ByteSpan real_message, ByteSpan peer_nonce, ByteSpan sk_p, ByteSpan id_body);

// The AUTH payload data for shared-key authentication (auth method 2):
//   prf(prf(Shared Secret, "Key Pad for IKEv2"), <signed octets>).
SecureBytes psk_auth(const Prf& prf, ByteSpan shared_secret, ByteSpan octets);
// Its two steps: the inner prf depends only on the key and the PRF, so an
// engine can compute it once per key rather than for every AUTH.
SecureBytes psk_pad_key(const Prf& prf, ByteSpan shared_secret);
SecureBytes psk_auth_with_pad_key(const Prf& prf, ByteSpan pad_key, ByteSpan octets);

}  // namespace ikeshift::crypto
