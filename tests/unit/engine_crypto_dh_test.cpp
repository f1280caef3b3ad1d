// Key exchange: RFC 5903 section 8 (ECP groups 19/20/21) and RFC 7748 section
// 6.1 (X25519) exactly as published; MODP agreement between two parties drawn
// from DeterministicRngs; and rejection of invalid peer values.
#include "crypto/crypto_context.h"
#include "crypto/dh.h"
#include "crypto/hex.h"
#include "crypto/rng.h"

#include <gtest/gtest.h>

#include <openssl/bn.h>

#include <string>

namespace ikeshift::crypto {
namespace {

std::string norm(const std::string& h) { return to_hex(from_hex(h)); }

struct EcpVector {
  int group;
  const char* section;
  const char* i;
  const char* gix;
  const char* giy;
  const char* r;
  const char* grx;
  const char* gry;
  const char* girx;
};

// RFC 5903 section 8.1 - 8.3, copied as printed (spaces kept).
const EcpVector kRfc5903[] = {
    {19, "8.1", "C88F01F5 10D9AC3F 70A292DA A2316DE5 44E9AAB8 AFE84049 C62A9C57 862D1433",
     "DAD0B653 94221CF9 B051E1FE CA5787D0 98DFE637 FC90B9EF 945D0C37 72581180",
     "5271A046 1CDB8252 D61F1C45 6FA3E59A B1F45B33 ACCF5F58 389E0577 B8990BB3",
     "C6EF9C5D 78AE012A 011164AC B397CE20 88685D8F 06BF9BE0 B283AB46 476BEE53",
     "D12DFB52 89C8D4F8 1208B702 70398C34 2296970A 0BCCB74C 736FC755 4494BF63",
     "56FBF3CA 366CC23E 8157854C 13C58D6A AC23F046 ADA30F83 53E74F33 039872AB",
     "D6840F6B 42F6EDAF D13116E0 E1256520 2FEF8E9E CE7DCE03 812464D0 4B9442DE"},
    {20, "8.2",
     "099F3C70 34D4A2C6 99884D73 A375A67F 7624EF7C 6B3C0F16 0647B674 14DCE655 E35B5380 41E649EE 3FAEF896 783AB194",
     "667842D7 D180AC2C DE6F74F3 7551F557 55C7645C 20EF73E3 1634FE72 B4C55EE6 DE3AC808 ACB4BDB4 C88732AE E95F41AA",
     "9482ED1F C0EEB9CA FC498462 5CCFC23F 65032149 E0E144AD A0241815 35A0F38E EB9FCFF3 C2C947DA E69B4C63 4573A81C",
     "41CB0779 B4BDB85D 47846725 FBEC3C94 30FAB46C C8DC5060 855CC9BD A0AA2942 E0308312 916B8ED2 960E4BD5 5A7448FC",
     "E558DBEF 53EECDE3 D3FCCFC1 AEA08A89 A987475D 12FD950D 83CFA417 32BC509D 0D1AC43A 0336DEF9 6FDA41D0 774A3571",
     "DCFBEC7A ACF31964 72169E83 8430367F 66EEBE3C 6E70C416 DD5F0C68 759DD1FF F83FA401 42209DFF 5EAAD96D B9E6386C",
     "11187331 C279962D 93D60424 3FD592CB 9D0A926F 422E4718 7521287E 7156C5C4 D6031355 69B9E9D0 9CF5D4A2 70F59746"},
    {21, "8.3",
     "0037ADE9 319A89F4 DABDB3EF 411AACCC A5123C61 ACAB57B5 393DCE47 608172A0 95AA85A3 0FE1C295 2C6771D9 37BA9777 "
     "F5957B26 39BAB072 462F68C2 7A57382D 4A52",
     "0015417E 84DBF28C 0AD3C278 713349DC 7DF153C8 97A1891B D98BAB43 57C9ECBE E1E3BF42 E00B8E38 0AEAE57C 2D107564 "
     "94188594 2AF5A7F4 601723C4 195D176C ED3E",
     "017CAE20 B6641D2E EB695786 D8C94614 6239D099 E18E1D5A 514C739D 7CB4A10A D8A78801 5AC405D7 799DC75E 7B7D5B6C "
     "F2261A6A 7F150743 8BF01BEB 6CA3926F 9582",
     "0145BA99 A847AF43 793FDD0E 872E7CDF A16BE30F DC780F97 BCCC3F07 8380201E 9C677D60 0B343757 A3BDBF2A 3163E4C2 "
     "F869CCA7 458AA4A4 EFFC311F 5CB15168 5EB9",
     "00D0B397 5AC4B799 F5BEA16D 5E13E9AF 971D5E9B 984C9F39 728B5E57 39735A21 9B97C356 436ADC6E 95BB0352 F6BE64A6 "
     "C2912D4E F2D0433C ED2B6171 640012D9 460F",
     "015C6822 6383956E 3BD066E7 97B623C2 7CE0EAC2 F551A10C 2C724D98 52077B87 220B6536 C5C408A1 D2AEBB8E 86D678AE "
     "49CB5709 1F473229 6579AB44 FCD17F0F C56A",
     "01144C7D 79AE6956 BC8EDB8E 7C787C45 21CB086F A64407F9 7894E5E6 B2D79B04 D1427E73 CA4BAA24 0A347868 59810C06 "
     "B3C715A3 A8CC3151 F2BEE417 996D19F3 DDEA"},
};

class DhTest : public ::testing::Test {
 protected:
  CryptoContext ctx;
  OpenSslDhFactory factory{ctx};
};

TEST_F(DhTest, Rfc5903EcpVectors) {
  for (const EcpVector& v : kRfc5903) {
    SCOPED_TRACE(std::string("RFC 5903 section ") + v.section);
    auto initiator = factory.from_private(v.group, from_hex(v.i));
    auto responder = factory.from_private(v.group, from_hex(v.r));
    ASSERT_NE(initiator, nullptr);
    ASSERT_NE(responder, nullptr);
    const Bytes gi = concat({from_hex(v.gix), from_hex(v.giy)});
    const Bytes gr = concat({from_hex(v.grx), from_hex(v.gry)});
    // KE payload data: x || y, no 0x04.
    EXPECT_EQ(to_hex(initiator->public_value()), to_hex(gi));
    EXPECT_EQ(to_hex(responder->public_value()), to_hex(gr));
    EXPECT_EQ(initiator->public_value().size(), public_value_size(v.group));
    // g^ir is the x coordinate only.
    auto z_i = initiator->shared_secret(gr);
    auto z_r = responder->shared_secret(gi);
    ASSERT_TRUE(z_i.has_value());
    ASSERT_TRUE(z_r.has_value());
    EXPECT_EQ(to_hex(*z_i), norm(v.girx));
    EXPECT_EQ(to_hex(*z_r), norm(v.girx));
  }
}

TEST_F(DhTest, Rfc7748X25519) {
  // RFC 7748 section 6.1.
  const Bytes a_priv = from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
  const Bytes b_priv = from_hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
  const std::string a_pub = "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
  const std::string b_pub = "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
  const std::string k = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
  auto alice = factory.from_private(31, a_priv);
  auto bob = factory.from_private(31, b_priv);
  ASSERT_NE(alice, nullptr);
  ASSERT_NE(bob, nullptr);
  EXPECT_EQ(to_hex(alice->public_value()), a_pub);
  EXPECT_EQ(to_hex(bob->public_value()), b_pub);
  auto k_a = alice->shared_secret(from_hex(b_pub));
  auto k_b = bob->shared_secret(from_hex(a_pub));
  ASSERT_TRUE(k_a && k_b);
  EXPECT_EQ(to_hex(*k_a), k);
  EXPECT_EQ(to_hex(*k_b), k);
}

TEST_F(DhTest, Modp2048PartiesAgreeAndValuesArePadded) {
  DeterministicRng rng_i(ctx, uint64_t{1});
  DeterministicRng rng_r(ctx, uint64_t{2});
  auto i = factory.create(14, rng_i);
  auto r = factory.create(14, rng_r);
  ASSERT_NE(i, nullptr);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(i->group(), 14);
  EXPECT_EQ(i->public_value().size(), 256u);
  EXPECT_EQ(r->public_value().size(), 256u);
  auto z_i = i->shared_secret(r->public_value());
  auto z_r = r->shared_secret(i->public_value());
  ASSERT_TRUE(z_i && z_r);
  EXPECT_EQ(z_i->size(), 256u);
  EXPECT_EQ(to_hex(*z_i), to_hex(*z_r));
  EXPECT_NE(i->public_value(), r->public_value());
}

TEST_F(DhTest, DeterministicRngGivesReproducibleKeys) {
  for (int group : {2, 14, 19, 21, 31}) {
    DeterministicRng a(ctx, uint64_t{42});
    DeterministicRng b(ctx, uint64_t{42});
    DeterministicRng c(ctx, uint64_t{43});
    auto ka = factory.create(group, a);
    auto kb = factory.create(group, b);
    auto kc = factory.create(group, c);
    ASSERT_TRUE(ka && kb && kc) << group;
    EXPECT_EQ(ka->public_value(), kb->public_value()) << group;
    EXPECT_NE(ka->public_value(), kc->public_value()) << group;
  }
}

TEST_F(DhTest, EverySupportedGroupAgrees) {
  DeterministicRng rng(ctx, uint64_t{7});
  for (int group : {2, 5, 14, 15, 16, 19, 20, 21, 31}) {
    ASSERT_TRUE(factory.supports(group)) << group;
    auto a = factory.create(group, rng);
    auto b = factory.create(group, rng);
    ASSERT_TRUE(a && b) << group;
    EXPECT_EQ(a->public_value().size(), public_value_size(group)) << group;
    auto za = a->shared_secret(b->public_value());
    auto zb = b->shared_secret(a->public_value());
    ASSERT_TRUE(za && zb) << group;
    EXPECT_EQ(to_hex(*za), to_hex(*zb)) << group;
  }
  EXPECT_FALSE(factory.supports(1));
  EXPECT_FALSE(factory.supports(24));
  EXPECT_EQ(factory.create(1, rng), nullptr);
  EXPECT_EQ(public_value_size(24), 0u);
}

Bytes modp2048_value(const BIGNUM* v) {
  Bytes out(256);
  EXPECT_GE(BN_bn2binpad(v, out.data(), 256), 0);
  return out;
}

TEST_F(DhTest, ModpRejectsInvalidPeerValues) {
  DeterministicRng rng(ctx, uint64_t{3});
  auto dh = factory.create(14, rng);
  ASSERT_NE(dh, nullptr);
  BIGNUM* p_raw = BN_get_rfc3526_prime_2048(nullptr);
  ASSERT_NE(p_raw, nullptr);
  BignumPtr p(p_raw);
  BignumPtr v(BN_new());

  ASSERT_EQ(BN_set_word(v.get(), 0), 1);
  EXPECT_FALSE(dh->shared_secret(modp2048_value(v.get())));  // 0
  ASSERT_EQ(BN_set_word(v.get(), 1), 1);
  EXPECT_FALSE(dh->shared_secret(modp2048_value(v.get())));  // 1
  ASSERT_NE(BN_copy(v.get(), p.get()), nullptr);
  ASSERT_EQ(BN_sub_word(v.get(), 1), 1);
  EXPECT_FALSE(dh->shared_secret(modp2048_value(v.get())));  // p - 1
  EXPECT_FALSE(dh->shared_secret(modp2048_value(p.get())));  // p (not reduced)
  EXPECT_FALSE(dh->shared_secret(Bytes(256, 0xff)));         // > p

  const Bytes good = factory.create(14, rng)->public_value();
  EXPECT_TRUE(dh->shared_secret(good));
  Bytes short_value(good.begin() + 1, good.end());
  EXPECT_FALSE(dh->shared_secret(short_value));          // 255 bytes: not padded to |p|
  EXPECT_FALSE(dh->shared_secret(concat({good, Bytes(1, 0)})));  // 257 bytes
  EXPECT_FALSE(dh->shared_secret(Bytes()));              // empty

  // From a known private exponent: out of range values are refused.
  EXPECT_EQ(factory.from_private(14, from_hex("00")), nullptr);
  EXPECT_EQ(factory.from_private(14, from_hex("01")), nullptr);
  EXPECT_NE(factory.from_private(14, from_hex("02")), nullptr);
}

TEST_F(DhTest, EcpRejectsInvalidPeerValues) {
  const EcpVector& v = kRfc5903[0];
  auto dh = factory.from_private(19, from_hex(v.i));
  ASSERT_NE(dh, nullptr);
  const Bytes gr = concat({from_hex(v.grx), from_hex(v.gry)});
  ASSERT_TRUE(dh->shared_secret(gr));

  Bytes off_curve = gr;
  off_curve.back() ^= 0x01;  // y changed: not on P-256
  EXPECT_FALSE(dh->shared_secret(off_curve));
  EXPECT_FALSE(dh->shared_secret(concat({from_hex("04"), gr})));  // SEC 1 form: 65 bytes
  EXPECT_FALSE(dh->shared_secret(Bytes(gr.begin(), gr.end() - 1)));
  EXPECT_FALSE(dh->shared_secret(Bytes(64, 0x00)));  // (0, 0) is not on the curve
  EXPECT_FALSE(dh->shared_secret(Bytes(64, 0xff)));  // coordinates >= p

  // A P-384 value given to a P-256 exchange.
  const EcpVector& v384 = kRfc5903[1];
  EXPECT_FALSE(dh->shared_secret(concat({from_hex(v384.grx), from_hex(v384.gry)})));

  // Private scalar 0 and >= n are refused.
  EXPECT_EQ(factory.from_private(19, Bytes(32, 0x00)), nullptr);
  EXPECT_EQ(factory.from_private(19, Bytes(32, 0xff)), nullptr);
}

TEST_F(DhTest, X25519RejectsLowOrderAndWrongLength) {
  auto dh = factory.from_private(31, from_hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a"));
  ASSERT_NE(dh, nullptr);
  EXPECT_FALSE(dh->shared_secret(Bytes(32, 0x00)));  // u = 0: all-zero result
  Bytes one(32, 0x00);
  one[0] = 0x01;
  EXPECT_FALSE(dh->shared_secret(one));  // u = 1: low order
  EXPECT_FALSE(dh->shared_secret(Bytes(31, 0x09)));
  EXPECT_FALSE(dh->shared_secret(Bytes(33, 0x09)));
  EXPECT_EQ(factory.from_private(31, Bytes(31, 0x01)), nullptr);
}

}  // namespace
}  // namespace ikeshift::crypto
