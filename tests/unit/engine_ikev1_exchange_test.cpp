// Whole IKEv1 exchanges between two engines in one process: injected clock,
// deterministic RNG and DH, an in-memory network with faults. The two
// engines run the seed 004 pair before migration (IKEv1 only: 3DES, SHA,
// group 5, PFS group 5, `isakmp keepalive threshold 10 retry 3`), read and
// derived exactly as users' configurations, plus variations of it (the
// devices and the configurations: engine_device.h).
#include <gtest/gtest.h>

#include <random>

#include "engine_device.h"
#include "events/asa_format.h"
#include "ikev1/ikev1_engine.h"
#include "wire/ikev1_codec.h"
#include "wire/non_esp_marker.h"

namespace ikeshift::engine::ikev1 {
namespace {

using namespace std::chrono_literals;
using namespace device_test;
namespace w1 = wire::ikev1;

struct RecordingKeys : IsakmpKeySink {
  std::vector<std::string> lines;
  void isakmp_keys(const IsakmpSaKeys& k) override { lines.push_back(ikev1_keylog_line(k)); }
};

constexpr uint32_t kA = 0xc0a80101, kB = 0xc0a80202;  // 192.168.1.1, 192.168.2.2

class Ikev1Exchange : public DeviceWorld {
 protected:
  void start(const std::string& config_a, const std::string& config_b, EngineOptions oa = {}, EngineOptions ob = {}) {
    a_ = std::make_unique<Device>(*this, "A", ikev1_peer_of(config_a), kA, oa);
    b_ = std::make_unique<Device>(*this, "B", ikev1_peer_of(config_b), kB, ob);
  }
  void seed_pair(EngineOptions oa = {}, EngineOptions ob = {}) {
    start(fixture_text("seed004/asa1.cfg"), fixture_text("seed004/asa2.cfg"), oa, ob);
  }
  // Until A's initiate() reported and the network is quiet.
  bool run_until_reported() {
    return sim_.run_until([&] { return outcome_.has_value() && net_.pending() == 0; }, 600s);
  }
  void initiate() {
    outcome_.reset();
    a_->engine->initiate(0, [this](const manager::InitiateOutcome& o) { outcome_ = o; });
  }
  static Ikev1Engine::IsakmpSaInfo only_sa(const Ikev1Engine& e) {
    auto sas = e.isakmp_sas();
    EXPECT_EQ(sas.size(), 1u);
    return sas.empty() ? Ikev1Engine::IsakmpSaInfo{} : sas.front();
  }

  // The device with an IKEv1 engine (its data plane sees IKEv1 SAs only) and its key log.
  struct Device : DeviceParts {
    Device(Ikev1Exchange& x, const std::string& seed, PeerConfig peer, uint32_t address, EngineOptions options)
        : DeviceParts(x, seed, address, 1) {
      std::vector<PeerConfig> peers;
      peers.push_back(std::move(peer));
      engine = std::make_unique<Ikev1Engine>(deps<EngineDeps>(x, &data_plane, &keys), std::move(peers), options);
    }
    RecordingKeys keys;
    std::unique_ptr<Ikev1Engine> engine;
  };

