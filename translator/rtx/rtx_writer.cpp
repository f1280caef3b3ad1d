#include "rtx/rtx_writer.h"

#include <algorithm>

#include "common/ipv4.h"
#include "rtx/rtx_intent.h"

namespace ikeshift::rtx {

namespace {

using model::Dialect;
using model::Tunnel;
using translate::Lines;
using translate::WriteResult;
using translate::WriterFindings;

std::string prefix_text(const model::AddressRange& r, bool& ok) {
  auto len = translate::prefix_of(r);
  ok = len.has_value();
  return format_ipv4(r.first) + "/" + std::to_string(len.value_or(32));
}

class RtxWriter {
 public:
  RtxWriter(const model::Intent& in, const translate::WriterOptions& o) : in_(in), lines_(o.mask_secrets), f_(in_, out_) {}

  WriteResult run() {
    lines_.add("# written by ikeshift translate from " + in_.file);
    uint32_t n = 0;
    for (const Tunnel& t : in_.tunnels) {
      ++n;
      const uint32_t id = in_.dialect == "rtx" ? t.sequence : n;
      tunnel(t, id);
    }
    lines_.add("ipsec auto refresh on");
    out_.text = lines_.take();
    return std::move(out_);
  }

 private:
  std::string one(const std::vector<const model::Algorithm*>& v, Dialect d, const text::SourceSpan& span,
                  const std::string& what, const std::string& field, const std::string& label) {
    if (v.empty()) return {};
    if (v.size() > 1) {
      f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
             label + ": the RTX takes one " + what + " per gateway; only '" + std::string(v[0]->id) + "' of " +
                 std::to_string(v.size()) + " is written",
             "", span, field);
    }
    const std::string_view name = model::algorithm_name(*v[0], d);
    if (name.empty()) {
      f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE",
             label + ": the RTX cannot express " + what + " '" + std::string(v[0]->id) + "'; the line is not written",
             "choose aes256-cbc / sha256 / modp2048 or another RTX algorithm", span, field);
      return {};
    }
    return std::string(name);
  }

