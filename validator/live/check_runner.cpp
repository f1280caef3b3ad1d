#include "live/check_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <memory>
#include <sstream>
#include <thread>

#include "common/ipv4.h"
#include "live/charon_peer.h"
#include "live/check_collect.h"
#include "live/engine_daemon.h"
#include "live/fallback_edit.h"
#include "live/lab.h"
#include "live/lab_files.h"
#include "live/packet_capture.h"
#include "validator/project_config.h"
#include "swanctl/swanctl_writer.h"
#include "validator/validate.h"

namespace ikeshift::live {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string self_binary() {
  std::error_code ec;
  fs::path p = fs::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("ikeshift") : p.string();
}

struct Round {
  std::string name;
  std::vector<fs::path> configs;  // per device, what its engine runs
};

class Runner {
 public:
  Runner(const CheckOptions& o, CheckReport& r) : o_(o), r_(r) {}

  void run() {
    auto start = Clock::now();
    if (!load()) return;
    if (o_.scenario == "fallback" && loaded_[0]->intent.dialect != "asa") {
      // The scenario is seed 004's: `no crypto map ... set ikev2 ipsec-proposal`
      // on an ASA, whose tunnel manager then falls back to IKEv1.
      r_.fatal = "--scenario fallback removes the IKEv2 ipsec-proposals of the first configuration, which must be an "
                 "ASA's (" + r_.files[0] + " is " + loaded_[0]->intent.dialect + "); give the ASA first";
      return;
    }
    plan_ = plan_lab(devices(), Lab::next_prefix());
    r_.findings = plan_.findings;
    r_.topology = describe_topology(plan_);
    if (plan_.has_errors()) {
      r_.fatal = "the lab cannot be built from these configurations (see the findings)";
      return;
    }
    if (!have_root()) {
      r_.fatal = "ikeshift check builds network namespaces and needs root; run it as root (e.g. sudo)";
      return;
    }
    note("building the lab: " + r_.topology);
    Lab lab(plan_);
    ScratchDir scratch;
    scratch_ = scratch.path();
    compute_pair_findings();

    Round normal{"", {}};
    for (const auto& c : loaded_) normal.configs.push_back(fs::absolute(c->display));
    run_round(normal);
    if (o_.scenario == "fallback" && !stopped()) {
      Round fallback{"fallback", normal.configs};
      fs::path changed = scratch_ / "fallback-device-a.cfg";
      write_private(changed, without_ikev2_proposals(read_all(normal.configs[0]), loaded_[0]->intent));
      fallback.configs[0] = changed;
      note("fallback: the IKEv2 ipsec-proposal removed on " + device_name(0));
      run_round(fallback);
    }
    r_.wall_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  }

 private:
  bool stopped() const { return o_.interrupted && o_.interrupted(); }
  void note(const std::string& s) const {
    if (o_.progress) o_.progress(s);
  }
  std::string device_name(size_t d) const {
    const model::Intent& in = plan_.devices[d].intent;
    return in.device.empty() ? plan_.devices[d].file : in.device;
  }

  bool load() {
    if (o_.files.size() < 2) {
      r_.fatal = "give at least two configurations: the devices at both ends of the tunnels";
      return false;
    }
    for (const std::string& f : o_.files) {
      r_.files.push_back(f);
      auto c = validator::load_config(f, f);
      if (c->failure) {
        r_.fatal = validator::format_location(c->failure->where) + ": " + c->failure->message +
                   (c->failure->hint.empty() ? "" : " (" + c->failure->hint + ")");
        return false;
      }
      loaded_.push_back(std::move(c));
    }
    return true;
  }

  std::vector<LabDevice> devices() const {
    std::vector<LabDevice> d;
    for (const auto& c : loaded_) d.push_back(LabDevice{c->display, c->intent});
    return d;
  }