  std::unique_ptr<Device> a_, b_;
  std::optional<manager::InitiateOutcome> outcome_;
};

// The exchange type and message ID of an IKE datagram (4500: after the marker).
std::pair<w1::ExchangeType, uint32_t> kind_of(const io::Datagram& d) {
  wire::ByteView v(d.bytes);
  if (d.to.port == 4500) v = wire::classify_udp4500(d.bytes).payload;
  if (v.size() < 28) return {static_cast<w1::ExchangeType>(0), 0};
  uint32_t mid = (uint32_t{v.data()[20]} << 24) | (uint32_t{v.data()[21]} << 16) | (uint32_t{v.data()[22]} << 8) |
                 v.data()[23];
  return {static_cast<w1::ExchangeType>(v.data()[18]), mid};
}

TEST_F(Ikev1Exchange, SeedPairComesUpWithMainModeAndQuickMode) {
  seed_pair();
  initiate();
  ASSERT_TRUE(run_until_reported());
  ASSERT_TRUE(outcome_->established) << outcome_->detail;
  EXPECT_EQ(outcome_->ike_version, 1);
  auto sa = only_sa(*a_->engine), sb = only_sa(*b_->engine);
  EXPECT_EQ(sa.state, Phase1State::Active);
  EXPECT_EQ(sb.state, Phase1State::Active);
  EXPECT_STREQ(state_name(sa.state, sa.aggressive), "MM_ACTIVE");
  EXPECT_TRUE(sa.initiator);
  EXPECT_FALSE(sb.initiator);
  EXPECT_EQ(sa.cky_i, sb.cky_i);
  EXPECT_EQ(sa.cky_r, sb.cky_r);
  EXPECT_EQ(sa.suite.describe(), "3DES/SHA/DH5/86400S");
  EXPECT_EQ(sa.remote_id, "192.168.2.2");
  EXPECT_EQ(sb.remote_id, "192.168.1.1");
  // One IPsec SA pair, SPIs crossed, the ACL reversed on the responder (seed 001).
  ASSERT_EQ(sa.children.size(), 1u);
  ASSERT_EQ(sb.children.size(), 1u);
  EXPECT_EQ(sa.children[0].spi_out, sb.children[0].spi_in);
  EXPECT_EQ(sa.children[0].spi_in, sb.children[0].spi_out);
  EXPECT_EQ(sa.children[0].local.addresses.first, 0x0a0a0a00u);
  EXPECT_EQ(sb.children[0].remote.addresses.first, 0x0a0a0a00u);
  EXPECT_EQ(sb.children[0].local.addresses.last, 0x0a1414ffu);
  EXPECT_EQ(sa.children[0].suite.describe(), "esp-3des esp-sha-hmac PFS group5");
  // Both data planes got the same keys, crossed; the transform as IKEv2 ids.
  ASSERT_EQ(a_->data_plane.sas.size(), 1u);
  ASSERT_EQ(b_->data_plane.sas.size(), 1u);
  const auto& ia = a_->data_plane.sas[0];
  const auto& ib = b_->data_plane.sas[0];
  EXPECT_EQ(ia.encr_out, ib.encr_in);
  EXPECT_EQ(ia.integ_out, ib.integ_in);
  EXPECT_EQ(ia.encr_in, ib.encr_out);
  EXPECT_NE(ia.encr_in, ia.encr_out);
  EXPECT_EQ(ia.encr_out.size(), 24u);   // 3DES
  EXPECT_EQ(ia.integ_out.size(), 20u);  // HMAC-SHA1
  EXPECT_EQ(ia.meta.ike_version, 1);
  EXPECT_EQ(ia.meta.map, "vpn");
  EXPECT_EQ(ia.meta.sequence, 12u);
  EXPECT_EQ(ia.meta.transform.encryption_id, 3);  // ENCR_3DES
  EXPECT_EQ(ia.meta.transform.integrity_id, 2);   // AUTH_HMAC_SHA1_96
  EXPECT_TRUE(ia.meta.tunnel_mode);
  EXPECT_FALSE(ia.meta.udp_encapsulation);
  EXPECT_EQ(ia.meta.lifetime_seconds, 28800u);
  EXPECT_EQ(ia.meta.lifetime_kilobytes, 4608000u);
  // The ASA's lines, initiator and responder.
  EXPECT_EQ(a_->events.asa_ids(), (std::vector<int>{713041, 713119, 713120, 713049}));
  EXPECT_EQ(b_->events.asa_ids(), (std::vector<int>{713119, 713120, 713049}));
  auto lines = a_->events.asa_lines();
  EXPECT_NE(std::find(lines.begin(), lines.end(),
                      "%ASA-5-713119: Group = 192.168.2.2, IP = 192.168.2.2, PHASE 1 COMPLETED"),
            lines.end());
  const auto* done = a_->events.first<events::Ikev1SecurityNegotiationComplete>();
  ASSERT_NE(done, nullptr);
  char expect[200];
  std::snprintf(expect, sizeof expect,
                "%%ASA-5-713049: Group = 192.168.2.2, IP = 192.168.2.2, Security negotiation complete for LAN-to-LAN "
                "Group (192.168.2.2)  Initiator, Inbound SPI = 0x%08x, Outbound SPI = 0x%08x",
                sa.children[0].spi_in, sa.children[0].spi_out);
  EXPECT_EQ(events::format_asa(*done), expect);
  // Keys went to the key log sink (Wireshark's ikev1_decryption_table), once each side.
  ASSERT_EQ(a_->keys.lines.size(), 1u);
  EXPECT_EQ(a_->keys.lines[0], b_->keys.lines[0]);
  EXPECT_EQ(a_->keys.lines[0].size(), 16 + 1 + 48 + 1u);  // cookie, comma, 24-byte 3DES key, newline
}

TEST_F(Ikev1Exchange, TheSameSeedsGiveTheSameBytes) {
  std::vector<std::vector<uint8_t>> first, second;
  for (auto* run : {&first, &second}) {
    a_.reset();
    b_.reset();
    net_.set_tap([run](uint64_t, const io::Datagram& d) { run->push_back(d.bytes); });
    seed_pair();
    initiate();
    ASSERT_TRUE(run_until_reported());
  }
  EXPECT_EQ(first.size(), 9u);  // Main Mode 6 + Quick Mode 3
  EXPECT_EQ(first, second);
}

TEST_F(Ikev1Exchange, WrongPskFailsAsAuthenticationFailedOnBothSides) {
  std::string b = fixture_text("seed004/asa2.cfg");
  replace(b, " ikev1 pre-shared-key cisco1234", " ikev1 pre-shared-key wrong-key");
  start(fixture_text("seed004/asa1.cfg"), b);
  initiate();
  ASSERT_TRUE(run_until_reported());
  EXPECT_FALSE(outcome_->established);
  EXPECT_EQ(outcome_->failure, manager::FailureKind::AuthenticationFailed) << outcome_->detail;
  EXPECT_EQ(only_sa(*a_->engine).state, Phase1State::Failed);
  EXPECT_EQ(only_sa(*b_->engine).state, Phase1State::Failed);
  EXPECT_EQ(b_->events.count<events::AuthenticationFailed>(), 1u);
  EXPECT_EQ(a_->events.count<events::AuthenticationFailed>(), 1u);
  EXPECT_TRUE(a_->data_plane.sas.empty());
  EXPECT_EQ(a_->events.count<events::Ikev1Phase1Completed>(), 0u);
  // The failed SAs stay a while for `show`, then go.
  sim_.run_until_idle(15s);
  EXPECT_TRUE(a_->engine->isakmp_sas().empty());
  EXPECT_TRUE(b_->engine->isakmp_sas().empty());
}

TEST_F(Ikev1Exchange, Phase1MismatchIsNoProposalChosen) {
  std::string b = fixture_text("seed004/asa2.cfg");
  replace(b, " encryption 3des", " encryption aes-256");
  start(fixture_text("seed004/asa1.cfg"), b);
  initiate();
  ASSERT_TRUE(run_until_reported());
  EXPECT_EQ(outcome_->failure, manager::FailureKind::NoProposalChosen) << outcome_->detail;
  EXPECT_TRUE(b_->engine->isakmp_sas().empty());  // the responder kept no state
  auto mismatch = b_->events.first<events::ProposalMismatch>();
  ASSERT_NE(mismatch, nullptr);
  EXPECT_EQ(mismatch->received, (std::vector<std::string>{"3DES/SHA/DH5/86400S"}));
  EXPECT_EQ(mismatch->configured, (std::vector<std::string>{"AES-256/SHA/DH5/86400S"}));
}

TEST_F(Ikev1Exchange, ResponderPicksTheShorterPhase1LifetimeAndTheInitiatorAdoptsIt) {
  std::string b = fixture_text("seed004/asa2.cfg");
  replace(b, " lifetime 86400", " lifetime 3600");
  start(fixture_text("seed004/asa1.cfg"), b);
  initiate();
  ASSERT_TRUE(run_until_reported());
  ASSERT_TRUE(outcome_->established);
  EXPECT_EQ(only_sa(*a_->engine).suite.lifetime_seconds, 3600u);
  EXPECT_EQ(only_sa(*b_->engine).suite.lifetime_seconds, 3600u);
}

TEST_F(Ikev1Exchange, Phase2MismatchIsRefusedWithNoProposalChosen) {
  std::string b = fixture_text("seed004/asa2.cfg");
  replace(b, "transform-set goset esp-3des esp-sha-hmac", "transform-set goset esp-aes-256 esp-sha-hmac");
  start(fixture_text("seed004/asa1.cfg"), b);
  initiate();
  ASSERT_TRUE(run_until_reported());
  EXPECT_EQ(outcome_->failure, manager::FailureKind::NoProposalChosen) << outcome_->detail;
  // Phase 1 stays up; no IPsec SA on either side.
  EXPECT_EQ(only_sa(*a_->engine).state, Phase1State::Active);
  EXPECT_TRUE(only_sa(*a_->engine).children.empty());
  EXPECT_TRUE(only_sa(*b_->engine).children.empty());
  EXPECT_EQ(b_->events.count<events::ProposalMismatch>(), 1u);
}

TEST_F(Ikev1Exchange, PfsMismatchIsNoProposalChosen) {
  std::string b = fixture_text("seed004/asa2.cfg");
  replace(b, "crypto map vpn 12 set pfs group5\n", "");
  start(fixture_text("seed004/asa1.cfg"), b);
  initiate();
  ASSERT_TRUE(run_until_reported());
  EXPECT_EQ(outcome_->failure, manager::FailureKind::NoProposalChosen) << outcome_->detail;
}

TEST_F(Ikev1Exchange, ProxyIdsOutsideTheAclAreRejectedWith713061) {
  std::string b = fixture_text("seed004/asa2.cfg");
  replace(b, "permit ip 10.20.20.0 255.255.255.0 10.10.10.0 255.255.255.0",
          "permit ip 10.30.30.0 255.255.255.0 10.10.10.0 255.255.255.0");
  start(fixture_text("seed004/asa1.cfg"), b);
  initiate();
  ASSERT_TRUE(run_until_reported());
  EXPECT_EQ(outcome_->failure, manager::FailureKind::TsUnacceptable) << outcome_->detail;
  const auto* rejected = b_->events.first<events::Ikev1ProxyRejected>();
  ASSERT_NE(rejected, nullptr);
  EXPECT_EQ(events::format_asa(*rejected),
            "%ASA-3-713061: Group = 192.168.1.1, IP = 192.168.1.1, Rejecting IPSec tunnel: no matching crypto map "
            "entry for remote proxy 10.10.10.0/255.255.255.0/0/0 local proxy 10.20.20.0/255.255.255.0/0/0 on "
            "interface outside");
}

TEST_F(Ikev1Exchange, OneIpsecSaPairPerAclEntry) {
  std::string a = fixture_text("seed004/asa1.cfg"), b = fixture_text("seed004/asa2.cfg");
  replace(a, "access-list NEWARK extended permit ip 10.10.10.0 255.255.255.0 10.20.20.0 255.255.255.0\n",
          "access-list NEWARK extended permit ip 10.10.10.0 255.255.255.0 10.20.20.0 255.255.255.0\n"
          "access-list NEWARK extended permit tcp host 10.10.11.5 host 10.20.21.9 eq 443\n");
  replace(b, "access-list NEWARK extended permit ip 10.20.20.0 255.255.255.0 10.10.10.0 255.255.255.0\n",
          "access-list NEWARK extended permit ip 10.20.20.0 255.255.255.0 10.10.10.0 255.255.255.0\n"
          "access-list NEWARK extended permit tcp host 10.20.21.9 eq 443 host 10.10.11.5\n");
  start(a, b);
  initiate();
  ASSERT_TRUE(run_until_reported());
  ASSERT_TRUE(sim_.run_until([&] { return only_sa(*b_->engine).children.size() == 2 && net_.pending() == 0; }, 60s));
  auto sa = only_sa(*a_->engine);
  ASSERT_EQ(sa.children.size(), 2u);
  const auto& host = sa.children[0].local.addresses.first == 0x0a0a0b05 ? sa.children[0] : sa.children[1];
  EXPECT_EQ(host.local.protocol, 6);
  EXPECT_EQ(host.remote.port_first, 443);
  EXPECT_EQ(host.remote.addresses.last, 0x0a141509u);
}

TEST_F(Ikev1Exchange, EveryLostMessageIsRetransmitted) {
  for (uint64_t lost = 1; lost <= 9; ++lost) {
    SCOPED_TRACE("datagram " + std::to_string(lost) + " lost");
    a_.reset();
    b_.reset();
    net_.clear_faults();
    const uint64_t base = net_.sent();
    net_.drop_nth(base + lost);
    seed_pair();
    initiate();
    ASSERT_TRUE(run_until_reported());
    EXPECT_TRUE(outcome_->established) << outcome_->detail;
    ASSERT_TRUE(sim_.run_until([&] { return only_sa(*b_->engine).children.size() == 1; }, 120s));
    EXPECT_EQ(only_sa(*a_->engine).children.at(0).spi_out, only_sa(*b_->engine).children.at(0).spi_in);
    EXPECT_EQ(a_->data_plane.sas.size(), 1u);
    EXPECT_EQ(b_->data_plane.sas.size(), 1u);
  }
}

TEST_F(Ikev1Exchange, EveryDuplicatedMessageChangesNothing) {
  for (uint64_t dup = 1; dup <= 9; ++dup) {
    SCOPED_TRACE("datagram " + std::to_string(dup) + " duplicated");
    a_.reset();
    b_.reset();
    net_.clear_faults();
    net_.duplicate_nth(net_.sent() + dup);
    seed_pair();
    initiate();
    ASSERT_TRUE(run_until_reported());
    EXPECT_TRUE(outcome_->established) << outcome_->detail;
    sim_.run_until_idle(1s);
    EXPECT_EQ(a_->data_plane.sas.size(), 1u);
    EXPECT_EQ(b_->data_plane.sas.size(), 1u);
    // The copy arrives right behind the original: recognised, not answered
    // again (no cascade of resends down the exchange). A copy of the last
    // message of an exchange has nothing to answer anyway (713201 "No last
    // packet to retransmit").
    size_t resent = 0;
    for (const auto* d : {&a_->events, &b_->events})
      for (const auto& e : d->all<events::Ikev1DuplicatePacket>()) resent += e.retransmitted;
    EXPECT_EQ(resent, 0u);
    EXPECT_EQ(a_->events.count<events::RequestRetransmitted>() + b_->events.count<events::RequestRetransmitted>(), 0u);
  }
}

TEST_F(Ikev1Exchange, ARetransmissionOfAnAnsweredMessageGetsTheAnswerAgain) {
  // Main Mode 6 lost once: A retransmits 5 after its timer, B recognises it
  // (713201) and sends 6 again.
  seed_pair();
  net_.drop_nth(net_.sent() + 6);
  initiate();
  ASSERT_TRUE(run_until_reported());
  EXPECT_TRUE(outcome_->established) << outcome_->detail;
  const auto* dup = b_->events.first<events::Ikev1DuplicatePacket>();
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(events::format_asa(*dup), "%ASA-5-713201: Group = 192.168.1.1, IP = 192.168.1.1, Duplicate Phase 1 "
                                      "packet detected.  Retransmitting last packet.");
}

TEST_F(Ikev1Exchange, NoAnswerAtAllTimesOut) {
  seed_pair();
  net_.drop_if([](uint64_t, const io::Datagram& d) { return d.to.address == kB; });
  initiate();
  ASSERT_TRUE(run_until_reported());
  EXPECT_EQ(outcome_->failure, manager::FailureKind::Timeout) << outcome_->detail;
  EXPECT_EQ(a_->events.count<events::RequestRetransmitted>(), 3u);
}

TEST_F(Ikev1Exchange, APeerThatStopsAnsweringMidwayFailsWithinTheDeadline) {
  // B answers Main Mode 1 and then goes silent: the initiator's fresh
  // retransmission budget for message 3 does not stretch the negotiation past
  // the phase 1 deadline.
  seed_pair();
  int to_b = 0;
  net_.drop_if([&to_b](uint64_t, const io::Datagram& d) { return d.to.address == kB && ++to_b > 1; });
  const auto started = clock_.now();
  initiate();
  ASSERT_TRUE(run_until_reported());
  EXPECT_EQ(outcome_->failure, manager::FailureKind::Timeout) << outcome_->detail;
  EXPECT_LE(clock_.now() - started, std::chrono::seconds(31));
  EXPECT_NE(outcome_->detail.find("did not complete within 30 s"), std::string::npos) << outcome_->detail;
}

TEST_F(Ikev1Exchange, AggressiveModeWhenBothSidesConfigureIt) {
  std::string a = fixture_text("seed004/asa1.cfg"), b = fixture_text("seed004/asa2.cfg");
  replace(a, "crypto map vpn 12 set peer", "crypto map vpn 12 set ikev1 phase1-mode aggressive\ncrypto map vpn 12 set peer");
  replace(b, "crypto map vpn 12 set peer", "crypto map vpn 12 set ikev1 phase1-mode aggressive\ncrypto map vpn 12 set peer");
  start(a, b);
  std::vector<w1::ExchangeType> seen;
  net_.set_tap([&](uint64_t, const io::Datagram& d) { seen.push_back(kind_of(d).first); });
  initiate();
  ASSERT_TRUE(run_until_reported());
  ASSERT_TRUE(outcome_->established) << outcome_->detail;
  EXPECT_TRUE(only_sa(*a_->engine).aggressive);
  EXPECT_STREQ(state_name(only_sa(*b_->engine).state, true), "AM_ACTIVE");
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen[0], w1::ExchangeType::Aggressive);
  EXPECT_EQ(seen[2], w1::ExchangeType::Aggressive);
  EXPECT_EQ(seen.size(), 6u);  // Aggressive Mode 3 + Quick Mode 3
  EXPECT_EQ(a_->data_plane.sas.size(), 1u);
}

TEST_F(Ikev1Exchange, AggressiveModeIsNotAnsweredUnlessConfigured) {
  std::string a = fixture_text("seed004/asa1.cfg");
  replace(a, "crypto map vpn 12 set peer", "crypto map vpn 12 set ikev1 phase1-mode aggressive\ncrypto map vpn 12 set peer");
  start(a, fixture_text("seed004/asa2.cfg"));
  initiate();
  ASSERT_TRUE(run_until_reported());
  EXPECT_EQ(outcome_->failure, manager::FailureKind::Timeout);
  EXPECT_TRUE(b_->engine->isakmp_sas().empty());
  auto dropped = b_->events.all<events::MalformedMessageDropped>();
  ASSERT_FALSE(dropped.empty());
  EXPECT_NE(dropped[0].reason.find("does not use Aggressive Mode"), std::string::npos) << dropped[0].reason;
}

TEST_F(Ikev1Exchange, ForcedUdpEncapsulationFloatsTo4500) {
  EngineOptions forced;
  forced.force_udp_encapsulation = true;
  seed_pair(forced, {});
  std::vector<uint16_t> ports;
  net_.set_tap([&](uint64_t, const io::Datagram& d) { ports.push_back(d.to.port); });
  initiate();
  ASSERT_TRUE(run_until_reported());
  ASSERT_TRUE(outcome_->established) << outcome_->detail;
  ASSERT_EQ(ports.size(), 9u);
  EXPECT_EQ(ports[3], 500);   // Main Mode 4
  EXPECT_EQ(ports[4], 4500);  // Main Mode 5 floats
  EXPECT_EQ(ports[8], 4500);
  EXPECT_TRUE(only_sa(*b_->engine).nat_detected);
  EXPECT_TRUE(a_->data_plane.sas.at(0).meta.udp_encapsulation);
  EXPECT_EQ(a_->data_plane.sas.at(0).meta.local_port, 4500);
  EXPECT_TRUE(b_->data_plane.sas.at(0).meta.udp_encapsulation);
  EXPECT_EQ(b_->events.count<events::NatDetected>(), 1u);
}

TEST_F(Ikev1Exchange, DpdAnswersAndDetectsADeadPeer) {
  seed_pair();
  initiate();
  ASSERT_TRUE(run_until_reported());
  ASSERT_TRUE(outcome_->established);
  // Idle for a minute: both sides probe after 10 s of silence and get answers.
  sim_.run_until_idle(60s);
  EXPECT_GE(a_->events.count<events::DpdSent>(), 2u);
  EXPECT_EQ(a_->events.count<events::DpdNoReply>(), 0u);
  EXPECT_EQ(only_sa(*a_->engine).state, Phase1State::Active);
  // B vanishes: A declares it dead (threshold 10, retry 3 s) and removes everything.
  const io::TimePoint gone = clock_.now();
  net_.drop_if([](uint64_t, const io::Datagram& d) { return d.from.address == kB || d.to.address == kB; });
  ASSERT_TRUE(sim_.run_until([&] { return a_->engine->isakmp_sas().empty(); }, 120s));
  EXPECT_GE(clock_.now() - gone, 10s);
  EXPECT_LE(clock_.now() - gone, 40s);
  EXPECT_EQ(a_->events.count<events::DpdNoReply>(), 1u);
  EXPECT_EQ(a_->data_plane.removed.size(), 1u);
  EXPECT_EQ(a_->events.count<events::Ikev1ConnectionTerminated>(), 1u);
}

TEST_F(Ikev1Exchange, TerminateDeletesBothSides) {
  seed_pair();
  initiate();
  ASSERT_TRUE(run_until_reported());
  const uint32_t id = only_sa(*a_->engine).id;
  ASSERT_TRUE(a_->engine->terminate(id, "User Requested"));
  sim_.run_until_idle(10s);
  EXPECT_TRUE(a_->engine->isakmp_sas().empty());
  EXPECT_TRUE(b_->engine->isakmp_sas().empty());
  EXPECT_EQ(b_->events.count<events::DeleteReceived>(), 2u);  // the IPsec SA, then the ISAKMP SA
  EXPECT_EQ(b_->data_plane.removed.size(), 1u);
  const auto* down = b_->events.first<events::Ikev1ConnectionTerminated>();
  ASSERT_NE(down, nullptr);
  EXPECT_EQ(events::format_asa(*down),
            "%ASA-5-713050: Group = 192.168.1.1, IP = 192.168.1.1, Connection terminated for peer 192.168.1.1.  "
            "Reason: Peer Terminate  Remote Proxy 10.10.10.0, Local Proxy 10.20.20.0");
  EXPECT_FALSE(a_->engine->terminate(id));
}

TEST_F(Ikev1Exchange, IpsecSaRekeysBeforeItsLifetimeEnds) {
  std::string a = fixture_text("seed004/asa1.cfg"), b = fixture_text("seed004/asa2.cfg");
  replace(a, "crypto map vpn 12 set peer", "crypto map vpn 12 set security-association lifetime seconds 3600\ncrypto map vpn 12 set peer");
  replace(b, "crypto map vpn 12 set peer", "crypto map vpn 12 set security-association lifetime seconds 3600\ncrypto map vpn 12 set peer");
  start(a, b);
  initiate();
  ASSERT_TRUE(run_until_reported());
  const uint32_t first_in = only_sa(*a_->engine).children.at(0).spi_in;
  // At 90% of 3600 s, A (the Quick Mode initiator) runs a new Quick Mode and deletes the old pair.
  ASSERT_TRUE(sim_.run_until([&] { return a_->data_plane.sas.size() == 2 && a_->data_plane.removed.size() == 1; },
                             3500s));
  sim_.run_until_idle(5s);
  auto sa = only_sa(*a_->engine), sb = only_sa(*b_->engine);
  ASSERT_EQ(sa.children.size(), 1u);
  ASSERT_EQ(sb.children.size(), 1u);
  EXPECT_NE(sa.children[0].spi_in, first_in);
  EXPECT_EQ(sa.children[0].spi_out, sb.children[0].spi_in);
  EXPECT_EQ(a_->data_plane.removed.at(0), first_in);
  EXPECT_EQ(b_->data_plane.removed.size(), 1u);
  EXPECT_EQ(a_->events.count<events::RekeyCompleted>(), 1u);
  EXPECT_EQ(a_->events.count<events::Ikev1ConnectionTerminated>(), 0u);  // the tunnel never went down
}

TEST_F(Ikev1Exchange, IsakmpSaRekeysAndTheIpsecSasMoveOver) {
  std::string a = fixture_text("seed004/asa1.cfg"), b = fixture_text("seed004/asa2.cfg");
  replace(a, " lifetime 86400", " lifetime 7200");
  replace(b, " lifetime 86400", " lifetime 7200");
  start(a, b);
  initiate();
  ASSERT_TRUE(run_until_reported());
  const auto before = only_sa(*a_->engine);
  ASSERT_TRUE(sim_.run_until(
      [&] {
        auto sas = a_->engine->isakmp_sas();
        return sas.size() == 1 && sas[0].cky_i != before.cky_i && b_->engine->isakmp_sas().size() == 1;
      },
      7200s));
  auto sa = only_sa(*a_->engine), sb = only_sa(*b_->engine);
  EXPECT_EQ(sa.cky_i, sb.cky_i);
  EXPECT_EQ(sa.state, Phase1State::Active);
  // The IPsec SA lives on, unchanged, under the new ISAKMP SA on both sides.
  ASSERT_EQ(sa.children.size(), 1u);
  ASSERT_EQ(sb.children.size(), 1u);
  EXPECT_EQ(sa.children[0].spi_in, before.children.at(0).spi_in);
  EXPECT_TRUE(a_->data_plane.removed.empty());
  EXPECT_TRUE(b_->data_plane.removed.empty());
  EXPECT_EQ(a_->events.count<events::RekeyCompleted>(), 1u);
  EXPECT_EQ(a_->keys.lines.size(), 2u);
}

TEST_F(Ikev1Exchange, HostileDatagramsNeverDisturbAnEstablishedSa) {
  seed_pair();
  std::vector<io::Datagram> recorded;
  net_.set_tap([&](uint64_t, const io::Datagram& d) { recorded.push_back(d); });
  initiate();
  ASSERT_TRUE(run_until_reported());
  net_.set_tap({});
  const auto before_a = only_sa(*a_->engine), before_b = only_sa(*b_->engine);
  std::mt19937 rng(7);
  for (int i = 0; i < 3000; ++i) {
    io::Datagram d = recorded[rng() % recorded.size()];  // replays ...
    if (i % 3) {
      for (int k = 0; k < 3; ++k) d.bytes[rng() % d.bytes.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));  // ... mutated
    }
    if (i % 7 == 0) d.bytes.resize(rng() % d.bytes.size());  // ... truncated
    net_.inject(d);
    net_.deliver_all();
  }
  // Replayed first messages may open half-open SAs (a responder must
  // answer a Main Mode 1); the established pair is what must not change.
  auto established = [](const Ikev1Engine& e, uint32_t id) {
    for (const auto& s : e.isakmp_sas())
      if (s.id == id) return s;
    return Ikev1Engine::IsakmpSaInfo{};
  };
  auto after_a = established(*a_->engine, before_a.id), after_b = established(*b_->engine, before_b.id);
  EXPECT_EQ(after_a.state, Phase1State::Active);
  EXPECT_EQ(after_b.state, Phase1State::Active);
  EXPECT_EQ(after_a.children.size(), 1u);
  EXPECT_EQ(after_b.children.size(), 1u);
  EXPECT_EQ(after_a.children[0].spi_in, before_a.children[0].spi_in);
  EXPECT_EQ(after_b.children[0].spi_in, before_b.children[0].spi_in);
  EXPECT_EQ(a_->data_plane.sas.size(), 1u);
  EXPECT_TRUE(a_->data_plane.removed.empty());
  EXPECT_TRUE(b_->data_plane.removed.empty());
}

}  // namespace
}  // namespace ikeshift::engine::ikev1
