// Whole IKEv2 exchanges between two engines in one process: injected clock,
// deterministic RNG, in-memory network with faults. The two engines run the
// seed 004 pair after `migrate l2l`, read and derived exactly as users' configs
// (the devices and the configurations: engine_device.h).
#include <gtest/gtest.h>

#include <random>

#include "crypto/cbc_cipher.h"
#include "crypto/integrity.h"
#include "engine_device.h"
#include "events/asa_format.h"
#include "ikev2/ikev2_engine.h"
#include "ikev2/sk_payload.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2 {
namespace {

using namespace std::chrono_literals;
using namespace device_test;

struct RecordingKeySink : IkeKeySink {
  std::vector<std::string> lines;
  crypto::Bytes sk_ei, sk_ai;
  void ike_keys(const IkeSaKeys& k) override {
    if (auto line = ikev2_keylog_line(k)) lines.push_back(*line);
    sk_ei = k.sk_ei.to_bytes();
    sk_ai = k.sk_ai.to_bytes();
  }
};

// Two devices, A (192.168.1.1) and B (192.168.2.2), on one in-memory network.
class Exchange : public DeviceWorld {
 protected:
  void start(const std::string& config_a, const std::string& config_b, EngineOptions options_a = {},
             EngineOptions options_b = {}) {
    start(ikev2_peer_of(config_a), ikev2_peer_of(config_b), options_a, options_b);
  }
  void start(PeerConfig a, PeerConfig b, EngineOptions options_a = {}, EngineOptions options_b = {}) {
    a_ = std::make_unique<Device>(*this, "A", std::move(a), 0xc0a80101, options_a);
    b_ = std::make_unique<Device>(*this, "B", std::move(b), 0xc0a80202, options_b);
  }
  bool run_until_established() {
    return sim_.run_until(
        [&] {
          // Every SA on both sides has finished (a responder may hold none at
          // all, e.g. after NO_PROPOSAL_CHOSEN); the initiator holds one.
          auto done = [](const Ikev2Engine& e) {
            auto sas = e.ike_sas();
            return std::all_of(sas.begin(), sas.end(), [](const Ikev2Engine::IkeSaInfo& s) {
              return s.state == Ikev2Engine::State::Established || s.state == Ikev2Engine::State::Failed;
            });
          };
          return !a_->engine->ike_sas().empty() && done(*a_->engine) && done(*b_->engine) && net_.pending() == 0;
        },
        600s);
  }
  Ikev2Engine::IkeSaInfo only_sa(const Ikev2Engine& e) {
    auto sas = e.ike_sas();
    EXPECT_EQ(sas.size(), 1u);
    return sas.empty() ? Ikev2Engine::IkeSaInfo{} : sas.front();
  }

  // The device with an IKEv2 engine and its key log.
  struct Device : DeviceParts {
    Device(Exchange& x, const std::string& seed, PeerConfig peer, uint32_t address, EngineOptions options)
        : DeviceParts(x, seed, address) {
      std::vector<PeerConfig> peers;
      peers.push_back(std::move(peer));
      engine = std::make_unique<Ikev2Engine>(deps<EngineDeps>(x, &data_plane, &keys), std::move(peers), options);
    }
    RecordingKeySink keys;
    std::unique_ptr<Ikev2Engine> engine;
  };

  std::unique_ptr<Device> a_, b_;
};

TEST_F(Exchange, SeedPairAfterMigrationComesUpWithIkev2) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine), sb = only_sa(*b_->engine);
  ASSERT_EQ(sa.state, Ikev2Engine::State::Established) << sa.failure;
  ASSERT_EQ(sb.state, Ikev2Engine::State::Established) << sb.failure;
  EXPECT_TRUE(sa.initiator);
  EXPECT_FALSE(sb.initiator);
  EXPECT_EQ(sa.spi_i, sb.spi_i);
  EXPECT_EQ(sa.spi_r, sb.spi_r);
  // Seed 004: Encr 3DES, Hash SHA96, DH Grp 5.
  EXPECT_EQ(sa.proposal.describe(), "3DES/HMAC-SHA1-96/PRF-HMAC-SHA1/MODP1536");
  ASSERT_EQ(sa.children.size(), 1u);
  ASSERT_EQ(sb.children.size(), 1u);
  EXPECT_EQ(sa.children[0].spi_out, sb.children[0].spi_in);
  EXPECT_EQ(sa.children[0].spi_in, sb.children[0].spi_out);
  // Local selector 10.10.10.0/24 on A is the remote selector on B.
  EXPECT_EQ(sa.children[0].local.addresses.first, 0x0a0a0a00u);
  EXPECT_EQ(sb.children[0].remote.addresses.last, 0x0a0a0affu);
  // Both data planes got the same keys, crossed.
  ASSERT_EQ(a_->data_plane.sas.size(), 1u);
  ASSERT_EQ(b_->data_plane.sas.size(), 1u);
  EXPECT_EQ(a_->data_plane.sas[0].encr_out, b_->data_plane.sas[0].encr_in);
  EXPECT_EQ(a_->data_plane.sas[0].integ_out, b_->data_plane.sas[0].integ_in);
  EXPECT_EQ(a_->data_plane.sas[0].encr_in, b_->data_plane.sas[0].encr_out);
  EXPECT_EQ(a_->data_plane.sas[0].encr_out.size(), 24u);  // 3DES
  EXPECT_NE(a_->data_plane.sas[0].encr_out, a_->data_plane.sas[0].encr_in);
  // What the data plane needs besides keys: the entry, the transform, the outer path.
  const ChildSaInstall& m = a_->data_plane.sas[0].meta;
  EXPECT_EQ(m.ike_version, 2);
  EXPECT_EQ(m.map, "vpn");
  EXPECT_EQ(m.sequence, 12u);
  EXPECT_EQ(m.transform.encryption_id, 3);  // ENCR_3DES
  EXPECT_EQ(m.transform.integrity_id, 2);   // AUTH_HMAC_SHA1_96
  EXPECT_EQ(m.local_address, 0xc0a80101u);
  EXPECT_EQ(m.peer_address, 0xc0a80202u);
  EXPECT_FALSE(m.udp_encapsulation);  // no NAT between A and B: raw ESP
  EXPECT_EQ(m.lifetime_seconds, 28800u);
  EXPECT_EQ(m.local.addresses.first, 0x0a0a0a00u);
  EXPECT_EQ(b_->data_plane.sas[0].meta.local.addresses.first, 0x0a141400u);
  // The ASA's own log line for it.
  auto up = a_->events.first<events::SaUp>();
  ASSERT_NE(up, nullptr);
  EXPECT_EQ(events::format_asa(*up),
            "%ASA-5-750006: Local:192.168.1.1:500 Remote:192.168.2.2:500 Username:192.168.2.2 SA UP. Reason: New "
            "Connection Established");
  EXPECT_EQ(b_->events.count<events::InitRequestReceived>(), 1u);
}

