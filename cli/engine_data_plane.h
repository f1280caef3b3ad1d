// `ikeshift engine --data-plane`: the userspace ESP data plane (engine/esp)
// attached to the daemon -- TUN device, routes for every tunnel's remote
// protected networks, UDP-4500 and raw ESP sockets, and the reverse channel
// to the IKE side (KEY_ACQUIRE starts the tunnel, a kilobyte soft limit
// rekeys the CHILD SA / IPsec SA).
//
// The reverse channel goes to the tunnel stack (engine/manager): a
// KEY_ACQUIRE is the tunnel manager's acquire() (IKEv2 first, IKEv1
// fallback, the 752xxx logs), except when the entry's IKEv2 SA is up but
// this ACL entry has no CHILD SA: then Ikev2Engine::create_child(). Rekeys go
// to the engine of the SA's IKE version.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "crypto/crypto_context.h"
#include "crypto/rng.h"
#include "esp/data_plane.h"
#include "esp/data_plane_io.h"
#include "esp/route_table.h"
#include "events/event_bus.h"
#include "manager/tunnel_stack.h"
#include "model/intent.h"
#include "io/esp_demux_transport.h"
#include "io/event_loop.h"
#include "io/udp_transport.h"

namespace ikeshift::cli {

struct DataPlaneArgs {
  bool enabled = false;
  std::string tun = "ikeshift0";
  int mtu = 1400;
  size_t replay_window = 64;
};

void add_data_plane_options(CLI::App& engine, DataPlaneArgs& args);

class DaemonDataPlane final : public engine::esp::ControlPlane {
 public:
  // Creates the TUN device, the ESP sockets and the data plane for `tunnels`
  // (one per tunnel manager entry, in entry order: tunnel index = entry index;
  // read only here) and installs the routes. `udp` must have been created
  // with share_nat_t_port. Throws std::runtime_error with a message for the
  // operator when a step fails.
  DaemonDataPlane(const DataPlaneArgs& args, engine::io::EventLoop& loop, const engine::io::Clock& clock,
                  crypto::Rng& rng, const crypto::CryptoContext& ctx, engine::events::EventBus& bus,
                  const std::vector<model::Tunnel>& tunnels, engine::io::UdpTransport& udp);
  ~DaemonDataPlane() override;

  // What the IKE engine talks through (ESP taken out of the IKE socket) and installs into.
  engine::io::Transport& ike_transport() { return *demux_; }
  engine::dataplane::ChildSaSink& sink() { return *dp_; }
  const engine::esp::DataPlane& data_plane() const { return *dp_; }
  // Starts the data path; `stack` is where KEY_ACQUIRE and rekeys go.
  void start(engine::manager::TunnelStack& stack);
  // One line for the daemon's start-up notes.
  std::string summary() const;
  // What the data path did, for the daemon's stop note.
  std::string statistics() const;

  // esp::ControlPlane
  void acquire(const engine::esp::AcquireRequest& r) override;
  void soft_lifetime_expired(int ike_version, uint32_t ike_sa, uint32_t spi_in) override;
  void hard_lifetime_expired(int ike_version, uint32_t ike_sa, uint32_t spi_in) override;

 private:
  void rekey(int ike_version, uint32_t spi_in);
  void arm_tick();

  engine::io::EventLoop& loop_;
  const engine::io::Clock& clock_;
  engine::events::EventBus& bus_;
  // When create_child was last asked for (IKE SA id, ACL entry).
  std::map<std::pair<uint32_t, size_t>, engine::io::TimePoint> child_requests_;
  size_t tunnel_count_ = 0;
  std::unique_ptr<engine::esp::DataPlaneIo> io_;
  std::unique_ptr<engine::io::EspDemuxTransport> demux_;
  std::unique_ptr<engine::esp::DataPlane> dp_;
  std::unique_ptr<engine::esp::RouteTable> routes_;
  engine::manager::TunnelStack* stack_ = nullptr;
  engine::io::TimerId tick_;
};

}  // namespace ikeshift::cli
