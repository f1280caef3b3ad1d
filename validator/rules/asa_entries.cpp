// ASA statements that are wrong on their own: a crypto map setting written
// twice (two tunnels pasted under one sequence number), a cookie-challenge
// threshold that can never fire before the negotiation limit, masked keys in a
// configuration meant for deployment, lines the reader does not understand,
// and (off by default) the IKEv2 DoS hardening seed 004 recommends.
#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

void duplicate_sequence(const ConfigSubject& s, Emitter& out) {
  for (const asa::CryptoMapEntry& e : s.asa->config.crypto_map_entries) {
    const std::string label = std::string(e.dynamic_map ? "crypto dynamic-map " : "crypto map ") +
                              e.map + " " + std::to_string(e.sequence);
    for (const asa::RepeatedSetting& r : e.repeated) {
      out.report(label + " has `" + r.setting + "` twice (lines " + std::to_string(r.first.line) +
                     " and " + std::to_string(r.second.line) + "): the ASA keeps only the later " +
                     (r.same_value ? "one (the same value, written twice)"
                                   : "value, so two tunnels share sequence number " +
                                         std::to_string(e.sequence) + " and the first is lost"),
                 r.same_value ? "remove the repeated line"
                              : "give each tunnel its own sequence number (`crypto map " + e.map +
                                    " N ...` with a free N)",
                 at(s, r.second), {at(s, r.first, "the line it replaces")});
    }
  }
}

void cookie_threshold(const ConfigSubject& s, Emitter& out) {
  const asa::Ikev2Globals& g = s.asa->config.ikev2;
  if (!g.cookie_challenge || !g.max_in_negotiation_sa) return;
  if (*g.cookie_challenge < *g.max_in_negotiation_sa) return;
  out.report("crypto ikev2 cookie-challenge " + std::to_string(*g.cookie_challenge) +
                 " is at or above limit max-in-negotiation-sa " +
                 std::to_string(*g.max_in_negotiation_sa) +
                 ": new SAs are refused by the limit before the cookie challenge starts",
             "set the cookie-challenge threshold below max-in-negotiation-sa (e.g. "
             "`crypto ikev2 cookie-challenge " +
                 std::to_string(*g.max_in_negotiation_sa > 1 ? *g.max_in_negotiation_sa / 2 : 1) +
                 "`)",
             at(s, g.cookie_challenge_span), {at(s, g.limit_span, "the negotiation limit")});
}

void masked_key(const ConfigSubject& s, Emitter& out) {
  for (const asa::TunnelGroup& g : s.asa->config.tunnel_groups) {
    const std::pair<const std::optional<asa::PresharedKey>*, const char*> keys[] = {
        {&g.ikev1_psk, "ikev1 pre-shared-key"},
        {&g.ikev2_local_psk, "ikev2 local-authentication pre-shared-key"},
        {&g.ikev2_remote_psk, "ikev2 remote-authentication pre-shared-key"}};
    for (const auto& [key, what] : keys) {
      if (!*key || (*key)->form != asa::PresharedKey::Form::Masked) continue;
      out.report(std::string("the ") + what + " of tunnel-group " + g.name +
                     " is masked (*****): deployed as it is, the key becomes the five characters "
                     "'*****' and the peer's authentication fails",
                 "take the configuration from `more system:running-config` (which shows the "
                 "keys), or type the real key in before deploying",
                 at(s, (*key)->span));
    }
  }
}

void dos_hardening(const ConfigSubject& s, Emitter& out) {
  const asa::AsaConfig& c = s.asa->config;
  const asa::IkeEnable* v2 = nullptr;
  for (const asa::IkeEnable& e : c.ike_enables)
    if (e.version == 2 && v2 == nullptr) v2 = &e;
  if (v2 == nullptr) return;
  if (!c.ikev2.cookie_challenge) {
    out.report("IKEv2 is enabled but `crypto ikev2 cookie-challenge` is not set: half-open "
                   "IKE_SA_INIT floods are not throttled",
               "add `crypto ikev2 cookie-challenge 50` and `crypto ikev2 limit "
               "max-in-negotiation-sa 100`",
               at(s, v2->interface.span));
  }
  if (!c.ikev2.max_in_negotiation_sa) {
    out.report("IKEv2 is enabled but `crypto ikev2 limit max-in-negotiation-sa` is not set",
               "add `crypto ikev2 limit max-in-negotiation-sa 100` (above the cookie threshold)",
               at(s, v2->interface.span));
  }
}

}  // namespace

std::vector<ConfigRule> asa_entry_rules() {
  const Severity E = Severity::Error;
  const Severity W = Severity::Warning;
  const Severity I = Severity::Info;
  return {
      {{"duplicate-sequence-number", "references", E, Scope::Config, "ASA",
        "a crypto map setting is written twice for one sequence number",
        "The ASA merges every `crypto map M N` line into one entry and keeps the last value of "
        "each setting: two tunnels pasted with the same sequence number become one tunnel with "
        "the second's peer or ACL, and the first is lost without a word.",
        "Give each tunnel its own sequence number."},
       duplicate_sequence},
      {{"cookie-challenge-threshold", "limits", W, Scope::Config, "ASA",
        "the IKEv2 cookie-challenge threshold is at or above max-in-negotiation-sa",
        "Cookies only help if they start before the negotiation limit refuses new SAs; seed "
        "004 recommends a threshold below the limit.",
        "Lower `crypto ikev2 cookie-challenge` below `crypto ikev2 limit max-in-negotiation-sa`."},
       cookie_threshold},
      {{"masked-key", "keys", E, Scope::Config, "ASA",
        "a pre-shared key is masked (*****), as `show running-config` prints it",
        "A configuration meant for deployment must carry the real keys: pasted as it is, the "
        "key becomes '*****' and the tunnel fails authentication.",
        "Export with `more system:running-config`, or enter the keys by hand."},
       masked_key},
      {{"ikev2-dos-hardening", "limits", I, Scope::Config, "ASA",
        "IKEv2 is enabled without cookie-challenge and max-in-negotiation-sa (off by default)",
        "Seed 004 recommends `crypto ikev2 cookie-challenge` and `crypto ikev2 limit "
        "max-in-negotiation-sa` so that IKE_SA_INIT floods are throttled; enable this rule "
        "where the hardening is policy.",
        "Add both commands, the threshold below the limit.",
        false},
       dos_hardening},
  };
}

}  // namespace ikeshift::validator
