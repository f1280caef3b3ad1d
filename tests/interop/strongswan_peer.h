// strongSwan's charon as the reference peer of an interop test, started in a
// lab namespace exactly as ../shared/tools/strongswan-pair.sh does it (see
// ../shared/notes/strongswan-peer.md):
//   ip netns exec NS unshare -m --propagation private /bin/sh -c
//       'mount --bind "$1" /run && exec "$2"' - RUNDIR /usr/lib/ipsec/charon
// with STRONGSWAN_CONF pointing at its own strongswan.conf (kernel-libipsec
// loaded before kernel-netlink, its own vici socket) and driven by swanctl
// through that socket.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "live/charon_launch.h"
#include "netns_lab.h"

namespace ikeshift::interop {

// One `secrets { ike-N { id-1 = .. id-2 = .. secret = .. } }` entry.
struct PskSecret {
  std::vector<std::string> ids;
  std::string secret;
};

// The one connection "s2s" with its one child "net" (names as in the pair script).
struct CharonConfig {
  int version = 2;
  std::string local_addr, remote_addr;
  std::string local_id, remote_id;  // empty: the addresses (IPv4 IDs, like the ASA's)
  std::string proposals = "aes256-sha256-modp2048";
  std::string esp_proposals = "aes256-sha256-modp2048";
  std::string local_ts, remote_ts;
  bool encap = false;          // force UDP encapsulation (fake NAT)
  bool aggressive = false;     // IKEv1 Aggressive Mode
  // IKEv1: charon keeps a CHILD_SA it rekeyed (state REKEYED) until its hard
  // lifetime unless charon.delete_rekeyed is set; then it sends a Delete.
  bool delete_rekeyed = false;
  std::string dpd_delay;       // e.g. "10s"; empty leaves strongSwan's default (off)
  std::string rekey_time = "86400s";
  std::vector<PskSecret> secrets;
  bool log_keys = true;        // save-keys plugin when present, else keymat in the log (ike=4)
  // A complete swanctl.conf (e.g. written by `ikeshift translate --to swanctl`)
  // used instead of the one built from the fields above; `connection` is the
  // connection --load-all must report as loaded.
  std::string swanctl_conf;
  std::string connection = "s2s";
};

struct CharonChildSa {
  std::string name, state;  // state e.g. INSTALLED, REKEYED
  std::string encr_alg, integ_alg, dh_group;
  std::string spi_in, spi_out;  // hex as swanctl prints them ("c8f01a8e"); spi_in is charon's
};
struct CharonIkeSa {
  std::string name, state;  // state e.g. CONNECTING, ESTABLISHED
  std::string encr_alg, integ_alg, prf_alg, dh_group;
  std::string spi_i, spi_r;  // initiator-spi / responder-spi, hex
  bool nat_remote = false, nat_fake = false;
  std::vector<CharonChildSa> children;
};
struct CharonSas {
  std::vector<CharonIkeSa> ike_sas;
  std::string raw;  // swanctl's output, for failure messages
  bool ike_established() const;
  bool child_installed() const;  // an ESTABLISHED IKE SA with an INSTALLED child
};

// Parses `swanctl --list-sas --raw` (nested `name {key=value ...}` sections).
CharonSas parse_list_sas_raw(const std::string& raw);

class StrongswanPeer {
 public:
  static constexpr const char* kCharon = live::kCharonBinary;
  // Empty when charon and swanctl are installed, else what is missing.
  static std::string missing_prerequisites();

  // Writes the configs into lab.dir()/<name>/, starts charon in the side's
  // namespace, waits for its vici socket and loads the connection; throws
  // std::runtime_error with charon's output when any step fails.
  StrongswanPeer(const NetnsLab& lab, Side side, std::string name, CharonConfig config);
  ~StrongswanPeer();
  StrongswanPeer(const StrongswanPeer&) = delete;
  StrongswanPeer& operator=(const StrongswanPeer&) = delete;

  // swanctl ARGS --uri unix://SOCKET
  RunResult swanctl(const Argv& args, milliseconds timeout = milliseconds(30000)) const;
  RunResult initiate(int timeout_seconds = 20) const;  // --initiate --ike s2s --child net
  RunResult terminate_ike(int timeout_seconds = 10) const;
  RunResult rekey_child() const;
  RunResult rekey_ike() const;
  CharonSas list_sas() const;
  // Polls --list-sas until `child_installed()` (or only `ike_established()`
  // when child is false); returns the last listing.
  CharonSas wait_established(milliseconds timeout, bool child = true) const;

  std::string log() const { return read_file(log_path_); }
  const std::filesystem::path& log_path() const { return log_path_; }
  const std::filesystem::path& dir() const { return dir_; }
  bool running() const { return process_ && process_->running(); }
  // SIGKILL: charon vanishes without a Delete (a dead peer for DPD); waits
  // until it has exited.
  void kill_hard();
  // The charon log and its stdout/stderr, for a failure message.
  std::string diagnostics() const;

 private:
  void write_configs();

  const NetnsLab& lab_;
  Side side_;
  std::string name_;
  CharonConfig config_;
  std::filesystem::path dir_, socket_, log_path_;
  std::unique_ptr<Process> process_;
};

}  // namespace ikeshift::interop
