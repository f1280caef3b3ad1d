// The `ikeshift engine show` texts from constructed data: seed 004's
// `show crypto ikev2 sa detail` byte for byte, the empty and failed cases,
// several SAs with AES-CBC/AES-GCM wording, `show crypto ipsec sa`, and the
// data built from an engine IkeSaInfo plus the seed's peer configuration.
#include <gtest/gtest.h>

#include "control/show_data.h"
#include "control/show_format.h"
#include "engine_device.h"
#include "ikev2/peer_config.h"
#include "test_support.h"

namespace ikeshift::engine::control {
namespace {

const model::Algorithm* alg(const char* id) {
  const model::Algorithm* a = model::find_algorithm_by_id(id);
  EXPECT_NE(a, nullptr) << id;
  return a;
}

model::TrafficSelector net(uint32_t first, uint32_t last) {
  model::TrafficSelector ts;
  ts.addresses = {first, last};
  return ts;
}

// The SA of seed 004 as ASA1 shows it (initiator 192.168.1.1).
ShowIkeSa seed004_sa() {
  ShowIkeSa s;
  s.session_id = 1;
  s.tunnel_id = 1;
  s.status = ShowStatus::Ready;
  s.initiator = true;
  s.local = {0xc0a80101, 500};
  s.remote = {0xc0a80202, 500};
  s.algorithms = {alg("3des"), alg("hmac-sha1-96"), alg("prf-hmac-sha1"), alg("modp1536")};
  s.lifetime_seconds = 86400;
  s.active_seconds = 100;
  s.local_spi = 0x297EF9CA996102A6;
  s.remote_spi = 0x47088C8FB9F039AD;
  s.local_id = "192.168.1.1";
  s.remote_id = "192.168.2.2";
  s.dpd_enabled = true;
  s.dpd_threshold_seconds = 10;
  s.dpd_retry_seconds = 3;
  s.interface_name = "outside";
  s.map = "vpn";
  s.sequence = 12;
  s.acl = "NEWARK";
  ShowChildSa c;
  c.spi_in = 0x637df131;
  c.spi_out = 0xb7224866;
  c.local = net(0x0a0a0a00, 0x0a0a0aff);
  c.remote = net(0x0a141400, 0x0a1414ff);
  c.algorithms = {alg("3des"), alg("hmac-sha1-96"), nullptr, nullptr};
  c.lifetime_seconds = 28800;
  c.lifetime_kilobytes = 4608000;
  c.active_seconds = 100;
  s.children.push_back(c);
  return s;
}

const char* const kSeedDetail =
    "IKEv2 SAs:\n"
    "\n"
    "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1\n"
    "\n"
    "Tunnel-id Local                                               Remote                                                  Status         Role\n"
    "        1 192.168.1.1/500                                     192.168.2.2/500                                         READY    INITIATOR\n"
    "      Encr: 3DES, Hash: SHA96, DH Grp:5, Auth sign: PSK, Auth verify: PSK\n"
    "      Life/Active Time: 86400/100 sec\n"
    "      Status Description: Negotiation done\n"
    "      Local spi: 297EF9CA996102A6       Remote spi: 47088C8FB9F039AD\n"
    "      Local id: 192.168.1.1\n"
    "      Remote id: 192.168.2.2\n"
    "      DPD configured for 10 seconds, retry 3\n"
    "      NAT-T is not detected\n"
    "Child sa: local selector  10.10.10.0/0 - 10.10.10.255/65535\n"
    "          remote selector 10.20.20.0/0 - 10.20.20.255/65535\n"
    "          ESP spi in/out: 0x637df131/0xb7224866\n";

TEST(EngineShow, Seed004DetailExactly) { EXPECT_EQ(format_ikev2_sa({seed004_sa()}, true), kSeedDetail); }

TEST(EngineShow, WithoutDetailTheAsaSummaryLines) {
  // The ASA's plain `show crypto ikev2 sa` keeps the algorithm, lifetime and
  // Child sa lines and drops the detail ones.
  std::string out = format_ikev2_sa({seed004_sa()}, false);
  EXPECT_TRUE(test::contains_all(out, {
      "        1 192.168.1.1/500 ",
      "      Encr: 3DES, Hash: SHA96, DH Grp:5, Auth sign: PSK, Auth verify: PSK\n",
      "      Life/Active Time: 86400/100 sec\n",
      "          ESP spi in/out: 0x637df131/0xb7224866\n",
  }));
  EXPECT_FALSE(test::contains(out, "Status Description"));
  EXPECT_FALSE(test::contains(out, "Local spi"));
  EXPECT_FALSE(test::contains(out, "DPD configured"));
}

TEST(EngineShow, Empty) {
  EXPECT_EQ(format_ikev2_sa({}, false), "There are no IKEv2 SAs\n");
  EXPECT_EQ(format_ikev2_sa({}, true), "There are no IKEv2 SAs\n");
  EXPECT_EQ(format_ipsec_sa({}), "There are no ipsec sas\n");
}

TEST(EngineShow, SeveralSasWithAesWording) {
  ShowIkeSa a = seed004_sa();
  a.algorithms = {alg("aes-cbc-256"), alg("hmac-sha2-256-128"), alg("prf-hmac-sha2-256"), alg("modp2048")};
  ShowIkeSa b = seed004_sa();
  b.session_id = b.tunnel_id = 2;
  b.initiator = false;
  b.remote = {0xc0a80303, 4500};
  b.local.port = 4500;
  b.algorithms = {alg("aes-gcm-256"), nullptr, alg("prf-hmac-sha2-384"), alg("ecp384")};
  b.nat_detected = true;
  b.children[0].spi_in = 0xdd3fc4c;  // not zero-padded, as the ASA prints it
  std::string out = format_ikev2_sa({a, b}, true);
  auto lines = test::lines_of(out);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1"), 1);
  EXPECT_EQ(std::count(lines.begin(), lines.end(), "Session-id:2, Status:UP-ACTIVE, IKE count:1, CHILD count:1"), 1);
  EXPECT_TRUE(test::contains_all(out, {
      "      Encr: AES-CBC, keysize: 256, Hash: SHA256, DH Grp:14, Auth sign: PSK, "
      "Auth verify: PSK\n",
      "      Encr: AES-GCM, keysize: 256, Hash: N/A, DH Grp:20, Auth sign: PSK, "
      "Auth verify: PSK\n",
      "        2 192.168.1.1/4500",
      "192.168.3.3/4500                                        READY    RESPONDER\n",
      "      NAT-T is detected outside\n",
      "          ESP spi in/out: 0xdd3fc4c/0xb7224866\n",
  }));
  // SA 1 before SA 2.
  EXPECT_LT(out.find("Session-id:1"), out.find("Session-id:2"));
}

TEST(EngineShow, AlgorithmWordsFromTheRegistry) {
  EXPECT_EQ(asa_ike_algorithms({alg("aes-cbc-128"), alg("hmac-md5-96"), nullptr, alg("modp1024")}),
            "Encr: AES-CBC, keysize: 128, Hash: MD596, DH Grp:2");
  EXPECT_EQ(asa_ike_algorithms({alg("aes-cbc-192"), alg("hmac-sha2-512-256"), nullptr, alg("ecp521")}),
            "Encr: AES-CBC, keysize: 192, Hash: SHA512, DH Grp:21");
  EXPECT_EQ(asa_ike_algorithms({alg("aes-gcm-128"), nullptr, nullptr, alg("curve25519")}),
            "Encr: AES-GCM, keysize: 128, Hash: N/A, DH Grp:31");
  EXPECT_EQ(asa_esp_transform({alg("aes-cbc-256"), alg("hmac-sha1-96"), nullptr, nullptr}),
            "esp-aes-256 esp-sha-hmac");
  EXPECT_EQ(asa_esp_transform({alg("3des"), alg("hmac-sha1-96"), nullptr, nullptr}), "esp-3des esp-sha-hmac");
}

TEST(EngineShow, FailedSaSaysWhy) {
  ShowIkeSa s = seed004_sa();
  s.status = ShowStatus::Failed;
  s.active_seconds = 0;
  s.failure = "AUTHENTICATION_FAILED from 192.168.2.2";
  s.children.clear();
  std::string out = format_ikev2_sa({s}, true);
  EXPECT_TRUE(test::contains_all(out, {
      "Session-id:1, Status:DOWN, IKE count:1, CHILD count:0\n",
      "192.168.2.2/500                                         DELETE   INITIATOR\n",
      "      Status Description: Negotiation failed: AUTHENTICATION_FAILED from "
      "192.168.2.2\n",
  }));
  EXPECT_FALSE(test::contains(out, "Child sa"));
  EXPECT_EQ(format_ipsec_sa({s}), "There are no ipsec sas\n");
}

TEST(EngineShow, IpsecSaLikeSeed004) {
  std::string out = format_ipsec_sa({seed004_sa()});
  auto lines = test::lines_of(out);
  ASSERT_GE(lines.size(), 8u);
  EXPECT_EQ(lines[0], "interface: outside");
  EXPECT_EQ(lines[1], "    Crypto map tag: vpn, seq num: 12, local addr: 192.168.1.1");
  EXPECT_EQ(lines[2], "");
  EXPECT_EQ(lines[3], "      access-list NEWARK extended permit ip 10.10.10.0 255.255.255.0 10.20.20.0 255.255.255.0");
  EXPECT_EQ(lines[4], "      local ident (addr/mask/prot/port): (10.10.10.0/255.255.255.0/0/0)");
  EXPECT_EQ(lines[5], "      remote ident (addr/mask/prot/port): (10.20.20.0/255.255.255.0/0/0)");
  EXPECT_EQ(lines[6], "      current_peer: 192.168.2.2");
  EXPECT_TRUE(test::contains_all(out, {
      "      #pkts encaps: 0, #pkts encrypt: 0, #pkts digest: 0\n",
      "      local crypto endpt.: 192.168.1.1/500, remote crypto endpt.: 192.168.2.2/500\n",
      "      current outbound spi: B7224866\n",
      "      current inbound spi : 637DF131\n",
      "      spi: 0x637DF131 (1669198129)\n",
      "         transform: esp-3des esp-sha-hmac no compression\n",
      "         sa timing: remaining key lifetime (kB/sec): (4608000/28700)\n",
  }));
}

// With --data-plane the counters are the data plane's (seed 004 shows
// "#pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4" after four pings).
TEST(EngineShow, IpsecSaCountersAndRemainingKilobytesFromTheDataPlane) {
  ShowIkeSa s = seed004_sa();
  ShowEspTraffic t;
  t.encaps = t.encrypt = t.digest = 4;
  t.decaps = t.decrypt = t.verify = 4;
  t.replay_failures = 2;
  t.integrity_failures = 1;
  t.bytes_out = t.bytes_in = 336;
  t.remaining_kilobytes_in = 4607999;
  t.remaining_kilobytes_out = 4607998;
  t.iv_size = 8;
  t.replay_bitmap = 0xf;
  t.udp_encapsulation = true;
  s.children[0].traffic = t;
  std::string out = format_ipsec_sa({s});
  EXPECT_TRUE(test::contains_all(out, {
      "      #pkts encaps: 4, #pkts encrypt: 4, #pkts digest: 4\n",
      "      #pkts decaps: 4, #pkts decrypt: 4, #pkts verify: 4\n",
      "      #send errors: 0, #recv errors: 3\n",
      "      #pkts replay failed: 2, #pkts verify failed: 1, #pkts padding failed: 0, "
      "#pkts policy failed: 0\n",
      "         in use settings ={L2L, Tunnel, NAT-T-Encaps, IKEv2, }\n",
      "         sa timing: remaining key lifetime (kB/sec): (4607999/28700)\n",
      "         sa timing: remaining key lifetime (kB/sec): (4607998/28700)\n",
      "         IV size: 8 bytes\n",
      "         Anti replay bitmap:\n          0x00000000 0x0000000F\n",
  }));
}

TEST(EngineShow, AclLineForHostsPortsAndProtocols) {
  ShowIkeSa s = seed004_sa();
  s.children[0].local = net(0x0a000001, 0x0a000001);
  s.children[0].local.protocol = 6;
  s.children[0].remote = net(0, 0xffffffff);
  s.children[0].remote.protocol = 6;
  s.children[0].remote.port_first = s.children[0].remote.port_last = 443;
  std::string out = format_ipsec_sa({s});
  EXPECT_TRUE(test::contains_all(out, {
      "      access-list NEWARK extended permit tcp host 10.0.0.1 any4 eq 443\n",
      "      local ident (addr/mask/prot/port): (10.0.0.1/255.255.255.255/6/0)\n",
      "      remote ident (addr/mask/prot/port): (0.0.0.0/0.0.0.0/6/443)\n",
  }));
}

// show_ike_sa: the engine's view plus the seed's migrated configuration.
ikev2::PeerConfig seed_peer() {
  return device_test::ikev2_peer_of(device_test::fixture_text("seed004/asa1.expected.cfg"), "asa1.expected.cfg");
}

TEST(EngineShow, DataFromEngineInfoAndPeerConfig) {
  ikev2::PeerConfig peer = seed_peer();
  ikev2::Ikev2Engine::IkeSaInfo info;
  info.id = 7;
  info.initiator = false;
  info.state = ikev2::Ikev2Engine::State::Established;
  info.spi_i = 0x297EF9CA996102A6;
  info.spi_r = 0x47088C8FB9F039AD;
  info.local = {0xc0a80101, 500};
  info.remote = {0xc0a80202, 500};
  using K = ikev2::TransformKind;
  info.proposal.encryption = ikev2::Transform{K::Encryption, 3, 0};
  info.proposal.integrity = ikev2::Transform{K::Integrity, 2, 0};
  info.proposal.prf = ikev2::Transform{K::Prf, 2, 0};
  info.proposal.dh_group = ikev2::Transform{K::DhGroup, 5, 0};
  ikev2::Ikev2Engine::ChildSaInfo child;
  child.spi_in = 0x637df131;
  child.spi_out = 0xb7224866;
  child.proposal.protocol = ikev2::Protocol::Esp;
  child.proposal.encryption = ikev2::Transform{K::Encryption, 3, 0};
  child.proposal.integrity = ikev2::Transform{K::Integrity, 2, 0};
  child.local = peer.tunnel.selectors.at(0).local;
  child.remote = peer.tunnel.selectors.at(0).remote;
  info.children.push_back(child);

  ShowIkeSa s = show_ike_sa(info, peer, 100);
  EXPECT_EQ(s.tunnel_id, 7u);
  EXPECT_EQ(s.status, ShowStatus::Ready);
  // Responder: its own SPI is the responder's.
  EXPECT_EQ(s.local_spi, 0x47088C8FB9F039ADu);
  EXPECT_EQ(s.remote_spi, 0x297EF9CA996102A6u);
  EXPECT_EQ(asa_ike_algorithms(s.algorithms), "Encr: 3DES, Hash: SHA96, DH Grp:5");
  EXPECT_EQ(s.lifetime_seconds, 86400u);  // crypto ikev2 policy 1
  EXPECT_EQ(s.active_seconds, 100u);
  EXPECT_EQ(s.local_id, "192.168.1.1");
  EXPECT_EQ(s.remote_id, "192.168.2.2");
  EXPECT_TRUE(s.dpd_enabled);
  EXPECT_EQ(s.dpd_threshold_seconds, 10u);  // isakmp keepalive threshold 10 retry 3
  EXPECT_EQ(s.dpd_retry_seconds, 3u);
  EXPECT_EQ(s.interface_name, "outside");
  EXPECT_EQ(s.map, "vpn");
  EXPECT_EQ(s.sequence, 12u);
  EXPECT_EQ(s.acl, "NEWARK");
  ASSERT_EQ(s.children.size(), 1u);
  EXPECT_EQ(s.children[0].lifetime_seconds, model::kDefaultIpsecLifetimeSeconds);
  EXPECT_FALSE(s.children[0].pfs);  // IKE_AUTH carries no KE
  EXPECT_EQ(asa_esp_transform(s.children[0].algorithms), "esp-3des esp-sha-hmac");

  // The same SA still negotiating shows no active time.
  info.state = ikev2::Ikev2Engine::State::AuthSent;
  EXPECT_EQ(show_ike_sa(info, peer, 100).active_seconds, 0u);
}

// ---- show crypto ikev1 sa ------------------------------------------------------

// Seed 004's ISAKMP SA as ASA1 shows it before `migrate l2l`.
ShowIkev1Sa seed004_ikev1_sa() {
  ShowIkev1Sa s;
  s.id = 1;
  s.peer_address = 0xc0a80202;
  s.initiator = true;
  s.state = "MM_ACTIVE";
  s.active = true;
  s.encryption = alg("3des");
  s.hash = alg("hmac-sha1-96");
  s.lifetime_seconds = 86400;
  s.remaining_seconds = 86300;
  return s;
}

TEST(EngineShowIkev1, TheAsaLayoutWithAndWithoutDetail) {
  const char* const summary =
      "IKEv1 SAs:\n"
      "\n"
      "   Active SA: 1\n"
      "    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)\n"
      "Total IKE SA: 1\n"
      "\n"
      "1   IKE Peer: 192.168.2.2\n"
      "    Type    : L2L             Role    : initiator\n"
      "    Rekey   : no              State   : MM_ACTIVE\n"
      "\n";
  EXPECT_EQ(format_ikev1_sa({seed004_ikev1_sa()}, false), summary);
  const char* const detail =
      "IKEv1 SAs:\n"
      "\n"
      "   Active SA: 1\n"
      "    Rekey SA: 0 (A tunnel will report 1 Active and 1 Rekey SA during rekey)\n"
      "Total IKE SA: 1\n"
      "\n"
      "1   IKE Peer: 192.168.2.2\n"
      "    Type    : L2L             Role    : initiator\n"
      "    Rekey   : no              State   : MM_ACTIVE\n"
      "    Encrypt : 3des            Hash    : SHA\n"
      "    Auth    : preshared       Lifetime: 86400\n"
      "    Lifetime Remaining: 86300\n"
      "\n";
  EXPECT_EQ(format_ikev1_sa({seed004_ikev1_sa()}, true), detail);
}

TEST(EngineShowIkev1, EmptyRekeyAndFailed) {
  EXPECT_EQ(format_ikev1_sa({}, false), "There are no IKEv1 SAs\n");
  ShowIkev1Sa old = seed004_ikev1_sa();
  ShowIkev1Sa fresh = old;
  fresh.id = 2;
  fresh.rekey = true;
  fresh.encryption = alg("aes-cbc-256");
  fresh.hash = alg("hmac-sha2-256-128");
  ShowIkev1Sa failed = old;
  failed.id = 3;
  failed.peer_address = 0xc0a80303;
  failed.initiator = false;
  failed.active = false;
  failed.state = "MM_NO_STATE";
  failed.failure = "HASH_I does not verify: pre-shared key mismatch";
  const std::string text = format_ikev1_sa({old, fresh, failed}, true);
  EXPECT_NE(text.find("   Active SA: 1\n    Rekey SA: 1 "), std::string::npos) << text;
  EXPECT_NE(text.find("Total IKE SA: 3\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    Rekey   : yes             State   : MM_ACTIVE\n"), std::string::npos) << text;
  EXPECT_NE(text.find("    Encrypt : aes-256         Hash    : SHA256\n"), std::string::npos) << text;
  EXPECT_NE(text.find("3   IKE Peer: 192.168.3.3\n    Type    : L2L             Role    : responder\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    Negotiation failed: HASH_I does not verify: pre-shared key mismatch\n"), std::string::npos)
      << text;
}

TEST(EngineShowIkev1, IpsecSaNamesTheIkeVersion) {
  ShowIkeSa v1 = seed004_sa();
  v1.ike_version = 1;
  v1.children[0].pfs = true;
  v1.children[0].algorithms.dh_group = alg("modp1536");
  const std::string text = format_ipsec_sa({v1});
  EXPECT_NE(text.find("in use settings ={L2L, Tunnel, PFS Group 5, IKEv1, }"), std::string::npos) << text;
  EXPECT_NE(format_ipsec_sa({seed004_sa()}).find("IKEv2, }"), std::string::npos);
}

}  // namespace
}  // namespace ikeshift::engine::control
