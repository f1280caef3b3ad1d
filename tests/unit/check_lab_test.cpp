// `ikeshift check` end to end, as a user runs it: the binary builds the lab
// from the configurations, brings them up against each other, sends traffic
// and reports (read back from --format json with yaml-cpp). Needs root and
// network namespaces: skipped elsewhere, a failure in CI when missing.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <csignal>
#include <filesystem>
#include <regex>
#include <thread>

#include "live/charon_peer.h"
#include "live/netns.h"
#include "live/process.h"
#include "test_support.h"

namespace ikeshift {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

void replace(std::string& s, const std::string& from, const std::string& to) {
  size_t at = s.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  s.replace(at, from.size(), to);
}

// Namespaces of check runs whose process is gone: there must never be any.
std::vector<std::string> orphaned_lab_namespaces() {
  std::vector<std::string> out;
  std::error_code ec;
  static const std::regex name(R"(ikc-(\d+)-\d+-[a-z])");
  for (const auto& e : fs::directory_iterator("/var/run/netns", ec)) {
    std::smatch m;
    std::string n = e.path().filename().string();
    if (std::regex_match(n, m, name) && !live::pid_alive(static_cast<pid_t>(std::stol(m[1].str())))) out.push_back(n);
  }
  return out;
}

class Check : public ::testing::Test {
 protected:
  void SetUp() override { IKS_REQUIRE(test::netns_problem()); }
  fs::path file(const std::string& name, const std::string& text) {
    fs::path p = dir_ / name;
    test::write_file(p, text);
    return p;
  }
  std::string seed(const std::string& rel) { return test::read_file(test::fixture(rel)); }

  // migrate l2l of the seed pair (keys mirrored), as an operator would before checking.
  std::pair<fs::path, fs::path> migrated_pair(const std::vector<std::string>& extra = {}) {
    fs::path out = dir_ / "migrated";
    std::vector<std::string> argv{IKESHIFT_BINARY, "migrate", "l2l", "-q", "--peer-config",
                                  test::fixture("seed004/asa2.cfg").string(), "--out-dir", out.string()};
    argv.insert(argv.end(), extra.begin(), extra.end());
    argv.push_back(test::fixture("seed004/asa1.cfg").string());
    auto r = test::run_program(argv, dir_.path(), dir_.path());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return {out / "asa1.cfg", out / "asa2.cfg"};
  }

