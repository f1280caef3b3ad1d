// `ikeshift engine --config` on every dialect: a daemon running a Cisco IOS,
// Yamaha RTX or strongSwan swanctl.conf configuration brings a tunnel up with a
// daemon running the seed 004 ASA at the other end, over real UDP on loopback.
// The non-ASA ends are the reviewed translations in fixtures/translate/ of
// the other seed 004 ASA (asa1 -> IOS and RTX, asa2 -> swanctl.conf), moved to
// lab addresses: --interface-address names an IOS interface, an RTX end by
// its configured address, a swanctl.conf connection. The dialect's own end
// initiates (`--initiate all`, its tunnels named in its own words).
//
// Each test has its own 127.77.N.0/24 pair of addresses, so they run in
// parallel with each other and with the other loopback tests. UDP 500 needs
// root: skipped without it, unless CI=true.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "daemon_support.h"
#include "test_support.h"

namespace ikeshift {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;
using test::Daemon;
using test::replace_all;

struct DialectCase {
  const char* name;         // for the test name
  const char* asa;          // the ASA end (fixtures/), its peer moved to the other end's lab address
  const char* asa_peer;     // that peer's production address in the ASA file
  const char* other;        // the other end (fixtures/translate/)
  const char* other_peer;   // the ASA's production address in it
  const char* interface;    // --interface-address IF for the other end ("" = its configured address)
  const char* own_address;  // the other end's production address (for the address form)
  const char* initiate_as;  // how `show ikev2-sa` of the other end names its tunnel
  int net;                  // 127.77.NET.1 = ASA, .2 = the other end
};

class EngineDialect : public ::testing::TestWithParam<DialectCase> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs::exists(IKESHIFT_BINARY)) << IKESHIFT_BINARY;
    fs::create_directories(scratch_);
  }
  std::string write(const std::string& name, std::string text, const std::string& from, const std::string& to) {
    replace_all(text, from, to);
    const fs::path p = dir_ / name;
    test::write_file(p, text);
    return p.string();
  }
  test::RunResult show(const std::string& socket, const std::string& what) {
    std::vector<std::string> args{IKESHIFT_BINARY, "engine", "show", "--control", socket};
    for (std::istringstream words(what); !words.eof();) {
      std::string w;
      words >> w;
      if (!w.empty()) args.push_back(w);
    }
    return test::run_program(args, dir_.path(), scratch_);
  }
  test::TempDir dir_;
  fs::path scratch_ = dir_ / "scratch";
};

