// IOS and RTX inputs -> the neutral intent: seed 002's three routers (hub and
// spokes) and seed 003's RTX commands, every line accounted for, and the
// IKEv2 engine's peer configuration derived from both unchanged.
#include <gtest/gtest.h>

#include "common/dialect_detect.h"
#include "common/ipv4.h"
#include "ikev2/peer_config.h"
#include "ios/ios_intent.h"
#include "ios/ios_reader.h"
#include "rtx/rtx_intent.h"
#include "rtx/rtx_reader.h"
#include "test_support.h"

namespace ikeshift {
namespace {

uint32_t ip(const char* t) { return parse_ipv4(t).value(); }

std::string findings_of(const model::Intent& in) {
  std::string s;
  for (const Finding& f : in.findings) s += format_finding(f);
  return s;
}

bool has_code(const model::Intent& in, const std::string& code) {
  for (const Finding& f : in.findings)
    if (f.code == code) return true;
  return false;
}

// A configuration read and derived as the CLI does it, from a text given
// inline (NAME is the file name findings carry) or from a fixture file.
template <class ParseResult, ParseResult (*Read)(const text::SourceText&)>
struct Derived {
  Derived(const std::string& name, const std::string& text)
      : src(name, text), parsed(Read(src)), intent(model::derive_intent(parsed.config, name)) {}
  static Derived fixture(const std::string& rel) { return Derived(rel, test::read_file(test::fixture(rel))); }

