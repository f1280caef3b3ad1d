#include "asa/migrate_text.h"

#include "model/algorithms.h"

namespace ikeshift::asa {

namespace {

using model::Dialect;
using model::TransformType;

Finding error_at(const std::string& file, const SourceSpan& span, std::string code,
                 std::string message, std::string hint) {
  Finding f;
  f.severity = Severity::Error;
  f.code = std::move(code);
  f.message = std::move(message);
  f.hint = std::move(hint);
  f.where = {file, span};
  return f;
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
  return out;
}

// The registry entries a list of written names resolves to; nullptr marks an unknown name.
std::vector<const model::Algorithm*> resolve(const std::vector<Word>& words, TransformType type,
                                             Dialect dialect) {
  std::vector<const model::Algorithm*> out;
  for (const Word& w : words) out.push_back(model::find_algorithm(type, dialect, w.text));
  return out;
}

std::vector<const model::Algorithm*> resolve(const std::vector<std::string>& names,
                                             TransformType type, Dialect dialect) {
  std::vector<const model::Algorithm*> out;
  for (const auto& n : names) out.push_back(model::find_algorithm(type, dialect, n));
  return out;
}

}  // namespace

std::optional<ProposalSpec> MigrateText::proposal_from_transform_set(const TransformSet& ts,
                                                                     std::vector<Finding>& findings,
                                                                     const std::string& file) const {
  ProposalSpec p;
  p.name = ts.name.text;
  bool ok = true;
  for (const Word& w : ts.transforms) {
    const model::Algorithm* a = model::find_algorithm_any(Dialect::AsaIkev1Transform, w.text);
    std::string_view v2 = a != nullptr ? model::algorithm_name(*a, Dialect::AsaIkev2Proposal) : "";
    if (a == nullptr || v2.empty()) {
      auto enc = model::names_in_dialect(TransformType::Encryption, Dialect::AsaIkev1Transform);
      auto integ = model::names_in_dialect(TransformType::Integrity, Dialect::AsaIkev1Transform);
      enc.insert(enc.end(), integ.begin(), integ.end());
      findings.push_back(error_at(
          file, w.span, "MIGRATE-UNKNOWN-ALGORITHM",
          "transform-set " + ts.name.text + ": '" + w.text +
              (a == nullptr ? "' is not an ASA IKEv1 transform" : "' has no IKEv2 ipsec-proposal equivalent"),
          "use one of: " + join(enc, ", ") + "; no IKEv2 proposal is written for this transform-set"));
      ok = false;
      continue;
    }
    (a->type == TransformType::Encryption ? p.encryption : p.integrity).emplace_back(v2);
  }
  if (!ok) return std::nullopt;
  return p;
}

bool MigrateText::same_proposal(const IpsecProposal& existing, const ProposalSpec& wanted) const {
  return resolve(existing.encryption, TransformType::Encryption, Dialect::AsaIkev2Proposal) ==
             resolve(wanted.encryption, TransformType::Encryption, Dialect::AsaIkev2Proposal) &&
         resolve(existing.integrity, TransformType::Integrity, Dialect::AsaIkev2Proposal) ==
             resolve(wanted.integrity, TransformType::Integrity, Dialect::AsaIkev2Proposal);
}

std::vector<std::string> MigrateText::proposal_block(const ProposalSpec& p) const {
  std::vector<std::string> lines{"crypto ipsec ikev2 ipsec-proposal " + p.name};
  if (!p.encryption.empty()) lines.push_back(indent_ + "protocol esp encryption " + join(p.encryption, " "));
  if (!p.integrity.empty()) lines.push_back(indent_ + "protocol esp integrity " + join(p.integrity, " "));
  return lines;
}

std::optional<PolicySpec> MigrateText::policy_from_ikev1(const Ikev1Policy& v1,
                                                         std::vector<Finding>& findings,
                                                         const std::string& file) const {
  PolicySpec p;
  p.priority = v1.priority;
  std::vector<std::string> defaulted;
  bool ok = true;
  std::string policy = "crypto ikev1 policy " + std::to_string(v1.priority);

  // One field: registry look-up in the IKEv1 policy spelling, written in the IKEv2 one.
  auto convert = [&](const std::optional<Word>& field, TransformType type, const char* what,
                     const char* asa_default, std::string& out) {
    std::string written = field ? field->text : asa_default;
    if (!field) defaulted.push_back(std::string(what) + " " + asa_default);
    const model::Algorithm* a = model::find_algorithm(type, Dialect::AsaIkev1Policy, written);
    std::string_view v2 = a != nullptr ? model::algorithm_name(*a, Dialect::AsaIkev2Policy) : "";
    if (v2.empty()) {
      findings.push_back(error_at(
          file, field ? field->span : v1.block.span, "MIGRATE-UNKNOWN-ALGORITHM",
          policy + ": " + what + " '" + written + "' is not known or has no IKEv2 equivalent",
          "use one of: " + join(model::names_in_dialect(type, Dialect::AsaIkev1Policy), ", ")));
      ok = false;
      return;
    }
    out = std::string(v2);
  };
  // ASA IKEv1 policy defaults (docs/migrate-l2l.md): 3des, sha, group 2, 86400 s.
  convert(v1.encryption, TransformType::Encryption, "encryption", "3des", p.encryption);
  convert(v1.hash, TransformType::Integrity, "hash", "sha", p.integrity);
  {
    // The PRF is the same hash (IKEv1 uses its hash as PRF).
    std::vector<std::string> ignore;
    std::string written = v1.hash ? v1.hash->text : "sha";
    const model::Algorithm* a = model::find_algorithm(TransformType::Prf, Dialect::AsaIkev1Policy, written);
    if (a != nullptr) p.prf = std::string(model::algorithm_name(*a, Dialect::AsaIkev2Policy));
    if (p.prf.empty() && ok) {
      findings.push_back(error_at(file, v1.hash ? v1.hash->span : v1.block.span, "MIGRATE-UNKNOWN-ALGORITHM",
                                  policy + ": hash '" + written + "' has no IKEv2 PRF equivalent", ""));
      ok = false;
    }
  }
  convert(v1.group, TransformType::DhGroup, "group", "2", p.group);
  if (!v1.lifetime) {
    defaulted.push_back("lifetime 86400");
  } else if (*v1.lifetime == 0) {
    // `lifetime none` has no IKEv2 form; the longest the ASA accepts is the closest.
    p.lifetime_seconds = 2147483647u;
    Finding f;
    f.severity = Severity::Warning;
    f.code = "MIGRATE-LIFETIME-NONE";
    f.message = policy + ": `lifetime none` has no IKEv2 equivalent; lifetime seconds 2147483647 is written";
    f.hint = "set a real lifetime (86400 s is the default)";
    f.where = {file, v1.lifetime_span};
    findings.push_back(std::move(f));
  } else {
    p.lifetime_seconds = *v1.lifetime;
  }
  if (!ok) return std::nullopt;
  if (!defaulted.empty()) {
    Finding f;
    f.severity = Severity::Info;
    f.code = "MIGRATE-DEFAULT-APPLIED";
    f.message = policy + " does not say " + join(defaulted, ", ") +
                "; the ASA default is written out in the IKEv2 policy";
    f.hint = "write every field of the IKEv1 policy to make the intent explicit";
    f.where = {file, v1.block.span};
    findings.push_back(std::move(f));
  }
  return p;
}

bool MigrateText::same_policy(const Ikev2Policy& e, const PolicySpec& w) const {
  auto one = [](const std::vector<Word>& words, TransformType type, const std::string& want) {
    if (words.size() != 1) return false;
    return model::find_algorithm(type, Dialect::AsaIkev2Policy, words[0].text) ==
           model::find_algorithm(type, Dialect::AsaIkev2Policy, want);
  };
  return one(e.encryption, TransformType::Encryption, w.encryption) &&
         one(e.integrity, TransformType::Integrity, w.integrity) &&
         one(e.group, TransformType::DhGroup, w.group) && one(e.prf, TransformType::Prf, w.prf) &&
         e.lifetime_seconds.value_or(86400) == w.lifetime_seconds;
}

std::vector<std::string> MigrateText::policy_block(const PolicySpec& p) const {
  return {"crypto ikev2 policy " + std::to_string(p.priority),
          indent_ + "encryption " + p.encryption,
          indent_ + "integrity " + p.integrity,
          indent_ + "group " + p.group,
          indent_ + "prf " + p.prf,
          indent_ + "lifetime seconds " + std::to_string(p.lifetime_seconds)};
}

std::string MigrateText::psk_line(bool local, const std::string& value) const {
  return std::string("ikev2 ") + (local ? "local" : "remote") + "-authentication pre-shared-key " + value;
}

std::string MigrateText::psk_value(const PresharedKey& key) const {
  switch (key.form) {
    case PresharedKey::Form::Masked: return std::string(Secret::kMask);
    case PresharedKey::Form::Encrypted8: return "8 " + key.key.reveal();
    case PresharedKey::Form::Hex: return "hex " + key.key.reveal();
    default: return key.key.reveal();
  }
}

std::string MigrateText::child_indent_of(const text::SourceText& src, uint32_t header,
                                         uint32_t last) const {
  for (uint32_t l = header + 1; l <= last && l < src.line_count(); ++l) {
    std::string_view s = src.line(l);
    size_t n = s.find_first_not_of(" \t");
    if (n != std::string_view::npos && n > 0) return std::string(s.substr(0, n));
  }
  return indent_;
}

}  // namespace ikeshift::asa
