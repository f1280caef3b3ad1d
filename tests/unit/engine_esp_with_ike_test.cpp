// The whole device in one process: two IKEv2 engines on an in-memory network
// install their CHILD SAs into two ESP data planes (dataplane::ChildSaSink);
// the first packet's KEY_ACQUIRE starts the tunnel, the packet is held and
// then delivered, and traffic survives a CHILD SA rekey. The seed 004 pair
// after `migrate l2l` (3DES/SHA-1 ESP), raw ESP and UDP 4500.
#include <gtest/gtest.h>

#include "engine_device.h"
#include "esp_test_support.h"
#include "ikev2/ikev2_engine.h"
#include "io/esp_demux_transport.h"

namespace ikeshift::engine::esp {
namespace {

using namespace std::chrono_literals;
using device_test::migrated;
using test::ip;

// Here the data plane is the real one, on raw ESP and UDP 4500, with the
// device as its control plane and packet output.
class Device : public ControlPlane, public PacketOutput {
 public:
  Device(device_test::DeviceWorld& w, const std::string& config, uint32_t address, ikev2::EngineOptions options)
      : rng_(w.ctx_, crypto::ByteSpan::from_text(config.substr(0, 200))),
        bus_(w.wall_),
        udp_(w.net_.attach({io::Endpoint{address, 500}, io::Endpoint{address, 4500}})),
        raw_(w.net_.attach({io::Endpoint{address, 0}})),
        demux_(*udp_, [this](const io::Datagram& d) { receive(d, true); }) {
    bus_.subscribe(events);
    std::vector<ikev2::PeerConfig> peers;
    peers.push_back(device_test::ikev2_peer_of(config));
    tunnel_ = peers[0].tunnel;
    dp_ = std::make_unique<DataPlane>(DataPlaneDeps{w.clock_, rng_, w.ctx_, &bus_, this, *this},
                                      std::vector<const model::Tunnel*>{&tunnel_});
    raw_->set_receive_handler([this](const io::Datagram& d) { receive(d, false); });
    ikev2::EngineDeps deps{w.clock_, w.timers_, rng_, w.dh_, w.ctx_, demux_, bus_, dp_.get(), nullptr};
    engine_ = std::make_unique<ikev2::Ikev2Engine>(deps, std::move(peers), options);
  }
  ~Device() override { raw_->set_receive_handler(nullptr); }

  void acquire(const AcquireRequest& r) override {
    ++acquires;
    if (engine_->ike_sas().empty()) engine_->initiate(r.tunnel);
  }
  void soft_lifetime_expired(int, uint32_t, uint32_t) override {}
  void hard_lifetime_expired(int, uint32_t, uint32_t) override {}
  bool send_esp(const OuterPath& p, const uint8_t* esp, size_t n) override {
    const uint16_t lp = p.udp ? p.local_port : 0, pp = p.udp ? p.peer_port : 0;
    io::Transport& t = p.udp ? static_cast<io::Transport&>(demux_) : *raw_;
    return t.send(io::Datagram{{p.local, lp}, {p.peer, pp}, crypto::Bytes(esp, esp + n)});
  }
  void deliver(const uint8_t* packet, size_t n) override { delivered.emplace_back(packet, packet + n); }

  void receive(const io::Datagram& d, bool udp) {
    crypto::Bytes copy = d.bytes;
    if (udp) udp_esp++;
    else raw_esp++;
    dp_->inbound(OuterPath{udp, d.to.address, d.from.address, d.to.port, d.from.port}, copy.data(), copy.size());
  }

  DataPlane& dp() { return *dp_; }
  ikev2::Ikev2Engine& engine() { return *engine_; }
  events::RecordingSink events;
  std::vector<crypto::Bytes> delivered;
  int acquires = 0, udp_esp = 0, raw_esp = 0;

 private:
  crypto::DeterministicRng rng_;
  events::EventBus bus_;
  std::unique_ptr<io::Transport> udp_, raw_;
  io::EspDemuxTransport demux_;
  model::Tunnel tunnel_;
  std::unique_ptr<DataPlane> dp_;
  std::unique_ptr<ikev2::Ikev2Engine> engine_;
};

class WholeDevice : public device_test::DeviceWorld, public ::testing::WithParamInterface<bool> {
 protected:
  void start(bool udp, std::string config_a = migrated("seed004/asa1.cfg"),
             std::string config_b = migrated("seed004/asa2.cfg")) {
    ikev2::EngineOptions o;
    o.force_udp_encapsulation = udp;
    a_ = std::make_unique<Device>(*this, config_a, 0xc0a80101, o);
    b_ = std::make_unique<Device>(*this, config_b, 0xc0a80202, o);
  }
  void run() { sim_.run_until_idle(60s); }

