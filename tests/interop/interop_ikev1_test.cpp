// IKEv1 and the tunnel manager in network namespaces (issue 4): strongSwan's
// charon as the IKEv1 peer of `ikeshift engine` in both roles (3DES-SHA1-
// MODP1536 as in seed 004, and AES256-SHA256-MODP2048), Quick Mode rekey,
// DPD, Delete, a wrong PSK, the tshark decode with the IKEv1 key log; the
// fallback against a far end that only speaks IKEv1 (charon version = 1).
// Two ikeshift daemons on the seed 004 pair: interop_fallback_test.cpp.
// Each test builds its own lab (tests/interop/netns_lab.h); the fixtures and
// checks shared with the IKEv2 tests: interop_support.h.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <sstream>

#include "ikeshift_daemon.h"
#include "interop_support.h"
#include "netns_lab.h"
#include "strongswan_peer.h"

namespace ikeshift::interop {
namespace {

constexpr const char* kNetA = "10.10.10.0/24";
constexpr const char* kNetB = "10.20.20.0/24";
constexpr const char* kKey = "lab-v1-shared-secret";

struct Suite {
  const char* name;
  // ASA: crypto ikev1 policy 10, the transform-set, set pfs
  const char* encryption;
  const char* hash;
  const char* group;
  const char* transform_set;
  const char* pfs;
  // charon
  const char* ike;
  const char* esp;
};

const Suite kSuites[] = {
    {"3des_sha1_modp1536", "3des", "sha", "5", "esp-3des esp-sha-hmac", "group5", "3des-sha1-modp1536",
     "3des-sha1-modp1536"},
    {"aes256_sha256_modp2048", "aes-256", "sha256", "14", "esp-aes-256 esp-sha256-hmac", "group14",
     "aes256-sha256-modp2048", "aes256-sha256-modp2048"},
};

void PrintTo(const Suite& s, std::ostream* os) { *os << s.name; }

AsaLabConfig ikev1_asa(const Suite& s) {
  AsaLabConfig c;
  c.ikev2 = false;
  c.ikev1 = true;
  c.ikev1_encryption = s.encryption;
  c.ikev1_hash = s.hash;
  c.ikev1_group = s.group;
  c.transform_set = s.transform_set;
  c.pfs_group = s.pfs;
  c.ikev1_key = kKey;
  return c;
}

class Ikev1Interop : public IkeshiftLabTest {
 protected:
  // IKEv1: MM_ACTIVE or AM_ACTIVE in `show ikev1-sa`.
  Pair bring_up(const AsaLabConfig& asa, const CharonConfig& c, Role role) {
    return IkeshiftLabTest::bring_up(asa, c, role, kIkev1Up);
  }

