// One `ikeshift engine` daemon of the lab, started inside its device's
// namespace with the data plane, a private control socket, JSON events on
// stdout (for this program) and the key logs; asked for `show status` over
// the control socket, read back with yaml-cpp.
#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "live/process.h"

namespace ikeshift::live {

struct DaemonFiles {
  std::filesystem::path dir;  // private to this daemon
  std::filesystem::path control() const { return dir / "control.sock"; }
  std::filesystem::path events() const { return dir / "events.jsonl"; }
  std::filesystem::path stderr_log() const { return dir / "stderr.log"; }
  std::filesystem::path keylog_v2() const { return dir / "ikev2_decryption_table"; }
  std::filesystem::path keylog_v1() const { return dir / "ikev1_decryption_table"; }
  std::filesystem::path keylog_esp() const { return dir / "esp_sa"; }
};

class EngineDaemon {
 public:
  // Starts `binary engine --config CONFIG --data-plane ...` in `ns`; throws
  // std::runtime_error when it cannot be started.
  EngineDaemon(std::string binary, const std::string& ns, const std::filesystem::path& config, DaemonFiles files,
               std::vector<std::string> extra_args = {});
  ~EngineDaemon();
  EngineDaemon(const EngineDaemon&) = delete;
  EngineDaemon& operator=(const EngineDaemon&) = delete;

  // Until the control socket answers; false (with why) when the daemon died or
  // did not answer in time.
  bool wait_ready(milliseconds timeout, std::string& why);
  // `show status` as a YAML node (a null node with why on failure).
  YAML::Node status(std::string& why) const;
  // One node per JSON event line written so far.
  std::vector<YAML::Node> events() const;
  std::string stderr_text() const;
  bool running() { return process_->running(); }
  // SIGTERM and wait (the daemon removes its routes, TUN and socket).
  void stop();
  const DaemonFiles& files() const { return files_; }

 private:
  DaemonFiles files_;
  std::unique_ptr<Process> process_;
};

}  // namespace ikeshift::live