TEST_P(EngineDialect, TheDialectsDaemonBringsATunnelUpWithTheAsa) {
  IKS_REQUIRE(test::ike_port_problem());
  const DialectCase& c = GetParam();
  const std::string asa_ip = "127.77." + std::to_string(c.net) + ".1";
  const std::string other_ip = "127.77." + std::to_string(c.net) + ".2";
  // The ASA's `set peer` and tunnel-group move to the other end's lab address.
  std::string asa_text = test::read_file(test::fixture(c.asa));
  replace_all(asa_text, std::string("set peer ") + c.asa_peer, "set peer " + other_ip);
  const std::string asa_cfg =
      write("asa.cfg", asa_text, std::string("tunnel-group ") + c.asa_peer + " ", "tunnel-group " + other_ip + " ");
  // Every mention of the ASA's address in the other end (peer, keyring, ids) moves to its lab address.
  const std::string other_cfg = write(fs::path(c.other).filename().string(), test::read_file(test::fixture(c.other)),
                                      c.other_peer, asa_ip);
  const std::string asa_sock = (dir_ / "asa.sock").string(), other_sock = (dir_ / "other.sock").string();

  Daemon asa({IKESHIFT_BINARY, "engine", "--config", asa_cfg, "--interface-address", "outside=" + asa_ip, "--control",
              asa_sock},
             dir_ / "asa.out", dir_ / "asa.err");
  ASSERT_TRUE(asa.started());
  for (int i = 0; i < 100 && !fs::exists(asa_sock) && asa.running(); ++i) std::this_thread::sleep_for(20ms);
  ASSERT_TRUE(fs::exists(asa_sock)) << asa.err();

  const std::string iface = std::string(*c.interface ? c.interface : c.own_address) + "=" + other_ip;
  Daemon other({IKESHIFT_BINARY, "engine", "--config", other_cfg, "--interface-address", iface, "--control", other_sock,
                "--initiate", "all"},
               dir_ / "other.out", dir_ / "other.err");
  ASSERT_TRUE(other.started());

  std::string show_asa, show_other;
  for (auto until = std::chrono::steady_clock::now() + 10s; std::chrono::steady_clock::now() < until;) {
    show_asa = show(asa_sock, "ikev2-sa detail").out;
    show_other = show(other_sock, "ikev2-sa detail").out;
    if (test::contains(show_asa, " READY ") && test::contains(show_asa, "Child sa:") &&
        test::contains(show_other, " READY ") && test::contains(show_other, "Child sa:")) {
      break;
    }
    if (!other.running()) break;
    std::this_thread::sleep_for(100ms);
  }
  EXPECT_TRUE(test::contains(show_other, "READY    INITIATOR")) << show_other << other.err() << other.out();
  EXPECT_TRUE(test::contains(show_asa, "READY    RESPONDER")) << show_asa << asa.err() << asa.out();
  EXPECT_TRUE(test::contains(show_other, other_ip + "/500")) << show_other;
  EXPECT_TRUE(test::contains(show_other, asa_ip + "/500")) << show_other;
  EXPECT_TRUE(test::contains(show_other, "Encr: 3DES, Hash: SHA96, DH Grp:5, Auth sign: PSK, Auth verify: PSK"))
      << show_other;
  // The two ends agree on the CHILD SA's SPIs.
  std::smatch m1, m2;
  const std::regex esp("ESP spi in/out: (0x[0-9a-f]+)/(0x[0-9a-f]+)");
  ASSERT_TRUE(std::regex_search(show_other, m1, esp)) << show_other;
  ASSERT_TRUE(std::regex_search(show_asa, m2, esp)) << show_asa;
  EXPECT_EQ(m1[1], m2[2]);
  EXPECT_EQ(m1[2], m2[1]);
  // The other end's daemon names its tunnel in its own dialect.
  EXPECT_TRUE(test::contains(other.err(), c.initiate_as)) << other.err();
  EXPECT_TRUE(test::contains(asa.out(), "%ASA-5-750006: Local:" + asa_ip + ":500 Remote:" + other_ip + ":500")) << asa.out();
  EXPECT_FALSE(test::contains(other.err() + other.out(), "cisco1234"));
  EXPECT_EQ(other.terminate(), 0) << other.err();
  EXPECT_EQ(asa.terminate(), 0) << asa.err();
}

INSTANTIATE_TEST_SUITE_P(
    Seed004, EngineDialect,
    ::testing::Values(
        DialectCase{"Ios", "seed004/asa2.expected.cfg", "192.168.1.1", "translate/asa1-to-ios.cfg", "192.168.2.2",
                    "GigabitEthernet0/0", "192.168.1.1", "crypto map vpn 12", 1},
        DialectCase{"Rtx", "seed004/asa2.expected.cfg", "192.168.1.1", "translate/asa1-to-rtx.cfg", "192.168.2.2", "",
                    "192.168.1.1", "tunnel select 1", 2},
        DialectCase{"Swanctl", "seed004/asa1.expected.cfg", "192.168.2.2", "translate/asa2-to-swanctl.conf",
                    "192.168.1.1", "vpn-12", "192.168.2.2", "connection vpn-12", 3}),
    [](const ::testing::TestParamInfo<DialectCase>& i) { return std::string(i.param.name); });

TEST(EngineDialectUsage, AnOtherDialectThanFromIsRefusedAndUnknownInterfacesAreNamed) {
  test::TempDir dir;
  const fs::path scratch = dir / "scratch";
  fs::create_directories(scratch);
  const std::string swan = test::fixture("translate/asa2-to-swanctl.conf").string();
  auto r = test::run_program({IKESHIFT_BINARY, "engine", "--from", "ios", "--config", swan}, dir.path(), scratch);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(test::contains(r.err, "not a Cisco IOS configuration")) << r.err;
  r = test::run_program({IKESHIFT_BINARY, "engine", "--config", swan, "--interface-address", "outside=127.0.0.1"}, dir.path(),
                        scratch);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_TRUE(test::contains(r.err, "has no interface named 'outside'")) << r.err;
  EXPECT_TRUE(test::contains(r.err, "connections: vpn-12")) << r.err;
}

}  // namespace
}  // namespace ikeshift
