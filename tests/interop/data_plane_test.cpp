// Traffic through the tunnel: ikeshift's userspace ESP data plane
// (`ikeshift engine --data-plane`) against strongSwan's kernel-libipsec, and
// against another ikeshift, in network namespaces. Each test pings between
// the protected hosts and moves a content-checked TCP stream in both
// directions, then checks both sides' counters.
//
// The IKE version is a parameter (IkeVersion): IKEv1 IPsec SAs reach the data
// plane through the same ChildSaSink as IKEv2 CHILD SAs, so the same tests
// run with `crypto map ... set ikev1 transform-set` (and charon version = 1)
// for the suites an ASA transform-set can express (no AES-GCM in IKEv1 on
// the ASA).
#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <thread>
#include <regex>
#include <string>

#include "ikeshift_daemon.h"
#include "interop_support.h"
#include "netns_lab.h"
#include "strongswan_peer.h"
#include "tcp_transfer.h"

namespace ikeshift::interop {
namespace {

constexpr milliseconds kUp{30000};
constexpr size_t kTransferBytes = 4 << 20;  // 4 MiB each way: thousands of full-size ESP packets
constexpr milliseconds kTransferTimeout{60000};

enum class IkeVersion { V1, V2 };
enum class Who { IkeshiftInitiates, PeerInitiates };

struct Suite {
  const char* name;
  const char* esp_encryption;  // ASA ipsec-proposal
  const char* esp_integrity;
  const char* charon_esp;      // the same for strongSwan
  const char* transform_set;   // the ASA IKEv1 transform-set; nullptr: IKEv2 only
};

const Suite kSuites[] = {
    {"aes256_sha256", "aes-256", "sha-256", "aes256-sha256-modp2048", "esp-aes-256 esp-sha256-hmac"},
    {"aes256gcm16", "aes-gcm-256", "null", "aes256gcm16-modp2048", nullptr},
    {"3des_sha1", "3des", "sha-1", "3des-sha1-modp2048", "esp-3des esp-sha-hmac"},
};
const Suite kIkev1Suites[] = {kSuites[0], kSuites[2]};

constexpr const char* kIkev1Key = "lab-v1-shared-secret";

void PrintTo(const Suite& s, std::ostream* os) { *os << s.name; }

// The `#pkts encaps: N` / `#pkts decaps: N` of `show ipsec-sa`.
uint64_t counter(const std::string& show, const std::string& name) {
  std::smatch m;
  if (!std::regex_search(show, m, std::regex("#pkts " + name + ": ([0-9]+)"))) return 0;
  return std::stoull(m[1]);
}

class DataPlaneLab : public IkeshiftLabTest {
 protected:
  // A's ASA config (defaults of the lab: outside 192.0.2.1, 10.10.10.0/24 -> 10.20.20.0/24).
  AsaLabConfig asa_a(const Suite& s) const {
    AsaLabConfig c;
    c.esp_encryption = s.esp_encryption;
    c.esp_integrity = s.esp_integrity;
    return c;
  }
  // The same device before `migrate l2l`: IKEv1 only (ikev1 policy
  // aes-256/sha256/group 14, the suite's transform-set, set pfs group14).
  AsaLabConfig asa_a_ikev1(const Suite& s) const {
    AsaLabConfig c;
    c.ikev2 = false;
    c.ikev1 = true;
    c.ikev1_encryption = "aes-256";
    c.ikev1_hash = "sha256";
    c.ikev1_group = "14";
    c.transform_set = s.transform_set;
    c.ikev1_key = kIkev1Key;
    return c;
  }
  // The mirror image for an ikeshift on side B.
  AsaLabConfig asa_b(const Suite& s, IkeVersion v = IkeVersion::V2) const {
    AsaLabConfig c = v == IkeVersion::V1 ? asa_a_ikev1(s) : asa_a(s);
    c.hostname = "ASA-LAB-B";
    c.outside_address = lab_->address(Side::B);
    c.peer_address = lab_->address(Side::A);
    c.local_net = "10.20.20.0";
    c.remote_net = "10.10.10.0";
    return c;
  }

