// Intent derivation from hand-built ASA models: resolution of every operand
// kind, ASA defaults, and findings for what cannot be resolved.
#include "asa/asa_intent.h"
#include "model/intent.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "common/ipv4.h"

namespace ikeshift::model {
namespace {

using asa::AddressSpec;

uint32_t ip(const char* text) { return parse_ipv4(text).value(); }

// Every model object gets its own line so that spans in findings are checkable.
class ConfigBuilder {
 public:
  asa::Word word(const std::string& text) {
    return asa::Word{text, text::SourceSpan::at(next_line_++, 0, static_cast<uint32_t>(text.size()))};
  }
  text::SourceSpan span() { return text::SourceSpan::whole_line(next_line_++, 10); }

  // The baseline: one IKEv1 L2L tunnel CM 10 to 198.51.100.2 on `outside`.
  asa::AsaConfig baseline() {
    asa::AsaConfig c;
    c.hostname = word("asa-a");
    asa::Interface outside;
    outside.hardware = word("GigabitEthernet0/0");
    outside.nameif = word("outside");
    outside.address = ip("203.0.113.1");
    outside.mask = ip("255.255.255.0");
    c.interfaces.push_back(outside);

    asa::Ikev1Policy p;
    p.priority = 10;
    p.block.span = span();
    p.authentication = word("pre-share");
    p.encryption = word("aes-256");
    p.hash = word("sha");
    p.group = word("14");
    p.lifetime = 86400;
    c.ikev1_policies.push_back(p);

    asa::TransformSet ts;
    ts.name = word("TS");
    ts.transforms = {word("esp-aes-256"), word("esp-sha-hmac")};
    c.transform_sets.push_back(ts);

    asa::AccessList acl;
    acl.name = "VPN";
    acl.entries.push_back(entry("ip", subnet("10.1.0.0", "255.255.0.0"),
                                subnet("10.2.0.0", "255.255.255.0")));
    c.access_lists.push_back(acl);

    asa::CryptoMapEntry e;
    e.map = "CM";
    e.sequence = 10;
    e.span = span();
    e.match_address = word("VPN");
    e.peers = {word("198.51.100.2")};
    e.ikev1_transform_sets = {word("TS")};
    c.crypto_map_entries.push_back(e);

    c.crypto_map_bindings.push_back({word("CM"), word("outside"), next_line_++});
    c.ike_enables.push_back({1, false, word("outside"), next_line_++});

    asa::TunnelGroup tg;
    tg.name = "198.51.100.2";
    tg.type = word("ipsec-l2l");
    tg.ikev1_psk = key(asa::PresharedKey::Form::Plain, "s3cr3t-key");
    c.tunnel_groups.push_back(tg);
    return c;
  }

  AddressSpec host(const char* a) {
    AddressSpec s;
    s.kind = AddressSpec::Kind::Host;
    s.a = ip(a);
    s.span = span();
    return s;
  }
  AddressSpec subnet(const char* a, const char* m) {
    AddressSpec s;
    s.kind = AddressSpec::Kind::Subnet;
    s.a = ip(a);
    s.b = ip(m);
    s.span = span();
    return s;
  }
  AddressSpec range(const char* a, const char* b) {
    AddressSpec s;
    s.kind = AddressSpec::Kind::Range;
    s.a = ip(a);
    s.b = ip(b);
    s.span = span();
    return s;
  }
  AddressSpec any() {
    AddressSpec s;
    s.span = span();
    return s;
  }
  AddressSpec ref(AddressSpec::Kind kind, const std::string& name) {
    AddressSpec s;
    s.kind = kind;
    s.name = name;
    s.span = span();
    return s;
  }
  asa::AclEntry entry(const std::string& protocol, AddressSpec src, AddressSpec dst) {
    asa::AclEntry e;
    e.protocol = word(protocol);
    e.source = std::move(src);
    e.destination = std::move(dst);
    e.span = span();
    e.line = e.span.line - 1;
    return e;
  }
  asa::PresharedKey key(asa::PresharedKey::Form form, const std::string& text) {
    asa::PresharedKey k;
    k.form = form;
    k.key = Secret(text);
    k.span = span();
    return k;
  }

