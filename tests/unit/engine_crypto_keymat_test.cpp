// IKEv2 keymat: how the prf+ stream is cut per transform set (checked against
// the published NIST CAVP DKMs, which fix the byte order), the AEAD and PSK AUTH
// rules, and that two parties driven by DeterministicRngs reproduce an exchange.
#include "crypto/cbc_cipher.h"
#include "crypto/aead_cipher.h"
#include "crypto/crypto_context.h"
#include "crypto/dh.h"
#include "crypto/hex.h"
#include "crypto/ikev2_keymat.h"
#include "crypto/integrity.h"
#include "crypto/rng.h"

#include <gtest/gtest.h>

#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <string>

namespace ikeshift::crypto {
namespace {

// The CAVP SHA-1 vector #1 also used in engine_crypto_prf_test.cpp (from
// libreswan's copy of the NIST SP 800-135 IKEv2 KDF vectors).
const char* kNi = "32b50d5f4a3763f3";
const char* kNr = "9206a04b26564cb1";
const char* kSpii = "34c9e7c188868785";
const char* kSpir = "3ff77d760d2b2199";
const char* kSkeyseed = "a9a7b222b59f8f48645f28a1db5b5f5d7479cba7";
const char* kDkm =
    "a14293677cc80ff8f9cc0eee30d895da9d8f405666e30ef0dfcb63c634a46002a2a63080e514a062768b76606f9fa5e9"
    "92204fc5a670bde3f10d6b027113936a5c55b648a194ae587b0088d52204b702c979fa280870d2ed41efa9c549fd1119"
    "8af1670b143d384bd275c5f594cf266b05ebadca855e4249520a441a81157435a7a56cc4";
const char* kDkmChild =
    "8059e3ee8810e6c3a91bc8bcd2a7a41151b8d0e6ae239c7b38093ad85ef4c5811a8e7b5d1cdabd9560b2d5e092d1f24e"
    "2d4b85eccdf0ad0dc9abd94b51ee71814ca6dbc8bb51b6309f5b9545c7eb35cf5580b1e521a8fe20754a2d883ba0c2cf"
    "285f524aea6545b33106bc03e614296d319d41d4b50b3f510b1c0a22f3e664994d234cb4";
const char* kGirNew = "863f3c9d06efd39d2b907b97f8699e5dd5251ef64a2a176f36ee40c87d4f9330";
const char* kDkmChildDh =
    "bb43244c1860ad65ee1e211ffe8bb3661750c8f89cb9f547df7f4fa61d37301628190e38c66232eab4b3ab14c400a519"
    "7dd3730ed4820a8a10394d51e1c0400052f63ebd36b0e7ef53aaed31eba4a5080d7d4b5666023a8bbb5ffb7857240f9a"
    "05884d1b7d2f933708450b7b3288f1fc863ab49fa901227cffc06e27899c7054d56fd74c";

std::string slice(const char* hex, std::size_t offset, std::size_t len) {
  const Bytes b = from_hex(hex);
  return to_hex(ByteSpan(b).subspan(offset, len));
}

class KeymatTest : public ::testing::Test {
 protected:
  CryptoContext ctx;
};

TEST_F(KeymatTest, KeymatSizesPerTransformSet) {
  const Prf sha1(ctx, PrfId::HmacSha1), sha256(ctx, PrfId::HmacSha2_256), sha384(ctx, PrfId::HmacSha2_384);
  const CbcCipher aes256(ctx, EncrId::AesCbc, 256), des3(ctx, EncrId::TripleDes), aes128(ctx, EncrId::AesCbc, 128);
  const Integrity i256(ctx, IntegId::HmacSha2_256_128), i_sha1(ctx, IntegId::HmacSha1_96);
  const AeadCipher gcm256(ctx, 256), gcm128(ctx, 128);

  // aes256-sha256-prfsha256: 3*32 + 2*32 + 2*32
  EXPECT_EQ(ike_sa_keymat_size(sha256, {aes256.key_size(), i256.key_size()}), 224u);
  // 3des-sha1-prfsha1: 3*20 + 2*20 + 2*24
  EXPECT_EQ(ike_sa_keymat_size(sha1, {des3.key_size(), i_sha1.key_size()}), 148u);
  // aes128-sha1-prfsha1: 3*20 + 2*20 + 2*16 = 132, the CAVP DKM length
  EXPECT_EQ(ike_sa_keymat_size(sha1, {aes128.key_size(), i_sha1.key_size()}), 132u);
  // aes-gcm-256 with prfsha384: no SK_a*, SK_e* = 32 + 4 salt
  EXPECT_EQ(ike_sa_keymat_size(sha384, {gcm256.key_size(), 0}), 3u * 48 + 2 * 36);

  const IkeSaKeys k = derive_ike_sa_keys(sha384, Bytes(48, 1), Bytes(32, 2), Bytes(32, 3), Bytes(8, 4), Bytes(8, 5),
                                         {gcm128.key_size(), 0});
  EXPECT_EQ(k.sk_d.size(), 48u);
  EXPECT_TRUE(k.sk_ai.empty());
  EXPECT_TRUE(k.sk_ar.empty());
  EXPECT_EQ(k.sk_ei.size(), 20u);
  EXPECT_EQ(k.sk_er.size(), 20u);
  EXPECT_EQ(k.sk_pi.size(), 48u);
  EXPECT_EQ(k.sk_pr.size(), 48u);
}

TEST_F(KeymatTest, IkeSaKeysFollowTheRfc7296Order) {
  // With AES-128 + HMAC-SHA1-96 + PRF-HMAC-SHA1 the keymat is exactly the 132
  // published bytes: SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr.
  const Prf prf(ctx, PrfId::HmacSha1);
  const SecureBytes seed = skeyseed(prf, from_hex(kNi), from_hex(kNr),
                                    from_hex("4b2c1f971981a8ad8d0abeafabf38cf75fc8349c148142465ed9c8b516b8be52"));
  ASSERT_EQ(to_hex(seed), kSkeyseed);
  const IkeSaKeys k =
      derive_ike_sa_keys(prf, seed, from_hex(kNi), from_hex(kNr), from_hex(kSpii), from_hex(kSpir), {16, 20});
  EXPECT_EQ(to_hex(k.sk_d), slice(kDkm, 0, 20));
  EXPECT_EQ(to_hex(k.sk_ai), slice(kDkm, 20, 20));
  EXPECT_EQ(to_hex(k.sk_ar), slice(kDkm, 40, 20));
  EXPECT_EQ(to_hex(k.sk_ei), slice(kDkm, 60, 16));
  EXPECT_EQ(to_hex(k.sk_er), slice(kDkm, 76, 16));
  EXPECT_EQ(to_hex(k.sk_pi), slice(kDkm, 92, 20));
  EXPECT_EQ(to_hex(k.sk_pr), slice(kDkm, 112, 20));
}

TEST_F(KeymatTest, ChildSaKeysSplitInitiatorThenResponder) {
  const Prf prf(ctx, PrfId::HmacSha1);
  const Bytes sk_d = from_hex(slice(kDkm, 0, 20));
  // ESP aes256 + sha1-96: encr 32, integ 20 per direction.
  const ChildSaKeys k = derive_child_sa_keys(prf, sk_d, ByteSpan(), from_hex(kNi), from_hex(kNr), {32, 20});
  EXPECT_EQ(to_hex(k.encr_i), slice(kDkmChild, 0, 32));
  EXPECT_EQ(to_hex(k.integ_i), slice(kDkmChild, 32, 20));
  EXPECT_EQ(to_hex(k.encr_r), slice(kDkmChild, 52, 32));
  EXPECT_EQ(to_hex(k.integ_r), slice(kDkmChild, 84, 20));

  // With PFS the new g^ir goes in front of the nonces.
  const ChildSaKeys pfs =
      derive_child_sa_keys(prf, sk_d, from_hex(kGirNew), from_hex(kNi), from_hex(kNr), {36, 0});  // GCM-256
  EXPECT_EQ(to_hex(pfs.encr_i), slice(kDkmChildDh, 0, 36));
  EXPECT_TRUE(pfs.integ_i.empty());
  EXPECT_EQ(to_hex(pfs.encr_r), slice(kDkmChildDh, 36, 36));
  EXPECT_TRUE(pfs.integ_r.empty());
}

TEST_F(KeymatTest, PskAuthIsTheDoublePrf) {
  // Checked against OpenSSL's one-shot HMAC(), a different code path from the
  // EVP_MAC one the Prf uses: AUTH = prf(prf(PSK, "Key Pad for IKEv2"), octets).
  const Prf prf(ctx, PrfId::HmacSha2_256);
  const Bytes psk = {'c', 'i', 's', 'c', 'o', '1', '2', '3'};
  const Bytes pad = from_hex("4b657920506164 20666f7220494b4576 32");  // "Key Pad for IKEv2", 17 bytes
  ASSERT_EQ(pad.size(), 17u);
  const Bytes octets = from_hex("00112233445566778899");
  unsigned char k[EVP_MAX_MD_SIZE], auth[EVP_MAX_MD_SIZE];
  unsigned int klen = 0, alen = 0;
  ASSERT_NE(HMAC(EVP_sha256(), psk.data(), static_cast<int>(psk.size()), pad.data(), pad.size(), k, &klen), nullptr);
  ASSERT_NE(HMAC(EVP_sha256(), k, static_cast<int>(klen), octets.data(), octets.size(), auth, &alen), nullptr);
  EXPECT_EQ(to_hex(psk_auth(prf, psk, octets)), to_hex(ByteSpan(auth, alen)));
  // The engine keeps the inner prf per key and PRF: the two steps give the same AUTH.
  EXPECT_EQ(to_hex(psk_pad_key(prf, psk)), to_hex(ByteSpan(k, klen)));
  EXPECT_EQ(to_hex(psk_auth_with_pad_key(prf, psk_pad_key(prf, psk), octets)), to_hex(ByteSpan(auth, alen)));

  // Signed octets = message | peer nonce | prf(SK_p, ID').
  const Bytes msg = from_hex("aabb"), nonce = from_hex("ccdd"), sk_p = Bytes(32, 7), id = from_hex("01000000c0000201");
  const Bytes so = signed_octets(prf, msg, nonce, sk_p, id);
  EXPECT_EQ(to_hex(so), "aabbccdd" + to_hex(prf.compute(sk_p, id)));
}

// Both sides of an IKE_SA_INIT with ECP-256, AES-GCM-256 and PRF-SHA384, with
// every random value taken from DeterministicRngs.
struct Side {
  Bytes nonce;
  Bytes spi;
  std::unique_ptr<DhGroup> dh;
};

Side make_side(OpenSslDhFactory& f, Rng& rng) {
  Side s;
  s.spi = rng.bytes(8);
  s.nonce = rng.bytes(32);
  s.dh = f.create(19, rng);
  return s;
}

IkeSaKeys run_exchange(const CryptoContext& ctx, uint64_t seed_i, uint64_t seed_r, IkeSaKeys* responder_keys) {
  OpenSslDhFactory factory(ctx);
  DeterministicRng rng_i(ctx, seed_i), rng_r(ctx, seed_r);
  const Side i = make_side(factory, rng_i), r = make_side(factory, rng_r);
  const Prf prf(ctx, PrfId::HmacSha2_384);
  const KeyLengths len{AeadCipher(ctx, 256).key_size(), 0};
  auto gir_i = i.dh->shared_secret(r.dh->public_value());
  auto gir_r = r.dh->shared_secret(i.dh->public_value());
  EXPECT_TRUE(gir_i && gir_r);
  IkeSaKeys ki = derive_ike_sa_keys(prf, skeyseed(prf, i.nonce, r.nonce, *gir_i), i.nonce, r.nonce, i.spi, r.spi, len);
  *responder_keys =
      derive_ike_sa_keys(prf, skeyseed(prf, i.nonce, r.nonce, *gir_r), i.nonce, r.nonce, i.spi, r.spi, len);
  return ki;
}

TEST_F(KeymatTest, DeterministicExchangeIsReproducible) {
  IkeSaKeys r1, r2, r3;
  const IkeSaKeys i1 = run_exchange(ctx, 100, 200, &r1);
  const IkeSaKeys i2 = run_exchange(ctx, 100, 200, &r2);
  const IkeSaKeys i3 = run_exchange(ctx, 100, 201, &r3);
  // Both ends agree.
  EXPECT_EQ(to_hex(i1.sk_d), to_hex(r1.sk_d));
  EXPECT_EQ(to_hex(i1.sk_ei), to_hex(r1.sk_ei));
  EXPECT_EQ(to_hex(i1.sk_pr), to_hex(r1.sk_pr));
  // Same seeds, same bytes; another seed, other keys.
  EXPECT_EQ(to_hex(i1.sk_d), to_hex(i2.sk_d));
  EXPECT_EQ(to_hex(i1.sk_er), to_hex(i2.sk_er));
  EXPECT_NE(to_hex(i1.sk_d), to_hex(i3.sk_d));
}

TEST_F(KeymatTest, DeterministicRngStream) {
  DeterministicRng a(ctx, uint64_t{5}), b(ctx, uint64_t{5});
  // Reading in different chunk sizes gives the same stream.
  Bytes x = a.bytes(100);
  Bytes y = b.bytes(33);
  const Bytes y2 = b.bytes(67);
  y.insert(y.end(), y2.begin(), y2.end());
  EXPECT_EQ(x, y);
  // The first block is SHA-256(be64(5) || be64(0)), as documented.
  unsigned char first[32];
  const Bytes input = from_hex("0000000000000005 0000000000000000");
  ASSERT_NE(SHA256(input.data(), input.size(), first), nullptr);
  EXPECT_EQ(to_hex(ByteSpan(x.data(), 32)), to_hex(ByteSpan(first, 32)));
  // The production RNG at least fills what it is asked for.
  OpenSslRng os(ctx);
  EXPECT_NE(os.bytes(32), os.bytes(32));
}

}  // namespace
}  // namespace ikeshift::crypto
