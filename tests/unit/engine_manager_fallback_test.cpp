// The tunnel manager with both engines, device against device in one
// process, on the seed 004 pair before and after `migrate l2l` (the real
// migration output): IKEv2 first, IKEv1 after a failure, with the ASA's
// 752xxx sequence (seed 004, issue 4). The devices and the configurations:
// engine_device.h.
#include <gtest/gtest.h>

#include "engine_device.h"
#include "events/asa_format.h"
#include "manager/tunnel_stack.h"

namespace ikeshift::engine::manager {
namespace {

using namespace std::chrono_literals;
using namespace device_test;

class Fallback : public DeviceWorld {
 protected:
  // The device as the daemon builds it: both engines and the tunnel manager
  // (TunnelStack), installing into the recording data plane.
  struct Device : DeviceParts {
    Device(Fallback& x, const std::string& seed, const std::string& config, uint32_t address)
        : DeviceParts(x, seed, address) {
      stack = std::make_unique<TunnelStack>(deps<StackDeps>(x, &data_plane), plan_stack(tunnels_of(config)));
    }
    std::unique_ptr<TunnelStack> stack;
  };

  void start(const std::string& a, const std::string& b) {
    a_ = std::make_unique<Device>(*this, "A", a, 0xc0a80101);
    b_ = std::make_unique<Device>(*this, "B", b, 0xc0a80202);
  }
  // Acquires vpn 12 on A and runs until the manager has removed the entry.
  void acquire() {
    TunnelManager::Result r = a_->stack->manager().acquire("vpn", 12);
    ASSERT_EQ(r.status, TunnelManager::Acquire::Dispatched) << r.detail;
    ASSERT_TRUE(sim_.run_until([&] { return !a_->stack->manager().status().at(0).in_progress; }, 900s));
    sim_.run_until_idle(1s);
  }
  // The 752xxx ids A logged, in order.
  std::vector<int> manager_ids() const {
    std::vector<int> out;
    for (int id : a_->events.asa_ids())
      if (id >= 752000 && id < 753000) out.push_back(id);
    return out;
  }
  std::vector<std::string> manager_lines() const {
    std::vector<std::string> out;
    for (const auto& l : a_->events.asa_lines())
      if (l.find("%ASA-") == 0 && l.find("-752") != std::string::npos) out.push_back(l);
    return out;
  }
  bool ikev2_up(const Device& d) const {
    for (const auto& sa : d.stack->ikev2().ike_sas())
      if (sa.state == ikev2::Ikev2Engine::State::Established && !sa.children.empty()) return true;
    return false;
  }
  bool ikev1_up(const Device& d) const {
    for (const auto& sa : d.stack->ikev1().isakmp_sas())
      if (sa.state == ikev1::Phase1State::Active && !sa.children.empty()) return true;
    return false;
  }

