#include "swanctl/swanctl_writer.h"

#include <algorithm>

#include "common/ipv4.h"
#include "swanctl/swanctl_intent.h"

namespace ikeshift::swanctl {

namespace {

using model::Dialect;
using model::Tunnel;
using translate::Lines;
using translate::WriteResult;
using translate::WriterFindings;

std::string ts_text(const model::TrafficSelector& t, bool& ok) {
  std::string s;
  if (t.addresses.first == t.addresses.last) {
    s = format_ipv4(t.addresses.first) + "/32";
  } else if (auto len = translate::prefix_of(t.addresses)) {
    s = format_ipv4(t.addresses.first) + "/" + std::to_string(*len);
  } else {
    s = format_ipv4(t.addresses.first) + "-" + format_ipv4(t.addresses.last);  // swanctl accepts ranges
  }
  const bool any_port = t.port_first == 0 && t.port_last == 65535;
  if (t.protocol != 0 || !any_port) {
    s += "[" + std::to_string(t.protocol);
    if (!any_port) {
      if (t.port_first != t.port_last) {
        s += "/" + std::to_string(t.port_first) + "-" + std::to_string(t.port_last);
      } else {
        s += "/" + std::to_string(t.port_first);
      }
    }
    s += "]";
  }
  ok = true;
  return s;
}

// A quoted swanctl value; keys may hold any printable byte but a quote or a
// backslash would change its meaning, so those are written in hex (0x...).
std::string quoted_secret(const Secret& k, bool mask) {
  if (mask) return "\"" + std::string(Secret::masked()) + "\"";
  const std::string& v = k.reveal();
  const bool plain = std::all_of(v.begin(), v.end(), [](char c) { return c >= ' ' && c < 0x7f && c != '"' && c != '\\'; });
  if (plain) return "\"" + v + "\"";
  static const char* hex = "0123456789abcdef";
  std::string s = "0x";
  for (unsigned char c : v) {
    s += hex[c >> 4];
    s += hex[c & 15];
  }
  return s;
}

class SwanctlWriter {
 public:
  SwanctlWriter(const model::Intent& in, const SwanctlOptions& o) : in_(in), o_(o), lines_(o.writer.mask_secrets), f_(in_, out_) {}

  WriteResult run() {
    lines_.add("# swanctl.conf written by ikeshift translate from " + in_.file);
    lines_.add("connections {");
    for (const Tunnel& t : in_.tunnels) connection(t);
    lines_.add("}");
    lines_.add("secrets {");
    for (const auto& s : secrets_) lines_.add(s);
    lines_.add("}");
    for (auto& s : secrets_) wipe_string(s);
    out_.text = lines_.take();
    return std::move(out_);
  }

 private:
  std::string suite(const std::vector<const model::Algorithm*>& enc, const std::vector<const model::Algorithm*>& integ,
                    const std::vector<const model::Algorithm*>& prf, const std::vector<const model::Algorithm*>& groups,
                    const text::SourceSpan& span, const std::string& field) {
    std::string s;
    auto add = [&](const std::vector<const model::Algorithm*>& v) {
      for (const model::Algorithm* a : v) {
        if (a->type == model::TransformType::Integrity && a->iana_id == 0) continue;  // AUTH_NONE: implied by AEAD
        const std::string_view n = model::algorithm_name(*a, Dialect::Strongswan);
        if (n.empty()) {
          f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE", "strongSwan has no name for '" + std::string(a->id) + "'", "",
                 span, field);
          continue;
        }
        s += (s.empty() ? "" : "-") + std::string(n);
      }
    };
    add(enc);
    add(integ);
    add(prf);
    add(groups);
    return s;
  }

  static std::string id_text(const model::IkeIdentity& id, const std::string& address) {
    switch (id.type) {
      case model::IkeIdentity::Type::Fqdn: return id.value;
      case model::IkeIdentity::Type::KeyId: return "keyid:" + id.value;
      case model::IkeIdentity::Type::Address: return id.value.empty() ? address : id.value;
    }
    return address;
  }

