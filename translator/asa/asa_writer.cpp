#include "asa/asa_writer.h"

#include <map>
#include <set>

#include "common/ipv4.h"
#include "translate/acl_text.h"

namespace ikeshift::asa {

namespace {

using model::Dialect;
using model::Tunnel;
using translate::Lines;
using translate::WriteResult;
using translate::WriterFindings;

std::string names(const std::vector<const model::Algorithm*>& v, Dialect d, WriterFindings& f, const model::IkeProposal* p,
                  const model::EspProposal* e, const std::string& what, bool& ok) {
  std::string s;
  for (const model::Algorithm* a : v) {
    const std::string_view n = model::algorithm_name(*a, d);
    if (n.empty()) {
      f.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE",
            "the ASA cannot express " + what + " '" + std::string(a->id) + "'; it is left out",
            "choose an algorithm the ASA has, e.g. " + std::string(a->replacement.empty() ? "aes-cbc-256" : a->replacement),
            p != nullptr ? p->span : e->span, what);
      ok = false;
      continue;
    }
    s += (s.empty() ? "" : " ") + std::string(n);
  }
  return s;
}

class AsaWriter {
 public:
  AsaWriter(const model::Intent& in, const translate::WriterOptions& o) : in_(in), lines_(o.mask_secrets), f_(in_, out_) {}

  WriteResult run() {
    if (!in_.device.empty()) lines_.add("hostname " + in_.device);
    plan();
    interfaces();
    acls();
    esp();
    maps();
    ike();
    tunnel_groups();
    out_.text = lines_.take();
    return std::move(out_);
  }

 private:
  struct Plan {
    const Tunnel* t;
    std::string nameif, map, acl;
    uint32_t seq;
    std::vector<std::string> v1_sets, v2_proposals;
  };

  void plan() {
    // The ASA applies one crypto map per interface: tunnels are grouped by
    // their local address, and keep their map name and sequence when the
    // input was a crypto map (ASA, IOS).
    std::map<uint32_t, std::string> map_of_address;
    uint32_t next_seq = 10;
    for (const Tunnel& t : in_.tunnels) {
      Plan p{&t, {}, {}, {}, 0, {}, {}};
      const bool named = (in_.dialect == "asa" || in_.dialect == "ios") && !t.route_based;
      p.nameif = in_.dialect == "asa" && !t.local_interface.empty() ? t.local_interface : "outside";
      const uint32_t local = t.local_address.value_or(0);
      auto it = map_of_address.find(local);
      if (it == map_of_address.end()) {
        it = map_of_address.emplace(local, named ? t.map : p.nameif + "_map").first;
      }
      p.map = it->second;
      p.seq = named ? t.sequence : (t.sequence != 0 && in_.dialect == "rtx" ? t.sequence : next_seq);
      next_seq = std::max(next_seq, p.seq) + 10;
      p.acl = !t.acl.empty() ? translate::word_name(t.acl) : p.nameif + "_cryptomap_" + std::to_string(p.seq);
      if (map_of_address.size() > 1 && p.nameif == "outside") p.nameif += std::to_string(map_of_address.size());
      plans_.push_back(std::move(p));
    }
  }

  void interfaces() {
    std::set<std::string> done;
    for (const Plan& p : plans_) {
      if (!p.t->local_address || !done.insert(p.nameif).second) continue;
      lines_.add("!");
      lines_.add("interface GigabitEthernet0/" + std::to_string(done.size() - 1));
      lines_.add(" nameif " + p.nameif);
      lines_.add(" security-level 0");
      uint32_t mask = p.t->local_netmask.value_or(0xffffffffu);
      if (!p.t->local_netmask) {
        f_.add(Severity::Warning, "TRANSLATE-NO-NETMASK",
               "the netmask of the local address " + format_ipv4(*p.t->local_address) + " is not in the input; written as /32",
               "fix ` ip address` to the interface's real mask", p.t->span);
      }
      lines_.add(" ip address " + format_ipv4(*p.t->local_address) + " " + format_ipv4(mask));
    }
    lines_.add("!");
  }

