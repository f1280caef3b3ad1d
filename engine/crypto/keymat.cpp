#include "crypto/keymat.h"

namespace ikeshift::crypto {

ChildSaKeys Ikev2Keymat::child_sa_keys(const ChildKeyInput& in) const {
  return derive_child_sa_keys(prf_, sk_d_, in.g, in.ni, in.nr, in.lengths);
}

ChildSaKeys Ikev1Keymat::child_sa_keys(const ChildKeyInput& in) const {
  return ikev1_child_sa_keys(prf_, skeyid_d_, in.g, in.protocol, in.spi_i, in.spi_r, in.ni, in.nr, in.lengths);
}

DirectionalKeys directional(const ChildSaKeys& k, bool i) {
  DirectionalKeys d;
  d.encr_in = i ? ByteSpan(k.encr_r) : ByteSpan(k.encr_i);
  d.integ_in = i ? ByteSpan(k.integ_r) : ByteSpan(k.integ_i);
  d.encr_out = i ? ByteSpan(k.encr_i) : ByteSpan(k.encr_r);
  d.integ_out = i ? ByteSpan(k.integ_i) : ByteSpan(k.integ_r);
  return d;
}

}  // namespace ikeshift::crypto
