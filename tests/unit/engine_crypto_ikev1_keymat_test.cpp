// IKEv1 keymat against published vectors.
//
// The NIST CAVP SP 800-135 IKEv1 KDF response files are not reachable from
// here (libreswan downloads them at test time; they are not in any public
// repository the search tools hold). What is public are the CAVP *sample*
// vectors NSS copied into its gtests (security/nss/gtests/common/testvectors/
// ike-sha1-vectors.h and ike-sha256-vectors.h, "these vectors are from this
// NIST samples"): one CAVS case per hash with SKEYID, SKEYID_d/a/e, and one
// PSK SKEYID. The Appendix B expansions there are NSS's own ("self-generated"),
// i.e. an independent implementation, not NIST. The Quick Mode KEYMAT,
// HASH(1..3) and IV derivations are checked against charon's own logged values
// in engine_ikev1_capture_test.cpp.
#include "crypto/crypto_context.h"
#include "crypto/hex.h"
#include "crypto/ikev1_keymat.h"

#include <gtest/gtest.h>

namespace ikeshift::crypto {
namespace {

std::string hex(ByteSpan b) { return to_hex(b); }

struct CavpCase {
  const char* name;
  PrfId prf;
  // SKEYID for digital signatures, prf(Ni_b | Nr_b, g^xy): CAVP's "DSA" case.
  const char* gxy;
  const char* ni;
  const char* nr;
  const char* skeyid;
  const char* cky_i;
  const char* cky_r;
  const char* skeyid_d;
  const char* skeyid_a;
  const char* skeyid_e;
  // The PSK case: SKEYID = prf(PSK, Ni_b | Nr_b).
  const char* psk;
  const char* psk_ni;
  const char* psk_nr;
  const char* psk_skeyid;
};

const CavpCase kCavp[] = {
    {"SHA-1", PrfId::HmacSha1, "8ba4cbc73c0187301dc19a975823854dbd641c597f637f8d053a83b9514673eb", "69a62284195f1680",
     "80c94ba25c8abda5", "707197817fb2d90cf54d1842606bdea59b9f4823", "8c3bcd3a69831d7f", "d2d9a7ff4fbe95a7",
     "384be709a8a5e63c3ed160cfe3921c4b37d5b32d", "48b327575abe3adba0f279849e289022a13e2b47",
     "a4a415c8e0c38c0da847c356cc61c24df8025560", "c0", "03a6f25a83c8c2a3", "9d958a6618f77e7f",
     "ab3be41bc62f2ef0c41a3076d58768be77fadd2e"},
    {"SHA-256", PrfId::HmacSha2_256, "a1ff3dc6cf9b4c04709943cb4ca1f1789bcf360b03f1d027de3ae8ee039e9155",
     "b1dee62505b47b223bae14ce7a5b757402ad1587511618d09f94950d47f1d8d4ce86aca12d78db9854d86019ad735757ae79d8932ac0c7"
     "db842c85060150ca875ea5d47e3cfcb2a05922ebb7959d49b9797a2289676ee79a1d9a18b790f87e4771ddaf4be3376057a553162f68fe"
     "429aca73b07234543801ba2122b1bde82251770d05df813cf556a11ca4dc43ffcb85a97dbed16e2fda6985e07e31be6364899e63c507c7"
     "c616e5eb7765a53560f76772de43918ba07badfe85244dcdcd917cb065afb60e3b7e68b54dd94bfc7c31c8b752892781ed3cc4b7f28fbc"
     "0ab9af908f5ae1f09f893f80100a7b3135993161b51fbba3bbb24b9f88c6147de82cd6f0",
     "f0acfef2ad1f7add0eaafda78c1cf1097d9fc91cb04a7c145069ac426fd164cbe661b1dd2df0fb84e19512181f0d8ea50b7860845f3327"
     "57a8e56d2a3b7be436b5718a2d49baa996a4616684a208c2d611cd65e605dca6e3d3f116859b4410fe13679696bb2e23c08a40c7e1316d"
     "54b4c9c0286701c221151b3642cb4112ca1a53e0e597a7e29c634caed86ca3c31973d37b4c346134fd6784cd99913feedf3d29d89a0a02"
     "a5a750f02f5738109dcc670bb27701fb59f78e83b76860c3fec079a1fc8c937ddb58ae7500422b7e49ce63759c65b6bc439381d56bcc15"
     "9edede894b073841036ebfa050a5b3e7c876a3f18def26b1768a263ac66c9d83b680eb5e",
     "750c5c94b9c2ec20b68033e024dadf0fa87e8b48c6561b21c72478451a06583d", "6c6beb72631ddc3d", "b84e24b22cffbd14",
     "a4f7ca7de913814813e3312099e7c943bd293483f387532330237f1b20957310",
     "1d4b705746c43b0a6fcbb8db33983c0f24ff6f8b6543e3779fed227c6067f004",
     "03e6f16cd9ce9f64b5cdc5b34cca7163483ba5389a30afebef3d14640b0a815e", "a0", "ead9ced494868f41", "f1aff4f425a94f18",
     "558a99b299773d267cf7c8ef073bf3b7af362c206c75a538403c5ef884d4cace"},
};

class Ikev1KeymatVectors : public ::testing::TestWithParam<CavpCase> {
 protected:
  CryptoContext ctx;
};

TEST_P(Ikev1KeymatVectors, PskSkeyid) {
  const CavpCase& v = GetParam();
  Prf prf(ctx, v.prf);
  EXPECT_EQ(hex(ikev1_skeyid_psk(prf, from_hex(v.psk), from_hex(v.psk_ni), from_hex(v.psk_nr))), v.psk_skeyid);
}

TEST_P(Ikev1KeymatVectors, SignatureSkeyidIsThePrfOverTheNoncesAsKey) {
  // Not used by a PSK engine, but it pins down the SKEYID the d/a/e vector
  // below starts from, so the chain is checked end to end.
  const CavpCase& v = GetParam();
  Prf prf(ctx, v.prf);
  const Bytes key = concat({from_hex(v.ni), from_hex(v.nr)});
  EXPECT_EQ(hex(prf.compute(key, from_hex(v.gxy))), v.skeyid);
}

TEST_P(Ikev1KeymatVectors, SkeyidDae) {
  const CavpCase& v = GetParam();
  Prf prf(ctx, v.prf);
  Ikev1Skeyids k = ikev1_derive_skeyids(prf, SecureBytes(from_hex(v.skeyid)), from_hex(v.gxy), from_hex(v.cky_i),
                                        from_hex(v.cky_r));
  EXPECT_EQ(hex(k.skeyid), v.skeyid);
  EXPECT_EQ(hex(k.skeyid_d), v.skeyid_d);
  EXPECT_EQ(hex(k.skeyid_a), v.skeyid_a);
  EXPECT_EQ(hex(k.skeyid_e), v.skeyid_e);
}

INSTANTIATE_TEST_SUITE_P(Cavp, Ikev1KeymatVectors, ::testing::ValuesIn(kCavp),
                         [](const ::testing::TestParamInfo<CavpCase>& p) {
                           return std::string(p.param.prf == PrfId::HmacSha1 ? "Sha1" : "Sha256");
                         });

// NSS's self-generated App. B vectors: the phase 1 key expansion (K1 =
// prf(K, 0), Kn = prf(K, Kn-1)), and the Quick Mode shape (Kn = prf(K, Kn-1 |
// seed)) with the one-octet seed 0, so its K1 equals the phase 1 K1.
TEST(Ikev1KeymatExpansion, AppendixBPhase1) {
  CryptoContext ctx;
  Prf sha1(ctx, PrfId::HmacSha1);
  const Bytes key = from_hex("63e81194946ebd05df7df5ebf5d8750056bf1f1d");
  EXPECT_EQ(hex(ikev1_encryption_key(sha1, key, 132)),
            "933347a07de5782247dd36d1562ffe0eecade1eb4134165257e3af1000af8ae3f165063828cbb60d910b7db38fa3c7f62c4afa"
            "af3203da065c841729853edb23e9e7ac8286ae65c8cb6c667d79268c0bd6705abb9131698eb822b1c1f9dd142fc7be2c1010ee01"
            "52e10195add98999c6b6d42c8fe9c1b134d56ad5f2c6f20e815bd25c52");
  EXPECT_EQ(hex(ikev1_encryption_key(sha1, key, 40)), "933347a07de5782247dd36d1562ffe0eecade1eb4134165257e3af1000af8ae3f1650638"
                                                      "28cbb60d");
  // Long enough already: SKEYID_e's first octets, no expansion.
  EXPECT_EQ(hex(ikev1_encryption_key(sha1, key, 15)), "63e81194946ebd05df7df5ebf5d875");

  Prf sha256(ctx, PrfId::HmacSha2_256);
  const Bytes key256 = from_hex("5f00d1bd2c58ec224b1e6b71fa0f19a1faa7a193952c444411b47c1a9d8ba6fe");
  EXPECT_EQ(hex(ikev1_encryption_key(sha256, key256, 32)), hex(key256));
  EXPECT_EQ(hex(ikev1_encryption_key(sha256, key256, 132)),
            "b10fff32cbeaa1e7afe6ab0b191e0bd63cd524849a4b56019146d232a24cf9af6b89494d2a360b06825db8bb0324c15cecf47fc0"
            "bc99e39bf1171a7f4bf1733dc49ef64c642e73b054b2e82456e34fa3c822da475e27e403b3da3929da50e6aa9e7f9252c68fa069"
            "b4b0edd374e80d35378c4f5e8ec285a1b169c92bbb5353d05ba94165");
}

TEST(Ikev1KeymatExpansion, AppendixBQuickModeShape) {
  // KEYMAT with g(qm)^xy empty, "protocol" 0 and no SPI or nonces reduces to
  // the seed of one zero octet NSS uses.
  CryptoContext ctx;
  Prf sha1(ctx, PrfId::HmacSha1);
  const Bytes key = from_hex("63e81194946ebd05df7df5ebf5d8750056bf1f1d");
  EXPECT_EQ(hex(ikev1_keymat(sha1, key, {}, 0, {}, {}, {}, 132)),
            "933347a07de5782247dd36d1562ffe0eecade1ebaeaa476a5f578c34a9b2b7101a621202f61db924c5ef9efa3bb26980958416"
            "03b7ac8a880329a927ecd4ad53a944b607a5ac2f3d154e2748c188d7370d76be83fc204fdacf0f66b99dd760ba619ffac65eda14"
            "20c8a936dac5a599afaf4043b29ef2b65dc042724355b550875316c6fd");
  EXPECT_EQ(hex(ikev1_keymat(sha1, key, {}, 0, {}, {}, {}, 15)), "933347a07de5782247dd36d1562ffe");
  Prf sha256(ctx, PrfId::HmacSha2_256);
  const Bytes key256 = from_hex("5f00d1bd2c58ec224b1e6b71fa0f19a1faa7a193952c444411b47c1a9d8ba6fe");
  // Unlike phase 1, Quick Mode always runs the prf, even for one block.
  EXPECT_EQ(hex(ikev1_keymat(sha256, key256, {}, 0, {}, {}, {}, 32)),
            "b10fff32cbeaa1e7afe6ab0b191e0bd63cd524849a4b56019146d232a24cf9af");
  EXPECT_EQ(hex(ikev1_keymat(sha256, key256, {}, 0, {}, {}, {}, 132)),
            "b10fff32cbeaa1e7afe6ab0b191e0bd63cd524849a4b56019146d232a24cf9af59f18ed9aabbb2dbbafecf48d72a34a8f72fab2f"
            "f4f37e5c917288a78ce00933612e9531a7469995c7f7cc33c7627cac3efbc819330c4fe3bfa3788799630f37bcb74800d82bbebd"
            "17b1906e304a786f4f810c266c15be1a30576039c293272748d65966");
}

TEST(Ikev1KeymatExpansion, ChildKeysSplitPerDirection) {
  // Each direction's KEYMAT carries its own SPI: swapping SPIs swaps keys, and
  // the encryption key is the head of the KEYMAT, integrity the tail.
  CryptoContext ctx;
  Prf sha1(ctx, PrfId::HmacSha1);
  const Bytes d = from_hex("ec639a562ea715108ed7d62492516fa29a50389d");
  const Bytes ni(16, 1), nr(16, 2), spi_i = from_hex("29fbd022"), spi_r = from_hex("96996214");
  ChildSaKeys k = ikev1_child_sa_keys(sha1, d, {}, 3, spi_i, spi_r, ni, nr, KeyLengths{24, 20});
  SecureBytes to_r = ikev1_keymat(sha1, d, {}, 3, spi_r, ni, nr, 44);
  EXPECT_EQ(hex(k.encr_i), hex(to_r.subspan(0, 24)));
  EXPECT_EQ(hex(k.integ_i), hex(to_r.subspan(24, 20)));
  ChildSaKeys swapped = ikev1_child_sa_keys(sha1, d, {}, 3, spi_r, spi_i, ni, nr, KeyLengths{24, 20});
  EXPECT_EQ(hex(swapped.encr_r), hex(k.encr_i));
  // PFS changes everything.
  ChildSaKeys pfs = ikev1_child_sa_keys(sha1, d, Bytes(192, 7), 3, spi_i, spi_r, ni, nr, KeyLengths{24, 20});
  EXPECT_NE(hex(pfs.encr_i), hex(k.encr_i));
}

}  // namespace
}  // namespace ikeshift::crypto
