#include "asa/asa_intent_proposals.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace ikeshift::model::detail {

namespace {

std::string join(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// Defaults of `crypto ikev1 policy` fields the ASA documents for 8.4-9.x.
// `show run` prints every field, so a missing one usually means a hand-written
// or cut configuration; the assumption is reported rather than made silently.
constexpr const char* kIkev1DefaultEncryption = "3des";
constexpr const char* kIkev1DefaultHash = "sha";
constexpr const char* kIkev1DefaultGroup = "2";
constexpr const char* kIkev1DefaultAuthentication = "pre-share";

asa::Word default_word(const char* text, const text::SourceSpan& span) {
  return asa::Word{text, span};
}

void report_default(const char* field, const char* value, int priority,
                    const text::SourceSpan& span, Diagnostics& diag) {
  diag.warning("INTENT-IKE-DEFAULT-ASSUMED",
               std::string("crypto ikev1 policy ") + std::to_string(priority) + " has no " + field +
                   " line; assuming the ASA default '" + value + "'",
               std::string("write ` ") + field + " " + value +
                   "` explicitly: defaults differ between ASA releases",
               span);
}

// Resolves a list of words; false when any is unknown (each reported).
bool lookup_all(TransformType type, Dialect dialect, const std::vector<asa::Word>& words,
                const char* what, Diagnostics& diag, std::vector<const Algorithm*>& out,
                std::vector<AlgorithmSource>& sources) {
  bool ok = true;
  for (const asa::Word& w : words) {
    const Algorithm* a = lookup_algorithm(type, dialect, w, what, diag);
    if (a == nullptr) {
      ok = false;
    } else if (std::find(out.begin(), out.end(), a) == out.end()) {
      out.push_back(a);
      sources.push_back({a, w.span});
    }
  }
  return ok;
}

// Keywords are case-insensitive on the ASA.
bool is_transport(const std::string& word) {
  static constexpr char kWord[] = "transport";
  if (word.size() != sizeof(kWord) - 1) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) != kWord[i]) return false;
  }
  return true;
}

bool all_aead(const std::vector<const Algorithm*>& encryption) {
  return !encryption.empty() && std::all_of(encryption.begin(), encryption.end(),
                                            [](const Algorithm* a) { return a->aead; });
}

std::optional<IkeProposal> ikev1_proposal(const asa::Ikev1Policy& p, Diagnostics& diag) {
  IkeProposal out;
  out.version = 1;
  out.priority = p.priority;
  out.span = p.block.span;
  const text::SourceSpan& at = p.block.span;

  const asa::Word enc = p.encryption ? *p.encryption : default_word(kIkev1DefaultEncryption, at);
  const asa::Word hash = p.hash ? *p.hash : default_word(kIkev1DefaultHash, at);
  const asa::Word group = p.group ? *p.group : default_word(kIkev1DefaultGroup, at);
  if (!p.encryption) report_default("encryption", kIkev1DefaultEncryption, p.priority, at, diag);
  if (!p.hash) report_default("hash", kIkev1DefaultHash, p.priority, at, diag);
  if (!p.group) report_default("group", kIkev1DefaultGroup, p.priority, at, diag);
  if (!p.authentication) {
    report_default("authentication", kIkev1DefaultAuthentication, p.priority, at, diag);
  }
  out.authentication = p.authentication ? p.authentication->text : kIkev1DefaultAuthentication;

  const Dialect d = Dialect::AsaIkev1Policy;
  const Algorithm* e = lookup_algorithm(TransformType::Encryption, d, enc, "encryption", diag);
  // An IKEv1 hash is both the integrity and the PRF algorithm of the IKE SA.
  const Algorithm* i = lookup_algorithm(TransformType::Integrity, d, hash, "hash", diag);
  const Algorithm* f = i == nullptr ? nullptr : find_algorithm(TransformType::Prf, d, hash.text);
  const Algorithm* g = lookup_algorithm(TransformType::DhGroup, d, group, "group", diag);
  if (e == nullptr || i == nullptr || f == nullptr || g == nullptr) return std::nullopt;
  out.encryption = {e};
  out.integrity = {i};
  out.prf = {f};
  out.dh_groups = {g};
  out.sources = {{e, enc.span}, {i, hash.span}, {f, hash.span}, {g, group.span}};
  out.lifetime_seconds = p.lifetime.value_or(kDefaultIkeLifetimeSeconds);
  out.lifetime_span = p.lifetime_span;
  return out;
}

