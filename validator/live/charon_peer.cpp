#include "live/charon_peer.h"

#include <sstream>
#include <stdexcept>

#include "live/charon_launch.h"
#include "live/lab_files.h"
#include "live/netns.h"
#include "live/swanctl_raw.h"

namespace ikeshift::live {

namespace fs = std::filesystem;

namespace {

std::string hex_spi(const std::string& s) { return s.empty() ? "0x0" : "0x" + s; }

}  // namespace

std::string CharonPeer::missing_prerequisites() {
  std::string missing = missing_charon_pieces();
  return missing.empty() ? missing : "--peer-impl strongswan needs:" + missing;
}

CharonPeer::CharonPeer(const std::string& ns, const fs::path& dir, const std::string& swanctl_conf) : dir_(dir) {
  if (std::string m = missing_prerequisites(); !m.empty()) throw std::runtime_error(m);
  fs::create_directories(dir_ / "run");
  std::ostringstream conf;
  conf << "charon {\n  load = " << kCharonPlugins << "\n  install_routes = yes\n"
       << "  retransmit_timeout = 1.0\n  retransmit_base = 1.8\n  retransmit_tries = 3\n"
       << "  plugins {\n    vici {\n      socket = unix://" << (dir_ / "charon.vici").string() << "\n    }\n  }\n"
       << "  filelog {\n    main {\n      path = " << (dir_ / "charon.log").string()
       << "\n      time_format = %H:%M:%S\n      time_add_ms = yes\n      append = no\n      flush_line = yes\n"
       << "      default = 1\n      ike = 2\n      cfg = 2\n    }\n  }\n}\n";
  write_private(dir_ / "strongswan.conf", conf.str());
  write_private(dir_ / "swanctl.conf", swanctl_conf);
  process_ = std::make_unique<Process>(
      in_namespace(ns, charon_with_private_run(dir_ / "run")),
      dir_ / "charon.stdout", dir_ / "charon.stderr", std::vector<std::string>{"STRONGSWAN_CONF=" + (dir_ / "strongswan.conf").string()});
  bool up = wait_until([this] { return fs::exists(dir_ / "charon.vici") || !process_->running(); },
                       milliseconds(15000), milliseconds(10));
  if (!up || !process_->running()) throw std::runtime_error("charon did not start:\n" + log());
  bool ok = false;
  std::string out = swanctl({"--load-all", "--file", (dir_ / "swanctl.conf").string()}, ok);
  if (!ok || out.find("loaded connection") == std::string::npos) {
    throw std::runtime_error("strongSwan refused the generated swanctl.conf:\n" + out);
  }
}

CharonPeer::~CharonPeer() {
  if (process_) process_->stop(milliseconds(5000));
}

std::string CharonPeer::swanctl(const Argv& args, bool& ok) const {
  // The command comes first, then its options (swanctl --load-all --uri ...).
  Argv argv{"swanctl", args.at(0), "--uri", "unix://" + (dir_ / "charon.vici").string()};
  argv.insert(argv.end(), args.begin() + 1, args.end());
  RunResult r = run(argv, milliseconds(15000));
  ok = r.ok();
  return r.output;
}

std::string CharonPeer::log() const { return read_all(dir_ / "charon.log") + read_all(dir_ / "charon.stderr"); }

YAML::Node CharonPeer::status(std::string& why) const {
  bool ok = false;
  std::string raw = swanctl({"--list-sas", "--raw"}, ok);
  if (!ok) {
    why = "swanctl --list-sas failed: " + raw;
    return YAML::Node();
  }
  return charon_sas_as_status(raw);
}

YAML::Node charon_sas_as_status(const std::string& raw) {
  YAML::Node status(YAML::NodeType::Map);
  status["entries"] = YAML::Node(YAML::NodeType::Sequence);
  status["ike_sas"] = YAML::Node(YAML::NodeType::Sequence);
  const SwanctlRaw root = parse_swanctl_raw(raw);
  for (const SwanctlRaw& event : root.sections) {
    for (const SwanctlRaw& ike : event.sections) {
      YAML::Node sa(YAML::NodeType::Map);
      sa["ike_version"] = ike.get("version").empty() ? 2 : std::stoi(ike.get("version"));
      sa["id"] = ike.get("uniqueid");
      sa["connection"] = ike.name;
      sa["map"] = "";
      sa["sequence"] = 0;
      sa["status"] = ike.get("state") == "ESTABLISHED" ? "up" : "negotiating";
      sa["initiator"] = ike.get("initiator") == "yes";
      sa["local"] = ike.get("local-host");
      sa["remote"] = ike.get("remote-host");
      std::string algs = ike.get("encr-alg") + (ike.get("encr-keysize").empty() ? "" : "-" + ike.get("encr-keysize"));
      for (const char* k : {"integ-alg", "prf-alg", "dh-group"})
        if (!ike.get(k).empty()) algs += "/" + ike.get(k);
      sa["algorithms"] = algs;
      const bool initiator = ike.get("initiator") == "yes";
      sa["local_spi"] = hex_spi(initiator ? ike.get("initiator-spi") : ike.get("responder-spi"));
      sa["remote_spi"] = hex_spi(initiator ? ike.get("responder-spi") : ike.get("initiator-spi"));
      sa["children"] = YAML::Node(YAML::NodeType::Sequence);
      if (const SwanctlRaw* children = ike.section("child-sas")) {
        for (const SwanctlRaw& c : children->sections) {
          if (c.get("state") != "INSTALLED") continue;
          YAML::Node child(YAML::NodeType::Map);
          child["spi_in"] = hex_spi(c.get("spi-in"));
          child["spi_out"] = hex_spi(c.get("spi-out"));
          child["local"] = c.get("local-ts");
          child["remote"] = c.get("remote-ts");
          std::string calgs = c.get("encr-alg") + (c.get("encr-keysize").empty() ? "" : "-" + c.get("encr-keysize"));
          if (!c.get("integ-alg").empty()) calgs += "/" + c.get("integ-alg");
          child["algorithms"] = calgs;
          child["packets_out"] = c.get("packets-out").empty() ? "0" : c.get("packets-out");
          child["packets_in"] = c.get("packets-in").empty() ? "0" : c.get("packets-in");
          sa["children"].push_back(child);
        }
      }
      status["ike_sas"].push_back(sa);
    }
  }
  return status;
}

}  // namespace ikeshift::live