  CharonConfig charon(const Suite& s, int version = 1) const {
    CharonConfig c;
    c.version = version;
    c.proposals = s.ike;
    c.esp_proposals = s.esp;
    c.local_ts = kNetB;
    c.remote_ts = kNetA;
    c.secrets = {{{lab_->address(Side::A), lab_->address(Side::B)}, kKey}};
    return c;
  }
};

class Ikev1Suites : public Ikev1Interop, public ::testing::WithParamInterface<std::tuple<Role, Suite>> {};

TEST_P(Ikev1Suites, TunnelComesUpWithCharon) {
  auto [role, suite] = GetParam();
  Pair p = bring_up(ikev1_asa(suite), charon(suite), role);
  ASSERT_FALSE(HasFailure());
  // Both sides agree on the IPsec SA pair.
  CharonSas sas = p.charon->list_sas();
  ASSERT_EQ(sas.ike_sas.size(), 1u) << sas.raw;
  ASSERT_EQ(sas.ike_sas[0].children.size(), 1u) << sas.raw;
  const CharonChildSa& c = sas.ike_sas[0].children[0];
  std::string ipsec = p.ikeshift->show({"ipsec-sa"}).output;
  EXPECT_TRUE(contains(ipsec, "current outbound spi: " + std::string(c.spi_in.size() < 8 ? 8 - c.spi_in.size() : 0, '0') +
                                  [&] {
                                    std::string u = c.spi_in;
                                    for (char& ch : u) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                                    return u;
                                  }()))
      << ipsec << sas.raw;
  EXPECT_TRUE(contains(ipsec, "IKEv1, }")) << ipsec;
  // The ASA's IKEv1 lines.
  std::string log = p.ikeshift->log();
  EXPECT_TRUE(contains(log, "%ASA-5-713119: Group = " + lab_->address(Side::B))) << log;
  EXPECT_TRUE(contains(log, "PHASE 2 COMPLETED")) << log;
  EXPECT_TRUE(contains(log, "%ASA-5-713049:")) << log;
  if (role == Role::Initiator) {
    EXPECT_TRUE(contains(log, "%ASA-5-752004: Tunnel Manager dispatching a KEY_ACQUIRE message to IKEv1.")) << log;
    EXPECT_TRUE(contains(log, "%ASA-5-752016: IKEv1 was successful at setting up a tunnel. Map Tag = LAB.")) << log;
    EXPECT_FALSE(contains(log, "752010")) << "IKEv2 is not enabled at all: no 752010\n" << log;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Charon, Ikev1Suites,
    ::testing::Combine(::testing::Values(Role::Responder, Role::Initiator), ::testing::ValuesIn(kSuites)),
    [](const ::testing::TestParamInfo<Ikev1Suites::ParamType>& i) {
      return std::string(std::get<0>(i.param) == Role::Responder ? "Responder_" : "Initiator_") + std::get<1>(i.param).name;
    });


// ---- the IPsec SA life cycle with charon ------------------------------------

const Suite& seed_suite() { return kSuites[0]; }

// The pairs of `show ipsec-sa` ("current outbound spi: X" / "current inbound spi : Y").
std::vector<SpiPair> ikeshift_pairs(const IkeshiftDaemon& d) {
  static const std::regex line(R"(current outbound spi: ([0-9A-F]+)\s+current inbound spi : ([0-9A-F]+))");
  const std::string text = d.show({"ipsec-sa"}).output;
  std::vector<SpiPair> out;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), line); it != std::sregex_iterator(); ++it)
    out.push_back({hex32((*it)[2]), hex32((*it)[1])});
  return out;
}

class Ikev1Lifecycle : public Ikev1Interop {
 protected:
  void up(AsaLabConfig asa, CharonConfig c, Role role = Role::Responder) {
    pair_ = bring_up(asa, c, role);
    std::vector<SpiPair> ch = charon_children(pair_.charon->list_sas());
    ASSERT_EQ(ch.size(), 1u);
    first_ = ch[0];
    ASSERT_EQ(ikeshift_pairs(*pair_.ikeshift), (std::vector<SpiPair>{mirrored(first_)}));
  }
  // Until charon has one INSTALLED pair other than the first and ikeshift shows exactly its mirror.
  void expect_replaced() {
    CharonSas sas;
    std::vector<SpiPair> ch;
    bool replaced = wait_until(
        [&] {
          sas = pair_.charon->list_sas();
          ch = charon_children(sas);
          return ch.size() == 1 && ch[0].in != first_.in && ikeshift_pairs(*pair_.ikeshift) ==
                                                                  std::vector<SpiPair>{mirrored(ch[0])};
        },
        milliseconds(15000), milliseconds(200));
    EXPECT_TRUE(replaced) << sas.raw << "ikeshift:\n"
                          << pair_.ikeshift->show({"ipsec-sa"}).output << pair_.charon->diagnostics()
                          << "--- ikeshift ---\n" << pair_.ikeshift->log();
  }
  Pair pair_;
  SpiPair first_;
};

TEST_F(Ikev1Lifecycle, QuickModeRekeyByCharon) {
  CharonConfig c = charon(seed_suite());
  c.delete_rekeyed = true;
  up(ikev1_asa(seed_suite()), c);
  ASSERT_FALSE(HasFailure());
  RunResult r = pair_.charon->rekey_child();
  ASSERT_TRUE(r.ok()) << r.output;
  expect_replaced();
  // A new Quick Mode (PFS group 5) and the Delete of the old pair reached ikeshift.
  std::string log = pair_.ikeshift->log();
  EXPECT_EQ(count(log, "PHASE 2 COMPLETED"), 2u) << log;
  EXPECT_TRUE(contains(log, "Received DELETE for CHILD SA")) << log;
}

