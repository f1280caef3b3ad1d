#include "cli/engine_data_plane.h"

#include <ifaddrs.h>
#include <netinet/in.h>

#include <arpa/inet.h>

#include <cstring>
#include <set>
#include <stdexcept>

#include "common/ipv4.h"

namespace ikeshift::cli {

namespace esp = engine::esp;
namespace io = engine::io;
namespace ikev2 = engine::ikev2;
namespace manager = engine::manager;

void add_data_plane_options(CLI::App& engine, DataPlaneArgs& a) {
  engine.add_flag("--data-plane", a.enabled,
                  "Carry the traffic too: a TUN device with routes for every tunnel's remote protected\n"
                  "networks, ESP tunnel mode over UDP 4500 (NAT-T) or raw ESP, KEY_ACQUIRE on the first\n"
                  "packet (root; without it the engine only negotiates), e.g. --data-plane");
  engine.add_option("--tun", a.tun, "Name of the TUN device of --data-plane (default ikeshift0), e.g. --tun vpn0");
  engine.add_option("--tun-mtu", a.mtu, "MTU of the TUN device (default 1400), e.g. --tun-mtu 1400")
      ->check(CLI::Range(576, 9000));
  engine.add_option("--replay-window", a.replay_window,
                    "Anti-replay window in packets (default 64, as the ASA), e.g. --replay-window 1024")
      ->check(CLI::Range(64, 4096));
}

namespace {

std::vector<uint32_t> local_addresses() {
  std::vector<uint32_t> out;
  ifaddrs* list = nullptr;
  if (::getifaddrs(&list) != 0) return out;
  for (ifaddrs* i = list; i != nullptr; i = i->ifa_next) {
    if (i->ifa_addr == nullptr || i->ifa_addr->sa_family != AF_INET) continue;
    sockaddr_in sa{};
    std::memcpy(&sa, i->ifa_addr, sizeof sa);
    out.push_back(ntohl(sa.sin_addr.s_addr));
  }
  ::freeifaddrs(list);
  return out;
}

}  // namespace

DaemonDataPlane::DaemonDataPlane(const DataPlaneArgs& args, io::EventLoop& loop, const io::Clock& clock,
                                 crypto::Rng& rng, const crypto::CryptoContext& ctx, engine::events::EventBus& bus,
                                 const std::vector<model::Tunnel>& tunnels, io::UdpTransport& udp)
    : loop_(loop), clock_(clock), bus_(bus), tunnel_count_(tunnels.size()) {
  esp::DataPlaneIoConfig config;
  config.tun_name = args.tun;
  config.mtu = args.mtu;
  std::set<uint32_t> addresses;
  for (const auto& t : tunnels)
    if (t.local_address) addresses.insert(*t.local_address);
  config.addresses.assign(addresses.begin(), addresses.end());
  try {
    io_ = std::make_unique<esp::DataPlaneIo>(loop, config, udp);
  } catch (const std::system_error& e) {
    throw std::runtime_error(std::string("--data-plane: ") + e.what() +
                             (e.code().value() == EPERM || e.code().value() == EACCES
                                  ? " (the data plane needs root: TUN device and raw ESP socket)"
                                  : e.code().value() == EBUSY ? " (choose another --tun name)" : ""));
  }
  demux_ = std::make_unique<io::EspDemuxTransport>(udp, [this](const io::Datagram& d) { io_->esp_from_ike_socket(d); });
  std::vector<const model::Tunnel*> tunnel_list;
  for (const auto& t : tunnels) tunnel_list.push_back(&t);
  esp::DataPlaneOptions options;
  options.replay_window = args.replay_window;
  dp_ = std::make_unique<esp::DataPlane>(esp::DataPlaneDeps{clock, rng, ctx, &bus, this, *io_}, tunnel_list, options);

  // Routes: every remote selector of every tunnel into the TUN device, with
  // a local protected address as the preferred source when this host has
  // one (so a ping from the gateway itself is protected, as with strongSwan).
  routes_ = std::make_unique<esp::RouteTable>();
  const std::vector<uint32_t> mine = local_addresses();
  std::set<esp::Prefix> done;
  for (const auto& p : tunnels) {
    for (const auto& pair : p.selectors) {
      std::optional<uint32_t> source;
      for (uint32_t a : mine)
        if (a >= pair.local.addresses.first && a <= pair.local.addresses.last) source = a;
      for (const esp::Prefix& prefix : esp::prefixes_of(pair.remote.addresses.first, pair.remote.addresses.last)) {
        if (!done.insert(prefix).second) continue;
        std::string why;
        if (!routes_->add(prefix, io_->tun().ifindex(), source, why))
          throw std::runtime_error("--data-plane: crypto map " + p.map + " " + std::to_string(p.sequence) + ": " +
                                   why + " (remove the existing route or the overlapping crypto-ACL entry)");
      }
    }
  }
}

DaemonDataPlane::~DaemonDataPlane() {
  if (tick_) loop_.timers().cancel(tick_);
}

void DaemonDataPlane::start(manager::TunnelStack& stack) {
  stack_ = &stack;
  io_->attach(*dp_);
  arm_tick();
}

void DaemonDataPlane::arm_tick() {
  tick_ = loop_.schedule_after(std::chrono::seconds(1), [this] {
    dp_->tick();
    arm_tick();
  });
}

std::string DaemonDataPlane::summary() const {
  std::string routes;
  for (const auto& p : routes_->added()) routes += (routes.empty() ? "" : ", ") + esp::to_string(p);
  return "data plane on " + io_->tun().name() + " (MTU " + std::to_string(io_->tun().mtu()) + "), routes " +
         (routes.empty() ? std::string("none") : routes) +
         (io_->steering() ? "" : "; UDP-4500 ESP through the IKE socket (" + io_->steering_error() + ")");
}

std::string DaemonDataPlane::statistics() const {
  const auto& s = io_->stats();
  auto n = [](uint64_t v) { return std::to_string(v); };
  uint64_t drops = 0;
  for (uint64_t d : dp_->drop_counters()) drops += d;
  return "data plane: " + n(s.tun_read) + " TUN reads (" + n(s.tun_super_packets) + " TSO super-packets), " +
         n(s.esp_sent) + " ESP sent in " + n(s.batches) + " batches (" + n(s.udp_gso_sends) + " UDP GSO), " +
         n(s.esp_received) + " ESP received (" + n(s.udp_gro_receives) + " UDP GRO buffers), " +
         n(s.tun_written) + " TUN writes (" + n(s.tun_coalesced_writes) + " coalesced), " + n(drops) +
         " packets dropped, " + n(s.send_errors) + " send errors, " + n(s.tun_write_errors) + " TUN write errors";
}

void DaemonDataPlane::acquire(const esp::AcquireRequest& r) {
  if (stack_ == nullptr || r.tunnel >= tunnel_count_) return;
  const manager::ManagedEntry& entry = stack_->manager().entries().at(r.tunnel);
  if (entry.ikev2) {
    ikev2::Ikev2Engine& ike = stack_->ikev2();
    for (const auto& sa : ike.ike_sas()) {
      if (sa.peer != *entry.ikev2 || sa.state == ikev2::Ikev2Engine::State::Failed) continue;
      // Up, but this ACL entry has no CHILD SA (the peer deleted it, or it failed): ask for one.
      // Not in the first seconds after IKE_AUTH (the engine is still creating
      // the CHILD SAs of the other ACL entries) and not twice within 30 s.
      // A negotiating IKE SA: the packets wait in the hold queue.
      const auto now = clock_.now();
      const bool settled = sa.established_at && now - *sa.established_at >= std::chrono::seconds(5);
      auto& last = child_requests_[{sa.id, r.selector}];
      if (sa.state == ikev2::Ikev2Engine::State::Established && settled &&
          (last == engine::io::TimePoint{} || now - last >= std::chrono::seconds(30))) {
        last = now;
        bus_.emit(engine::events::KeyAcquireDispatched{{r.map, r.sequence}, 2, false});
        ike.create_child(sa.id, r.selector);
      }
      return;
    }
  }
  // Everything else is the tunnel manager's: IKEv2 first, IKEv1 fallback,
  // its own 752xxx logs; an entry already negotiating or up is not asked again.
  stack_->manager().acquire(r.map, r.sequence, r.selector);
}

// The SA may have moved to a newer IKE/ISAKMP SA (a rekey) since it was
// installed: find its current owner by the inbound SPI.
void DaemonDataPlane::rekey(int ike_version, uint32_t spi_in) {
  if (stack_ == nullptr) return;
  if (ike_version == 2) {
    for (const auto& sa : stack_->ikev2().ike_sas())
      for (const auto& c : sa.children)
        if (c.spi_in == spi_in) {
          stack_->ikev2().rekey_child(sa.id, spi_in);
          return;
        }
    return;
  }
  for (const auto& sa : stack_->ikev1().isakmp_sas())
    for (const auto& c : sa.children)
      if (c.spi_in == spi_in) {
        stack_->ikev1().rekey_ipsec(sa.id, spi_in);
        return;
      }
}

void DaemonDataPlane::soft_lifetime_expired(int ike_version, uint32_t, uint32_t spi_in) { rekey(ike_version, spi_in); }

void DaemonDataPlane::hard_lifetime_expired(int ike_version, uint32_t ike_sa, uint32_t spi_in) {
  // The soft limit asked for a rekey already; if it did not happen (the
  // peer did not answer), the SA is dead for traffic and a new one is needed.
  soft_lifetime_expired(ike_version, ike_sa, spi_in);
}

}  // namespace ikeshift::cli
