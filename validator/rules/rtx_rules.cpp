// Yamaha RTX rules: settings that switch IPsec off or leave a policy unused.
// The rest (tunnels not enabled, undefined gateways and policies, assumed
// algorithm defaults) comes from the RTX intent derivation through the
// model-derivation rule.
#include <set>

#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

void ipsec_use_off(const ConfigSubject& s, Emitter& out) {
  const rtx::RtxConfig& c = s.rtx->config;
  if (!c.ipsec_use_off || c.tunnels.empty()) return;
  // The line itself: the last `ipsec use` (the one in effect).
  for (size_t i = s.source->line_count(); i-- > 0;) {
    const std::string_view l = s.source->line(i);
    if (l.find("ipsec use") == std::string_view::npos) continue;
    out.report("`ipsec use off` switches IPsec off on the whole router: none of its " + std::to_string(c.tunnels.size()) +
                   " IPsec tunnel(s) negotiates",
               "write `ipsec use on` (the default) or remove the line",
               at(s, text::SourceSpan::whole_line(static_cast<uint32_t>(i), static_cast<uint32_t>(l.size()))));
    return;
  }
}

void unused_sa_policy(const ConfigSubject& s, Emitter& out) {
  const rtx::RtxConfig& c = s.rtx->config;
  std::set<std::string> used;
  for (const rtx::TunnelIf& t : c.tunnels)
    if (t.ipsec_policy) used.insert(t.ipsec_policy->text);
  for (const rtx::SaPolicy& p : c.sa_policies) {
    if (used.count(std::to_string(p.id))) continue;
    out.report("ipsec sa policy " + std::to_string(p.id) + " is used by no `tunnel select` (no `ipsec tunnel " +
                   std::to_string(p.id) + "`)",
               "add `ipsec tunnel " + std::to_string(p.id) + "` under the tunnel it is meant for, or remove it",
               at(s, p.span));
  }
}

}  // namespace

std::vector<ConfigRule> rtx_rule_list() {
  return {
      {{"rtx-ipsec-use-off", "completeness", Severity::Error, Scope::Config, "RTX",
        "`ipsec use off` with IPsec tunnels configured",
        "`ipsec use off` disables the IPsec function of the router: every `tunnel select` with an `ipsec "
        "tunnel` stays down, however complete its settings are.",
        "Remove `ipsec use off` (IPsec is on by default)."},
       ipsec_use_off},
      {{"rtx-unused-sa-policy", "references", Severity::Warning, Scope::Config, "RTX",
        "an `ipsec sa policy` no tunnel uses",
        "A policy no `ipsec tunnel` names protects nothing; often the tunnel names another policy id by a "
        "typo, and the intended algorithms are not the ones negotiated.",
        "Point the tunnel's `ipsec tunnel` at the policy, or remove the policy."},
       unused_sa_policy},
  };
}

}  // namespace ikeshift::validator
