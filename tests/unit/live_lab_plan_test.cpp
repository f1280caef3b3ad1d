// The lab `ikeshift check` plans from two or three real configurations:
// namespaces, links, router, test hosts and probes (no root needed).
#include "live/lab_plan.h"

#include <gtest/gtest.h>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "common/ipv4.h"
#include "test_support.h"
#include "translate/translate_job.h"

#include <tuple>

namespace ikeshift::live {
namespace {

uint32_t ip(const char* s) { return parse_ipv4(s).value(); }

LabDevice device(const std::string& name, const std::string& text) {
  text::SourceText src(name, text);
  return LabDevice{name, model::derive_intent(asa::read_asa(src).config, name)};
}

LabDevice fixture(const std::string& rel) { return device(rel, test::read_file(test::fixture(rel))); }

void replace(std::string& s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}

// Seed 004: 192.168.1.1/24 and 192.168.2.2/24 are on different subnets, so
// the lab puts a router between them (three namespaces).
TEST(LabPlan, SeedPairOnTwoSubnetsGetsARouter) {
  LabPlan p = plan_lab({fixture("seed004/asa1.cfg"), fixture("seed004/asa2.cfg")}, "ikc-1-0");
  EXPECT_FALSE(p.has_errors());
  ASSERT_EQ(p.device_ns.size(), 2u);
  EXPECT_EQ(p.device_ns[0], "ikc-1-0-a");
  EXPECT_EQ(p.device_ns[1], "ikc-1-0-b");
  ASSERT_TRUE(p.router_ns.has_value());
  EXPECT_EQ(*p.router_ns, "ikc-1-0-r");
  ASSERT_EQ(p.links.size(), 2u);
  EXPECT_EQ(p.links[0].a.ns, "ikc-1-0-a");
  EXPECT_EQ(p.links[0].a.name, "outside");
  EXPECT_EQ(p.links[0].a.address->address, ip("192.168.1.1"));
  EXPECT_EQ(p.links[0].a.address->prefix, 24);
  EXPECT_EQ(p.links[0].b.ns, "ikc-1-0-r");
  EXPECT_EQ(p.links[0].b.name, "a-outside");
  EXPECT_EQ(p.links[0].b.address->address, ip("192.168.1.2"));  // first free host of A's subnet
  EXPECT_EQ(p.links[1].a.address->address, ip("192.168.2.2"));
  EXPECT_EQ(p.links[1].b.address->address, ip("192.168.2.1"));
  ASSERT_EQ(p.routes.size(), 2u);
  EXPECT_EQ(p.routes[0].ns, "ikc-1-0-a");
  EXPECT_EQ(p.routes[0].destination, ip("192.168.2.0"));
  EXPECT_EQ(p.routes[0].prefix, 24);
  EXPECT_EQ(p.routes[0].via, ip("192.168.1.2"));
  EXPECT_EQ(p.routes[1].via, ip("192.168.2.1"));
  ASSERT_EQ(p.pairs.size(), 2u);
  EXPECT_EQ(p.pairs[0].peer_device, 1u);
  EXPECT_EQ(p.pairs[0].peer_tunnel, 0u);
  EXPECT_EQ(p.pairs[1].peer_device, 0u);
  // One probe each way: 10.10.10.1 -> 10.20.20.1 and back, ICMP.
  ASSERT_EQ(p.probes.size(), 2u);
  EXPECT_EQ(p.probes[0].source, ip("10.10.10.1"));
  EXPECT_EQ(p.probes[0].destination, ip("10.20.20.1"));
  EXPECT_EQ(p.probes[0].protocol, 0);
  EXPECT_EQ(p.probes[1].device, 1u);
  EXPECT_EQ(p.probes[1].source, ip("10.20.20.1"));
  ASSERT_EQ(p.host_addresses.size(), 2u);
  EXPECT_EQ(p.host_addresses[1].first, "ikc-1-0-b");
  EXPECT_EQ(p.host_addresses[1].second.address, ip("10.20.20.1"));
}

TEST(LabPlan, OneSubnetIsADirectLink) {
  std::string b = test::read_file(test::fixture("seed004/asa2.cfg"));
  std::string a = test::read_file(test::fixture("seed004/asa1.cfg"));
  replace(b, " ip address 192.168.2.2 255.255.255.0", " ip address 192.168.1.2 255.255.255.0");
  replace(a, "set peer 192.168.2.2", "set peer 192.168.1.2");
  LabPlan p = plan_lab({device("a.cfg", a), device("b.cfg", b)}, "ikc-2-0");
  EXPECT_FALSE(p.has_errors());
  EXPECT_FALSE(p.router_ns.has_value());
  ASSERT_EQ(p.links.size(), 1u);
  EXPECT_EQ(p.links[0].b.ns, "ikc-2-0-b");
  EXPECT_TRUE(p.routes.empty());
  EXPECT_EQ(p.pairs[0].peer_device, 1u);
}

// A hub with entries to two spokes: three devices, a router with one leg per
// subnet, and probes for both tunnels.
TEST(LabPlan, HubWithTwoPeersIsFourNamespaces) {
  std::string hub = test::read_file(test::fixture("seed004/asa1.cfg"));
  replace(hub, "crypto map vpn interface outside",
          "crypto map vpn 20 match address TO-C\ncrypto map vpn 20 set peer 192.168.3.3\n"
          "crypto map vpn 20 set ikev1 transform-set goset\ncrypto map vpn interface outside");
  replace(hub, "!\ncrypto ipsec", "access-list TO-C extended permit ip 10.10.10.0 255.255.255.0 10.30.30.0 255.255.255.0\n!\ncrypto ipsec");
  std::string c = test::read_file(test::fixture("seed004/asa2.cfg"));
  replace(c, "192.168.2.2 255.255.255.0", "192.168.3.3 255.255.255.0");
  replace(c, "10.20.20.1 255.255.255.0", "10.30.30.1 255.255.255.0");
  replace(c, "permit ip 10.20.20.0 255.255.255.0 10.10.10.0", "permit ip 10.30.30.0 255.255.255.0 10.10.10.0");
  LabPlan p = plan_lab({device("hub.cfg", hub), fixture("seed004/asa2.cfg"), device("c.cfg", c)}, "ikc-3-0");
  EXPECT_FALSE(p.has_errors()) << (p.findings.empty() ? "" : format_finding(p.findings[0]));
  ASSERT_TRUE(p.router_ns.has_value());
  EXPECT_EQ(p.links.size(), 3u);
  EXPECT_EQ(p.routes.size(), 6u);  // each device: the two other subnets
  ASSERT_EQ(p.pairs.size(), 4u);
  EXPECT_EQ(p.pairs[0].peer_device, 1u);  // vpn 12 -> B
  EXPECT_EQ(p.pairs[1].peer_device, 2u);  // vpn 20 -> C
  ASSERT_EQ(p.probes.size(), 4u);
  EXPECT_EQ(p.probes[1].destination, ip("10.30.30.1"));
  // The hub's host 10.10.10.1 is added once although two tunnels use it.
  size_t hub_hosts = 0;
  for (const auto& h : p.host_addresses) hub_hosts += h.first == "ikc-3-0-a";
  EXPECT_EQ(hub_hosts, 1u);
}

TEST(LabPlan, TwoDevicesOnOneSubnetWithAThirdAreBridged) {
  std::string a = test::read_file(test::fixture("seed004/asa1.cfg"));
  std::string b = test::read_file(test::fixture("seed004/asa2.cfg"));
  replace(b, " ip address 192.168.2.2 255.255.255.0", " ip address 192.168.1.2 255.255.255.0");
  replace(a, "set peer 192.168.2.2", "set peer 192.168.1.2");
  std::string c = test::read_file(test::fixture("seed004/asa2.cfg"));
  replace(c, "192.168.2.2 255.255.255.0", "192.168.3.3 255.255.255.0");
  LabPlan p = plan_lab({device("a.cfg", a), device("b.cfg", b), device("c.cfg", c)}, "ikc-4-0");
  ASSERT_EQ(p.bridges.size(), 1u);
  EXPECT_EQ(p.bridges[0].address.address, ip("192.168.1.3"));
  size_t ports = 0;
  for (const LabLink& l : p.links) ports += l.b.bridge == p.bridges[0].name;
  EXPECT_EQ(ports, 2u);
  // C's entry points at 192.168.1.1 too, but A has no entry back to C.
  std::vector<std::string> unpaired;
  for (const Finding& f : p.findings)
    if (f.code == "CHECK-UNPAIRED-ENTRY") unpaired.push_back(f.where.file);
  EXPECT_EQ(unpaired, std::vector<std::string>{"c.cfg"});
}

TEST(LabPlan, UnpairedEntriesAreExplained) {
  std::string b = test::read_file(test::fixture("seed004/asa2.cfg"));
  replace(b, "set peer 192.168.1.1", "set peer 192.168.1.9");
  LabPlan p = plan_lab({fixture("seed004/asa1.cfg"), device("b.cfg", b)}, "ikc-5-0");
  ASSERT_EQ(p.pairs.size(), 2u);
  EXPECT_FALSE(p.pairs[0].peer_tunnel.has_value());
  EXPECT_EQ(p.pairs[0].why_unpaired, "ASA-2 has no tunnel whose peer is 192.168.1.1");
  EXPECT_EQ(p.pairs[1].why_unpaired, "its peer 192.168.1.9 is none of the configurations checked");
  EXPECT_TRUE(p.probes.empty());
  ASSERT_EQ(p.findings.size(), 2u);
  EXPECT_EQ(p.findings[1].where.file, "b.cfg");
  EXPECT_EQ(p.findings[1].where.span.line, 20u);  // the entry's first line
}

TEST(LabPlan, ProbesFollowTheAclProtocolAndPort) {
  std::string a = test::read_file(test::fixture("seed004/asa1.cfg"));
  replace(a, "access-list NEWARK extended permit ip 10.10.10.0 255.255.255.0 10.20.20.0 255.255.255.0",
          "access-list NEWARK extended permit tcp host 10.10.10.5 10.20.20.0 255.255.255.0 eq 443\n"
          "access-list NEWARK extended permit udp 10.10.10.0 255.255.255.0 host 10.20.20.7 eq 53\n"
          "access-list NEWARK extended permit gre 10.10.10.0 255.255.255.0 10.20.20.0 255.255.255.0\n"
          "access-list NEWARK extended permit ip any 10.20.20.0 255.255.255.0");
  LabPlan p = plan_lab({device("a.cfg", a), fixture("seed004/asa2.cfg")}, "ikc-6-0");
  std::vector<LabProbe> from_a;
  for (const LabProbe& pr : p.probes)
    if (pr.device == 0) from_a.push_back(pr);
  ASSERT_EQ(from_a.size(), 2u);
  EXPECT_EQ(from_a[0].protocol, 6);
  EXPECT_EQ(from_a[0].source, ip("10.10.10.5"));
  EXPECT_EQ(from_a[0].port, 443);
  EXPECT_EQ(from_a[1].protocol, 17);
  EXPECT_EQ(from_a[1].destination, ip("10.20.20.7"));
  EXPECT_EQ(from_a[1].port, 53);
  size_t any = 0, gre = 0;
  for (const Finding& f : p.findings) {
    any += f.code == "CHECK-ANY-SELECTOR";
    gre += f.code == "CHECK-NO-PROBE";
  }
  EXPECT_EQ(any, 1u);
  EXPECT_EQ(gre, 1u);
}

TEST(LabPlan, NoRoomForTheRouterIsAnError) {
  std::string a = test::read_file(test::fixture("seed004/asa1.cfg"));
  replace(a, " ip address 192.168.1.1 255.255.255.0", " ip address 192.168.1.1 255.255.255.254");
  LabPlan p = plan_lab({device("a.cfg", a), fixture("seed004/asa2.cfg")}, "ikc-7-0");
  EXPECT_TRUE(p.has_errors());
  EXPECT_EQ(p.findings[0].code, "CHECK-NO-ROOM-FOR-ROUTER");
}

TEST(LabPlan, HostOfARange) {
  EXPECT_EQ(lab_host_in({ip("10.0.0.0"), ip("10.0.0.255")}), ip("10.0.0.1"));
  EXPECT_EQ(lab_host_in({ip("10.0.0.7"), ip("10.0.0.7")}), ip("10.0.0.7"));
  EXPECT_EQ(lab_host_in({ip("10.0.0.6"), ip("10.0.0.7")}), ip("10.0.0.6"));
}

}  // namespace
}  // namespace ikeshift::live

