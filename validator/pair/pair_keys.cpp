// Authentication between the two ends: pre-shared keys mirrored (A's local =
// B's remote and the other way round; IKEv1: one shared key), compared in
// constant time and never printed; and IKE identity types that agree.
#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

// Keys taken from `show run` (masked) or stored encrypted cannot be compared.
bool comparable(const model::PskSet& k) { return !k.masked && !k.encrypted; }

void psk_mirror(const PairSubject& p, Emitter& out) {
  const std::string an = device_label(*p.a);
  const std::string bn = device_label(*p.b);
  for (const TunnelPair& tp : p.pairs) {
    const model::Tunnel& a = *tp.a;
    const model::Tunnel& b = *tp.b;
    if (!comparable(a.psk) || !comparable(b.psk)) continue;  // masked-key says why
    auto differ = [](const std::optional<Secret>& x, const std::optional<Secret>& y) {
      return x && y && !x->equals(*y);
    };
    if (a.ikev2 && b.ikev2) {
      if (differ(a.psk.ikev2_local, b.psk.ikev2_remote)) {
        out.report(an + "'s local key differs from " + bn + "'s remote key (tunnel-group " + a.tunnel_group +
                       " / " + b.tunnel_group + "): " + bn + " rejects " + an +
                       "'s IKE_AUTH (AUTHENTICATION_FAILED)",
                   "make " + bn + "'s ikev2 remote-authentication key equal to " + an +
                       "'s ikev2 local-authentication key (the keys are not shown; compare them "
                       "with `more system:running-config`)",
                   at(*p.a, first_valid({a.spans.ikev2_local_psk, a.span}), an + "'s local key"),
                   {at(*p.b, first_valid({b.spans.ikev2_remote_psk, b.span}), bn + "'s remote key")});
      }
      if (differ(a.psk.ikev2_remote, b.psk.ikev2_local)) {
        out.report(an + "'s remote key differs from " + bn + "'s local key (tunnel-group " + a.tunnel_group +
                       " / " + b.tunnel_group + "): " + an + " rejects " + bn +
                       "'s IKE_AUTH (AUTHENTICATION_FAILED)",
                   "make " + an + "'s ikev2 remote-authentication key equal to " + bn +
                       "'s ikev2 local-authentication key (the keys are not shown)",
                   at(*p.a, first_valid({a.spans.ikev2_remote_psk, a.span}), an + "'s remote key"),
                   {at(*p.b, first_valid({b.spans.ikev2_local_psk, b.span}), bn + "'s local key")});
      }
    }
    if (a.ikev1 && b.ikev1 && differ(a.psk.ikev1, b.psk.ikev1)) {
      out.report(an + "'s IKEv1 key differs from " + bn + "'s (tunnel-group " + a.tunnel_group + " / " +
                     b.tunnel_group + "): IKEv1 main mode fails (the key enters SKEYID, so it must be "
                     "the same on both ends)",
                 "give both tunnel-groups the same ikev1 pre-shared-key (the keys are not shown)",
                 at(*p.a, first_valid({a.spans.ikev1_psk, a.span}), an + "'s IKEv1 key"),
                 {at(*p.b, first_valid({b.spans.ikev1_psk, b.span}), bn + "'s IKEv1 key")});
    }
  }
}

std::string describe(const model::IkeIdentity& id, const model::Tunnel& t) {
  std::string out = model::identity_type_name(id.type);
  if (!id.value.empty()) out += " " + id.value;
  else if (id.type == model::IkeIdentity::Type::Address && t.local_address) out += " (its address)";
  return out;
}

void identity(const PairSubject& p, Emitter& out) {
  for (const TunnelPair& tp : p.pairs) {
    auto check = [&](const ConfigSubject& self, const model::Tunnel& t, const ConfigSubject& other,
                     const model::Tunnel& o) {
      const std::string sn = device_label(self);
      const std::string on = device_label(other);
      if (t.remote_identity) {
        // An explicit expectation: type and value must both match what the other sends.
        const model::IkeIdentity& want = *t.remote_identity;
        const model::IkeIdentity& sent = o.local_identity;
        const bool value_ok = want.value.empty() || sent.value.empty() || want.value == sent.value;
        if (want.type == sent.type && value_ok) return;
        out.report_as(Severity::Error,
                      sn + " expects " + on + " to authenticate as " + describe(want, o) + ", but " + on +
                          " sends " + describe(sent, o) + ": IKE_AUTH fails",
                      "make the identity " + on + " sends match what " + sn + " expects",
                      at(self, first_valid({want.span, t.span})),
                      {at(other, first_valid({sent.span, o.span}), on + "'s identity")});
        return;
      }
      if (&self == p.b) return;  // the symmetric check below runs once per pair
      if (t.local_identity.type == o.local_identity.type) return;
      out.report(sn + " sends an IKE identity of type " + describe(t.local_identity, t) + ", " + on +
                     " one of type " + describe(o.local_identity, o) +
                     ": peers that check the identity (IKEv2 peers matching on it, certificate "
                     "peers, strongSwan, IOS `match identity`) refuse a type they do not expect",
                 "use the same identity type on both ends (`crypto isakmp identity address` for "
                 "pre-shared keys is what both ASAs do by default)",
                 at(self, first_valid({t.local_identity.span, t.span})),
                 {at(other, first_valid({o.local_identity.span, o.span}), on + "'s identity")});
    };
    check(*p.a, *tp.a, *p.b, *tp.b);
    check(*p.b, *tp.b, *p.a, *tp.a);
  }
}

}  // namespace

std::vector<PairRule> pair_key_rules() {
  return {
      {{"pair-psk-mirror", "pair", Severity::Error, Scope::Pair, "any dialect",
        "the pre-shared keys of the two ends are not mirrored",
        "IKEv2 keys are per direction: A's local key must be B's remote key and A's remote key "
        "B's local key (seed 004: pasting one side's config on the other does not work); an "
        "IKEv1 key must be the same on both. Keys are compared in constant time and never shown.",
        "Mirror the keys (`ikeshift migrate l2l --asymmetric-psk --peer-config` does it)."},
       psk_mirror},
      {{"pair-identity", "pair", Severity::Warning, Scope::Pair, "any dialect",
        "the IKE identity types of the two ends do not agree (an error where one side expects an "
        "identity the other does not send)",
        "With pre-shared keys both ASAs send their address by default; a hostname or key-id on "
        "one side is refused by peers that match the identity.",
        "Use the same `crypto isakmp identity` on both ends."},
       identity},
  };
}

}  // namespace ikeshift::validator
