// The in-process "device" of the engine tests: devices on one in-memory
// network, each with its own deterministic RNG, an event bus with a
// recorder, UDP 500 and 4500 on its address and a data plane that records
// the CHILD SAs (IKEv1: IPsec SAs) installed into it. What runs on it -- an
// IKEv2 engine, an IKEv1 engine or the whole tunnel stack -- is up to the
// test. Clock, timers, DH and the network are injected, so whole exchanges
// run in one process, reproducibly. Plus the configurations they run: the
// seed fixtures as `migrate l2l` writes them, read and derived exactly as
// users' configurations.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "asa/migrate_job.h"
#include "crypto/crypto_context.h"
#include "crypto/dh.h"
#include "crypto/rng.h"
#include "dataplane/child_sa.h"
#include "events/event_bus.h"
#include "events/recording_sink.h"
#include "ikev1/peer_config.h"
#include "ikev2/peer_config.h"
#include "io/memory_network.h"
#include "io/simulation.h"
#include "model/intent.h"
#include "test_support.h"

// Not `test`: ikeshift::engine::esp::test (esp_test_support.h) would hide it.
namespace ikeshift::engine::device_test {

// fixtures/<rel> as text.
inline std::string fixture_text(const std::string& rel) {
  return ikeshift::test::read_file(ikeshift::test::fixture(rel));
}

// What `ikeshift migrate l2l` writes for the fixture `rel`.
inline std::string migrated(const std::string& rel) {
  text::SourceText src(rel, fixture_text(rel));
  asa::MigrateJobOptions o;
  return asa::run_migrate_job(src, o).output;
}

// Replaces the first `from` in a configuration text; it must be there.
inline void replace(std::string& text, const std::string& from, const std::string& to) {
  size_t at = text.find(from);
  ASSERT_NE(at, std::string::npos) << from;
  text.replace(at, from.size(), to);
}

// The tunnels `derive_intent` makes of an ASA configuration text.
inline std::vector<model::Tunnel> tunnels_of(const std::string& config, const std::string& name = "cfg") {
  text::SourceText src(name, config);
  asa::ParseResult parsed = asa::read_asa(src);
  return model::derive_intent(parsed.config, name).tunnels;
}

// The engine's configuration for the first tunnel of an ASA configuration
// text (`ikev2::PeerConfig`/`ikev1::PeerConfig`); a failure says why not.
template <class PeerConfig, class FromTunnel>
PeerConfig first_peer(const std::string& config, const std::string& name, FromTunnel from_tunnel) {
  std::vector<model::Tunnel> tunnels = tunnels_of(config, name);
  EXPECT_FALSE(tunnels.empty());
  std::string why;
  auto peer = from_tunnel(tunnels.at(0), why);
  EXPECT_TRUE(peer.has_value()) << why;
  return peer ? std::move(*peer) : PeerConfig{};
}
inline ikev2::PeerConfig ikev2_peer_of(const std::string& config, const std::string& name = "cfg") {
  return first_peer<ikev2::PeerConfig>(config, name, ikev2::peer_config_from);
}
inline ikev1::PeerConfig ikev1_peer_of(const std::string& config, const std::string& name = "cfg") {
  return first_peer<ikev1::PeerConfig>(config, name, ikev1::peer_config_from);
}

// A data plane that keeps what the engines install into it: the keys
// (copied: their spans die with install()), everything else of the install,
// and the inbound SPIs of the SAs removed again.
struct RecordingDataPlane : dataplane::ChildSaSink {
  // Non-zero: every install and remove must be for this IKE version.
  explicit RecordingDataPlane(int only_version = 0) : only_version_(only_version) {}

  struct Installed {
    uint32_t spi_in, spi_out;
    crypto::Bytes encr_in, integ_in, encr_out, integ_out;
    dataplane::ChildSaInstall meta;  // everything but the keys
  };
  std::vector<Installed> sas;
  std::vector<uint32_t> removed;

  void install(const dataplane::ChildSaInstall& sa) override {
    if (only_version_ != 0) {
      EXPECT_EQ(sa.ike_version, only_version_);
    }
    dataplane::ChildSaInstall meta = sa;
    meta.encr_in = meta.integ_in = meta.encr_out = meta.integ_out = crypto::ByteSpan();
    sas.push_back({sa.spi_in, sa.spi_out, sa.encr_in.to_bytes(), sa.integ_in.to_bytes(), sa.encr_out.to_bytes(),
                   sa.integ_out.to_bytes(), meta});
  }
  void remove(int version, uint32_t, uint32_t spi_in) override {
    if (only_version_ != 0) {
      EXPECT_EQ(version, only_version_);
    }
    removed.push_back(spi_in);
  }

 private:
  int only_version_;
};

// What the devices of a test share: crypto, the injected clocks and timers,
// one in-memory network and the simulation that runs them all.
class DeviceWorld : public ::testing::Test {
 public:
  crypto::CryptoContext ctx_;
  crypto::OpenSslDhFactory dh_{ctx_};
  io::ManualClock clock_;
  io::ManualWallClock wall_;
  io::TimerQueue timers_;
  io::MemoryNetwork net_{&clock_};
  io::Simulation sim_{clock_, timers_, net_};
};

// One device's own parts: an RNG seeded by its name (the same bytes every
// run), an event bus on the world's wall clock with a recorder subscribed,
// UDP 500 and 4500 on its address, and a recording data plane.
struct DeviceParts {
  DeviceParts(DeviceWorld& world, const std::string& seed, uint32_t address, int data_plane_version = 0)
      : rng(world.ctx_, crypto::ByteSpan::from_text(seed)),
        bus(world.wall_),
        data_plane(data_plane_version),
        transport(world.net_.attach({io::Endpoint{address, 500}, io::Endpoint{address, 4500}})) {
    bus.subscribe(events);
  }

  // What an engine or a tunnel stack takes (ikev2::EngineDeps,
  // ikev1::EngineDeps, manager::StackDeps all begin alike): this device's
  // parts on the world, then `sinks` (the data plane, key logs).
  template <class Deps, class... Sinks>
  Deps deps(DeviceWorld& world, Sinks... sinks) {
    return Deps{world.clock_, world.timers_, rng, world.dh_, world.ctx_, *transport, bus, sinks...};
  }

  crypto::DeterministicRng rng;
  events::EventBus bus;
  events::RecordingSink events;
  RecordingDataPlane data_plane;
  std::unique_ptr<io::Transport> transport;
};

}  // namespace ikeshift::engine::device_test
