// IKE_SA+CHILD_SA setups per second (issue 3, "Benchmark"): ikeshift's own
// IKEv2 initiator as a load generator, many IKE SAs in parallel, one per local
// address, against a responder that is either `ikeshift engine` or
// strongSwan's charon. bench/run_ike_setup_bench.sh builds the namespaces,
// starts the responder and drives this program; see docs/PERFORMANCE.md.
//
// Modes:
//   --write-initiator-config FILE / --write-responder-config FILE
//       the ASA configurations (crypto ikev2 policy with the chosen group);
//       the responder's has one crypto-map entry and tunnel-group per
//       initiator address, because the engine matches a peer by
//       (remote address, local address).
//   --run           real UDP (0.0.0.0:500/4500 in the caller's namespace),
//                   initiator addresses 10.1.x.y that the script put on `lo`.
//   --in-process    both engines in this process over MemoryNetwork (no
//                   kernel): the engine's own cost, with the responder's
//                   share timed separately.
//   --dh-speed      key pair + shared secret per second through the engine's
//                   OpenSslDhFactory (the responder's DH work per setup).
//   --wake-cost     what a wake-up of a sleeping process on the other core
//                   costs the waker (why --run --poll exists).
//
// The generator draws its own DH key pairs from a small pre-generated pool
// (a responder cannot tell, the KE payload is all it sees), so the initiator
// does one DH derive per setup and the responder does key generation plus
// derive: the load generator is cheaper per setup than the side measured.
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <pthread.h>
#include <sched.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "asa/asa_reader.h"
#include "common/ipv4.h"
#include "crypto/crypto_context.h"
#include "crypto/dh.h"
#include "crypto/rng.h"
#include "events/event_bus.h"
#include "events/events.h"
#include "ikev2/ikev2_engine.h"
#include "ikev2/peer_config.h"
#include "io/clock.h"
#include "io/event_loop.h"
#include "io/memory_network.h"
#include "io/simulation.h"
#include "io/udp_transport.h"
#include "io/unique_fd.h"
#include "asa/asa_intent.h"
#include "model/intent.h"