 private:
  uint32_t next_line_ = 0;
};

std::vector<const Finding*> with_code(const Intent& in, const std::string& code) {
  std::vector<const Finding*> out;
  for (const Finding& f : in.findings) {
    if (f.code == code) out.push_back(&f);
  }
  return out;
}

std::string all_findings(const Intent& in) {
  std::string s;
  for (const Finding& f : in.findings) s += format_finding(f);
  return s;
}

const SelectorPair* find_pair(const Tunnel& t, uint32_t local_first, uint32_t remote_first) {
  for (const SelectorPair& p : t.selectors) {
    if (p.local.addresses.first == local_first && p.remote.addresses.first == remote_first) {
      return &p;
    }
  }
  return nullptr;
}

class IntentTest : public ::testing::Test {
 protected:
  ConfigBuilder b;
  asa::AsaConfig cfg = b.baseline();
  asa::AccessList& acl() { return cfg.access_lists.front(); }
  asa::CryptoMapEntry& map_entry() { return cfg.crypto_map_entries.front(); }
  asa::TunnelGroup& group() { return cfg.tunnel_groups.front(); }
  Intent derive() { return derive_intent(cfg, "a.cfg"); }
};

TEST_F(IntentTest, BaselineTunnel) {
  const Intent in = derive();
  EXPECT_EQ(in.device, "asa-a");
  EXPECT_EQ(in.file, "a.cfg");
  EXPECT_FALSE(in.has_errors()) << all_findings(in);
  EXPECT_EQ(in.count(Severity::Warning), 0u) << all_findings(in);
  ASSERT_EQ(in.tunnels.size(), 1u);
  const Tunnel& t = in.tunnels[0];
  EXPECT_EQ(in.tunnel("CM", 10), &t);
  EXPECT_EQ(t.map, "CM");
  EXPECT_EQ(t.sequence, 10u);
  EXPECT_EQ(t.local_interface, "outside");
  EXPECT_EQ(t.local_address, ip("203.0.113.1"));
  EXPECT_EQ(t.peers, std::vector<uint32_t>{ip("198.51.100.2")});
  EXPECT_TRUE(t.ikev1);
  EXPECT_FALSE(t.ikev2);
  ASSERT_EQ(t.ikev1_proposals.size(), 1u);
  const IkeProposal& p = t.ikev1_proposals[0];
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.priority, 10);
  EXPECT_EQ(p.authentication, "pre-share");
  ASSERT_EQ(p.encryption.size(), 1u);
  EXPECT_EQ(p.encryption[0]->id, "aes-cbc-256");
  EXPECT_EQ(p.integrity[0]->id, "hmac-sha1-96");
  EXPECT_EQ(p.prf[0]->id, "prf-hmac-sha1");
  EXPECT_EQ(p.dh_groups[0]->id, "modp2048");
  EXPECT_EQ(p.lifetime_seconds, 86400u);
  ASSERT_EQ(t.esp_v1.size(), 1u);
  EXPECT_EQ(t.esp_v1[0].name, "TS");
  EXPECT_EQ(t.esp_v1[0].mode, "tunnel");
  ASSERT_EQ(t.esp_v1[0].encryption.size(), 1u);
  EXPECT_EQ(t.esp_v1[0].encryption[0]->id, "aes-cbc-256");
  ASSERT_EQ(t.esp_v1[0].integrity.size(), 1u);
  EXPECT_EQ(t.esp_v1[0].integrity[0]->id, "hmac-sha1-96");
  EXPECT_TRUE(t.esp_v2.empty());
  EXPECT_EQ(t.pfs_group, nullptr);
  EXPECT_EQ(t.lifetime_seconds, 28800u);
  EXPECT_EQ(t.lifetime_kilobytes, 4608000u);
  EXPECT_EQ(t.acl, "VPN");
  ASSERT_EQ(t.selectors.size(), 1u);
  EXPECT_EQ(t.selectors[0].local.addresses, (AddressRange{ip("10.1.0.0"), ip("10.1.255.255")}));
  EXPECT_EQ(t.selectors[0].remote.addresses, (AddressRange{ip("10.2.0.0"), ip("10.2.0.255")}));
  EXPECT_EQ(t.selectors[0].local.protocol, 0);
  EXPECT_EQ(t.selectors[0].remote.port_first, 0);
  EXPECT_EQ(t.selectors[0].remote.port_last, 65535);
  EXPECT_EQ(t.selectors[0].span.line, acl().entries[0].span.line);
  EXPECT_EQ(t.tunnel_group, "198.51.100.2");
  ASSERT_TRUE(t.psk.ikev1.has_value());
  EXPECT_EQ(t.psk.ikev1->reveal(), "s3cr3t-key");
  EXPECT_FALSE(t.psk.ikev2_local.has_value());
  EXPECT_FALSE(t.psk.masked);
  EXPECT_TRUE(t.dpd.enabled);
  EXPECT_EQ(t.dpd.threshold_seconds, 10u);
  EXPECT_EQ(t.dpd.retry_seconds, 2u);
  EXPECT_FALSE(t.dpd.reply_only);
  EXPECT_EQ(t.connection_type, "bidirectional");
  EXPECT_TRUE(t.nat_t);
  EXPECT_EQ(t.span.line, map_entry().span.line);
}

TEST_F(IntentTest, HostAnyRangeAndInterfaceOperands) {
  acl().entries.clear();
  acl().entries.push_back(b.entry("ip", b.host("10.1.1.5"), b.any()));
  acl().entries.push_back(b.entry("ip", b.range("10.1.1.10", "10.1.1.20"),
                                  b.ref(AddressSpec::Kind::Interface, "outside")));
  const Intent in = derive();
  ASSERT_FALSE(in.has_errors()) << all_findings(in);
  const Tunnel& t = in.tunnels.at(0);
  ASSERT_EQ(t.selectors.size(), 2u);
  EXPECT_EQ(t.selectors[0].local.addresses, (AddressRange{ip("10.1.1.5"), ip("10.1.1.5")}));
  EXPECT_EQ(t.selectors[0].remote.addresses, (AddressRange{0, 0xffffffffu}));
  EXPECT_EQ(t.selectors[1].local.addresses, (AddressRange{ip("10.1.1.10"), ip("10.1.1.20")}));
  EXPECT_EQ(t.selectors[1].remote.addresses,
            (AddressRange{ip("203.0.113.1"), ip("203.0.113.1")}));
}

TEST_F(IntentTest, SubnetWithHostBitsIsNormalised) {
  acl().entries[0].source = b.subnet("10.1.1.77", "255.255.255.0");
  const Intent in = derive();
  const Tunnel& t = in.tunnels.at(0);
  EXPECT_EQ(t.selectors.at(0).local.addresses, (AddressRange{ip("10.1.1.0"), ip("10.1.1.255")}));
}

TEST_F(IntentTest, NonContiguousMaskIsAnError) {
  acl().entries[0].source = b.subnet("10.1.0.0", "255.0.255.0");
  const Intent in = derive();
  EXPECT_EQ(with_code(in, "INTENT-BAD-MASK").size(), 1u);
  EXPECT_TRUE(in.tunnels.at(0).selectors.empty());
  EXPECT_EQ(with_code(in, "INTENT-NO-SELECTORS").size(), 1u);
}

TEST_F(IntentTest, NameAliasesResolveForHostsSubnetsAndPeers) {
  cfg.names.push_back({b.word("server1"), ip("10.1.1.9"), 0});
  cfg.names.push_back({b.word("branch-net"), ip("10.9.0.0"), 0});
  cfg.names.push_back({b.word("branch-gw"), ip("198.51.100.2"), 0});
  acl().entries[0].source = b.ref(AddressSpec::Kind::Host, "server1");
  AddressSpec net = b.ref(AddressSpec::Kind::Subnet, "branch-net");
  net.b = ip("255.255.0.0");
  acl().entries[0].destination = net;
  map_entry().peers = {b.word("branch-gw")};
  const Intent in = derive();
  ASSERT_FALSE(in.has_errors()) << all_findings(in);
  const Tunnel& t = in.tunnels.at(0);
  EXPECT_EQ(t.peers, std::vector<uint32_t>{ip("198.51.100.2")});
  // The tunnel-group is named after the IP even when the peer is an alias.
  EXPECT_EQ(t.tunnel_group, "198.51.100.2");
  EXPECT_TRUE(t.psk.ikev1.has_value());
  EXPECT_EQ(t.selectors.at(0).local.addresses, (AddressRange{ip("10.1.1.9"), ip("10.1.1.9")}));
  EXPECT_EQ(t.selectors.at(0).remote.addresses, (AddressRange{ip("10.9.0.0"), ip("10.9.255.255")}));
}

TEST_F(IntentTest, UndefinedNameAndPeerAreErrors) {
  acl().entries[0].source = b.ref(AddressSpec::Kind::Host, "ghost");
  map_entry().peers = {b.word("nowhere"), b.word("198.51.100.2")};
  const Intent in = derive();
  const auto name = with_code(in, "INTENT-UNDEFINED-NAME");
  ASSERT_EQ(name.size(), 1u);
  EXPECT_EQ(name[0]->severity, Severity::Error);
  EXPECT_NE(name[0]->message.find("ghost"), std::string::npos);
  EXPECT_EQ(name[0]->where.span.line, acl().entries[0].source.span.line);
  const auto peer = with_code(in, "INTENT-UNRESOLVED-PEER");
  ASSERT_EQ(peer.size(), 1u);
  EXPECT_NE(peer[0]->message.find("nowhere"), std::string::npos);
  EXPECT_EQ(peer[0]->where.file, "a.cfg");
  // Never invented: only the resolvable peer remains.
  EXPECT_EQ(in.tunnels.at(0).peers, std::vector<uint32_t>{ip("198.51.100.2")});
}

TEST_F(IntentTest, ObjectsAndNestedObjectGroupsExpandToTheCrossProduct) {
  asa::NetworkObject web;
  web.name = b.word("WEB");
  web.value = b.host("10.1.5.5");
  cfg.network_objects.push_back(web);
  asa::NetworkObject pool;
  pool.name = b.word("POOL");
  pool.value = b.range("10.1.6.1", "10.1.6.9");
  cfg.network_objects.push_back(pool);

  asa::NetworkObjectGroup inner;
  inner.name = b.word("INNER");
  inner.members = {b.subnet("10.3.0.0", "255.255.0.0"), b.host("10.4.4.4")};
  cfg.network_object_groups.push_back(inner);
  asa::NetworkObjectGroup local;
  local.name = b.word("LOCAL");
  local.members = {b.ref(AddressSpec::Kind::Object, "WEB"),
                   b.ref(AddressSpec::Kind::Object, "POOL")};
  cfg.network_object_groups.push_back(local);
  asa::NetworkObjectGroup remote;
  remote.name = b.word("REMOTE");
  remote.members = {b.ref(AddressSpec::Kind::ObjectGroup, "INNER"), b.host("10.5.5.5")};
  cfg.network_object_groups.push_back(remote);

  acl().entries[0].source = b.ref(AddressSpec::Kind::ObjectGroup, "LOCAL");
  acl().entries[0].destination = b.ref(AddressSpec::Kind::ObjectGroup, "REMOTE");
  const Intent in = derive();
  ASSERT_FALSE(in.has_errors()) << all_findings(in);
  const Tunnel& t = in.tunnels.at(0);
  ASSERT_EQ(t.selectors.size(), 6u);  // 2 local x 3 remote
  const SelectorPair* p = find_pair(t, ip("10.1.6.1"), ip("10.3.0.0"));
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->local.addresses.last, ip("10.1.6.9"));
  EXPECT_EQ(p->remote.addresses.last, ip("10.3.255.255"));
  EXPECT_NE(find_pair(t, ip("10.1.5.5"), ip("10.4.4.4")), nullptr);
  EXPECT_NE(find_pair(t, ip("10.1.5.5"), ip("10.5.5.5")), nullptr);
  for (const SelectorPair& sp : t.selectors) EXPECT_EQ(sp.span.line, acl().entries[0].span.line);
}