  void tunnel(const Tunnel& t, uint32_t id) {
    const std::string label = translate::tunnel_label(in_, t);
    if (t.peers.empty()) return;
    const std::string g = std::to_string(id);
    const bool v2 = t.ikev2;
    if (t.ikev1 && t.ikev2) {
      f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
             label + " runs IKEv2 with IKEv1 as fallback; an RTX gateway runs one IKE version, so IKEv2 is written and the "
             "IKEv1 fallback is left out",
             "use --ike v2 to say so explicitly", t.span, "ikev1");
      for (const char* f : {"ikev1_proposals", "esp_v1", "psk.ikev1"}) f_.add(Severity::Info, "TRANSLATE-NOT-EXPRESSIBLE",
             label + ": IKEv1 setting not written (" + std::string(f) + ")", "", t.span, f);
    }
    const auto& ike = v2 ? t.ikev2_proposals : t.ikev1_proposals;
    const auto& esp = v2 ? t.esp_v2 : t.esp_v1;
    lines_.add("tunnel select " + g);
    lines_.add(" tunnel encapsulation ipsec");
    lines_.add(" ipsec tunnel " + g);
    std::string esp_words;
    if (esp.empty()) {
      f_.add(Severity::Error, "TRANSLATE-NO-ESP", label + " has no ESP proposal", "", t.span, "esp");
    } else {
      if (esp.size() > 1) {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               label + ": an RTX SA policy has one ESP proposal; only the first of " + std::to_string(esp.size()) + " is written",
               "", esp[1].span, v2 ? "esp_v2.size" : "esp_v1.size");
      }
      esp_words = one(esp[0].encryption, Dialect::Rtx, esp[0].span, "ESP cipher", v2 ? "esp_v2" : "esp_v1", label);
      const std::string auth = one(esp[0].integrity, Dialect::Rtx, esp[0].span, "ESP HMAC", v2 ? "esp_v2" : "esp_v1", label);
      if (!auth.empty()) esp_words += " " + auth;
      if (esp[0].mode == "transport") {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE", label + ": transport mode needs `ipsec transport` on the RTX, "
               "which this writer does not produce; written as a tunnel", "", esp[0].span, "esp_v2[0].mode");
      }
    }
    // Without a cipher there is no policy to write (the finding says why);
    // a half command would not load on the router.
    if (!esp_words.empty() && esp_words[0] != ' ') lines_.add("  ipsec sa policy " + g + " " + g + " esp " + esp_words);
    lines_.add("  ipsec ike version " + g + " " + (v2 ? "2" : "1"));
    const std::string child = v2 ? "child-sa" : "ipsec-sa";
    std::string duration = "  ipsec ike duration " + child + " " + g + " " + std::to_string(t.lifetime_seconds);
    if (t.lifetime_kilobytes != 0) {
      if (t.lifetime_kilobytes >= 100 && t.lifetime_kilobytes <= 100000) {
        duration += " " + std::to_string(t.lifetime_kilobytes);
      } else {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               label + ": the RTX limits an SA's volume to 100-100000 KB; the lifetime of " +
                   std::to_string(t.lifetime_kilobytes) + " KB is not written (only the time limit applies)",
               "", t.span, "lifetime_kilobytes");
      }
    }
    lines_.add(duration);
    if (!ike.empty()) {
      const model::IkeProposal& p = ike[0];
      if (ike.size() > 1) {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               label + ": the RTX has one IKE proposal per gateway; only the first of " + std::to_string(ike.size()) + " is written",
               "", ike[1].span, v2 ? "ikev2_proposals.size" : "ikev1_proposals.size");
      }
      lines_.add("  ipsec ike duration " + std::string(v2 ? "ike-sa " : "isakmp-sa ") + g + " " + std::to_string(p.lifetime_seconds));
      const std::string enc = one(p.encryption, Dialect::Rtx, p.span, "IKE encryption", "ike", label);
      if (!enc.empty()) lines_.add("  ipsec ike encryption " + g + " " + enc);
      std::string groups;
      for (const model::Algorithm* a : p.dh_groups) {
        const std::string_view n = model::algorithm_name(*a, Dialect::Rtx);
        if (n.empty()) {
          f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE", label + ": the RTX has no DH group '" + std::string(a->id) + "'", "",
                 p.span, "ike.dh_groups");
          continue;
        }
        groups += " " + std::string(n);
      }
      if (!groups.empty()) lines_.add("  ipsec ike group " + g + groups);
      // One `hash` is both the integrity and the PRF algorithm on the RTX.
      const std::string hash = one(p.prf, Dialect::Rtx, p.span, "IKE hash", "ike", label);
      if (!p.integrity.empty() && !p.prf.empty() &&
          model::algorithm_name(*p.integrity[0], Dialect::Rtx).find(model::algorithm_name(*p.prf[0], Dialect::Rtx)) ==
              std::string_view::npos) {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               label + ": the RTX uses one hash for integrity and PRF; integrity '" + std::string(p.integrity[0]->id) +
                   "' becomes the PRF's hash",
               "", p.span, v2 ? "ikev2_proposals[0].integrity" : "ikev1_proposals[0].integrity");
      }
      if (!hash.empty()) lines_.add("  ipsec ike hash " + g + " " + hash);
      if (t.pfs_group && (p.dh_groups.empty() || p.dh_groups[0] != t.pfs_group)) {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               label + ": RTX PFS uses the IKE group; PFS group '" + std::string(t.pfs_group->id) + "' is not expressible",
               "use the same group for IKE and PFS", t.span, "pfs_group");
      }
    }
    if (t.dpd.enabled) {
      lines_.add("  ipsec ike keepalive use " + g + (t.dpd.reply_only ? " auto" : " on") + (v2 ? " rfc4306 " : " dpd ") +
                 std::to_string(t.dpd.threshold_seconds) + " 3");
      if (!t.dpd.reply_only && t.dpd.retry_seconds != t.dpd.threshold_seconds) {
        f_.add(Severity::Info, "TRANSLATE-NOT-EXPRESSIBLE",
               label + ": the RTX probes every " + std::to_string(t.dpd.threshold_seconds) +
                   " s and has no separate retry interval (" + std::to_string(t.dpd.retry_seconds) + " s); it gives up after 3",
               "", t.span, "dpd.retry_seconds");
      }
    } else {
      lines_.add("  ipsec ike keepalive use " + g + " off");
    }
    if (t.local_address) lines_.add("  ipsec ike local address " + g + " " + format_ipv4(*t.local_address));
    name("local", g, t.local_identity, t.local_address);
    bool ok = true;
    bool narrowed = false;
    std::string local_id, remote_id;
    if (t.selectors.size() > 1) {
      f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE",
             label + " has " + std::to_string(t.selectors.size()) + " traffic selector pairs; an RTX gateway has one "
             "(`ipsec ike local id` / `remote id`): only the first is written",
             "give each pair its own tunnel", t.selectors[1].span, "selectors");
    }
    if (!t.selectors.empty()) {
      const model::SelectorPair& s = t.selectors[0];
      if (s.local.protocol != 0 || s.local.port_first != 0 || s.local.port_last != 65535 || s.remote.port_first != 0 ||
          s.remote.port_last != 65535) {
        f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE",
               label + ": RTX ids are address ranges; the protocol and ports of the selector are not expressible",
               "", s.span, "selectors");
      }
      const bool any = s.local.addresses == model::AddressRange{0, 0xffffffffu} &&
                       s.remote.addresses == model::AddressRange{0, 0xffffffffu};
      if (!any) {
        narrowed = true;
        local_id = prefix_text(s.local.addresses, ok);
        bool ok2 = true;
        remote_id = prefix_text(s.remote.addresses, ok2);
        if (!ok || !ok2) {
          f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE", label + ": a selector is not one subnet", "", s.span, "selectors");
        }
      }
    }
    if (narrowed) lines_.add("  ipsec ike local id " + g + " " + local_id);
    lines_.add("  ipsec ike nat-traversal " + g + (t.nat_t ? " on" : " off"));
    if (t.pfs_group) lines_.add("  ipsec ike pfs " + g + " on");
    key(t, g, label);
    if (v2) lines_.add("  ipsec ike proposal-limitation " + g + " on");
    lines_.add("  ipsec ike remote address " + g + " " + format_ipv4(t.peers[0]));
    if (t.remote_identity) name("remote", g, *t.remote_identity, t.peers[0]);
    if (narrowed) lines_.add("  ipsec ike remote id " + g + " " + remote_id);
    if (t.peers.size() > 1) {
      f_.add(Severity::Warning, "TRANSLATE-MULTI-PEER", label + ": the RTX gateway has one remote address; only " +
                 format_ipv4(t.peers[0]) + " is written", "", t.span, "peers");
    }
    if (t.connection_type != "bidirectional") {
      f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE", label + " is " + t.connection_type + "; not written for the RTX", "",
             t.span, "connection_type");
    }
    lines_.add(" tunnel enable " + g);
    lines_.add("tunnel select none");
  }

  void name(const char* side, const std::string& g, const model::IkeIdentity& id, const std::optional<uint32_t>& own) {
    switch (id.type) {
      case model::IkeIdentity::Type::Fqdn:
        lines_.add(std::string("  ipsec ike ") + side + " name " + g + " " + id.value + " fqdn");
        return;
      case model::IkeIdentity::Type::KeyId:
        lines_.add(std::string("  ipsec ike ") + side + " name " + g + " " + id.value + " key-id");
        return;
      case model::IkeIdentity::Type::Address: {
        const std::string a = !id.value.empty() ? id.value : own ? format_ipv4(*own) : "";
        if (!a.empty()) lines_.add(std::string("  ipsec ike ") + side + " name " + g + " " + a + " ipv4-addr");
        return;
      }
    }
  }

  void key(const Tunnel& t, const std::string& g, const std::string& label) {
    const std::optional<Secret>& k = t.ikev2 ? t.psk.ikev2_local : t.psk.ikev1;
    if (t.ikev2 && t.psk.ikev2_local && t.psk.ikev2_remote && !t.psk.ikev2_local->equals(*t.psk.ikev2_remote)) {
      f_.add(Severity::Error, "TRANSLATE-ASYMMETRIC-KEYS",
             label + " uses a different key per direction; an RTX gateway has one pre-shared key for both, so the local key is "
             "written and the peer must sign with it too",
             "agree on one key with the peer", t.span, "psk.ikev2_remote");
    }
    if (!k) {
      f_.add(Severity::Warning, "TRANSLATE-NO-KEY", label + " has no pre-shared key in the input", "", t.span);
      return;
    }
    const bool printable = std::all_of(k->reveal().begin(), k->reveal().end(),
                                       [](char c) { return c > ' ' && c < 0x7f; });
    if (printable) {
      lines_.add("  ipsec ike pre-shared-key " + g + " text " + lines_.key(*k));
    } else {
      static const char* hex = "0123456789abcdef";
      std::string digits = "0x";
      for (unsigned char c : k->reveal()) {
        digits += hex[c >> 4];
        digits += hex[c & 15];
      }
      Secret s(digits);
      wipe_string(digits);
      lines_.add("  ipsec ike pre-shared-key " + g + " hex " + lines_.key(s));
    }
  }

  const model::Intent& in_;
  Lines lines_;
  WriteResult out_;
  WriterFindings f_;
};

}  // namespace

translate::WriteResult write_rtx(const model::Intent& intent, const translate::WriterOptions& options) {
  return RtxWriter(intent, options).run();
}

}  // namespace ikeshift::rtx
