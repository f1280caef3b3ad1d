// The version-specific key derivation behind one interface (as strongSwan's
// keymat_t with keymat_v1/keymat_v2): what an exchange asks of the keys of
// the IKE / ISAKMP SA that protects it, whatever the IKE version. The
// formulas stay in ikev2_keymat.h (RFC 7296 2.17) and ikev1_keymat.h (RFC
// 2409 5.5); the engines install CHILD SAs / IPsec SAs through this.
#pragma once

#include <cstdint>

#include "crypto/ikev1_keymat.h"
#include "crypto/ikev2_keymat.h"
#include "crypto/prf.h"
#include "crypto/secure_bytes.h"

namespace ikeshift::crypto {

// What one CHILD SA (IKEv1: IPsec SA pair) is keyed from.
struct ChildKeyInput {
  ByteSpan g;       // the fresh Diffie-Hellman secret with PFS, else empty
  ByteSpan ni, nr;  // the nonces of the exchange that created it
  // IKEv1 only (RFC 2409 5.5): the protocol (ESP = 3) and each direction's SPI
  // as the Quick Mode's initiator and responder chose them.
  uint8_t protocol = 3;
  ByteSpan spi_i, spi_r;
  KeyLengths lengths;
};

class Keymat {
 public:
  virtual ~Keymat() = default;
  virtual int ike_version() const = 0;
  // KEYMAT split into the initiator's and the responder's keys.
  virtual ChildSaKeys child_sa_keys(const ChildKeyInput& in) const = 0;
};

// IKEv2: KEYMAT = prf+(SK_d, [g^ir |] Ni | Nr). Borrows the PRF and SK_d.
class Ikev2Keymat final : public Keymat {
 public:
  Ikev2Keymat(const Prf& prf, ByteSpan sk_d) : prf_(prf), sk_d_(sk_d) {}
  int ike_version() const override { return 2; }
  ChildSaKeys child_sa_keys(const ChildKeyInput& in) const override;

 private:
  const Prf& prf_;
  ByteSpan sk_d_;
};

// IKEv1: KEYMAT = prf(SKEYID_d, [g(qm)^xy |] protocol | SPI | Ni_b | Nr_b),
// expanded, per direction. Borrows the PRF and SKEYID_d.
class Ikev1Keymat final : public Keymat {
 public:
  Ikev1Keymat(const Prf& prf, ByteSpan skeyid_d) : prf_(prf), skeyid_d_(skeyid_d) {}
  int ike_version() const override { return 1; }
  ChildSaKeys child_sa_keys(const ChildKeyInput& in) const override;

 private:
  const Prf& prf_;
  ByteSpan skeyid_d_;
};

// Which half protects which direction at this end: the initiator of the
// exchange that created the SA (IKE_AUTH / CREATE_CHILD_SA / Quick Mode, not
// necessarily of the IKE SA, RFC 7296 2.17) sends with the initiator's keys.
struct DirectionalKeys {
  ByteSpan encr_in, integ_in, encr_out, integ_out;
};
DirectionalKeys directional(const ChildSaKeys& k, bool exchange_initiator);

}  // namespace ikeshift::crypto