namespace {

namespace eng = ikeshift::engine;
namespace ikev2 = ikeshift::engine::ikev2;
namespace io = ikeshift::engine::io;
namespace crypto = ikeshift::crypto;
namespace events = ikeshift::engine::events;
namespace model = ikeshift::model;
using Clock = std::chrono::steady_clock;
using ikeshift::format_ipv4;
using ikeshift::parse_ipv4;

struct Options {
  size_t peers = 1000;
  int group = 14;
  size_t window = 64;
  double timeout_s = 120;
  uint32_t initiator_outside = 0xc0000201;  // 192.0.2.1
  uint32_t responder = 0xc0000202;          // 192.0.2.2
  int responder_pid = 0;
  size_t dh_iterations = 2000;
  bool encap = false;
  bool poll = false;
};

std::string ip(uint32_t a) { return format_ipv4(a); }

// Initiator i: outside address 10.1.(i/200).(i%200+1), protected host
// 10.128.(i/200).(i%200+1); the responder protects 10.20.20.0/24.
uint32_t initiator_address(size_t i) {
  return 0x0a010000u | static_cast<uint32_t>((i / 200) << 8) | static_cast<uint32_t>(i % 200 + 1);
}
uint32_t initiator_host(size_t i) { return initiator_address(i) + 0x007f0000u; }  // 10.1 -> 10.128

const char* kPsk = "bench-psk-1234";

std::string common_head(const std::string& hostname, uint32_t outside, int group) {
  std::ostringstream c;
  c << ": Saved\n:\nASA Version 9.8(4)\n!\nhostname " << hostname << "\n!\n"
    << "interface GigabitEthernet0/0\n nameif outside\n security-level 0\n ip address " << ip(outside)
    << " 255.255.255.0\n!\n"
    << "crypto ipsec ikev2 ipsec-proposal BENCH\n protocol esp encryption aes-256\n protocol esp integrity sha-256\n"
    << "crypto ikev2 policy 10\n encryption aes-256\n integrity sha256\n group " << group
    << "\n prf sha256\n lifetime seconds 86400\n"
    << "crypto ikev2 enable outside\n!\n";
  return c.str();
}

// One entry towards the responder; the generator clones it per address.
std::string initiator_config(const Options& o) {
  std::ostringstream c;
  c << common_head("bench-initiator", o.initiator_outside, o.group)
    << "access-list BENCH-ACL extended permit ip " << ip(initiator_host(0))
    << " 255.255.255.255 10.20.20.0 255.255.255.0\n"
    << "crypto map BENCH 10 match address BENCH-ACL\n"
    << "crypto map BENCH 10 set peer " << ip(o.responder) << "\n"
    << "crypto map BENCH 10 set ikev2 ipsec-proposal BENCH\n"
    << "crypto map BENCH interface outside\n"
    << "tunnel-group " << ip(o.responder) << " type ipsec-l2l\n"
    << "tunnel-group " << ip(o.responder) << " ipsec-attributes\n"
    << " ikev2 remote-authentication pre-shared-key " << kPsk << "\n"
    << " ikev2 local-authentication pre-shared-key " << kPsk << "\n!\n: end\n";
  return c.str();
}

std::string responder_config(const Options& o) {
  std::ostringstream c;
  c << common_head("bench-responder", o.responder, o.group);
  for (size_t i = 0; i < o.peers; ++i) {
    std::string acl = "BENCH-" + std::to_string(i + 1);
    c << "access-list " << acl << " extended permit ip 10.20.20.0 255.255.255.0 " << ip(initiator_host(i))
      << " 255.255.255.255\n"
      << "crypto map BENCH " << i + 1 << " match address " << acl << "\n"
      << "crypto map BENCH " << i + 1 << " set peer " << ip(initiator_address(i)) << "\n"
      << "crypto map BENCH " << i + 1 << " set ikev2 ipsec-proposal BENCH\n";
  }
  c << "crypto map BENCH interface outside\n";
  for (size_t i = 0; i < o.peers; ++i) {
    std::string a = ip(initiator_address(i));
    c << "tunnel-group " << a << " type ipsec-l2l\n"
      << "tunnel-group " << a << " ipsec-attributes\n"
      << " ikev2 remote-authentication pre-shared-key " << kPsk << "\n"
      << " ikev2 local-authentication pre-shared-key " << kPsk << "\n";
  }
  c << "!\n: end\n";
  return c.str();
}

std::vector<ikev2::PeerConfig> peers_from(const std::string& config) {
  ikeshift::text::SourceText src("bench.cfg", config);
  ikeshift::asa::ParseResult parsed = ikeshift::asa::read_asa(src);
  model::Intent intent = model::derive_intent(parsed.config, "bench.cfg");
  std::vector<ikev2::PeerConfig> out;
  for (const model::Tunnel& t : intent.tunnels) {
    std::string why;
    auto p = ikev2::peer_config_from(t, why);
    if (!p) throw std::runtime_error("bench config: " + why);
    out.push_back(std::move(*p));
  }
  return out;
}

// The generator's N initiator peers: the one parsed entry, cloned with its
// own local address and protected host.
std::vector<ikev2::PeerConfig> initiator_peers(const Options& o) {
  ikeshift::text::SourceText src("bench-initiator.cfg", initiator_config(o));
  ikeshift::asa::ParseResult parsed = ikeshift::asa::read_asa(src);
  model::Intent intent = model::derive_intent(parsed.config, "bench-initiator.cfg");
  if (intent.tunnels.size() != 1 || intent.tunnels[0].selectors.empty())
    throw std::runtime_error("initiator config: expected one entry with a selector");
  std::vector<ikev2::PeerConfig> out;
  out.reserve(o.peers);
  for (size_t i = 0; i < o.peers; ++i) {
    model::Tunnel t = intent.tunnels[0];
    t.sequence = static_cast<uint32_t>(i + 1);
    t.local_address = initiator_address(i);
    t.selectors[0].local.addresses = {initiator_host(i), initiator_host(i)};
    std::string why;
    auto p = ikev2::peer_config_from(t, why);
    if (!p) throw std::runtime_error("initiator config: " + why);
    out.push_back(std::move(*p));
  }
  return out;
}

// The generator's SAs grow its heap by a few KB each; the first touch of every
// new page is a page fault (4-5% of the generator's time in a profile). The
// generator is the harness, not the side measured, so it touches the memory
// its SAs will need before the clock starts and keeps it (no trimming): the
// responder then waits less for it. 16 KB per peer, allocated in 16 KB blocks
// (below the mmap threshold, so they come from the heap) and freed again.
void prefault_heap(size_t peers) {
  constexpr size_t kBlock = 16 * 1024;
  mallopt(M_TRIM_THRESHOLD, static_cast<int>(std::min<size_t>(peers * kBlock * 2, 1u << 30)));
  std::vector<void*> blocks(peers);
  for (void*& b : blocks) {
    b = std::malloc(kBlock);
    if (b != nullptr) std::memset(b, 0, kBlock);
  }
  for (auto b = blocks.rbegin(); b != blocks.rend(); ++b) std::free(*b);
}

// Hands out key pairs from a pool generated up front (see the file comment).
class PooledDhFactory final : public crypto::DhFactory {
 public:
  PooledDhFactory(crypto::DhFactory& inner, crypto::Rng& rng, size_t pool) : inner_(inner), rng_(rng), size_(pool) {}
  bool supports(int group) const override { return inner_.supports(group); }
  std::unique_ptr<crypto::DhGroup> create(int group, crypto::Rng&) override {
    auto& pool = pools_[group];
    if (pool.keys.size() < size_) {
      auto key = inner_.create(group, rng_);
      if (!key) return nullptr;
      pool.keys.push_back(std::shared_ptr<crypto::DhGroup>(std::move(key)));
    }
    const auto& key = pool.keys[pool.next++ % pool.keys.size()];
    return std::make_unique<Shared>(key);
  }

