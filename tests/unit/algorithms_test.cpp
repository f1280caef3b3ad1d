// The algorithm registry: spellings per dialect, IANA/IKEv1 ids, strength.
#include "model/algorithms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <tuple>
#include <utility>

namespace ikeshift::model {
namespace {

using T = TransformType;
using D = Dialect;

std::string id_of(T type, D dialect, std::string_view name) {
  const Algorithm* a = find_algorithm(type, dialect, name);
  return a == nullptr ? "<none>" : std::string(a->id);
}

TEST(Algorithms, IdsAreUniqueAndNonEmpty) {
  std::set<std::string_view> ids;
  for (const Algorithm& a : all_algorithms()) {
    EXPECT_FALSE(a.id.empty());
    EXPECT_TRUE(ids.insert(a.id).second) << "duplicate id " << a.id;
  }
  EXPECT_GE(all_algorithms().size(), 35u);
}

TEST(Algorithms, IanaIdWithKeyLengthIsUniquePerType) {
  std::set<std::tuple<int, int, int>> seen;
  for (const Algorithm& a : all_algorithms()) {
    EXPECT_TRUE(seen.insert({static_cast<int>(a.type), a.iana_id, a.key_bits}).second)
        << a.id << " shares its IANA id and key length";
  }
}

TEST(Algorithms, EverySpellingFindsItsOwnEntry) {
  // No spelling may be ambiguous within a transform type and dialect, or a
  // reader would silently pick the wrong algorithm. Wireshark's ESP table is
  // written, never read, and names AES by mode only (the key gives its length).
  for (const Algorithm& a : all_algorithms()) {
    for (size_t d = 0; d < static_cast<size_t>(D::Count); ++d) {
      if (static_cast<D>(d) == D::WiresharkEsp) continue;
      std::string_view names = a.names[d];
      while (!names.empty()) {
        const size_t bar = names.find('|');
        const std::string_view alt = names.substr(0, bar);
        EXPECT_EQ(find_algorithm(a.type, static_cast<D>(d), alt), &a)
            << a.id << " dialect " << d << " spelling '" << alt << "'";
        if (bar == std::string_view::npos) break;
        names.remove_prefix(bar + 1);
      }
    }
  }
}

TEST(Algorithms, WiresharkKeyTableNamesForWhatTheEngineNegotiates) {
  // The --keylog file is only useful if every algorithm the engine can agree
  // on has Wireshark's exact name (the format strongSwan's save-keys writes).
  for (const char* id : {"3des", "aes-cbc-128", "aes-cbc-256", "aes-gcm-256", "hmac-sha1-96",
                         "hmac-sha2-256-128", "hmac-sha2-512-256"}) {
    const Algorithm* a = find_algorithm_by_id(id);
    ASSERT_NE(a, nullptr) << id;
    EXPECT_FALSE(algorithm_name(*a, D::WiresharkIke).empty()) << id;
    EXPECT_FALSE(algorithm_name(*a, D::WiresharkEsp).empty()) << id;
  }
  EXPECT_EQ(algorithm_name(*find_algorithm_by_id("aes-cbc-256"), D::WiresharkIke), "AES-CBC-256 [RFC3602]");
  EXPECT_EQ(algorithm_name(*find_algorithm_by_id("aes-gcm-256"), D::WiresharkIke),
            "AES-GCM-256 with 16 octet ICV [RFC5282]");
  EXPECT_EQ(algorithm_name(*find_algorithm_by_id("hmac-sha1-96"), D::WiresharkIke), "HMAC_SHA1_96 [RFC2404]");
  EXPECT_EQ(algorithm_name(*find_algorithm_by_id("aes-cbc-128"), D::WiresharkEsp), "AES-CBC [RFC3602]");
}

TEST(Algorithms, ReplacementsExistAndAreStronger) {
  for (const Algorithm& a : all_algorithms()) {
    if (a.strength == Strength::Broken || a.strength == Strength::Weak) {
      ASSERT_FALSE(a.replacement.empty()) << a.id << " is weak but names no replacement";
    }
    if (a.replacement.empty()) continue;
    const Algorithm* r = find_algorithm_by_id(a.replacement);
    ASSERT_NE(r, nullptr) << a.id << " -> " << a.replacement;
    EXPECT_EQ(r->type, a.type) << a.id;
    EXPECT_GT(static_cast<int>(r->strength), static_cast<int>(a.strength)) << a.id;
  }
  EXPECT_EQ(find_algorithm_by_id("3des")->replacement, "aes-cbc-256");
  EXPECT_EQ(find_algorithm_by_id("hmac-sha1-96")->replacement, "hmac-sha2-256-128");
  EXPECT_EQ(find_algorithm_by_id("modp1536")->replacement, "modp2048");
}

TEST(Algorithms, AsaIkev1PolicyColumn) {
  const D d = D::AsaIkev1Policy;
  EXPECT_EQ(id_of(T::Encryption, d, "des"), "des");
  EXPECT_EQ(id_of(T::Encryption, d, "3des"), "3des");
  EXPECT_EQ(id_of(T::Encryption, d, "aes"), "aes-cbc-128");
  EXPECT_EQ(id_of(T::Encryption, d, "aes-192"), "aes-cbc-192");
  EXPECT_EQ(id_of(T::Encryption, d, "aes-256"), "aes-cbc-256");
  EXPECT_EQ(find_algorithm(T::Encryption, d, "aes-gcm-256"), nullptr);  // IKEv2 only
  // A hash names both the integrity and the PRF algorithm.
  const std::pair<const char*, const char*> hashes[] = {
      {"md5", "md5"}, {"sha", "sha1"}, {"sha256", "sha2-256"}, {"sha384", "sha2-384"},
      {"sha512", "sha2-512"}};
  for (const auto& [word, prf] : hashes) {
    ASSERT_NE(find_algorithm(T::Integrity, d, word), nullptr) << word;
    EXPECT_EQ(id_of(T::Prf, d, word), std::string("prf-hmac-") + prf) << word;
  }
  EXPECT_EQ(id_of(T::Integrity, d, "sha"), "hmac-sha1-96");
  const std::pair<const char*, uint16_t> groups[] = {{"1", 1},   {"2", 2},   {"5", 5},  {"14", 14},
                                                     {"15", 15}, {"16", 16}, {"19", 19}, {"20", 20},
                                                     {"21", 21}, {"24", 24}};
  for (const auto& [word, iana] : groups) {
    const Algorithm* g = find_algorithm(T::DhGroup, d, word);
    ASSERT_NE(g, nullptr) << word;
    EXPECT_EQ(g->iana_id, iana);
    EXPECT_EQ(g->ikev1_phase1_id, iana);
  }
  EXPECT_EQ(find_algorithm(T::DhGroup, d, "31"), nullptr);
}

TEST(Algorithms, AsaIkev1TransformColumn) {
  const D d = D::AsaIkev1Transform;
  EXPECT_EQ(find_algorithm_any(d, "esp-des")->id, "des");
  EXPECT_EQ(find_algorithm_any(d, "esp-3des")->id, "3des");
  EXPECT_EQ(find_algorithm_any(d, "esp-aes")->id, "aes-cbc-128");
  EXPECT_EQ(find_algorithm_any(d, "esp-aes-192")->id, "aes-cbc-192");
  EXPECT_EQ(find_algorithm_any(d, "esp-aes-256")->id, "aes-cbc-256");
  EXPECT_EQ(find_algorithm_any(d, "esp-null")->id, "null");
  EXPECT_EQ(find_algorithm_any(d, "esp-null")->type, T::Encryption);
  EXPECT_EQ(find_algorithm_any(d, "esp-md5-hmac")->id, "hmac-md5-96");
  EXPECT_EQ(find_algorithm_any(d, "esp-sha-hmac")->id, "hmac-sha1-96");
  EXPECT_EQ(find_algorithm_any(d, "esp-sha256-hmac")->id, "hmac-sha2-256-128");
  EXPECT_EQ(find_algorithm_any(d, "esp-sha384-hmac")->id, "hmac-sha2-384-192");
  EXPECT_EQ(find_algorithm_any(d, "esp-sha512-hmac")->id, "hmac-sha2-512-256");
  EXPECT_EQ(find_algorithm_any(d, "esp-none")->id, "none");
  EXPECT_EQ(find_algorithm_any(d, "esp-none")->type, T::Integrity);
  EXPECT_EQ(find_algorithm_any(d, "aes-256"), nullptr);
}

TEST(Algorithms, AsaIkev2PolicyColumnIsNotHyphenated) {
  const D d = D::AsaIkev2Policy;
  const std::pair<const char*, const char*> enc[] = {
      {"des", "des"},         {"3des", "3des"},        {"aes", "aes-cbc-128"},
      {"aes-192", "aes-cbc-192"}, {"aes-256", "aes-cbc-256"}, {"aes-gcm", "aes-gcm-128"},
      {"aes-gcm-192", "aes-gcm-192"}, {"aes-gcm-256", "aes-gcm-256"}, {"null", "null"}};
  for (const auto& [word, id] : enc) EXPECT_EQ(id_of(T::Encryption, d, word), id) << word;
  EXPECT_EQ(id_of(T::Integrity, d, "md5"), "hmac-md5-96");
  EXPECT_EQ(id_of(T::Integrity, d, "sha"), "hmac-sha1-96");
  EXPECT_EQ(id_of(T::Integrity, d, "sha256"), "hmac-sha2-256-128");
  EXPECT_EQ(id_of(T::Integrity, d, "sha384"), "hmac-sha2-384-192");
  EXPECT_EQ(id_of(T::Integrity, d, "sha512"), "hmac-sha2-512-256");
  EXPECT_EQ(id_of(T::Integrity, d, "null"), "none");
  EXPECT_EQ(find_algorithm(T::Integrity, d, "sha-256"), nullptr);  // that is the proposal spelling
  EXPECT_EQ(id_of(T::Prf, d, "md5"), "prf-hmac-md5");
  EXPECT_EQ(id_of(T::Prf, d, "sha"), "prf-hmac-sha1");
  EXPECT_EQ(id_of(T::Prf, d, "sha256"), "prf-hmac-sha2-256");
  EXPECT_EQ(id_of(T::Prf, d, "sha384"), "prf-hmac-sha2-384");
  EXPECT_EQ(id_of(T::Prf, d, "sha512"), "prf-hmac-sha2-512");
  EXPECT_EQ(find_algorithm(T::Prf, d, "null"), nullptr);
  EXPECT_EQ(id_of(T::DhGroup, d, "14"), "modp2048");
  EXPECT_EQ(id_of(T::DhGroup, d, "24"), "modp2048s256");
  EXPECT_EQ(id_of(T::DhGroup, d, "31"), "curve25519");
}

TEST(Algorithms, AsaIkev2ProposalColumnIsHyphenated) {
  const D d = D::AsaIkev2Proposal;
  const std::pair<const char*, const char*> enc[] = {
      {"des", "des"},           {"3des", "3des"},           {"aes", "aes-cbc-128"},
      {"aes-192", "aes-cbc-192"}, {"aes-256", "aes-cbc-256"}, {"aes-gcm", "aes-gcm-128"},
      {"aes-gcm-192", "aes-gcm-192"}, {"aes-gcm-256", "aes-gcm-256"}, {"aes-gmac", "aes-gmac-128"},
      {"aes-gmac-192", "aes-gmac-192"}, {"aes-gmac-256", "aes-gmac-256"}, {"null", "null"}};
  for (const auto& [word, id] : enc) EXPECT_EQ(id_of(T::Encryption, d, word), id) << word;
  EXPECT_EQ(id_of(T::Integrity, d, "md5"), "hmac-md5-96");
  EXPECT_EQ(id_of(T::Integrity, d, "sha-1"), "hmac-sha1-96");
  EXPECT_EQ(id_of(T::Integrity, d, "sha-256"), "hmac-sha2-256-128");
  EXPECT_EQ(id_of(T::Integrity, d, "sha-384"), "hmac-sha2-384-192");
  EXPECT_EQ(id_of(T::Integrity, d, "sha-512"), "hmac-sha2-512-256");
  EXPECT_EQ(id_of(T::Integrity, d, "null"), "none");
  EXPECT_EQ(find_algorithm(T::Integrity, d, "sha256"), nullptr);
  EXPECT_EQ(find_algorithm(T::DhGroup, d, "14"), nullptr);  // proposals carry no group
}

TEST(Algorithms, AsaPfsColumn) {
  const std::pair<const char*, uint16_t> groups[] = {
      {"group1", 1},   {"group2", 2},   {"group5", 5},   {"group14", 14}, {"group15", 15},
      {"group16", 16}, {"group19", 19}, {"group20", 20}, {"group21", 21}, {"group24", 24}};
  for (const auto& [word, iana] : groups) {
    const Algorithm* g = find_algorithm(T::DhGroup, D::AsaPfs, word);
    ASSERT_NE(g, nullptr) << word;
    EXPECT_EQ(g->iana_id, iana) << word;
    EXPECT_EQ(algorithm_name(*g, D::AsaPfs), word);
  }
  EXPECT_EQ(find_algorithm(T::DhGroup, D::AsaPfs, "14"), nullptr);
}

TEST(Algorithms, OtherDialects) {
  EXPECT_EQ(id_of(T::Encryption, D::IosIsakmp, "aes 256"), "aes-cbc-256");
  EXPECT_EQ(id_of(T::Encryption, D::IosIsakmp, "AES   256"), "aes-cbc-256");
  EXPECT_EQ(id_of(T::Encryption, D::IosIsakmp, "aes"), "aes-cbc-128");
  EXPECT_EQ(id_of(T::Encryption, D::IosTransform, "esp-aes 256"), "aes-cbc-256");
  EXPECT_EQ(id_of(T::Encryption, D::IosTransform, "esp-gcm 256"), "aes-gcm-256");
  EXPECT_EQ(id_of(T::Integrity, D::IosTransform, "esp-sha256-hmac"), "hmac-sha2-256-128");
  EXPECT_EQ(id_of(T::Encryption, D::IosIkev2, "aes-cbc-128"), "aes-cbc-128");
  EXPECT_EQ(id_of(T::Encryption, D::IosIkev2, "aes-gcm-256"), "aes-gcm-256");
  EXPECT_EQ(id_of(T::Integrity, D::IosIkev2, "sha1"), "hmac-sha1-96");
  EXPECT_EQ(id_of(T::DhGroup, D::IosIkev2, "19"), "ecp256");
  EXPECT_EQ(id_of(T::Encryption, D::Rtx, "aes-cbc"), "aes-cbc-128");
  EXPECT_EQ(id_of(T::Encryption, D::Rtx, "aes256-cbc"), "aes-cbc-256");
  EXPECT_EQ(id_of(T::Encryption, D::Rtx, "3des-cbc"), "3des");
  EXPECT_EQ(id_of(T::Prf, D::Rtx, "sha256"), "prf-hmac-sha2-256");
  EXPECT_EQ(id_of(T::Integrity, D::Rtx, "sha-hmac"), "hmac-sha1-96");
  EXPECT_EQ(id_of(T::DhGroup, D::Rtx, "modp1024"), "modp1024");
  const std::pair<const char*, const char*> swan[] = {
      {"aes128", "aes-cbc-128"}, {"aes256", "aes-cbc-256"}, {"3des", "3des"},
      {"aes256gcm16", "aes-gcm-256"}};
  for (const auto& [word, id] : swan) EXPECT_EQ(id_of(T::Encryption, D::Strongswan, word), id);
  EXPECT_EQ(id_of(T::Integrity, D::Strongswan, "sha1"), "hmac-sha1-96");
  EXPECT_EQ(id_of(T::Integrity, D::Strongswan, "sha256"), "hmac-sha2-256-128");
  EXPECT_EQ(id_of(T::Prf, D::Strongswan, "prfsha256"), "prf-hmac-sha2-256");
  EXPECT_EQ(id_of(T::DhGroup, D::Strongswan, "modp2048"), "modp2048");
  EXPECT_EQ(id_of(T::DhGroup, D::Strongswan, "ecp384"), "ecp384");
  EXPECT_EQ(id_of(T::DhGroup, D::Strongswan, "x25519"), "curve25519");
}

TEST(Algorithms, LookupIsCaseInsensitive) {
  EXPECT_EQ(id_of(T::Encryption, D::AsaIkev1Policy, "AES-256"), "aes-cbc-256");
  EXPECT_EQ(id_of(T::Integrity, D::AsaIkev2Proposal, "SHA-256"), "hmac-sha2-256-128");
  EXPECT_EQ(find_algorithm_any(D::AsaIkev1Transform, "ESP-3DES")->id, "3des");
  EXPECT_EQ(find_algorithm_by_id("AES-CBC-256")->id, "aes-cbc-256");
}

TEST(Algorithms, UnknownNamesReturnNull) {
  EXPECT_EQ(find_algorithm(T::Encryption, D::AsaIkev1Policy, "aes-512"), nullptr);
  EXPECT_EQ(find_algorithm(T::Encryption, D::AsaIkev1Policy, ""), nullptr);
  EXPECT_EQ(find_algorithm(T::Encryption, D::AsaIkev1Policy, "aes-2"), nullptr);  // no prefix match
  EXPECT_EQ(find_algorithm(T::Integrity, D::AsaIkev1Transform, "esp-sha-hma"), nullptr);
  EXPECT_EQ(find_algorithm_any(D::AsaIkev1Transform, "esp-foo"), nullptr);
  EXPECT_EQ(find_algorithm_by_id("rot13"), nullptr);
  // A dialect that cannot express an algorithm never matches its empty column.
  EXPECT_EQ(find_algorithm(T::Encryption, D::AsaPfs, ""), nullptr);
}

TEST(Algorithms, WritersUseTheFirstSpelling) {
  const Algorithm* aes128 = find_algorithm_by_id("aes-cbc-128");
  ASSERT_NE(aes128, nullptr);
  EXPECT_EQ(algorithm_name(*aes128, D::IosIsakmp), "aes");
  EXPECT_EQ(algorithm_name(*aes128, D::Strongswan), "aes128");
  EXPECT_EQ(algorithm_name(*find_algorithm_by_id("aes-gcm-128"), D::Strongswan), "aes128gcm16");
  EXPECT_EQ(algorithm_name(*find_algorithm_by_id("curve25519"), D::AsaIkev1Policy), "");
  EXPECT_EQ(algorithm_name(*find_algorithm_by_id("hmac-sha1-96"), D::AsaIkev2Proposal), "sha-1");
}

TEST(Algorithms, IanaAndIkev1Ids) {
  struct Expect {
    const char* id;
    T type;
    uint16_t iana, key_bits, p1, esp;
  };
  const Expect expected[] = {
      {"des", T::Encryption, 2, 0, 1, 2},
      {"3des", T::Encryption, 3, 0, 5, 3},
      {"aes-cbc-128", T::Encryption, 12, 128, 7, 12},
      {"aes-cbc-256", T::Encryption, 12, 256, 7, 12},
      {"aes-gcm-256", T::Encryption, 20, 256, 0, 20},
      {"aes-gmac-128", T::Encryption, 21, 128, 0, 23},
      {"null", T::Encryption, 11, 0, 0, 11},
      {"hmac-md5-96", T::Integrity, 1, 0, 1, 1},
      {"hmac-sha1-96", T::Integrity, 2, 0, 2, 2},
      {"hmac-sha2-256-128", T::Integrity, 12, 0, 4, 5},
      {"hmac-sha2-384-192", T::Integrity, 13, 0, 5, 6},
      {"hmac-sha2-512-256", T::Integrity, 14, 0, 6, 7},
      {"none", T::Integrity, 0, 0, 0, 0},
      {"prf-hmac-md5", T::Prf, 1, 0, 1, 0},
      {"prf-hmac-sha1", T::Prf, 2, 0, 2, 0},
      {"prf-hmac-sha2-256", T::Prf, 5, 0, 4, 0},
      {"prf-hmac-sha2-384", T::Prf, 6, 0, 5, 0},
      {"prf-hmac-sha2-512", T::Prf, 7, 0, 6, 0},
      {"modp768", T::DhGroup, 1, 0, 1, 1},
      {"modp1024", T::DhGroup, 2, 0, 2, 2},
      {"modp1536", T::DhGroup, 5, 0, 5, 5},
      {"modp2048", T::DhGroup, 14, 0, 14, 14},
      {"modp3072", T::DhGroup, 15, 0, 15, 15},
      {"modp4096", T::DhGroup, 16, 0, 16, 16},
      {"ecp256", T::DhGroup, 19, 0, 19, 19},
      {"ecp384", T::DhGroup, 20, 0, 20, 20},
      {"ecp521", T::DhGroup, 21, 0, 21, 21},
      {"modp1024s160", T::DhGroup, 22, 0, 22, 22},
      {"modp2048s224", T::DhGroup, 23, 0, 23, 23},
      {"modp2048s256", T::DhGroup, 24, 0, 24, 24},
      {"curve25519", T::DhGroup, 31, 0, 0, 0},
  };
  for (const Expect& e : expected) {
    const Algorithm* a = find_algorithm_by_id(e.id);
    ASSERT_NE(a, nullptr) << e.id;
    EXPECT_EQ(a->type, e.type) << e.id;
    EXPECT_EQ(a->iana_id, e.iana) << e.id;
    EXPECT_EQ(a->key_bits, e.key_bits) << e.id;
    EXPECT_EQ(a->ikev1_phase1_id, e.p1) << e.id;
    EXPECT_EQ(a->ikev1_esp_id, e.esp) << e.id;
    EXPECT_EQ(find_algorithm_by_iana(e.type, e.iana, e.key_bits), a) << e.id;
  }
  EXPECT_TRUE(find_algorithm_by_id("aes-gcm-128")->aead);
  EXPECT_EQ(find_algorithm_by_id("aes-gcm-128")->icv_or_output_bytes, 16);
  EXPECT_EQ(find_algorithm_by_id("hmac-sha1-96")->icv_or_output_bytes, 12);
  EXPECT_EQ(find_algorithm_by_id("prf-hmac-sha2-384")->icv_or_output_bytes, 48);
  // AES without a key length is ambiguous in IKEv2.
  EXPECT_EQ(find_algorithm_by_iana(T::Encryption, 12, 0), nullptr);
  EXPECT_EQ(find_algorithm_by_iana(T::DhGroup, 99), nullptr);
}

TEST(Algorithms, Strength) {
  EXPECT_EQ(find_algorithm_by_id("des")->strength, Strength::Broken);
  EXPECT_EQ(find_algorithm_by_id("hmac-md5-96")->strength, Strength::Broken);
  EXPECT_EQ(find_algorithm_by_id("modp768")->strength, Strength::Broken);
  // RFC 8247: group 1 MUST NOT, group 2 SHOULD NOT (like group 5).
  EXPECT_EQ(find_algorithm_by_id("modp1024")->strength, Strength::Weak);
  for (const Algorithm& a : all_algorithms()) {
    if (a.strength == Strength::Broken || a.strength == Strength::Weak) {
      EXPECT_FALSE(a.weakness.empty()) << a.id;
    }
  }
  EXPECT_EQ(find_algorithm_by_id("3des")->strength, Strength::Weak);
  EXPECT_EQ(find_algorithm_by_id("hmac-sha1-96")->strength, Strength::Weak);
  EXPECT_EQ(find_algorithm_by_id("modp1536")->strength, Strength::Weak);
  EXPECT_EQ(find_algorithm_by_id("modp2048s256")->strength, Strength::Weak);
  EXPECT_EQ(find_algorithm_by_id("aes-cbc-256")->strength, Strength::Acceptable);
  EXPECT_EQ(find_algorithm_by_id("hmac-sha2-256-128")->strength, Strength::Acceptable);
  EXPECT_EQ(find_algorithm_by_id("modp2048")->strength, Strength::Acceptable);
  EXPECT_EQ(find_algorithm_by_id("aes-gcm-256")->strength, Strength::Strong);
  EXPECT_EQ(find_algorithm_by_id("ecp384")->strength, Strength::Strong);
  EXPECT_EQ(find_algorithm_by_id("modp3072")->strength, Strength::Strong);
  EXPECT_STREQ(strength_name(Strength::Weak), "weak");
  EXPECT_STREQ(transform_type_name(TransformType::DhGroup), "dh-group");
}

TEST(Algorithms, NamesInDialectListsEveryAlternativeOnce) {
  const std::vector<std::string> enc = names_in_dialect(T::Encryption, D::AsaIkev1Policy);
  EXPECT_EQ(std::set<std::string>(enc.begin(), enc.end()),
            (std::set<std::string>{"des", "3des", "aes", "aes-192", "aes-256"}));
  EXPECT_EQ(enc.size(), 5u);
  const std::vector<std::string> swan = names_in_dialect(T::Encryption, D::Strongswan);
  EXPECT_NE(std::find(swan.begin(), swan.end(), "aes"), swan.end());  // an alternative
  EXPECT_NE(std::find(swan.begin(), swan.end(), "aes128"), swan.end());
  EXPECT_TRUE(names_in_dialect(T::DhGroup, D::AsaIkev1Transform).empty());
}

}  // namespace
}  // namespace ikeshift::model
