// Timers the two ends must agree on well enough: DPD (somebody has to probe)
// and lifetimes, with the lifetime each side will actually use (IKEv1
// negotiates the shorter; IKEv2 does not negotiate, each side rekeys on its own
// timer, so the shorter one sets the pace).
#include <algorithm>

#include "validator/pair/proposal_match.h"
#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

bool probes(const model::Dpd& d) { return d.enabled && !d.reply_only; }

std::string dpd_text(const model::Dpd& d) {
  if (!d.enabled) return "keepalive disabled";
  if (d.reply_only) return "threshold infinite (reply only)";
  return "threshold " + std::to_string(d.threshold_seconds) + " retry " + std::to_string(d.retry_seconds);
}

void dpd(const PairSubject& p, Emitter& out) {
  for (const TunnelPair& tp : p.pairs) {
    const model::Tunnel& a = *tp.a;
    const model::Tunnel& b = *tp.b;
    const bool ikev1_only = !(a.ikev2 && b.ikev2) && a.ikev1 && b.ikev1;
    std::string problem;
    if (!probes(a.dpd) && !probes(b.dpd)) {
      problem = "neither end sends DPD probes, so a dead peer is noticed only when the SA expires";
    } else if (ikev1_only && (!a.dpd.enabled || !b.dpd.enabled)) {
      problem = "IKEv1 negotiates DPD: with keepalive disabled on one end, neither end runs it";
    }
    if (problem.empty()) continue;
    out.report("DPD of " + tunnel_label(*p.a, a) + ": " + device_label(*p.a) + " " + dpd_text(a.dpd) + ", " +
                   device_label(*p.b) + " " + dpd_text(b.dpd) + ": " + problem,
               "set ` isakmp keepalive threshold 10 retry 2` (the L2L default) on at least one end",
               at(*p.a, first_valid({a.spans.dpd, a.spans.tunnel_group, a.span})),
               {at(*p.b, first_valid({b.spans.dpd, b.spans.tunnel_group, b.span}),
                   device_label(*p.b) + "'s keepalive")});
  }
}

void lifetimes(const PairSubject& p, Emitter& out) {
  const std::string an = device_label(*p.a);
  const std::string bn = device_label(*p.b);
  for (const TunnelPair& tp : p.pairs) {
    const model::Tunnel& a = *tp.a;
    const model::Tunnel& b = *tp.b;
    const int v = (a.ikev2 && b.ikev2) ? 2 : (a.ikev1 && b.ikev1) ? 1 : 0;
    if (v == 0) continue;
    auto used = [&](uint64_t x, uint64_t y) {
      if (v == 1) return "IKEv1 negotiates the shorter, so both use " + format_seconds(std::min(x, y));
      return "IKEv2 does not negotiate lifetimes: each end rekeys on its own timer, so the SA is "
             "rekeyed every " + format_seconds(std::min(x, y)) + " by the end with the shorter one";
    };
    const auto m = match_ike(v == 1 ? a.ikev1_proposals : a.ikev2_proposals,
                             v == 1 ? b.ikev1_proposals : b.ikev2_proposals, v);
    if (m && m->a->lifetime_seconds != m->b->lifetime_seconds && m->a->lifetime_seconds != 0 &&
        m->b->lifetime_seconds != 0) {
      out.report("IKE SA lifetime of " + tunnel_label(*p.a, a) + ": " + an + " " + format_seconds(m->a->lifetime_seconds) +
                     " (policy " + std::to_string(m->a->priority) + "), " + bn + " " +
                     format_seconds(m->b->lifetime_seconds) + " (policy " + std::to_string(m->b->priority) +
                     "); " + used(m->a->lifetime_seconds, m->b->lifetime_seconds),
                 "use the same lifetime on both ends, so that rekeys happen when you expect them",
                 at(*p.a, first_valid({m->a->lifetime_span, m->a->span})),
                 {at(*p.b, first_valid({m->b->lifetime_span, m->b->span}), bn + "'s lifetime")});
    }
    if (a.lifetime_seconds != b.lifetime_seconds) {
      out.report("IPsec SA lifetime of " + tunnel_label(*p.a, a) + ": " + an + " " + format_seconds(a.lifetime_seconds) +
                     ", " + bn + " " + format_seconds(b.lifetime_seconds) + "; " +
                     used(a.lifetime_seconds, b.lifetime_seconds),
                 "use the same `set security-association lifetime seconds` on both ends",
                 at(*p.a, first_valid({a.spans.lifetime, a.span})),
                 {at(*p.b, first_valid({b.spans.lifetime, b.span}), bn + "'s lifetime")});
    }
    if (a.lifetime_kilobytes != b.lifetime_kilobytes) {
      auto kb = [](uint64_t k) { return k == 0 ? std::string("unlimited") : std::to_string(k) + " KB"; };
      out.report("IPsec SA volume lifetime of " + tunnel_label(*p.a, a) + ": " + an + " " + kb(a.lifetime_kilobytes) +
                     ", " + bn + " " + kb(b.lifetime_kilobytes) + "; the smaller one triggers the rekey",
                 "use the same `set security-association lifetime kilobytes` on both ends",
                 at(*p.a, first_valid({a.spans.lifetime, a.span})),
                 {at(*p.b, first_valid({b.spans.lifetime, b.span}), bn + "'s lifetime")});
    }
  }
}

}  // namespace

std::vector<PairRule> pair_timer_rules() {
  const Severity W = Severity::Warning;
  return {
      {{"pair-dpd", "pair", W, Scope::Pair, "any dialect",
        "dead peer detection cannot work between the two ends",
        "If neither end probes (keepalive disabled or `threshold infinite` on both), a dead peer "
        "keeps its SAs until they expire and traffic is black-holed meanwhile; IKEv1 DPD also "
        "needs both ends to have it enabled.",
        "Enable ` isakmp keepalive threshold N retry M` on at least one end."},
       dpd},
      {{"pair-lifetimes", "pair", W, Scope::Pair, "any dialect",
        "the two ends use different IKE or IPsec SA lifetimes",
        "They still interoperate, but the lifetime actually used differs from what either file "
        "says: IKEv1 negotiates the shorter, IKEv2 lets each end rekey on its own timer.",
        "Use the same lifetimes on both ends."},
       lifetimes},
  };
}

}  // namespace ikeshift::validator