  void connection(const Tunnel& t) {
    const std::string label = translate::tunnel_label(in_, t);
    if (t.peers.empty()) return;
    const bool v2 = t.ikev2;
    const auto& ike = v2 ? t.ikev2_proposals : t.ikev1_proposals;
    const auto& esp = v2 ? t.esp_v2 : t.esp_v1;
    // A swanctl.conf connection keeps its own name; RTX tunnels are numbered;
    // ASA/IOS crypto map entries are MAP-SEQ.
    const std::string name =
        o_.lab.connection_prefix +
        (in_.dialect == "swanctl" ? translate::word_name(t.map)
         : in_.dialect == "rtx"   ? "tunnel" + std::to_string(t.sequence)
                                  : translate::word_name(t.map) + (t.route_based ? "" : "-" + std::to_string(t.sequence)));
    const std::string local = o_.lab.local_address.value_or(t.local_address ? format_ipv4(*t.local_address) : "%any");
    const std::string remote = o_.lab.remote_address.value_or(format_ipv4(t.peers[0]));
    if (t.peers.size() > 1) {
      f_.add(Severity::Warning, "TRANSLATE-MULTI-PEER", label + ": only the first peer is written (remote_addrs)", "", t.span, "peers");
    }
    lossy(t, label);
    lines_.add("  " + name + " {");
    lines_.add("    version = " + std::string(v2 ? "2" : "1"));
    lines_.add("    local_addrs = " + local);
    lines_.add("    remote_addrs = " + remote);
    std::string proposals;
    for (const model::IkeProposal& p : ike) {
      const bool aead = !p.encryption.empty() && std::all_of(p.encryption.begin(), p.encryption.end(),
                                                             [](const model::Algorithm* a) { return a->aead; });
      const std::string s = suite(p.encryption, aead ? std::vector<const model::Algorithm*>{} : p.integrity,
                                  v2 ? p.prf : std::vector<const model::Algorithm*>{}, p.dh_groups, p.span, "ike");
      if (!s.empty()) proposals += (proposals.empty() ? "" : ", ") + s;
    }
    if (!proposals.empty()) lines_.add("    proposals = " + proposals);
    if (!ike.empty()) lines_.add("    rekey_time = " + std::to_string(ike[0].lifetime_seconds) + "s");
    if (t.dpd.enabled && !t.dpd.reply_only) lines_.add("    dpd_delay = " + std::to_string(t.dpd.threshold_seconds) + "s");
    if (!t.nat_t) {
      f_.add(Severity::Info, "TRANSLATE-NOT-EXPRESSIBLE",
             label + " disables NAT traversal; strongSwan always detects NAT and floats to UDP 4500 when it finds one",
             "", t.span, "nat_t");
    }
    const std::string local_id = id_text(t.local_identity, local);
    const std::string remote_id = t.remote_identity ? id_text(*t.remote_identity, remote) : remote;
    lines_.add("    local {");
    lines_.add("      auth = psk");
    lines_.add("      id = " + local_id);
    lines_.add("    }");
    lines_.add("    remote {");
    lines_.add("      auth = psk");
    // With one key per direction charon picks the key to sign with by the
    // peer's ID, so the peer's ID must be known before IKE_AUTH: the address
    // (what the ASA and IOS send) unless the intent names another.
    const std::optional<Secret>& lk = t.ikev2 ? t.psk.ikev2_local : t.psk.ikev1;
    const std::optional<Secret>& rk = t.ikev2 ? t.psk.ikev2_remote : t.psk.ikev1;
    const bool asymmetric = lk && rk && !lk->equals(*rk);
    lines_.add("      id = " + (t.remote_identity || asymmetric ? remote_id : "%any"));
    lines_.add("    }");
    lines_.add("    children {");
    size_t c = 0;
    for (const model::SelectorPair& s : t.selectors) {
      // One child per selector pair, like the ASA's one CHILD SA per crypto-ACL entry.
      bool ok = true;
      lines_.add("      " + name + "-" + std::to_string(++c) + " {");
      lines_.add("        local_ts = " + ts_text(s.local, ok));
      lines_.add("        remote_ts = " + ts_text(s.remote, ok));
      std::string esp_props;
      for (const model::EspProposal& e : esp) {
        std::vector<const model::Algorithm*> groups;
        if (t.pfs_group) groups.push_back(t.pfs_group);
        const std::string x = suite(e.encryption, e.integrity, {}, groups, e.span, "esp");
        if (!x.empty()) esp_props += (esp_props.empty() ? "" : ", ") + x;
      }
      if (!esp_props.empty()) lines_.add("        esp_proposals = " + esp_props);
      lines_.add("        mode = " + std::string(!esp.empty() && esp[0].mode == "transport" ? "transport" : "tunnel"));
      lines_.add("        rekey_time = " + std::to_string(t.lifetime_seconds) + "s");
      if (t.lifetime_kilobytes != 0) lines_.add("        rekey_bytes = " + std::to_string(t.lifetime_kilobytes * 1024));
      std::string start = "trap";
      if (t.connection_type == "answer-only") start = "none";
      if (t.connection_type == "originate-only") start = "start";
      if (o_.lab.start) start = "start";
      lines_.add("        start_action = " + start);
      if (t.dpd.enabled && !t.dpd.reply_only) lines_.add("        dpd_action = restart");
      lines_.add("      }");
    }
    lines_.add("    }");
    lines_.add("  }");
    secrets(t, name, local_id, remote_id, label);
  }

