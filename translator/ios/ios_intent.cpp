#include "ios/ios_intent.h"

#include <algorithm>

#include "asa/asa_intent_proposals.h"
#include "asa/asa_intent_selectors.h"
#include "common/ipv4.h"
#include "common/text_case.h"
#include "model/intent_diagnostics.h"

namespace ikeshift::model {

namespace {

using detail::Diagnostics;
using text::SourceSpan;

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : " ") + x;
  return s;
}

bool iequal(const std::string& a, const char* b) { return iequals(a, b); }

bool covers(uint32_t address, uint32_t mask, uint32_t peer) { return (peer & mask) == (address & mask); }

class IosDerivation {
 public:
  IosDerivation(const ios::IosConfig& cfg, const std::string& file, Intent& out)
      : cfg_(cfg), out_(out), diag_(file, out.findings) {}

  void run() {
    out_.dialect = "ios";
    if (cfg_.hostname) out_.device = cfg_.hostname->text;
    for (const ios::Interface& i : cfg_.interfaces) {
      if (i.address && i.mask) out_.interfaces.push_back(Interface{i.name.text, *i.address, *i.mask, i.shutdown, i.address_span});
    }
    ikev1_ = ikev1_proposals();
    ikev2_ = ikev2_proposals();
    for (const Word& w : cfg_.entries_without_ike) {
      diag_.warning("INTENT-NO-IKE-ENTRY",
                    "a crypto map entry of type '" + w.text + "' has no IKE (manual keys or group keying); it is not "
                    "a tunnel ikeshift derives, translates or migrates",
                    "convert it to `ipsec-isakmp` with IKE first", w.span);
    }
    for (const ios::CryptoMapEntry& e : cfg_.crypto_map_entries) crypto_map_entry(e);
    for (const ios::Interface& i : cfg_.interfaces)
      if (i.tunnel_protection) tunnel_interface(i);
  }

 private:
  // ------------------------------------------------------------ IKE proposals
  std::vector<IkeProposal> ikev1_proposals() {
    std::vector<IkeProposal> out;
    for (const ios::IsakmpPolicy& p : cfg_.isakmp_policies) {
      IkeProposal prop;
      prop.version = 1;
      prop.priority = p.priority;
      prop.span = p.block.span;
      const std::string policy = "crypto isakmp policy " + std::to_string(p.priority);
      auto field = [&](const std::optional<Word>& w, const char* name, const char* dflt) {
        if (w) return *w;
        diag_.warning("INTENT-IKE-DEFAULT-ASSUMED",
                      policy + " has no " + name + " line; assuming the IOS default '" + dflt + "'",
                      std::string("write ` ") + name + " " + dflt + "` explicitly", p.block.span);
        return Word{dflt, p.block.span};
      };
      const Word enc = field(p.encryption, "encryption", "des");
      const Word hash = field(p.hash, "hash", "sha");
      const Word group = field(p.group, "group", "1");
      const Word auth = field(p.authentication, "authentication", "rsa-sig");
      prop.authentication = auth.text;
      const Dialect d = Dialect::IosIsakmp;
      const Algorithm* e = detail::lookup_algorithm(TransformType::Encryption, d, enc, "encryption", diag_);
      const Algorithm* i = detail::lookup_algorithm(TransformType::Integrity, d, hash, "hash", diag_);
      const Algorithm* f = i == nullptr ? nullptr : find_algorithm(TransformType::Prf, d, hash.text);
      const Algorithm* g = detail::lookup_algorithm(TransformType::DhGroup, d, group, "group", diag_);
      if (e == nullptr || i == nullptr || f == nullptr || g == nullptr) continue;
      prop.encryption = {e};
      prop.integrity = {i};
      prop.prf = {f};
      prop.dh_groups = {g};
      prop.sources = {{e, enc.span}, {i, hash.span}, {f, hash.span}, {g, group.span}};
      prop.lifetime_seconds = p.lifetime.value_or(kDefaultIkeLifetimeSeconds);
      prop.lifetime_span = p.lifetime_span;
      out.push_back(std::move(prop));
    }
    std::stable_sort(out.begin(), out.end(), [](const IkeProposal& a, const IkeProposal& b) { return a.priority < b.priority; });
    return out;
  }

