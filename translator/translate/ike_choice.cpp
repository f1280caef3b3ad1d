#include "translate/ike_choice.h"

#include "translate/writer.h"

namespace ikeshift::translate {

namespace {

void finding(std::vector<Finding>& out, const model::Intent& in, Severity s, const char* code, std::string msg,
             std::string hint, const text::SourceSpan& span) {
  Finding f;
  f.severity = s;
  f.code = code;
  f.message = std::move(msg);
  f.hint = std::move(hint);
  f.where = FindingLocation{in.file, span};
  out.push_back(std::move(f));
}

}  // namespace

model::Intent choose_ike(const model::Intent& in, IkeChoice choice, std::vector<Finding>& findings) {
  model::Intent out = in;
  if (choice == IkeChoice::Keep) return out;
  for (model::Tunnel& t : out.tunnels) {
    const std::string label = tunnel_label(in, t);
    if (choice == IkeChoice::V2) {
      if (!t.ikev2 && t.ikev1) {
        t.ikev2_proposals = t.ikev1_proposals;
        for (auto& p : t.ikev2_proposals) {
          p.version = 2;
          p.authentication.clear();
        }
        t.esp_v2 = t.esp_v1;
        if (t.psk.ikev1) t.psk.ikev2_local = t.psk.ikev2_remote = t.psk.ikev1;
        t.ikev2 = true;
        finding(findings, in, Severity::Info, "TRANSLATE-IKEV1-TO-IKEV2",
                label + " is IKEv1 in the input; written as IKEv2 with the same algorithms and its IKEv1 key in both directions",
                "use --ike keep to write IKEv1", t.span);
      }
      t.ikev1 = false;
      t.ikev1_proposals.clear();
      t.esp_v1.clear();
      t.psk.ikev1.reset();
      continue;
    }
    // IKEv1 only.
    if (!t.ikev1 && t.ikev2) {
      for (const model::IkeProposal& p : t.ikev2_proposals) {
        model::IkeProposal v1 = p;
        v1.version = 1;
        v1.authentication = "pre-share";
        auto first = [&](std::vector<const model::Algorithm*>& v, const char* what) {
          if (v.size() > 1) {
            finding(findings, in, Severity::Warning, "TRANSLATE-IKEV1-ONE-ALGORITHM",
                    label + ": an IKEv1 policy takes one " + std::string(what) + "; only '" + std::string(v[0]->id) +
                        "' of the IKEv2 proposal's " + std::to_string(v.size()) + " is written",
                    "add more IKEv1 policies by hand for the others", p.span);
            v.resize(1);
          }
        };
        first(v1.encryption, "encryption");
        first(v1.integrity, "hash");
        first(v1.dh_groups, "group");
        if (!v1.encryption.empty() && v1.encryption[0]->aead) {
          finding(findings, in, Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE",
                  label + ": IKEv1 phase 1 has no AES-GCM; the proposal is not written", "choose --ike v2", p.span);
          continue;
        }
        if (!v1.integrity.empty()) v1.prf = {find_algorithm(model::TransformType::Prf, model::Dialect::AsaIkev1Policy,
                                                            model::algorithm_name(*v1.integrity[0], model::Dialect::AsaIkev1Policy))};
        t.ikev1_proposals.push_back(std::move(v1));
      }
      t.esp_v1 = t.esp_v2;
      if (t.psk.ikev2_local && t.psk.ikev2_remote && !t.psk.ikev2_local->equals(*t.psk.ikev2_remote)) {
        finding(findings, in, Severity::Error, "TRANSLATE-ASYMMETRIC-KEYS",
                label + " uses different IKEv2 keys per direction; IKEv1 has one pre-shared key for both (it enters SKEYID), "
                "so no IKEv1 key is written",
                "choose --ike v2, or agree on one key", t.span);
      } else if (t.psk.ikev2_local) {
        t.psk.ikev1 = t.psk.ikev2_local;
      }
      t.ikev1 = true;
      finding(findings, in, Severity::Info, "TRANSLATE-IKEV2-TO-IKEV1",
              label + " is IKEv2 in the input; written as IKEv1", "use --ike keep to write IKEv2", t.span);
    }
    t.ikev2 = false;
    t.ikev2_proposals.clear();
    t.esp_v2.clear();
    t.psk.ikev2_local.reset();
    t.psk.ikev2_remote.reset();
  }
  return out;
}

}  // namespace ikeshift::translate