// The migrated seed config with its tunnel-group's keys replaced: `local`
// signs our AUTH, `remote` checks the peer's.
std::string with_keys(const std::string& seed_config, const std::string& local, const std::string& remote) {
  std::string c = migrated(seed_config);
  replace(c, " ikev2 remote-authentication pre-shared-key cisco1234", " ikev2 remote-authentication pre-shared-key " + remote);
  replace(c, " ikev2 local-authentication pre-shared-key cisco1234", " ikev2 local-authentication pre-shared-key " + local);
  return c;
}

TEST_F(Exchange, AsymmetricMirroredKeysComeUpAndUnmirroredOnesFail) {
  // A signs with K1, expects K2; B mirrors it.
  const std::string a = with_keys("seed004/asa1.cfg", "K1-a-to-b", "K2-b-to-a");
  start(a, with_keys("seed004/asa2.cfg", "K2-b-to-a", "K1-a-to-b"));
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  EXPECT_EQ(only_sa(*a_->engine).state, Ikev2Engine::State::Established);
  EXPECT_EQ(only_sa(*b_->engine).state, Ikev2Engine::State::Established);

  // Pasting A's keys onto B unchanged (not mirrored) must fail (seed 004's warning).
  a_.reset();
  b_.reset();
  start(a, with_keys("seed004/asa2.cfg", "K1-a-to-b", "K2-b-to-a"));
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  EXPECT_EQ(only_sa(*b_->engine).state, Ikev2Engine::State::Failed);
  EXPECT_NE(only_sa(*b_->engine).failure.find("AUTHENTICATION_FAILED"), std::string::npos);
  EXPECT_EQ(b_->events.count<events::AuthenticationFailed>(), 1u);
}

TEST_F(Exchange, InitiatorChecksTheResponderAuthWithItsRemoteKeyNotItsOwn) {
  // A signs with K1 and expects K2; B signs with K1 too. B accepts A, but A
  // must reject B's AUTH although it has just used K1 itself (the pad keys are
  // kept per key, not per peer).
  start(with_keys("seed004/asa1.cfg", "K1-a-to-b", "K2-b-to-a"), with_keys("seed004/asa2.cfg", "K1-a-to-b", "K1-a-to-b"));
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine);
  EXPECT_EQ(sa.state, Ikev2Engine::State::Failed);
  EXPECT_EQ(a_->events.count<events::AuthenticationFailed>(), 1u);
  EXPECT_EQ(a_->events.count<events::SaUp>(), 0u);
}

TEST_F(Exchange, ResponderKeepsThePskPadKeyPerPrf) {
  // The responder computes prf(PSK, "Key Pad for IKEv2") once per key and PRF
  // and keeps it: a second peer session that negotiates another PRF must not
  // get the first one's pad key (its AUTH would not verify).
  std::string a = migrated("seed004/asa1.cfg"), b = migrated("seed004/asa2.cfg");
  replace(b, "crypto ikev2 policy 1\n",
          "crypto ikev2 policy 5\n encryption aes-256\n integrity sha256\n group 14\n prf sha256\n"
          " lifetime seconds 86400\ncrypto ikev2 policy 1\n");
  start(a, b);
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  EXPECT_EQ(only_sa(*a_->engine).proposal.describe(), "3DES/HMAC-SHA1-96/PRF-HMAC-SHA1/MODP1536");
  ASSERT_EQ(only_sa(*b_->engine).state, Ikev2Engine::State::Established) << only_sa(*b_->engine).failure;

  // A comes back offering only SHA-256: B (the same engine) now needs the SHA-256 pad key.
  std::string a2 = a;
  replace(a2, "crypto ikev2 policy 1\n encryption 3des\n integrity sha\n group 5\n prf sha\n",
          "crypto ikev2 policy 1\n encryption aes-256\n integrity sha256\n group 14\n prf sha256\n");
  a_.reset();
  a_ = std::make_unique<Device>(*this, "A2", ikev2_peer_of(a2), 0xc0a80101, EngineOptions{});
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine);
  ASSERT_EQ(sa.state, Ikev2Engine::State::Established) << sa.failure;
  EXPECT_EQ(sa.proposal.describe(), "AES-CBC-256/HMAC-SHA2-256-128/PRF-HMAC-SHA2-256/MODP2048");
  EXPECT_EQ(b_->events.count<events::AuthenticationFailed>(), 0u);
  EXPECT_EQ(b_->events.count<events::SaUp>(), 2u);
}