  // charon on B, A's peer with the key of the IKE version (the data plane
  // tests leave charon's IKE proposal at its default).
  CharonConfig charon_b(IkeVersion v) const {
    CharonConfig c;
    c.version = v == IkeVersion::V1 ? 1 : 2;
    c.local_ts = "10.20.20.0/24";
    c.remote_ts = "10.10.10.0/24";
    c.secrets = {{{lab_->address(Side::A), lab_->address(Side::B)},
                  v == IkeVersion::V1 ? kIkev1Key : "lab-v2-shared-secret"}};
    return c;
  }

  // Ping both ways and a 4 MiB checked TCP transfer each way.
  void expect_traffic_both_ways(const std::string& diagnostics_a, const std::function<std::string()>& diag_b) {
    RunResult p1 = ping_hosts(*lab_, Side::A);
    EXPECT_TRUE(p1.ok()) << "ping A -> B:\n" << p1.output << diagnostics_a << diag_b();
    RunResult p2 = ping_hosts(*lab_, Side::B);
    EXPECT_TRUE(p2.ok()) << "ping B -> A:\n" << p2.output << diag_b();
    TransferResult ab = tcp_transfer(lab_->ns(Side::B), lab_->host(Side::B), lab_->ns(Side::A), lab_->host(Side::A),
                                     kTransferBytes, kTransferTimeout);
    EXPECT_TRUE(ab.ok) << "TCP A -> B: " << ab.error << " (" << ab.received << " bytes)";
    TransferResult ba = tcp_transfer(lab_->ns(Side::A), lab_->host(Side::A), lab_->ns(Side::B), lab_->host(Side::B),
                                     kTransferBytes, kTransferTimeout);
    EXPECT_TRUE(ba.ok) << "TCP B -> A: " << ba.error << " (" << ba.received << " bytes)";
  }
};

// ---- ikeshift <-> strongSwan kernel-libipsec ---------------------------------

class Charon : public DataPlaneLab,
               public ::testing::WithParamInterface<std::tuple<IkeVersion, Who, Suite>> {};

TEST_P(Charon, PingAndTcpPassBothWays) {
  const auto [version, who, suite] = GetParam();
  const bool v1 = version == IkeVersion::V1;
  CharonConfig c = charon_b(version);
  c.esp_proposals = suite.charon_esp;
  StrongswanPeer charon(*lab_, Side::B, "charon-b", c);
  IkeshiftDaemon iks(*lab_, Side::A, "ikeshift", IKESHIFT_BINARY, v1 ? asa_a_ikev1(suite) : asa_a(suite),
                     {"--data-plane"});
  auto diag = [&] { return "\n--- charon ---\n" + charon.diagnostics() + "\n--- ikeshift ---\n" + iks.log(); };
  if (who == Who::PeerInitiates) {
    RunResult r = charon.initiate();
    ASSERT_TRUE(r.ok()) << r.output << diag();
  } else {
    // No --initiate: the first ping is the KEY_ACQUIRE (752003 to IKEv2,
    // 752004 to IKEv1), held until the SA is up.
    RunResult first = ping_hosts(*lab_, Side::A, 1);
    EXPECT_TRUE(first.ok()) << "the first packet should be held and delivered:\n" << first.output << diag();
    EXPECT_NE(iks.log().find(v1 ? "%ASA-5-752004" : "%ASA-5-752003"), std::string::npos) << diag();
  }
  ASSERT_TRUE(charon.wait_established(kUp).child_installed()) << diag();
  expect_traffic_both_ways("", diag);

  // Both sides counted the traffic: ikeshift's show and charon's SA bytes.
  RunResult show = iks.show({"ipsec-sa"});
  ASSERT_TRUE(show.ok()) << show.output;
  EXPECT_GT(counter(show.output, "encaps"), 2000u) << show.output;
  EXPECT_GT(counter(show.output, "decaps"), 2000u) << show.output;
  EXPECT_NE(show.output.find("NAT-T-Encaps"), std::string::npos) << "libipsec always UDP-encapsulates\n"
                                                                 << show.output;
  EXPECT_NE(show.output.find("#pkts replay failed: 0, #pkts verify failed: 0"), std::string::npos) << show.output;
  EXPECT_NE(show.output.find(v1 ? "IKEv1, }" : "IKEv2, }"), std::string::npos) << show.output;
  CharonSas sas = charon.list_sas();
  ASSERT_FALSE(sas.ike_sas.empty());
  EXPECT_NE(sas.raw.find("packets-in="), std::string::npos);
  EXPECT_EQ(sas.raw.find("packets-in=0 "), std::string::npos) << sas.raw;
}

INSTANTIATE_TEST_SUITE_P(
    KernelLibipsec, Charon,
    ::testing::Combine(::testing::Values(IkeVersion::V2), ::testing::Values(Who::IkeshiftInitiates, Who::PeerInitiates),
                       ::testing::ValuesIn(kSuites)),
    [](const ::testing::TestParamInfo<Charon::ParamType>& i) {
      return std::string("IKEv2_") +
             (std::get<1>(i.param) == Who::IkeshiftInitiates ? "TrafficFromIkeshift_" : "CharonInitiates_") +
             std::get<2>(i.param).name;
    });

INSTANTIATE_TEST_SUITE_P(
    KernelLibipsecIkev1, Charon,
    ::testing::Combine(::testing::Values(IkeVersion::V1), ::testing::Values(Who::IkeshiftInitiates, Who::PeerInitiates),
                       ::testing::ValuesIn(kIkev1Suites)),
    [](const ::testing::TestParamInfo<Charon::ParamType>& i) {
      return std::string("IKEv1_") +
             (std::get<1>(i.param) == Who::IkeshiftInitiates ? "TrafficFromIkeshift_" : "CharonInitiates_") +
             std::get<2>(i.param).name;
    });

// ---- ikeshift <-> ikeshift ------------------------------------------------------

struct PairCase {
  const char* name;
  bool nat_t_disable;        // both sides: raw ESP (IP protocol 50)
  bool force_encapsulation;  // UDP 4500 without a NAT
  IkeVersion version = IkeVersion::V2;
};

class IkeshiftPair : public DataPlaneLab, public ::testing::WithParamInterface<PairCase> {};

TEST_P(IkeshiftPair, PingAndTcpPassBothWays) {
  const PairCase& pc = GetParam();
  const Suite& suite = kSuites[0];
  AsaLabConfig a = pc.version == IkeVersion::V1 ? asa_a_ikev1(suite) : asa_a(suite), b = asa_b(suite, pc.version);
  a.nat_t_disable = b.nat_t_disable = pc.nat_t_disable;
  Argv extra{"--data-plane"};
  if (pc.force_encapsulation) extra.push_back("--force-udp-encapsulation");
  IkeshiftDaemon iks_b(*lab_, Side::B, "ikeshift-b", IKESHIFT_BINARY, b, extra);
  IkeshiftDaemon iks_a(*lab_, Side::A, "ikeshift-a", IKESHIFT_BINARY, a, extra);
  auto diag = [&] { return "\n--- A ---\n" + iks_a.log() + "\n--- B ---\n" + iks_b.log(); };
  expect_traffic_both_ways("", diag);
  RunResult show = iks_a.show({"ipsec-sa"});
  ASSERT_TRUE(show.ok()) << show.output;
  EXPECT_GT(counter(show.output, "encaps"), 2000u) << show.output;
  EXPECT_GT(counter(show.output, "decaps"), 2000u) << show.output;
  const bool udp = show.output.find("NAT-T-Encaps") != std::string::npos;
  EXPECT_EQ(udp, pc.force_encapsulation) << show.output;
  // Raw ESP: IKE never left port 500.
  if (pc.nat_t_disable) {
    EXPECT_NE(show.output.find("local crypto endpt.: 192.0.2.1/500"), std::string::npos) << show.output;
  }
  RunResult show_b = iks_b.show({"ipsec-sa"});
  EXPECT_EQ(counter(show.output, "encaps"), counter(show_b.output, "decaps")) << show.output << show_b.output;
  EXPECT_NE(show.output.find(pc.version == IkeVersion::V1 ? "IKEv1, }" : "IKEv2, }"), std::string::npos)
      << show.output;
}

INSTANTIATE_TEST_SUITE_P(Ikev2, IkeshiftPair,
                         ::testing::Values(PairCase{"RawEspNatTDisabled", true, false},
                                           PairCase{"UdpEncapsulated", false, true}),
                         [](const ::testing::TestParamInfo<PairCase>& i) { return std::string(i.param.name); });
INSTANTIATE_TEST_SUITE_P(Ikev1, IkeshiftPair,
                         ::testing::Values(PairCase{"RawEspNatTDisabled", true, false, IkeVersion::V1},
                                           PairCase{"UdpEncapsulated", false, true, IkeVersion::V1}),
                         [](const ::testing::TestParamInfo<PairCase>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace ikeshift::interop

namespace ikeshift::interop {
namespace {

// KEY_ACQUIRE with the IKE SA up: charon deletes the CHILD SA, the next
// packet from ikeshift's side asks for a new one over the same IKE SA
// (CREATE_CHILD_SA), and traffic flows again.
TEST_F(DataPlaneLab, ChildSaDeletedByCharonComesBackOnTraffic) {
  CharonConfig c = charon_b(IkeVersion::V2);
  StrongswanPeer charon(*lab_, Side::B, "charon-b", c);
  IkeshiftDaemon iks(*lab_, Side::A, "ikeshift", IKESHIFT_BINARY, asa_a(kSuites[0]), {"--data-plane"});
  auto diag = [&] { return "\n--- charon ---\n" + charon.diagnostics() + "\n--- ikeshift ---\n" + iks.log(); };
  ASSERT_TRUE(charon.initiate().ok()) << diag();
  CharonSas first = charon.wait_established(kUp);
  ASSERT_TRUE(first.child_installed()) << diag();
  const std::string old_spi = first.ike_sas.at(0).children.at(0).spi_in;
  ASSERT_TRUE(ping_hosts(*lab_, Side::A, 2).ok()) << diag();
  // ikeshift asks for a CHILD SA on an established IKE SA only once the
  // CHILD SAs of IKE_AUTH have settled (5 s).
  std::this_thread::sleep_for(std::chrono::seconds(5));
  RunResult del = charon.swanctl({"--terminate", "--child", "net"});
  ASSERT_TRUE(del.ok()) << del.output;
  ASSERT_TRUE(wait_until([&] { return iks.show({"ipsec-sa"}).output.find("There are no ipsec sas") != std::string::npos; },
                         milliseconds(10000)))
      << iks.show({"ipsec-sa"}).output << diag();
  RunResult again = ping_hosts(*lab_, Side::A, 3);
  EXPECT_TRUE(again.ok()) << again.output << diag();
  CharonSas now = charon.wait_established(kUp);
  ASSERT_TRUE(now.child_installed()) << diag();
  EXPECT_NE(now.ike_sas.at(0).children.at(0).spi_in, old_spi);
  EXPECT_EQ(now.ike_sas.size(), 1u) << "the same IKE SA carries the new CHILD SA\n" << now.raw;
  EXPECT_NE(iks.log().find("%ASA-5-752003"), std::string::npos) << diag();
}

}  // namespace
}  // namespace ikeshift::interop

namespace ikeshift::interop {
namespace {

enum class Rekeyer { Charon, Ikeshift };
struct RekeyCase {
  const char* name;
  Who ike_initiator;  // who set the IKE SA up
  Rekeyer rekeyer;    // who sends the CREATE_CHILD_SA (IKEv1: the Quick Mode)
  IkeVersion version = IkeVersion::V2;
};

class TrafficAcrossRekey : public DataPlaneLab, public ::testing::WithParamInterface<RekeyCase> {};

std::string inbound_spi(const std::string& show) {
  std::smatch m;
  return std::regex_search(show, m, std::regex("current inbound spi : ([0-9A-F]+)")) ? m[1].str() : "";
}

// The CHILD SA is rekeyed by either side while the IKE SA was set up by
// either side: traffic passes before and after, over the new SPIs (the
// keys of a CHILD SA belong to the roles of the exchange that made it).
TEST_P(TrafficAcrossRekey, PingAndTcpPassAfterTheRekey) {
  const RekeyCase& rc = GetParam();
  const bool v1 = rc.version == IkeVersion::V1;
  CharonConfig c = charon_b(rc.version);
  // IKEv1: without it charon keeps the rekeyed pair until its hard lifetime.
  c.delete_rekeyed = v1;
  StrongswanPeer charon(*lab_, Side::B, "charon-b", c);
  IkeshiftDaemon iks(*lab_, Side::A, "ikeshift", IKESHIFT_BINARY, v1 ? asa_a_ikev1(kSuites[0]) : asa_a(kSuites[0]),
                     {"--data-plane"});
  auto diag = [&] { return "\n--- charon ---\n" + charon.diagnostics() + "\n--- ikeshift ---\n" + iks.log(); };
  if (rc.ike_initiator == Who::PeerInitiates) {
    ASSERT_TRUE(charon.initiate().ok()) << diag();
  }
  ASSERT_TRUE(ping_hosts(*lab_, Side::A, 2).ok()) << diag();
  ASSERT_TRUE(charon.wait_established(kUp).child_installed()) << diag();
  const std::string before = inbound_spi(iks.show({"ipsec-sa"}).output);
  ASSERT_FALSE(before.empty()) << iks.show({"ipsec-sa"}).output;
  if (rc.rekeyer == Rekeyer::Charon) {
    RunResult r = charon.rekey_child();
    ASSERT_TRUE(r.ok()) << r.output << diag();
  } else {
    RunResult r = iks.ctl({"rekey", "child", "0x" + before});
    ASSERT_TRUE(r.ok()) << r.output << diag();
  }
  // Until ikeshift holds only the new CHILD SA (charon deletes the old one
  // after its delete_rekeyed_delay, ~5 s).
  std::string show;
  ASSERT_TRUE(wait_until(
      [&] {
        show = iks.show({"ipsec-sa"}).output;
        const std::string now = inbound_spi(show);
        return !now.empty() && now != before && show.find("current inbound spi", show.find(now) + 1) == std::string::npos;
      },
      milliseconds(20000), milliseconds(200)))
      << show << diag();
  expect_traffic_both_ways("", diag);
}

INSTANTIATE_TEST_SUITE_P(
    KernelLibipsec, TrafficAcrossRekey,
    ::testing::Values(RekeyCase{"IkeshiftIkeInitiator_CharonRekeys", Who::IkeshiftInitiates, Rekeyer::Charon},
                      RekeyCase{"IkeshiftIkeInitiator_IkeshiftRekeys", Who::IkeshiftInitiates, Rekeyer::Ikeshift},
                      RekeyCase{"CharonIkeInitiator_CharonRekeys", Who::PeerInitiates, Rekeyer::Charon},
                      RekeyCase{"CharonIkeInitiator_IkeshiftRekeys", Who::PeerInitiates, Rekeyer::Ikeshift}),
    [](const ::testing::TestParamInfo<RekeyCase>& i) { return std::string(i.param.name); });

INSTANTIATE_TEST_SUITE_P(
    KernelLibipsecIkev1, TrafficAcrossRekey,
    ::testing::Values(
        RekeyCase{"IkeshiftIkeInitiator_CharonRekeys", Who::IkeshiftInitiates, Rekeyer::Charon, IkeVersion::V1},
        RekeyCase{"IkeshiftIkeInitiator_IkeshiftRekeys", Who::IkeshiftInitiates, Rekeyer::Ikeshift, IkeVersion::V1},
        RekeyCase{"CharonIkeInitiator_CharonRekeys", Who::PeerInitiates, Rekeyer::Charon, IkeVersion::V1},
        RekeyCase{"CharonIkeInitiator_IkeshiftRekeys", Who::PeerInitiates, Rekeyer::Ikeshift, IkeVersion::V1}),
    [](const ::testing::TestParamInfo<RekeyCase>& i) { return std::string(i.param.name); });

}  // namespace
}  // namespace ikeshift::interop