TEST_F(IntentTest, ObjectGroupCycleIsDetected) {
  asa::NetworkObjectGroup a;
  a.name = b.word("A");
  a.members = {b.host("10.1.1.1"), b.ref(AddressSpec::Kind::ObjectGroup, "B")};
  asa::NetworkObjectGroup g;
  g.name = b.word("B");
  g.members = {b.ref(AddressSpec::Kind::ObjectGroup, "A")};
  cfg.network_object_groups = {a, g};
  acl().entries[0].source = b.ref(AddressSpec::Kind::ObjectGroup, "A");
  const Intent in = derive();
  const auto cycle = with_code(in, "INTENT-OBJECT-GROUP-CYCLE");
  ASSERT_EQ(cycle.size(), 1u);
  EXPECT_EQ(cycle[0]->severity, Severity::Error);
  EXPECT_NE(cycle[0]->message.find("'A'"), std::string::npos);
  EXPECT_TRUE(in.tunnels.at(0).selectors.empty());
}

TEST_F(IntentTest, UndefinedObjectAndGroupAreErrors) {
  acl().entries[0].source = b.ref(AddressSpec::Kind::Object, "NOPE");
  acl().entries.push_back(
      b.entry("ip", b.any(), b.ref(AddressSpec::Kind::ObjectGroup, "NOGROUP")));
  acl().entries.push_back(b.entry("ip", b.host("10.1.1.1"), b.host("10.2.2.2")));
  const Intent in = derive();
  ASSERT_EQ(with_code(in, "INTENT-UNDEFINED-OBJECT").size(), 1u);
  ASSERT_EQ(with_code(in, "INTENT-UNDEFINED-OBJECT-GROUP").size(), 1u);
  EXPECT_NE(with_code(in, "INTENT-UNDEFINED-OBJECT")[0]->message.find("NOPE"), std::string::npos);
  // The good line still yields its selector.
  ASSERT_EQ(in.tunnels.at(0).selectors.size(), 1u);
  EXPECT_EQ(in.tunnels.at(0).selectors[0].local.addresses.first, ip("10.1.1.1"));
}