TEST_F(Exchange, FqdnAndKeyIdIdentitiesAreSentAndChecked) {
  // A sends its FQDN (crypto isakmp identity hostname), B its key-id.
  std::string a = migrated("seed004/asa1.cfg"), b = migrated("seed004/asa2.cfg");
  replace(a, "crypto isakmp disconnect-notify\n",
          "crypto isakmp disconnect-notify\ndomain-name lab.example\ncrypto isakmp identity hostname\n");
  replace(b, "crypto isakmp disconnect-notify\n", "crypto isakmp disconnect-notify\ncrypto isakmp identity key-id site-B\n");
  PeerConfig pa = ikev2_peer_of(a), pb = ikev2_peer_of(b);
  ASSERT_EQ(pa.tunnel.local_identity.value, "ASA-1.lab.example");
  // Each expects exactly the other's identity (as an IOS `match identity remote` does).
  pa.tunnel.remote_identity = model::IkeIdentity{model::IkeIdentity::Type::KeyId, "site-B", {}};
  pb.tunnel.remote_identity = model::IkeIdentity{model::IkeIdentity::Type::Fqdn, "asa-1.LAB.example", {}};
  start(std::move(pa), std::move(pb));
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine), sb = only_sa(*b_->engine);
  ASSERT_EQ(sa.state, Ikev2Engine::State::Established) << sa.failure;
  EXPECT_EQ(sa.remote_id, "site-B");
  EXPECT_EQ(sb.remote_id, "ASA-1.lab.example");  // as sent; compared case-insensitively

  // B expects another name: B refuses A's AUTH, and says why.
  PeerConfig pb_other = ikev2_peer_of(b);
  pb_other.tunnel.remote_identity = model::IkeIdentity{model::IkeIdentity::Type::Fqdn, "asa-9.lab.example", {}};
  a_.reset();
  b_.reset();
  start(ikev2_peer_of(a), std::move(pb_other));
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  EXPECT_EQ(only_sa(*a_->engine).state, Ikev2Engine::State::Failed);
  auto refused = only_sa(*b_->engine);
  EXPECT_EQ(refused.state, Ikev2Engine::State::Failed);
  EXPECT_NE(refused.failure.find("unexpected peer identity ASA-1.lab.example"), std::string::npos) << refused.failure;
  const auto* why = b_->events.first<events::AuthenticationFailed>();
  ASSERT_NE(why, nullptr);
  EXPECT_NE(why->reason.find("fqdn asa-9.lab.example"), std::string::npos) << why->reason;

  // A expects a key-id B does not send: A rejects B's IKE_AUTH response.
  PeerConfig pa_other = ikev2_peer_of(a);
  pa_other.tunnel.remote_identity = model::IkeIdentity{model::IkeIdentity::Type::KeyId, "site-C", {}};
  a_.reset();
  b_.reset();
  start(std::move(pa_other), ikev2_peer_of(b));
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto rejected = only_sa(*a_->engine);
  EXPECT_EQ(rejected.state, Ikev2Engine::State::Failed);
  EXPECT_NE(rejected.failure.find("unexpected peer identity site-B"), std::string::npos) << rejected.failure;
}

TEST_F(Exchange, WrongKeyFailsWithAuthenticationFailedOnBothSides) {
  std::string b = migrated("seed004/asa2.cfg");
  replace(b, " ikev2 remote-authentication pre-shared-key cisco1234", " ikev2 remote-authentication pre-shared-key wrong");
  start(migrated("seed004/asa1.cfg"), b);
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine), sb = only_sa(*b_->engine);
  EXPECT_EQ(sb.state, Ikev2Engine::State::Failed);
  EXPECT_EQ(sa.state, Ikev2Engine::State::Failed);
  EXPECT_NE(sa.failure.find("AUTHENTICATION_FAILED"), std::string::npos) << sa.failure;
  EXPECT_TRUE(a_->data_plane.sas.empty());
  EXPECT_TRUE(b_->data_plane.sas.empty());
  EXPECT_EQ(a_->events.count<events::SaUp>(), 0u);
}

TEST_F(Exchange, ProposalMismatchIsNoProposalChosen) {
  std::string b = migrated("seed004/asa2.cfg");
  replace(b, "crypto ikev2 policy 1\n encryption 3des", "crypto ikev2 policy 1\n encryption aes-256");
  start(migrated("seed004/asa1.cfg"), b);
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine);
  EXPECT_EQ(sa.state, Ikev2Engine::State::Failed);
  EXPECT_NE(sa.failure.find("NO_PROPOSAL_CHOSEN"), std::string::npos) << sa.failure;
  EXPECT_TRUE(b_->engine->ike_sas().empty());  // the responder kept no state
  auto mismatch = b_->events.first<events::ProposalMismatch>();
  ASSERT_NE(mismatch, nullptr);
  EXPECT_EQ(mismatch->received.front(), "3DES/PRF-HMAC-SHA1/HMAC-SHA1-96/MODP1536");
  EXPECT_EQ(mismatch->configured.front(), "AES-CBC-256/PRF-HMAC-SHA1/HMAC-SHA1-96/MODP1536");
}