namespace ikeshift::live {
namespace {

LabDevice any_dialect(const std::string& name, const std::string& text) {
  text::SourceText src(name, text);
  translate::ReadIntent r = translate::read_intent(src, std::nullopt, name);
  EXPECT_TRUE(r.intent.has_value()) << name;
  return LabDevice{name, r.intent.value_or(model::Intent{})};
}

// An RTX tunnel names only `ipsec ike local address`, a swanctl.conf
// connection only local_addrs: no interface with a netmask. The lab gives the
// address a port of its own on a /24 (said as an info finding) and pairs it
// with the ASA that points at it.
TEST(LabPlan, AFarEndWithOnlyALocalAddressGetsAPort) {
  const std::string rtx =
      "tunnel select 1\n"
      " ipsec tunnel 1\n"
      "  ipsec sa policy 1 1 esp aes-cbc sha-hmac\n"
      "  ipsec ike version 1 2\n"
      "  ipsec ike encryption 1 aes-cbc\n"
      "  ipsec ike group 1 modp2048\n"
      "  ipsec ike hash 1 sha\n"
      "  ipsec ike local address 1 192.168.2.2\n"
      "  ipsec ike local id 1 10.20.20.0/24\n"
      "  ipsec ike pre-shared-key 1 text cisco1234\n"
      "  ipsec ike remote address 1 192.168.1.1\n"
      "  ipsec ike remote id 1 10.10.10.0/24\n"
      " tunnel enable 1\n"
      "tunnel select none\n";
  const std::string swanctl =
      "connections {\n"
      "  far {\n"
      "    version = 2\n"
      "    local_addrs = 192.168.2.2\n"
      "    remote_addrs = 192.168.1.1\n"
      "    proposals = aes256-sha256-modp2048\n"
      "    local { auth = psk\n id = 192.168.2.2\n }\n"
      "    remote { auth = psk\n id = 192.168.1.1\n }\n"
      "    children { far-1 { local_ts = 10.20.20.0/24\n remote_ts = 10.10.10.0/24\n"
      "      esp_proposals = aes256-sha256\n } }\n"
      "  }\n"
      "}\n"
      "secrets { ike-far { id-1 = 192.168.2.2\n id-2 = 192.168.1.1\n secret = cisco1234\n } }\n";
  for (const auto& [name, text, port] :
       std::vector<std::tuple<std::string, std::string, std::string>>{{"far.rtx", rtx, "outside"},
                                                                      {"far.swanctl.conf", swanctl, "far"}}) {
    SCOPED_TRACE(name);
    LabPlan p = plan_lab({fixture("seed004/asa1.cfg"), any_dialect(name, text)}, "ikc-1-0");
    EXPECT_FALSE(p.has_errors());
    ASSERT_TRUE(p.router_ns.has_value());  // 192.168.1.0/24 and the assumed 192.168.2.0/24
    bool far_port = false;
    for (const LabLink& l : p.links) {
      if (l.a.ns != p.device_ns[1]) continue;
      far_port = true;
      EXPECT_EQ(l.a.nameif, port);
      ASSERT_TRUE(l.a.address.has_value());
      EXPECT_EQ(l.a.address->address, ip("192.168.2.2"));
      EXPECT_EQ(l.a.address->prefix, 24);
    }
    EXPECT_TRUE(far_port);
    bool said = false;
    for (const Finding& f : p.findings) said = said || f.code == "CHECK-ASSUMED-SUBNET";
    EXPECT_TRUE(said);
    ASSERT_EQ(p.pairs.size(), 2u);
    EXPECT_TRUE(p.pairs[0].peer_tunnel.has_value()) << p.pairs[0].why_unpaired;
    EXPECT_TRUE(p.pairs[1].peer_tunnel.has_value()) << p.pairs[1].why_unpaired;
    EXPECT_EQ(p.probes.size(), 2u);  // one each way
  }
}

}  // namespace
}  // namespace ikeshift::live
