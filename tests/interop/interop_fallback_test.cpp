// The tunnel manager between two `ikeshift engine` daemons in network
// namespaces (issue 4): the seed 004 pair from its real configurations
// (fixtures/seed004, addresses moved to the lab's 192.0.2.1/.2), migrated with
// the `ikeshift migrate l2l` binary, then varied one line at a time. The
// initiator's 752xxx sequence is checked against the ASA's, and both daemons
// show the tunnel with the IKE version that carried it. Nothing else runs in
// the lab: no charon, no data plane.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "ikeshift_daemon.h"
#include "interop_support.h"
#include "netns_lab.h"

namespace ikeshift::interop {
namespace {

namespace fs = std::filesystem;

constexpr milliseconds kDoneTimeout{60000};

// Replaces one line fragment that must be there.
::testing::AssertionResult replace_once(std::string& text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  if (at == std::string::npos) return ::testing::AssertionFailure() << "not in the config: " << from;
  text.replace(at, from.size(), to);
  return ::testing::AssertionSuccess();
}

class DeviceFallback : public IkeshiftLabTest {
 protected:
  // fixtures/seed004/<name> with the seed's addresses moved into the lab.
  std::string seed(const std::string& name) const {
    std::string text = fixture_text("seed004/" + name);
    EXPECT_FALSE(text.empty()) << name;
    return with_lab_addresses(text, *lab_);
  }
  // `ikeshift migrate l2l` on a config text, as a user runs it.
  std::string migrated(const std::string& text, const std::string& name) const {
    const fs::path in = lab_->dir() / (name + ".cfg"), out = lab_->dir() / (name + ".migrated.cfg");
    write_file(in, text);
    RunResult r = run({IKESHIFT_BINARY, "migrate", "l2l", in.string(), "-o", out.string()}, milliseconds(30000));
    EXPECT_TRUE(r.exit_code == 0 || r.exit_code == 1) << "migrate l2l: " << r.output;
    std::string result = read_file(out);
    EXPECT_TRUE(contains(result, "crypto ikev2 enable outside")) << result << r.output;
    return result;
  }

  // B answers; A initiates vpn 12 through `ctl initiate` once B listens, and
  // the test waits until A's tunnel manager has removed its entry (752002).
  void run_pair(const std::string& a, const std::string& b) {
    b_ = std::make_unique<IkeshiftDaemon>(*lab_, Side::B, "ikeshift-b", IKESHIFT_BINARY, b);
    a_ = std::make_unique<IkeshiftDaemon>(*lab_, Side::A, "ikeshift-a", IKESHIFT_BINARY, a);
    RunResult r = a_->ctl({"initiate", "vpn", "12"});
    ASSERT_TRUE(r.ok()) << r.output << a_->log();
    EXPECT_TRUE(contains(r.output, "dispatched")) << r.output;
    ASSERT_TRUE(a_->wait_log("%ASA-7-752002:", kDoneTimeout)) << a_->log() << "--- B ---\n" << b_->log();
  }

  // Both daemons show an IPsec SA of IKE version `version` for vpn 12.
  void expect_up(int version) {
    const std::string word = "IKEv" + std::to_string(version);
    for (const IkeshiftDaemon* d : {a_.get(), b_.get()}) {
      std::string shown;
      EXPECT_TRUE(d->wait_show(word, milliseconds(10000), &shown, "ipsec-sa")) << shown << d->log();
      EXPECT_TRUE(contains(shown, "Crypto map tag: vpn, seq num: 12")) << shown;
    }
    const std::string view = version == 2 ? "ikev2-sa" : "ikev1-sa";
    EXPECT_TRUE(a_->wait_show(version == 2 ? "READY" : "MM_ACTIVE", milliseconds(10000), nullptr, view))
        << a_->show({view}).output;
  }