TEST_F(Exchange, InvalidKePayloadIsRetriedWithTheGroupAskedFor) {
  std::string a = migrated("seed004/asa1.cfg");
  replace(a, " group 5\n prf sha", " group 14 5\n prf sha");  // A prefers 14, also offers 5
  start(a, migrated("seed004/asa2.cfg"));
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine);
  ASSERT_EQ(sa.state, Ikev2Engine::State::Established) << sa.failure;
  EXPECT_EQ(sa.proposal.dh_group->id, 5);
  // Two IKE_SA_INIT requests went out: with KE 14, then with KE 5.
  size_t init_requests = 0;
  for (const auto& m : a_->events.all<events::MessageSent>())
    if (m.exchange == 34 && !m.response) ++init_requests;
  EXPECT_EQ(init_requests, 2u);
}

TEST_F(Exchange, LostMessagesAreRetransmittedAndDuplicatesAnsweredFromTheCache) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  // Datagrams in send order: 1 A's IKE_SA_INIT (lost), 2 its retransmission,
  // 3 B's IKE_SA_INIT response, 4 A's IKE_AUTH, 5 B's IKE_AUTH response (lost),
  // 6 A's IKE_AUTH again, 7 B's cached response.
  net_.drop_nth(1);
  net_.drop_nth(5);
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  EXPECT_EQ(only_sa(*a_->engine).state, Ikev2Engine::State::Established);
  EXPECT_EQ(only_sa(*b_->engine).state, Ikev2Engine::State::Established);
  EXPECT_GE(a_->events.count<events::RequestRetransmitted>(), 2u);
  EXPECT_GE(b_->events.count<events::ResponseRetransmitted>(), 1u);
  EXPECT_EQ(b_->data_plane.sas.size(), 1u);  // the duplicate did not create a second CHILD SA
}

TEST_F(Exchange, AnUnansweredInitiatorGivesUp) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  net_.drop_if([](uint64_t, const io::Datagram& d) { return d.from.address == 0xc0a80101; });
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine);
  EXPECT_EQ(sa.state, Ikev2Engine::State::Failed);
  EXPECT_NE(sa.failure.find("no response"), std::string::npos);
  EXPECT_EQ(a_->events.count<events::RetransmissionsExhausted>(), 1u);
  EXPECT_EQ(a_->events.count<events::RequestRetransmitted>(), 5u);
}

TEST_F(Exchange, MirroredAclsThatDoNotMatchGiveTsUnacceptable) {
  std::string b = migrated("seed004/asa2.cfg");
  replace(b, "permit ip 10.20.20.0 255.255.255.0 10.10.10.0 255.255.255.0",
          "permit ip 10.20.20.0 255.255.255.0 10.99.99.0 255.255.255.0");
  start(migrated("seed004/asa1.cfg"), b);
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine);
  // TS_UNACCEPTABLE arrives inside a successful IKE_AUTH: IKE SA up, no CHILD SA.
  EXPECT_EQ(sa.state, Ikev2Engine::State::Established);
  EXPECT_TRUE(sa.children.empty());
  EXPECT_NE(sa.failure.find("TS_UNACCEPTABLE"), std::string::npos);
  EXPECT_EQ(b_->events.count<events::TrafficSelectorsUnacceptable>(), 1u);
  EXPECT_TRUE(a_->data_plane.sas.empty());
}

TEST_F(Exchange, ANatOnThePathMovesIkeAuthToUdp4500) {
  EngineOptions nat;
  nat.force_udp_encapsulation = true;  // A claims a NAT, as strongSwan's libipsec does
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"), nat);
  std::vector<std::pair<uint16_t, uint16_t>> ports;
  std::vector<bool> marker;
  net_.set_tap([&](uint64_t, const io::Datagram& d) {
    ports.emplace_back(d.from.port, d.to.port);
    marker.push_back(d.bytes.size() >= 4 && d.bytes[0] == 0 && d.bytes[1] == 0 && d.bytes[2] == 0 && d.bytes[3] == 0);
  });
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine), sb = only_sa(*b_->engine);
  ASSERT_EQ(sa.state, Ikev2Engine::State::Established) << sa.failure;
  ASSERT_EQ(sb.state, Ikev2Engine::State::Established) << sb.failure;
  EXPECT_TRUE(sa.nat_detected);
  EXPECT_TRUE(sb.nat_detected);  // B sees A's source hash fail
  EXPECT_EQ(sa.local.port, 4500);
  EXPECT_EQ(sb.local.port, 4500);
  ASSERT_EQ(ports.size(), 4u);
  EXPECT_EQ(ports[0], (std::pair<uint16_t, uint16_t>{500, 500}));    // IKE_SA_INIT
  EXPECT_EQ(ports[1], (std::pair<uint16_t, uint16_t>{500, 500}));
  EXPECT_EQ(ports[2], (std::pair<uint16_t, uint16_t>{4500, 4500}));  // IKE_AUTH with the non-ESP marker
  EXPECT_EQ(ports[3], (std::pair<uint16_t, uint16_t>{4500, 4500}));
  EXPECT_FALSE(marker[0]);
  EXPECT_TRUE(marker[2]);
  EXPECT_TRUE(marker[3]);
  EXPECT_EQ(b_->events.count<events::NatDetected>(), 1u);
  EXPECT_EQ(a_->data_plane.sas.size(), 1u);
}