  std::unique_ptr<Device> a_, b_;
};

TEST_F(Fallback, MigratedOnBothSidesIkev2ComesUp) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  acquire();
  EXPECT_TRUE(ikev2_up(*a_));
  EXPECT_TRUE(ikev2_up(*b_));
  EXPECT_TRUE(a_->stack->ikev1().isakmp_sas().empty());
  // Seed 004: 752003, 750001, 750006, 752016 (IKEv2), 752002.
  std::vector<int> all;
  for (int id : a_->events.asa_ids())
    if (id >= 750000) all.push_back(id);
  EXPECT_EQ(all, (std::vector<int>{752003, 750001, 750006, 752016, 752002}));
  EXPECT_EQ(manager_lines(), (std::vector<std::string>{
                                 "%ASA-5-752003: Tunnel Manager dispatching a KEY_ACQUIRE message to IKEv2. Map Tag = "
                                 "vpn. Map Sequence Number = 12.",
                                 "%ASA-5-752016: IKEv2 was successful at setting up a tunnel. Map Tag = vpn. Map "
                                 "Sequence Number = 12.",
                                 "%ASA-7-752002: Tunnel Manager Removed entry. Map Tag = vpn. Map Sequence Number = 12.",
                             }));
  EXPECT_EQ(a_->stack->manager().status().at(0).up_version, 2);
  // The CHILD SA reached the data plane, from the engine that set it up.
  ASSERT_EQ(a_->data_plane.sas.size(), 1u);
  EXPECT_EQ(a_->data_plane.sas[0].meta.ike_version, 2);
  // A second KEY_ACQUIRE for a tunnel that is up does nothing.
  EXPECT_EQ(a_->stack->manager().acquire("vpn", 12).status, TunnelManager::Acquire::AlreadyUp);
}

TEST_F(Fallback, Ikev2ProposalRemovedOnTheInitiatorGoesStraightToIkev1) {
  // Seed 004: `no crypto map vpn 12 set ikev2 ipsec-proposal goset`.
  std::string a = migrated("seed004/asa1.cfg");
  replace(a, "crypto map vpn 12 set ikev2 ipsec-proposal goset\n", "");
  start(a, migrated("seed004/asa2.cfg"));
  acquire();
  EXPECT_TRUE(ikev1_up(*a_));
  EXPECT_TRUE(ikev1_up(*b_));
  EXPECT_TRUE(a_->stack->ikev2().ike_sas().empty());
  EXPECT_EQ(manager_ids(), (std::vector<int>{752004, 752010, 752016, 752002}));
  EXPECT_EQ(manager_lines(), (std::vector<std::string>{
                                 "%ASA-5-752004: Tunnel Manager dispatching a KEY_ACQUIRE message to IKEv1. Map Tag = "
                                 "vpn. Map Sequence Number = 12.",
                                 "%ASA-4-752010: IKEv2 Doesn't have a proposal specified",
                                 "%ASA-5-752016: IKEv1 was successful at setting up a tunnel. Map Tag = vpn. Map "
                                 "Sequence Number = 12.",
                                 "%ASA-7-752002: Tunnel Manager Removed entry. Map Tag = vpn. Map Sequence Number = 12.",
                             }));
  EXPECT_EQ(a_->stack->manager().status().at(0).up_version, 1);
  ASSERT_EQ(a_->data_plane.sas.size(), 1u);
  EXPECT_EQ(a_->data_plane.sas[0].meta.ike_version, 1);
}

TEST_F(Fallback, Ikev2KeyWrongButIkev1KeyRightFallsBackAfter752012) {
  std::string b = migrated("seed004/asa2.cfg");
  replace(b, " ikev2 remote-authentication pre-shared-key cisco1234", " ikev2 remote-authentication pre-shared-key not-it");
  start(migrated("seed004/asa1.cfg"), b);
  acquire();
  EXPECT_TRUE(ikev1_up(*a_));
  EXPECT_TRUE(ikev1_up(*b_));
  EXPECT_FALSE(ikev2_up(*a_));
  EXPECT_EQ(manager_ids(), (std::vector<int>{752003, 752012, 752014, 752016, 752002}));
  auto lines = manager_lines();
  ASSERT_EQ(lines.size(), 5u);
  EXPECT_EQ(lines[1], "%ASA-4-752012: IKEv2 was unsuccessful at setting up a tunnel. Map Tag = vpn. Map Sequence "
                      "Number = 12.");
  EXPECT_EQ(lines[2], "%ASA-4-752014: Tunnel Manager dispatching a KEY_ACQUIRE message to IKEv1 after a failed "
                      "attempt. Map Tag = vpn. Map Sequence Number = 12.");
  EXPECT_EQ(lines[3], "%ASA-5-752016: IKEv1 was successful at setting up a tunnel. Map Tag = vpn. Map Sequence "
                      "Number = 12.");
  EXPECT_NE(a_->stack->manager().status().at(0).last_result.find("IKEv1 up"), std::string::npos);
}

TEST_F(Fallback, BothKeysWrongIs752015) {
  std::string b = migrated("seed004/asa2.cfg");
  replace(b, " ikev2 remote-authentication pre-shared-key cisco1234", " ikev2 remote-authentication pre-shared-key not-it");
  replace(b, " ikev1 pre-shared-key cisco1234", " ikev1 pre-shared-key not-it-either");
  start(migrated("seed004/asa1.cfg"), b);
  acquire();
  EXPECT_FALSE(ikev1_up(*a_));
  EXPECT_FALSE(ikev2_up(*a_));
  EXPECT_EQ(manager_ids(), (std::vector<int>{752003, 752012, 752014, 752012, 752015, 752002}));
  auto lines = manager_lines();
  ASSERT_EQ(lines.size(), 6u);
  EXPECT_EQ(lines[3], "%ASA-4-752012: IKEv1 was unsuccessful at setting up a tunnel. Map Tag = vpn. Map Sequence "
                      "Number = 12.");
  EXPECT_EQ(lines[4], "%ASA-3-752015: Tunnel Manager has failed to establish an L2L SA. All configured IKE versions "
                      "failed to establish the tunnel. Map Tag = vpn. Map Sequence Number = 12.");
  const std::string last = a_->stack->manager().status().at(0).last_result;
  EXPECT_NE(last.find("IKEv2 failed: authentication failed"), std::string::npos) << last;
  EXPECT_NE(last.find("IKEv1 failed: authentication failed"), std::string::npos) << last;
  // Each attempt's outcome is kept for tools that explain the failure.
  const auto attempts = a_->stack->manager().status().at(0).attempts;
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0].ike_version, 2);
  EXPECT_EQ(attempts[0].failure, FailureKind::AuthenticationFailed);
  EXPECT_EQ(attempts[1].ike_version, 1);
  EXPECT_EQ(attempts[1].failure, FailureKind::AuthenticationFailed);
  EXPECT_FALSE(attempts[1].established);
  // A new KEY_ACQUIRE starts a new history.
  acquire();
  EXPECT_EQ(a_->stack->manager().status().at(0).attempts.size(), 2u);
}