  // What a swanctl.conf connection holds differently from the intent: said
  // (Info: the written connection works, but reads back otherwise) and listed
  // as lossy, so a round trip knows which differences are expected.
  void lossy(const Tunnel& t, const std::string& label) {
    auto info = [&](const std::string& message, const std::string& field, const text::SourceSpan& at) {
      f_.add(Severity::Info, "TRANSLATE-NOT-EXPRESSIBLE", label + ": " + message, "", at.valid() ? at : t.span, field);
    };
    if (t.ikev2 && t.ikev1) {
      info("IKEv1 fallback is not written: the connection is IKEv2 only (a `version = 0` connection would share one "
           "proposal list and one key between both versions)",
           "ikev1", t.span);
      for (const char* field : {"ikev1_proposals", "esp_v1", "psk.ikev1"}) {
        if (std::find(out_.lossy_fields.begin(), out_.lossy_fields.end(), field) == out_.lossy_fields.end())
          out_.lossy_fields.push_back(field);
      }
    } else if (t.ikev2 && t.psk.ikev1) {
      info("the IKEv1 key is not written: the connection is IKEv2 only", "psk.ikev1", t.spans.ikev1_psk);
    }
    const auto& ike = t.ikev2 ? t.ikev2_proposals : t.ikev1_proposals;
    for (size_t i = 1; i < ike.size(); ++i) {
      if (ike[i].lifetime_seconds != ike[0].lifetime_seconds) {
        info("one rekey_time per connection: the first proposal's lifetime (" + std::to_string(ike[0].lifetime_seconds) +
                 " s) is written for all",
             (t.ikev2 ? "ikev2_proposals[" : "ikev1_proposals[") + std::to_string(i) + "].lifetime_seconds", ike[i].lifetime_span);
      }
    }
    if (t.dpd.enabled && t.dpd.reply_only) {
      info("DPD that only answers (threshold infinite) is not written: charon always answers DPD requests", "dpd", t.spans.dpd);
    } else if (t.dpd.enabled && t.dpd.retry_seconds != model::kSwanctlDpdRetrySeconds) {
      info("DPD retries every " + std::to_string(t.dpd.retry_seconds) +
               " s are not per connection in strongSwan: charon retransmits on its own schedule "
               "(charon.retransmit_timeout, 4 s by default)",
           "dpd.retry_seconds", t.spans.dpd);
    }
    if (t.connection_type == "originate-only") {
      info("originate-only is written as start_action = start; charon still answers the peer's initiation",
           "connection_type", t.span);
    }
    const std::optional<Secret>& lk = t.ikev2 ? t.psk.ikev2_local : t.psk.ikev1;
    const std::optional<Secret>& rk = t.ikev2 ? t.psk.ikev2_remote : t.psk.ikev1;
    if (!t.remote_identity && lk && rk && !lk->equals(*rk)) {
      info("a key per direction needs the peer's ID in strongSwan: the peer must authenticate as its address", "remote_identity",
           t.spans.ikev2_remote_psk);
    }
  }

  void secrets(const Tunnel& t, const std::string& name, const std::string& local_id, const std::string& remote_id,
               const std::string& label) {
    const bool v2 = t.ikev2;
    const std::optional<Secret>& local = v2 ? t.psk.ikev2_local : t.psk.ikev1;
    const std::optional<Secret>& remote = v2 ? t.psk.ikev2_remote : t.psk.ikev1;
    if (!local || !remote) {
      f_.add(Severity::Warning, "TRANSLATE-NO-KEY", label + " has no pre-shared key in the input", "", t.span);
      return;
    }
    const bool mask = o_.writer.mask_secrets;
    if (local->equals(*remote)) {
      secrets_.push_back("  ike-" + name + " {");
      secrets_.push_back("    id-1 = " + local_id);
      secrets_.push_back("    id-2 = " + remote_id);
      secrets_.push_back("    secret = " + quoted_secret(*local, mask));
      secrets_.push_back("  }");
      return;
    }
    if (local_id == remote_id) {
      f_.add(Severity::Error, "TRANSLATE-ASYMMETRIC-KEYS",
             label + ": a key per direction needs two different IDs in strongSwan, but both ends are '" + local_id + "'",
             "give the tunnel distinct local and remote identities", t.span, "psk.ikev2_remote");
    }
    // charon signs with the secret bound to the peer's ID and verifies with
    // the one bound to its own (notes/strongswan-peer.md).
    secrets_.push_back("  ike-" + name + "-local {");
    secrets_.push_back("    id = " + remote_id);
    secrets_.push_back("    secret = " + quoted_secret(*local, mask));
    secrets_.push_back("  }");
    secrets_.push_back("  ike-" + name + "-remote {");
    secrets_.push_back("    id = " + local_id);
    secrets_.push_back("    secret = " + quoted_secret(*remote, mask));
    secrets_.push_back("  }");
  }

  const model::Intent& in_;
  const SwanctlOptions& o_;
  Lines lines_;
  WriteResult out_;
  WriterFindings f_;
  std::vector<std::string> secrets_;
};

}  // namespace

translate::WriteResult write_swanctl(const model::Intent& intent, const SwanctlOptions& options) {
  return SwanctlWriter(intent, options).run();
}

}  // namespace ikeshift::swanctl
