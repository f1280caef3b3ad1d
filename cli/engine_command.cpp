// `ikeshift engine`: the daemon that runs the tunnels of one configuration
// (Cisco ASA, Cisco IOS, Yamaha RTX or strongSwan swanctl.conf, detected or
// --from) with both IKE engines and the tunnel manager in front of them
// (engine/manager/tunnel_stack.h: IKEv2 first, IKEv1 fallback, both answered
// as responder on the same UDP 500/4500 sockets), and `ikeshift engine show` /
// `ctl`, its control clients. The configuration is read by the translator's
// readers and intent derivation (translate::read_intent) -- the same model
// `translate`, `migrate l2l` and the validator use -- and planned per IKE
// version by manager::plan_stack (engine_stack.cpp prints the plan).
//
// stdout carries the log (ASA syslog lines or JSON events); everything about
// the daemon itself (tunnels skipped, bind errors, shutdown) goes to stderr.
// Exit codes: 0 clean stop (SIGINT/SIGTERM), 2 could not start.
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <sstream>
#include <system_error>

#include "cli/commands.h"
#include "cli/engine_data_plane.h"
#include "cli/engine_stack.h"
#include "common/finding.h"
#include "common/ipv4.h"
#include "control/control_commands.h"
#include "control/control_socket.h"
#include "control/show_data.h"
#include "control/show_format.h"
#include "control/stack_target.h"
#include "crypto/crypto_context.h"
#include "crypto/dh.h"
#include "crypto/rng.h"
#include "events/asa_syslog_sink.h"
#include "events/event_bus.h"
#include "events/json_sink.h"
#include "ikev2/ikev2_engine.h"
#include "esp/esp_keylog.h"
#include "ikev2/keylog.h"
#include "ikev2/peer_config.h"
#include "io/clock.h"
#include "io/event_loop.h"
#include "io/stop_signals.h"
#include "io/udp_transport.h"
#include "io/unique_fd.h"
#include "manager/tunnel_stack.h"
#include "model/intent.h"
#include "translate/translate_job.h"

namespace ikeshift::cli {

namespace {

namespace control = engine::control;
namespace ikev2 = engine::ikev2;
namespace io = engine::io;

constexpr size_t kLogBufferBytes = 64 * 1024;

struct EngineArgs {
  std::string config;
  std::string from = "auto";                     // asa|ios|rtx|swanctl|auto
  std::vector<std::string> interface_addresses;  // IF=IP
  std::string control_socket;
  std::string keylog;
  std::string keylog_ikev1;
  std::string keylog_esp;
  std::string log_format = "asa";
  std::string log_level = "debugging";  // ASA `logging console` level, name or 0-7
  std::string diagnostics = "on";       // `debug crypto ikev2/ikev1`: on|off
  std::vector<std::string> initiate;  // "all" or MAP:SEQ
  bool show_secrets = false;
  bool force_udp_encapsulation = false;
  DataPlaneArgs data_plane;
};

struct ShowArgs {
  std::string control_socket;
  std::vector<std::string> what;
};

struct CtlArgs {
  std::string control_socket;
  std::vector<std::string> command;
};

void error(const std::string& message) { std::cerr << "ikeshift engine: error: " << message << "\n"; }

// The ASA's logging levels, by number or by the name `logging console` takes
// (CLI11 has already refused anything else).
engine::events::Severity asa_log_level(const std::string& level) {
  static const char* const kNames[] = {"emergencies", "alerts",        "critical",      "errors",
                                       "warnings",    "notifications", "informational", "debugging"};
  for (int n = 0; n < 8; ++n) {
    if (level == kNames[n] || level == std::to_string(n)) return static_cast<engine::events::Severity>(n);
  }
  return engine::events::Severity::Debug;
}
void note(const std::string& message) { std::cerr << "ikeshift engine: " << message << "\n"; }


// Appends the Wireshark line of every IKE SA whose keys the engine derives.
class KeyLogSink final : public ikev2::IkeKeySink {
 public:
  KeyLogSink(ikev2::KeyLogFile& file, std::string path) : file_(file), path_(std::move(path)) {}
  void ike_keys(const ikev2::IkeSaKeys& keys) override {
    std::optional<std::string> line = ikev2::ikev2_keylog_line(keys);
    if (!line) {
      note("--keylog: the negotiated algorithms have no Wireshark name; no line for this IKE SA");
    } else if (!file_.append(*line)) {
      error(path_ + ": cannot append to the key log");
    }
  }