  std::unique_ptr<Device> a_, b_;
};

TEST_P(WholeDevice, FirstPacketBringsTheTunnelUpAndTrafficSurvivesARekey) {
  const bool udp = GetParam();
  start(udp);
  const auto ping = test::ipv4_packet(ip(10, 10, 10, 11), ip(10, 20, 20, 21), 1, 0x0800, 0, 56);
  test::send_packet(a_->dp(), ping);
  EXPECT_EQ(a_->acquires, 1);
  EXPECT_EQ(a_->dp().held_packets(), 1u);
  run();
  // The SA came up through IKE, the held packet went out and arrived intact.
  ASSERT_EQ(a_->dp().sas().size(), 1u);
  ASSERT_EQ(b_->dp().sas().size(), 1u);
  EXPECT_EQ(a_->dp().held_packets(), 0u);
  ASSERT_EQ(b_->delivered.size(), 1u);
  EXPECT_EQ(b_->delivered[0], ping);
  EXPECT_EQ(udp ? b_->udp_esp : b_->raw_esp, 1);
  EXPECT_EQ(a_->dp().sas()[0].path.udp, udp);
  // Seed 004's transform, from IKE to the data plane.
  EXPECT_EQ(a_->dp().sas()[0].iv_size, 8u);  // 3DES
  const auto reply = test::ipv4_packet(ip(10, 20, 20, 21), ip(10, 10, 10, 11), 1, 0, 0, 56);
  test::send_packet(b_->dp(), reply);
  run();
  ASSERT_EQ(a_->delivered.size(), 1u);
  EXPECT_EQ(a_->delivered[0], reply);

  // Rekey the CHILD SA: the new one carries the traffic, the old one is gone.
  const uint32_t old_spi = a_->dp().sas()[0].spi_in;
  auto ike = a_->engine().ike_sas().at(0);
  ASSERT_TRUE(a_->engine().rekey_child(ike.id, old_spi));
  run();
  clock_.advance(10s);
  run();
  ASSERT_EQ(a_->dp().sas().size(), 1u);
  EXPECT_NE(a_->dp().sas()[0].spi_in, old_spi);
  test::send_packet(a_->dp(), ping);
  run();
  ASSERT_EQ(b_->delivered.size(), 2u);
  EXPECT_EQ(b_->delivered[1], ping);
  EXPECT_EQ(b_->dp().dropped(events::EspDropReason::UnknownSpi), 0u);
  EXPECT_EQ(a_->events.count<events::EspSaDeleted>(), 2u);
}

// Two ACL lines in the crypto ACL: the ASA builds one CHILD SA per line, and
// each line's traffic goes through its own SA (SPD order, then the SA whose
// selectors cover the packet).
TEST_F(WholeDevice, EachCryptoAclLineGetsItsOwnChildSaAndCarriesItsTraffic) {
  auto add_line = [](std::string cfg, const std::string& existing, const std::string& extra) {
    const size_t at = cfg.find(existing);
    EXPECT_NE(at, std::string::npos);
    cfg.insert(cfg.find('\n', at) + 1, extra + "\n");
    return cfg;
  };
  const std::string a = add_line(migrated("seed004/asa1.cfg"),
                                 "access-list NEWARK extended permit ip 10.10.10.0 255.255.255.0 10.20.20.0",
                                 "access-list NEWARK extended permit ip 10.10.10.0 255.255.255.0 10.30.30.0 255.255.255.0");
  const std::string b = add_line(migrated("seed004/asa2.cfg"),
                                 "access-list NEWARK extended permit ip 10.20.20.0 255.255.255.0 10.10.10.0",
                                 "access-list NEWARK extended permit ip 10.30.30.0 255.255.255.0 10.10.10.0 255.255.255.0");
  start(false, a, b);
  const auto to_20 = test::ipv4_packet(ip(10, 10, 10, 11), ip(10, 20, 20, 21), 17, 1000, 53, 40);
  const auto to_30 = test::ipv4_packet(ip(10, 10, 10, 11), ip(10, 30, 30, 31), 17, 1000, 53, 40);
  test::send_packet(a_->dp(), to_20);
  run();
  // IKE_AUTH made the first CHILD SA, CREATE_CHILD_SA the second.
  ASSERT_EQ(a_->dp().sas().size(), 2u);
  ASSERT_EQ(b_->dp().sas().size(), 2u);
  test::send_packet(a_->dp(), to_30);
  run();
  ASSERT_EQ(b_->delivered.size(), 2u);
  EXPECT_EQ(b_->delivered[0], to_20);
  EXPECT_EQ(b_->delivered[1], to_30);
  // One packet on each of B's inbound SAs, through the SA of its own ACL line.
  for (const auto& v : b_->dp().sas()) {
    EXPECT_EQ(v.counters.decaps, 1u);
    const uint32_t remote_net = v.local.addresses.first;  // B's side of the line
    EXPECT_TRUE(remote_net == ip(10, 20, 20, 0) || remote_net == ip(10, 30, 30, 0));
  }
  EXPECT_EQ(a_->acquires, 1);  // the second line's SA was already there
}

INSTANTIATE_TEST_SUITE_P(Seed004, WholeDevice, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& i) {
                           return std::string(i.param ? "UdpEncapsulated" : "RawEsp");
                         });

}  // namespace
}  // namespace ikeshift::engine::esp
