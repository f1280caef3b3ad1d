// `ikeshift check`: the lab built from the configurations themselves, one
// engine daemon per device, traffic through every crypto map entry in both
// directions, and what came up (check_report.h). Everything it creates --
// namespaces, links, processes, files -- is gone when run_check returns,
// also on failure and on Ctrl-C.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "live/check_report.h"

namespace ikeshift::live {

struct CheckOptions {
  std::vector<std::string> files;  // two or more configurations
  std::string scenario;            // "" or "fallback" (IKEv2 proposal removed on the first device)
  std::string pcap;                // capture of the first device's outside link ("" = none)
  std::string keylog;              // IKE keys for that capture ("" = none)
  std::string logs_dir;            // each engine's ASA-style log ("" = none)
  std::string ikeshift_binary;     // the engine to run ("" = this program)
  // "ikeshift" (default), or "strongswan": the second configuration runs in
  // strongSwan's charon, from the swanctl.conf ikeshift writes from its model.
  std::string peer_impl = "ikeshift";
  std::chrono::milliseconds timeout{15000};  // per crypto map entry and direction
  std::function<bool()> interrupted;          // Ctrl-C: stop at the next step
  std::function<void(const std::string&)> progress;  // one line per step, for stderr
};

CheckReport run_check(const CheckOptions& options);

}  // namespace ikeshift::live