 private:
  ikev2::KeyLogFile& file_;
  std::string path_;
};

class EngineRun {
 public:
  explicit EngineRun(EngineArgs args) : a_(std::move(args)) {}

  int run() {
    // The log goes to stdout and is flushed at the end of every event-loop
    // round; a 64 KiB buffer (before anything is written to stdout) makes that
    // one write(2) per round instead of one per 4 KiB (a busy responder writes
    // about 1 KB of log per IKE SA). glibc ignores the size unless it is given
    // the buffer, which must outlive stdout, hence static storage.
    static char log_buffer[kLogBufferBytes];
    std::setvbuf(stdout, log_buffer, _IOFBF, sizeof log_buffer);
    std::optional<model::Intent> intent = read_intent();
    if (!intent) return kExitFailed;
    if (!apply_interface_addresses(*intent)) return kExitFailed;
    engine::manager::StackPlan plan = engine::manager::plan_stack(intent->tunnels);
    describe_plan(plan, *intent, a_.show_secrets, std::cerr);
    if (plan.entries.empty()) {
      error(a_.config + ": no crypto map entry can run IKEv1 or IKEv2; nothing to do");
      return kExitFailed;
    }
    std::vector<size_t> to_initiate;
    std::string why;
    if (!initiate_list(plan.entries, a_.initiate, to_initiate, why)) {
      error(why);
      return kExitFailed;
    }
    return serve(std::move(plan), to_initiate);
  }

 private:
  engine::manager::StackOptions options_;  // from the configuration's crypto ikev2 settings

  std::optional<model::Intent> read_intent() {
    std::string load_error;
    std::optional<text::SourceText> src = text::SourceText::load(a_.config, load_error);
    if (!src) {
      error(load_error);
      return std::nullopt;
    }
    const std::optional<ConfigDialect> from = a_.from == "auto" ? std::nullopt : parse_dialect(a_.from);
    translate::ReadIntent read = translate::read_intent(*src, from, a_.config);
    if (!read.intent) {
      std::cerr << format_finding(*read.input_error);
      return std::nullopt;
    }
    dialect_ = read.dialect;
    model::Intent intent = std::move(*read.intent);
    // What --interface-address may name: the interfaces (ASA nameifs, IOS and
    // RTX interface names) and whatever each tunnel is bound to (a swanctl.conf
    // connection's name).
    for (const model::Interface& i : intent.interfaces) interface_names_.insert(i.name);
    for (const model::Tunnel& t : intent.tunnels)
      if (!t.local_interface.empty()) interface_names_.insert(t.local_interface);
    // Device-wide IKEv2 settings the engine applies (not per tunnel).
    options_.ikev2.force_udp_encapsulation = a_.force_udp_encapsulation;
    options_.ikev1.force_udp_encapsulation = a_.force_udp_encapsulation;
    options_.ikev2.cookie_threshold =
        ikev2::cookie_threshold_from(read.ikev2_cookie_challenge, read.ikev2_max_in_negotiation_sa);
    // Findings never hold a secret (finding.h), so they print as they are.
    for (const Finding& f : intent.findings) {
      if (f.severity != Severity::Info) std::cerr << format_finding(f);
    }
    return intent;
  }