  std::optional<IkeProposal> ikev2_proposal(const ios::Ikev2Proposal& p, int priority) {
    IkeProposal out;
    out.version = 2;
    out.priority = priority;
    out.span = p.block.span;
    const Dialect d = Dialect::IosIkev2;
    bool ok = true;
    auto all = [&](TransformType t, const std::vector<Word>& words, const char* what, std::vector<const Algorithm*>& into) {
      for (const Word& w : words) {
        const Algorithm* a = detail::lookup_algorithm(t, d, w, what, diag_);
        if (a == nullptr) {
          ok = false;
        } else if (std::find(into.begin(), into.end(), a) == into.end()) {
          into.push_back(a);
          out.sources.push_back({a, w.span});
        }
      }
    };
    all(TransformType::Encryption, p.encryption, "encryption", out.encryption);
    all(TransformType::Integrity, p.integrity, "integrity", out.integrity);
    all(TransformType::Prf, p.prf, "prf", out.prf);
    all(TransformType::DhGroup, p.group, "group", out.dh_groups);
    if (!ok) return std::nullopt;
    const bool aead = !out.encryption.empty() &&
                      std::all_of(out.encryption.begin(), out.encryption.end(), [](const Algorithm* a) { return a->aead; });
    // Seed 002: a proposal is complete with a non-GCM cipher, an integrity
    // algorithm and a group, or with AES-GCM, a PRF and a group.
    const bool complete = !out.encryption.empty() && !out.dh_groups.empty() &&
                          (aead ? !out.prf.empty() : !out.integrity.empty());
    if (!complete) {
      diag_.error("INTENT-IKEV2-PROPOSAL-INCOMPLETE",
                  "crypto ikev2 proposal " + p.name.text +
                      " is incomplete: IOS needs an encryption other than aes-gcm, an integrity algorithm and a "
                      "DH group, or aes-gcm, a prf and a DH group",
                  "add the missing `encryption`, `integrity`/`prf` or `group` line", p.block.span);
      return std::nullopt;
    }
    if (out.prf.empty()) {
      // IOS uses the integrity algorithms as PRFs when none is configured.
      for (const Algorithm* integ : out.integrity) {
        if (const Algorithm* prf = find_algorithm(TransformType::Prf, d, algorithm_name(*integ, d))) {
          out.prf.push_back(prf);
          out.sources.push_back({prf, p.block.span});
        }
      }
    }
    return out;
  }

  std::vector<IkeProposal> ikev2_proposals() {
    std::vector<IkeProposal> out;
    int priority = 1;
    for (const ios::Ikev2Policy& pol : cfg_.ikev2_policies) {
      bool complete = false;
      for (const Word& name : pol.proposals) {
        const ios::Ikev2Proposal* p = cfg_.ikev2_proposal(name.text);
        if (p == nullptr) {
          diag_.error("INTENT-UNDEFINED-IKEV2-PROPOSAL",
                      "crypto ikev2 policy " + pol.name.text + " names proposal '" + name.text + "', which is not defined",
                      "define `crypto ikev2 proposal " + name.text + "`", name.span);
          continue;
        }
        if (auto prop = ikev2_proposal(*p, priority++)) {
          out.push_back(std::move(*prop));
          complete = true;
        }
      }
      if (!complete) {
        diag_.error("INTENT-IKEV2-POLICY-INCOMPLETE",
                    "crypto ikev2 policy " + pol.name.text + " has no complete proposal attached (seed 002: "
                    "an IKEv2 policy must have at least one)",
                    "add ` proposal NAME` naming a complete crypto ikev2 proposal", pol.block.span);
      }
    }
    if (cfg_.ikev2_policies.empty() && !cfg_.ikev2_profiles.empty()) {
      // IOS's default IKEv2 policy and proposal (smart defaults).
      IkeProposal def;
      def.version = 2;
      def.priority = priority;
      for (const char* e : {"aes-cbc-256", "aes-cbc-192", "aes-cbc-128"}) def.encryption.push_back(find_algorithm(TransformType::Encryption, Dialect::IosIkev2, e));
      for (const char* i : {"sha512", "sha384", "sha256", "sha1", "md5"}) {
        def.integrity.push_back(find_algorithm(TransformType::Integrity, Dialect::IosIkev2, i));
        def.prf.push_back(find_algorithm(TransformType::Prf, Dialect::IosIkev2, i));
      }
      for (const char* g : {"5", "2"}) def.dh_groups.push_back(find_algorithm(TransformType::DhGroup, Dialect::IosIkev2, g));
      diag_.warning("INTENT-IKE-DEFAULT-ASSUMED",
                    "no crypto ikev2 policy is configured; assuming the IOS default proposal (aes-cbc-256/192/128, "
                    "sha512/384/256/sha1/md5, group 5 2)",
                    "configure a crypto ikev2 proposal and policy explicitly: defaults differ between releases",
                    cfg_.ikev2_profiles.front().block.span);
      out.push_back(std::move(def));
    }
    return out;
  }