  void compute_pair_findings() {
    validator::ProjectConfig project;
    for (size_t i = 0; i < loaded_.size(); ++i)
      for (size_t j = i + 1; j < loaded_.size(); ++j)
        pair_findings_[{i, j}] = validator::check_pair(*loaded_[i], *loaded_[j], project);
  }
  const std::vector<validator::RuleFinding>& findings_between(size_t a, size_t b) const {
    static const std::vector<validator::RuleFinding> none;
    auto it = pair_findings_.find({std::min(a, b), std::max(a, b)});
    return it == pair_findings_.end() ? none : it->second;
  }

  void run_round(const Round& round) {
    // The capture and the engines, one per device.
    std::unique_ptr<PacketCapture> capture = start_capture(round);
    std::vector<std::unique_ptr<EngineDaemon>> daemons(plan_.devices.size());
    std::unique_ptr<CharonPeer> charon;
    std::vector<DeviceObservation> seen(plan_.devices.size());
    bool ready = true;
    for (size_t d = 0; d < plan_.devices.size(); ++d) {
      DaemonFiles files{scratch_ / ((round.name.empty() ? "" : round.name + "-") + std::string(1, static_cast<char>('a' + d)))};
      fs::create_directories(files.dir);
      fs::permissions(files.dir, fs::perms::owner_all);
      if (runs_charon(d)) {
        charon = std::make_unique<CharonPeer>(plan_.device_ns[d], files.dir, swanctl_conf_of(d));
        continue;
      }
      daemons[d] = std::make_unique<EngineDaemon>(o_.ikeshift_binary.empty() ? self_binary() : o_.ikeshift_binary,
                                                  plan_.device_ns[d], round.configs[d], files);
    }
    for (size_t d = 0; d < daemons.size(); ++d) {
      std::string why;
      if (daemons[d] && !daemons[d]->wait_ready(std::chrono::milliseconds(10000), why)) {
        seen[d].problem = why;
        ready = false;
      }
    }
    note(std::string("engines ") + (ready ? "running" : "not all running") + "; sending traffic");

    // Responders for TCP/UDP probes, on the far side's test hosts.
    std::vector<std::unique_ptr<ProbeResponder>> responders;
    for (const LabProbe& pr : plan_.probes) {
      if (pr.protocol == 0) continue;
      const LabTunnelPair* pair = pair_of(pr.device, pr.tunnel);
      if (pair == nullptr || !pair->peer_device) continue;
      responders.push_back(std::make_unique<ProbeResponder>(plan_.device_ns[*pair->peer_device], pr.destination,
                                                            pr.protocol, pr.port));
    }

    // First the lower device of each pair sends (its tunnel manager
    // initiates), then the other side over the tunnel that is up by then.
    std::vector<ProbeResult> results(plan_.probes.size());
    for (int phase = 0; phase < 2 && !stopped(); ++phase) {
      std::vector<std::thread> threads;
      std::atomic<size_t> running{0};
      for (size_t k = 0; k < plan_.probes.size(); ++k) {
        if (phase_of(plan_.probes[k]) != phase) continue;
        ++running;
        threads.emplace_back([this, k, &results, &running] {
          results[k] = probe(plan_.probes[k]);
          --running;
        });
      }
      // Ctrl-C cancels the probes at their next attempt.
      while (running.load() > 0) {
        if (stopped()) cancel_.store(true);
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      }
      for (std::thread& t : threads) t.join();
    }

    for (size_t d = 0; d < daemons.size(); ++d) {
      if (!seen[d].problem.empty()) continue;
      if (daemons[d]) {
        seen[d].status = daemons[d]->status(seen[d].problem);
      } else if (charon) {
        seen[d].status = charon->status(seen[d].problem);
        name_charon_sas(d, seen[d].status);
      }
    }
    for (auto& dmn : daemons)
      if (dmn) dmn->stop();
    for (size_t d = 0; d < daemons.size(); ++d)
      if (daemons[d]) seen[d].events = daemons[d]->events();
    capture.reset();  // the file is complete
    keep_files(round, daemons, charon.get());

    for (const LabTunnelPair& pair : plan_.pairs) {
      std::vector<ProbeResult> mine;
      for (size_t k = 0; k < plan_.probes.size(); ++k)
        if (plan_.probes[k].device == pair.device && plan_.probes[k].tunnel == pair.tunnel) mine.push_back(results[k]);
      const auto& findings = pair.peer_device ? findings_between(pair.device, *pair.peer_device)
                                              : std::vector<validator::RuleFinding>{};
      EntryResult e = collect_entry(plan_, pair, seen, mine, findings);
      e.round = round.name;
      if (runs_charon(pair.device)) e.implementation = "strongswan";
      if (round.name == "fallback" && pair.device == 0) expect_ikev1(e);
      r_.entries.push_back(std::move(e));
    }
  }