  // --interface-address IF=IP: the lab runs the production config on other
  // addresses. Applied to the intent, before the engine sees it, so the
  // engine binds, identifies itself and matches peers with the lab address.
  // IF is an interface name (ASA nameif, IOS/RTX interface, swanctl.conf
  // connection) or the address itself (every tunnel that uses it moves). A
  // local identity written as the old address follows it.
  bool apply_interface_addresses(model::Intent& intent) {
    for (const std::string& spec : a_.interface_addresses) {
      size_t eq = spec.find('=');
      std::optional<uint32_t> address = eq == std::string::npos ? std::nullopt : parse_ipv4(spec.substr(eq + 1));
      if (!address || eq == 0) {
        error("--interface-address '" + spec + "': expected IF=IPv4, e.g. outside=127.0.0.1");
        return false;
      }
      const std::string name = spec.substr(0, eq);
      const std::optional<uint32_t> old_address = parse_ipv4(name);
      bool matched = interface_names_.count(name) > 0;
      for (model::Tunnel& t : intent.tunnels) {
        const bool by_name = t.local_interface == name;
        const bool by_address = old_address && t.local_address == old_address;
        if (!by_name && !by_address) continue;
        matched = true;
        if (t.local_address && t.local_identity.type == model::IkeIdentity::Type::Address &&
            t.local_identity.value == format_ipv4(*t.local_address)) {
          t.local_identity.value.clear();  // "the tunnel's own address", now the lab one
        }
        t.local_address = *address;
      }
      for (model::Interface& i : intent.interfaces)
        if (i.name == name || (old_address && i.address == *old_address)) i.address = *address;
      if (!matched) {
        error("--interface-address '" + spec + "': " + a_.config + " (" + dialect_long_name(dialect_) +
              ") has no interface " + (dialect_ == ConfigDialect::Asa ? "with nameif '" : "named '") + name +
              "' and no tunnel with that local address (" +
              interface_list() + ")");
        return false;
      }
    }
    return true;
  }

  std::string interface_list() const {
    if (interface_names_.empty()) return "it names no interface";
    std::string s = dialect_ == ConfigDialect::Swanctl ? "connections:" : "interfaces:";
    for (const std::string& n : interface_names_) s += " " + n;
    return s;
  }

