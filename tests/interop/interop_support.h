// What the interop tests share: the prerequisites every test checks before it
// builds a lab (root, iproute2, /var/run/netns -- test::netns_problem, shared
// with the unit tests -- charon and swanctl; missing => SKIPPED with the
// reason, a FAILURE with CI=true: IKS_REQUIRE, tests/support), the fixtures
// that build the lab, ikeshift against charon brought up in either role, the
// SPI pairs both sides show, the seed fixtures moved into the lab, and a
// tshark capture of the IKE traffic.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "ikeshift_daemon.h"
#include "netns_lab.h"
#include "prerequisites.h"
#include "strongswan_peer.h"

#ifndef IKESHIFT_BINARY
#error "IKESHIFT_BINARY must name the ikeshift executable (tests/CMakeLists.txt)"
#endif
#ifndef IKESHIFT_SOURCE_DIR
#error "IKESHIFT_SOURCE_DIR must name the source tree (tests/CMakeLists.txt)"
#endif

// A binary without the `engine` subcommand is a skip even with CI=true: that
// is the feature under construction, not the environment.
#define IKS_REQUIRE_ENGINE()                                                                   \
  do {                                                                                         \
    const std::string iks_missing = ::ikeshift::interop::IkeshiftDaemon::missing(IKESHIFT_BINARY); \
    if (!iks_missing.empty()) GTEST_SKIP() << iks_missing;                                     \
  } while (0)

namespace ikeshift::interop {

// Bounded waits: charon brings a PSK tunnel up in 10-20 ms here, so these
// only matter when something is wrong (or the machine is very loaded).
inline constexpr milliseconds kEstablishTimeout{30000};
inline constexpr milliseconds kShowTimeout{10000};

// Root, iproute2, /var/run/netns, then what charon needs; empty when all is there.
std::string environment_problem();

inline bool contains(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

// How often `needle` occurs in `haystack` (overlaps included).
size_t count(const std::string& haystack, const std::string& needle);

// The tunnel manager's 752xxx ids in an ASA log, in order.
std::vector<int> manager_ids(const std::string& log);

// fixtures/<rel> as text (empty when missing: the caller's EXPECT says which).
std::string fixture_text(const std::string& rel);

// A seed 004 configuration with its outer addresses moved into the lab
// (192.168.1.1 -> A's, 192.168.2.2 -> B's); the protected networks
// 10.10.10.0/24 and 10.20.20.0/24 are the lab's already.
std::string with_lab_addresses(std::string text, const NetnsLab& lab);

// `ping -c COUNT -i 0.2 -w 15` from the protected host of `from` to the
// other's: exit 0 means every reply came.
RunResult ping_hosts(const NetnsLab& lab, Side from, int count = 5);

// A test with a two-namespace lab of its own, built in SetUp once the
// prerequisites are there. A failed test names the lab's directory.
class LabTest : public ::testing::Test {
 protected:
  void SetUp() override;
  void TearDown() override;

  std::unique_ptr<NetnsLab> lab_;
};

enum class Role { Responder, Initiator };  // ikeshift's role
void PrintTo(Role r, std::ostream* os);    // readable parameter names in gtest's output

// How `ikeshift engine show` says a tunnel is up, per IKE version.
struct IkeshiftUp {
  std::string view;                  // the show view: ikev2-sa, ikev1-sa
  std::string word;                  // in it once up
  std::string initiator, responder;  // how it shows ikeshift's role
  std::string gave_up;               // a log line after which waiting longer is pointless; empty: none
};
extern const IkeshiftUp kIkev2Up;  // READY, INITIATOR/RESPONDER; 750003 gives up
extern const IkeshiftUp kIkev1Up;  // MM_ACTIVE or AM_ACTIVE, "Role    : initiator"/"responder"

// The same for tests that run `ikeshift engine`; the binary is checked
// before the lab is built (IKS_REQUIRE_ENGINE).
class IkeshiftLabTest : public LabTest {
 protected:
  void SetUp() override;

  // `ikeshift engine` on `side` (A: the lab's default ASA side), with
  // `--initiate all` as initiator.
  std::unique_ptr<IkeshiftDaemon> start_ikeshift(const AsaLabConfig& asa, Role role,
                                                 const std::string& name = "ikeshift", Side side = Side::A);

  struct Pair {
    std::unique_ptr<StrongswanPeer> charon;
    std::unique_ptr<IkeshiftDaemon> ikeshift;
  };

  // charon on B (first in both roles: as responder it must be listening
  // before ikeshift's first message) and ikeshift on A in `role`; waits until
  // charon has the CHILD SA (or ikeshift gave up or died: a failure then
  // costs a second, not the whole timeout) and checks what both sides say.
  // The pair stays up for further checks.
  Pair bring_up(const AsaLabConfig& asa, const CharonConfig& charon, Role role, const IkeshiftUp& up);
};

// One CHILD SA (IKEv1: IPsec SA) as one side names it: `in` is the SPI the
// side itself chose.
struct SpiPair {
  uint32_t in = 0, out = 0;
  bool operator==(const SpiPair& o) const { return in == o.in && out == o.out; }
};
std::ostream& operator<<(std::ostream& os, const SpiPair& p);
// The same SA seen from the other side.
inline SpiPair mirrored(const SpiPair& p) { return {p.out, p.in}; }
// "c8f01a8e" -> 0xc8f01a8e; 0 when it is not hex.
uint32_t hex32(const std::string& text);
// charon's INSTALLED CHILD SAs of its ESTABLISHED IKE SAs, or all of its CHILD SAs.
std::vector<SpiPair> charon_children(const CharonSas& sas, bool installed_only = true);

// tshark on side A's veth writing IKE (UDP 500 and 4500) to
// lab.dir()/ike.pcapng, then read back with display filters.
class IkeCapture {
 public:
  IkeCapture(const NetnsLab& lab, std::filesystem::path tshark);
  // Waits until tshark really captures; the failure says what it printed.
  ::testing::AssertionResult started();
  // SIGINT: dumpcap flushes and closes the file.
  ::testing::AssertionResult stop();
  // tshark -n -r CAPTURE OPTIONS...
  RunResult read(const Argv& options) const;
  // The non-empty lines of tshark's output, without its "Running as user" notice.
  static size_t lines(const std::string& text);
  // `-o uat:TABLE:LINE` for every line of a key log (--keylog, --keylog-ikev1):
  // the options that let tshark decrypt with it.
  static Argv keylog_options(const std::string& table, const std::string& keylog);

 private:
  const NetnsLab& lab_;
  std::filesystem::path tshark_, file_;
  std::unique_ptr<Process> process_;
};

}  // namespace ikeshift::interop