TEST_F(Ikev1Lifecycle, QuickModeRekeyByCharonWithoutDeleteKeepsBothPairs) {
  // charon's default: the rekeyed pair stays (REKEYED) until it expires, and
  // so it does on ikeshift, next to the new one.
  up(ikev1_asa(seed_suite()), charon(seed_suite()));
  ASSERT_FALSE(HasFailure());
  RunResult r = pair_.charon->rekey_child();
  ASSERT_TRUE(r.ok()) << r.output;
  CharonSas sas;
  std::vector<SpiPair> ch;
  std::vector<SpiPair> ours;
  bool rekeyed = wait_until(
      [&] {
        sas = pair_.charon->list_sas();
        ch = charon_children(sas);
        ours = ikeshift_pairs(*pair_.ikeshift);
        return ch.size() == 1 && ch[0].in != first_.in && ours.size() == 2;
      },
      kShowTimeout, milliseconds(200));
  ASSERT_TRUE(rekeyed) << sas.raw << pair_.ikeshift->show({"ipsec-sa"}).output << pair_.ikeshift->log();
  EXPECT_EQ(ours, (std::vector<SpiPair>{mirrored(first_), mirrored(ch[0])}));
  EXPECT_FALSE(contains(pair_.ikeshift->log(), "Received DELETE for CHILD SA"));
}

TEST_F(Ikev1Lifecycle, QuickModeRekeyByIkeshift) {
  up(ikev1_asa(seed_suite()), charon(seed_suite()));
  ASSERT_FALSE(HasFailure());
  std::ostringstream spi;
  spi << "0x" << std::hex << mirrored(first_).in;
  RunResult r = pair_.ikeshift->ctl({"rekey", "child", spi.str()});
  ASSERT_TRUE(r.ok()) << r.output;
  EXPECT_TRUE(contains(r.output, "Rekeying IPsec SA")) << r.output;
  expect_replaced();
  EXPECT_TRUE(contains(pair_.charon->log(), "received DELETE for ESP CHILD_SA")) << pair_.charon->diagnostics();
}

TEST_F(Ikev1Lifecycle, DeleteFromCharon) {
  up(ikev1_asa(seed_suite()), charon(seed_suite()));
  ASSERT_FALSE(HasFailure());
  RunResult r = pair_.charon->terminate_ike();
  ASSERT_TRUE(r.ok()) << r.output;
  std::string shown;
  EXPECT_TRUE(pair_.ikeshift->wait_show("There are no IKEv1 SAs", kShowTimeout, &shown, "ikev1-sa")) << shown;
  std::string log = pair_.ikeshift->log();
  EXPECT_TRUE(contains(log, "%ASA-5-713050:")) << log;
  EXPECT_TRUE(contains(log, "Reason: Peer Terminate")) << log;
  EXPECT_TRUE(contains(pair_.ikeshift->show({"ipsec-sa"}).output, "There are no ipsec sas"));
}

TEST_F(Ikev1Lifecycle, DeleteFromIkeshift) {
  up(ikev1_asa(seed_suite()), charon(seed_suite()));
  ASSERT_FALSE(HasFailure());
  RunResult r = pair_.ikeshift->ctl({"clear", "ikev1-sa"});
  ASSERT_TRUE(r.ok()) << r.output;
  EXPECT_TRUE(contains(r.output, "Clearing IKEv1 SA")) << r.output;
  CharonSas sas;
  EXPECT_TRUE(wait_until(
      [&] {
        sas = pair_.charon->list_sas();
        return sas.ike_sas.empty();
      },
      kShowTimeout, milliseconds(100)))
      << sas.raw << pair_.charon->diagnostics();
  std::string clog = pair_.charon->log();
  EXPECT_TRUE(contains(clog, "received DELETE for ESP CHILD_SA")) << pair_.charon->diagnostics();
  EXPECT_TRUE(contains(clog, "received DELETE for IKE_SA")) << pair_.charon->diagnostics();
  EXPECT_TRUE(contains(pair_.ikeshift->show({"ikev1-sa"}).output, "There are no IKEv1 SAs"));
}

