// IKEv2 proposal construction from the intent and selection (RFC 7296 2.7).
#include <gtest/gtest.h>

#include "ikev2/proposal.h"

namespace ikeshift::engine::ikev2 {
namespace {

const model::Algorithm* alg(const char* id) {
  const model::Algorithm* a = model::find_algorithm_by_id(id);
  EXPECT_NE(a, nullptr) << id;
  return a;
}

model::IkeProposal ike(int prio, std::vector<const char*> enc, std::vector<const char*> integ,
                       std::vector<const char*> prf, std::vector<const char*> dh) {
  model::IkeProposal p;
  p.version = 2;
  p.priority = prio;
  for (auto* e : enc) p.encryption.push_back(alg(e));
  for (auto* i : integ) p.integrity.push_back(alg(i));
  for (auto* f : prf) p.prf.push_back(alg(f));
  for (auto* d : dh) p.dh_groups.push_back(alg(d));
  return p;
}

model::EspProposal esp(std::vector<const char*> enc, std::vector<const char*> integ) {
  model::EspProposal p;
  for (auto* e : enc) p.encryption.push_back(alg(e));
  for (auto* i : integ) p.integrity.push_back(alg(i));
  return p;
}

model::Tunnel seed_tunnel() {  // seed 004 after migration: 3des/sha/group 5, pfs group5
  model::Tunnel t;
  t.ikev2 = true;
  t.ikev2_proposals.push_back(ike(1, {"3des"}, {"hmac-sha1-96"}, {"prf-hmac-sha1"}, {"modp1536"}));
  t.esp_v2.push_back(esp({"3des"}, {"hmac-sha1-96"}));
  t.pfs_group = alg("modp1536");
  return t;
}

TEST(Ikev2Proposal, OffersFollowPolicyPriorityAndCarryIanaIds) {
  model::Tunnel t;
  t.ikev2_proposals.push_back(ike(20, {"aes-cbc-256"}, {"hmac-sha2-256-128"}, {"prf-hmac-sha2-256"}, {"modp2048"}));
  t.ikev2_proposals.push_back(ike(10, {"aes-gcm-256"}, {"none"}, {"prf-hmac-sha2-384"}, {"ecp384"}));
  auto offers = ike_offers(t);
  ASSERT_EQ(offers.size(), 2u);
  EXPECT_EQ(offers[0].number, 1);
  // Priority 10 first: AES-GCM-16 (20) / 256 bits, no integrity transform for AEAD.
  EXPECT_EQ(offers[0].transforms[0], (Transform{TransformKind::Encryption, 20, 256}));
  EXPECT_FALSE(std::any_of(offers[0].transforms.begin(), offers[0].transforms.end(),
                           [](const Transform& x) { return x.kind == TransformKind::Integrity; }));
  EXPECT_EQ(offers[1].transforms[0], (Transform{TransformKind::Encryption, 12, 256}));
  EXPECT_EQ(dh_groups_of(offers), (std::vector<uint16_t>{20, 14}));
}

TEST(Ikev2Proposal, IdenticalConfigsAgreeOnTheSeedProposal) {
  auto offers = ike_offers(seed_tunnel());
  auto s = select_proposal(offers, offers);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->encryption->id, 3);
  EXPECT_EQ(s->integrity->id, 2);
  EXPECT_EQ(s->prf->id, 2);
  EXPECT_EQ(s->dh_group->id, 5);
  EXPECT_EQ(s->describe(), "3DES/HMAC-SHA1-96/PRF-HMAC-SHA1/MODP1536");
  auto answer = accept_answer(s->as_proposal(), offers);
  ASSERT_TRUE(answer.has_value());
  EXPECT_EQ(answer->dh_group->id, 5);
}

TEST(Ikev2Proposal, TheInitiatorsPreferenceWinsAmongCommonTransforms) {
  model::Tunnel a, b;
  a.ikev2_proposals.push_back(ike(1, {"aes-cbc-128", "aes-cbc-256"}, {"hmac-sha2-256-128"},
                                  {"prf-hmac-sha2-256"}, {"ecp256", "modp2048"}));
  b.ikev2_proposals.push_back(ike(1, {"aes-cbc-256", "aes-cbc-128"}, {"hmac-sha2-256-128"},
                                  {"prf-hmac-sha2-256"}, {"modp2048", "ecp256"}));
  auto s = select_proposal(ike_offers(a), ike_offers(b));
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->encryption->key_bits, 128);
  EXPECT_EQ(s->dh_group->id, 19);
}

TEST(Ikev2Proposal, NoCommonAlgorithmIsNoProposalChosen) {
  model::Tunnel a, b;
  a.ikev2_proposals.push_back(ike(1, {"aes-cbc-256"}, {"hmac-sha2-256-128"}, {"prf-hmac-sha2-256"}, {"modp2048"}));
  b.ikev2_proposals.push_back(ike(1, {"aes-cbc-256"}, {"hmac-sha2-256-128"}, {"prf-hmac-sha2-256"}, {"modp1536"}));
  EXPECT_FALSE(select_proposal(ike_offers(a), ike_offers(b)).has_value());
  // Same AES but another key length is another algorithm.
  model::Tunnel c;
  c.ikev2_proposals.push_back(ike(1, {"aes-cbc-128"}, {"hmac-sha2-256-128"}, {"prf-hmac-sha2-256"}, {"modp2048"}));
  EXPECT_FALSE(select_proposal(ike_offers(a), ike_offers(c)).has_value());
}

TEST(Ikev2Proposal, EspWithPfsNeedsTheGroupAndIkeAuthIgnoresIt) {
  model::Tunnel t = seed_tunnel();
  std::vector<uint8_t> spi{1, 2, 3, 4};
  auto with_pfs = esp_offers(t, true, spi);
  ASSERT_EQ(with_pfs.size(), 1u);
  EXPECT_EQ(with_pfs[0].spi, spi);
  auto s = select_proposal(with_pfs, with_pfs);
  ASSERT_TRUE(s.has_value());
  EXPECT_EQ(s->dh_group->id, 5);
  EXPECT_EQ(s->esn->id, 0);
  // A responder that has no PFS configured cannot accept an offer that requires it.
  model::Tunnel no_pfs = seed_tunnel();
  no_pfs.pfs_group = nullptr;
  EXPECT_FALSE(select_proposal(with_pfs, esp_offers(no_pfs, true, spi)).has_value());
  // In IKE_AUTH the DH transforms are stripped on both sides.
  auto agreed = select_proposal(without_dh(with_pfs), without_dh(esp_offers(no_pfs, true, spi)));
  ASSERT_TRUE(agreed.has_value());
  EXPECT_FALSE(agreed->dh_group.has_value());
}

TEST(Ikev2Proposal, AnswersThatAreNotASubsetOfAnOfferAreRejected) {
  auto offers = ike_offers(seed_tunnel());
  Proposal bogus = offers[0];
  bogus.transforms = {{TransformKind::Encryption, 12, 256}, {TransformKind::Prf, 2, 0},
                      {TransformKind::Integrity, 2, 0}, {TransformKind::DhGroup, 5, 0}};
  EXPECT_FALSE(accept_answer(bogus, offers).has_value());
  Proposal two_of_a_kind = offers[0];
  two_of_a_kind.transforms.push_back(offers[0].transforms[0]);
  EXPECT_FALSE(accept_answer(two_of_a_kind, offers).has_value());
  Proposal wrong_number = select_proposal(offers, offers)->as_proposal();
  wrong_number.number = 7;
  EXPECT_FALSE(accept_answer(wrong_number, offers).has_value());
}

}  // namespace
}  // namespace ikeshift::engine::ikev2
