// Weak and broken cryptography, on the intent (so every dialect gets it): the
// algorithm registry's strength class decides (Broken: DES, NULL encryption,
// MD5, DH group 1; Weak: 3DES, AES-GMAC, SHA-1, DH 2, 5 and 22-24), and its
// `replacement` names the modern choice, spelled as the file spells algorithms.
// IKEv1 aggressive mode is graded here too.
#include <cctype>
#include <set>
#include <tuple>

#include "validator/rules/rule_helpers.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

using model::Algorithm;
using model::Dialect;
using model::Strength;

const char* kind(model::TransformType t) {
  switch (t) {
    case model::TransformType::Encryption: return "encryption";
    case model::TransformType::Integrity: return "integrity";
    case model::TransformType::Prf: return "PRF";
    case model::TransformType::DhGroup: return "DH group";
  }
  return "algorithm";
}

// One finding per written word: an IKEv1 `hash sha` is both the integrity and
// the PRF algorithm, and global policies appear in every tunnel's proposals.
struct Seen {
  std::set<std::tuple<uint32_t, uint32_t, uint32_t>> keys;
  bool first(const text::SourceSpan& span, const Algorithm* a) {
    if (!span.valid()) return keys.insert({0, 0, a->iana_id + (static_cast<uint32_t>(a->type) << 16)}).second;
    return keys.insert({span.line, span.col, 0}).second;
  }
};

// Calls f(algorithm, span, where, dialect) once per algorithm occurrence in the file.
template <typename F>
void each_algorithm(const ConfigSubject& s, F f) {
  Seen seen;
  for (const model::Tunnel& t : s.intent->tunnels) {
    for (const auto* list : {&t.ikev1_proposals, &t.ikev2_proposals}) {
      for (const model::IkeProposal& p : *list) {
        const Dialect d = p.version == 1 ? s.spelling.ike_v1 : s.spelling.ike_v2;
        const std::string where = "IKEv" + std::to_string(p.version) + " policy " + std::to_string(p.priority);
        for (const model::AlgorithmSource& src : p.sources)
          if (seen.first(src.span, src.algorithm)) f(*src.algorithm, src.span, where, d);
      }
    }
    for (int v = 1; v <= 2; ++v) {
      for (const model::EspProposal& p : v == 1 ? t.esp_v1 : t.esp_v2) {
        const Dialect d = v == 1 ? s.spelling.esp_v1 : s.spelling.esp_v2;
        const std::string where = (v == 1 ? "transform-set " : "ipsec-proposal ") + p.name;
        for (const model::AlgorithmSource& src : p.sources)
          if (seen.first(src.span, src.algorithm)) f(*src.algorithm, src.span, where, d);
      }
    }
    if (t.pfs_group != nullptr && seen.first(t.spans.pfs, t.pfs_group)) {
      f(*t.pfs_group, first_valid({t.spans.pfs, t.span}), "PFS of " + tunnel_label(s, t), s.spelling.pfs);
    }
  }
}

std::string replacement_hint(const Algorithm& a, Dialect d) {
  const Algorithm* r = a.replacement.empty() ? nullptr : model::find_algorithm_by_id(a.replacement);
  if (r == nullptr) return "replace it with a strong algorithm";
  const std::string_view name = model::algorithm_name(*r, d);
  std::string spelled_name(name.empty() ? r->id : name);
  // A policy writes groups as bare numbers (`group 14`): say the keyword too.
  if (r->type == model::TransformType::DhGroup && !spelled_name.empty() &&
      std::isdigit(static_cast<unsigned char>(spelled_name[0]))) {
    spelled_name = "group " + spelled_name;
  }
  return "use " + spelled_name + " instead (change both peers together)";
}

void grade(const ConfigSubject& s, Emitter& out, Strength strength) {
  each_algorithm(s, [&](const Algorithm& a, const text::SourceSpan& span, const std::string& where,
                        Dialect d) {
    if (a.strength != strength) return;
    std::string msg = std::string(kind(a.type)) + " " + spelled(a, d) + " in " + where + " is " +
                      model::strength_name(a.strength);
    if (!a.weakness.empty()) msg += ": " + std::string(a.weakness);
    out.report(msg, replacement_hint(a, d), at(s, span));
  });
}

void broken_crypto(const ConfigSubject& s, Emitter& out) { grade(s, out, Strength::Broken); }
void weak_crypto(const ConfigSubject& s, Emitter& out) { grade(s, out, Strength::Weak); }

void aggressive_mode(const ConfigSubject& s, Emitter& out) {
  for (const model::Tunnel& t : s.intent->tunnels) {
    if (!t.ikev1_aggressive_mode || !t.ikev1) continue;
    out.report(tunnel_label(s, t) + " uses IKEv1 aggressive mode: the identities travel in clear and "
                   "the responder's hash can be cracked offline to recover the pre-shared key",
               "use main mode (remove `set ikev1 phase1-mode aggressive`), or better IKEv2",
               at(s, first_valid({t.spans.phase1_mode, t.span})));
  }
}

}  // namespace

std::vector<ConfigRule> intent_crypto_rules() {
  return {
      {{"broken-crypto", "crypto", Severity::Error, Scope::Config, "any dialect",
        "an algorithm the registry grades broken: DES, NULL encryption, MD5, DH group 1",
        "These give no real protection today: DES keys are brute-forced, MD5 is broken, NULL "
        "encryption sends traffic in clear, 768-bit DH was broken in public; RFC 8221 and "
        "RFC 8247 say MUST NOT.",
        "Replace them with the registry's modern replacement (AES-256, SHA-256, group 14 or "
        "an ECP group), on both peers."},
       broken_crypto},
      {{"weak-crypto", "crypto", Severity::Warning, Scope::Config, "any dialect",
        "an algorithm the registry grades weak: 3DES, AES-GMAC, SHA-1, DH groups 2, 5 and 22-24",
        "Still interoperable but below current guidance (RFC 8221, RFC 8247): 3DES has 64-bit "
        "blocks (Sweet32), SHA-1 is being phased out, groups 2 and 5 are 1024/1536-bit (Logjam), "
        "groups 22-24 have suspect parameters.",
        "Move to the registry's replacement when both peers can."},
       weak_crypto},
      {{"aggressive-mode", "crypto", Severity::Warning, Scope::Config, "any dialect",
        "an IKEv1 tunnel uses aggressive mode",
        "Aggressive mode sends identities in clear and lets an eavesdropper attack the "
        "pre-shared key offline.",
        "Use main mode, or IKEv2."},
       aggressive_mode},
  };
}

}  // namespace ikeshift::validator
