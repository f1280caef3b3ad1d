// The ASA reader: grammar coverage of the VPN subset, line categories (no line
// lost), spans, deferred parsing of ACLs/objects, and the input checks.
#include <gtest/gtest.h>

#include "asa/asa_reader.h"

namespace ikeshift::asa {
namespace {

ParseResult read(const std::string& text, const ReadOptions& o = {}) {
  text::SourceText src("t.cfg", text);
  return read_asa(src, o);
}

TEST(AsaReader, KeywordsAreCaseInsensitiveNamesKeepTheirCase) {
  auto r = read(
      "crypto ipsec IKEv1 transform-set GoSet esp-3des esp-sha-hmac\n"
      "CRYPTO MAP Vpn 12 SET IKEv1 TRANSFORM-SET GoSet\n"
      "crypto map Vpn 12 set peer 192.168.2.2\n"
      "crypto IKEv1 enable outside\n");
  ASSERT_EQ(r.config.transform_sets.size(), 1u);
  EXPECT_EQ(r.config.transform_sets[0].name.text, "GoSet");
  EXPECT_FALSE(r.config.transform_sets[0].legacy);
  ASSERT_EQ(r.config.crypto_map_entries.size(), 1u);
  const auto& e = r.config.crypto_map_entries[0];
  EXPECT_EQ(e.map, "Vpn");
  ASSERT_EQ(e.ikev1_transform_sets.size(), 1u);
  EXPECT_EQ(e.ikev1_transform_sets[0].text, "GoSet");
  EXPECT_EQ(e.ikev1_transform_sets[0].span.line, 2u);
  EXPECT_EQ(e.ikev1_transform_sets[0].span.col, 43u);
  EXPECT_TRUE(r.config.ike_enabled(1, "outside"));
  EXPECT_EQ(r.stats.unknown, 0u);
}

TEST(AsaReader, EveryLineHasOneCategoryAndUnknownLinesSayWhere) {
  auto r = read(
      ": Saved\n"
      "ASA Version 9.8(4)\n"
      "!\n"
      "\n"
      "logging enable\n"
      "frobnicate the widgets\n"
      "crypto ikev1 policy 10\n"
      " encryption 3des\n"
      " frobnicate\n"
      " group\n"
      "banner motd Authorised use only\n");
  ASSERT_EQ(r.categories.size(), 11u);
  EXPECT_EQ(r.categories[0], LineCategory::Comment);
  EXPECT_EQ(r.categories[1], LineCategory::Modelled);
  EXPECT_EQ(r.categories[3], LineCategory::Blank);
  EXPECT_EQ(r.categories[4], LineCategory::Ignored);
  EXPECT_EQ(r.categories[5], LineCategory::Unknown);
  EXPECT_EQ(r.categories[7], LineCategory::Modelled);
  EXPECT_EQ(r.categories[8], LineCategory::Unknown);
  EXPECT_EQ(r.categories[9], LineCategory::Unknown);
  EXPECT_EQ(r.categories[10], LineCategory::FreeText);
  ASSERT_EQ(r.unknown.size(), 3u);
  EXPECT_EQ(r.unknown[0].span.line, 6u);
  EXPECT_NE(r.unknown[0].reason.find("frobnicate"), std::string::npos);
  EXPECT_NE(r.unknown[1].reason.find("crypto ikev1 policy"), std::string::npos);
  // ` group` with no value: the grammar says the line ends too early, at its end.
  EXPECT_EQ(r.unknown[2].span.line, 10u);
  EXPECT_EQ(r.unknown[2].span.col, 7u);
  EXPECT_NE(r.unknown[2].reason.find("ends too early"), std::string::npos);
  EXPECT_EQ(r.stats.lines, r.stats.blank + r.stats.comments + r.stats.free_text + r.stats.modelled +
                               r.stats.ignored + r.stats.unknown);
  ASSERT_TRUE(r.config.version.has_value());
  EXPECT_EQ(r.config.version->text, "9.8(4)");
}

TEST(AsaReader, Ikev1AndIkev2PoliciesAndProposals) {
  auto r = read(
      "crypto ikev1 policy 20\n"
      " authentication pre-share\n"
      " encryption aes-256\n"
      " hash sha\n"
      " group 14\n"
      " lifetime 28800\n"
      "crypto ikev2 policy 5\n"
      " encryption aes-gcm-256 aes-256\n"
      " integrity null\n"
      " group 21 20\n"
      " prf sha384 sha256\n"
      " lifetime seconds 43200\n"
      "crypto ipsec ikev2 ipsec-proposal P1\n"
      " protocol esp encryption aes-256 aes\n"
      " protocol esp integrity sha-256 sha-1\n");
  ASSERT_EQ(r.config.ikev1_policies.size(), 1u);
  const auto& v1 = r.config.ikev1_policies[0];
  EXPECT_EQ(v1.priority, 20);
  EXPECT_EQ(v1.encryption->text, "aes-256");
  EXPECT_EQ(v1.group->text, "14");
  EXPECT_EQ(*v1.lifetime, 28800u);
  EXPECT_EQ(v1.block.header_line, 0u);
  EXPECT_EQ(v1.block.last_line, 5u);
  ASSERT_EQ(r.config.ikev2_policies.size(), 1u);
  const auto& v2 = r.config.ikev2_policies[0];
  ASSERT_EQ(v2.encryption.size(), 2u);
  EXPECT_EQ(v2.encryption[0].text, "aes-gcm-256");
  ASSERT_EQ(v2.group.size(), 2u);
  EXPECT_EQ(v2.prf[1].text, "sha256");
  EXPECT_EQ(*v2.lifetime_seconds, 43200u);
  ASSERT_EQ(r.config.ipsec_proposals.size(), 1u);
  EXPECT_EQ(r.config.ipsec_proposals[0].integrity.size(), 2u);
  EXPECT_EQ(r.config.ipsec_proposals[0].block.last_line, 14u);
  EXPECT_EQ(r.stats.unknown, 0u);
}

TEST(AsaReader, Pre84SyntaxIsModelledAndMarkedLegacy) {
  auto r = read(
      "crypto isakmp policy 10\n"
      " authentication pre-share\n"
      " encryption 3des\n"
      "crypto isakmp enable outside\n"
      "crypto ipsec transform-set TS esp-aes esp-md5-hmac\n"
      "crypto map M 1 set transform-set TS\n"
      "tunnel-group 1.2.3.4 type ipsec-l2l\n"
      "tunnel-group 1.2.3.4 ipsec-attributes\n"
      " pre-shared-key s3cret\n"
      "crypto isakmp nat-traversal 20\n"
      "no crypto isakmp nat-traversal\n");
  EXPECT_TRUE(r.config.ikev1_policies.at(0).legacy_isakmp);
  EXPECT_TRUE(r.config.ike_enables.at(0).legacy_isakmp);
  EXPECT_TRUE(r.config.transform_sets.at(0).legacy);
  EXPECT_TRUE(r.config.crypto_map_entries.at(0).legacy_transform_keyword);
  const auto& tg = r.config.tunnel_groups.at(0);
  ASSERT_TRUE(tg.ikev1_psk.has_value());
  EXPECT_TRUE(tg.ikev1_psk->legacy);
  EXPECT_EQ(tg.ikev1_psk->key.reveal(), "s3cret");
  EXPECT_TRUE(r.config.isakmp_nat_traversal_disabled);
  EXPECT_EQ(r.stats.unknown, 0u);
}

TEST(AsaReader, PresharedKeyForms) {
  auto r = read(
      "tunnel-group 10.0.0.1 ipsec-attributes\n"
      " ikev1 pre-shared-key *****\n"
      " ikev2 local-authentication pre-shared-key 8 QWxhZGRpbg==\n"
      " ikev2 remote-authentication pre-shared-key hex 0a1b2c\n"
      " isakmp keepalive threshold infinite\n"
      " peer-id-validate nocheck\n"
      "tunnel-group 10.0.0.2 ipsec-attributes\n"
      " ikev1 pre-shared-key 0 plain\n"
      " ikev2 local-authentication pre-shared-key\n"
      " ikev2 remote-authentication certificate\n"
      " isakmp keepalive threshold 20 retry 5\n"
      " chain\n");
  ASSERT_EQ(r.config.tunnel_groups.size(), 2u);
  const auto& a = r.config.tunnel_groups[0];
  EXPECT_EQ(a.ikev1_psk->form, PresharedKey::Form::Masked);
  EXPECT_EQ(a.ikev2_local_psk->form, PresharedKey::Form::Encrypted8);
  EXPECT_EQ(a.ikev2_local_psk->key.reveal(), "QWxhZGRpbg==");
  EXPECT_EQ(a.ikev2_remote_psk->form, PresharedKey::Form::Hex);
  EXPECT_EQ(a.ikev2_remote_psk->key.reveal(), "0a1b2c");
  EXPECT_EQ(a.keepalive->mode, Keepalive::Mode::Infinite);
  EXPECT_EQ(a.peer_id_validate->text, "nocheck");
  const auto& b = r.config.tunnel_groups[1];
  EXPECT_EQ(b.ikev1_psk->form, PresharedKey::Form::Plain);
  EXPECT_TRUE(b.ikev1_psk->explicit_zero);
  EXPECT_EQ(b.ikev1_psk->key.reveal(), "plain");
  EXPECT_EQ(b.ikev2_local_psk->form, PresharedKey::Form::Missing);
  EXPECT_TRUE(b.ikev2_remote_certificate_or_eap);
  EXPECT_EQ(b.keepalive->threshold, 20u);
  EXPECT_EQ(b.keepalive->retry, 5u);
  EXPECT_EQ(r.categories[11], LineCategory::Ignored);  // chain: known, not modelled
  EXPECT_EQ(r.stats.unknown, 0u);
}

TEST(AsaReader, CryptoMapEntriesCollectEveryForm) {
  auto r = read(
      "crypto map outside_map 10 match address L2L\n"
      "crypto map outside_map 10 set pfs\n"
      "crypto map outside_map 10 set connection-type bidirectional\n"
      "crypto map outside_map 10 set peer 1.1.1.1 2.2.2.2 \n"
      "crypto map outside_map 10 set ikev1 phase1-mode main\n"
      "crypto map outside_map 10 set ikev1 transform-set A B\n"
      "crypto map outside_map 10 set ikev2 ipsec-proposal P\n"
      "crypto map outside_map 10 set security-association lifetime kilobytes 4608000 seconds 3600\n"
      "crypto map outside_map 10 set nat-t-disable\n"
      "crypto map outside_map 10 set reverse-route\n"
      "no crypto map outside_map 10 set tfc-packets\n"
      "crypto map outside_map 65535 ipsec-isakmp dynamic DYN\n"
      "crypto dynamic-map DYN 5 set ikev1 transform-set A\n"
      "crypto map outside_map interface outside\n");
  ASSERT_EQ(r.config.crypto_map_entries.size(), 3u);
  const auto& e = r.config.crypto_map_entries[0];
  EXPECT_EQ(e.sequence, 10u);
  EXPECT_TRUE(e.has_pfs);
  EXPECT_FALSE(e.pfs_group.has_value());  // `set pfs` alone: group2
  ASSERT_EQ(e.peers.size(), 2u);
  EXPECT_EQ(e.peers[1].text, "2.2.2.2");
  EXPECT_EQ(e.ikev1_transform_sets.size(), 2u);
  EXPECT_EQ(e.ikev1_transform_line, 5u);
  EXPECT_EQ(e.ikev2_proposal_line, 6u);
  EXPECT_EQ(*e.lifetime.seconds, 3600u);
  EXPECT_EQ(*e.lifetime.kilobytes, 4608000u);
  EXPECT_TRUE(e.nat_t_disable);
  EXPECT_TRUE(e.reverse_route);
  EXPECT_EQ(e.phase1_mode->text, "main");
  EXPECT_EQ(e.first_line, 0u);
  EXPECT_EQ(e.last_line, 10u);
  EXPECT_EQ(r.config.crypto_map_entries[1].dynamic_reference->text, "DYN");
  EXPECT_TRUE(r.config.crypto_map_entries[2].dynamic_map);
  ASSERT_EQ(r.config.crypto_map_bindings.size(), 1u);
  EXPECT_EQ(r.config.crypto_map_bindings[0].interface.text, "outside");
  EXPECT_EQ(r.stats.unknown, 0u);
}

TEST(AsaReader, OnlyAclsAndObjectsACryptoMapNeedsAreParsed) {
  const std::string text =
      "object network HOST1\n"
      " host 10.1.1.1\n"
      "object network UNUSED\n"
      " host 10.9.9.9\n"
      "object-group network INNER\n"
      " network-object object HOST1\n"
      "object-group network LOCAL\n"
      " network-object 10.10.10.0 255.255.255.0\n"
      " group-object INNER\n"
      "access-list WEB extended permit tcp any host 10.1.1.1 eq www\n"
      "access-list L2L extended permit ip object-group LOCAL 10.20.20.0 255.255.255.0\n"
      "access-list L2L remark second line\n"
      "crypto map M 1 match address L2L\n";
  auto r = read(text);
  ASSERT_EQ(r.config.access_lists.size(), 1u);
  EXPECT_EQ(r.config.access_lists[0].name, "L2L");
  ASSERT_EQ(r.config.access_lists[0].entries.size(), 1u);
  EXPECT_EQ(r.config.access_lists[0].lines.size(), 2u);
  const auto& entry = r.config.access_lists[0].entries[0];
  EXPECT_EQ(entry.source.kind, AddressSpec::Kind::ObjectGroup);
  EXPECT_EQ(entry.destination.kind, AddressSpec::Kind::Subnet);
  EXPECT_EQ(entry.destination.b, 0xffffff00u);
  // LOCAL, INNER (through group-object) and HOST1 (through INNER); not UNUSED.
  EXPECT_EQ(r.config.network_object_groups.size(), 2u);
  ASSERT_EQ(r.config.network_objects.size(), 1u);
  EXPECT_EQ(r.config.network_objects[0].name.text, "HOST1");
  EXPECT_EQ(r.categories[2], LineCategory::Ignored);  // UNUSED: known syntax, not needed
  EXPECT_EQ(r.categories[9], LineCategory::Ignored);  // WEB: not a crypto ACL
  EXPECT_EQ(r.categories[10], LineCategory::Modelled);

  ReadOptions all;
  all.parse_all = true;
  auto full = read(text, all);
  EXPECT_EQ(full.config.access_lists.size(), 2u);
  EXPECT_EQ(full.config.network_objects.size(), 2u);
  EXPECT_EQ(full.stats.unknown, 0u);
}

TEST(AsaReader, InterfacesGroupPoliciesAndPartlyModelledBlocks) {
  auto r = read(
      "interface GigabitEthernet0/0\n"
      "  speed 1000\n"
      "  nameif outside\n"
      "  security-level 0\n"
      "  ip address 192.0.2.1 255.255.255.0 standby 192.0.2.2\n"
      "  description uplink \xe9t\xe9\n"
      "! a comment inside the block\n"
      "  ip verify reverse-path\n"
      "group-policy GP attributes\n"
      " vpn-tunnel-protocol ikev1 ikev2\n"
      " webvpn\n"
      "  anyconnect keep-installer none\n"
      "tunnel-group RA type remote-access\n"
      "tunnel-group RA webvpn-attributes\n"
      " group-alias ra enable\n");
  ASSERT_EQ(r.config.interfaces.size(), 1u);
  const auto& itf = r.config.interfaces[0];
  EXPECT_EQ(itf.nameif->text, "outside");
  EXPECT_EQ(*itf.address, 0xc0000201u);
  EXPECT_EQ(*itf.security_level, 0);
  EXPECT_EQ(itf.block.last_line, 7u);  // the comment did not close the block
  EXPECT_EQ(r.categories[5], LineCategory::FreeText);
  EXPECT_EQ(r.categories[7], LineCategory::Ignored);
  ASSERT_EQ(r.config.group_policies.size(), 1u);
  EXPECT_EQ(r.config.group_policies[0].vpn_tunnel_protocols.size(), 2u);
  EXPECT_EQ(r.categories[11], LineCategory::Ignored);  // nested webvpn sub-mode
  EXPECT_EQ(r.config.tunnel_groups.at(0).type->text, "remote-access");
  EXPECT_EQ(r.stats.unknown, 0u);
}

TEST(AsaReader, CrlfAndMissingFinalNewlineAndCertificateData) {
  auto r = read(
      "crypto ca certificate chain TP\r\n"
      " certificate 0123ABCD\r\n"
      "    308201f4 3082015d a0030201\r\n"
      "  quit\r\n"
      "crypto ikev1 enable outside");
  EXPECT_EQ(r.categories[0], LineCategory::Ignored);
  EXPECT_EQ(r.categories[1], LineCategory::FreeText);
  EXPECT_EQ(r.categories[2], LineCategory::FreeText);
  EXPECT_EQ(r.categories[3], LineCategory::FreeText);
  EXPECT_EQ(r.categories[4], LineCategory::Modelled);
  EXPECT_EQ(r.config.ike_enables.at(0).interface.text, "outside");
}

std::optional<InputError> check(const std::string& text) {
  text::SourceText src("t.cfg", text);
  return check_asa_input(src, read_asa(src));
}

TEST(AsaInputChecks, RejectsWhatCannotBeMigrated) {
  EXPECT_NE(check("")->message.find("empty"), std::string::npos);
  EXPECT_NE(check(" \n\n")->message.find("empty"), std::string::npos);
  auto bin = check(std::string("hostname a\nxx\0yy\n", 17));
  ASSERT_TRUE(bin.has_value());
  EXPECT_NE(bin->message.find("binary"), std::string::npos);
  EXPECT_EQ(bin->span.line, 2u);
  EXPECT_EQ(bin->span.col, 3u);
  auto ios = check("version 15.2\nservice timestamps\nrouter ospf 1\n network 10.0.0.0 0.0.0.255 area 0\nline vty 0 4\n");
  ASSERT_TRUE(ios.has_value());
  EXPECT_NE(ios->message.find("not an ASA configuration"), std::string::npos);
  EXPECT_NE(ios->hint.find("IOS"), std::string::npos);
  auto saved = check(": Saved\nASA Version 9.8(4)\nhostname a\n");
  ASSERT_TRUE(saved.has_value());
  EXPECT_NE(saved->message.find(": end"), std::string::npos);
  auto midline = check("hostname a\ncrypto map vpn 10 set pe");
  ASSERT_TRUE(midline.has_value());
  EXPECT_NE(midline->message.find("truncated"), std::string::npos);
  EXPECT_EQ(midline->span.line, 2u);
  auto midblock = check("hostname a\ncrypto ikev1 policy 10\n");
  ASSERT_TRUE(midblock.has_value());
  EXPECT_NE(midblock->message.find("mid-block"), std::string::npos);
  EXPECT_EQ(midblock->span.line, 2u);
  EXPECT_FALSE(check("hostname a\ncrypto ikev1 policy 10\n encryption aes\n").has_value());
  EXPECT_FALSE(check(": Saved\nhostname a\n: end\n").has_value());
}

}  // namespace
}  // namespace ikeshift::asa
