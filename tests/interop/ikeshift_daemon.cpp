#include "ikeshift_daemon.h"

#include <sstream>
#include <stdexcept>

namespace ikeshift::interop {
namespace fs = std::filesystem;

std::string AsaLabConfig::render() const {
  if (!raw.empty()) return raw;
  std::ostringstream c;
  c << ": Saved\n:\nASA Version 9.8(4)\n!\nhostname " << hostname << "\n";
  if (!domain_name.empty()) c << "domain-name " << domain_name << "\n";
  c << "!\n"
    << "interface GigabitEthernet0/0\n nameif outside\n security-level 0\n ip address " << outside_address
    << " 255.255.255.0\n!\n"
    << "interface GigabitEthernet0/1\n nameif inside\n security-level 100\n ip address "
    << local_net.substr(0, local_net.rfind('.')) << ".1 255.255.255.0\n!\n"
    << "access-list LAB-ACL extended permit ip " << local_net << " 255.255.255.0 " << remote_net
    << " 255.255.255.0\n!\n";
  if (ikev1) c << "crypto ipsec ikev1 transform-set LABV1 " << transform_set << "\n";
  if (ikev2) {
    c << "crypto ipsec ikev2 ipsec-proposal LAB\n"
      << " protocol esp encryption " << esp_encryption << "\n"
      << " protocol esp integrity " << esp_integrity << "\n";
  }
  c << "crypto map LAB 10 match address LAB-ACL\n";
  if (!pfs_group.empty()) c << "crypto map LAB 10 set pfs " << pfs_group << "\n";
  c << "crypto map LAB 10 set peer " << peer_address << "\n";
  if (ikev1) c << "crypto map LAB 10 set ikev1 transform-set LABV1\n";
  if (ikev1 && aggressive) c << "crypto map LAB 10 set ikev1 phase1-mode aggressive\n";
  if (ikev2) c << "crypto map LAB 10 set ikev2 ipsec-proposal LAB\n";
  if (nat_t_disable) c << "crypto map LAB 10 set nat-t-disable\n";
  c << "crypto map LAB interface outside\n";
  if (!identity.empty()) c << "crypto isakmp identity " << identity << "\n";
  if (ikev2) {
    c << "crypto ikev2 policy 10\n"
      << " encryption " << ike_encryption << "\n"
      << " integrity " << ike_integrity << "\n"
      << " group " << ike_group << "\n"
      << " prf " << ike_prf << "\n"
      << " lifetime seconds 86400\n"
      << "crypto ikev2 enable outside\n";
  }
  if (ikev1) {
    c << "crypto ikev1 enable outside\n"
      << "crypto ikev1 policy 10\n"
      << " authentication pre-share\n"
      << " encryption " << ikev1_encryption << "\n"
      << " hash " << ikev1_hash << "\n"
      << " group " << ikev1_group << "\n"
      << " lifetime " << ikev1_lifetime << "\n";
  }
  c << "!\n"
    << "tunnel-group " << peer_address << " type ipsec-l2l\n"
    << "tunnel-group " << peer_address << " ipsec-attributes\n";
  if (ikev1) c << " ikev1 pre-shared-key " << ikev1_key << "\n";
  if (ikev2) {
    c << " ikev2 remote-authentication pre-shared-key " << remote_key << "\n"
      << " ikev2 local-authentication pre-shared-key " << local_key << "\n";
  }
  if (!keepalive.empty()) c << " isakmp keepalive " << keepalive << "\n";
  c << "!\n: end\n";
  return c.str();
}

std::string IkeshiftDaemon::missing(const std::string& binary) {
  if (!find_executable(binary)) return "ikeshift binary not found at " + binary;
  RunResult r = run({binary, "engine", "--help"}, milliseconds(10000));
  if (!r.ok()) return "ikeshift engine not built yet (`" + binary + " engine --help` failed)";
  return {};
}

IkeshiftDaemon::IkeshiftDaemon(const NetnsLab& lab, Side side, std::string name, std::string binary,
                               const AsaLabConfig& config, const Argv& extra_args)
    : IkeshiftDaemon(lab, side, std::move(name), std::move(binary), config.render(), extra_args) {}

IkeshiftDaemon::IkeshiftDaemon(const NetnsLab& lab, Side side, std::string name, std::string binary,
                               const std::string& config, const Argv& extra_args)
    : binary_(std::move(binary)) {
  dir_ = lab.dir() / name;
  fs::create_directories(dir_);
  socket_ = dir_ / "control.sock";
  keylog_ = dir_ / "ikev2_decryption_table";
  keylog_ikev1_ = dir_ / "ikev1_decryption_table";
  write_file(dir_ / "asa.cfg", config);
  Argv argv{binary_,   "engine",           "--config",   (dir_ / "asa.cfg").string(),
            "--control", socket_.string(), "--keylog",   keylog_.string(),
            "--keylog-ikev1", keylog_ikev1_.string(), "--log-format", "asa"};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  process_ = lab.spawn(side, name + "/ikeshift", argv);
  bool up = wait_until([this] { return fs::exists(socket_) || !process_->running(); }, milliseconds(10000));
  if (!up || !fs::exists(socket_))
    throw std::runtime_error("ikeshift engine did not open its control socket " + socket_.string() +
                             " (exit " + std::to_string(process_->exit_code().value_or(-1)) + "):\n" + log());
}

IkeshiftDaemon::~IkeshiftDaemon() {
  if (process_) process_->stop(milliseconds(5000));
}

RunResult IkeshiftDaemon::show(const Argv& what) const {
  // The control socket is a file-system path, so `show` needs no namespace.
  Argv argv{binary_, "engine", "show", "--control", socket_.string()};
  argv.insert(argv.end(), what.begin(), what.end());
  return run(argv, milliseconds(10000));
}

RunResult IkeshiftDaemon::ctl(const Argv& command) const {
  Argv argv{binary_, "engine", "ctl", "--control", socket_.string()};
  argv.insert(argv.end(), command.begin(), command.end());
  return run(argv, milliseconds(10000));
}

bool IkeshiftDaemon::wait_show(const std::string& word, milliseconds timeout, std::string* last,
                               const std::string& view) const {
  std::string out;
  bool found = wait_until(
      [&] {
        out = show({view}).output;
        return out.find(word) != std::string::npos;
      },
      timeout, milliseconds(100));
  if (last) *last = out;
  return found;
}

bool IkeshiftDaemon::wait_log(const std::string& text, milliseconds timeout) const {
  return wait_until([&] { return log().find(text) != std::string::npos; }, timeout, milliseconds(100));
}

std::string IkeshiftDaemon::log() const {
  return read_file(dir_ / "ikeshift.stdout") + read_file(dir_ / "ikeshift.stderr");
}

}  // namespace ikeshift::interop