  // ------------------------------------------------------------ ESP
  std::optional<EspProposal> transform_set(const ios::TransformSet& ts) {
    EspProposal out;
    out.name = ts.name.text;
    out.span = ts.name.span;
    if (ts.mode && iequal(ts.mode->text, "transport")) out.mode = "transport";
    bool ok = true;
    for (const Word& w : ts.transforms) {
      const Algorithm* a = find_algorithm_any(Dialect::IosTransform, w.text);
      if (a != nullptr) out.sources.push_back({a, w.span});
      if (a != nullptr && a->type == TransformType::Encryption) {
        out.encryption.push_back(a);
      } else if (a != nullptr && a->type == TransformType::Integrity) {
        out.integrity.push_back(a);
      } else {
        std::vector<std::string> expected = names_in_dialect(TransformType::Encryption, Dialect::IosTransform);
        for (auto& n : names_in_dialect(TransformType::Integrity, Dialect::IosTransform)) expected.push_back(n);
        diag_.error("INTENT-UNKNOWN-ALGORITHM",
                    "transform '" + w.text + "' in transform-set '" + ts.name.text + "' is not an ESP algorithm ikeshift models"
                        " (AH, esp-seal and compression are not)",
                    "expected one of: " + join(expected), w.span);
        ok = false;
      }
    }
    if (ok && out.encryption.empty()) {
      diag_.error("INTENT-EMPTY-TRANSFORM-SET", "transform-set '" + ts.name.text + "' has no ESP encryption transform",
                  "add esp-aes 256 (or another esp- cipher)", ts.name.span);
      ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
  }

  std::vector<EspProposal> esp(const std::vector<Word>& names, const std::string& where) {
    std::vector<EspProposal> out;
    for (const Word& w : names) {
      const ios::TransformSet* ts = cfg_.transform_set(w.text);
      if (ts == nullptr) {
        diag_.error("INTENT-UNDEFINED-TRANSFORM-SET", where + " uses transform-set '" + w.text + "', which is not defined",
                    "define `crypto ipsec transform-set " + w.text + " ...`", w.span);
      } else if (auto p = transform_set(*ts)) {
        out.push_back(std::move(*p));
      }
    }
    return out;
  }

  const Algorithm* pfs(bool has, const std::optional<Word>& group) {
    if (!has) return nullptr;
    if (!group) return find_algorithm(TransformType::DhGroup, Dialect::IosTransform, "group1");  // IOS: `set pfs` = group1
    return detail::lookup_algorithm(TransformType::DhGroup, Dialect::IosTransform, *group, "PFS group", diag_);
  }

  // ------------------------------------------------------------ keys
  static std::optional<Secret> usable(const ios::PresharedKey& k, PskSet& psk, Diagnostics& diag, const std::string& where) {
    switch (k.form) {
      case ios::PresharedKey::Form::Masked:
        psk.masked = true;
        diag.warning("INTENT-PSK-MASKED", where + " is masked (*****)", "take the configuration with the keys shown", k.span);
        break;
      case ios::PresharedKey::Form::Encrypted6:
      case ios::PresharedKey::Form::Encrypted7:
        psk.encrypted = true;
        diag.warning("INTENT-PSK-ENCRYPTED", where + " is stored encrypted (type 6/7) and cannot be used",
                     "supply the clear-text key", k.span);
        break;
      case ios::PresharedKey::Form::Plain:
        break;
    }
    return k.key;
  }

  void ikev1_key(Tunnel& t, uint32_t peer, const std::optional<Word>& isakmp_profile) {
    std::vector<std::string> keyrings;
    if (isakmp_profile) {
      if (const ios::IsakmpProfile* p = cfg_.isakmp_profile(isakmp_profile->text)) {
        for (const Word& k : p->keyrings) keyrings.push_back(k.text);
        if (p->keepalive) t.dpd = Dpd{true, p->keepalive->first, p->keepalive->second, false};
        t.spans.tunnel_group = isakmp_profile->span;
      } else {
        diag_.error("INTENT-UNDEFINED-ISAKMP-PROFILE", "isakmp-profile '" + isakmp_profile->text + "' is not defined",
                    "define `crypto isakmp profile " + isakmp_profile->text + "`", isakmp_profile->span);
      }
    } else {
      // Without a profile, a profile whose `match identity address` covers the peer applies.
      for (const ios::IsakmpProfile& p : cfg_.isakmp_profiles) {
        for (const auto& [a, m] : p.match_addresses) {
          if (!covers(a, m, peer)) continue;
          for (const Word& k : p.keyrings) keyrings.push_back(k.text);
          if (p.keepalive) t.dpd = Dpd{true, p.keepalive->first, p.keepalive->second, false};
        }
      }
    }
    const ios::IsakmpKey* best = nullptr;
    for (const ios::IsakmpKey& k : cfg_.isakmp_keys) {
      if (!k.address || !covers(*k.address, k.mask, peer)) continue;
      const bool wanted = keyrings.empty() ? true : std::find(keyrings.begin(), keyrings.end(), k.keyring) != keyrings.end();
      if (!wanted) continue;
      if (best == nullptr || k.mask > best->mask) best = &k;  // the most specific match wins
    }
    if (best == nullptr) return;
    t.tunnel_group = best->keyring.empty() ? "crypto isakmp key" : "crypto keyring " + best->keyring;
    t.psk.ikev1 = usable(best->key, t.psk, diag_, "the IKEv1 key for " + format_ipv4(peer));
    t.spans.ikev1_psk = best->key.span;
    if (!t.spans.tunnel_group.valid()) t.spans.tunnel_group = best->key.span;
  }

  void ikev2_profile(Tunnel& t, uint32_t peer, const Word& name) {
    const ios::Ikev2Profile* p = cfg_.ikev2_profile(name.text);
    if (p == nullptr) {
      diag_.error("INTENT-UNDEFINED-IKEV2-PROFILE", "ikev2-profile '" + name.text + "' is not defined",
                  "define `crypto ikev2 profile " + name.text + "`", name.span);
      return;
    }
    const std::string prof = "crypto ikev2 profile " + p->name.text;
    if (!p->auth_local || !p->auth_remote) {
      diag_.error("INTENT-IKEV2-PROFILE-INCOMPLETE", prof + " needs a local and a remote authentication method (seed 002)",
                  "add ` authentication local pre-share` and ` authentication remote pre-share`", p->block.span);
    }
    if (p->match_remote.empty()) {
      diag_.error("INTENT-IKEV2-PROFILE-INCOMPLETE", prof + " has no match identity, match certificate or match any (seed 002)",
                  "add ` match identity remote address " + format_ipv4(peer) + " 255.255.255.255`", p->block.span);
    }
    identities(t, peer, *p);
    if (p->dpd) {
      t.dpd = Dpd{true, p->dpd->first, p->dpd->second, false};
      t.spans.dpd = p->dpd_span;
    } else if (cfg_.ikev2_dpd) {
      t.dpd = Dpd{true, cfg_.ikev2_dpd->first, cfg_.ikev2_dpd->second, false};
    }
    t.spans.tunnel_group = p->block.span;
    for (IkeProposal& prop : t.ikev2_proposals) {
      prop.lifetime_seconds = p->lifetime.value_or(kDefaultIkeLifetimeSeconds);
      prop.lifetime_span = p->lifetime_span;
    }
    const bool local_psk = p->auth_local && iequal(p->auth_local->text, "pre-share");
    const bool remote_psk = p->auth_remote && iequal(p->auth_remote->text, "pre-share");
    if (p->auth_local_key) {
      t.psk.ikev2_local = usable(*p->auth_local_key, t.psk, diag_, prof + " local key");
      t.spans.ikev2_local_psk = p->auth_local_key->span;
    }
    if (p->auth_remote_key) {
      t.psk.ikev2_remote = usable(*p->auth_remote_key, t.psk, diag_, prof + " remote key");
      t.spans.ikev2_remote_psk = p->auth_remote_key->span;
    }
    t.tunnel_group = prof;
    if ((local_psk && !t.psk.ikev2_local) || (remote_psk && !t.psk.ikev2_remote)) {
      if (!p->keyring) {
        diag_.error("INTENT-NO-KEYRING", prof + " authenticates with pre-shared keys but names no keyring",
                    "add ` keyring local NAME`", p->block.span);
        return;
      }
      const ios::Ikev2Keyring* k = cfg_.ikev2_keyring(p->keyring->text);
      if (k == nullptr) {
        diag_.error("INTENT-UNDEFINED-KEYRING", "crypto ikev2 keyring '" + p->keyring->text + "' is not defined",
                    "define it with a peer for " + format_ipv4(peer), p->keyring->span);
        return;
      }
      const ios::Ikev2KeyringPeer* best = nullptr;
      for (const ios::Ikev2KeyringPeer& kp : k->peers) {
        if (!kp.address || !covers(kp.address->first, kp.address->second, peer)) continue;
        if (best == nullptr || kp.address->second > best->address->second) best = &kp;
      }
      if (best == nullptr) {
        diag_.warning("INTENT-NO-KEY", "crypto ikev2 keyring " + k->name.text + " has no peer whose address covers " + format_ipv4(peer),
                      "add ` peer NAME` with `  address " + format_ipv4(peer) + "` and `  pre-shared-key KEY`", k->block.span);
        return;
      }
      const std::string where = "crypto ikev2 keyring " + k->name.text + " peer " + best->name.text;
      t.spans.tunnel_group = k->block.span;
      if (best->both) {
        if (!t.psk.ikev2_local) {
          t.psk.ikev2_local = usable(*best->both, t.psk, diag_, where + " key");
          t.spans.ikev2_local_psk = best->both->span;
        }
        if (!t.psk.ikev2_remote) {
          t.psk.ikev2_remote = usable(*best->both, t.psk, diag_, where + " key");
          t.spans.ikev2_remote_psk = best->both->span;
        }
      }
      if (best->local && !t.psk.ikev2_local) {
        t.psk.ikev2_local = usable(*best->local, t.psk, diag_, where + " local key");
        t.spans.ikev2_local_psk = best->local->span;
      }
      if (best->remote && !t.psk.ikev2_remote) {
        t.psk.ikev2_remote = usable(*best->remote, t.psk, diag_, where + " remote key");
        t.spans.ikev2_remote_psk = best->remote->span;
      }
    }
  }

  // `identity local address|fqdn` is what this router sends; one `match
  // identity remote` naming a host or an FQDN is what the peer must send
  // (several, a subnet or `any` accept whatever the key matches).
  void identities(Tunnel& t, uint32_t peer, const ios::Ikev2Profile& p) {
    if (p.identity_local) {
      const ios::IdentityRef& r = *p.identity_local;
      if (r.kind == ios::IdentityRef::Kind::Fqdn) {
        t.local_identity = IkeIdentity{IkeIdentity::Type::Fqdn, r.fqdn, r.span};
      } else if (r.kind == ios::IdentityRef::Kind::KeyId) {
        t.local_identity = IkeIdentity{IkeIdentity::Type::KeyId, r.fqdn, r.span};
      } else {
        const bool own = t.local_address && *t.local_address == r.address;
        t.local_identity = IkeIdentity{IkeIdentity::Type::Address, own ? "" : format_ipv4(r.address), r.span};
      }
    }
    if (p.match_remote.size() != 1) return;
    const ios::IdentityRef& m = p.match_remote.front();
    if (m.kind == ios::IdentityRef::Kind::Fqdn) {
      t.remote_identity = IkeIdentity{IkeIdentity::Type::Fqdn, m.fqdn, m.span};
    } else if (m.kind == ios::IdentityRef::Kind::KeyId) {
      t.remote_identity = IkeIdentity{IkeIdentity::Type::KeyId, m.fqdn, m.span};
    } else if (m.kind == ios::IdentityRef::Kind::Address && m.mask == 0xffffffffu) {
      t.remote_identity = IkeIdentity{IkeIdentity::Type::Address, m.address == peer ? "" : format_ipv4(m.address), m.span};
    }
  }

  // ------------------------------------------------------------ common
  struct Source {  // what a crypto map entry and an ipsec profile both say
    const std::vector<Word>* transform_sets;
    bool has_pfs;
    const std::optional<Word>* pfs_group;
    const ios::SaLifetime* lifetime;
    const std::optional<Word>* ikev2_profile;
    const std::optional<Word>* isakmp_profile;
    std::string label;
    SourceSpan pfs_span;
  };

  void fill(Tunnel& t, const Source& s) {
    const uint32_t peer = t.peers.empty() ? 0 : t.peers.front();
    std::vector<EspProposal> esp_list = esp(*s.transform_sets, s.label);
    if (s.transform_sets->empty()) {
      diag_.error("INTENT-NO-TRANSFORM-SET", s.label + " has no `set transform-set`",
                  "add ` set transform-set NAME`", t.span);
    }
    t.pfs_group = pfs(s.has_pfs, *s.pfs_group);
    if (s.has_pfs) t.spans.pfs = *s.pfs_group ? (*s.pfs_group)->span : s.pfs_span;
    t.spans.lifetime = s.lifetime->span.valid() ? s.lifetime->span : cfg_.ipsec_lifetime.span;
    if (!s.transform_sets->empty()) (*s.ikev2_profile ? t.spans.esp_v2 : t.spans.esp_v1) = s.transform_sets->front().span;
    t.lifetime_seconds = s.lifetime->seconds.value_or(cfg_.ipsec_lifetime.seconds.value_or(kIosDefaultIpsecLifetimeSeconds));
    t.lifetime_kilobytes = s.lifetime->kilobytes.value_or(cfg_.ipsec_lifetime.kilobytes.value_or(kIosDefaultIpsecLifetimeKilobytes));
    t.dpd = Dpd{false, kDefaultDpdThresholdSeconds, kDefaultDpdRetrySeconds, false};  // IOS: off unless configured
    t.nat_t = !cfg_.nat_t_disabled;
    if (*s.ikev2_profile) {
      t.ikev2 = true;
      t.ikev2_proposals = ikev2_;
      t.esp_v2 = esp_list;
      if (ikev2_.empty()) {
        diag_.error("INTENT-NO-IKE-POLICY", s.label + " uses IKEv2 but no usable crypto ikev2 policy exists",
                    "add a crypto ikev2 proposal and policy", t.span);
      }
      ikev2_profile(t, peer, **s.ikev2_profile);
      // An IKEv2 entry still answers IKEv1 when a key and a policy exist for the peer.
      Tunnel v1 = t;
      ikev1_key(v1, peer, *s.isakmp_profile);
      if (v1.psk.ikev1 && !ikev1_.empty()) {
        t.ikev1 = true;
        t.ikev1_proposals = ikev1_;
        t.esp_v1 = esp_list;
        t.psk.ikev1 = v1.psk.ikev1;
      }
    } else {
      t.ikev1 = true;
      t.ikev1_proposals = ikev1_;
      t.esp_v1 = esp_list;
      if (ikev1_.empty()) {
        diag_.error("INTENT-NO-IKE-POLICY", s.label + " uses IKEv1 but no usable crypto isakmp policy exists",
                    "add a crypto isakmp policy (encryption, hash, authentication pre-share, group, lifetime)", t.span);
      }
      if (cfg_.isakmp_keepalive) {
        t.dpd = Dpd{true, cfg_.isakmp_keepalive->first, cfg_.isakmp_keepalive->second, false};
        t.spans.dpd = cfg_.isakmp_keepalive_span;
      }
      if (cfg_.isakmp_identity && iequal(cfg_.isakmp_identity->text, "dn")) {
        diag_.warning("INTENT-IDENTITY-UNSUPPORTED",
                      "`crypto isakmp identity dn` sends the certificate's DN; with pre-shared keys ikeshift models "
                      "address, FQDN and key-id identities only, so the address is assumed",
                      "use `crypto isakmp identity address` for pre-shared-key tunnels", cfg_.isakmp_identity->span);
      }
      if (cfg_.isakmp_identity && iequal(cfg_.isakmp_identity->text, "hostname") && cfg_.hostname) {
        t.local_identity = IkeIdentity{IkeIdentity::Type::Fqdn,
                                       cfg_.hostname->text + (cfg_.domain_name ? "." + cfg_.domain_name->text : ""),
                                       cfg_.isakmp_identity->span};
      }
      ikev1_key(t, peer, *s.isakmp_profile);
      if (!t.psk.ikev1) {
        diag_.warning("INTENT-NO-KEY", s.label + ": no `crypto isakmp key` or keyring entry covers peer " + format_ipv4(peer),
                      "add `crypto isakmp key KEY address " + format_ipv4(peer) + "`", t.span);
      }
    }
  }

  void local_from_interface(Tunnel& t, const ios::Interface& itf) {
    t.local_interface = itf.name.text;
    t.spans.local_interface = itf.crypto_map ? itf.crypto_map->span : itf.block.span;
    t.local_address = itf.address;
    t.spans.local_address = itf.address_span;
    t.local_netmask = itf.mask;
    if (!itf.address) {
      diag_.warning("INTENT-NO-LOCAL-ADDRESS", "interface " + itf.name.text + " has no IPv4 address",
                    "give it ` ip address A M`", itf.block.span);
    }
  }

  void crypto_map_entry(const ios::CryptoMapEntry& e) {
    const std::string label = std::string(e.dynamic_map ? "crypto dynamic-map " : "crypto map ") + e.map + " " + std::to_string(e.sequence);
    if (e.dynamic_map || e.dynamic_reference) {
      diag_.info("INTENT-DYNAMIC-MAP", label + " serves peers with unknown addresses; it is not a site-to-site tunnel", "", e.block.span);
      return;
    }
    if (e.peers.empty()) {
      diag_.warning("INTENT-NO-PEER", label + " has no peer and is incomplete", "add ` set peer ADDRESS`", e.block.span);
      return;
    }
    Tunnel t;
    t.map = e.map;
    t.sequence = e.sequence;
    t.span = e.block.span;
    for (const Word& p : e.peers) {
      t.spans.peers.push_back(p.span);
      if (auto a = parse_ipv4(p.text)) t.peers.push_back(*a);
      else diag_.error("INTENT-UNRESOLVED-PEER", label + " peer '" + p.text + "' is not an IPv4 address", "write the peer's address", p.span);
    }
    const ios::Interface* bound = nullptr;
    for (const ios::Interface& i : cfg_.interfaces) {
      if (i.crypto_map && i.crypto_map->text == e.map) {
        if (bound == nullptr) bound = &i;
      }
    }
    if (bound == nullptr) {
      diag_.warning("INTENT-MAP-NOT-BOUND", "crypto map " + e.map + " is applied to no interface, so " + label + " is inactive",
                    "add ` crypto map " + e.map + "` to the outside interface", e.block.span);
    } else {
      local_from_interface(t, *bound);
    }
    fill(t, Source{&e.transform_sets, e.has_pfs, &e.pfs_group, &e.lifetime, &e.ikev2_profile, &e.isakmp_profile, label,
                   e.pfs_span});
    if (!e.match_address) {
      diag_.error("INTENT-NO-MATCH-ADDRESS", label + " has no match address", "add ` match address ACL`", e.block.span);
    } else {
      t.acl = e.match_address->text;
      t.spans.match_address = e.match_address->span;
      selectors(t, *e.match_address, label);
    }
    out_.tunnels.push_back(std::move(t));
  }

  void selectors(Tunnel& t, const Word& acl_name, const std::string& label) {
    const ios::AccessList* acl = cfg_.access_list(acl_name.text);
    if (acl == nullptr) {
      diag_.error("INTENT-UNDEFINED-ACL", label + " matches access-list '" + acl_name.text + "', which is not defined",
                  "define `ip access-list extended " + acl_name.text + "`", acl_name.span);
      return;
    }
    // IOS operands become the ASA model's (a wildcard is a range when its
    // bits are contiguous), so one selector expansion serves both dialects.
    asa::AccessList as;
    as.name = acl->name;
    for (const ios::AclEntry& e : acl->entries) {
      asa::AclEntry x;
      x.permit = e.permit;
      x.protocol = e.protocol;
      x.line = e.line;
      x.span = e.span;
      if (!address(e.source, x.source) || (!acl->standard && !address(e.destination, x.destination))) continue;
      x.source_port = e.source_port;  // IOS and ASA port operators are one type
      x.destination_port = e.destination_port;
      as.entries.push_back(std::move(x));
    }
    const asa::AsaConfig none;
    t.selectors = detail::derive_selectors(none, as, diag_);
    if (t.selectors.empty()) {
      diag_.error("INTENT-NO-SELECTORS", "access-list '" + acl->name + "' of " + label + " yields no traffic selector",
                  "add a permit line for the protected traffic", acl_name.span);
    }
  }

  bool address(const ios::AclAddress& a, asa::AddressSpec& out) {
    out.span = a.span;
    switch (a.kind) {
      case ios::AclAddress::Kind::Any: out.kind = asa::AddressSpec::Kind::Any; return true;
      case ios::AclAddress::Kind::Host: out.kind = asa::AddressSpec::Kind::Host; out.a = a.address; out.b = 0xffffffffu; return true;
      case ios::AclAddress::Kind::Wildcard: {
        const uint32_t mask = ~a.wildcard;
        if (!mask_to_prefix(mask)) {
          diag_.error("INTENT-BAD-MASK", "wildcard " + format_ipv4(a.wildcard) + " is not contiguous and cannot be a selector",
                      "use a contiguous wildcard such as 0.0.0.255", a.span);
          return false;
        }
        out.kind = asa::AddressSpec::Kind::Range;
        out.a = a.address & mask;
        out.b = a.address | a.wildcard;
        return true;
      }
    }
    return false;
  }

  void tunnel_interface(const ios::Interface& itf) {
    const std::string label = "interface " + itf.name.text;
    const ios::IpsecProfile* prof = cfg_.ipsec_profile(itf.tunnel_protection->text);
    if (prof == nullptr) {
      diag_.error("INTENT-UNDEFINED-IPSEC-PROFILE", label + " protects with ipsec profile '" + itf.tunnel_protection->text + "', which is not defined",
                  "define `crypto ipsec profile " + itf.tunnel_protection->text + "`", itf.tunnel_protection->span);
      return;
    }
    const std::optional<uint32_t> dest = itf.tunnel_destination ? parse_ipv4(itf.tunnel_destination->text) : std::nullopt;
    if (!dest) {
      diag_.info("INTENT-DYNAMIC-PEER",
                 label + " has no fixed tunnel destination (DMVPN / multipoint GRE): its peers are learnt at run time, so it is "
                 "not a site-to-site tunnel with one peer",
                 "give the interface ` tunnel destination ADDRESS` to make it point-to-point", itf.block.span);
      return;
    }
    Tunnel t;
    t.map = itf.name.text;
    t.sequence = 0;
    t.span = itf.block.span;
    t.route_based = true;
    t.peers = {*dest};
    t.spans.peers = {itf.tunnel_destination->span};
    if (itf.tunnel_source) {
      if (auto a = parse_ipv4(itf.tunnel_source->text)) {
        t.local_address = *a;
        for (const ios::Interface& i : cfg_.interfaces)
          if (i.address && *i.address == *a) t.local_interface = i.name.text;
      } else if (const ios::Interface* src = cfg_.interface(itf.tunnel_source->text)) {
        local_from_interface(t, *src);
      } else {
        diag_.error("INTENT-UNDEFINED-INTERFACE", label + ": tunnel source '" + itf.tunnel_source->text + "' is not an interface",
                    "fix ` tunnel source`", itf.tunnel_source->span);
      }
    } else {
      diag_.warning("INTENT-NO-LOCAL-ADDRESS", label + " has no tunnel source", "add ` tunnel source IF`", itf.block.span);
    }
    fill(t, Source{&prof->transform_sets, prof->has_pfs, &prof->pfs_group, &prof->lifetime, &prof->ikev2_profile,
                   &prof->isakmp_profile, "crypto ipsec profile " + prof->name.text + " on " + label, prof->pfs_span});
    const bool ipsec_mode = itf.tunnel_mode && iequal(itf.tunnel_mode->text, "ipsec");
    SelectorPair sp;
    sp.span = itf.block.span;
    if (ipsec_mode) {
      // `tunnel mode ipsec ipv4` (VTI): everything routed into the interface.
      sp.local.addresses = {0, 0xffffffffu};
      sp.remote.addresses = {0, 0xffffffffu};
    } else {
      // GRE over IPsec: the GRE packets between the two tunnel end points.
      const uint32_t local = t.local_address.value_or(0);
      sp.local = TrafficSelector{{local, local}, 47, 0, 65535};
      sp.remote = TrafficSelector{{*dest, *dest}, 47, 0, 65535};
    }
    t.selectors = {sp};
    out_.tunnels.push_back(std::move(t));
  }

  const ios::IosConfig& cfg_;
  Intent& out_;
  Diagnostics diag_;
  std::vector<IkeProposal> ikev1_, ikev2_;
};

}  // namespace

Intent derive_intent(const ios::IosConfig& cfg, const std::string& file) {
  Intent intent;
  intent.file = file;
  IosDerivation(cfg, file, intent).run();
  return intent;
}

}  // namespace ikeshift::model