TEST_F(Exchange, KeyLogKeysDecryptTheCapturedIkeAuth) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  std::vector<io::Datagram> wire_log;
  net_.set_tap([&](uint64_t, const io::Datagram& d) { wire_log.push_back(d); });
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine);
  ASSERT_EQ(a_->keys.lines.size(), 1u);
  char spis[40];
  std::snprintf(spis, sizeof spis, "%016llx,%016llx,", static_cast<unsigned long long>(sa.spi_i),
                static_cast<unsigned long long>(sa.spi_r));
  EXPECT_EQ(a_->keys.lines[0].rfind(spis, 0), 0u) << a_->keys.lines[0];
  EXPECT_NE(a_->keys.lines[0].find("\"3DES [RFC2451]\""), std::string::npos);
  // What Wireshark does with that line: decrypt A's IKE_AUTH request.
  ASSERT_GE(wire_log.size(), 3u);
  auto decoded = wire::decode_message(wire_log[2].bytes);
  ASSERT_TRUE(decoded.ok());
  auto cbc = crypto::CbcCipher::create(ctx_, uint16_t{3}, 0);
  auto sha1 = crypto::Integrity::create(ctx_, uint16_t{2});
  auto inner = unprotect(wire_log[2].bytes, decoded.message(), SkSuite{cbc.get(), sha1.get(), nullptr},
                         SkKeys{a_->keys.sk_ei, a_->keys.sk_ai});
  ASSERT_TRUE(std::holds_alternative<std::vector<wire::Payload>>(inner));
  EXPECT_NE(wire::find_first<wire::AuthPayload>(std::get<std::vector<wire::Payload>>(inner)), nullptr);
}

TEST_F(Exchange, OneChildSaPerAclEntryAsTheAsaDoes) {
  std::string a = migrated("seed004/asa1.cfg"), b = migrated("seed004/asa2.cfg");
  replace(a, "access-list NEWARK extended permit ip 10.10.10.0 255.255.255.0 10.20.20.0 255.255.255.0\n",
          "access-list NEWARK extended permit ip 10.10.10.0 255.255.255.0 10.20.20.0 255.255.255.0\n"
          "access-list NEWARK extended permit ip host 10.10.11.5 10.20.20.0 255.255.255.0\n");
  replace(b, "access-list NEWARK extended permit ip 10.20.20.0 255.255.255.0 10.10.10.0 255.255.255.0\n",
          "access-list NEWARK extended permit ip 10.20.20.0 255.255.255.0 10.10.10.0 255.255.255.0\n"
          "access-list NEWARK extended permit ip 10.20.20.0 255.255.255.0 host 10.10.11.5\n");
  start(a, b);
  a_->engine->initiate(0);
  ASSERT_TRUE(sim_.run_until([&] { return only_sa(*a_->engine).children.size() == 2 && net_.pending() == 0; }, 60s));
  auto sa = only_sa(*a_->engine), sb = only_sa(*b_->engine);
  ASSERT_EQ(sb.children.size(), 2u);
  EXPECT_EQ(sa.children[1].local.addresses.first, 0x0a0a0b05u);  // host 10.10.11.5
  EXPECT_EQ(sa.children[1].local.addresses.last, 0x0a0a0b05u);
  EXPECT_EQ(sa.children[1].spi_out, sb.children[1].spi_in);
  // The second CHILD SA used PFS (set pfs group5): its own DH exchange.
  EXPECT_EQ(sa.children[1].proposal.dh_group->id, 5);
  EXPECT_EQ(a_->data_plane.sas.size(), 2u);
  EXPECT_EQ(a_->data_plane.sas[1].encr_out, b_->data_plane.sas[1].encr_in);
}

TEST_F(Exchange, ChildRekeyWithPfsReplacesTheOldSaOnBothSides) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto before = only_sa(*a_->engine);
  ASSERT_EQ(before.children.size(), 1u);
  uint32_t old_spi = before.children[0].spi_in;
  ASSERT_TRUE(a_->engine->rekey_child(before.id, old_spi));
  ASSERT_TRUE(sim_.run_until(
      [&] {
        auto s = only_sa(*a_->engine);
        return s.children.size() == 1 && s.children[0].spi_in != old_spi && only_sa(*b_->engine).children.size() == 1 &&
               net_.pending() == 0;
      },
      60s));
  auto after_a = only_sa(*a_->engine), after_b = only_sa(*b_->engine);
  EXPECT_EQ(after_a.children[0].spi_out, after_b.children[0].spi_in);
  EXPECT_EQ(after_a.children[0].proposal.dh_group->id, 5);
  EXPECT_EQ(a_->events.count<events::RekeyCompleted>(), 1u);
  EXPECT_EQ(b_->events.count<events::RekeyCompleted>(), 1u);
  ASSERT_EQ(a_->data_plane.sas.size(), 2u);
  EXPECT_NE(a_->data_plane.sas[1].encr_out, a_->data_plane.sas[0].encr_out);  // fresh keys
  EXPECT_EQ(a_->data_plane.sas[1].encr_out, b_->data_plane.sas[1].encr_in);
  EXPECT_EQ(a_->data_plane.removed, std::vector<uint32_t>{old_spi});
  EXPECT_EQ(b_->data_plane.removed.size(), 1u);
  EXPECT_EQ(after_a.state, Ikev2Engine::State::Established);
}