  int serve(engine::manager::StackPlan plan, const std::vector<size_t>& to_initiate) {
    try {
      io::StopSignals signals;
      io::SteadyClock clock;
      io::EventLoop loop(clock);
      // Single DES only exists in OpenSSL's legacy provider (describe_plan warns).
      crypto::CryptoContext ctx(crypto::CryptoContext::Options{plan.uses_des()});
      crypto::OpenSslRng drbg(ctx);
      crypto::BufferedRng rng(drbg);
      crypto::OpenSslDhFactory dh(ctx);
      io::SystemWallClock wall;
      engine::events::EventBus bus(wall);

      std::unique_ptr<engine::events::EventSink> log;
      // The log is flushed once per loop round rather than per line.
      if (a_.log_format == "json") {
        engine::events::JsonSinkOptions o;
        o.flush_each_line = false;
        log = std::make_unique<engine::events::JsonSink>(std::cout, o);
      } else {
        engine::events::AsaSyslogOptions o;
        o.timestamps = true;
        o.flush_each_line = false;
        o.max_severity = asa_log_level(a_.log_level);
        o.diagnostics = a_.diagnostics == "on";
        log = std::make_unique<engine::events::AsaSyslogSink>(std::cout, o);
      }
      loop.at_round_end([] { std::cout.flush(); });
      // HMAC pads of this round's keys (SKEYSEED, the PSK pad key) leave the
      // reused HMAC contexts before the loop sleeps.
      loop.at_round_end([&ctx] { ctx.wipe_hmac_scratch(); });
      bus.subscribe(*log);

      std::optional<ikev2::KeyLogFile> keylog, keylog_ikev1, keylog_esp;
      if (!a_.keylog_esp.empty() && !a_.data_plane.enabled) {
        error("--keylog-esp needs --data-plane (without it no ESP SA exists)");
        return kExitFailed;
      }
      for (auto [path, file] : {std::pair{&a_.keylog, &keylog}, std::pair{&a_.keylog_ikev1, &keylog_ikev1},
                                std::pair{&a_.keylog_esp, &keylog_esp}}) {
        if (path->empty()) continue;
        std::string why;
        *file = ikev2::KeyLogFile::open(*path, why);
        if (!*file) {
          error(why);
          return kExitFailed;
        }
      }

      // The control socket before the IKE ports: a second daemon for the same
      // device is refused with that reason rather than with EADDRINUSE. The
      // commands act on the engine once it exists (the loop, which delivers
      // them, only runs after that).
      std::unique_ptr<control::ControlTarget> target;
      std::unique_ptr<control::ControlServer> server;
      if (!a_.control_socket.empty()) {
        std::string why;
        server = control::ControlServer::open(
            loop, a_.control_socket,
            [&target](const std::string& c) {
              return target ? control::answer_command(c, *target)
                            : std::string("ERROR: the engine is starting, try again\n");
            },
            why);
        if (!server) {
          error(why);
          return kExitFailed;
        }
      }

      io::UdpTransportConfig udp;
      std::set<uint32_t> addresses;
      for (const ikev2::PeerConfig& p : plan.ikev2) addresses.insert(p.local_address);
      for (const engine::ikev1::PeerConfig& p : plan.ikev1) addresses.insert(p.local_address);
      udp.addresses.assign(addresses.begin(), addresses.end());
      udp.share_nat_t_port = a_.data_plane.enabled;  // the ESP data plane takes ESP off port 4500
      std::unique_ptr<io::UdpTransport> transport;
      try {
        transport = std::make_unique<io::UdpTransport>(loop, udp);
      } catch (const std::system_error& e) {
        error(std::string("cannot bind the IKE ports: ") + e.what() +
              (e.code().value() == EACCES ? " (UDP 500 and 4500 need root or CAP_NET_BIND_SERVICE)" : "") +
              (e.code().value() == EADDRNOTAVAIL ? " (no such local address: see --interface-address)" : ""));
        return kExitFailed;
      }

      // --keylog: the engine hands each IKE SA's keys to this sink as soon
      // as they are derived; nothing else in the daemon sees them.
      std::unique_ptr<KeyLogSink> key_sink;
      if (keylog) key_sink = std::make_unique<KeyLogSink>(*keylog, a_.keylog);
      std::unique_ptr<Ikev1KeyLogSink> ikev1_key_sink;
      if (keylog_ikev1) ikev1_key_sink = std::make_unique<Ikev1KeyLogSink>(*keylog_ikev1, a_.keylog_ikev1);

      // --data-plane: ESP leaves the IKE socket through the data plane's
      // demultiplexer, and the IPsec/CHILD SAs of both versions are installed
      // into it. Its tunnels are the tunnel manager's entries, in order.
      std::unique_ptr<DaemonDataPlane> data_plane;
      if (a_.data_plane.enabled) {
        try {
          data_plane = std::make_unique<DaemonDataPlane>(a_.data_plane, loop, clock, rng, ctx, bus,
                                                         plan.tunnels(), *transport);
        } catch (const std::exception& e) {
          error(e.what());
          return kExitFailed;
        }
      }
      io::Transport& ike_transport = data_plane ? data_plane->ike_transport() : *transport;
      // --keylog-esp: each SA's keys to the file on their way to the data plane.
      std::unique_ptr<engine::esp::EspKeyLogSink> esp_key_sink;
      if (data_plane && keylog_esp) esp_key_sink = std::make_unique<engine::esp::EspKeyLogSink>(data_plane->sink(), *keylog_esp);
      engine::dataplane::ChildSaSink* child_sink =
          esp_key_sink ? esp_key_sink.get() : data_plane ? &data_plane->sink() : nullptr;
      engine::manager::StackDeps deps{clock, loop.timers(), rng, dh, ctx, ike_transport, bus,
                                      child_sink, key_sink.get(), ikev1_key_sink.get()};
      engine::manager::TunnelStack stack(deps, std::move(plan), options_);
      auto stack_target = std::make_unique<control::StackTarget>(clock, stack);
      if (data_plane) {
        data_plane->start(stack);
        stack_target->attach(data_plane->data_plane());
        note(data_plane->summary());
      }
      target = std::move(stack_target);

      int stopped_by = 0;
      loop.watch_readable(signals.fd(), [&](uint32_t) {
        stopped_by = signals.take();
        loop.stop();
      });
      // After the loop starts, like a KEY_ACQUIRE arriving (the ESP data
      // plane raises real ones): to the tunnel manager, IKEv2 first.
      if (!to_initiate.empty()) {
        loop.schedule_after(io::Duration::zero(), [&stack, &to_initiate] {
          for (size_t i : to_initiate) {
            const engine::manager::ManagedEntry& e = stack.manager().entries().at(i);
            stack.manager().acquire(e.map, e.sequence);
          }
        });
      }
      std::string where;
      for (const io::Endpoint& e : transport->local_endpoints()) where += (where.empty() ? "" : ", ") + io::to_string(e);
      note("listening on " + where + (server ? "; control socket " + server->path() : std::string()));

      loop.run();

      loop.unwatch(signals.fd());
      server.reset();  // before the engine the commands act on goes away
      target.reset();
      if (data_plane) note(data_plane->statistics());
      note(std::string("stopping") + (stopped_by == SIGINT ? " (SIGINT)" : stopped_by == SIGTERM ? " (SIGTERM)" : ""));
      std::cout.flush();
      return kExitOk;
    } catch (const std::exception& e) {
      error(e.what());
      return kExitFailed;
    }
  }