 private:
  class Shared final : public crypto::DhGroup {
   public:
    explicit Shared(std::shared_ptr<crypto::DhGroup> key) : key_(std::move(key)) {}
    int group() const override { return key_->group(); }
    crypto::Bytes public_value() const override { return key_->public_value(); }
    std::optional<crypto::SecureBytes> shared_secret(crypto::ByteSpan peer) const override {
      return key_->shared_secret(peer);
    }

   private:
    std::shared_ptr<crypto::DhGroup> key_;
  };
  struct Pool {
    std::vector<std::shared_ptr<crypto::DhGroup>> keys;
    size_t next = 0;
  };
  crypto::DhFactory& inner_;
  crypto::Rng& rng_;
  size_t size_;
  std::map<int, Pool> pools_;
};

// Counts the outcome of each initiated IKE SA from the engine's events.
class Outcomes final : public events::EventSink {
 public:
  void consume(const events::EmittedEvent& e) override {
    if (std::get_if<events::SaUp>(&e.event)) {
      ++up;
      last_up = Clock::now();
      if (on_done) on_done();
    } else if (std::get_if<events::NegotiationAborted>(&e.event) ||
               std::get_if<events::AuthenticationFailed>(&e.event)) {
      ++failed;
      if (on_done) on_done();
    }
  }
  size_t up = 0, failed = 0;
  Clock::time_point last_up{};
  std::function<void()> on_done;
};

struct ProcSample {
  double cpu_s = 0;  // utime + stime
  long voluntary_switches = 0;  // times the responder went to sleep (on epoll_wait, for ikeshift)
  long minor_faults = 0;  // first touches of new memory
  long rss_kb = 0;
};
std::optional<ProcSample> sample(int pid) {
  if (pid <= 0) return std::nullopt;
  ProcSample s;
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return std::nullopt;
  size_t close = line.rfind(')');
  std::istringstream rest(line.substr(close + 2));
  std::vector<std::string> f;
  for (std::string w; rest >> w;) f.push_back(w);
  if (f.size() < 13) return std::nullopt;
  // Fields after the command: state(3) ... utime(14) stime(15) => indices 11, 12.
  double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  s.minor_faults = std::stol(f[7]);
  s.cpu_s = (std::stod(f[11]) + std::stod(f[12])) / ticks;
  // utime/stime count 10 ms ticks, 7% of an ecp256 run of 1000 setups; the
  // scheduler's own run time (schedstat, nanoseconds) of every thread (charon
  // has many) is exact, where the kernel has it.
  double run_ns = 0;
  bool have_schedstat = false;
  std::error_code ec;
  for (const auto& task : std::filesystem::directory_iterator("/proc/" + std::to_string(pid) + "/task", ec)) {
    std::ifstream sched(task.path() / "schedstat");
    double ns = 0;
    if (sched >> ns) {
      run_ns += ns;
      have_schedstat = true;
    }
  }
  if (have_schedstat) s.cpu_s = run_ns / 1e9;
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) s.rss_kb = std::stol(line.substr(6));
    if (line.rfind("voluntary_ctxt_switches:", 0) == 0) s.voluntary_switches = std::stol(line.substr(24));
  }
  return s;
}
// Busy time of every CPU (/proc/stat: all but idle and iowait, 10 ms ticks):
// what the responder's core did in all, softirqs and kernel threads included,
// to check the responder's own run time against.
std::vector<double> cpu_busy_s() {
  std::vector<double> out;
  std::ifstream stat("/proc/stat");
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  for (std::string line; std::getline(stat, line);) {
    if (line.rfind("cpu", 0) != 0 || line.size() < 4 || line[3] < '0' || line[3] > '9') continue;
    std::istringstream in(line);
    std::string name;
    double user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0;
    in >> name >> user >> nice >> system >> idle >> iowait >> irq >> softirq >> steal;
    out.push_back((user + nice + system + irq + softirq + steal) / ticks);
  }
  return out;
}