  // Seed 004: with the IKEv2 proposal gone, IKEv1 must take over (752010).
  static void expect_ikev1(EntryResult& e) {
    if (e.status != EntryStatus::Up) return;
    bool logged = std::any_of(e.manager_log.begin(), e.manager_log.end(),
                              [](const std::string& l) { return l.find("752010") != std::string::npos; });
    if (e.ike_version != 1 || !logged) {
      e.status = EntryStatus::Down;
      e.reason = "the IKEv2 proposal was removed, but " +
                 std::string(e.ike_version != 1 ? "IKEv" + std::to_string(e.ike_version) + " came up"
                                                : "the tunnel manager did not log 752010") +
                 " instead of the IKEv1 fallback";
    }
  }

  const LabTunnelPair* pair_of(size_t device, size_t tunnel) const {
    for (const LabTunnelPair& p : plan_.pairs)
      if (p.device == device && p.tunnel == tunnel) return &p;
    return nullptr;
  }

  int phase_of(const LabProbe& pr) const {
    const LabTunnelPair* pair = pair_of(pr.device, pr.tunnel);
    if (pair == nullptr || !pair->peer_device) return 0;
    const model::Tunnel& t = plan_.devices[pr.device].intent.tunnels[pr.tunnel];
    if (t.connection_type == "answer-only") return 1;
    const model::Tunnel& back = plan_.devices[*pair->peer_device].intent.tunnels[*pair->peer_tunnel];
    if (back.connection_type == "answer-only") return 0;
    return pr.device < *pair->peer_device ? 0 : 1;
  }

  ProbeResult probe(const LabProbe& pr) const {
    ProbeResult r;
    r.from = device_name(pr.device);
    const LabTunnelPair* pair = pair_of(pr.device, pr.tunnel);
    r.to = pair && pair->peer_device ? device_name(*pair->peer_device) : "";
    r.source = pr.source;
    r.destination = pr.destination;
    r.protocol = pr.protocol;
    r.port = pr.port;
    ProbeSpec spec;
    spec.ns = plan_.device_ns[pr.device];
    spec.source = pr.source;
    spec.destination = pr.destination;
    spec.protocol = pr.protocol;
    spec.port = pr.port;
    spec.timeout = o_.timeout;
    spec.cancel = &cancel_;
    r.outcome = run_probe(spec);
    return r;
  }

  std::unique_ptr<PacketCapture> start_capture(const Round& round) {
    if (o_.pcap.empty()) return nullptr;
    std::string iface;
    for (const LabLink& l : plan_.links)
      if (l.a.ns == plan_.device_ns[0]) iface = l.a.name;
    return std::make_unique<PacketCapture>(plan_.device_ns[0], iface,
                                           round.name.empty() ? o_.pcap : o_.pcap + "." + round.name);
  }

  bool runs_charon(size_t device) const { return o_.peer_impl == "strongswan" && device == 1; }

