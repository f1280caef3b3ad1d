#include "ios/ios_writer.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/ipv4.h"
#include "ios/ios_intent.h"
#include "translate/acl_text.h"

namespace ikeshift::ios {

namespace {

using model::Dialect;
using model::Tunnel;
using translate::Lines;
using translate::WriteResult;
using translate::WriterFindings;

bool any_any(const Tunnel& t) {
  return t.selectors.size() == 1 && t.selectors[0].local.addresses == model::AddressRange{0, 0xffffffffu} &&
         t.selectors[0].remote.addresses == model::AddressRange{0, 0xffffffffu} && t.selectors[0].local.protocol == 0;
}

bool gre(const Tunnel& t) {
  return t.selectors.size() == 1 && t.selectors[0].local.protocol == 47 && t.local_address &&
         t.selectors[0].local.addresses == model::AddressRange{*t.local_address, *t.local_address} && !t.peers.empty() &&
         t.selectors[0].remote.addresses == model::AddressRange{t.peers[0], t.peers[0]};
}

class IosWriter {
 public:
  IosWriter(const model::Intent& in, const translate::WriterOptions& o) : in_(in), o_(o), lines_(o.mask_secrets), f_(in_, out_) {}

  WriteResult run() {
    if (!in_.device.empty()) lines_.add("hostname " + in_.device);
    lines_.add("!");
    ikev1();
    ikev2_globals();
    size_t i = 0;
    for (const Tunnel& t : in_.tunnels) tunnel(t, ++i);
    for (const auto& [name, body] : interfaces_) {
      lines_.add("interface " + name);
      for (const auto& l : body) lines_.add(l);
      lines_.add("!");
    }
    if (nat_t_off_) lines_.add("no crypto ipsec nat-transparency udp-encapsulation");
    out_.text = lines_.take();
    return std::move(out_);
  }

 private:
  std::string algos(const std::vector<const model::Algorithm*>& v, Dialect d, const text::SourceSpan& span,
                    const std::string& what, const std::string& field) {
    std::string s;
    for (const model::Algorithm* a : v) {
      const std::string_view n = model::algorithm_name(*a, d);
      if (n.empty()) {
        f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE", "IOS cannot express " + what + " '" + std::string(a->id) + "'; it is left out",
               "choose another algorithm", span, field);
        continue;
      }
      s += (s.empty() ? "" : " ") + std::string(n);
    }
    return s;
  }

  void ikev1() {
    int prio = 1;
    for (const model::IkeProposal& p : translate::distinct_ike_proposals(in_, 1)) {
      lines_.add("crypto isakmp policy " + std::to_string(in_.dialect == "rtx" ? prio++ : p.priority));
      lines_.add(" encr " + algos(p.encryption, Dialect::IosIsakmp, p.span, "IKE encryption", "ikev1_proposals"));
      lines_.add(" hash " + algos(p.integrity, Dialect::IosIsakmp, p.span, "IKE hash", "ikev1_proposals"));
      lines_.add(" authentication pre-share");
      lines_.add(" group " + algos(p.dh_groups, Dialect::IosIsakmp, p.span, "DH group", "ikev1_proposals"));
      lines_.add(" lifetime " + std::to_string(p.lifetime_seconds == 0 ? 86400u : p.lifetime_seconds));
      lines_.add("!");
    }
    std::set<uint32_t> keyed;
    std::optional<model::Dpd> dpd;
    for (const Tunnel& t : in_.tunnels) {
      if (!t.ikev1 || t.peers.empty()) continue;
      if (t.psk.ikev1 && keyed.insert(t.peers[0]).second)
        lines_.add("crypto isakmp key " + lines_.key(*t.psk.ikev1) + " address " + format_ipv4(t.peers[0]));
      if (t.dpd.enabled && !t.dpd.reply_only) {
        if (dpd && (dpd->threshold_seconds != t.dpd.threshold_seconds || dpd->retry_seconds != t.dpd.retry_seconds)) {
          f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
                 "IKEv1 keepalive is global on IOS (`crypto isakmp keepalive`); tunnels with other timers get the first one's",
                 "use an isakmp profile per peer for different timers", t.span, "dpd.threshold_seconds");
        } else {
          dpd = t.dpd;
        }
      }
    }
    if (dpd) lines_.add("crypto isakmp keepalive " + std::to_string(dpd->threshold_seconds) + " " + std::to_string(dpd->retry_seconds));
    if (!keyed.empty() || dpd) lines_.add("!");
  }