TEST_F(IntentTest, ProtocolsAndPorts) {
  acl().entries.clear();
  asa::AclEntry web = b.entry("tcp", b.host("10.1.1.1"), b.host("10.2.2.2"));
  web.destination_port = asa::PortSpec{asa::PortSpec::Op::Eq, "www", ""};
  acl().entries.push_back(web);
  asa::AclEntry dns = b.entry("udp", b.host("10.1.1.1"), b.host("10.2.2.2"));
  dns.source_port = asa::PortSpec{asa::PortSpec::Op::Range, "1024", "65535"};
  dns.destination_port = asa::PortSpec{asa::PortSpec::Op::Eq, "domain", ""};
  acl().entries.push_back(dns);
  asa::AclEntry not_ssh = b.entry("TCP", b.host("10.1.1.1"), b.host("10.2.2.2"));
  not_ssh.destination_port = asa::PortSpec{asa::PortSpec::Op::Neq, "ssh", ""};
  acl().entries.push_back(not_ssh);
  acl().entries.push_back(b.entry("icmp", b.host("10.1.1.1"), b.host("10.2.2.2")));
  acl().entries.push_back(b.entry("47", b.host("10.1.1.1"), b.host("10.2.2.2")));
  const Intent in = derive();
  ASSERT_FALSE(in.has_errors()) << all_findings(in);
  const std::vector<SelectorPair>& s = in.tunnels.at(0).selectors;
  ASSERT_EQ(s.size(), 6u);
  EXPECT_EQ(s[0].local.protocol, 6);
  EXPECT_EQ(s[0].remote.protocol, 6);
  EXPECT_EQ(s[0].remote.port_first, 80);
  EXPECT_EQ(s[0].remote.port_last, 80);
  EXPECT_EQ(s[0].local.port_first, 0);
  EXPECT_EQ(s[0].local.port_last, 65535);
  EXPECT_EQ(s[1].local.protocol, 17);
  EXPECT_EQ(s[1].local.port_first, 1024);
  EXPECT_EQ(s[1].local.port_last, 65535);
  EXPECT_EQ(s[1].remote.port_first, 53);
  EXPECT_EQ(s[1].remote.port_last, 53);
  // neq 22 -> 0-21 and 23-65535
  EXPECT_EQ(s[2].remote.port_first, 0);
  EXPECT_EQ(s[2].remote.port_last, 21);
  EXPECT_EQ(s[3].remote.port_first, 23);
  EXPECT_EQ(s[3].remote.port_last, 65535);
  EXPECT_EQ(s[4].local.protocol, 1);
  EXPECT_EQ(s[5].local.protocol, 47);
}