  // The second device's model as swanctl.conf (connections trap their
  // traffic, so charon initiates on the first packet as an ASA would).
  std::string swanctl_conf_of(size_t device) const {
    swanctl::SwanctlOptions options;
    translate::WriteResult w = swanctl::write_swanctl(plan_.devices[device].intent, options);
    return w.text;
  }

  // charon knows no crypto map entries: its SAs belong to the entry whose
  // peer is their remote address.
  void name_charon_sas(size_t device, YAML::Node& status) const {
    if (!status.IsMap()) return;
    for (YAML::Node sa : status["ike_sas"]) {
      std::string remote = sa["remote"].as<std::string>("");
      for (const model::Tunnel& t : plan_.devices[device].intent.tunnels) {
        if (!t.peers.empty() && format_ipv4(t.peers.front()) == remote) {
          sa["map"] = t.map;
          sa["sequence"] = t.sequence;
          break;
        }
      }
    }
  }

  // --logs, --keylog: copied out of the scratch directory before it goes.
  void keep_files(const Round& round, const std::vector<std::unique_ptr<EngineDaemon>>& daemons,
                  const CharonPeer* charon) {
    std::string suffix = round.name.empty() ? "" : "." + round.name;
    if (!o_.logs_dir.empty()) {
      fs::create_directories(o_.logs_dir);
      for (size_t d = 0; d < daemons.size(); ++d) {
        if (!daemons[d]) {
          if (charon) {
            write_private(fs::path(o_.logs_dir) / (fs::path(plan_.devices[d].file).stem().string() + suffix + ".charon.log"),
                          charon->log());
          }
          continue;
        }
        std::string text;
        for (const YAML::Node& e : daemons[d]->events())
          if (e["text"]) text += e["timestamp"].as<std::string>() + " " + e["text"].as<std::string>() + "\n";
        std::string stem = fs::path(plan_.devices[d].file).stem().string();
        write_private(fs::path(o_.logs_dir) / (stem + suffix + ".log"), text);
        write_private(fs::path(o_.logs_dir) / (stem + suffix + ".stderr"), daemons[d]->stderr_text());
        fs::copy_file(daemons[d]->files().events(), fs::path(o_.logs_dir) / (stem + suffix + ".events.jsonl"),
                      fs::copy_options::overwrite_existing);
      }
    }
    if (!o_.keylog.empty()) {
      // Both ends log the same IKE SA: each line once.
      std::string v2, v1, esp;
      auto add_lines = [](std::string& to, const std::string& from) {
        std::istringstream in(from);
        for (std::string l; std::getline(in, l);)
          if (!l.empty() && to.find(l + "\n") == std::string::npos) to += l + "\n";
      };
      for (const auto& dmn : daemons) {
        if (!dmn) continue;
        add_lines(v2, read_all(dmn->files().keylog_v2()));
        add_lines(v1, read_all(dmn->files().keylog_v1()));
        add_lines(esp, read_all(dmn->files().keylog_esp()));
      }
      write_private(o_.keylog + suffix, v2);
      if (!v1.empty()) write_private(o_.keylog + suffix + ".ikev1", v1);
      if (!esp.empty()) write_private(o_.keylog + suffix + ".esp", esp);
    }
  }

  const CheckOptions& o_;
  CheckReport& r_;
  std::vector<std::unique_ptr<validator::LoadedConfig>> loaded_;
  LabPlan plan_;
  fs::path scratch_;
  std::map<std::pair<size_t, size_t>, std::vector<validator::RuleFinding>> pair_findings_;
  std::atomic<bool> cancel_{false};
};

}  // namespace

CheckReport run_check(const CheckOptions& options) {
  CheckReport report;
  report.scenario = options.scenario;
  try {
    Runner(options, report).run();
  } catch (const std::exception& e) {
    report.fatal = e.what();
  }
  if (options.interrupted && options.interrupted() && !report.fatal) report.fatal = "interrupted (the lab is cleaned up)";
  return report;
}

}  // namespace ikeshift::live
