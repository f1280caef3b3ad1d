#include "live/check_explain.h"

#include <algorithm>
#include <set>

namespace ikeshift::live {

namespace {

struct Kind {
  const char* failure;     // as the manager names it
  const char* words;       // for the report
  std::vector<const char*> rules;  // the pair rules that locate the cause
};

const std::vector<Kind>& kinds() {
  static const std::vector<Kind> k = {
      {"authentication failed",
       "the pre-shared keys do not match (each side's local key must be the other's remote key)",
       {"pair-psk-mirror", "pair-identity"}},
      {"no proposal chosen", "the two sides have no proposal in common",
       {"pair-ike-proposals", "pair-esp-proposals", "pair-pfs", "pair-no-common-ike-version", "pair-ikev2-one-sided"}},
      {"traffic selectors unacceptable",
       "the crypto ACLs are not mirror images (one side's source must be the other's destination)",
       {"pair-acl-mirror"}},
      {"no response (retransmissions exhausted)", "the peer never answered",
       {"pair-peer-address", "pair-no-tunnel", "pair-no-common-ike-version"}},
  };
  return k;
}

const Kind* kind_of(const std::string& failure) {
  for (const Kind& k : kinds())
    if (failure == k.failure) return &k;
  return nullptr;
}

void add(std::vector<FindingLocation>& out, std::set<std::pair<std::string, uint32_t>>& seen, const std::string& file,
         const text::SourceSpan& span) {
  if (seen.insert({file, span.line}).second) out.push_back(FindingLocation{file, span});
}

}  // namespace

Explanation explain_failure(const std::vector<Attempt>& attempts,
                            const std::vector<validator::RuleFinding>& pair_findings, const model::Tunnel& tunnel,
                            const std::string& file) {
  Explanation x;
  // One sentence per kind of failure, with every version that failed so.
  std::vector<std::pair<std::string, std::string>> by_kind;  // words -> "IKEv2: detail; IKEv1: detail"
  std::set<std::string> rules;
  for (const Attempt& a : attempts) {
    if (a.established) continue;
    const Kind* k = kind_of(a.failure);
    const std::string words = k ? k->words : a.failure;
    if (k) rules.insert(k->rules.begin(), k->rules.end());
    std::string part = (a.device.empty() ? "" : a.device + " ") + "IKEv" + std::to_string(a.ike_version) +
                       (a.detail.empty() ? "" : ": " + a.detail);
    auto it = std::find_if(by_kind.begin(), by_kind.end(), [&](const auto& p) { return p.first == words; });
    if (it == by_kind.end()) {
      by_kind.push_back({words, part});
    } else if (it->second.find(part) == std::string::npos) {
      it->second += "; " + part;
    }
  }
  for (const auto& [words, parts] : by_kind) x.reason += (x.reason.empty() ? "" : "; ") + words + " (" + parts + ")";
  if (x.reason.empty()) {
    x.reason = "no IKE attempt finished (no KEY_ACQUIRE reached the tunnel manager, or it is still negotiating)";
  }
  std::set<std::pair<std::string, uint32_t>> seen;
  for (const validator::RuleFinding& f : pair_findings) {
    if (f.severity != Severity::Error && f.severity != Severity::Warning) continue;
    if (!rules.empty() && !rules.count(f.rule)) continue;
    if (rules.empty() && f.severity != Severity::Error) continue;
    const std::string line = f.message + " [" + f.rule + "]";
    if (std::find(x.because.begin(), x.because.end(), line) == x.because.end()) x.because.push_back(line);
    add(x.causes, seen, f.where.file, f.where.span);
    for (const validator::Location& r : f.related) add(x.causes, seen, r.file, r.span);
  }
  if (x.causes.empty()) {
    // No pair rule points anywhere: at least the entry itself and its keys.
    add(x.causes, seen, file, tunnel.span);
    if (rules.count("pair-psk-mirror")) {
      for (const text::SourceSpan& s : {tunnel.spans.ikev2_local_psk, tunnel.spans.ikev2_remote_psk, tunnel.spans.ikev1_psk})
        if (s.valid()) add(x.causes, seen, file, s);
    }
  }
  return x;
}

}  // namespace ikeshift::live