  void ikev2_globals() {
    const auto props = translate::distinct_ike_proposals(in_, 2);
    if (props.empty()) return;
    size_t n = 0;
    std::vector<std::string> names;
    for (const model::IkeProposal& p : props) {
      const std::string name = "IKEV2-PROPOSAL" + (props.size() > 1 ? "-" + std::to_string(++n) : std::string());
      names.push_back(name);
      lines_.add("crypto ikev2 proposal " + name);
      lines_.add(" encryption " + algos(p.encryption, Dialect::IosIkev2, p.span, "IKE encryption", "ikev2_proposals"));
      const bool aead = !p.encryption.empty() && p.encryption[0]->aead;
      if (!aead) lines_.add(" integrity " + algos(p.integrity, Dialect::IosIkev2, p.span, "IKE integrity", "ikev2_proposals"));
      // IOS takes the integrity algorithms as PRFs unless told otherwise.
      std::vector<const model::Algorithm*> derived;
      for (const model::Algorithm* i : p.integrity)
        if (auto* prf = find_algorithm(model::TransformType::Prf, Dialect::IosIkev2, model::algorithm_name(*i, Dialect::IosIkev2)))
          derived.push_back(prf);
      if (aead || derived != p.prf) lines_.add(" prf " + algos(p.prf, Dialect::IosIkev2, p.span, "PRF", "ikev2_proposals"));
      lines_.add(" group " + algos(p.dh_groups, Dialect::IosIkev2, p.span, "DH group", "ikev2_proposals"));
      lines_.add("!");
    }
    lines_.add("crypto ikev2 policy IKEV2-POLICY");
    std::string all;
    for (const auto& x : names) all += " " + x;
    lines_.add(" proposal" + all);
    lines_.add("!");
    lines_.add("crypto ikev2 keyring IKEV2-KEYRING");
    size_t peer = 0;
    for (const Tunnel& t : in_.tunnels) {
      if (!t.ikev2 || t.peers.empty()) continue;
      lines_.add(" peer PEER-" + std::to_string(++peer));
      lines_.add("  address " + format_ipv4(t.peers[0]));
      if (t.psk.ikev2_local && t.psk.ikev2_remote && t.psk.ikev2_local->equals(*t.psk.ikev2_remote)) {
        lines_.add("  pre-shared-key " + lines_.key(*t.psk.ikev2_local));
      } else {
        if (t.psk.ikev2_local) lines_.add("  pre-shared-key local " + lines_.key(*t.psk.ikev2_local));
        if (t.psk.ikev2_remote) lines_.add("  pre-shared-key remote " + lines_.key(*t.psk.ikev2_remote));
      }
      if (!t.psk.ikev2_local || !t.psk.ikev2_remote) {
        f_.add(Severity::Warning, "TRANSLATE-NO-KEY", translate::tunnel_label(in_, t) + " has no IKEv2 keys in the input",
               "add `pre-shared-key` under the keyring peer", t.span);
      }
    }
    lines_.add("!");
  }