std::optional<IkeProposal> ikev2_proposal(const asa::Ikev2Policy& p, Diagnostics& diag) {
  IkeProposal out;
  out.version = 2;
  out.priority = p.priority;
  out.span = p.block.span;
  const Dialect d = Dialect::AsaIkev2Policy;
  const std::string policy = "crypto ikev2 policy " + std::to_string(p.priority);

  bool ok = lookup_all(TransformType::Encryption, d, p.encryption, "encryption", diag,
                       out.encryption, out.sources);
  ok = lookup_all(TransformType::Integrity, d, p.integrity, "integrity", diag, out.integrity,
                  out.sources) && ok;
  ok = lookup_all(TransformType::Prf, d, p.prf, "prf", diag, out.prf, out.sources) && ok;
  ok = lookup_all(TransformType::DhGroup, d, p.group, "group", diag, out.dh_groups,
                  out.sources) && ok;
  if (!ok) return std::nullopt;

  if (p.encryption.empty()) {
    diag.error("INTENT-IKEV2-POLICY-INCOMPLETE", policy + " has no encryption line",
               "add ` encryption aes-256` (or another cipher)", p.block.span);
    ok = false;
  }
  if (p.group.empty()) {
    diag.error("INTENT-IKEV2-POLICY-INCOMPLETE", policy + " has no group line",
               "add ` group 14` (or another DH group)", p.block.span);
    ok = false;
  }
  if (p.integrity.empty() && !all_aead(out.encryption)) {
    diag.error("INTENT-IKEV2-POLICY-INCOMPLETE",
               policy + " has no integrity line and a cipher that needs one",
               "add ` integrity sha256`", p.block.span);
    ok = false;
  }
  if (p.prf.empty()) {
    // The ASA uses the integrity algorithm as PRF when none is configured.
    for (const Algorithm* integ : out.integrity) {
      const Algorithm* prf = find_algorithm(TransformType::Prf, d, algorithm_name(*integ, d));
      if (prf != nullptr && std::find(out.prf.begin(), out.prf.end(), prf) == out.prf.end()) {
        out.prf.push_back(prf);
        out.sources.push_back({prf, p.block.span});
      }
    }
    if (out.prf.empty()) {
      diag.error("INTENT-IKEV2-POLICY-INCOMPLETE",
                 policy + " has no prf line and no integrity algorithm to derive it from",
                 "add ` prf sha256`", p.block.span);
      ok = false;
    } else {
      diag.warning("INTENT-IKE-DEFAULT-ASSUMED",
                   policy + " has no prf line; assuming the integrity algorithm(s) as PRF",
                   "write ` prf ...` explicitly", p.block.span);
    }
  }
  if (!ok) return std::nullopt;
  out.lifetime_seconds = p.lifetime_seconds.value_or(kDefaultIkeLifetimeSeconds);
  out.lifetime_span = p.lifetime_span;
  return out;
}

void sort_by_priority(std::vector<IkeProposal>& v) {
  std::stable_sort(v.begin(), v.end(),
                   [](const IkeProposal& a, const IkeProposal& b) { return a.priority < b.priority; });
}

}  // namespace

const Algorithm* lookup_algorithm(TransformType type, Dialect dialect, const asa::Word& word,
                                  const char* what, Diagnostics& diag) {
  if (const Algorithm* a = find_algorithm(type, dialect, word.text)) return a;
  diag.error("INTENT-UNKNOWN-ALGORITHM",
             std::string("unknown ") + what + " '" + word.text + "'",
             "expected one of: " + join(names_in_dialect(type, dialect)), word.span);
  return nullptr;
}

std::vector<IkeProposal> derive_ikev1_proposals(const asa::AsaConfig& cfg, Diagnostics& diag) {
  std::vector<IkeProposal> out;
  for (const asa::Ikev1Policy& p : cfg.ikev1_policies) {
    if (auto prop = ikev1_proposal(p, diag)) out.push_back(std::move(*prop));
  }
  sort_by_priority(out);
  return out;
}

std::vector<IkeProposal> derive_ikev2_proposals(const asa::AsaConfig& cfg, Diagnostics& diag) {
  std::vector<IkeProposal> out;
  for (const asa::Ikev2Policy& p : cfg.ikev2_policies) {
    if (auto prop = ikev2_proposal(p, diag)) out.push_back(std::move(*prop));
  }
  sort_by_priority(out);
  return out;
}

std::optional<EspProposal> derive_transform_set(const asa::TransformSet& ts, Diagnostics& diag) {
  EspProposal out;
  out.name = ts.name.text;
  out.span = ts.name.span;
  if (ts.mode && is_transport(ts.mode->text)) out.mode = "transport";
  bool ok = true;
  for (const asa::Word& w : ts.transforms) {
    // Transform-set words mix ciphers and HMACs (esp-aes-256 esp-sha-hmac).
    const Algorithm* a = find_algorithm_any(Dialect::AsaIkev1Transform, w.text);
    if (a != nullptr && a->type == TransformType::Encryption) {
      out.encryption.push_back(a);
      out.sources.push_back({a, w.span});
    } else if (a != nullptr && a->type == TransformType::Integrity) {
      out.integrity.push_back(a);
      out.sources.push_back({a, w.span});
    } else {
      std::vector<std::string> expected =
          names_in_dialect(TransformType::Encryption, Dialect::AsaIkev1Transform);
      for (std::string& n : names_in_dialect(TransformType::Integrity, Dialect::AsaIkev1Transform)) {
        expected.push_back(std::move(n));
      }
      diag.error("INTENT-UNKNOWN-ALGORITHM",
                 "unknown transform '" + w.text + "' in transform-set '" + ts.name.text + "'",
                 "expected one of: " + join(expected), w.span);
      ok = false;
    }
  }
  if (ok && out.encryption.empty()) {
    diag.error("INTENT-EMPTY-TRANSFORM-SET",
               "transform-set '" + ts.name.text + "' has no encryption transform",
               "add esp-aes-256 (or another esp- cipher)", ts.name.span);
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<EspProposal> derive_ipsec_proposal(const asa::IpsecProposal& p, Diagnostics& diag) {
  EspProposal out;
  out.name = p.name.text;
  out.span = p.block.span;
  const Dialect d = Dialect::AsaIkev2Proposal;
  bool ok = lookup_all(TransformType::Encryption, d, p.encryption, "ESP encryption", diag,
                       out.encryption, out.sources);
  ok = lookup_all(TransformType::Integrity, d, p.integrity, "ESP integrity", diag, out.integrity,
                  out.sources) && ok;
  if (ok && out.encryption.empty()) {
    diag.error("INTENT-EMPTY-IPSEC-PROPOSAL",
               "ipsec-proposal '" + p.name.text + "' has no encryption",
               "add ` protocol esp encryption aes-256`", p.block.span);
    ok = false;
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace ikeshift::model::detail
