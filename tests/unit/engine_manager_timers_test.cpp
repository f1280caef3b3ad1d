// What the tunnel manager's two engines share, device against device on the
// seed 004 pair: the bounded IKEv2 attempt on a silent peer (the fallback to
// IKEv1 after 30 s, like IKEv1's phase 1 deadline, instead of after IKEv2's
// five retransmissions), failed SAs of either version leaving `show` after
// 10 s, and one inbound-SPI allocator for both engines.
#include <gtest/gtest.h>

#include "engine_device.h"
#include "manager/tunnel_stack.h"
#include "sa/inbound_spi_allocator.h"

namespace ikeshift::engine::manager {
namespace {

using namespace std::chrono_literals;
using namespace device_test;

class StackTimers : public DeviceWorld {
 protected:
  // The device as the daemon builds it (TunnelStack), optionally on an
  // inbound-SPI allocator the test holds.
  struct Device : DeviceParts {
    Device(StackTimers& x, const std::string& seed, const std::string& config, uint32_t address,
           sa::InboundSpiAllocator* spis)
        : DeviceParts(x, seed, address) {
      StackDeps d = deps<StackDeps>(x, &data_plane);
      d.spis = spis;
      stack = std::make_unique<TunnelStack>(d, plan_stack(tunnels_of(config)));
    }
    // (IKE version, inbound SPI) of what reached the data plane.
    std::pair<int, uint32_t> installed(size_t i) const {
      return {data_plane.sas.at(i).meta.ike_version, data_plane.sas.at(i).spi_in};
    }
    std::unique_ptr<TunnelStack> stack;
  };

  void start(const std::string& a, const std::string& b, sa::InboundSpiAllocator* a_spis = nullptr) {
    a_ = std::make_unique<Device>(*this, "A", a, 0xc0a80101, a_spis);
    b_ = std::make_unique<Device>(*this, "B", b, 0xc0a80202, nullptr);
  }
  // A KEY_ACQUIRE for vpn 12 on A, run until the manager is done with it.
  void acquire() {
    TunnelManager::Result r = a_->stack->manager().acquire("vpn", 12);
    ASSERT_EQ(r.status, TunnelManager::Acquire::Dispatched) << r.detail;
    ASSERT_TRUE(sim_.run_until([&] { return !a_->stack->manager().status().at(0).in_progress; }, 900s));
  }
  double seconds_since(io::TimePoint t0) const {
    return std::chrono::duration<double>(clock_.now() - t0).count();
  }