struct SelfUsage {
  double cpu_s = 0;
  long sleeps = 0;  // voluntary switches: each a wake-up the responder's answer pays for on its core
};
SelfUsage self_usage() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return {static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
              static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6,
          u.ru_nvcsw};
}
double self_cpu_s() { return self_usage().cpu_s; }
double seconds(Clock::duration d) { return std::chrono::duration<double>(d).count(); }

int run_udp(const Options& o) {
  std::vector<ikev2::PeerConfig> peers = initiator_peers(o);
  for (auto& p : peers) p.peer_address = o.responder;
  io::SteadyClock clock;
  io::EventLoop loop(clock);
  crypto::CryptoContext ctx;
  // As the daemon draws it: a DRBG block at a time.
  crypto::OpenSslRng drbg(ctx);
  crypto::BufferedRng rng(drbg);
  crypto::OpenSslDhFactory real_dh(ctx);
  PooledDhFactory dh(real_dh, rng, 16);
  loop.at_round_end([&ctx] { ctx.wipe_hmac_scratch(); });  // as the daemon does
  io::SystemWallClock wall;
  events::EventBus bus(wall);
  Outcomes outcomes;
  bus.subscribe(outcomes);
  io::UdpTransportConfig udp;
  udp.addresses = {0};  // wildcard; IP_PKTINFO picks each SA's source address
  io::UdpTransport transport(loop, udp);
  ikev2::EngineDeps deps{clock, loop.timers(), rng, dh, ctx, transport, bus, nullptr, nullptr};
  ikev2::EngineOptions eo;
  eo.force_udp_encapsulation = o.encap;
  ikev2::Ikev2Engine engine(deps, std::move(peers), eo);

  // Warm the DH pool before the clock starts.
  for (size_t i = 0; i < 16; ++i) dh.create(o.group, rng);
  prefault_heap(o.peers);

  size_t next = 0;
  bool refill_pending = false;
  auto refill = [&] {
    refill_pending = false;
    while (next < o.peers && next - outcomes.up - outcomes.failed < o.window) engine.initiate(next++);
    if (outcomes.up + outcomes.failed >= o.peers) loop.stop();
  };
  outcomes.on_done = [&] {
    if (refill_pending) return;
    refill_pending = true;
    loop.schedule_after(io::Duration::zero(), refill);
  };
  std::optional<ProcSample> before = sample(o.responder_pid);
  const std::vector<double> busy_before = cpu_busy_s();
  const SelfUsage usage0 = self_usage();
  Clock::time_point t0 = Clock::now();
  loop.schedule_after(io::Duration::zero(), refill);
  loop.schedule_after(std::chrono::duration_cast<io::Duration>(std::chrono::duration<double>(o.timeout_s)),
                      [&] { loop.stop(); });
  if (o.poll) {
    // Waking a process that sleeps on the other core costs the waker ~10 us
    // in this VM (docs/PERFORMANCE.md); a generator that never sleeps keeps
    // that cost, which belongs to the harness, off the responder's core.
    while (loop.run_once(io::Duration::zero())) {
    }
  } else {
    loop.run();
  }
  double wall_s = seconds((outcomes.up ? outcomes.last_up : Clock::now()) - t0);
  const SelfUsage usage1 = self_usage();
  const double gen_cpu = usage1.cpu_s - usage0.cpu_s;
  const long gen_sleeps = usage1.sleeps - usage0.sleeps;
  std::optional<ProcSample> after = sample(o.responder_pid);
  const std::vector<double> busy_after = cpu_busy_s();

  size_t established = 0;
  for (const auto& sa : engine.ike_sas())
    if (sa.state == ikev2::Ikev2Engine::State::Established && !sa.children.empty()) ++established;
  // Key=value lines for the script.
  std::cout << "peers=" << o.peers << "\ngroup=" << o.group << "\nwindow=" << o.window << "\nup_events=" << outcomes.up
            << "\nfailed_events=" << outcomes.failed << "\nestablished_with_child=" << established
            << "\nwall_s=" << wall_s << "\nsetups_per_s=" << (wall_s > 0 ? static_cast<double>(established) / wall_s : 0)
            << "\ngenerator_cpu_s=" << gen_cpu << "\ngenerator_sleeps=" << gen_sleeps << "\n";
  for (size_t i = 0; i < busy_before.size() && i < busy_after.size(); ++i)
    std::cout << "cpu" << i << "_busy_s=" << busy_after[i] - busy_before[i] << "\n";
  if (before && after) {
    std::cout << "responder_cpu_s=" << after->cpu_s - before->cpu_s
              << "\nresponder_sleeps=" << after->voluntary_switches - before->voluntary_switches
              << "\nresponder_minor_faults=" << after->minor_faults - before->minor_faults
              << "\nresponder_rss_before_kb=" << before->rss_kb << "\nresponder_rss_after_kb=" << after->rss_kb << "\n";
  }
  return established == o.peers ? 0 : 1;
}

