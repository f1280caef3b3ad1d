// `ikeshift engine` end to end with the real binary: two daemons on
// 127.0.0.1 and 127.0.0.2 run the migrated seed 004 pair over real UDP, one
// initiates, `ikeshift engine show` sees both SAs READY with their CHILD SA,
// the ASA log says 750006, and SIGTERM stops both cleanly.
//
// UDP 500 needs root (or CAP_NET_BIND_SERVICE). Without it the test skips,
// unless CI=true: CI runs as root, and a skip there would hide a failure.
#include <gtest/gtest.h>

#include <signal.h>
#include <sys/wait.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <regex>
#include <thread>

#include "daemon_support.h"
#include "test_support.h"

namespace ikeshift {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using test::Daemon;
using test::ike_port_problem;
using test::replace_all;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class CliEngine : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(IKESHIFT_BINARY)) << IKESHIFT_BINARY;
    fs::create_directories(scratch_);
  }
  test::RunResult run(std::vector<std::string> args) {
    std::vector<std::string> argv{IKESHIFT_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    return test::run_program(argv, dir_.path(), scratch_);
  }
  test::RunResult show(const std::string& socket, const std::string& what) {
    std::vector<std::string> args{"engine", "show", "--control", socket};
    std::istringstream words(what);
    for (std::string w; words >> w;) args.push_back(w);
    return run(args);
  }
  // A lab copy of a migrated seed config: the peer (`set peer` and the
  // tunnel-group named after it) moved to its lab address. --interface-address
  // moves this end; the peer's address is configuration the lab must change.
  std::string lab_config(const std::string& rel, const std::string& peer, const std::string& lab_peer) {
    std::string text = test::read_file(test::fixture(rel));
    replace_all(text, "set peer " + peer, "set peer " + lab_peer);
    replace_all(text, "tunnel-group " + peer + " ", "tunnel-group " + lab_peer + " ");
    fs::path p = dir_ / fs::path(rel).filename();
    test::write_file(p, text);
    return p.string();
  }

  // Waits until the daemon answers on its control socket (or has exited).
  static bool control_socket_up(Daemon& d, const std::string& socket) {
    for (int i = 0; i < 100 && !fs::exists(socket) && d.running(); ++i) std::this_thread::sleep_for(20ms);
    return fs::exists(socket);
  }
  // `show ikev2-sa` of the daemon behind `socket` once an SA is READY (or
  // after 10 s: the last answer, for the failure message).
  std::string show_when_ready(const std::string& socket) {
    std::string out;
    for (auto until = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < until;) {
      out = show(socket, "ikev2-sa").out;
      if (test::contains(out, " READY ")) break;
      std::this_thread::sleep_for(100ms);
    }
    return out;
  }

  test::TempDir dir_;
  fs::path scratch_ = dir_ / "scratch";
};

TEST_F(CliEngine, Asa2ExpectedFixtureIsWhatMigrateWrites) {
  auto r = run({"migrate", "l2l", test::fixture("seed004/asa2.cfg").string()});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, test::read_file(test::fixture("seed004/asa2.expected.cfg")));
}

