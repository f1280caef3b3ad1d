// Why a tunnel did not come up, in plain words and with the configuration
// lines behind it: the engines say what failed (the tunnel manager's attempt
// outcomes: authentication failed, no proposal chosen, traffic selectors
// unacceptable, no response), and the validator's pair rules say where in
// the two files the cause is (keys not mirrored, no common proposal, ACLs not
// mirror images, a peer address that is not the other side).
#pragma once

#include <string>
#include <vector>

#include "common/finding.h"
#include "model/intent.h"
#include "validator/finding.h"

namespace ikeshift::live {

struct Attempt {
  std::string device;  // whose tunnel manager tried ("" when it goes without saying)
  int ike_version = 0;
  bool established = false;
  std::string failure;  // manager::to_string(FailureKind): "authentication failed", ...
  std::string detail;
};

struct Explanation {
  std::string reason;                   // what failed, in words, with each version's detail
  std::vector<std::string> because;     // the pair rules' messages that explain it
  std::vector<FindingLocation> causes;  // their lines in both files
};

// `attempts`: what this side's tunnel manager tried (or, when this side only
// answered, what its peer tried). `pair_findings`: the validator's pair rules
// over this device and its peer. `tunnel`/`file`: the entry, for the fallback
// cause (its own lines) when no pair rule names a line.
Explanation explain_failure(const std::vector<Attempt>& attempts,
                            const std::vector<validator::RuleFinding>& pair_findings, const model::Tunnel& tunnel,
                            const std::string& file);

}  // namespace ikeshift::live