TEST_F(Exchange, PfsMismatchShowsOnlyAtTheFirstRekey) {
  std::string b = migrated("seed004/asa2.cfg");
  replace(b, "crypto map vpn 12 set pfs group5\n", "");
  start(migrated("seed004/asa1.cfg"), b);
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  auto sa = only_sa(*a_->engine);
  ASSERT_EQ(sa.children.size(), 1u);  // IKE_AUTH carries no KE: the first CHILD SA comes up
  ASSERT_TRUE(a_->engine->rekey_child(sa.id, sa.children[0].spi_in));
  ASSERT_TRUE(sim_.run_until([&] { return !only_sa(*a_->engine).failure.empty() && net_.pending() == 0; }, 60s));
  auto after = only_sa(*a_->engine);
  EXPECT_NE(after.failure.find("NO_PROPOSAL_CHOSEN"), std::string::npos) << after.failure;
  EXPECT_EQ(after.children.size(), 1u);  // the old CHILD SA stays until it expires
  EXPECT_EQ(after.state, Ikev2Engine::State::Established);
  EXPECT_GE(b_->events.count<events::ProposalMismatch>(), 1u);
}

TEST_F(Exchange, IkeSaRekeyFromEitherSideKeepsTheChildSas) {
  for (bool from_initiator : {true, false}) {
    SCOPED_TRACE(from_initiator ? "initiator rekeys" : "responder rekeys");
    a_.reset();
    b_.reset();
    start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
    a_->engine->initiate(0);
    ASSERT_TRUE(run_until_established());
    auto old_a = only_sa(*a_->engine);
    Device& rekeyer = from_initiator ? *a_ : *b_;
    ASSERT_TRUE(rekeyer.engine->rekey_ike(only_sa(*rekeyer.engine).id));
    ASSERT_TRUE(sim_.run_until(
        [&] {
          auto sas_a = a_->engine->ike_sas(), sas_b = b_->engine->ike_sas();
          return sas_a.size() == 1 && sas_b.size() == 1 && sas_a[0].spi_i != old_a.spi_i && net_.pending() == 0;
        },
        60s));
    auto new_a = only_sa(*a_->engine), new_b = only_sa(*b_->engine);
    EXPECT_EQ(new_a.state, Ikev2Engine::State::Established);
    EXPECT_EQ(new_a.spi_i, new_b.spi_i);
    EXPECT_EQ(new_a.spi_r, new_b.spi_r);
    EXPECT_NE(new_a.spi_r, old_a.spi_r);
    EXPECT_EQ(new_a.initiator, from_initiator);  // whoever rekeyed initiates the new SA
    ASSERT_EQ(new_a.children.size(), 1u);
    EXPECT_EQ(new_a.children[0].spi_in, old_a.children[0].spi_in);  // the CHILD SA lives on
    EXPECT_TRUE(a_->data_plane.removed.empty());
    EXPECT_TRUE(b_->data_plane.removed.empty());
    EXPECT_EQ(a_->events.count<events::SaDown>(), 0u);
    EXPECT_EQ(b_->events.count<events::SaDown>(), 0u);
    EXPECT_EQ(a_->events.count<events::RekeyCompleted>(), 1u);
    EXPECT_EQ(b_->events.count<events::RekeyCompleted>(), 1u);
    EXPECT_EQ(rekeyer.keys.lines.size(), 2u);  // the new SA's keys were logged too
    // The new IKE SA works: a CHILD rekey over it (message IDs start again at 0).
    ASSERT_TRUE(a_->engine->rekey_child(new_a.id, new_a.children[0].spi_in));
    ASSERT_TRUE(sim_.run_until(
        [&] { return a_->events.count<events::RekeyCompleted>() == 2 && net_.pending() == 0; }, 60s));
    EXPECT_EQ(only_sa(*a_->engine).children.size(), 1u);
    EXPECT_NE(only_sa(*a_->engine).children[0].spi_in, old_a.children[0].spi_in);
  }
}

TEST_F(Exchange, CookieChallengeIsStatelessAndAnsweredByTheInitiator) {
  EngineOptions always;
  always.cookie_threshold = 0;  // `crypto ikev2 cookie-challenge 0`: challenge every request
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"), {}, always);
  size_t b_sas_after_challenge = 99;
  net_.set_tap([&](uint64_t seq, const io::Datagram&) {
    if (seq == 3) b_sas_after_challenge = b_->engine->ike_sas().size();  // B's challenge went out (2)
  });
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  EXPECT_EQ(b_sas_after_challenge, 0u);  // nothing kept before the cookie came back
  EXPECT_EQ(only_sa(*a_->engine).state, Ikev2Engine::State::Established);
  EXPECT_EQ(only_sa(*b_->engine).state, Ikev2Engine::State::Established);
  auto challenge = b_->events.first<events::CookieChallengeSent>();
  ASSERT_NE(challenge, nullptr);
  EXPECT_EQ(events::format_asa(*challenge),
            "%ASA-5-750004: Local:192.168.2.2:500 Remote:192.168.1.1:500 Username:Unknown Sending COOKIE challenge to "
            "throttle possible DoS");
  EXPECT_EQ(b_->events.count<events::CookieChallengeSent>(), 1u);
}