TEST_F(IntentTest, UnknownPortAndProtocolAreErrors) {
  acl().entries.clear();
  asa::AclEntry bad_port = b.entry("tcp", b.any(), b.any());
  bad_port.destination_port = asa::PortSpec{asa::PortSpec::Op::Eq, "no-such-port", ""};
  acl().entries.push_back(bad_port);
  acl().entries.push_back(b.entry("banana", b.any(), b.any()));
  acl().entries.push_back(b.entry("tcp", b.any(), b.any()));
  acl().entries.back().destination_port = asa::PortSpec{asa::PortSpec::Op::Lt, "0", ""};
  const Intent in = derive();
  EXPECT_EQ(with_code(in, "INTENT-UNKNOWN-PORT").size(), 1u);
  EXPECT_EQ(with_code(in, "INTENT-UNKNOWN-PROTOCOL").size(), 1u);
  EXPECT_EQ(with_code(in, "INTENT-EMPTY-PORT-RANGE").size(), 1u);
  EXPECT_TRUE(in.tunnels.at(0).selectors.empty());
}

TEST_F(IntentTest, DenyAndInactiveLinesAreNotSelectors) {
  asa::AclEntry deny = b.entry("ip", b.host("10.1.1.1"), b.any());
  deny.permit = false;
  asa::AclEntry inactive = b.entry("ip", b.host("10.1.1.2"), b.any());
  inactive.inactive = true;
  acl().entries.insert(acl().entries.begin(), {deny, inactive});
  const Intent in = derive();
  EXPECT_EQ(in.tunnels.at(0).selectors.size(), 1u);
  ASSERT_EQ(with_code(in, "INTENT-ACL-DENY").size(), 1u);
  EXPECT_EQ(with_code(in, "INTENT-ACL-DENY")[0]->severity, Severity::Info);
}

TEST_F(IntentTest, PfsDefaultsToGroup2) {
  map_entry().has_pfs = true;
  const Intent in = derive();
  ASSERT_NE(in.tunnels.at(0).pfs_group, nullptr);
  EXPECT_EQ(in.tunnels.at(0).pfs_group->id, "modp1024");
  EXPECT_EQ(in.tunnels.at(0).pfs_group->iana_id, 2);
}

TEST_F(IntentTest, PfsExplicitAndUnknownGroup) {
  map_entry().has_pfs = true;
  map_entry().pfs_group = b.word("group19");
  EXPECT_EQ(derive().tunnels.at(0).pfs_group->id, "ecp256");
  map_entry().pfs_group = b.word("group99");
  const Intent in = derive();
  EXPECT_EQ(in.tunnels.at(0).pfs_group, nullptr);
  const auto unknown = with_code(in, "INTENT-UNKNOWN-ALGORITHM");
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_NE(unknown[0]->message.find("group99"), std::string::npos);
  EXPECT_NE(unknown[0]->hint.find("group14"), std::string::npos);
}

TEST_F(IntentTest, LifetimesGlobalThenEntry) {
  cfg.ipsec.sa_lifetime_seconds = 3600;
  cfg.ipsec.sa_lifetime_kilobytes = 0;  // unlimited
  Intent in = derive();
  EXPECT_EQ(in.tunnels.at(0).lifetime_seconds, 3600u);
  EXPECT_EQ(in.tunnels.at(0).lifetime_kilobytes, 0u);
  map_entry().lifetime.seconds = 7200;
  in = derive();
  EXPECT_EQ(in.tunnels.at(0).lifetime_seconds, 7200u);
  EXPECT_EQ(in.tunnels.at(0).lifetime_kilobytes, 0u);
}

TEST_F(IntentTest, DynamicMapsAreSkippedWithInfo) {
  asa::CryptoMapEntry dyn;
  dyn.map = "DYN";
  dyn.sequence = 10;
  dyn.dynamic_map = true;
  dyn.ikev1_transform_sets = {b.word("TS")};
  dyn.span = b.span();
  cfg.crypto_map_entries.push_back(dyn);
  asa::CryptoMapEntry ref;
  ref.map = "CM";
  ref.sequence = 65535;
  ref.dynamic_reference = b.word("DYN");
  ref.span = b.span();
  cfg.crypto_map_entries.push_back(ref);
  const Intent in = derive();
  ASSERT_EQ(in.tunnels.size(), 1u);
  EXPECT_EQ(in.tunnels[0].sequence, 10u);
  const auto dynamic = with_code(in, "INTENT-DYNAMIC-MAP");
  ASSERT_EQ(dynamic.size(), 2u);
  EXPECT_EQ(dynamic[0]->severity, Severity::Info);
  EXPECT_EQ(dynamic[1]->where.span.line, ref.span.line);
  EXPECT_FALSE(in.has_errors()) << all_findings(in);
}

