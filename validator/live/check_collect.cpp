#include "live/check_collect.h"

#include <optional>

#include "common/ipv4.h"

namespace ikeshift::live {

namespace {

std::string str(const YAML::Node& n, const char* key) {
  return n[key] && n[key].IsScalar() ? n[key].as<std::string>() : std::string();
}

uint64_t hex_value(const std::string& s) {
  try {
    return s.empty() ? 0 : std::stoull(s, nullptr, 16);
  } catch (...) {
    return 0;
  }
}

bool is_entry(const YAML::Node& n, const std::string& map, uint32_t sequence) {
  return str(n, "map") == map && n["sequence"] && n["sequence"].as<uint32_t>() == sequence;
}

// "10.10.10.0-10.10.10.255/0/0-65535" as the ASA prints an ident: "10.10.10.0/255.255.255.0/0/0".
std::string asa_ident(const std::string& s) {
  size_t dash = s.find('-'), slash = s.find('/');
  if (dash == std::string::npos || slash == std::string::npos || dash > slash) return s;
  auto first = parse_ipv4(s.substr(0, dash)), last = parse_ipv4(s.substr(dash + 1, slash - dash - 1));
  if (!first || !last) return s;
  uint32_t mask = ~(*first ^ *last);
  std::string rest = s.substr(slash + 1);  // "PROTO/PORTS"
  std::string proto = rest.substr(0, rest.find('/'));
  std::string ports = rest.substr(rest.find('/') + 1);
  std::string port = ports == "0-65535" ? "0" : ports.substr(0, ports.find('-'));
  return format_ipv4(*first) + "/" + format_ipv4(mask) + "/" + proto + "/" + port;
}

}  // namespace

std::vector<std::string> manager_lines(const std::vector<YAML::Node>& events, const std::string& map,
                                       uint32_t sequence) {
  std::vector<std::pair<int, std::string>> lines;  // (ASA id, text)
  for (const YAML::Node& e : events) {
    if (!e["asa_id"] || e["asa_id"].IsNull()) continue;
    int id = e["asa_id"].as<int>();
    if (id < 752000 || id > 752999) continue;
    const YAML::Node f = e["fields"];
    if (str(f, "map_tag") != map || !f["map_sequence"] || f["map_sequence"].as<uint32_t>() != sequence) continue;
    lines.push_back({id, str(e, "text")});
  }
  // Every new packet retries a failed tunnel: the same sequence (up to its
  // 752002) again and again. Said once, with the count.
  std::vector<std::vector<std::string>> blocks(1);
  for (const auto& [id, text] : lines) {
    blocks.back().push_back(text);
    if (id == 752002) blocks.emplace_back();
  }
  if (blocks.back().empty()) blocks.pop_back();
  std::vector<std::string> out;
  for (size_t b = 0; b < blocks.size();) {
    size_t same = 1;
    while (b + same < blocks.size() && blocks[b + same] == blocks[b]) ++same;
    out.insert(out.end(), blocks[b].begin(), blocks[b].end());
    if (same > 1) out.push_back("(the same sequence " + std::to_string(same - 1) + " more time" + (same > 2 ? "s" : "") +
                                ": every new packet retries)");
    b += same;
  }
  return out;
}

std::vector<Attempt> attempts_of(const YAML::Node& status, const std::string& map, uint32_t sequence) {
  std::vector<Attempt> out;
  if (!status.IsMap() || !status["entries"]) return out;
  for (const YAML::Node& e : status["entries"]) {
    if (!is_entry(e, map, sequence)) continue;
    for (const YAML::Node& a : e["attempts"]) {
      out.push_back(Attempt{"", a["ike_version"].as<int>(), a["established"].as<bool>(), str(a, "failure"),
                            str(a, "detail")});
    }
  }
  return out;
}

EntryResult collect_entry(const LabPlan& plan, const LabTunnelPair& pair, const std::vector<DeviceObservation>& seen,
                          const std::vector<ProbeResult>& probes,
                          const std::vector<validator::RuleFinding>& pair_findings) {
  const LabDevice& dev = plan.devices[pair.device];
  const model::Tunnel& t = dev.intent.tunnels[pair.tunnel];
  EntryResult r;
  r.device = dev.intent.device.empty() ? dev.file : dev.intent.device;
  r.file = dev.file;
  r.map = t.map;
  r.sequence = t.sequence;
  r.span = t.span;
  r.peer = t.peers.empty() ? "" : format_ipv4(t.peers.front());
  if (pair.peer_device) {
    const model::Intent& p = plan.devices[*pair.peer_device].intent;
    r.peer_device = p.device.empty() ? plan.devices[*pair.peer_device].file : p.device;
  }
  r.probes = probes;
  if (!pair.peer_tunnel) {
    r.status = EntryStatus::NotTested;
    r.reason = pair.why_unpaired;
    return r;
  }
  const DeviceObservation& self = seen[pair.device];
  r.manager_log = manager_lines(self.events, t.map, t.sequence);
  if (!self.status.IsMap()) {
    r.status = EntryStatus::Down;
    r.reason = "the engine could not be asked what came up: " + self.problem;
    return r;
  }

  // The established SA of this entry (the newest one with CHILD/IPsec SAs).
  // (A default YAML::Node is a defined null, and assigning to a node that
  // refers to a document changes the document: hence the index.)
  const YAML::Node sas = self.status["ike_sas"];
  std::optional<size_t> up_index;
  for (size_t k = 0; k < sas.size(); ++k) {
    const YAML::Node sa = sas[k];
    if (is_entry(sa, t.map, t.sequence) && str(sa, "status") == "up" && sa["children"].size() > 0) up_index = k;
  }
  const bool up = up_index.has_value();
  if (up) {
    const YAML::Node sa = sas[*up_index];
    r.ike_version = sa["ike_version"].as<int>();
    r.ike_algorithms = str(sa, "algorithms");
    r.ike_spi_local = hex_value(str(sa, "local_spi"));
    r.ike_spi_remote = hex_value(str(sa, "remote_spi"));
    for (const YAML::Node& c : sa["children"]) {
      ChildSaResult child;
      child.spi_in = static_cast<uint32_t>(hex_value(str(c, "spi_in")));
      child.spi_out = static_cast<uint32_t>(hex_value(str(c, "spi_out")));
      child.local = asa_ident(str(c, "local"));
      child.remote = asa_ident(str(c, "remote"));
      if (c["packets_out"]) child.packets_out = c["packets_out"].as<uint64_t>();
      if (c["packets_in"]) child.packets_in = c["packets_in"].as<uint64_t>();
      if (r.esp_algorithms.empty()) r.esp_algorithms = str(c, "algorithms");
      r.children.push_back(child);
    }
  }
  // Time to up only where this side's tunnel manager set the tunnel up; on the
  // other side the first answer measures a round trip through it.
  for (const ProbeResult& p : probes) {
    if (r.manager_log.empty()) break;
    if (p.outcome.first_answer) {
      double ms = static_cast<double>(p.outcome.first_answer->count()) / 1000.0;
      if (!r.time_to_up_ms || ms < *r.time_to_up_ms) r.time_to_up_ms = ms;
    }
  }
  bool traffic_ok = true;
  for (const ProbeResult& p : probes) traffic_ok = traffic_ok && p.outcome.passed;

  if (up && traffic_ok) {
    r.status = EntryStatus::Up;
    if (probes.empty()) r.reason = "no test traffic could be sent for this entry (see the lab findings)";
    return r;
  }
  r.status = EntryStatus::Down;
  r.time_to_up_ms.reset();
  // What both tunnel managers tried for this tunnel: this side's, then the
  // peer's for the entry pointing back (a side that only answered tried nothing).
  std::vector<Attempt> attempts = attempts_of(self.status, t.map, t.sequence);
  for (Attempt& a : attempts) a.device = r.device;
  if (pair.peer_device) {
    const model::Tunnel& back = plan.devices[*pair.peer_device].intent.tunnels[*pair.peer_tunnel];
    for (Attempt& a : attempts_of(seen[*pair.peer_device].status, back.map, back.sequence)) {
      a.device = r.peer_device;
      attempts.push_back(a);
    }
  }
  Explanation x = explain_failure(attempts, pair_findings, t, dev.file);
  r.reason = x.reason;
  if (up) {
    // IKEv2 with mismatched keys: the side whose check passed holds an SA
    // its peer refused.
    r.reason = "an IKEv" + std::to_string(r.ike_version) + " SA is up on this side, but the traffic did not pass: " +
               r.reason;
  }
  r.because = x.because;
  r.causes = x.causes;
  return r;
}

}  // namespace ikeshift::live