TEST_F(Ikev1Lifecycle, IsakmpRekeyByCharonKeepsTheIpsecSa) {
  CharonConfig c = charon(seed_suite());
  c.delete_rekeyed = true;
  up(ikev1_asa(seed_suite()), c);
  ASSERT_FALSE(HasFailure());
  const CharonSas before = pair_.charon->list_sas();
  ASSERT_EQ(before.ike_sas.size(), 1u);
  RunResult r = pair_.charon->rekey_ike();
  ASSERT_TRUE(r.ok()) << r.output;
  // strongSwan's IKEv1 ISAKMP SA "rekey" is a second Main Mode; the IPsec SA moves over.
  CharonSas sas;
  bool rekeyed = wait_until(
      [&] {
        sas = pair_.charon->list_sas();
        for (const auto& ike : sas.ike_sas)
          if (ike.state == "ESTABLISHED" && ike.spi_i != before.ike_sas[0].spi_i && !ike.children.empty()) return true;
        return false;
      },
      kShowTimeout, milliseconds(100));
  ASSERT_TRUE(rekeyed) << sas.raw << pair_.charon->diagnostics() << "--- ikeshift ---\n" << pair_.ikeshift->log();
  EXPECT_EQ(charon_children(sas), std::vector<SpiPair>{first_}) << sas.raw;
  EXPECT_EQ(ikeshift_pairs(*pair_.ikeshift), std::vector<SpiPair>{mirrored(first_)});
  EXPECT_EQ(count(pair_.ikeshift->log(), "PHASE 1 COMPLETED"), 2u) << pair_.ikeshift->log();
  // And the moved IPsec SA still rekeys over the new ISAKMP SA.
  ASSERT_TRUE(pair_.charon->rekey_child().ok());
  expect_replaced();
}

TEST_F(Ikev1Lifecycle, DpdAnswersCharonAndDetectsAKilledPeer) {
  AsaLabConfig asa = ikev1_asa(seed_suite());
  asa.keepalive = "threshold 10 retry 2";
  CharonConfig c = charon(seed_suite());
  c.dpd_delay = "2s";
  up(asa, c);
  ASSERT_FALSE(HasFailure());
  // charon probes every 2 s (RFC 3706 R-U-THERE) and ikeshift answers.
  bool answered = wait_until(
      [&] { return count(pair_.charon->log(), "parsed INFORMATIONAL_V1 request") >= 2; }, milliseconds(10000),
      milliseconds(200));
  ASSERT_TRUE(answered) << pair_.charon->diagnostics();
  EXPECT_TRUE(contains(pair_.charon->log(), "N(DPD_ACK)")) << pair_.charon->diagnostics();
  EXPECT_TRUE(pair_.charon->list_sas().child_installed());
  const auto killed_at = std::chrono::steady_clock::now();
  pair_.charon->kill_hard();
  std::string shown;
  bool dead = pair_.ikeshift->wait_show("There are no IKEv1 SAs", milliseconds(40000), &shown, "ikev1-sa");
  const auto took = std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - killed_at);
  ASSERT_TRUE(dead) << shown << pair_.ikeshift->log();
  EXPECT_GE(took.count(), 9000) << "declared dead before the threshold passed";
  std::string log = pair_.ikeshift->log();
  EXPECT_TRUE(contains(log, "No reply to DPD/liveness query")) << log;
  EXPECT_TRUE(contains(log, "%ASA-5-713050:")) << log;
}

// ---- failures ------------------------------------------------------------------

TEST_F(Ikev1Interop, WrongPskFailsAsResponder) {
  CharonConfig c = charon(seed_suite());
  c.secrets = {{{lab_->address(Side::A), lab_->address(Side::B)}, "WRONG-v1-secret"}};
  StrongswanPeer peer(*lab_, Side::B, "charon-b", c);
  auto iks = start_ikeshift(ikev1_asa(seed_suite()), Role::Responder);
  RunResult init = peer.initiate();
  EXPECT_FALSE(init.ok()) << init.output;
  EXPECT_TRUE(iks->wait_log("Authentication of peer", kEstablishTimeout)) << iks->log();
  EXPECT_TRUE(contains(iks->log(), "pre-shared-key differs")) << iks->log();
  EXPECT_FALSE(peer.list_sas().ike_established());
  EXPECT_FALSE(contains(iks->show({"ikev1-sa"}).output, "MM_ACTIVE"));
}

TEST_F(Ikev1Interop, WrongPskFailsAsInitiator) {
  CharonConfig c = charon(seed_suite());
  c.secrets = {{{lab_->address(Side::A), lab_->address(Side::B)}, "WRONG-v1-secret"}};
  StrongswanPeer peer(*lab_, Side::B, "charon-b", c);
  auto iks = start_ikeshift(ikev1_asa(seed_suite()), Role::Initiator);
  // charon cannot decrypt Main Mode 5 and drops it without a word: ikeshift
  // gives up at its 30 s phase 1 deadline.
  EXPECT_TRUE(iks->wait_log("%ASA-3-752015:", milliseconds(45000))) << iks->log() << peer.diagnostics();
  EXPECT_TRUE(contains(iks->log(), "did not complete within 30 s")) << iks->log();
  EXPECT_TRUE(contains(iks->log(), "%ASA-4-752012: IKEv1 was unsuccessful")) << iks->log();
  EXPECT_FALSE(peer.list_sas().ike_established());
}