  std::unique_ptr<IkeshiftDaemon> a_, b_;
};

TEST_F(DeviceFallback, MigratedOnBothSidesIkev2ComesUp) {
  run_pair(migrated(seed("asa1.cfg"), "asa1"), migrated(seed("asa2.cfg"), "asa2"));
  ASSERT_FALSE(HasFailure());
  const std::string log = a_->log();
  EXPECT_EQ(manager_ids(log), (std::vector<int>{752003, 752016, 752002})) << log;
  EXPECT_TRUE(contains(log, "%ASA-5-752016: IKEv2 was successful at setting up a tunnel. Map Tag = vpn. Map "
                            "Sequence Number = 12."))
      << log;
  expect_up(2);
  EXPECT_TRUE(contains(a_->show({"tunnel-manager"}).output, "IKEv2 up")) << a_->show({"tunnel-manager"}).output;
}

TEST_F(DeviceFallback, NotMigratedIkev1ComesUp) {
  // Seed 004 as it was: the manager never tries IKEv2 (no ipsec-proposal, no
  // crypto ikev2 enable).
  run_pair(seed("asa1.cfg"), seed("asa2.cfg"));
  ASSERT_FALSE(HasFailure());
  EXPECT_EQ(manager_ids(a_->log()), (std::vector<int>{752004, 752016, 752002})) << a_->log();
  expect_up(1);
}

TEST_F(DeviceFallback, Ikev2ProposalRemovedOnTheInitiatorGoesStraightToIkev1) {
  std::string a = migrated(seed("asa1.cfg"), "asa1");
  ASSERT_TRUE(replace_once(a, "crypto map vpn 12 set ikev2 ipsec-proposal goset\n", ""));
  run_pair(a, migrated(seed("asa2.cfg"), "asa2"));
  ASSERT_FALSE(HasFailure());
  const std::string log = a_->log();
  EXPECT_EQ(manager_ids(log), (std::vector<int>{752004, 752010, 752016, 752002})) << log;
  EXPECT_TRUE(contains(log, "%ASA-4-752010: IKEv2 Doesn't have a proposal specified")) << log;
  expect_up(1);
}

TEST_F(DeviceFallback, Ikev2KeyWrongButIkev1KeyRightFallsBackAfter752012) {
  std::string b = migrated(seed("asa2.cfg"), "asa2");
  ASSERT_TRUE(replace_once(b, " ikev2 remote-authentication pre-shared-key cisco1234",
                           " ikev2 remote-authentication pre-shared-key not-it"));
  run_pair(migrated(seed("asa1.cfg"), "asa1"), b);
  ASSERT_FALSE(HasFailure());
  const std::string log = a_->log();
  EXPECT_EQ(manager_ids(log), (std::vector<int>{752003, 752012, 752014, 752016, 752002})) << log;
  EXPECT_TRUE(contains(log, "%ASA-4-752012: IKEv2 was unsuccessful at setting up a tunnel. Map Tag = vpn. Map "
                            "Sequence Number = 12."))
      << log;
  EXPECT_TRUE(contains(log, "%ASA-4-752014: Tunnel Manager dispatching a KEY_ACQUIRE message to IKEv1 after a "
                            "failed attempt. Map Tag = vpn. Map Sequence Number = 12."))
      << log;
  expect_up(1);
  // The failed IKEv2 attempt is no tunnel on A (the IKEv2 engine shows it DOWN).
  EXPECT_FALSE(contains(a_->show({"ikev2-sa"}).output, "READY")) << a_->show({"ikev2-sa"}).output;
}

TEST_F(DeviceFallback, BothKeysWrongIs752015) {
  std::string b = migrated(seed("asa2.cfg"), "asa2");
  ASSERT_TRUE(replace_once(b, " ikev2 remote-authentication pre-shared-key cisco1234",
                           " ikev2 remote-authentication pre-shared-key not-it"));
  ASSERT_TRUE(replace_once(b, " ikev1 pre-shared-key cisco1234", " ikev1 pre-shared-key not-it-either"));
  run_pair(migrated(seed("asa1.cfg"), "asa1"), b);
  ASSERT_FALSE(HasFailure());
  const std::string log = a_->log();
  EXPECT_EQ(manager_ids(log), (std::vector<int>{752003, 752012, 752014, 752012, 752015, 752002})) << log;
  EXPECT_TRUE(contains(log, "%ASA-3-752015: Tunnel Manager has failed to establish an L2L SA. All configured IKE "
                            "versions failed to establish the tunnel. Map Tag = vpn. Map Sequence Number = 12."))
      << log;
  EXPECT_TRUE(contains(a_->show({"ipsec-sa"}).output, "There are no ipsec sas")) << a_->show({"ipsec-sa"}).output;
}

}  // namespace
}  // namespace ikeshift::interop