  std::unique_ptr<Device> a_, b_;
};

// A peer that answers nothing: IKEv2 gives up after 30 s with datagrams at
// 0, 2, 6 and 14 s (as IKEv1's phase 1 does), so IKEv1 is tried at 30 s, not
// after IKEv2's 2+4+8+16+32+64 s of retransmissions.
TEST_F(StackTimers, ASilentPeerFallsBackToIkev1After30Seconds) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  std::vector<double> ikev2_sends, ikev1_sends;
  const io::TimePoint t0 = clock_.now();
  net_.set_tap([&](uint64_t, const io::Datagram& d) {
    if (d.from.address != 0xc0a80101 || d.bytes.size() < 28) return;
    // The version octet of the IKE header (offset 17): 0x20 IKEv2, 0x10 IKEv1.
    (d.bytes[17] == 0x20 ? ikev2_sends : ikev1_sends).push_back(seconds_since(t0));
  });
  net_.drop_if([](uint64_t, const io::Datagram& d) { return d.to.address == 0xc0a80202; });
  TunnelManager& m = a_->stack->manager();
  ASSERT_EQ(m.acquire("vpn", 12).status, TunnelManager::Acquire::Dispatched);
  ASSERT_TRUE(sim_.run_until([&] { return m.status().at(0).trying_version == 1; }, 900s));
  EXPECT_DOUBLE_EQ(seconds_since(t0), 30.0);
  EXPECT_EQ(ikev2_sends, (std::vector<double>{0, 2, 6, 14}));
  auto sas = a_->stack->ikev2().ike_sas();
  ASSERT_EQ(sas.size(), 1u);
  EXPECT_EQ(sas[0].state, ikev2::Ikev2Engine::State::Failed);
  EXPECT_NE(sas[0].failure.find("did not complete within 30 s"), std::string::npos) << sas[0].failure;
  // IKEv1 is bounded the same way: the whole KEY_ACQUIRE is over at 60 s.
  ASSERT_TRUE(sim_.run_until([&] { return !m.status().at(0).in_progress; }, 900s));
  EXPECT_DOUBLE_EQ(seconds_since(t0), 60.0);
  EXPECT_EQ(ikev1_sends, (std::vector<double>{30, 32, 36, 44}));
  const std::string last = m.status().at(0).last_result;
  EXPECT_NE(last.find("IKEv2 failed: no response"), std::string::npos) << last;
  EXPECT_NE(last.find("IKEv1 failed: no response"), std::string::npos) << last;
}

// The bound covers the whole IKEv2 setup: with IKE_AUTH's answers lost, the
// attempt still ends 30 s after it started, not 30 s after IKE_AUTH.
TEST_F(StackTimers, TheBoundCoversIkeAuthToo) {
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"));
  const io::TimePoint t0 = clock_.now();
  // B's answers after its IKE_SA_INIT response (its IKE_AUTH responses) are lost.
  int from_b = 0;
  net_.drop_if([&](uint64_t, const io::Datagram& d) { return d.from.address == 0xc0a80202 && ++from_b > 1; });
  TunnelManager& m = a_->stack->manager();
  ASSERT_EQ(m.acquire("vpn", 12).status, TunnelManager::Acquire::Dispatched);
  ASSERT_TRUE(sim_.run_until([&] { return m.status().at(0).trying_version == 1; }, 900s));
  EXPECT_DOUBLE_EQ(seconds_since(t0), 30.0);
  auto sas = a_->stack->ikev2().ike_sas();
  ASSERT_EQ(sas.size(), 1u);
  EXPECT_NE(sas[0].failure.find("IKE_AUTH did not complete within 30 s"), std::string::npos) << sas[0].failure;
}

// The engine on its own keeps RFC-style retransmissions; only the manager's
// attempt is bounded (StackOptions carries the bound; a stack built with other options can widen it).
TEST_F(StackTimers, OnlyTheManagersAttemptIsBounded) {
  EXPECT_EQ(StackOptions{}.ikev2.setup_deadline, std::optional<io::Duration>(30s));
  EXPECT_FALSE(ikev2::EngineOptions{}.setup_deadline.has_value());
  EXPECT_EQ(StackOptions{}.ikev1.half_open_timeout, io::Duration(30s));
}

// After a fallback the failed IKEv2 SA is shown for 10 s (why it failed),
// then leaves `show crypto ikev2 sa`, on both devices, like a failed IKEv1 SA.
TEST_F(StackTimers, AFailedIkev2SaLeavesShowTenSecondsAfterTheFallback) {
  std::string b = migrated("seed004/asa2.cfg");
  replace(b, " ikev2 remote-authentication pre-shared-key cisco1234", " ikev2 remote-authentication pre-shared-key not-it");
  start(migrated("seed004/asa1.cfg"), b);
  acquire();
  EXPECT_EQ(a_->stack->manager().status().at(0).up_version, 1);
  auto failed = a_->stack->ikev2().ike_sas();
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].state, ikev2::Ikev2Engine::State::Failed);
  EXPECT_NE(failed[0].failure.find("AUTHENTICATION_FAILED"), std::string::npos) << failed[0].failure;
  ASSERT_EQ(b_->stack->ikev2().ike_sas().size(), 1u);
  // (run_until_idle stops short of a horizon with nothing due before it, so
  // the clock is moved explicitly.)
  clock_.advance(9s);
  sim_.run_until_idle(1ms);
  EXPECT_EQ(a_->stack->ikev2().ike_sas().size(), 1u) << "still shown before 10 s";
  clock_.advance(2s);
  sim_.run_until_idle(1ms);
  EXPECT_TRUE(a_->stack->ikev2().ike_sas().empty());
  EXPECT_TRUE(b_->stack->ikev2().ike_sas().empty());
  // The IKEv1 tunnel the fallback brought up is untouched.
  ASSERT_EQ(a_->stack->ikev1().isakmp_sas().size(), 1u);
  EXPECT_EQ(a_->stack->ikev1().isakmp_sas()[0].state, ikev1::Phase1State::Active);
}

TEST_F(StackTimers, FailedSasOfBothVersionsLeaveShowAfterTheSameTime) {
  std::string b = migrated("seed004/asa2.cfg");
  replace(b, " ikev2 remote-authentication pre-shared-key cisco1234", " ikev2 remote-authentication pre-shared-key not-it");
  replace(b, " ikev1 pre-shared-key cisco1234", " ikev1 pre-shared-key not-it-either");
  start(migrated("seed004/asa1.cfg"), b);
  acquire();
  ASSERT_EQ(a_->stack->ikev2().ike_sas().size(), 1u);
  ASSERT_EQ(a_->stack->ikev1().isakmp_sas().size(), 1u);
  EXPECT_EQ(a_->stack->ikev1().isakmp_sas()[0].state, ikev1::Phase1State::Failed);
  sim_.run_until_idle(11s);
  EXPECT_TRUE(a_->stack->ikev2().ike_sas().empty());
  EXPECT_TRUE(a_->stack->ikev1().isakmp_sas().empty());
  EXPECT_EQ(StackOptions{}.ikev2.failed_linger, StackOptions{}.ikev1.failed_linger);
}