// Wraps the responder's transport to time every datagram it handles (its
// receive handler runs the whole engine step, including the answer it sends).
class TimedTransport final : public io::Transport {
 public:
  explicit TimedTransport(std::unique_ptr<io::Transport> inner) : inner_(std::move(inner)) {}
  bool send(const io::Datagram& d) override { return inner_->send(d); }
  void set_receive_handler(ReceiveHandler h) override {
    inner_->set_receive_handler([this, h = std::move(h)](const io::Datagram& d) {
      auto t = Clock::now();
      h(d);
      busy += Clock::now() - t;
    });
  }
  std::vector<io::Endpoint> local_endpoints() const override { return inner_->local_endpoints(); }
  Clock::duration busy{};

 private:
  std::unique_ptr<io::Transport> inner_;
};

long self_rss_kb() {
  auto s = sample(static_cast<int>(getpid()));
  return s ? s->rss_kb : 0;
}

int run_in_process(const Options& o) {
  Options ro = o;
  std::vector<ikev2::PeerConfig> ipeers = initiator_peers(o);
  std::vector<ikev2::PeerConfig> rpeers = peers_from(responder_config(ro));
  crypto::CryptoContext ctx;
  crypto::OpenSslRng drbg(ctx);
  crypto::BufferedRng rng(drbg);  // as in the daemon
  crypto::OpenSslDhFactory real_dh(ctx);
  PooledDhFactory pooled(real_dh, rng, 16);
  for (size_t i = 0; i < 16; ++i) pooled.create(o.group, rng);
  io::ManualClock clock;
  io::ManualWallClock wall;
  io::TimerQueue timers;
  io::MemoryNetwork net(&clock);
  io::Simulation sim(clock, timers, net);
  events::EventBus ibus(wall), rbus(wall);
  Outcomes iout, rout;
  ibus.subscribe(iout);
  rbus.subscribe(rout);
  std::vector<io::Endpoint> iends;
  for (size_t i = 0; i < o.peers; ++i) {
    iends.push_back({initiator_address(i), 500});
    iends.push_back({initiator_address(i), 4500});
  }
  auto itransport = net.attach(iends);
  TimedTransport rtransport(net.attach({io::Endpoint{o.responder, 500}, io::Endpoint{o.responder, 4500}}));
  ikev2::EngineOptions eo;
  eo.force_udp_encapsulation = o.encap;
  ikev2::Ikev2Engine initiator({clock, timers, rng, pooled, ctx, *itransport, ibus, nullptr, nullptr},
                               std::move(ipeers), eo);
  long rss0 = self_rss_kb();
  std::unique_ptr<ikev2::Ikev2Engine> responder = std::make_unique<ikev2::Ikev2Engine>(
      ikev2::EngineDeps{clock, timers, rng, real_dh, ctx, rtransport, rbus, nullptr, nullptr}, std::move(rpeers));

  double cpu0 = self_cpu_s();
  Clock::time_point t0 = Clock::now();
  // Windowed like the UDP run, so the responder's SA table grows the same way.
  size_t next = 0;
  auto refill = [&] {
    while (next < o.peers && next - iout.up - iout.failed < o.window) initiator.initiate(next++);
  };
  refill();
  bool ok = sim.run_until(
      [&] {
        refill();
        return iout.up + iout.failed >= o.peers && net.pending() == 0;
      },
      std::chrono::hours(1));
  double wall_s = seconds(Clock::now() - t0);
  double cpu = self_cpu_s() - cpu0;
  long rss1 = self_rss_kb();
  size_t established = 0;
  for (const auto& sa : responder->ike_sas())
    if (sa.state == ikev2::Ikev2Engine::State::Established && !sa.children.empty()) ++established;
  double resp_s = seconds(rtransport.busy);
  std::cout << "peers=" << o.peers << "\ngroup=" << o.group << "\nok=" << ok << "\nup_events=" << iout.up
            << "\nfailed_events=" << iout.failed << "\nresponder_established_with_child=" << established
            << "\nwall_s=" << wall_s << "\ncpu_s=" << cpu << "\nboth_ends_setups_per_s="
            << static_cast<double>(established) / wall_s << "\nresponder_busy_s=" << resp_s
            << "\nresponder_only_setups_per_s=" << static_cast<double>(established) / resp_s
            << "\nresponder_us_per_setup=" << resp_s * 1e6 / static_cast<double>(established)
            << "\nrss_both_engines_delta_kb=" << rss1 - rss0 << "\n";
  return established == o.peers ? 0 : 1;
}

