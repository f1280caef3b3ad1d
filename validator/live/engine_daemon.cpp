#include "live/engine_daemon.h"

#include <sstream>

#include "control/control_socket.h"
#include "live/lab_files.h"
#include "live/netns.h"

namespace ikeshift::live {

namespace fs = std::filesystem;

EngineDaemon::EngineDaemon(std::string binary, const std::string& ns, const fs::path& config, DaemonFiles files,
                           std::vector<std::string> extra_args)
    : files_(std::move(files)) {
  Argv argv{std::move(binary),
            "engine",
            "--config",
            config.string(),
            "--data-plane",
            "--control",
            files_.control().string(),
            "--log-format",
            "json",
            "--keylog",
            files_.keylog_v2().string(),
            "--keylog-ikev1",
            files_.keylog_v1().string(),
            "--keylog-esp",
            files_.keylog_esp().string()};
  argv.insert(argv.end(), extra_args.begin(), extra_args.end());
  process_ = std::make_unique<Process>(in_namespace(ns, argv), files_.events(), files_.stderr_log());
}

EngineDaemon::~EngineDaemon() { stop(); }

void EngineDaemon::stop() {
  if (process_) process_->stop(milliseconds(3000));
}

bool EngineDaemon::wait_ready(milliseconds timeout, std::string& why) {
  bool ready = wait_until(
      [&] {
        if (!process_->running()) return true;
        std::string ignored;
        return engine::control::control_request(files_.control().string(), "show status", ignored,
                                                milliseconds(200))
            .has_value();
      },
      timeout, milliseconds(5));
  if (!process_->running()) {
    why = "the engine exited (code " + std::to_string(process_->exit_code().value_or(-1)) + "): " + stderr_text();
    return false;
  }
  if (!ready) why = "the engine did not answer on its control socket within " +
                    std::to_string(timeout.count()) + " ms: " + stderr_text();
  return ready;
}

YAML::Node EngineDaemon::status(std::string& why) const {
  std::optional<std::string> text =
      engine::control::control_request(files_.control().string(), "show status", why, milliseconds(2000));
  if (!text) return YAML::Node();
  if (text->rfind("ERROR: ", 0) == 0) {
    why = text->substr(7);
    return YAML::Node();
  }
  try {
    return YAML::Load(*text);
  } catch (const YAML::Exception& e) {
    why = std::string("unreadable `show status`: ") + e.what();
    return YAML::Node();
  }
}

std::vector<YAML::Node> EngineDaemon::events() const {
  std::vector<YAML::Node> out;
  std::istringstream in(read_all(files_.events()));
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] != '{') continue;
    try {
      out.push_back(YAML::Load(line));
    } catch (const YAML::Exception&) {
      // A line cut off by a crash: the rest of the log still counts.
    }
  }
  return out;
}

std::string EngineDaemon::stderr_text() const { return read_all(files_.stderr_log()); }

}  // namespace ikeshift::live