  text::SourceText src;
  ParseResult parsed;
  model::Intent intent;
};
using IosConfig = Derived<ios::ParseResult, ios::read_ios>;
using RtxConfig = Derived<rtx::ParseResult, rtx::read_rtx>;

TEST(Seed002, SpokesAreGreOverIpsecTunnelsToTheHub) {
  for (const char* spoke : {"seed002/spoke1.cfg", "seed002/spoke2.cfg"}) {
    SCOPED_TRACE(spoke);
    const IosConfig f = IosConfig::fixture(spoke);
    EXPECT_EQ(f.parsed.stats.unknown, 0u);
    EXPECT_FALSE(ios::check_ios_input(f.src, f.parsed).has_value());
    EXPECT_EQ(detect_dialect(f.src).dialect, ConfigDialect::Ios);
    ASSERT_EQ(f.intent.tunnels.size(), 1u) << findings_of(f.intent);
    EXPECT_EQ(f.intent.dialect, "ios");
    const model::Tunnel& t = f.intent.tunnels[0];
    EXPECT_EQ(t.map, "Tunnel0");
    EXPECT_TRUE(t.route_based);
    EXPECT_EQ(t.peers, std::vector<uint32_t>{ip("1.1.1.1")});
    EXPECT_EQ(t.local_interface, "GigabitEthernet0/0");
    EXPECT_TRUE(t.ikev2);
    EXPECT_FALSE(t.ikev1);
    ASSERT_EQ(t.ikev2_proposals.size(), 1u);
    EXPECT_EQ(t.ikev2_proposals[0].encryption[0]->id, "aes-cbc-256");
    EXPECT_EQ(t.ikev2_proposals[0].integrity[0]->id, "hmac-sha2-256-128");
    EXPECT_EQ(t.ikev2_proposals[0].prf[0]->id, "prf-hmac-sha2-256");  // IOS: the integrity algorithm
    EXPECT_EQ(t.ikev2_proposals[0].dh_groups[0]->id, "modp2048");
    ASSERT_EQ(t.esp_v2.size(), 1u);
    EXPECT_EQ(t.esp_v2[0].encryption[0]->id, "aes-cbc-256");
    EXPECT_EQ(t.esp_v2[0].integrity[0]->id, "hmac-sha1-96");
    EXPECT_EQ(t.esp_v2[0].mode, "transport");
    ASSERT_TRUE(t.psk.ikev2_local && t.psk.ikev2_remote);
    EXPECT_EQ(t.psk.ikev2_local->reveal(), "cisco");
    EXPECT_EQ(t.psk.ikev2_remote->reveal(), "cisco");
    EXPECT_EQ(t.local_identity.type, model::IkeIdentity::Type::Address);
    EXPECT_EQ(t.local_identity.value, "");  // its own address
    EXPECT_FALSE(t.remote_identity.has_value());  // match identity remote any
    ASSERT_EQ(t.selectors.size(), 1u);
    EXPECT_EQ(t.selectors[0].local.protocol, 47);  // GRE between the tunnel end points
    EXPECT_EQ(t.selectors[0].remote.addresses, (model::AddressRange{ip("1.1.1.1"), ip("1.1.1.1")}));
    EXPECT_EQ(t.lifetime_seconds, model::kIosDefaultIpsecLifetimeSeconds);
    EXPECT_FALSE(t.dpd.enabled);
    EXPECT_FALSE(f.intent.has_errors()) << findings_of(f.intent);
  }
}

TEST(Seed002, TheDmvpnHubHasNoFixedPeerAndSaysSo) {
  const IosConfig f = IosConfig::fixture("seed002/hub.cfg");
  EXPECT_EQ(f.parsed.stats.unknown, 0u);
  EXPECT_TRUE(f.intent.tunnels.empty());
  EXPECT_TRUE(has_code(f.intent, "INTENT-DYNAMIC-PEER")) << findings_of(f.intent);
}

TEST(Seed002, IncompleteProposalPolicyAndProfileAreReportedWithTheSeedsRules) {
  const std::string text =
      "version 15.4\nhostname R\ncrypto ikev2 proposal P\n encryption aes-cbc-256\n group 14\n"
      "crypto ikev2 policy POL\n proposal P\ncrypto ikev2 profile PR\n keyring local K\n"
      "crypto ipsec transform-set T esp-aes 256 esp-sha-hmac\ncrypto ipsec profile IP\n set transform-set T\n"
      " set ikev2-profile PR\ninterface Tunnel1\n tunnel source 192.0.2.1\n tunnel destination 192.0.2.2\n"
      " tunnel mode ipsec ipv4\n tunnel protection ipsec profile IP\n";
  const IosConfig c("r.cfg", text);
  EXPECT_EQ(c.parsed.stats.unknown, 0u);
  const model::Intent& in = c.intent;
  EXPECT_TRUE(has_code(in, "INTENT-IKEV2-PROPOSAL-INCOMPLETE")) << findings_of(in);
  EXPECT_TRUE(has_code(in, "INTENT-IKEV2-POLICY-INCOMPLETE"));
  EXPECT_TRUE(has_code(in, "INTENT-IKEV2-PROFILE-INCOMPLETE"));
  ASSERT_EQ(in.tunnels.size(), 1u);
  EXPECT_EQ(in.tunnels[0].selectors[0].local.addresses, (model::AddressRange{0, 0xffffffffu}));  // VTI
}

TEST(Ios, CryptoMapIkev1TunnelFromTheCorpusStyle) {
  const std::string text =
      "hostname r1\ncrypto isakmp policy 10\n encr aes 256\n hash sha256\n authentication pre-share\n group 14\n"
      " lifetime 28800\ncrypto isakmp key s3cret address 198.51.100.2\ncrypto isakmp keepalive 10 3\n"
      "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n mode tunnel\n"
      "crypto map CM 10 ipsec-isakmp\n set peer 198.51.100.2\n set transform-set TS\n set pfs group14\n"
      " match address VPN\n"
      "ip access-list extended VPN\n permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.0.255\n deny ip any any\n"
      "interface GigabitEthernet0/0\n ip address 203.0.113.1 255.255.255.0\n crypto map CM\n";
  const IosConfig c("r1.cfg", text);
  EXPECT_EQ(c.parsed.stats.unknown, 0u);
  const model::Intent& in = c.intent;
  ASSERT_EQ(in.tunnels.size(), 1u) << findings_of(in);
  const model::Tunnel& t = in.tunnels[0];
  EXPECT_EQ(t.map, "CM");
  EXPECT_EQ(t.sequence, 10u);
  EXPECT_TRUE(t.ikev1);
  EXPECT_EQ(t.local_address, ip("203.0.113.1"));
  ASSERT_EQ(t.ikev1_proposals.size(), 1u);
  EXPECT_EQ(t.ikev1_proposals[0].encryption[0]->id, "aes-cbc-256");
  EXPECT_EQ(t.ikev1_proposals[0].lifetime_seconds, 28800u);
  EXPECT_EQ(t.psk.ikev1->reveal(), "s3cret");
  EXPECT_EQ(t.pfs_group->id, "modp2048");
  EXPECT_TRUE(t.dpd.enabled);
  EXPECT_EQ(t.dpd.threshold_seconds, 10u);
  EXPECT_EQ(t.dpd.retry_seconds, 3u);
  ASSERT_EQ(t.selectors.size(), 1u);
  EXPECT_EQ(t.selectors[0].local.addresses, (model::AddressRange{ip("10.1.0.0"), ip("10.1.255.255")}));
  EXPECT_EQ(t.selectors[0].remote.addresses, (model::AddressRange{ip("10.2.0.0"), ip("10.2.0.255")}));
  EXPECT_FALSE(in.has_errors()) << findings_of(in);
}

TEST(Ios, IsakmpIdentityHostnameSendsTheRoutersFqdn) {
  const std::string text =
      "hostname r1\nip domain name example.net\ncrypto isakmp identity hostname\ncrypto isakmp policy 10\n"
      " encr aes 256\n hash sha256\n authentication pre-share\n group 14\n"
      "crypto isakmp key k address 198.51.100.2\ncrypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n"
      "crypto map CM 10 ipsec-isakmp\n set peer 198.51.100.2\n set transform-set TS\n match address 101\n"
      "access-list 101 permit ip 10.1.0.0 0.0.255.255 10.2.0.0 0.0.0.255\n"
      "interface Gi0/0\n ip address 203.0.113.1 255.255.255.0\n crypto map CM\n";
  const IosConfig c("r1.cfg", text);
  EXPECT_EQ(c.parsed.stats.unknown, 0u);
  const model::Intent& in = c.intent;
  ASSERT_EQ(in.tunnels.size(), 1u) << findings_of(in);
  EXPECT_EQ(in.tunnels[0].local_identity.type, model::IkeIdentity::Type::Fqdn);
  EXPECT_EQ(in.tunnels[0].local_identity.value, "r1.example.net");
}

TEST(Ios, KeyIdIdentitiesBothWays) {
  const std::string text =
      "hostname r\ncrypto ikev2 proposal P\n encryption aes-cbc-128\n integrity sha1\n group 14\n"
      "crypto ikev2 policy POL\n proposal P\ncrypto ikev2 profile PR\n match identity remote key-id branch-7\n"
      " identity local key-id hq\n authentication local pre-share key k1\n authentication remote pre-share key k2\n"
      "crypto ipsec transform-set T esp-aes esp-sha-hmac\ncrypto map M 1 ipsec-isakmp\n set peer 198.51.100.7\n"
      " set transform-set T\n set ikev2-profile PR\n match address 110\n"
      "access-list 110 permit ip 10.0.0.0 0.0.0.255 10.7.0.0 0.0.0.255\ninterface Gi0/0\n ip address 203.0.113.1 255.255.255.0\n"
      " crypto map M\n";
  const IosConfig c("r.cfg", text);
  EXPECT_EQ(c.parsed.stats.unknown, 0u);
  const model::Intent& in = c.intent;
  ASSERT_EQ(in.tunnels.size(), 1u) << findings_of(in);
  const model::Tunnel& t = in.tunnels[0];
  EXPECT_EQ(t.local_identity.type, model::IkeIdentity::Type::KeyId);
  EXPECT_EQ(t.local_identity.value, "hq");
  ASSERT_TRUE(t.remote_identity.has_value());
  EXPECT_EQ(t.remote_identity->type, model::IkeIdentity::Type::KeyId);
  EXPECT_EQ(t.remote_identity->value, "branch-7");
  EXPECT_EQ(t.psk.ikev2_local->reveal(), "k1");   // inline keys of the profile
  EXPECT_EQ(t.psk.ikev2_remote->reveal(), "k2");
  // Spans point at the lines that say it.
  EXPECT_EQ(t.span.line, 14u);              // crypto map M 1 ipsec-isakmp
  EXPECT_EQ(t.remote_identity->span.line, 9u);
  EXPECT_EQ(t.selectors[0].span.line, 19u);  // the access-list line
}

TEST(Seed003, RtxIkev2TunnelEveryCommandModelled) {
  const RtxConfig f = RtxConfig::fixture("seed003/rtx-ikev2.cfg");
  EXPECT_EQ(f.parsed.stats.unknown, 0u);
  for (const auto& u : f.parsed.unknown) ADD_FAILURE() << u.span.line << ": " << u.reason;
  EXPECT_FALSE(rtx::check_rtx_input(f.src, f.parsed).has_value());
  EXPECT_EQ(detect_dialect(f.src).dialect, ConfigDialect::Rtx);
  ASSERT_EQ(f.intent.tunnels.size(), 1u) << findings_of(f.intent);
  const model::Tunnel& t = f.intent.tunnels[0];
  EXPECT_EQ(f.intent.dialect, "rtx");
  EXPECT_EQ(t.map, "tunnel");
  EXPECT_EQ(t.sequence, 1u);
  EXPECT_TRUE(t.ikev2);
  EXPECT_EQ(t.peers, std::vector<uint32_t>{ip("192.168.1.1")});
  EXPECT_EQ(t.local_address, ip("192.168.2.2"));
  ASSERT_EQ(t.ikev2_proposals.size(), 1u);
  EXPECT_EQ(t.ikev2_proposals[0].encryption[0]->id, "3des");
  EXPECT_EQ(t.ikev2_proposals[0].integrity[0]->id, "hmac-sha1-96");
  EXPECT_EQ(t.ikev2_proposals[0].prf[0]->id, "prf-hmac-sha1");
  EXPECT_EQ(t.ikev2_proposals[0].dh_groups[0]->id, "modp1536");
  EXPECT_EQ(t.ikev2_proposals[0].lifetime_seconds, 86400u);
  ASSERT_EQ(t.esp_v2.size(), 1u);
  EXPECT_EQ(t.esp_v2[0].encryption[0]->id, "3des");
  EXPECT_EQ(t.esp_v2[0].integrity[0]->id, "hmac-sha1-96");
  ASSERT_NE(t.pfs_group, nullptr);
  EXPECT_EQ(t.pfs_group->id, "modp1536");
  EXPECT_EQ(t.lifetime_seconds, 28800u);
  EXPECT_TRUE(t.nat_t);
  EXPECT_TRUE(t.dpd.enabled);
  EXPECT_EQ(t.dpd.threshold_seconds, 10u);
  EXPECT_EQ(t.psk.ikev2_local->reveal(), "cisco1234");
  EXPECT_EQ(t.psk.ikev2_remote->reveal(), "cisco1234");
  ASSERT_TRUE(t.remote_identity.has_value());
  EXPECT_EQ(t.remote_identity->type, model::IkeIdentity::Type::Address);
  ASSERT_EQ(t.selectors.size(), 1u);
  EXPECT_EQ(t.selectors[0].local.addresses, (model::AddressRange{ip("10.20.20.0"), ip("10.20.20.255")}));
  EXPECT_EQ(t.selectors[0].remote.addresses, (model::AddressRange{ip("10.10.10.0"), ip("10.10.10.255")}));
  EXPECT_FALSE(f.intent.has_errors()) << findings_of(f.intent);
}

TEST(Seed003, RtxDefaultsAreAssumedAndSaid) {
  const std::string text =
      "ipsec sa policy 1 1 esp aes-cbc sha-hmac\ntunnel select 1\n ipsec tunnel 1\n"
      " ipsec ike remote address 1 198.51.100.2\n ipsec ike local address 1 203.0.113.1\n"
      " ipsec ike pre-shared-key 1 text k\n tunnel enable 1\ntunnel select none\n";
  const RtxConfig c("r.cfg", text);
  EXPECT_EQ(c.parsed.stats.unknown, 0u);
  const model::Intent& in = c.intent;
  ASSERT_EQ(in.tunnels.size(), 1u) << findings_of(in);
  EXPECT_TRUE(in.tunnels[0].ikev1);  // RTX default: IKEv1
  EXPECT_FALSE(in.tunnels[0].nat_t);
  EXPECT_TRUE(has_code(in, "INTENT-IKE-DEFAULT-ASSUMED"));
}

TEST(Dialects, UnknownRtxLineIsListedWithItsPlaceAndReason) {
  text::SourceText src("r.cfg", "tunnel select 1\n ipsec ike frobnicate 1 on\nfoo bar\n");
  auto parsed = rtx::read_rtx(src);
  ASSERT_EQ(parsed.unknown.size(), 1u);
  EXPECT_EQ(parsed.unknown[0].line, 2u);
  EXPECT_NE(parsed.unknown[0].reason.find("'foo'"), std::string::npos);
  EXPECT_EQ(parsed.categories[1], LineCategory::Ignored);  // an IKE option outside the model
}

TEST(Dialects, EachReaderNamesTheDialectOfAForeignFile) {
  const std::string asa = test::read_file(test::fixture("seed004/asa1.cfg"));
  text::SourceText src("asa1.cfg", asa);
  auto as_ios = ios::read_ios(src);
  auto err = ios::check_ios_input(src, as_ios);
  ASSERT_TRUE(err.has_value());
  EXPECT_NE(err->message.find("Cisco ASA"), std::string::npos) << err->message;
  auto as_rtx = rtx::read_rtx(src);
  auto err2 = rtx::check_rtx_input(src, as_rtx);
  ASSERT_TRUE(err2.has_value());
  EXPECT_NE(err2->message.find("Cisco ASA"), std::string::npos) << err2->message;
  EXPECT_EQ(detect_dialect(src).dialect, ConfigDialect::Asa);
}

TEST(EnginePeerConfig, IosAndRtxIntentsRunOnTheIkev2EngineUnchanged) {
  const IosConfig spoke = IosConfig::fixture("seed002/spoke1.cfg");
  ASSERT_EQ(spoke.intent.tunnels.size(), 1u);
  std::string why;
  auto a = engine::ikev2::peer_config_from(spoke.intent.tunnels[0], why);
  ASSERT_TRUE(a.has_value()) << why;
  EXPECT_EQ(a->peer_address, ip("1.1.1.1"));
  EXPECT_EQ(a->local_address, ip("1.1.1.2"));
  EXPECT_FALSE(a->ike_offers.empty());

  const RtxConfig r = RtxConfig::fixture("seed003/rtx-ikev2.cfg");
  ASSERT_EQ(r.intent.tunnels.size(), 1u);
  auto b = engine::ikev2::peer_config_from(r.intent.tunnels[0], why);
  ASSERT_TRUE(b.has_value()) << why;
  EXPECT_EQ(b->peer_address, ip("192.168.1.1"));
  EXPECT_EQ(b->local_address, ip("192.168.2.2"));
  EXPECT_EQ(b->map, "tunnel");
  EXPECT_EQ(b->sequence, 1u);
}

}  // namespace
}  // namespace ikeshift