  EngineArgs a_;
  std::set<std::string> interface_names_;
  ConfigDialect dialect_ = ConfigDialect::Unknown;
};

// Sends one command line to the daemon and prints its answer; an "ERROR: "
// answer goes to stderr with exit code 2. `who` names the subcommand.
int send_command(const std::string& who, const std::string& socket, const std::string& command) {
  if (socket.empty()) {
    std::cerr << who << ": error: --control SOCKET is required\n";
    return kExitFailed;
  }
  std::string why;
  std::optional<std::string> answer = control::control_request(socket, command, why);
  if (!answer) {
    std::cerr << who << ": error: " << why << "\n";
    return kExitFailed;
  }
  if (answer->rfind("ERROR: ", 0) == 0) {
    std::cerr << who << ": error: " << answer->substr(7);
    return kExitFailed;
  }
  std::cout << *answer;
  return kExitOk;
}

int run_show(const ShowArgs& a) {
  std::string command = "show";
  for (const std::string& w : a.what) command += " " + w;
  return send_command("ikeshift engine show", a.control_socket, command);
}

int run_ctl(const CtlArgs& a) {
  std::string command;
  for (const std::string& w : a.command) {
    if (w.find_first_of("\r\n") != std::string::npos) {
      std::cerr << "ikeshift engine ctl: error: a command word cannot contain a line break\n";
      return kExitFailed;
    }
    command += (command.empty() ? "" : " ") + w;
  }
  return send_command("ikeshift engine ctl", a.control_socket, command);
}

}  // namespace

void register_engine(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<EngineArgs>();
  CLI::App* engine = app.add_subcommand(
      "engine",
      "Run the tunnels of one configuration -- Cisco ASA, Cisco IOS, Yamaha RTX or strongSwan\n"
      "swanctl.conf (detected, or --from) -- with IKEv2 and IKEv1 as initiator and responder on UDP 500\n"
      "and 4500, configured from the same model `translate` and `migrate l2l` use. As the ASA's tunnel\n"
      "manager does, a tunnel is initiated with IKEv2 when it has IKEv2 proposals and IKEv2 is enabled\n"
      "on its interface, and falls back to IKEv1 (752xxx logs). With --data-plane also\n"
      "carry their traffic (userspace ESP over a TUN device, docs/data-plane.md). Logs go to stdout;\n"
      "stop with SIGINT/SIGTERM.\n"
      "\n"
      "Examples:\n"
      "  ikeshift engine --config asa1.cfg --interface-address outside=127.0.0.1 \\\n"
      "      --control /run/ikeshift-asa1.sock --initiate all\n"
      "  ikeshift engine --config asa1.cfg --control /run/ikeshift-asa1.sock --data-plane\n"
      "  ikeshift engine --config router.cfg --interface-address GigabitEthernet0/0=127.0.0.2  # IOS\n"
      "  ikeshift engine --config swanctl.conf --interface-address gw-gw=127.0.0.3            # a connection\n"
      "  ikeshift engine show --control /run/ikeshift-asa1.sock ikev2-sa detail\n"
      "  ikeshift engine show --control /run/ikeshift-asa1.sock ikev1-sa\n"
      "  ikeshift engine ctl --control /run/ikeshift-asa1.sock initiate vpn 12\n"
      "  ikeshift engine ctl --control /run/ikeshift-asa1.sock clear ikev2-sa\n");
  engine->require_subcommand(0, 1);
  engine->add_option("--config", args->config,
                     "The configuration to run (with clear-text keys), e.g. --config asa1.cfg");
  engine->add_option("--from", args->from,
                     "Its dialect: asa, ios, rtx, swanctl, or auto (default: detected; a file in another\n"
                     "dialect than --from is refused with the reason); e.g. --from ios")
      ->check(CLI::IsMember({"auto", "asa", "ios", "rtx", "swanctl"}));
  engine->add_option("--interface-address", args->interface_addresses,
                     "Use IP as the address of interface IF instead of the configured one: an ASA nameif,\n"
                     "an IOS or RTX interface name, a swanctl.conf connection name, or the configured\n"
                     "address itself; repeatable, e.g. --interface-address outside=127.0.0.1")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  engine->add_option("--control", args->control_socket,
                     "Serve `ikeshift engine show` on this Unix socket (created 0600, removed on exit),\n"
                     "e.g. --control /tmp/asa1.sock");
  engine->add_option("--keylog", args->keylog,
                     "Append the keys of every established IKE SA to FILE (created 0600) in Wireshark's\n"
                     "ikev2_decryption_table format, e.g. --keylog ikev2_decryption_table");
  engine->add_option("--keylog-ikev1", args->keylog_ikev1,
                     "Append the key of every ISAKMP SA (IKEv1) to FILE (created 0600) in Wireshark's\n"
                     "ikev1_decryption_table format, e.g. --keylog-ikev1 ikev1_decryption_table");
  engine->add_option("--keylog-esp", args->keylog_esp,
                     "With --data-plane: append the keys of every CHILD / IPsec SA to FILE (created 0600) in\n"
                     "Wireshark's esp_sa format, one line per direction, e.g. --keylog-esp esp_sa");
  engine->add_option("--log-format", args->log_format,
                     "asa: ASA syslog lines (default); json: one JSON object per event, e.g. --log-format json")
      ->check(CLI::IsMember({"asa", "json"}));
  engine->add_option("--log-level", args->log_level,
                     "With --log-format asa, like the ASA's `logging console LEVEL`: %ASA- messages of a higher\n"
                     "(less severe) level are not written. 0-7 or emergencies, alerts, critical, errors, warnings,\n"
                     "notifications, informational, debugging (default: debugging, everything), e.g. --log-level\n"
                     "informational")
      ->check(CLI::IsMember({"0", "1", "2", "3", "4", "5", "6", "7", "emergencies", "alerts", "critical", "errors",
                             "warnings", "notifications", "informational", "debugging"}));
  engine->add_option("--diagnostics", args->diagnostics,
                     "With --log-format asa, like `debug crypto ikev2` / `ikev1`: the engine's diagnostic lines\n"
                     "(IKEv2-PROTO-n, IKEv2-PLAT-n, IKEv1 ...) on (default) or off, e.g. --diagnostics off")
      ->check(CLI::IsMember({"on", "off"}));
  engine->add_option("--initiate", args->initiate,
                     "After start, send a KEY_ACQUIRE to the tunnel manager for these crypto map entries once:\n"
                     "'all' or MAP:SEQ (repeatable), e.g. --initiate vpn:12. Without it the engine only responds\n"
                     "(and initiates on `ctl initiate`).")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  engine->add_flag("--show-secrets", args->show_secrets,
                   "Print the pre-shared keys in the startup summary (masked by default), e.g. --show-secrets");
  engine->add_flag("--force-udp-encapsulation", args->force_udp_encapsulation,
                   "Claim to be behind a NAT so IKE and ESP move to UDP 4500 even without one (like\n"
                   "strongSwan's encap = yes), e.g. --force-udp-encapsulation");
  add_data_plane_options(*engine, args->data_plane);

  auto show = std::make_shared<ShowArgs>();
  CLI::App* show_cmd = engine->add_subcommand(
      "show",
      "Ask a running engine for its SAs, as the ASA's `show crypto ikev2 sa [detail]`,\n"
      "`show crypto ikev1 sa [detail]` and `show crypto ipsec sa` print them, or what its tunnel\n"
      "manager did; `status` prints all of it as one JSON document for programs.\n"
      "\n"
      "Examples:\n"
      "  ikeshift engine show --control /tmp/asa1.sock ikev2-sa\n"
      "  ikeshift engine show --control /tmp/asa1.sock ikev2-sa detail\n"
      "  ikeshift engine show --control /tmp/asa1.sock ikev1-sa detail\n"
      "  ikeshift engine show --control /tmp/asa1.sock ipsec-sa\n"
      "  ikeshift engine show --control /tmp/asa1.sock tunnel-manager\n"
      "  ikeshift engine show --control /tmp/asa1.sock status\n");
  show_cmd->add_option("--control", show->control_socket,
                       "The control socket of the running engine, e.g. --control /tmp/asa1.sock")
      ->required();
  show_cmd->add_option("what", show->what,
                       "ikev2-sa [detail] | ikev1-sa [detail] | ipsec-sa | tunnel-manager | status,\n"
                       "e.g. ikev2-sa detail")
      ->required();
  show_cmd->callback([show, &exit_code] {
    const auto& w = show->what;
    const bool sa_view = w[0] == "ikev2-sa" || w[0] == "ikev1-sa";
    bool ok = (w.size() == 1 && (sa_view || w[0] == "ipsec-sa" || w[0] == "tunnel-manager" || w[0] == "status")) ||
              (w.size() == 2 && sa_view && w[1] == "detail");
    if (!ok) {
      std::cerr << "ikeshift engine show: error: expected `ikev2-sa [detail]`, `ikev1-sa [detail]`, `ipsec-sa`, "
                   "`tunnel-manager` or `status`\n";
      exit_code = kExitFailed;
      return;
    }
    exit_code = run_show(*show);
  });

  auto ctl = std::make_shared<CtlArgs>();
  CLI::App* ctl_cmd = engine->add_subcommand(
      "ctl",
      "Send any control command to a running engine and print its answer (exit code 2 when the\n"
      "engine refuses it). Commands:\n"
      "  show ikev2-sa [detail] | show ikev1-sa [detail] | show ipsec-sa | show tunnel-manager | show status\n"
      "                                              the `show` texts (status: JSON)\n"
      "  clear ikev2-sa [TUNNEL-ID|PEER-IP]          delete one or all IKE SAs (ASA `clear crypto ikev2 sa`)\n"
      "  clear ikev1-sa [ID|PEER-IP]                 delete one or all ISAKMP SAs and their IPsec SAs\n"
      "  rekey child SPI                             rekey the CHILD / IPsec SA with this inbound SPI (hex)\n"
      "  initiate MAP SEQ [ACL-ENTRY]                a KEY_ACQUIRE to the tunnel manager (IKEv2 first)\n"
      "\n"
      "Examples:\n"
      "  ikeshift engine ctl --control /tmp/asa1.sock clear ikev2-sa\n"
      "  ikeshift engine ctl --control /tmp/asa1.sock clear ikev2-sa 3\n"
      "  ikeshift engine ctl --control /tmp/asa1.sock rekey child 0xc8f01a8e\n"
      "  ikeshift engine ctl --control /tmp/asa1.sock initiate vpn 12\n");
  ctl_cmd->add_option("--control", ctl->control_socket,
                      "The control socket of the running engine, e.g. --control /tmp/asa1.sock")
      ->required();
  ctl_cmd->add_option("command", ctl->command, "The command line, e.g. clear ikev2-sa")->required();
  ctl_cmd->callback([ctl, &exit_code] { exit_code = run_ctl(*ctl); });

  engine->callback([engine, args, &exit_code] {
    // The show / ctl callbacks did the work.
    if (engine->got_subcommand("show") || engine->got_subcommand("ctl")) return;
    if (args->config.empty()) {
      std::cerr << "ikeshift engine: error: --config ASA.cfg is required\n"
                << "  (see `ikeshift engine --help`)\n";
      exit_code = kExitFailed;
      return;
    }
    exit_code = EngineRun(*args).run();
  });
}

}  // namespace ikeshift::cli
