#include "strongswan_peer.h"

#include <csignal>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "live/charon_launch.h"
#include "live/swanctl_raw.h"

namespace ikeshift::interop {
namespace fs = std::filesystem;

namespace {

const char* const kSaveKeysPlugin = "/usr/lib/ipsec/plugins/libstrongswan-save-keys.so";

// swanctl.conf strings are quoted; the lab's values never contain quotes, but
// a config that silently changed meaning would make a test lie.
std::string quoted(const std::string& s) {
  if (s.find_first_of("\"\\\n") != std::string::npos)
    throw std::invalid_argument("swanctl.conf value with a quote/backslash/newline: " + s);
  return "\"" + s + "\"";
}

}  // namespace

bool CharonSas::ike_established() const {
  for (const auto& ike : ike_sas)
    if (ike.state == "ESTABLISHED") return true;
  return false;
}

bool CharonSas::child_installed() const {
  for (const auto& ike : ike_sas)
    if (ike.state == "ESTABLISHED")
      for (const auto& c : ike.children)
        if (c.state == "INSTALLED") return true;
  return false;
}

CharonSas parse_list_sas_raw(const std::string& raw) {
  CharonSas sas;
  sas.raw = raw;
  const live::SwanctlRaw root = live::parse_swanctl_raw(raw);
  // root -> "list-sa event"? The event name has a space ("list-sa event {"),
  // so the word before '{' is "event"; its children are the IKE SAs.
  for (const auto& event : root.sections) {
    for (const auto& ike : event.sections) {
      CharonIkeSa i;
      i.name = ike.name;
      i.state = ike.get("state");
      i.encr_alg = ike.get("encr-alg");
      if (!ike.get("encr-keysize").empty()) i.encr_alg += "-" + ike.get("encr-keysize");
      i.integ_alg = ike.get("integ-alg");
      i.prf_alg = ike.get("prf-alg");
      i.dh_group = ike.get("dh-group");
      i.spi_i = ike.get("initiator-spi");
      i.spi_r = ike.get("responder-spi");
      i.nat_remote = ike.get("nat-remote") == "yes";
      i.nat_fake = ike.get("nat-fake") == "yes";
      if (const live::SwanctlRaw* children = ike.section("child-sas")) {
        for (const auto& child : children->sections) {
          CharonChildSa c;
          c.name = child.get("name").empty() ? child.name : child.get("name");
          c.state = child.get("state");
          c.encr_alg = child.get("encr-alg");
          if (!child.get("encr-keysize").empty()) c.encr_alg += "-" + child.get("encr-keysize");
          c.integ_alg = child.get("integ-alg");
          c.dh_group = child.get("dh-group");
          c.spi_in = child.get("spi-in");
          c.spi_out = child.get("spi-out");
          i.children.push_back(std::move(c));
        }
      }
      sas.ike_sas.push_back(std::move(i));
    }
  }
  return sas;
}

std::string StrongswanPeer::missing_prerequisites() {
  std::string missing = live::missing_charon_pieces();
  if (!find_executable("ip")) missing += " ip (iproute2)";
  return missing.empty() ? missing : "missing:" + missing;
}

StrongswanPeer::StrongswanPeer(const NetnsLab& lab, Side side, std::string name, CharonConfig config)
    : lab_(lab), side_(side), name_(std::move(name)), config_(std::move(config)) {
  dir_ = lab_.dir() / name_;
  fs::create_directories(dir_ / "run");
  socket_ = dir_ / "charon.vici";
  log_path_ = dir_ / "charon.log";
  if (config_.local_addr.empty()) config_.local_addr = lab_.address(side_);
  if (config_.remote_addr.empty()) config_.remote_addr = lab_.address(side_ == Side::A ? Side::B : Side::A);
  if (config_.local_id.empty()) config_.local_id = config_.local_addr;
  if (config_.remote_id.empty()) config_.remote_id = config_.remote_addr;
  write_configs();

  // Each instance with its own /run (charon's pid file is compiled in).
  auto charon = find_executable(kCharon);
  if (!charon) throw std::runtime_error(missing_prerequisites());
  process_ = lab_.spawn(side_, name_ + "/charon", live::charon_with_private_run(dir_ / "run", charon->string()),
                        {"STRONGSWAN_CONF=" + (dir_ / "strongswan.conf").string()});
  bool up = wait_until([this] { return fs::exists(socket_) || !process_->running(); },
                       milliseconds(15000));
  if (!up || !fs::exists(socket_))
    throw std::runtime_error("charon " + name_ + " did not open its vici socket:\n" + diagnostics());
  RunResult load = swanctl({"--load-all", "--file", (dir_ / "swanctl.conf").string()});
  if (!load.ok() || load.output.find("loaded connection '" + config_.connection + "'") == std::string::npos)
    throw std::runtime_error("swanctl --load-all failed for " + name_ + ":\n" + load.output);
}

void StrongswanPeer::kill_hard() {
  if (!process_) return;
  process_->signal(SIGKILL);
  process_->wait_exit(milliseconds(5000));
}

StrongswanPeer::~StrongswanPeer() {
  if (process_) process_->stop(milliseconds(5000));
}

void StrongswanPeer::write_configs() {
  const bool save_keys = config_.log_keys && fs::exists(kSaveKeysPlugin);
  if (save_keys) fs::create_directories(dir_ / "keys");
  std::ostringstream ss;
  ss << "# instance " << name_ << " - loaded via STRONGSWAN_CONF, does NOT include /etc/strongswan.d\n"
     << "charon {\n"
     << "  load = " << live::kCharonPlugins << (save_keys ? " save-keys" : "") << "\n"
     << "  install_routes = yes\n"
     // Bounded retransmissions: a peer that never answers fails within ~12 s
     // (1 + 1.8 + 3.2 + 5.8 s) instead of charon's default 165 s.
     << "  retransmit_timeout = 1.0\n"
     << "  retransmit_base = 1.8\n"
     << "  retransmit_tries = 3\n";
  // charon refuses IKEv1 Aggressive Mode with a PSK unless told otherwise
  // (it sends AUTHENTICATION_FAILED to Aggressive Mode 1).
  if (config_.aggressive) ss << "  i_dont_care_about_security_and_use_aggressive_mode_psk = yes\n";
  if (config_.delete_rekeyed) ss << "  delete_rekeyed = yes\n";
  ss << "  plugins {\n"
     << "    vici {\n      socket = unix://" << socket_.string() << "\n    }\n";
  if (save_keys)
    ss << "    save-keys {\n      load = yes\n      ike = yes\n      esp = yes\n      wireshark_keys = "
       << (dir_ / "keys").string() << "\n    }\n";
  ss << "  }\n"
     << "  filelog {\n    main {\n"
     << "      path = " << log_path_.string() << "\n"
     << "      time_format = %H:%M:%S\n      time_add_ms = yes\n      append = no\n      flush_line = yes\n"
     << "      default = 1\n"
     // ike = 4 also logs the IKE SA's keymat, which is how the captures here
     // were decrypted when save-keys is not built (Debian's package).
     << "      ike = " << (config_.log_keys && !save_keys ? 4 : 2) << "\n"
     << "      cfg = 2\n      enc = 1\n      knl = 1\n"
     << "    }\n  }\n}\n";
  write_file(dir_ / "strongswan.conf", ss.str());
  if (!config_.swanctl_conf.empty()) {
    write_file(dir_ / "swanctl.conf", config_.swanctl_conf);
    return;
  }

  std::ostringstream sw;
  sw << "connections {\n  s2s {\n"
     << "    version = " << config_.version << "\n"
     << "    local_addrs = " << config_.local_addr << "\n"
     << "    remote_addrs = " << config_.remote_addr << "\n"
     << "    proposals = " << config_.proposals << "\n"
     << "    rekey_time = " << config_.rekey_time << "\n";
  if (config_.version == 1) sw << "    aggressive = " << (config_.aggressive ? "yes" : "no") << "\n";
  if (config_.encap) sw << "    encap = yes\n";
  if (!config_.dpd_delay.empty()) sw << "    dpd_delay = " << config_.dpd_delay << "\n";
  sw << "    local {\n      auth = psk\n      id = " << config_.local_id << "\n    }\n"
     << "    remote {\n      auth = psk\n      id = " << config_.remote_id << "\n    }\n"
     << "    children {\n      net {\n        mode = tunnel\n"
     << "        local_ts = " << config_.local_ts << "\n"
     << "        remote_ts = " << config_.remote_ts << "\n"
     << "        esp_proposals = " << config_.esp_proposals << "\n"
     << "        rekey_time = 28800s\n"
     << "        start_action = none\n      }\n    }\n  }\n}\n"
     << "secrets {\n";
  int n = 0;
  for (const auto& secret : config_.secrets) {
    sw << "  ike-" << ++n << " {\n";
    int i = 0;
    for (const auto& id : secret.ids) sw << "    id-" << ++i << " = " << id << "\n";
    sw << "    secret = " << quoted(secret.secret) << "\n  }\n";
  }
  sw << "}\n";
  write_file(dir_ / "swanctl.conf", sw.str());
}

RunResult StrongswanPeer::swanctl(const Argv& args, milliseconds timeout) const {
  // swanctl runs in the host namespace: the vici socket is a path in the
  // shared file system, so no `ip netns exec` is needed.
  Argv argv{"swanctl"};
  argv.insert(argv.end(), args.begin(), args.end());
  argv.push_back("--uri");
  argv.push_back("unix://" + socket_.string());
  return run(argv, timeout);
}

RunResult StrongswanPeer::initiate(int timeout_seconds) const {
  return swanctl({"--initiate", "--ike", "s2s", "--child", "net", "--timeout", std::to_string(timeout_seconds)},
                 milliseconds(1000 * (timeout_seconds + 10)));
}

RunResult StrongswanPeer::terminate_ike(int timeout_seconds) const {
  return swanctl({"--terminate", "--ike", "s2s", "--timeout", std::to_string(timeout_seconds)},
                 milliseconds(1000 * (timeout_seconds + 10)));
}

RunResult StrongswanPeer::rekey_child() const { return swanctl({"--rekey", "--child", "net"}); }
RunResult StrongswanPeer::rekey_ike() const { return swanctl({"--rekey", "--ike", "s2s"}); }

CharonSas StrongswanPeer::list_sas() const {
  RunResult r = swanctl({"--list-sas", "--raw"}, milliseconds(10000));
  return parse_list_sas_raw(r.output);
}

CharonSas StrongswanPeer::wait_established(milliseconds timeout, bool child) const {
  CharonSas last;
  wait_until(
      [&] {
        last = list_sas();
        return child ? last.child_installed() : last.ike_established();
      },
      timeout, milliseconds(100));
  return last;
}

std::string StrongswanPeer::diagnostics() const {
  // Without the keymat hex dumps (ike = 4): they drown the lines that say why.
  static const std::regex dump(R"(^\S+ \d+\[\w+\]\s+(\d+: |.* => \d+ bytes @ 0x))");
  std::string s = "--- charon " + name_ + " log (" + log_path_.string() + ", key dumps left out) ---\n";
  std::istringstream in(log());
  for (std::string line; std::getline(in, line);)
    if (!std::regex_search(line, dump)) s += line + "\n";
  std::string out = read_file(lab_.dir() / (name_ + "/charon.stdout")) +
                    read_file(lab_.dir() / (name_ + "/charon.stderr"));
  if (!out.empty()) s += "--- charon " + name_ + " stdout/stderr ---\n" + out;
  return s;
}

}  // namespace ikeshift::interop