// Every inbound SPI either engine hands the data plane comes from the one
// allocator the stack gives both, and goes back when the SA goes.
TEST_F(StackTimers, BothEnginesDrawInboundSpisFromTheStacksOneAllocator) {
  crypto::DeterministicRng spi_rng(ctx_, uint64_t{7});
  sa::InboundSpiAllocator shared(spi_rng);
  start(migrated("seed004/asa1.cfg"), migrated("seed004/asa2.cfg"), &shared);
  EXPECT_EQ(&a_->stack->spis(), &shared);
  acquire();  // IKEv2
  ASSERT_EQ(a_->data_plane.sas.size(), 1u);
  EXPECT_EQ(a_->installed(0).first, 2);
  EXPECT_TRUE(shared.in_use(a_->installed(0).second));
  EXPECT_EQ(shared.size(), 1u);
  // A CHILD rekey holds the new SPI and gives the old one back; an IKE SA
  // rekey moves the CHILD SA with its SPI.
  ikev2::Ikev2Engine& v2 = a_->stack->ikev2();
  const uint32_t old_spi = v2.ike_sas().at(0).children.at(0).spi_in;
  ASSERT_TRUE(v2.rekey_child(v2.ike_sas().at(0).id, old_spi));
  sim_.run_until_idle(5s);
  ASSERT_EQ(v2.ike_sas().size(), 1u);
  ASSERT_EQ(v2.ike_sas().at(0).children.size(), 1u);
  const uint32_t new_spi = v2.ike_sas().at(0).children.at(0).spi_in;
  EXPECT_NE(new_spi, old_spi);
  EXPECT_FALSE(shared.in_use(old_spi));
  EXPECT_TRUE(shared.in_use(new_spi));
  EXPECT_EQ(shared.size(), 1u);
  ASSERT_TRUE(v2.rekey_ike(v2.ike_sas().at(0).id));
  sim_.run_until_idle(5s);
  ASSERT_EQ(v2.ike_sas().size(), 1u);
  EXPECT_EQ(v2.ike_sas().at(0).children.at(0).spi_in, new_spi);
  EXPECT_TRUE(shared.in_use(new_spi));
  EXPECT_EQ(shared.size(), 1u);
  ASSERT_TRUE(a_->stack->ikev2().terminate(a_->stack->ikev2().ike_sas().at(0).id));
  sim_.run_until_idle(5s);
  EXPECT_EQ(shared.size(), 0u) << "the deleted CHILD SA's SPI is free again";

  // IKEv1 (the entry without its ipsec-proposal) on the same allocator.
  a_.reset();
  b_.reset();
  std::string a = migrated("seed004/asa1.cfg");
  replace(a, "crypto map vpn 12 set ikev2 ipsec-proposal goset\n", "");
  start(a, migrated("seed004/asa2.cfg"), &shared);
  acquire();
  ASSERT_EQ(a_->data_plane.sas.size(), 1u);
  EXPECT_EQ(a_->installed(0).first, 1);
  EXPECT_TRUE(shared.in_use(a_->installed(0).second));
  EXPECT_EQ(shared.size(), 1u);
  a_.reset();  // the stack goes before the allocator it was given
  b_.reset();
}

// An SPI that the other engine (or anything else on the device) holds is
// never handed out again: the run that would have picked it picks another.
TEST_F(StackTimers, AnSpiHeldElsewhereIsNeverReused) {
  for (bool ikev1 : {false, true}) {
    SCOPED_TRACE(ikev1 ? "IKEv1" : "IKEv2");
    std::string a = migrated("seed004/asa1.cfg");
    if (ikev1) replace(a, "crypto map vpn 12 set ikev2 ipsec-proposal goset\n", "");
    // The first run shows which SPI A's engine draws (the runs are deterministic).
    crypto::DeterministicRng rng1(ctx_, uint64_t{1});
    sa::InboundSpiAllocator first(rng1);
    start(a, migrated("seed004/asa2.cfg"), &first);
    acquire();
    ASSERT_EQ(a_->data_plane.sas.size(), 1u);
    const uint32_t drawn = a_->installed(0).second;
    a_.reset();  // the stacks go before the allocators they were given
    b_.reset();
    // The same run with that SPI already held on the device.
    crypto::DeterministicRng rng2(ctx_, uint64_t{1});
    sa::InboundSpiAllocator second(rng2);
    ASSERT_TRUE(second.reserve(drawn));
    start(a, migrated("seed004/asa2.cfg"), &second);
    acquire();
    ASSERT_EQ(a_->data_plane.sas.size(), 1u);
    EXPECT_NE(a_->installed(0).second, drawn);
    EXPECT_TRUE(second.in_use(drawn));
    EXPECT_EQ(a_->stack->manager().status().at(0).up_version, ikev1 ? 1 : 2);
    a_.reset();  // the stacks go before the allocators they were given
    b_.reset();
  }
}

}  // namespace
}  // namespace ikeshift::engine::manager
