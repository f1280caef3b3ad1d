// One keymat interface for both IKE versions (crypto/keymat.h): each
// implementation gives exactly what its version's formula gives, and the
// directional split is the same for both engines.
#include <gtest/gtest.h>

#include "crypto/crypto_context.h"
#include "crypto/keymat.h"

namespace ikeshift::crypto {
namespace {

Bytes filled(size_t n, uint8_t v) { return Bytes(n, v); }

TEST(KeymatInterface, Ikev2IsPrfPlusOverSkD) {
  CryptoContext ctx;
  auto prf = Prf::create(ctx, uint16_t{5});  // PRF_HMAC_SHA2_256
  ASSERT_TRUE(prf);
  const Bytes sk_d = filled(32, 1), g = filled(256, 2), ni = filled(32, 3), nr = filled(32, 4);
  ChildKeyInput in;
  in.g = g;
  in.ni = ni;
  in.nr = nr;
  in.lengths = KeyLengths{32, 32};
  Ikev2Keymat keymat(*prf, sk_d);
  const Keymat& any = keymat;
  EXPECT_EQ(any.ike_version(), 2);
  ChildSaKeys via_interface = any.child_sa_keys(in);
  ChildSaKeys direct = derive_child_sa_keys(*prf, sk_d, g, ni, nr, in.lengths);
  EXPECT_TRUE(equal_ct(via_interface.encr_i, direct.encr_i));
  EXPECT_TRUE(equal_ct(via_interface.integ_r, direct.integ_r));
  EXPECT_EQ(via_interface.encr_i.size(), 32u);
}

TEST(KeymatInterface, Ikev1IsPerDirectionOverSkeyidD) {
  CryptoContext ctx;
  auto prf = Prf::create(ctx, uint16_t{2});  // PRF_HMAC_SHA1
  ASSERT_TRUE(prf);
  const Bytes skeyid_d = filled(20, 5), ni = filled(16, 6), nr = filled(16, 7);
  const Bytes spi_i = {0x11, 0x22, 0x33, 0x44}, spi_r = {0x55, 0x66, 0x77, 0x88};
  ChildKeyInput in;
  in.ni = ni;
  in.nr = nr;
  in.protocol = 3;
  in.spi_i = spi_i;
  in.spi_r = spi_r;
  in.lengths = KeyLengths{24, 20};
  Ikev1Keymat keymat(*prf, skeyid_d);
  const Keymat& any = keymat;
  EXPECT_EQ(any.ike_version(), 1);
  ChildSaKeys via_interface = any.child_sa_keys(in);
  ChildSaKeys direct = ikev1_child_sa_keys(*prf, skeyid_d, {}, 3, spi_i, spi_r, ni, nr, in.lengths);
  EXPECT_TRUE(equal_ct(via_interface.encr_r, direct.encr_r));
  EXPECT_TRUE(equal_ct(via_interface.integ_i, direct.integ_i));
  // The two directions are keyed differently (each SPI enters its own KEYMAT).
  EXPECT_FALSE(equal_ct(via_interface.encr_i, via_interface.encr_r));
}

TEST(KeymatInterface, TheExchangeInitiatorSendsWithTheInitiatorsKeys) {
  ChildSaKeys k;
  k.encr_i = SecureBytes(ByteSpan(filled(4, 1)));
  k.integ_i = SecureBytes(ByteSpan(filled(4, 2)));
  k.encr_r = SecureBytes(ByteSpan(filled(4, 3)));
  k.integ_r = SecureBytes(ByteSpan(filled(4, 4)));
  DirectionalKeys initiator = directional(k, true), responder = directional(k, false);
  EXPECT_EQ(initiator.encr_out.data(), k.encr_i.data());
  EXPECT_EQ(initiator.integ_in.data(), k.integ_r.data());
  EXPECT_EQ(responder.encr_out.data(), k.encr_r.data());
  EXPECT_EQ(responder.integ_in.data(), k.integ_i.data());
}

}  // namespace
}  // namespace ikeshift::crypto
