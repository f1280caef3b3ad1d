// `show status`: the daemon's machine-readable JSON, read back with yaml-cpp
// (a YAML 1.2 parser reads JSON) the way `ikeshift check` reads it.
#include "control/status_json.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "common/ipv4.h"
#include "control/control_commands.h"

namespace ikeshift::engine::control {
namespace {

uint32_t ip(const char* s) { return parse_ipv4(s).value(); }

std::vector<manager::TunnelManager::EntryStatus> entries() {
  manager::TunnelManager::EntryStatus e;
  e.entry.map = "vpn";
  e.entry.sequence = 12;
  e.entry.ikev2 = 0;
  e.entry.ikev1 = 0;
  e.up_version = 1;
  e.last_result = "IKEv1 up";
  e.attempts.push_back({2, 7, false, manager::FailureKind::AuthenticationFailed, "pre-shared key mismatch"});
  e.attempts.push_back({1, 3, true, manager::FailureKind::None, ""});
  return {e};
}

ShowIkeSa ipsec_sa() {
  ShowIkeSa sa;
  sa.tunnel_id = 3;
  sa.status = ShowStatus::Ready;
  sa.initiator = true;
  sa.local = {ip("192.168.1.1"), 500};
  sa.remote = {ip("192.168.2.2"), 500};
  sa.algorithms.encryption = model::find_algorithm_by_id("3des");
  sa.local_spi = 0x297ef9ca996102a6;
  sa.map = "vpn";
  sa.sequence = 12;
  ShowChildSa c;
  c.spi_in = 0x637df131;
  c.spi_out = 0xb7224866;
  c.local.addresses = {ip("10.10.10.0"), ip("10.10.10.255")};
  c.remote.addresses = {ip("10.20.20.0"), ip("10.20.20.255")};
  ShowEspTraffic t;
  t.encaps = 4;
  t.decaps = 5;
  t.replay_failures = 1;
  c.traffic = t;
  sa.children.push_back(c);
  return sa;
}

TEST(StatusJson, EntriesAttemptsAndSasReadBack) {
  YAML::Node n = YAML::Load(format_status_json(entries(), {}, {ipsec_sa()}));
  ASSERT_EQ(n["entries"].size(), 1u);
  YAML::Node e = n["entries"][0];
  EXPECT_EQ(e["map"].as<std::string>(), "vpn");
  EXPECT_EQ(e["sequence"].as<int>(), 12);
  EXPECT_EQ(e["up_version"].as<int>(), 1);
  ASSERT_EQ(e["attempts"].size(), 2u);
  EXPECT_EQ(e["attempts"][0]["failure"].as<std::string>(), "authentication failed");
  EXPECT_EQ(e["attempts"][0]["detail"].as<std::string>(), "pre-shared key mismatch");
  EXPECT_TRUE(e["attempts"][1]["established"].as<bool>());
  ASSERT_EQ(n["ike_sas"].size(), 1u);
  YAML::Node sa = n["ike_sas"][0];
  EXPECT_EQ(sa["ike_version"].as<int>(), 1);
  EXPECT_EQ(sa["status"].as<std::string>(), "up");
  EXPECT_EQ(sa["local_spi"].as<std::string>(), "0x297ef9ca996102a6");
  EXPECT_EQ(sa["algorithms"].as<std::string>(), "3des");
  YAML::Node c = sa["children"][0];
  EXPECT_EQ(c["spi_in"].as<std::string>(), "0x637df131");
  EXPECT_EQ(c["local"].as<std::string>(), "10.10.10.0-10.10.10.255/0/0-65535");
  EXPECT_EQ(c["packets_out"].as<int>(), 4);
  EXPECT_EQ(c["packets_in"].as<int>(), 5);
  EXPECT_EQ(c["receive_errors"].as<int>(), 1);
}

TEST(StatusJson, WithoutTheDataPlaneThereAreNoCounters) {
  ShowIkeSa sa = ipsec_sa();
  sa.children[0].traffic.reset();
  YAML::Node n = YAML::Load(format_status_json({}, {sa}, {}));
  EXPECT_EQ(n["ike_sas"][0]["ike_version"].as<int>(), 2);
  EXPECT_FALSE(n["ike_sas"][0]["children"][0]["packets_out"].IsDefined());
}

}  // namespace
}  // namespace ikeshift::engine::control
