// From what the lab observed to the report: per crypto map entry, the engine
// daemon's `show status` (entries, attempts, SAs, counters) and JSON events
// (the 752xxx lines), the probes' outcomes and the validator's pair findings
// become one EntryResult. Pure: unit-testable with canned observations.
#pragma once

#include <yaml-cpp/yaml.h>

#include <vector>

#include "live/check_explain.h"
#include "live/check_report.h"
#include "live/lab_plan.h"

namespace ikeshift::live {

struct DeviceObservation {
  YAML::Node status;               // `show status` after the traffic (null: not reachable)
  std::vector<YAML::Node> events;  // the daemon's JSON events
  std::string problem;             // why the daemon could not be asked, if so
};

// `pair_findings[d]`: the validator's pair findings over device d and its
// peer for `pair` (empty when not computed).
EntryResult collect_entry(const LabPlan& plan, const LabTunnelPair& pair, const std::vector<DeviceObservation>& seen,
                          const std::vector<ProbeResult>& probes,
                          const std::vector<validator::RuleFinding>& pair_findings);

// The 752xxx lines (their ASA text) of crypto map entry map/sequence, in order.
std::vector<std::string> manager_lines(const std::vector<YAML::Node>& events, const std::string& map,
                                       uint32_t sequence);

// The attempt outcomes the tunnel manager kept for an entry.
std::vector<Attempt> attempts_of(const YAML::Node& status, const std::string& map, uint32_t sequence);

}  // namespace ikeshift::live