TEST_F(Fallback, FarEndIkev1OnlyBringsIkev1Up) {
  // B was never migrated: it has no IKEv2 and answers NO_PROPOSAL_CHOSEN.
  start(migrated("seed004/asa1.cfg"), fixture_text("seed004/asa2.cfg"));
  acquire();
  EXPECT_TRUE(ikev1_up(*a_));
  EXPECT_TRUE(ikev1_up(*b_));
  EXPECT_EQ(manager_ids(), (std::vector<int>{752003, 752012, 752014, 752016, 752002}));
  EXPECT_NE(a_->stack->manager().status().at(0).last_result.find("IKEv1 up"), std::string::npos);
}

TEST_F(Fallback, TsUnacceptableFallsBackAndLeavesNoChildlessIkev2Sa) {
  // B's IKEv2 side narrows nothing: a different ACL on B only.
  std::string b = migrated("seed004/asa2.cfg");
  replace(b, "access-list NEWARK extended permit ip 10.20.20.0 255.255.255.0 10.10.10.0 255.255.255.0",
          "access-list NEWARK extended permit ip 10.20.20.0 255.255.255.0 10.10.10.0 255.255.255.128");
  start(migrated("seed004/asa1.cfg"), b);
  acquire();
  // IKEv1 hits the same ACL: INVALID-ID-INFORMATION, so both versions fail;
  // the IKEv2 IKE SA that came up without a CHILD SA was deleted.
  EXPECT_EQ(manager_ids(), (std::vector<int>{752003, 752012, 752014, 752012, 752015, 752002}));
  EXPECT_TRUE(a_->stack->ikev2().ike_sas().empty());
  EXPECT_TRUE(b_->stack->ikev2().ike_sas().empty());
  const std::string last = a_->stack->manager().status().at(0).last_result;
  EXPECT_NE(last.find("IKEv2 failed: traffic selectors unacceptable"), std::string::npos) << last;
  EXPECT_NE(last.find("IKEv1 failed: traffic selectors unacceptable"), std::string::npos) << last;
}

TEST_F(Fallback, NoAnswerTimesOutOnBothVersions) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  net_.drop_if([](uint64_t, const io::Datagram& d) { return d.to.address == 0xc0a80202; });
  acquire();
  EXPECT_EQ(manager_ids(), (std::vector<int>{752003, 752012, 752014, 752012, 752015, 752002}));
  const std::string last = a_->stack->manager().status().at(0).last_result;
  EXPECT_NE(last.find("IKEv2 failed: no response"), std::string::npos) << last;
  EXPECT_NE(last.find("IKEv1 failed: no response"), std::string::npos) << last;
}

TEST_F(Fallback, RefusalsNameTheirReason) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  TunnelManager& m = a_->stack->manager();
  EXPECT_EQ(m.acquire("vpn", 13).status, TunnelManager::Acquire::UnknownEntry);
  EXPECT_EQ(m.acquire("vpn", 12, 5).status, TunnelManager::Acquire::BadSelector);
  EXPECT_EQ(m.acquire("vpn", 12).status, TunnelManager::Acquire::Dispatched);
  TunnelManager::Result again = m.acquire("vpn", 12);
  EXPECT_EQ(again.status, TunnelManager::Acquire::InProgress);
  EXPECT_NE(again.detail.find("IKEv2 is already negotiating"), std::string::npos) << again.detail;
}

TEST(StackPlan, SaysWhichVersionCannotRunAndWhy) {
  StackPlan plan = plan_stack(tunnels_of(fixture_text("seed004/asa1.cfg")));
  ASSERT_EQ(plan.entries.size(), 1u);
  EXPECT_FALSE(plan.entries[0].ikev2);
  EXPECT_TRUE(plan.entries[0].ikev1);
  EXPECT_FALSE(plan.entries[0].ikev2_enabled_on_interface);
  EXPECT_EQ(plan.ikev1.size(), 1u);
  EXPECT_TRUE(plan.notes.empty());  // nothing IKEv2 about it: nothing to complain about
  StackPlan both = plan_stack(tunnels_of(migrated("seed004/asa1.cfg")));
  ASSERT_EQ(both.entries.size(), 1u);
  EXPECT_TRUE(both.entries[0].ikev2);
  EXPECT_TRUE(both.entries[0].ikev1);
  EXPECT_TRUE(both.entries[0].ikev2_enabled_on_interface);
}

}  // namespace
}  // namespace ikeshift::engine::manager