// `cookie-challenge N` counts half-open SAs only: N of them make the next
// IKE_SA_INIT get a COOKIE; an established SA does not count, and once the
// half-open ones expire requests are answered directly again.
TEST_F(Exchange, TheCookieThresholdCountsHalfOpenSasOnly) {
  EngineOptions two;
  two.cookie_threshold = 2;
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"), {}, two);
  std::vector<io::Datagram> seen;
  net_.set_tap([&](uint64_t, const io::Datagram& d) { seen.push_back(d); });
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  net_.set_tap(nullptr);
  ASSERT_FALSE(seen.empty());
  const io::Datagram init = seen.front();  // A's IKE_SA_INIT request
  ASSERT_GE(init.bytes.size(), 28u);
  EXPECT_EQ(b_->events.count<events::CookieChallengeSent>(), 0u);  // one established SA is not "half open"

  // The same request under other initiator SPIs: each leaves a half-open SA on B.
  auto copy = [&](uint8_t tag) {
    io::Datagram d = init;
    d.bytes[0] ^= tag;
    net_.inject(d);
    net_.deliver_all();
  };
  copy(0x11);
  copy(0x22);
  EXPECT_EQ(b_->engine->ike_sas().size(), 3u);
  EXPECT_EQ(b_->events.count<events::CookieChallengeSent>(), 0u);
  copy(0x33);  // two are half open: challenged, and nothing kept
  EXPECT_EQ(b_->events.count<events::CookieChallengeSent>(), 1u);
  EXPECT_EQ(b_->engine->ike_sas().size(), 3u);

  // They expire; the established SA stays and does not count.
  ASSERT_TRUE(sim_.run_until([&] { return b_->engine->ike_sas().size() == 1; }, 60s));
  copy(0x44);
  EXPECT_EQ(b_->events.count<events::CookieChallengeSent>(), 1u);
  EXPECT_EQ(b_->engine->ike_sas().size(), 2u);
}

TEST_F(Exchange, LifetimesDriveRekeysOnTheInitiator) {
  std::string a = migrated("seed004/asa1.cfg"), b = migrated("seed004/asa2.cfg");
  // CHILD SA lifetime 300 s on the crypto map entry, IKE lifetime 1000 s.
  replace(a, "crypto map vpn 12 set pfs group5\n",
          "crypto map vpn 12 set pfs group5\ncrypto map vpn 12 set security-association lifetime seconds 300\n");
  replace(a, " lifetime seconds 86400\n", " lifetime seconds 1000\n");
  start(a, b);
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  io::TimePoint up = clock_.now();
  auto first_child = only_sa(*a_->engine).children.at(0).spi_in;
  // The CHILD SA is rekeyed at 90% of 300 s, not before.
  ASSERT_TRUE(sim_.run_until([&] { return a_->events.count<events::RekeyCompleted>() >= 1; }, 400s));
  EXPECT_GE(clock_.now() - up, 270s);
  EXPECT_LT(clock_.now() - up, 280s);
  ASSERT_TRUE(sim_.run_until([&] { return only_sa(*a_->engine).children.size() == 1 && net_.pending() == 0; }, 30s));
  EXPECT_NE(only_sa(*a_->engine).children.at(0).spi_in, first_child);
  // The IKE SA at 90% of 1000 s.
  uint64_t first_spi = only_sa(*a_->engine).spi_i;
  ASSERT_TRUE(sim_.run_until(
      [&] {
        auto sas = a_->engine->ike_sas();  // old and new both exist while the rekey finishes
        return sas.size() == 1 && sas[0].spi_i != first_spi && net_.pending() == 0;
      },
      1200s));
  EXPECT_GE(clock_.now() - up, 900s);
  EXPECT_EQ(only_sa(*b_->engine).state, Ikev2Engine::State::Established);
  EXPECT_EQ(b_->events.count<events::SaDown>(), 0u);
}

// Hostile input against an established pair: mutated and truncated copies of
// every message the two engines exchanged, replays, and random bytes, on both
// ports. Nothing may crash, wedge or take the SA down; every drop has a reason.
TEST_F(Exchange, HostileTrafficNeverDisturbsAnEstablishedSa) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  std::vector<io::Datagram> seen;
  net_.set_tap([&](uint64_t, const io::Datagram& d) { seen.push_back(d); });
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  net_.set_tap(nullptr);
  auto before_a = only_sa(*a_->engine), before_b = only_sa(*b_->engine);
  ASSERT_EQ(before_a.state, Ikev2Engine::State::Established);
  std::mt19937 rng(7296);
  size_t injected = 0;
  for (int round = 0; round < 400; ++round) {
    io::Datagram d = seen[static_cast<size_t>(round) % seen.size()];
    switch (round % 5) {
      case 0: break;  // a plain replay
      case 1: d.bytes[rng() % d.bytes.size()] ^= static_cast<uint8_t>(1 + rng() % 255); break;
      case 2: d.bytes.resize(rng() % d.bytes.size()); break;
      case 3: d.bytes.insert(d.bytes.begin() + static_cast<long>(rng() % d.bytes.size()), static_cast<uint8_t>(rng())); break;
      default: {
        d.bytes.resize(1 + rng() % 300);
        for (auto& b : d.bytes) b = static_cast<uint8_t>(rng());
      }
    }
    if (round % 7 == 0) {  // the same on UDP 4500, with and without a marker
      d.from.port = 4500;
      d.to.port = 4500;
      if (round % 2 == 0) d.bytes.insert(d.bytes.begin(), 4, 0);
    }
    net_.inject(d);
    ++injected;
    net_.deliver_all();
  }
  EXPECT_EQ(injected, 400u);
  // Mutated IKE_SA_INIT requests that still parse leave half-open SAs on B,
  // as on any responder; they expire instead of piling up.
  EXPECT_GT(b_->engine->ike_sas().size(), 1u);
  ASSERT_TRUE(sim_.run_until([&] { return b_->engine->ike_sas().size() == 1; }, 60s));
  auto after_a = only_sa(*a_->engine), after_b = only_sa(*b_->engine);
  EXPECT_EQ(after_a.state, Ikev2Engine::State::Established);
  EXPECT_EQ(after_b.state, Ikev2Engine::State::Established);
  EXPECT_EQ(after_a.spi_i, before_a.spi_i);
  EXPECT_EQ(after_a.children.size(), 1u);
  EXPECT_EQ(a_->events.count<events::SaDown>() + b_->events.count<events::SaDown>(), 0u);
  auto drops = b_->events.all<events::MalformedMessageDropped>();
  ASSERT_FALSE(drops.empty());
  for (const auto& drop : drops) EXPECT_FALSE(drop.reason.empty());
  // And the SA still does real work: a CHILD rekey goes through.
  ASSERT_TRUE(a_->engine->rekey_child(after_a.id, after_a.children[0].spi_in));
  ASSERT_TRUE(sim_.run_until([&] { return a_->events.count<events::RekeyCompleted>() == 1 && net_.pending() == 0; }, 60s));
}