namespace ikeshift {
namespace {

// Every command seed 003 lists (its command chapter, in order), in the form
// `show config` prints it: each is read without an unknown line, and the ones
// the intent needs land in the model.
TEST(Seed003, EveryCommandOfTheSeedIsCovered) {
  const std::string text =
      "ipsec use on\n"                                          // IPsec動作の設定
      "ipsec ike version 1 2\n"                                 // IKEバージョンの設定
      "ipsec ike pre-shared-key 1 text s3cret\n"                // 事前共有鍵の登録
      "ipsec auto refresh 1 on\n"                               // IKEの鍵交換を始動するか否か
      "ipsec ike negotiate-strictly 1 on\n"                     // 設定が異なる場合に鍵交換を拒否するか否か
      "ipsec ike always-on 1 on\n"                              // 鍵交換に失敗したとき休止せずに継続するか否か
      "ipsec ike retry 10 5\n"                                  // 鍵交換の再送回数と間隔
      "ipsec ike remote name 1 peer.example.com fqdn\n"         // 相手側のセキュリティ・ゲートウェイの名前
      "ipsec ike remote address 1 192.0.2.2\n"                  // 相手側セキュリティ・ゲートウェイのIPアドレス
      "ipsec ike remote id 1 10.20.20.0/24\n"                   // 相手側のID
      "ipsec ike local name 1 rtx.example.com fqdn\n"           // 自分側のセキュリティ・ゲートウェイの名前
      "ipsec ike local address 1 192.0.2.1\n"                   // 自分側セキュリティ・ゲートウェイのIPアドレス
      "ipsec ike local id 1 10.10.10.0/24\n"                    // 自分側のID
      "ipsec ike keepalive use 1 on rfc4306 10 3\n"             // IKEキープアライブ機能
      "ipsec ike keepalive log 1 on\n"                          // IKEキープアライブに関するSYSLOG
      "ipsec ike encryption 1 aes256-cbc\n"                     // IKEが用いる暗号アルゴリズム
      "ipsec ike queue length 1 6\n"                            // 受信したIKEパケットを蓄積するキューの長さ
      "ipsec ike group 1 modp2048\n"                            // IKEが用いるグループ
      "ipsec ike hash 1 sha256\n"                               // IKEが用いるハッシュアルゴリズム
      "ipsec ike proposal-limitation 1 on\n"                    // 折衝パラメーターを制限するか否か
      "ipsec ike message-id-control 1 on\n"                     // IKEのメッセージID管理
      "ipsec ike child-exchange type 1 2\n"                     // CHILD SA作成方法
      "ipsec log illegal-spi on\n"                              // SPI値が無効な場合にログに出力するか否か
      "ipsec ike payload type 1 3\n"                            // IKEペイロードタイプ
      "ipsec ike send info 1 on\n"                              // IKEの情報ペイロードを送信するか否か
      "ipsec ike pfs 1 on\n"                                    // PFSを用いるか否か
      "ipsec ike log 1 key-info message-info payload-info\n"    // IKEのログの種類
      "ipsec ike esp-encapsulation 1 on\n"                      // ESPをUDPでカプセル化するか否か
      "ipsec ike duration child-sa 1 28800\n"                   // SAの寿命
      "ipsec ike duration ike-sa 1 86400\n"
      "ipsec sa policy 101 1 esp aes256-cbc sha256-hmac\n"      // SAのポリシーの定義
      "ipsec refresh sa\n"                                      // SAの手動更新
      "ipsec ike restrict-dangling-sa 1 auto\n"                 // ダングリングSAの動作
      "ipsec ike nat-traversal 1 on\n"                          // IPsec NATトラバーサル
      "ipsec sa delete all\n"                                   // SAの削除
      "tunnel select 1\n"                                       // トンネルインタフェース
      " tunnel encapsulation ipsec\n"
      " ipsec tunnel 101\n"
      " tunnel enable 1\n"
      "tunnel select none\n";
  const RtxConfig c("seed003.cfg", text);
  for (const auto& u : c.parsed.unknown) ADD_FAILURE() << "line " << u.span.line << ": " << u.reason;
  EXPECT_EQ(c.parsed.stats.unknown, 0u);
  const model::Intent& in = c.intent;
  ASSERT_EQ(in.tunnels.size(), 1u) << findings_of(in);
  const model::Tunnel& t = in.tunnels[0];
  EXPECT_TRUE(t.ikev2);
  EXPECT_EQ(t.ikev2_proposals[0].encryption[0]->id, "aes-cbc-256");
  EXPECT_EQ(t.ikev2_proposals[0].integrity[0]->id, "hmac-sha2-256-128");
  EXPECT_EQ(t.ikev2_proposals[0].prf[0]->id, "prf-hmac-sha2-256");
  EXPECT_EQ(t.ikev2_proposals[0].dh_groups[0]->id, "modp2048");
  EXPECT_EQ(t.esp_v2[0].encryption[0]->id, "aes-cbc-256");
  EXPECT_EQ(t.esp_v2[0].integrity[0]->id, "hmac-sha2-256-128");
  EXPECT_EQ(t.pfs_group->id, "modp2048");
  EXPECT_EQ(t.local_identity.type, model::IkeIdentity::Type::Fqdn);
  EXPECT_EQ(t.local_identity.value, "rtx.example.com");
  ASSERT_TRUE(t.remote_identity.has_value());
  EXPECT_EQ(t.remote_identity->value, "peer.example.com");
  EXPECT_EQ(t.psk.ikev2_local->reveal(), "s3cret");
  EXPECT_TRUE(t.nat_t);
  EXPECT_EQ(t.ikev2_proposals[0].lifetime_seconds, 86400u);
  EXPECT_FALSE(has_code(in, "INTENT-RTX-PROPOSALS-NOT-LIMITED"));
  EXPECT_FALSE(in.has_errors()) << findings_of(in);
}

}  // namespace
}  // namespace ikeshift