  void acls() {
    for (const Plan& p : plans_) {
      for (const model::SelectorPair& s : p.t->selectors) {
        auto rule = translate::acl_rule_text(s, translate::AclStyle::AsaMask);
        if (!rule) {
          f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE",
                 translate::tunnel_label(in_, *p.t) + ": a traffic selector is not one ACL line (an address range that is "
                 "not a subnet, or different protocols); it is left out",
                 "write it as several subnets", s.span, "selectors");
          continue;
        }
        lines_.add("access-list " + p.acl + " extended permit " + *rule);
      }
    }
    lines_.add("!");
  }

  void esp() {
    std::vector<model::EspProposal> v1, v2;
    auto name_for = [](std::vector<model::EspProposal>& seen, const model::EspProposal& e) -> std::pair<std::string, bool> {
      for (const auto& s : seen)
        if (translate::same_esp_proposal(s, e)) return {s.name, false};
      model::EspProposal copy = e;
      copy.name = translate::word_name(e.name);
      for (const auto& s : seen)
        if (s.name == copy.name) copy.name += "-" + std::to_string(seen.size() + 1);
      seen.push_back(copy);
      return {copy.name, true};
    };
    for (Plan& p : plans_) {
      for (const model::EspProposal& e : p.t->esp_v1) {
        auto [name, fresh] = name_for(v1, e);
        p.v1_sets.push_back(name);
        if (!fresh) continue;
        bool ok = true;
        std::string enc = names(e.encryption, Dialect::AsaIkev1Transform, f_, nullptr, &e, "ESP encryption", ok);
        std::string integ = names(e.integrity, Dialect::AsaIkev1Transform, f_, nullptr, &e, "ESP integrity", ok);
        if (e.encryption.size() > 1 || e.integrity.size() > 1) {
          f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
                 "an IKEv1 transform-set has one cipher and one HMAC; transform-set " + name + " gets the first of each",
                 "add more transform-sets for the others", e.span, "esp_v1");
          enc = enc.substr(0, enc.find(' '));
          integ = integ.substr(0, integ.find(' '));
        }
        lines_.add("crypto ipsec ikev1 transform-set " + name + " " + enc + (integ.empty() ? "" : " " + integ));
        if (e.mode == "transport") lines_.add("crypto ipsec ikev1 transform-set " + name + " mode transport");
      }
      for (const model::EspProposal& e : p.t->esp_v2) {
        auto [name, fresh] = name_for(v2, e);
        p.v2_proposals.push_back(name);
        if (!fresh) continue;
        bool ok = true;
        lines_.add("crypto ipsec ikev2 ipsec-proposal " + name);
        lines_.add(" protocol esp encryption " + names(e.encryption, Dialect::AsaIkev2Proposal, f_, nullptr, &e, "ESP encryption", ok));
        if (!e.integrity.empty())
          lines_.add(" protocol esp integrity " + names(e.integrity, Dialect::AsaIkev2Proposal, f_, nullptr, &e, "ESP integrity", ok));
      }
    }
  }

  void maps() {
    std::set<std::string> bound;
    for (const Plan& p : plans_) {
      const Tunnel& t = *p.t;
      const std::string e = "crypto map " + p.map + " " + std::to_string(p.seq);
      lines_.add(e + " match address " + p.acl);
      if (t.pfs_group) {
        const std::string_view g = model::algorithm_name(*t.pfs_group, Dialect::AsaPfs);
        if (g.empty()) {
          f_.add(Severity::Error, "TRANSLATE-NOT-EXPRESSIBLE", "the ASA has no PFS group '" + std::string(t.pfs_group->id) + "'",
                 "use group14 or another ASA group", t.span, "pfs_group");
        } else {
          lines_.add(e + " set pfs " + std::string(g));
        }
      }
      std::string peers;
      for (uint32_t a : t.peers) peers += " " + format_ipv4(a);
      lines_.add(e + " set peer" + peers);
      if (t.ikev2 && t.peers.size() > 1) {
        f_.add(Severity::Warning, "TRANSLATE-MULTI-PEER",
               translate::tunnel_label(in_, t) + " lists " + std::to_string(t.peers.size()) +
                   " peers; IKEv2 on the ASA uses only the first (CSCud22276)",
               "give each backup peer its own crypto map entry", t.span);
      }
      if (!p.v1_sets.empty()) lines_.add(e + " set ikev1 transform-set " + join(p.v1_sets));
      if (!p.v2_proposals.empty()) lines_.add(e + " set ikev2 ipsec-proposal " + join(p.v2_proposals));
      if (t.ikev2 && !t.esp_v2.empty() && t.esp_v2.front().mode == "transport") lines_.add(e + " set ikev2 mode transport");
      if (t.lifetime_seconds != model::kDefaultIpsecLifetimeSeconds)
        lines_.add(e + " set security-association lifetime seconds " + std::to_string(t.lifetime_seconds));
      if (t.lifetime_kilobytes != model::kDefaultIpsecLifetimeKilobytes) {
        lines_.add(e + " set security-association lifetime kilobytes " +
                   (t.lifetime_kilobytes == 0 ? std::string("unlimited") : std::to_string(t.lifetime_kilobytes)));
      }
      if (t.connection_type != "bidirectional") lines_.add(e + " set connection-type " + t.connection_type);
      if (!t.nat_t) lines_.add(e + " set nat-t-disable");
      if (t.remote_identity) {
        const std::string who = t.remote_identity->value.empty() ? "its address" : "'" + t.remote_identity->value + "'";
        f_.add(t.remote_identity->value.empty() ? Severity::Info : Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               translate::tunnel_label(in_, t) + " requires the peer to authenticate as " + who +
                   "; an ASA L2L tunnel-group finds the peer by its address and checks no identity",
               "rely on the key, or check the identity on the peer", t.remote_identity->span, "remote_identity");
      }
      if (bound.insert(p.map).second) bound_lines_.push_back("crypto map " + p.map + " interface " + p.nameif);
    }
    for (const auto& l : bound_lines_) lines_.add(l);
  }

  static std::string join(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
    return s;
  }

  void ike() {
    identity();
    std::set<std::string> v1_if, v2_if;
    for (const Plan& p : plans_) {
      if (p.t->ikev1) v1_if.insert(p.nameif);
      if (p.t->ikev2) v2_if.insert(p.nameif);
    }
    int prio = 1;
    for (const model::IkeProposal& p : translate::distinct_ike_proposals(in_, 2)) {
      bool ok = true;
      lines_.add("crypto ikev2 policy " + std::to_string(in_.dialect == "asa" ? p.priority : prio++));
      lines_.add(" encryption " + names(p.encryption, Dialect::AsaIkev2Policy, f_, &p, nullptr, "IKE encryption", ok));
      if (!p.integrity.empty()) {
        lines_.add(" integrity " + names(p.integrity, Dialect::AsaIkev2Policy, f_, &p, nullptr, "IKE integrity", ok));
      } else if (!p.encryption.empty() && p.encryption[0]->aead) {
        lines_.add(" integrity null");  // AES-GCM: the ASA wants it said
      }
      lines_.add(" group " + names(p.dh_groups, Dialect::AsaIkev2Policy, f_, &p, nullptr, "DH group", ok));
      lines_.add(" prf " + names(p.prf, Dialect::AsaIkev2Policy, f_, &p, nullptr, "PRF", ok));
      lines_.add(" lifetime seconds " + std::to_string(p.lifetime_seconds == 0 ? 2147483647u : p.lifetime_seconds));
    }
    for (const auto& i : v2_if) lines_.add("crypto ikev2 enable " + i);
    for (const auto& i : v1_if) lines_.add("crypto ikev1 enable " + i);
    prio = 1;
    for (const model::IkeProposal& p : translate::distinct_ike_proposals(in_, 1)) {
      bool ok = true;
      lines_.add("crypto ikev1 policy " + std::to_string(in_.dialect == "asa" || in_.dialect == "ios" ? p.priority : prio++));
      lines_.add(" authentication " + (p.authentication.empty() ? std::string("pre-share") : p.authentication));
      lines_.add(" encryption " + names(p.encryption, Dialect::AsaIkev1Policy, f_, &p, nullptr, "IKE encryption", ok));
      lines_.add(" hash " + names(p.integrity, Dialect::AsaIkev1Policy, f_, &p, nullptr, "IKE hash", ok));
      lines_.add(" group " + names(p.dh_groups, Dialect::AsaIkev1Policy, f_, &p, nullptr, "DH group", ok));
      lines_.add(" lifetime " + (p.lifetime_seconds == 0 ? std::string("none") : std::to_string(p.lifetime_seconds)));
    }
  }

  void identity() {
    // `crypto isakmp identity` is global on the ASA: one identity for all tunnels.
    const Tunnel* first = in_.tunnels.empty() ? nullptr : &in_.tunnels.front();
    if (first == nullptr) return;
    for (const Tunnel& t : in_.tunnels) {
      if (t.local_identity != first->local_identity) {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               "the tunnels send different local identities; the ASA has one global `crypto isakmp identity`",
               "check the identity each peer expects", t.local_identity.span, "local_identity");
      }
    }
    const model::IkeIdentity& id = first->local_identity;
    if (id.type == model::IkeIdentity::Type::KeyId) {
      lines_.add("crypto isakmp identity key-id " + id.value);
    } else if (id.type == model::IkeIdentity::Type::Fqdn) {
      if (id.value == in_.device || id.value.rfind(in_.device + ".", 0) == 0) {
        if (id.value.size() > in_.device.size()) lines_.add("domain-name " + id.value.substr(in_.device.size() + 1));
        lines_.add("crypto isakmp identity hostname");
      } else {
        f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
               "the ASA sends its own `hostname.domain-name` as FQDN identity, not '" + id.value + "'",
               "set the ASA's hostname and domain-name so that they spell '" + id.value + "'", id.span, "local_identity");
      }
    } else if (!id.value.empty()) {
      f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
             "the ASA sends its interface address as identity, not " + id.value, "", id.span, "local_identity");
    }
  }

  void tunnel_groups() {
    std::set<uint32_t> done;
    for (const Plan& p : plans_) {
      const Tunnel& t = *p.t;
      if (t.peers.empty() || !done.insert(t.peers.front()).second) continue;
      const std::string tg = format_ipv4(t.peers.front());
      lines_.add("tunnel-group " + tg + " type ipsec-l2l");
      lines_.add("tunnel-group " + tg + " ipsec-attributes");
      if (t.psk.ikev1) lines_.add(" ikev1 pre-shared-key " + lines_.key(*t.psk.ikev1));
      if (t.psk.ikev2_remote) lines_.add(" ikev2 remote-authentication pre-shared-key " + lines_.key(*t.psk.ikev2_remote));
      if (t.psk.ikev2_local) lines_.add(" ikev2 local-authentication pre-shared-key " + lines_.key(*t.psk.ikev2_local));
      if ((t.ikev1 && !t.psk.ikev1) || (t.ikev2 && (!t.psk.ikev2_local || !t.psk.ikev2_remote))) {
        f_.add(Severity::Warning, "TRANSLATE-NO-KEY", translate::tunnel_label(in_, t) + " has no pre-shared key in the input",
               "add the keys to tunnel-group " + tg + " ipsec-attributes", t.span);
      }
      if (!t.dpd.enabled) {
        lines_.add(" isakmp keepalive disable");
      } else if (t.dpd.reply_only) {
        lines_.add(" isakmp keepalive threshold infinite");
      } else if (t.dpd.threshold_seconds != model::kDefaultDpdThresholdSeconds ||
                 t.dpd.retry_seconds != model::kDefaultDpdRetrySeconds) {
        uint32_t retry = t.dpd.retry_seconds;
        if (retry < 2 || retry > 10) {
          f_.add(Severity::Warning, "TRANSLATE-NOT-EXPRESSIBLE",
                 "the ASA's keepalive retry is 2-10 s; " + std::to_string(retry) + " s is written as " +
                     std::to_string(retry < 2 ? 2 : 10),
                 "", t.span, "dpd.retry_seconds");
          retry = retry < 2 ? 2 : 10;
        }
        lines_.add(" isakmp keepalive threshold " + std::to_string(t.dpd.threshold_seconds) + " retry " + std::to_string(retry));
      }
    }
  }

  const model::Intent& in_;
  Lines lines_;
  WriteResult out_;
  WriterFindings f_;
  std::vector<Plan> plans_;
  std::vector<std::string> bound_lines_;
};

}  // namespace

translate::WriteResult write_asa(const model::Intent& intent, const translate::WriterOptions& options) {
  return AsaWriter(intent, options).run();
}

}  // namespace ikeshift::asa
