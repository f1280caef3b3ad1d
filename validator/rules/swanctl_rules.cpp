// strongSwan swanctl.conf rules: what charon does with a configuration that
// looks fine line by line. A secret without ids is used for every peer; a
// connection whose children all keep start_action = none (the default) never
// comes up from this side.
#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

void wildcard_psk(const ConfigSubject& s, Emitter& out) {
  const swanctl::Section* secrets = s.swanctl->config.root.section("secrets");
  if (secrets == nullptr) return;
  for (const swanctl::Section& e : secrets->sections) {
    if (e.name.rfind("ike", 0) != 0 || e.setting("secret") == nullptr) continue;
    bool has_id = false;
    for (const swanctl::Setting& st : e.settings) has_id = has_id || st.key.rfind("id", 0) == 0;
    if (has_id) continue;
    out.report("secrets." + e.name + " has no id: charon uses this key for every peer and connection that "
                                       "has no better-matching secret",
               "bind it with `id-1 = <own id>` and `id-2 = <peer id>` (the peer's address for a site-to-site tunnel)",
               at(s, e.span));
  }
}

void never_initiates(const ConfigSubject& s, Emitter& out) {
  for (const model::Tunnel& t : s.intent->tunnels) {
    if (t.connection_type != "answer-only") continue;
    out.report(tunnel_label(s, t) + " never initiates: its children have start_action = none (the default), so "
                                    "traffic from this side is dropped until the peer brings the tunnel up",
               "set `start_action = trap` (on traffic, like the ASA) or `start` (at load)", at(s, t.span));
  }
}

}  // namespace

std::vector<ConfigRule> swanctl_rule_list() {
  return {
      {{"swanctl-wildcard-psk", "keys", Severity::Warning, Scope::Config, "swanctl",
        "a secrets.ike section without ids (a key for any peer)",
        "charon matches pre-shared keys by the IDs of both ends; a secret with no id matches every peer, so "
        "one leaked key opens every connection that lacks a more specific secret.",
        "Give every IKE secret the ids of the two ends it is for."},
       wildcard_psk},
      {{"swanctl-never-initiates", "completeness", Severity::Info, Scope::Config, "swanctl",
        "a connection whose children never initiate (start_action none)",
        "With start_action = none charon only answers; if the peer is also answer-only (ASA originate-only "
        "on the other side, or a second strongSwan), the tunnel never comes up.",
        "Use start_action = trap, or make sure the peer initiates."},
       never_initiates},
  };
}

}  // namespace ikeshift::validator