  std::string ikev2_profile(const Tunnel& t, size_t i) {
    const std::string name = "IKEV2-PROFILE-" + std::to_string(i);
    lines_.add("crypto ikev2 profile " + name);
    if (!t.remote_identity) {
      f_.add(Severity::Info, "TRANSLATE-REMOTE-IDENTITY",
             translate::tunnel_label(in_, t) + " accepts any peer identity; IOS picks the IKEv2 profile by the peer's "
             "identity, so it is matched as the peer's address",
             "", t.span, "remote_identity");
    }
    for (const model::IkeProposal& p : t.ikev2_proposals) {
      if (p.lifetime_seconds != t.ikev2_proposals[0].lifetime_seconds) {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               translate::tunnel_label(in_, t) + ": IOS has one IKEv2 SA lifetime per profile; " +
                   std::to_string(t.ikev2_proposals[0].lifetime_seconds) + " s is written for every proposal",
               "", p.span, "ikev2_proposals");
        break;
      }
    }
    if (t.remote_identity && t.remote_identity->type == model::IkeIdentity::Type::Fqdn) {
      lines_.add(" match identity remote fqdn " + t.remote_identity->value);
    } else {
      if (t.remote_identity && t.remote_identity->type == model::IkeIdentity::Type::KeyId) {
        lines_.add(" match identity remote key-id " + t.remote_identity->value);
      } else {
        const std::string a =
            t.remote_identity && !t.remote_identity->value.empty() ? t.remote_identity->value : format_ipv4(t.peers[0]);
        lines_.add(" match identity remote address " + a + " 255.255.255.255");
      }
    }
    const model::IkeIdentity& id = t.local_identity;
    if (id.type == model::IkeIdentity::Type::Fqdn) lines_.add(" identity local fqdn " + id.value);
    else if (id.type == model::IkeIdentity::Type::KeyId) lines_.add(" identity local key-id " + id.value);
    else if (!id.value.empty()) lines_.add(" identity local address " + id.value);
    else if (t.local_address) lines_.add(" identity local address " + format_ipv4(*t.local_address));
    lines_.add(" authentication local pre-share");
    lines_.add(" authentication remote pre-share");
    lines_.add(" keyring local IKEV2-KEYRING");
    if (!t.ikev2_proposals.empty() && t.ikev2_proposals[0].lifetime_seconds != model::kDefaultIkeLifetimeSeconds)
      lines_.add(" lifetime " + std::to_string(t.ikev2_proposals[0].lifetime_seconds));
    if (t.dpd.enabled && !t.dpd.reply_only) {
      lines_.add(" dpd " + std::to_string(t.dpd.threshold_seconds) + " " + std::to_string(t.dpd.retry_seconds) + " on-demand");
    } else if (t.dpd.reply_only) {
      f_.add(Severity::Info, "TRANSLATE-DPD-REPLY-ONLY", "IOS answers DPD without sending it when no `dpd` is configured", "",
             t.span);
    }
    lines_.add("!");
    return name;
  }

  std::vector<std::string> transform_sets(const Tunnel& t, const std::vector<model::EspProposal>& esp) {
    std::vector<std::string> names;
    for (const model::EspProposal& e : esp) {
      std::string name;
      for (const auto& [n, seen] : written_sets_)
        if (translate::same_esp_proposal(seen, e)) name = n;
      if (name.empty()) {
        name = translate::word_name(e.name);
        while (written_sets_.count(name)) name += "-2";
        written_sets_.emplace(name, e);
        std::string words = algos(e.encryption, Dialect::IosTransform, e.span, "ESP encryption", "esp");
        std::string integ = algos(e.integrity, Dialect::IosTransform, e.span, "ESP integrity", "esp");
        if (e.encryption.size() > 1 || e.integrity.size() > 1) {
          f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
                 "an IOS transform-set has one cipher and one HMAC; transform-set " + name + " gets the first of each",
                 "add more transform-sets for the others", e.span, "esp");
          words = model::algorithm_name(*e.encryption[0], Dialect::IosTransform);
          if (!e.integrity.empty()) integ = model::algorithm_name(*e.integrity[0], Dialect::IosTransform);
        }
        lines_.add("crypto ipsec transform-set " + name + " " + words + (integ.empty() ? "" : " " + integ));
        lines_.add(" mode " + e.mode);
        lines_.add("!");
      }
      names.push_back(name);
    }
    (void)t;
    return names;
  }

  void sa_settings(const Tunnel& t, std::vector<std::string>& body) {
    if (t.pfs_group) {
      const std::string_view g = model::algorithm_name(*t.pfs_group, Dialect::IosTransform);
      if (g.empty()) {
        f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE", "IOS has no PFS group '" + std::string(t.pfs_group->id) + "'", "",
               t.span, "pfs_group");
      } else {
        body.push_back(" set pfs " + std::string(g));
      }
    }
    if (t.lifetime_seconds != model::kIosDefaultIpsecLifetimeSeconds)
      body.push_back(" set security-association lifetime seconds " + std::to_string(t.lifetime_seconds));
    if (t.lifetime_kilobytes != model::kIosDefaultIpsecLifetimeKilobytes) {
      body.push_back(" set security-association lifetime kilobytes " +
                     (t.lifetime_kilobytes == 0 ? std::string("disable") : std::to_string(t.lifetime_kilobytes)));
    }
  }

  std::string outside_interface(const Tunnel& t) {
    if (!t.local_address) return "GigabitEthernet0/0";
    auto it = outside_.find(*t.local_address);
    if (it != outside_.end()) return it->second;
    const std::string name = in_.dialect == "ios" && !t.local_interface.empty()
                                 ? t.local_interface
                                 : "GigabitEthernet0/" + std::to_string(outside_.size());
    outside_[*t.local_address] = name;
    if (!t.local_netmask) {
      f_.add(Severity::Warning, "TRANSLATE-NO-NETMASK",
             "the netmask of the local address " + format_ipv4(*t.local_address) + " is not in the input; written as /32",
             "fix ` ip address` to the interface's real mask", t.span);
    }
    interfaces_[name].push_back(" ip address " + format_ipv4(*t.local_address) + " " +
                                format_ipv4(t.local_netmask.value_or(0xffffffffu)));
    return name;
  }

  void tunnel(const Tunnel& t, size_t i) {
    if (t.peers.empty()) return;
    if (t.connection_type != "bidirectional") {
      f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
             translate::tunnel_label(in_, t) + " is " + t.connection_type + "; IOS crypto maps initiate and answer",
             "", t.span, "connection_type");
    }
    if (!t.nat_t) nat_t_off_ = true;
    const bool v2 = t.ikev2;
    const std::string profile = v2 ? ikev2_profile(t, i) : "";
    if (t.ikev1 && t.ikev2) {
      bool same = t.esp_v1.size() == t.esp_v2.size();
      for (size_t k = 0; same && k < t.esp_v1.size(); ++k) same = translate::same_esp_proposal(t.esp_v1[k], t.esp_v2[k]);
      if (!same) {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               translate::tunnel_label(in_, t) + ": an IOS crypto map has one transform-set list for IKEv1 and IKEv2; the "
               "IKEv2 ESP proposals are written",
               "", t.span, "esp_v1");
      }
    }
    const auto sets = transform_sets(t, v2 ? t.esp_v2 : t.esp_v1);
    const std::string outside = outside_interface(t);
    using Style = translate::WriterOptions::IosStyle;
    const bool protect = o_.ios_style == Style::TunnelProtection ||
                         (o_.ios_style == Style::Auto && t.route_based && (any_any(t) || gre(t)));
    if (protect && (any_any(t) || gre(t))) {
      const std::string name = "IPSEC-PROFILE-" + std::to_string(i);
      lines_.add("crypto ipsec profile " + name);
      std::string s;
      for (const auto& x : sets) s += " " + x;
      if (!s.empty()) lines_.add(" set transform-set" + s);
      std::vector<std::string> body;
      sa_settings(t, body);
      for (const auto& l : body) lines_.add(l);
      if (v2) lines_.add(" set ikev2-profile " + profile);
      lines_.add("!");
      auto& itf = interfaces_[t.route_based && in_.dialect == "ios" ? t.map : "Tunnel" + std::to_string(i)];
      itf.push_back(" tunnel source " + outside);
      itf.push_back(" tunnel destination " + format_ipv4(t.peers[0]));
      if (any_any(t)) itf.push_back(" tunnel mode ipsec ipv4");
      itf.push_back(" tunnel protection ipsec profile " + name);
      return;
    }
    if (protect) {
      f_.add(Severity::Info, "TRANSLATE-CRYPTO-MAP", translate::tunnel_label(in_, t) +
                 " has narrower traffic selectors than a tunnel interface carries; written as a crypto map entry", "", t.span);
    }
    // Crypto map names and sequences carry over from ASA and IOS input.
    const bool named = (in_.dialect == "ios" || in_.dialect == "asa") && !t.route_based;
    const std::string map = named ? t.map : "CRYPTO-MAP";
    const uint32_t seq = named ? t.sequence : static_cast<uint32_t>(10 * i);
    const std::string acl = !t.acl.empty() && in_.dialect != "rtx" ? translate::word_name(t.acl) : "VPN-" + std::to_string(i);
    lines_.add("crypto map " + map + " " + std::to_string(seq) + " ipsec-isakmp");
    for (uint32_t p : t.peers) lines_.add(" set peer " + format_ipv4(p));
    std::string s;
    for (const auto& x : sets) s += " " + x;
    if (!s.empty()) lines_.add(" set transform-set" + s);
    std::vector<std::string> body;
    sa_settings(t, body);
    for (const auto& l : body) lines_.add(l);
    if (v2) lines_.add(" set ikev2-profile " + profile);
    lines_.add(" match address " + acl);
    lines_.add("!");
    lines_.add("ip access-list extended " + acl);
    for (const model::SelectorPair& sp : t.selectors) {
      auto rule = translate::acl_rule_text(sp, translate::AclStyle::IosWildcard);
      if (!rule) {
        f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE",
               translate::tunnel_label(in_, t) + ": a traffic selector is not one ACL line; it is left out",
               "write it as several subnets", sp.span, "selectors");
        continue;
      }
      lines_.add(" permit " + *rule);
    }
    lines_.add("!");
    auto& itf = interfaces_[outside];
    if (std::find(itf.begin(), itf.end(), " crypto map " + map) == itf.end()) itf.push_back(" crypto map " + map);
  }

  const model::Intent& in_;
  const translate::WriterOptions& o_;
  Lines lines_;
  WriteResult out_;
  WriterFindings f_;
  std::map<std::string, model::EspProposal> written_sets_;
  std::map<uint32_t, std::string> outside_;
  std::map<std::string, std::vector<std::string>> interfaces_;
  bool nat_t_off_ = false;
};

}  // namespace

translate::WriteResult write_ios(const model::Intent& intent, const translate::WriterOptions& options) {
  return IosWriter(intent, options).run();
}

}  // namespace ikeshift::ios