TEST(CookieThreshold, IsThePercentOfTheNegotiationLimit) {
  EXPECT_FALSE(cookie_threshold_from(std::nullopt, 40).has_value());
  EXPECT_EQ(*cookie_threshold_from(50, 40), 20u);
  EXPECT_EQ(*cookie_threshold_from(0, 40), 0u);
  EXPECT_EQ(*cookie_threshold_from(10, std::nullopt), 10u);
}

TEST_F(Exchange, DeleteFromEitherSideRemovesBothEnds) {
  for (bool from_initiator : {true, false}) {
    SCOPED_TRACE(from_initiator ? "initiator deletes" : "responder deletes");
    a_.reset();
    b_.reset();
    start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
    a_->engine->initiate(0);
    ASSERT_TRUE(run_until_established());
    Device& deleter = from_initiator ? *a_ : *b_;
    Device& other = from_initiator ? *b_ : *a_;
    ASSERT_TRUE(deleter.engine->terminate(only_sa(*deleter.engine).id));
    ASSERT_TRUE(sim_.run_until([&] { return a_->engine->ike_sas().empty() && b_->engine->ike_sas().empty(); }, 60s));
    EXPECT_EQ(other.events.count<events::DeleteReceived>(), 1u);
    // Seed 004: "%ASA-5-750007: ... SA DOWN. Reason: operator request" on the side that cleared it.
    auto down = deleter.events.first<events::SaDown>();
    ASSERT_NE(down, nullptr);
    EXPECT_NE(events::format_asa(*down).find("SA DOWN. Reason: operator request"), std::string::npos)
        << events::format_asa(*down);
    EXPECT_EQ(other.events.count<events::SaDown>(), 1u);
    EXPECT_EQ(a_->data_plane.removed.size(), 1u);
    EXPECT_EQ(b_->data_plane.removed.size(), 1u);
  }
}

TEST_F(Exchange, DeadPeerDetectionFollowsTheKeepaliveSettings) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));  // isakmp keepalive threshold 10 retry 3
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  io::TimePoint up = clock_.now();
  // Idle: after 10 s both ends check liveness, get answers, and stay up.
  ASSERT_TRUE(sim_.run_until([&] { return a_->events.count<events::DpdSent>() >= 2; }, 60s));
  EXPECT_GE(clock_.now() - up, 10s);
  EXPECT_EQ(only_sa(*a_->engine).state, Ikev2Engine::State::Established);
  EXPECT_EQ(only_sa(*b_->engine).state, Ikev2Engine::State::Established);
  // B goes silent: A's checks go unanswered and A declares it dead.
  net_.drop_if([](uint64_t, const io::Datagram& d) { return d.from.address == 0xc0a80202; });
  ASSERT_TRUE(sim_.run_until([&] { return a_->engine->ike_sas().empty(); }, 300s));
  EXPECT_EQ(a_->events.count<events::DpdNoReply>(), 1u);
  auto down = a_->events.first<events::SaDown>();
  ASSERT_NE(down, nullptr);
  EXPECT_EQ(down->reason, "Peer not responding");
  EXPECT_EQ(a_->data_plane.removed.size(), 1u);
}

TEST_F(Exchange, GarbageAndStrangersAreDroppedWithAReason) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  net_.inject(io::Datagram{io::Endpoint{0x01020304, 500}, io::Endpoint{0xc0a80202, 500}, {1, 2, 3}});
  net_.deliver_all();
  EXPECT_EQ(b_->events.count<events::MalformedMessageDropped>(), 1u);
  EXPECT_TRUE(b_->engine->ike_sas().empty());
  // The pair still comes up afterwards.
  a_->engine->initiate(0);
  ASSERT_TRUE(run_until_established());
  EXPECT_EQ(only_sa(*b_->engine).state, Ikev2Engine::State::Established);
}

}  // namespace
}  // namespace ikeshift::engine::ikev2