TEST_F(CliEngine, DataPlaneOptionsAreDocumentedAndChecked) {
  auto r = run({"engine", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  for (const char* option : {"--data-plane", "--tun ", "--tun-mtu", "--replay-window", "--force-udp-encapsulation"})
    EXPECT_TRUE(test::contains(r.out, option)) << option << "\n" << r.out;
  // Out-of-range values are usage errors (exit 2) before anything is touched.
  const std::string cfg = test::fixture("seed004/asa1.expected.cfg").string();
  r = run({"engine", "--config", cfg, "--data-plane", "--tun-mtu", "100"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  r = run({"engine", "--config", cfg, "--data-plane", "--replay-window", "10"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST_F(CliEngine, UsageErrors) {
  auto r = run({"engine"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(test::contains(r.err, "--config")) << r.err;

  r = run({"engine", "--config", (dir_ / "absent.cfg").string()});
  EXPECT_EQ(r.exit_code, 2);

  // Not an ASA configuration: file:line:col and exit 2, as migrate reports it.
  test::write_file(dir_ / "junk.cfg", "hello world\nthis is not a firewall\n");
  r = run({"engine", "--config", (dir_ / "junk.cfg").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(test::contains(r.err, "junk.cfg:1:1:")) << r.err;

  // The unmigrated seed without its IKEv1 key can run neither version: every
  // tunnel is skipped with its reason.
  std::string keyless = test::read_file(test::fixture("seed004/asa1.cfg"));
  replace_all(keyless, " ikev1 pre-shared-key cisco1234\n", "");
  test::write_file(dir_ / "keyless.cfg", keyless);
  r = run({"engine", "--config", (dir_ / "keyless.cfg").string()});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(test::contains(r.err, "IKEv1 skipped for crypto map vpn 12: tunnel-group 192.168.2.2 has no ikev1 "
                                    "pre-shared-key")) << r.err;
  EXPECT_TRUE(test::contains(r.err, "no crypto map entry can run IKEv1 or IKEv2")) << r.err;

  r = run({"engine", "--config", test::fixture("seed004/asa1.expected.cfg").string(), "--interface-address",
           "dmz=127.0.0.1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(test::contains(r.err, "no interface with nameif 'dmz'")) << r.err;

  r = run({"engine", "--config", test::fixture("seed004/asa1.expected.cfg").string(), "--initiate", "vpn:99"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(test::contains(r.err, "--initiate 'vpn:99'")) << r.err;

  r = show((dir_ / "absent.sock").string(), "ikev2-sa");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(test::contains(r.err, "no control socket")) << r.err;

  r = show((dir_ / "absent.sock").string(), "bogus");
  EXPECT_EQ(r.exit_code, 2);
}

TEST_F(CliEngine, TwoDaemonsOnLoopbackBringTheSeedPairUp) {
  IKS_REQUIRE(ike_port_problem());
  const std::string cfg1 = lab_config("seed004/asa1.expected.cfg", "192.168.2.2", "127.0.0.2");
  const std::string cfg2 = lab_config("seed004/asa2.expected.cfg", "192.168.1.1", "127.0.0.1");
  const std::string sock1 = (dir_ / "asa1.sock").string(), sock2 = (dir_ / "asa2.sock").string();
  const fs::path keylog = dir_ / "ikev2_decryption_table";

  // The responder first, so the initiator's first IKE_SA_INIT is answered.
  Daemon asa2({IKESHIFT_BINARY, "engine", "--config", cfg2, "--interface-address", "outside=127.0.0.2", "--control",
               sock2},
              dir_ / "asa2.out", dir_ / "asa2.err");
  ASSERT_TRUE(asa2.started());
  ASSERT_TRUE(control_socket_up(asa2, sock2)) << asa2.err();

  Daemon asa1({IKESHIFT_BINARY, "engine", "--config", cfg1, "--interface-address", "outside=127.0.0.1", "--control",
               sock1, "--initiate", "all", "--keylog", keylog.string()},
              dir_ / "asa1.out", dir_ / "asa1.err");
  ASSERT_TRUE(asa1.started());

  // A second daemon on the same control socket is refused.
  auto second = run({"engine", "--config", cfg2, "--interface-address", "outside=127.0.0.2", "--control", sock2});
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_TRUE(test::contains(second.err, "another ikeshift engine")) << second.err;

  std::string show1, show2;
  for (auto until = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < until;) {
    show1 = show(sock1, "ikev2-sa detail").out;
    show2 = show(sock2, "ikev2-sa").out;
    if (test::contains(show1, " READY ") && test::contains(show1, "Child sa:") && test::contains(show2, " READY ") &&
        test::contains(show2, "Child sa:")) {
      break;
    }
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(test::contains_all(show1, {
      "Session-id:1, Status:UP-ACTIVE, IKE count:1, CHILD count:1",
      "127.0.0.2/500",
      "READY    INITIATOR",
      "      Encr: 3DES, Hash: SHA96, DH Grp:5, Auth sign: PSK, Auth verify: PSK",
      "      Status Description: Negotiation done",
      "      DPD configured for 10 seconds, retry 3",
      "Child sa: local selector  10.10.10.0/0 - 10.10.10.255/65535",
  }));
  EXPECT_TRUE(test::contains(show2, "READY    RESPONDER")) << show2;
  EXPECT_TRUE(test::contains(show2, "Child sa: local selector  10.20.20.0/0 - 10.20.20.255/65535")) << show2;

  // Both sides agree on the SPIs: ASA1's ESP in is ASA2's ESP out.
  std::smatch m1, m2;
  std::regex esp("ESP spi in/out: (0x[0-9a-f]+)/(0x[0-9a-f]+)");
  ASSERT_TRUE(std::regex_search(show1, m1, esp)) << show1;
  ASSERT_TRUE(std::regex_search(show2, m2, esp)) << show2;
  EXPECT_EQ(m1[1], m2[2]);
  EXPECT_EQ(m1[2], m2[1]);

  auto ipsec = show(sock1, "ipsec-sa");
  EXPECT_EQ(ipsec.exit_code, 0);
  EXPECT_TRUE(test::contains(ipsec.out, "    Crypto map tag: vpn, seq num: 12, local addr: 127.0.0.1")) << ipsec.out;
  EXPECT_TRUE(test::contains(ipsec.out, "access-list NEWARK extended permit ip 10.10.10.0 255.255.255.0 10.20.20.0 "
                                        "255.255.255.0"))
      << ipsec.out;
  EXPECT_TRUE(test::contains(ipsec.out, "      current_peer: 127.0.0.2")) << ipsec.out;

  EXPECT_TRUE(test::contains(asa1.out(), "%ASA-5-750006: Local:127.0.0.1:500 Remote:127.0.0.2:500")) << asa1.out();
  EXPECT_TRUE(test::contains(asa2.out(), "%ASA-5-750006: Local:127.0.0.2:500 Remote:127.0.0.1:500")) << asa2.out();
  EXPECT_FALSE(test::contains(asa1.err() + asa2.err() + asa1.out() + asa2.out(), "cisco1234"));

  // --keylog: private, and its line starts with the SPIs `show` printed
  // (Wireshark's ikev2_decryption_table: SPIi,SPIr,SK_ei,SK_er,...).
  ASSERT_TRUE(fs::exists(keylog));
  EXPECT_EQ(test::file_mode(keylog), 0600u);
  std::string lines = test::read_file(keylog);
  std::smatch spis;
  ASSERT_TRUE(std::regex_search(show1, spis, std::regex("Local spi: ([0-9A-F]{16})       Remote spi: ([0-9A-F]{16})")));
  EXPECT_EQ(lines.rfind(lower(spis[1].str()) + "," + lower(spis[2].str()) + ",", 0), 0u) << lines;
  EXPECT_TRUE(test::contains(lines, "\"3DES [RFC2451]\"")) << lines;
  EXPECT_EQ(std::count(lines.begin(), lines.end(), '\n'), 1) << lines;

  EXPECT_EQ(asa1.terminate(), 0) << asa1.err();
  EXPECT_EQ(asa2.terminate(), 0) << asa2.err();
  EXPECT_FALSE(fs::exists(sock1));
  EXPECT_FALSE(fs::exists(sock2));
}

TEST_F(CliEngine, CookieChallengeFromTheConfigurationIsApplied) {
  IKS_REQUIRE(ike_port_problem());
  // Addresses of its own: CTest runs the other daemon test at the same time.
  const std::string cfg1 = lab_config("seed004/asa1.expected.cfg", "192.168.2.2", "127.0.0.4");
  std::string cfg2 = lab_config("seed004/asa2.expected.cfg", "192.168.1.1", "127.0.0.3");
  // seed 004's hardening advice on the responder: challenge every IKE_SA_INIT.
  std::string text = test::read_file(cfg2);
  replace_all(text, "crypto ikev2 enable outside\n",
              "crypto ikev2 enable outside\ncrypto ikev2 cookie-challenge 0\ncrypto ikev2 limit max-in-negotiation-sa 20\n");
  test::write_file(cfg2, text);
  const std::string sock1 = (dir_ / "c1.sock").string(), sock2 = (dir_ / "c2.sock").string();
  Daemon asa2({IKESHIFT_BINARY, "engine", "--config", cfg2, "--interface-address", "outside=127.0.0.4", "--control",
               sock2},
              dir_ / "c2.out", dir_ / "c2.err");
  ASSERT_TRUE(asa2.started());
  ASSERT_TRUE(control_socket_up(asa2, sock2)) << asa2.err();
  Daemon asa1({IKESHIFT_BINARY, "engine", "--config", cfg1, "--interface-address", "outside=127.0.0.3", "--control",
               sock1, "--initiate", "all"},
              dir_ / "c1.out", dir_ / "c1.err");
  ASSERT_TRUE(asa1.started());
  const std::string show2 = show_when_ready(sock2);
  EXPECT_TRUE(test::contains(show2, "READY    RESPONDER")) << show2;
  EXPECT_TRUE(test::contains(asa2.out(), "%ASA-5-750004: Local:127.0.0.4:500 Remote:127.0.0.3:500 Username:Unknown "
                                         "Sending COOKIE challenge to throttle possible DoS"))
      << asa2.out();
  EXPECT_EQ(asa1.terminate(), 0) << asa1.err();
  EXPECT_EQ(asa2.terminate(), 0) << asa2.err();
}

// --log-level is the ASA's `logging console LEVEL`, --diagnostics off its
// `undebug`: the initiator at notifications keeps 750006 (level 5) and drops
// 752002 (level 7); the responder at warnings with no diagnostics writes none
// of the level-5 lines or IKEv2- diagnostics it writes by default.
TEST_F(CliEngine, LogLevelAndDiagnosticsFilterTheAsaLog) {
  IKS_REQUIRE(ike_port_problem());
  // Addresses of its own: CTest runs the other daemon tests at the same time.
  const std::string cfg1 = lab_config("seed004/asa1.expected.cfg", "192.168.2.2", "127.0.0.8");
  const std::string cfg2 = lab_config("seed004/asa2.expected.cfg", "192.168.1.1", "127.0.0.7");
  const std::string sock1 = (dir_ / "l1.sock").string(), sock2 = (dir_ / "l2.sock").string();
  Daemon asa2({IKESHIFT_BINARY, "engine", "--config", cfg2, "--interface-address", "outside=127.0.0.8", "--control",
               sock2, "--log-level", "warnings", "--diagnostics", "off"},
              dir_ / "l2.out", dir_ / "l2.err");
  ASSERT_TRUE(asa2.started());
  ASSERT_TRUE(control_socket_up(asa2, sock2)) << asa2.err();
  Daemon asa1({IKESHIFT_BINARY, "engine", "--config", cfg1, "--interface-address", "outside=127.0.0.7", "--control",
               sock1, "--initiate", "all", "--log-level", "5"},
              dir_ / "l1.out", dir_ / "l1.err");
  ASSERT_TRUE(asa1.started());
  const std::string show2 = show_when_ready(sock2);
  ASSERT_TRUE(test::contains(show2, "READY    RESPONDER")) << show2;
  for (int i = 0; i < 50 && !test::contains(asa1.out(), "750006"); ++i) std::this_thread::sleep_for(20ms);
  EXPECT_EQ(asa1.terminate(), 0) << asa1.err();
  EXPECT_EQ(asa2.terminate(), 0) << asa2.err();
  EXPECT_TRUE(test::contains(asa1.out(), "%ASA-5-750006: Local:127.0.0.7:500 Remote:127.0.0.8:500")) << asa1.out();
  EXPECT_TRUE(test::contains(asa1.out(), "%ASA-5-752016:")) << asa1.out();
  EXPECT_FALSE(test::contains(asa1.out(), "%ASA-7-")) << asa1.out();
  EXPECT_TRUE(test::contains(asa1.out(), "IKEv2-")) << asa1.out();  // diagnostics stay on by default
  EXPECT_FALSE(test::contains(asa2.out(), "%ASA-5-")) << asa2.out();
  EXPECT_FALSE(test::contains(asa2.out(), "%ASA-6-")) << asa2.out();
  EXPECT_FALSE(test::contains(asa2.out(), "IKEv2-")) << asa2.out();

  auto wrong = run({"engine", "--config", cfg2, "--log-level", "verbose"});
  EXPECT_EQ(wrong.exit_code, 2) << wrong.err;
  EXPECT_TRUE(test::contains(wrong.err, "--log-level")) << wrong.err;
}

TEST_F(CliEngine, TwoUnmigratedDaemonsOnLoopbackRunIkev1) {
  IKS_REQUIRE(ike_port_problem());
  // Seed 004 before `migrate l2l`; addresses of its own (CTest runs the other
  // daemon tests at the same time).
  const std::string cfg1 = lab_config("seed004/asa1.cfg", "192.168.2.2", "127.0.0.6");
  const std::string cfg2 = lab_config("seed004/asa2.cfg", "192.168.1.1", "127.0.0.5");
  const std::string sock1 = (dir_ / "v1a.sock").string(), sock2 = (dir_ / "v1b.sock").string();
  const fs::path keylog = dir_ / "ikev1_decryption_table";
  Daemon asa2({IKESHIFT_BINARY, "engine", "--config", cfg2, "--interface-address", "outside=127.0.0.6", "--control",
               sock2},
              dir_ / "v1b.out", dir_ / "v1b.err");
  ASSERT_TRUE(asa2.started());
  ASSERT_TRUE(control_socket_up(asa2, sock2)) << asa2.err();
  Daemon asa1({IKESHIFT_BINARY, "engine", "--config", cfg1, "--interface-address", "outside=127.0.0.5", "--control",
               sock1, "--keylog-ikev1", keylog.string()},
              dir_ / "v1a.out", dir_ / "v1a.err");
  ASSERT_TRUE(asa1.started());
  for (int i = 0; i < 100 && !fs::exists(sock1) && asa1.running(); ++i) std::this_thread::sleep_for(20ms);
  ASSERT_TRUE(fs::exists(sock1)) << asa1.err();
  // The startup summary says which version the entry runs and why not IKEv2.
  EXPECT_TRUE(test::contains(asa1.err(), "IKEv1")) << asa1.err();

  // The operator's KEY_ACQUIRE through the control socket.
  auto acquired = run({"engine", "ctl", "--control", sock1, "initiate", "vpn", "12"});
  EXPECT_EQ(acquired.exit_code, 0) << acquired.err;
  EXPECT_TRUE(test::contains(acquired.out, "KEY_ACQUIRE dispatched to IKEv1")) << acquired.out;

  std::string show1, show2;
  for (auto until = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < until;) {
    show1 = show(sock1, "ikev1-sa detail").out;
    show2 = show(sock2, "ikev1-sa").out;
    if (test::contains(show1, "MM_ACTIVE") && test::contains(show2, "MM_ACTIVE") &&
        test::contains(show(sock2, "ipsec-sa").out, "IKEv1")) {
      break;
    }
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(test::contains_all(show1, {
      "1   IKE Peer: 127.0.0.6\n    Type    : L2L             Role    : initiator\n",
      "    Encrypt : 3des            Hash    : SHA\n",
      "    Auth    : preshared       Lifetime: 86400\n",
  }));
  EXPECT_TRUE(test::contains(show2, "Role    : responder")) << show2;
  const std::string ipsec = show(sock1, "ipsec-sa").out;
  EXPECT_TRUE(test::contains(ipsec, "in use settings ={L2L, Tunnel, PFS Group 5, IKEv1, }")) << ipsec;
  EXPECT_TRUE(test::contains(ipsec, "      current_peer: 127.0.0.6")) << ipsec;
  const std::string manager = show(sock1, "tunnel-manager").out;
  EXPECT_TRUE(test::contains(manager, "Crypto map vpn seq 12: IKEv2 no")) << manager;
  EXPECT_TRUE(test::contains(manager, "IKEv1 up")) << manager;
  EXPECT_TRUE(test::contains(asa1.out(), "%ASA-5-752004: Tunnel Manager dispatching a KEY_ACQUIRE message to IKEv1. "
                                         "Map Tag = vpn. Map Sequence Number = 12."))
      << asa1.out();
  EXPECT_TRUE(test::contains(asa1.out(), "%ASA-5-713119:")) << asa1.out();
  EXPECT_TRUE(test::contains(asa2.out(), "%ASA-5-713120:")) << asa2.out();
  EXPECT_FALSE(test::contains(asa1.err() + asa2.err() + asa1.out() + asa2.out(), "cisco1234"));

  // --keylog-ikev1: private; one line, the initiator cookie and Ka.
  ASSERT_TRUE(fs::exists(keylog));
  EXPECT_EQ(test::file_mode(keylog), 0600u);
  const std::string lines = test::read_file(keylog);
  EXPECT_TRUE(std::regex_match(lines, std::regex("[0-9a-f]{16},[0-9a-f]{48}\n"))) << lines;

  auto cleared = run({"engine", "ctl", "--control", sock1, "clear", "ikev1-sa"});
  EXPECT_EQ(cleared.exit_code, 0) << cleared.err;
  EXPECT_TRUE(test::contains(cleared.out, "Clearing IKEv1 SA 1 (peer 127.0.0.6)")) << cleared.out;
  for (auto until = std::chrono::steady_clock::now() + 5s; std::chrono::steady_clock::now() < until;) {
    show2 = show(sock2, "ikev1-sa").out;
    if (test::contains(show2, "There are no IKEv1 SAs")) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(test::contains(show2, "There are no IKEv1 SAs")) << show2;
  EXPECT_EQ(asa1.terminate(), 0) << asa1.err();
  EXPECT_EQ(asa2.terminate(), 0) << asa2.err();
}

}  // namespace
}  // namespace ikeshift