  struct Result {
    int exit_code = -1;
    YAML::Node report;
    std::string err;
  };
  Result check(std::vector<std::string> args, const std::string& timeout = "8") {
    std::vector<std::string> argv{IKESHIFT_BINARY, "check", "-q", "--format", "json", "--timeout", timeout};
    argv.insert(argv.end(), args.begin(), args.end());
    auto r = test::run_program(argv, dir_.path(), dir_.path());
    Result out;
    out.exit_code = r.exit_code;
    out.err = r.err;
    try {
      out.report = YAML::Load(r.out);
    } catch (const std::exception& e) {
      ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out << r.err;
    }
    EXPECT_TRUE(orphaned_lab_namespaces().empty()) << "the lab was not cleaned up";
    return out;
  }
  static YAML::Node entry(const YAML::Node& report, const std::string& device, const std::string& round = "normal") {
    for (const YAML::Node& e : report["entries"])
      if (e["device"].as<std::string>() == device && e["round"].as<std::string>() == round) return e;
    ADD_FAILURE() << "no entry for " << device << " (" << round << ")";
    return YAML::Node();
  }
  static std::string log_of(const YAML::Node& e) {
    std::string s;
    for (const YAML::Node& l : e["tunnel_manager"]) s += l.as<std::string>() + "\n";
    return s;
  }
  static std::string causes_of(const YAML::Node& e) {
    std::string s;
    for (const YAML::Node& c : e["causes"]) s += c["file"].as<std::string>() + ":" + c["line"].as<std::string>() + "\n";
    return s;
  }
  test::TempDir dir_;
};

TEST_F(Check, SeedPairBeforeMigrationComesUpWithIkev1) {
  Result r = check({test::fixture("seed004/asa1.cfg").string(), test::fixture("seed004/asa2.cfg").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.report["exit_code"].as<int>(), 0);
  EXPECT_NE(r.report["lab"].as<std::string>().find("router"), std::string::npos);  // 192.168.1/24 vs 192.168.2/24
  YAML::Node a = entry(r.report, "ASA-1");
  EXPECT_EQ(a["status"].as<std::string>(), "up");
  EXPECT_EQ(a["ike_version"].as<int>(), 1);
  EXPECT_NE(log_of(a).find("%ASA-5-752004: Tunnel Manager dispatching a KEY_ACQUIRE message to IKEv1"), std::string::npos);
  EXPECT_NE(log_of(a).find("%ASA-5-752016: IKEv1 was successful"), std::string::npos);
  EXPECT_EQ(a["esp_algorithms"].as<std::string>(), "3des/hmac-sha1-96/modp1536");  // set pfs group5
  ASSERT_EQ(a["child_sas"].size(), 1u);
  EXPECT_GE(a["child_sas"][0]["packets_out"].as<int>(), 3);
  EXPECT_GE(a["child_sas"][0]["packets_in"].as<int>(), 3);
  EXPECT_TRUE(a["traffic"][0]["passed"].as<bool>());
  EXPECT_FALSE(a["time_to_up_us"].IsNull());
  YAML::Node b = entry(r.report, "ASA-2");
  EXPECT_EQ(b["status"].as<std::string>(), "up");
  // One tunnel, seen from both ends: B's inbound SPI is A's outbound.
  EXPECT_EQ(b["child_sas"][0]["spi_in"].as<std::string>(), a["child_sas"][0]["spi_out"].as<std::string>());
}

TEST_F(Check, AfterMigrationIkev2ComesUpAndTheFallbackScenarioBringsIkev1) {
  auto [a, b] = migrated_pair();
  Result r = check({"--scenario", "fallback", a.string(), b.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  YAML::Node normal = entry(r.report, "ASA-1");
  EXPECT_EQ(normal["ike_version"].as<int>(), 2);
  EXPECT_NE(log_of(normal).find("752003"), std::string::npos);
  EXPECT_EQ(normal["ike_algorithms"].as<std::string>(), "3des/hmac-sha1-96/prf-hmac-sha1/modp1536");
  YAML::Node fallback = entry(r.report, "ASA-1", "fallback");
  EXPECT_EQ(fallback["status"].as<std::string>(), "up");
  EXPECT_EQ(fallback["ike_version"].as<int>(), 1);
  // Seed 004's sequence with the proposal removed: 752004, 752010, 752016.
  EXPECT_NE(log_of(fallback).find("%ASA-5-752004:"), std::string::npos) << log_of(fallback);
  EXPECT_NE(log_of(fallback).find("%ASA-4-752010: IKEv2 Doesn't have a proposal specified"), std::string::npos);
  EXPECT_NE(log_of(fallback).find("%ASA-5-752016: IKEv1 was successful"), std::string::npos);
}

TEST_F(Check, AsymmetricKeysFromMigrateComeUp) {
  auto [a, b] = migrated_pair({"--asymmetric-psk", "--generate-psk"});
  std::string ta = test::read_file(a);
  ASSERT_NE(ta.find("ikev2 local-authentication pre-shared-key"), std::string::npos);
  Result r = check({a.string(), b.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(entry(r.report, "ASA-1")["ike_version"].as<int>(), 2);
  EXPECT_EQ(entry(r.report, "ASA-2")["status"].as<std::string>(), "up");
}

TEST_F(Check, MismatchedKeysAreDownWithTheTunnelGroupLines) {
  auto [a, b] = migrated_pair();
  std::string tb = test::read_file(b);
  replace(tb, " ikev2 remote-authentication pre-shared-key cisco1234", " ikev2 remote-authentication pre-shared-key WRONG");
  replace(tb, " ikev1 pre-shared-key cisco1234", " ikev1 pre-shared-key WRONG-TOO");
  fs::path bad = file("asa2-wrong-keys.cfg", tb);
  Result r = check({a.string(), bad.string()}, "3");
  EXPECT_EQ(r.exit_code, 1);
  YAML::Node e = entry(r.report, "ASA-2");
  EXPECT_EQ(e["status"].as<std::string>(), "down");
  EXPECT_NE(e["reason"].as<std::string>().find("the pre-shared keys do not match"), std::string::npos);
  EXPECT_NE(log_of(entry(r.report, "ASA-1")).find("752015"), std::string::npos);  // both versions failed
  // The key lines of both tunnel-groups, without printing a key.
  std::string causes = causes_of(e);
  int key_line = 0;
  for (const std::string& l : test::lines_of(tb)) {
    ++key_line;
    if (l.find("WRONG-TOO") != std::string::npos) break;
  }
  EXPECT_NE(causes.find(bad.string() + ":" + std::to_string(key_line)), std::string::npos) << causes;
  EXPECT_NE(causes.find(a.string() + ":"), std::string::npos) << causes;
  std::string all = YAML::Dump(r.report);
  EXPECT_EQ(all.find("WRONG"), std::string::npos);
  EXPECT_EQ(all.find("cisco1234"), std::string::npos);
}

TEST_F(Check, MismatchedProposalsAreDownWithThePolicies) {
  auto [a, b] = migrated_pair();
  std::string tb = test::read_file(b);
  replace(tb, "crypto ikev2 policy 1\n encryption 3des", "crypto ikev2 policy 1\n encryption aes-256");
  replace(tb, "crypto ikev1 policy 1\n authentication pre-share\n encryption 3des",
          "crypto ikev1 policy 1\n authentication pre-share\n encryption aes-256");
  fs::path bad = file("asa2-other-proposals.cfg", tb);
  Result r = check({a.string(), bad.string()}, "3");
  EXPECT_EQ(r.exit_code, 1);
  YAML::Node e = entry(r.report, "ASA-1");
  EXPECT_EQ(e["status"].as<std::string>(), "down");
  EXPECT_NE(e["reason"].as<std::string>().find("no proposal in common"), std::string::npos) << e["reason"];
  std::string because;
  for (const YAML::Node& l : e["because"]) because += l.as<std::string>() + "\n";
  EXPECT_NE(because.find("pair-ike-proposals"), std::string::npos) << because;
  EXPECT_NE(causes_of(e).find(bad.string() + ":"), std::string::npos) << causes_of(e);
}

TEST_F(Check, AclsThatAreNotMirrorImagesAreReported) {
  auto [a, b] = migrated_pair();
  std::string tb = test::read_file(b);
  replace(tb, "permit ip 10.20.20.0 255.255.255.0 10.10.10.0 255.255.255.0",
          "permit ip 10.20.30.0 255.255.255.0 10.10.10.0 255.255.255.0");
  fs::path bad = file("asa2-other-acl.cfg", tb);
  Result r = check({a.string(), bad.string()}, "3");
  EXPECT_EQ(r.exit_code, 1);
  YAML::Node e = entry(r.report, "ASA-1");
  EXPECT_EQ(e["status"].as<std::string>(), "down");
  EXPECT_NE(e["reason"].as<std::string>().find("not mirror images"), std::string::npos) << e["reason"];
  EXPECT_NE(e["reason"].as<std::string>().find("TS_UNACCEPTABLE"), std::string::npos) << e["reason"];
}

// A hub with two crypto map entries to two spokes on three subnets.
TEST_F(Check, TwoEntriesToTwoPeersFromOneConfig) {
  std::string hub = seed("seed004/asa1.cfg");
  replace(hub, "crypto map vpn interface outside",
          "crypto map vpn 20 match address TO-C\ncrypto map vpn 20 set pfs group5\ncrypto map vpn 20 set peer 192.168.3.3\n"
          "crypto map vpn 20 set ikev1 transform-set goset\ncrypto map vpn interface outside");
  replace(hub, "!\ncrypto ipsec",
          "access-list TO-C extended permit ip 10.10.10.0 255.255.255.0 10.30.30.0 255.255.255.0\n!\ncrypto ipsec");
  replace(hub, "tunnel-group 192.168.2.2 type ipsec-l2l",
          "tunnel-group 192.168.3.3 type ipsec-l2l\ntunnel-group 192.168.3.3 ipsec-attributes\n"
          " ikev1 pre-shared-key spoke-c-key\ntunnel-group 192.168.2.2 type ipsec-l2l");
  std::string c = seed("seed004/asa2.cfg");
  replace(c, "hostname ASA-2", "hostname ASA-3");
  replace(c, "192.168.2.2 255.255.255.0", "192.168.3.3 255.255.255.0");
  replace(c, "10.20.20.1 255.255.255.0", "10.30.30.1 255.255.255.0");
  replace(c, "permit ip 10.20.20.0 255.255.255.0 10.10.10.0", "permit ip 10.30.30.0 255.255.255.0 10.10.10.0");
  replace(c, " ikev1 pre-shared-key cisco1234", " ikev1 pre-shared-key spoke-c-key");
  Result r = check({file("hub.cfg", hub).string(), test::fixture("seed004/asa2.cfg").string(), file("c.cfg", c).string()});
  ASSERT_EQ(r.exit_code, 0) << r.err << YAML::Dump(r.report);
  ASSERT_EQ(r.report["entries"].size(), 4u);
  for (const YAML::Node& e : r.report["entries"]) EXPECT_EQ(e["status"].as<std::string>(), "up") << YAML::Dump(e);
  EXPECT_NE(r.report["lab"].as<std::string>().find("3 device namespaces and a router"), std::string::npos);
}

TEST_F(Check, JunitHasOneCasePerEntryAndCaptureAndLogsAreWritten) {
  auto [a, b] = migrated_pair();
  fs::path pcap = dir_ / "lab.pcap", keys = dir_ / "lab.keys", logs = dir_ / "logs";
  std::vector<std::string> argv{IKESHIFT_BINARY, "check", "-q", "--format", "junit", "--pcap", pcap.string(),
                                "--keylog", keys.string(), "--logs", logs.string(), a.string(), b.string()};
  auto r = test::run_program(argv, dir_.path(), dir_.path());
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("tests=\"2\" failures=\"0\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("name=\"ASA-1 crypto map vpn 12\""), std::string::npos) << r.out;
  EXPECT_TRUE(fs::exists(logs / "asa1.log"));
  EXPECT_NE(test::read_file(logs / "asa1.log").find("%ASA-5-752016: IKEv2 was successful"), std::string::npos);
  EXPECT_EQ(test::read_file(logs / "asa1.log").find("cisco1234"), std::string::npos);
  ASSERT_TRUE(fs::exists(keys));
  EXPECT_EQ(test::file_mode(keys), 0600u);
  EXPECT_FALSE(test::read_file(keys).empty());
  ASSERT_TRUE(fs::exists(pcap));
  EXPECT_EQ(test::file_mode(pcap), 0600u);
  EXPECT_GT(fs::file_size(pcap), 1000u);  // the IKE exchange and the ESP packets
  // tshark reads the capture and, with --keylog's lines, decrypts IKE_AUTH.
  auto tshark = live::find_executable("tshark");
  IKS_REQUIRE(tshark ? std::string() : "tshark not installed: the capture is not decoded");
  std::vector<std::string> t{tshark->string(), "-n", "-V", "-r", pcap.string()};
  for (const std::string& l : test::lines_of(test::read_file(keys)))
    if (!l.empty()) t.insert(t.end(), {"-o", "uat:ikev2_decryption_table:" + l});
  auto decoded = test::run_program(t, dir_.path(), dir_.path());
  EXPECT_NE(decoded.out.find("IKE_SA_INIT"), std::string::npos) << decoded.err;
  EXPECT_NE(decoded.out.find("Decrypted Data"), std::string::npos) << decoded.out.substr(0, 2000);
  EXPECT_NE(decoded.out.find("Identification - Initiator"), std::string::npos);
  EXPECT_NE(decoded.out.find("Encapsulating Security Payload"), std::string::npos);
  // And with FILE.esp (esp_sa), the ESP packets decrypt to the test traffic.
  ASSERT_TRUE(fs::exists(keys.string() + ".esp"));
  std::vector<std::string> e{tshark->string(), "-n", "-r", pcap.string(), "-o", "esp.enable_encryption_decode:TRUE"};
  for (const std::string& l : test::lines_of(test::read_file(keys.string() + ".esp")))
    if (!l.empty()) e.insert(e.end(), {"-o", "uat:esp_sa:" + l});
  auto inner = test::run_program(e, dir_.path(), dir_.path());
  EXPECT_NE(inner.out.find("Echo (ping) request"), std::string::npos) << inner.out << inner.err;
  EXPECT_NE(inner.out.find("Echo (ping) reply"), std::string::npos) << inner.out;
}

// The far end in strongSwan's charon, from the swanctl.conf ikeshift writes
// from ASA-2's own configuration: IKEv1 before migration, IKEv2 after.
TEST_F(Check, StrongswanAsThePeerImplementation) {
  IKS_REQUIRE(live::CharonPeer::missing_prerequisites());
  Result v1 = check({"--peer-impl", "strongswan", test::fixture("seed004/asa1.cfg").string(),
                     test::fixture("seed004/asa2.cfg").string()});
  ASSERT_EQ(v1.exit_code, 0) << v1.err << YAML::Dump(v1.report);
  EXPECT_EQ(entry(v1.report, "ASA-1")["ike_version"].as<int>(), 1);
  YAML::Node far = entry(v1.report, "ASA-2");
  EXPECT_EQ(far["implementation"].as<std::string>(), "strongswan");
  EXPECT_EQ(far["status"].as<std::string>(), "up");
  EXPECT_TRUE(far["traffic"][0]["passed"].as<bool>());  // charon's side sent traffic too

  auto [a, b] = migrated_pair();
  Result v2 = check({"--peer-impl", "strongswan", a.string(), b.string()});
  ASSERT_EQ(v2.exit_code, 0) << v2.err << YAML::Dump(v2.report);
  EXPECT_EQ(entry(v2.report, "ASA-1")["ike_version"].as<int>(), 2);
  // One tunnel: charon's inbound SPI is ikeshift's outbound.
  EXPECT_EQ(entry(v2.report, "ASA-2")["child_sas"][0]["spi_in"].as<std::string>(),
            entry(v2.report, "ASA-1")["child_sas"][0]["spi_out"].as<std::string>());
}

TEST_F(Check, TwoChecksAtOnceDoNotCollide) {
  std::string a = test::fixture("seed004/asa1.cfg").string(), b = test::fixture("seed004/asa2.cfg").string();
  Result first, second;
  std::thread t([&] { first = check({a, b}); });
  second = check({a, b});
  t.join();
  EXPECT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(second.exit_code, 0) << second.err;
}

TEST_F(Check, CtrlCStopsAndCleansUp) {
  // A pair that never comes up, with a long timeout: only the signal ends it early.
  std::string tb = seed("seed004/asa2.cfg");
  replace(tb, " ikev1 pre-shared-key cisco1234", " ikev1 pre-shared-key other");
  fs::path bad = file("asa2-bad.cfg", tb);
  live::Process p({IKESHIFT_BINARY, "check", "-q", "--timeout", "120", test::fixture("seed004/asa1.cfg").string(),
                   bad.string()},
                  dir_ / "ctrlc.out", dir_ / "ctrlc.err");
  // Once the lab exists, interrupt.
  ASSERT_TRUE(live::wait_until(
      [&] {
        std::error_code ec;
        for (const auto& e : fs::directory_iterator("/var/run/netns", ec))
          if (e.path().filename().string().rfind("ikc-" + std::to_string(p.pid()) + "-", 0) == 0) return true;
        return false;
      },
      milliseconds(10000)));
  std::this_thread::sleep_for(milliseconds(500));
  auto started = std::chrono::steady_clock::now();
  p.signal(SIGINT);
  ASSERT_TRUE(p.wait_exit(milliseconds(10000)));
  EXPECT_LT(std::chrono::steady_clock::now() - started, milliseconds(5000));
  EXPECT_EQ(p.exit_code(), 2);
  EXPECT_NE(test::read_file(dir_ / "ctrlc.out").find("interrupted"), std::string::npos) << test::read_file(dir_ / "ctrlc.out");
  std::error_code ec;
  for (const auto& e : fs::directory_iterator("/var/run/netns", ec))
    EXPECT_NE(e.path().filename().string().rfind("ikc-" + std::to_string(p.pid()) + "-", 0), 0u) << e.path();
}

// A run killed outright (SIGKILL: no clean-up of its own) leaves its
// namespaces and scratch directory; the next check removes them.
TEST_F(Check, TheNextCheckRemovesWhatAKilledRunLeft) {
  std::string tb = seed("seed004/asa2.cfg");
  replace(tb, " ikev1 pre-shared-key cisco1234", " ikev1 pre-shared-key other");
  fs::path bad = file("asa2-bad.cfg", tb);
  auto left_by = [](pid_t pid) {
    std::vector<fs::path> found;
    std::error_code ec;
    const std::string tag = "-" + std::to_string(pid) + "-";
    for (const fs::path& dir : {fs::path("/var/run/netns"), fs::temp_directory_path()})
      for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string n = e.path().filename().string();
        if ((n.rfind("ikc" + tag, 0) == 0 || n.rfind("ikeshift-check" + tag, 0) == 0)) found.push_back(e.path());
      }
    return found;
  };
  pid_t killed = 0;
  {
    live::Process p({IKESHIFT_BINARY, "check", "-q", "--timeout", "120", test::fixture("seed004/asa1.cfg").string(),
                     bad.string()},
                    dir_ / "killed.out", dir_ / "killed.err");
    killed = p.pid();
    ASSERT_TRUE(live::wait_until([&] { return left_by(killed).size() >= 4; }, milliseconds(10000)));  // 3 ns + scratch
    ::kill(-p.pid(), SIGKILL);  // the check and its engines: nothing can clean up
    ASSERT_TRUE(p.wait_exit(milliseconds(5000)));
  }
  ASSERT_FALSE(left_by(killed).empty());
  Result r = check({test::fixture("seed004/asa1.cfg").string(), test::fixture("seed004/asa2.cfg").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(left_by(killed).empty());
}

// Without root: a clear message and exit code 2, nothing created.
TEST_F(Check, WithoutRootItSaysSo) {
  auto runuser = live::find_executable("runuser");
  IKS_REQUIRE(runuser ? std::string() : "runuser (util-linux) not installed");
  auto r = test::run_program({runuser->string(), "-u", "nobody", "--", IKESHIFT_BINARY, "check",
                              test::fixture("seed004/asa1.cfg").string(), test::fixture("seed004/asa2.cfg").string()},
                             "/", dir_.path());
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
  EXPECT_NE(r.out.find("needs root"), std::string::npos) << r.out;
}

TEST_F(Check, CouldNotRunIsExitCodeTwoWithTheReason) {
  Result r = check({test::fixture("seed004/asa1.cfg").string(), (dir_ / "missing.cfg").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.report["fatal"].as<std::string>().find("missing.cfg"), std::string::npos);
  Result one = check({test::fixture("seed004/asa1.cfg").string()});
  EXPECT_EQ(one.exit_code, 2);
}

}  // namespace
}  // namespace ikeshift
