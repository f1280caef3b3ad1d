// `ikeshift engine` as a daemon in a lab namespace, driven only through its
// documented command line (issues 3 and 4):
//   ikeshift engine --config ASA.cfg [--interface-address IF=IP ...] [--control SOCKET]
//                   [--keylog FILE] [--keylog-ikev1 FILE] [--log-format asa|json]
//                   [--initiate all|MAP:SEQ ...]
//   ikeshift engine show --control SOCKET ikev2-sa [detail] | ikev1-sa [detail] | ipsec-sa | tunnel-manager
//   ikeshift engine ctl --control SOCKET clear ikev2-sa|ikev1-sa [ID] | rekey child SPI | initiate MAP SEQ
// The tests treat the binary as a black box, like the strongSwan peer.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "netns_lab.h"

namespace ikeshift::interop {

// The parts of an ASA configuration the lab varies. The text it renders is
// one crypto map entry towards one peer, like the seed configs.
struct AsaLabConfig {
  std::string hostname = "ASA-LAB";
  std::string outside_address = "192.0.2.1";
  std::string peer_address = "192.0.2.2";
  std::string local_net = "10.10.10.0";   // crypto ACL source, /24
  std::string remote_net = "10.20.20.0";  // crypto ACL destination, /24
  // crypto ikev2 policy 10
  std::string ike_encryption = "aes-256";
  std::string ike_integrity = "sha256";
  std::string ike_group = "14";
  std::string ike_prf = "sha256";
  // crypto ipsec ikev2 ipsec-proposal LAB
  std::string esp_encryption = "aes-256";
  std::string esp_integrity = "sha-256";
  std::string pfs_group = "group14";  // crypto map LAB 10 set pfs; empty: none
  // tunnel-group PEER ipsec-attributes: `isakmp keepalive KEEPALIVE`, e.g.
  // "threshold 10 retry 2"; empty: the ASA default (threshold 10 retry 2 too,
  // not written).
  std::string keepalive;
  // tunnel-group PEER ipsec-attributes
  std::string local_key = "lab-v2-shared-secret";
  std::string remote_key = "lab-v2-shared-secret";
  // `crypto map LAB 10 set nat-t-disable`: IKE stays on 500, ESP raw.
  bool nat_t_disable = false;
  // `crypto isakmp identity IDENTITY` (e.g. "hostname", "key-id X") and
  // `domain-name`; empty: not written (auto = the address).
  std::string identity;
  std::string domain_name;

  // A whole configuration to run instead of the one rendered from the fields
  // above (e.g. a seed fixture with the lab's addresses).
  std::string raw;

  // Which IKE versions the device runs: the IKEv2 lines above (the default),
  // and/or IKEv1 (`crypto ikev1 policy 10`, transform-set LABV1, ikev1 key),
  // as a device before or after `migrate l2l`.
  bool ikev2 = true;
  bool ikev1 = false;
  std::string ikev1_encryption = "3des";  // crypto ikev1 policy 10
  std::string ikev1_hash = "sha";
  std::string ikev1_group = "5";
  std::string ikev1_lifetime = "86400";
  std::string transform_set = "esp-3des esp-sha-hmac";  // crypto ipsec ikev1 transform-set LABV1
  std::string ikev1_key = "lab-v1-shared-secret";
  bool aggressive = false;  // crypto map LAB 10 set ikev1 phase1-mode aggressive

  std::string render() const;
};

class IkeshiftDaemon {
 public:
  // Empty when IKESHIFT_BINARY has an `engine` subcommand, else the reason.
  static std::string missing(const std::string& binary);

  // Writes the config to lab.dir()/<name>/asa.cfg and starts
  //   BINARY engine --config F --control S --keylog K --log-format asa [extra...]
  // in the side's namespace; waits for the control socket (throws
  // std::runtime_error with the daemon's output if it does not appear).
  IkeshiftDaemon(const NetnsLab& lab, Side side, std::string name, std::string binary,
                 const AsaLabConfig& config, const Argv& extra_args = {});
  // The same with a configuration text as it is (e.g. a fixture after
  // `ikeshift migrate l2l`).
  IkeshiftDaemon(const NetnsLab& lab, Side side, std::string name, std::string binary, const std::string& config,
                 const Argv& extra_args = {});
  ~IkeshiftDaemon();
  IkeshiftDaemon(const IkeshiftDaemon&) = delete;
  IkeshiftDaemon& operator=(const IkeshiftDaemon&) = delete;

  // BINARY engine show --control S WHAT...
  RunResult show(const Argv& what) const;
  // BINARY engine ctl --control S COMMAND... (clear ikev2-sa, rekey child SPI, ...)
  RunResult ctl(const Argv& command) const;
  // Polls `show VIEW` (ikev2-sa, ikev1-sa, ...) until it contains `word` (e.g. READY).
  bool wait_show(const std::string& word, milliseconds timeout, std::string* last = nullptr,
                 const std::string& view = "ikev2-sa") const;
  // Polls the daemon's log until it contains `text`.
  bool wait_log(const std::string& text, milliseconds timeout) const;

  std::string log() const;  // stdout + stderr (ASA syslog lines)
  const std::filesystem::path& dir() const { return dir_; }
  const std::filesystem::path& keylog() const { return keylog_; }
  const std::filesystem::path& keylog_ikev1() const { return keylog_ikev1_; }
  bool running() const { return process_ && process_->running(); }

 private:
  std::string binary_;
  std::filesystem::path dir_, socket_, keylog_, keylog_ikev1_;
  std::unique_ptr<Process> process_;
};

}  // namespace ikeshift::interop
