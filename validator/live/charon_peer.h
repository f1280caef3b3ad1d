// `ikeshift check --peer-impl strongswan`: strongSwan's charon as the second
// device, in its namespace, driven by the swanctl.conf that ikeshift writes
// from that device's own model (translator/swanctl/). Its data path is
// kernel-libipsec (userspace, TUN ipsec0: this kernel has no ESP), which must
// load before kernel-netlink; charon's pid file is compiled in, so each
// instance runs in a private mount namespace with its own /run
// (../shared/notes/strongswan-peer.md).
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <memory>
#include <string>

#include "live/process.h"

namespace ikeshift::live {

class CharonPeer {
 public:
  // "" when charon, swanctl and kernel-libipsec are installed; else what is missing.
  static std::string missing_prerequisites();

  // Starts charon in `ns` with `dir` as its private directory and loads
  // `swanctl_conf`; throws std::runtime_error with charon's log on failure.
  CharonPeer(const std::string& ns, const std::filesystem::path& dir, const std::string& swanctl_conf);
  ~CharonPeer();
  CharonPeer(const CharonPeer&) = delete;
  CharonPeer& operator=(const CharonPeer&) = delete;

  // charon's SAs in the schema of `ikeshift engine show status`
  // (control/status_json.h), so the check reports them the same way. IKE SAs
  // are matched to crypto map entries by the caller (charon knows no maps).
  YAML::Node status(std::string& why) const;
  std::string log() const;

 private:
  std::string swanctl(const Argv& args, bool& ok) const;
  std::filesystem::path dir_;
  std::unique_ptr<Process> process_;
};

// `swanctl --list-sas --raw` -> {"ike_sas": [...]} (status_json.h field names;
// "map"/"sequence" left empty, "remote" is the peer address).
YAML::Node charon_sas_as_status(const std::string& raw);

}  // namespace ikeshift::live