TEST_F(IntentTest, EntryWithoutPeerIsNotATunnel) {
  map_entry().peers.clear();
  const Intent in = derive();
  EXPECT_TRUE(in.tunnels.empty());
  EXPECT_EQ(with_code(in, "INTENT-NO-PEER").size(), 1u);
}

TEST_F(IntentTest, MissingAclIsAnError) {
  map_entry().match_address = b.word("NO-SUCH-ACL");
  const Intent in = derive();
  const auto f = with_code(in, "INTENT-UNDEFINED-ACL");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->severity, Severity::Error);
  EXPECT_NE(f[0]->message.find("NO-SUCH-ACL"), std::string::npos);
  EXPECT_EQ(f[0]->where.span.line, map_entry().match_address->span.line);
  EXPECT_FALSE(f[0]->hint.empty());
  EXPECT_TRUE(in.tunnels.at(0).selectors.empty());
}

TEST_F(IntentTest, MissingTransformSetIsAnError) {
  map_entry().ikev1_transform_sets = {b.word("GONE")};
  const Intent in = derive();
  const auto f = with_code(in, "INTENT-UNDEFINED-TRANSFORM-SET");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0]->severity, Severity::Error);
  EXPECT_NE(f[0]->message.find("GONE"), std::string::npos);
  EXPECT_TRUE(in.tunnels.at(0).esp_v1.empty());
}

TEST_F(IntentTest, UnknownTransformIsAnError) {
  cfg.transform_sets[0].transforms.push_back(b.word("esp-rot13"));
  const Intent in = derive();
  const auto f = with_code(in, "INTENT-UNKNOWN-ALGORITHM");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_NE(f[0]->message.find("esp-rot13"), std::string::npos);
  EXPECT_EQ(f[0]->where.span.line, cfg.transform_sets[0].transforms.back().span.line);
  EXPECT_TRUE(in.tunnels.at(0).esp_v1.empty());
}

TEST_F(IntentTest, TransportModeAndNullTransforms) {
  cfg.transform_sets[0].transforms = {b.word("ESP-NULL"), b.word("esp-none")};
  cfg.transform_sets[0].mode = b.word("transport");
  const Intent in = derive();
  const EspProposal& p = in.tunnels.at(0).esp_v1.at(0);
  EXPECT_EQ(p.mode, "transport");
  EXPECT_EQ(p.encryption.at(0)->id, "null");
  EXPECT_EQ(p.integrity.at(0)->id, "none");
}

TEST_F(IntentTest, Ikev2TunnelWithPoliciesSortedByPriority) {
  cfg.ike_enables.push_back({2, false, b.word("outside"), 99});
  asa::Ikev2Policy late;
  late.priority = 20;
  late.block.span = b.span();
  late.encryption = {b.word("aes-256")};
  late.integrity = {b.word("sha256")};
  late.prf = {b.word("sha256")};
  late.group = {b.word("14")};
  asa::Ikev2Policy early;
  early.priority = 1;
  early.block.span = b.span();
  early.encryption = {b.word("aes-gcm-256"), b.word("aes-gcm")};
  early.integrity = {b.word("null")};
  early.prf = {b.word("sha384")};
  early.group = {b.word("20"), b.word("19")};
  early.lifetime_seconds = 43200;
  cfg.ikev2_policies = {late, early};
  asa::IpsecProposal prop;
  prop.name = b.word("P1");
  prop.block.span = b.span();
  prop.encryption = {b.word("aes-256"), b.word("aes-gmac")};
  prop.integrity = {b.word("sha-256"), b.word("sha-1")};
  cfg.ipsec_proposals.push_back(prop);
  map_entry().ikev2_proposals = {b.word("P1")};

  const Intent in = derive();
  ASSERT_FALSE(in.has_errors()) << all_findings(in);
  const Tunnel& t = in.tunnels.at(0);
  EXPECT_TRUE(t.ikev1);
  EXPECT_TRUE(t.ikev2);
  ASSERT_EQ(t.ikev2_proposals.size(), 2u);
  EXPECT_EQ(t.ikev2_proposals[0].priority, 1);
  EXPECT_EQ(t.ikev2_proposals[1].priority, 20);
  const IkeProposal& p = t.ikev2_proposals[0];
  EXPECT_EQ(p.version, 2);
  ASSERT_EQ(p.encryption.size(), 2u);
  EXPECT_EQ(p.encryption[0]->id, "aes-gcm-256");
  EXPECT_EQ(p.encryption[1]->id, "aes-gcm-128");
  EXPECT_EQ(p.integrity.at(0)->id, "none");
  EXPECT_EQ(p.prf.at(0)->id, "prf-hmac-sha2-384");
  ASSERT_EQ(p.dh_groups.size(), 2u);
  EXPECT_EQ(p.dh_groups[0]->id, "ecp384");
  EXPECT_EQ(p.dh_groups[1]->id, "ecp256");
  EXPECT_EQ(p.lifetime_seconds, 43200u);
  EXPECT_EQ(t.ikev2_proposals[1].lifetime_seconds, 86400u);
  ASSERT_EQ(t.esp_v2.size(), 1u);
  EXPECT_EQ(t.esp_v2[0].name, "P1");
  EXPECT_EQ(t.esp_v2[0].encryption.at(1)->id, "aes-gmac-128");
  EXPECT_EQ(t.esp_v2[0].integrity.at(0)->id, "hmac-sha2-256-128");
  EXPECT_EQ(t.esp_v2[0].integrity.at(1)->id, "hmac-sha1-96");
}