int run_dh_speed(const Options& o) {
  crypto::CryptoContext ctx;
  crypto::OpenSslRng rng(ctx);
  crypto::OpenSslDhFactory dh(ctx);
  auto peer = dh.create(o.group, rng);
  crypto::Bytes peer_pub = peer->public_value();
  Clock::duration keygen{}, derive{};
  for (size_t i = 0; i < o.dh_iterations; ++i) {
    auto t = Clock::now();
    auto key = dh.create(o.group, rng);
    crypto::Bytes pub = key->public_value();  // what the KE payload needs
    auto t1 = Clock::now();
    auto secret = key->shared_secret(crypto::ByteSpan(peer_pub));
    auto t2 = Clock::now();
    if (!secret || pub.empty()) {
      std::cerr << "dh failed\n";
      return 1;
    }
    keygen += t1 - t;
    derive += t2 - t1;
  }
  double n = static_cast<double>(o.dh_iterations);
  std::cout << "group=" << o.group << "\nkeygen_per_s=" << n / seconds(keygen) << "\nderive_per_s="
            << n / seconds(derive) << "\nkeygen_plus_derive_per_s=" << n / seconds(keygen + derive) << "\n";
  return 0;
}

int write_file(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  return out ? 0 : 2;
}

}  // namespace

// What a wake-up costs the waker: a thread on core 1 sleeps in read() on a
// pipe, core 0 writes one byte to it. Timed is the write() alone, against a
// write() that has nobody to wake. The cost is the inter-processor interrupt,
// which in a VM is an exit to the hypervisor.
int run_wake_cost(const Options& o) {
  const auto pin = [](int cpu) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return pthread_setaffinity_np(pthread_self(), sizeof set, &set) == 0;
  };
  const auto make_pipe = [] {
    int fds[2];
    if (pipe(fds) != 0) throw std::runtime_error("pipe failed");
    return std::pair<io::UniqueFd, io::UniqueFd>(io::UniqueFd(fds[0]), io::UniqueFd(fds[1]));
  };
  const auto wake = make_pipe(), plain = make_pipe();  // (read end, write end)
  const size_t n = o.dh_iterations;
  std::atomic<size_t> seen{0};
  std::thread sleeper([&] {
    pin(1);
    char c;
    for (size_t i = 0; i < n; ++i) {
      if (read(wake.first.get(), &c, 1) != 1) break;
      seen.store(i + 1, std::memory_order_release);
    }
  });
  if (!pin(0)) throw std::runtime_error("cannot run on core 0");
  const char c = 0;
  double with_wake = 0, without = 0;
  for (size_t i = 0; i < n; ++i) {
    std::this_thread::sleep_for(std::chrono::microseconds(200));  // the sleeper is asleep again
    const auto t0 = Clock::now();
    if (write(wake.second.get(), &c, 1) != 1) throw std::runtime_error("write failed");
    with_wake += seconds(Clock::now() - t0);
    while (seen.load(std::memory_order_acquire) != i + 1) {
    }
    const auto t1 = Clock::now();
    if (write(plain.second.get(), &c, 1) != 1) throw std::runtime_error("write failed");
    without += seconds(Clock::now() - t1);
    char sink;
    if (read(plain.first.get(), &sink, 1) != 1) throw std::runtime_error("read failed");
  }
  sleeper.join();
  std::cout << "write_waking_other_core_us=" << with_wake * 1e6 / static_cast<double>(n)
            << "\nwrite_nobody_waiting_us=" << without * 1e6 / static_cast<double>(n) << "\n";
  return 0;
}