class Ikev1Aggressive : public Ikev1Interop, public ::testing::WithParamInterface<Role> {};

TEST_P(Ikev1Aggressive, TunnelComesUpWithCharon) {
  AsaLabConfig asa = ikev1_asa(seed_suite());
  asa.aggressive = true;
  CharonConfig c = charon(seed_suite());
  c.aggressive = true;
  Pair p = bring_up(asa, c, GetParam());
  ASSERT_FALSE(HasFailure());
  EXPECT_TRUE(contains(p.ikeshift->show({"ikev1-sa"}).output, "AM_ACTIVE"));
  EXPECT_TRUE(contains(p.charon->log(), "Aggressive Mode")) << p.charon->diagnostics();
}

INSTANTIATE_TEST_SUITE_P(Charon, Ikev1Aggressive, ::testing::Values(Role::Initiator, Role::Responder),
                         [](const auto& param_info) {
                           return std::string(param_info.param == Role::Initiator ? "IkeshiftInitiates" : "CharonInitiates");
                         });

TEST_F(Ikev1Interop, TsharkDecryptsMainModeAndQuickModeWithTheIkev1Keylog) {
  auto tshark = find_executable("tshark");
  IKS_REQUIRE(tshark ? std::string() : "tshark not installed");
  IkeCapture capture(*lab_, *tshark);
  ASSERT_TRUE(capture.started());
  Pair p = bring_up(ikev1_asa(seed_suite()), charon(seed_suite()), Role::Responder);
  ASSERT_TRUE(capture.stop());

  EXPECT_EQ(
      IkeCapture::lines(capture.read({"-Y", "isakmp.version == 0x10", "-T", "fields", "-e", "frame.number"}).output),
      9u);
  EXPECT_EQ(IkeCapture::lines(capture.read({"-Y", "_ws.malformed || _ws.expert.severity >= warning"}).output), 0u);
  const std::string keylog = read_file(p.ikeshift->keylog_ikev1());
  ASSERT_FALSE(keylog.empty()) << p.ikeshift->log();
  const Argv options = IkeCapture::keylog_options("ikev1_decryption_table", keylog);
  // IDs are inside the encrypted Main Mode 5/6 and Quick Mode 1/2: only a
  // decrypted capture shows them.
  Argv mm = options, qm = options;
  mm.insert(mm.end(), {"-Y", "isakmp.exchangetype == 2 && isakmp.id.type", "-T", "fields", "-e", "frame.number"});
  qm.insert(qm.end(), {"-Y", "isakmp.exchangetype == 32 && isakmp.id.type", "-T", "fields", "-e", "frame.number"});
  EXPECT_EQ(IkeCapture::lines(capture.read(mm).output), 2u) << keylog;
  EXPECT_EQ(IkeCapture::lines(capture.read(qm).output), 2u) << keylog;
  // Without the key the same filter finds nothing.
  EXPECT_EQ(IkeCapture::lines(capture.read({"-Y", "isakmp.exchangetype == 32 && isakmp.id.type"}).output), 0u);
}

// ---- the tunnel manager's fallback ---------------------------------------------

TEST_F(Ikev1Interop, FarEndIkev1OnlyFallsBackToIkev1) {
  // ikeshift after `migrate l2l` (both versions), charon still IKEv1 only.
  AsaLabConfig asa = ikev1_asa(seed_suite());
  asa.ikev2 = true;
  asa.ike_encryption = "3des";
  asa.ike_integrity = "sha";
  asa.ike_group = "5";
  asa.ike_prf = "sha";
  asa.esp_encryption = "3des";
  asa.esp_integrity = "sha-1";
  Pair p = bring_up(asa, charon(seed_suite(), 1), Role::Initiator);
  ASSERT_FALSE(HasFailure());
  std::string log = p.ikeshift->log();
  EXPECT_EQ(manager_ids(log), (std::vector<int>{752003, 752012, 752014, 752016, 752002})) << log;
  EXPECT_TRUE(contains(log, "IKEv1 was successful at setting up a tunnel")) << log;
  EXPECT_TRUE(contains(p.charon->log(), "NO_PROPOSAL_CHOSEN")) << p.charon->diagnostics();
}

}  // namespace
}  // namespace ikeshift::interop