TEST_F(IntentTest, Ikev2PrfDefaultsToIntegrityWithWarning) {
  cfg.ike_enables.push_back({2, false, b.word("outside"), 99});
  asa::Ikev2Policy p;
  p.priority = 5;
  p.encryption = {b.word("aes-256")};
  p.integrity = {b.word("sha512"), b.word("sha")};
  p.group = {b.word("21")};
  cfg.ikev2_policies = {p};
  asa::IpsecProposal prop;
  prop.name = b.word("P1");
  prop.encryption = {b.word("aes-256")};
  prop.integrity = {b.word("sha-256")};
  cfg.ipsec_proposals.push_back(prop);
  map_entry().ikev2_proposals = {b.word("P1")};
  const Intent in = derive();
  const IkeProposal& ike = in.tunnels.at(0).ikev2_proposals.at(0);
  ASSERT_EQ(ike.prf.size(), 2u);
  EXPECT_EQ(ike.prf[0]->id, "prf-hmac-sha2-512");
  EXPECT_EQ(ike.prf[1]->id, "prf-hmac-sha1");
  EXPECT_EQ(with_code(in, "INTENT-IKE-DEFAULT-ASSUMED").size(), 1u);
}

TEST_F(IntentTest, MissingIpsecProposalAndIkev2NotEnabled) {
  map_entry().ikev2_proposals = {b.word("NOPROP")};
  const Intent in = derive();
  EXPECT_EQ(with_code(in, "INTENT-UNDEFINED-IPSEC-PROPOSAL").size(), 1u);
  // `crypto ikev2 enable outside` is missing: IKEv2 is off for this tunnel.
  EXPECT_FALSE(in.tunnels.at(0).ikev2);
  EXPECT_EQ(with_code(in, "INTENT-IKE-NOT-ENABLED").size(), 1u);
}

TEST_F(IntentTest, Ikev2EnabledOnTheInterfaceWithoutAnIpsecProposal) {
  // What the tunnel manager needs for 752010: IKEv2 runs on the map's
  // interface, but this entry has no ipsec-proposal, so the tunnel is IKEv1.
  EXPECT_FALSE(derive().tunnels.at(0).ikev2_enabled_on_interface);
  cfg.ike_enables.push_back({2, false, b.word("outside"), 1000});
  const Intent in = derive();
  EXPECT_TRUE(in.tunnels.at(0).ikev2_enabled_on_interface);
  EXPECT_FALSE(in.tunnels.at(0).ikev2);
  EXPECT_TRUE(in.tunnels.at(0).ikev1);
}

TEST_F(IntentTest, Ikev1Phase1Mode) {
  EXPECT_FALSE(derive().tunnels.at(0).ikev1_aggressive_mode);
  map_entry().phase1_mode = b.word("Aggressive");
  EXPECT_TRUE(derive().tunnels.at(0).ikev1_aggressive_mode);
  map_entry().phase1_mode = b.word("main");
  EXPECT_FALSE(derive().tunnels.at(0).ikev1_aggressive_mode);
}

TEST_F(IntentTest, IkeNotEnabledMeansNoVersion) {
  cfg.ike_enables.clear();
  const Intent in = derive();
  EXPECT_FALSE(in.tunnels.at(0).ikev1);
  EXPECT_TRUE(in.tunnels.at(0).ikev1_proposals.empty());
  EXPECT_EQ(with_code(in, "INTENT-IKE-NOT-ENABLED").size(), 1u);
  EXPECT_EQ(with_code(in, "INTENT-NO-IKE-VERSION").size(), 1u);
}

TEST_F(IntentTest, UnboundMapHasNoInterface) {
  cfg.crypto_map_bindings.clear();
  const Intent in = derive();
  EXPECT_EQ(in.tunnels.at(0).local_interface, "");
  EXPECT_FALSE(in.tunnels.at(0).local_address.has_value());
  EXPECT_FALSE(in.tunnels.at(0).ikev1);
  EXPECT_EQ(with_code(in, "INTENT-MAP-NOT-BOUND").size(), 1u);
}

TEST_F(IntentTest, Ikev1PolicyDefaultsAreReported) {
  cfg.ikev1_policies[0].encryption.reset();
  cfg.ikev1_policies[0].group.reset();
  cfg.ikev1_policies[0].lifetime.reset();
  const Intent in = derive();
  const IkeProposal& p = in.tunnels.at(0).ikev1_proposals.at(0);
  EXPECT_EQ(p.encryption.at(0)->id, "3des");
  EXPECT_EQ(p.dh_groups.at(0)->id, "modp1024");
  EXPECT_EQ(p.lifetime_seconds, 86400u);
  EXPECT_EQ(with_code(in, "INTENT-IKE-DEFAULT-ASSUMED").size(), 2u);
}