int main(int argc, char** argv) {
  Options o;
  CLI::App app{"IKEv2 setups per second: ikeshift's initiator against a responder (docs/PERFORMANCE.md)"};
  auto* modes = app.add_option_group("mode", "what to do (exactly one)");
  std::string initiator_file, responder_file;
  bool run = false, in_process = false, dh_speed = false, wake_cost = false;
  modes->add_option("--write-initiator-config", initiator_file, "write the initiator's ASA configuration to FILE");
  modes->add_option("--write-responder-config", responder_file, "write the responder's ASA configuration to FILE");
  modes->add_flag("--run", run, "set up --peers IKE SAs over UDP against --responder");
  modes->add_flag("--in-process", in_process, "both engines in this process over an in-memory network");
  modes->add_flag("--dh-speed", dh_speed, "key pairs and derives per second of the engine's DH factory");
  modes->add_flag("--wake-cost", wake_cost, "what waking a sleeping thread on core 1 costs the writer on core 0");
  modes->require_option(1);
  app.add_option("--peers", o.peers, "initiator peers, one IKE SA each")->capture_default_str()->check(CLI::Range(1, 50000));
  app.add_option("--group", o.group, "DH group")->capture_default_str()->check(CLI::IsMember({14, 19}));
  app.add_option("--window", o.window, "setups in flight at most")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--timeout", o.timeout_s, "give up after S seconds")->capture_default_str();
  const CLI::Validator ipv4(
      std::function<std::string(std::string&)>(
          [](std::string& t) { return parse_ipv4(t) ? std::string() : std::string("not an IPv4 address"); }),
      "IPv4");
  std::string responder = "192.0.2.2", initiator_outside = "192.0.2.1";
  app.add_option("--responder", responder, "the responder's outside address")->capture_default_str()->check(ipv4);
  app.add_option("--initiator-outside", initiator_outside, "the initiator namespace's veth address")
      ->capture_default_str()
      ->check(ipv4);
  app.add_option("--responder-pid", o.responder_pid, "read this process's CPU time and RSS");
  app.add_option("--iterations", o.dh_iterations, "--dh-speed operations, --wake-cost wake-ups")->capture_default_str();
  app.add_flag("--encap", o.encap, "claim NAT: IKE_AUTH over UDP 4500");
  app.add_flag("--poll", o.poll,
               "with --run: poll the sockets instead of sleeping, so the responder never pays to wake the generator");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // usage errors: exit code 2, as before
  }
  o.responder = *parse_ipv4(responder);
  o.initiator_outside = *parse_ipv4(initiator_outside);
  try {
    if (!initiator_file.empty()) return write_file(initiator_file, initiator_config(o));
    if (!responder_file.empty()) return write_file(responder_file, responder_config(o));
    if (run) return run_udp(o);
    if (in_process) return run_in_process(o);
    if (wake_cost) return run_wake_cost(o);
    return run_dh_speed(o);
  } catch (const std::exception& e) {
    std::cerr << "ike_setup_bench: " << e.what() << "\n";
    return 2;
  }
}