TEST_F(IntentTest, UnknownIkev1PolicyAlgorithmDropsThePolicy) {
  cfg.ikev1_policies[0].hash = b.word("sha3");
  const Intent in = derive();
  EXPECT_EQ(with_code(in, "INTENT-UNKNOWN-ALGORITHM").size(), 1u);
  EXPECT_EQ(with_code(in, "INTENT-NO-IKE-POLICY").size(), 1u);
  EXPECT_TRUE(in.tunnels.at(0).ikev1_proposals.empty());
}

TEST_F(IntentTest, MaskedAndEncryptedKeysAreFlagged) {
  group().ikev1_psk = b.key(asa::PresharedKey::Form::Masked, "*****");
  group().ikev2_local_psk = b.key(asa::PresharedKey::Form::Encrypted8, "AbCdEfEnc==");
  group().ikev2_remote_psk = b.key(asa::PresharedKey::Form::Plain, "remote-key");
  const Intent in = derive();
  const Tunnel& t = in.tunnels.at(0);
  EXPECT_TRUE(t.psk.masked);
  EXPECT_TRUE(t.psk.encrypted);
  ASSERT_TRUE(t.psk.ikev1.has_value());
  EXPECT_EQ(t.psk.ikev1->reveal(), "*****");
  ASSERT_TRUE(t.psk.ikev2_remote.has_value());
  EXPECT_EQ(t.psk.ikev2_remote->reveal(), "remote-key");
  EXPECT_EQ(with_code(in, "INTENT-PSK-MASKED").size(), 1u);
  EXPECT_EQ(with_code(in, "INTENT-PSK-ENCRYPTED").size(), 1u);
}

TEST_F(IntentTest, HexKeysAreDecodedAndKeysNeverPrinted) {
  group().ikev2_local_psk = b.key(asa::PresharedKey::Form::Hex, "414243");
  group().ikev2_remote_psk = b.key(asa::PresharedKey::Form::Hex, "41Z");
  const Intent in = derive();
  const Tunnel& t = in.tunnels.at(0);
  ASSERT_TRUE(t.psk.ikev2_local.has_value());
  EXPECT_EQ(t.psk.ikev2_local->reveal(), "ABC");
  EXPECT_FALSE(t.psk.ikev2_remote.has_value());
  EXPECT_EQ(with_code(in, "INTENT-PSK-BAD-HEX").size(), 1u);
  const std::string text = all_findings(in);
  EXPECT_EQ(text.find("s3cr3t-key"), std::string::npos);
  EXPECT_EQ(text.find("41Z"), std::string::npos);
}

TEST_F(IntentTest, KeepaliveModes) {
  group().keepalive = asa::Keepalive{asa::Keepalive::Mode::Threshold, 30, 5, b.span()};
  Intent in = derive();
  EXPECT_TRUE(in.tunnels.at(0).dpd.enabled);
  EXPECT_EQ(in.tunnels.at(0).dpd.threshold_seconds, 30u);
  EXPECT_EQ(in.tunnels.at(0).dpd.retry_seconds, 5u);
  group().keepalive->mode = asa::Keepalive::Mode::Infinite;
  in = derive();
  EXPECT_TRUE(in.tunnels.at(0).dpd.enabled);
  EXPECT_TRUE(in.tunnels.at(0).dpd.reply_only);
  group().keepalive->mode = asa::Keepalive::Mode::Disabled;
  in = derive();
  EXPECT_FALSE(in.tunnels.at(0).dpd.enabled);
}

TEST_F(IntentTest, DefaultL2LGroupAndMissingGroup) {
  group().name = "DefaultL2LGroup";
  Intent in = derive();
  EXPECT_EQ(in.tunnels.at(0).tunnel_group, "DefaultL2LGroup");
  EXPECT_TRUE(in.tunnels.at(0).psk.ikev1.has_value());
  EXPECT_EQ(with_code(in, "INTENT-DEFAULT-L2L-GROUP").size(), 1u);
  cfg.tunnel_groups.clear();
  in = derive();
  EXPECT_EQ(in.tunnels.at(0).tunnel_group, "");
  EXPECT_FALSE(in.tunnels.at(0).psk.ikev1.has_value());
  EXPECT_EQ(with_code(in, "INTENT-NO-TUNNEL-GROUP").size(), 1u);
}

TEST_F(IntentTest, ConnectionTypeAndNatTraversal) {
  map_entry().connection_type = b.word("answer-only");
  map_entry().nat_t_disable = true;
  Intent in = derive();
  EXPECT_EQ(in.tunnels.at(0).connection_type, "answer-only");
  EXPECT_FALSE(in.tunnels.at(0).nat_t);
  map_entry().nat_t_disable = false;
  cfg.isakmp_nat_traversal_disabled = true;
  in = derive();
  EXPECT_FALSE(in.tunnels.at(0).nat_t);
}

}  // namespace
}  // namespace ikeshift::model
