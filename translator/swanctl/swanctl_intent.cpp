#include "swanctl/swanctl_intent.h"

#include <algorithm>

#include "common/ipv4.h"
#include "model/intent_diagnostics.h"
#include "swanctl/swanctl_values.h"

namespace ikeshift::model {

namespace {

using detail::Diagnostics;
using swanctl::ListItem;
using swanctl::Section;
using swanctl::Setting;
using text::SourceSpan;

bool starts_with(const std::string& s, const char* p) { return s.rfind(p, 0) == 0; }

// The sections of a connection whose name starts with `prefix` (local,
// local-1, local_ipsec1 ...), ordered by their `round` (strongSwan's order).
std::vector<const Section*> auth_rounds(const Section& conn, const char* prefix) {
  std::vector<const Section*> out;
  for (const Section& s : conn.sections)
    if (starts_with(s.name, prefix)) out.push_back(&s);
  std::stable_sort(out.begin(), out.end(), [](const Section* a, const Section* b) {
    auto round = [](const Section* s) {
      const Setting* r = s->setting("round");
      return r ? swanctl::parse_number(r->value.text).value_or(0) : 0;
    };
    return round(a) < round(b);
  });
  return out;
}

struct SecretEntry {
  const Section* section = nullptr;
  std::vector<std::string> ids;
  const Setting* secret = nullptr;
};

class SwanctlDerivation {
 public:
  SwanctlDerivation(const swanctl::SwanctlConfig& cfg, const std::string& file, Intent& out)
      : cfg_(cfg), out_(out), diag_(file, out.findings) {}

  void run() {
    out_.dialect = "swanctl";
    collect_secrets();
    const Section* conns = cfg_.root.section("connections");
    if (conns == nullptr) return;
    uint32_t n = 0;
    for (const Section& c : conns->sections) connection(c, ++n);
  }

 private:
  void collect_secrets() {
    const Section* s = cfg_.root.section("secrets");
    if (s == nullptr) return;
    for (const Section& e : s->sections) {
      if (!starts_with(e.name, "ike")) continue;
      SecretEntry x;
      x.section = &e;
      for (const Setting& st : e.settings) {
        if (st.key == "secret") x.secret = &st;
        if (starts_with(st.key, "id")) x.ids.push_back(st.value.text);
      }
      if (x.secret == nullptr) {
        diag_.warning("INTENT-NO-KEY", "secrets." + e.name + " has no `secret`", "add `secret = ...` or remove the section",
                      e.span);
        continue;
      }
      secrets_.push_back(std::move(x));
    }
  }

  void defaulted(const std::string& what, const std::string& meaning, const SourceSpan& at) {
    diag_.info("INTENT-DEFAULT-ASSUMED", what + " is not set: charon's default applies (" + meaning + ")",
               "write it explicitly so both ends are reviewed against the same value", at);
  }

  // The first IPv4 address of local_addrs/remote_addrs; nullopt for %any.
  std::optional<uint32_t> address(const Section& c, const char* key, SourceSpan& span, std::vector<uint32_t>* all) {
    const Setting* s = c.setting(key);
    if (s == nullptr) return std::nullopt;
    span = s->value.span;
    std::optional<uint32_t> first;
    for (const ListItem& item : swanctl::split_list(s->value)) {
      if (item.text == "%any" || item.text == "%any4") continue;
      auto a = parse_ipv4(item.text);
      if (!a) {
        diag_.warning("INTENT-UNSUPPORTED", std::string(key) + " '" + item.text +
                                                "' is not an IPv4 address; ikeshift models tunnels between IPv4 addresses "
                                                "(no DNS names, subnets, ranges or IPv6)",
                      "write the address itself", item.span);
        continue;
      }
      if (!first) first = a;
      if (all != nullptr) all->push_back(*a);
    }
    return first;
  }

  std::vector<IkeProposal> ike_proposals(const Section& c, int version, uint32_t lifetime, const SourceSpan& lifetime_span) {
    std::vector<IkeProposal> out;
    const Setting* s = c.setting("proposals");
    if (s == nullptr || s->value.text == "default") {
      if (version == 2 || !warned_default_ike_) {
        diag_.warning("INTENT-DEFAULT-PROPOSAL",
                      "connection " + c.name + " uses charon's compiled-in default IKE proposals, which ikeshift does not "
                      "model (they change between strongSwan versions)",
                      "write `proposals = ...` explicitly, e.g. aes256-sha256-modp2048", s ? s->value.span : c.span);
        warned_default_ike_ = true;
      }
      return out;
    }
    int priority = 0;
    for (const ListItem& item : swanctl::split_list(s->value)) {
      if (item.text == "default") {
        diag_.warning("INTENT-DEFAULT-PROPOSAL", "`default` in proposals adds charon's compiled-in proposals; they are not modelled",
                      "list the proposals explicitly", item.span);
        continue;
      }
      std::string why;
      auto p = swanctl::parse_proposal(item.text, true, item.span, why);
      if (!p) {
        diag_.error("INTENT-UNKNOWN-ALGORITHM", "IKE proposal '" + item.text + "' of connection " + c.name + ": " + why,
                    "use strongSwan's spellings, e.g. aes256-sha256-modp2048 or aes256gcm16-prfsha256-ecp256", item.span);
        continue;
      }
      IkeProposal x;
      x.version = version;
      x.priority = ++priority;
      x.encryption = p->encryption;
      x.integrity = p->integrity;
      x.prf = p->prf;
      x.dh_groups = p->dh_groups;
      if (version == 1) {
        // IKEv1 takes one algorithm of each kind per proposal; charon strips the rest.
        auto strip = [&](std::vector<const Algorithm*>& v, const char* kind) {
          if (v.size() <= 1) return;
          diag_.warning("INTENT-IKEV1-STRIPPED", "IKEv1 proposal '" + item.text + "' lists several " + kind +
                                                     " algorithms; IKEv1 uses only the first",
                        "write one proposal per combination for IKEv1", item.span);
          v.resize(1);
        };
        strip(x.encryption, "encryption");
        strip(x.integrity, "integrity");
        strip(x.prf, "PRF");
        strip(x.dh_groups, "DH");
        x.authentication = "pre-share";
      }
      x.lifetime_seconds = lifetime;
      x.lifetime_span = lifetime_span;
      x.span = item.span;
      x.sources = p->sources;
      out.push_back(std::move(x));
    }
    return out;
  }

  // IDs as charon sees them: `%any`/absent = none written.
  static bool no_id(const Setting* id) { return id == nullptr || id->value.text.empty() || id->value.text == "%any"; }

  std::optional<IkeIdentity> identity(const Setting& id, std::optional<uint32_t> own_address, const std::string& conn) {
    IkeIdentity out;
    out.span = id.value.span;
    std::string v = id.value.text;
    if (starts_with(v, "keyid:")) {
      out.type = IkeIdentity::Type::KeyId;
      out.value = v.substr(6);
      return out;
    }
    if (auto a = parse_ipv4(v)) {
      out.type = IkeIdentity::Type::Address;
      if (!own_address || *own_address != *a) out.value = v;
      return out;
    }
    if (v.find('=') != std::string::npos || (v.find('@') != std::string::npos && v[0] != '@') ||
        v.find(':') != std::string::npos) {
      diag_.error("INTENT-UNSUPPORTED", "connection " + conn + ": identity '" + v +
                                            "' is a distinguished name, an e-mail address or IPv6; ikeshift models IPv4 "
                                            "address, FQDN and key-id identities",
                  "use an address, an FQDN (@vpn.example.com) or keyid:NAME", id.value.span);
      return std::nullopt;
    }
    out.type = IkeIdentity::Type::Fqdn;
    out.value = v[0] == '@' ? v.substr(1) : v;
    return out;
  }

  void auth(const Section& c, Tunnel& t) {
    for (const char* side : {"local", "remote"}) {
      const bool local = side[0] == 'l';
      const std::vector<const Section*> rounds = auth_rounds(c, side);
      if (rounds.empty()) {
        diag_.error("INTENT-UNSUPPORTED", "connection " + c.name + " has no `" + side +
                                              "` section: charon's default authentication is pubkey (certificates), "
                                              "which ikeshift does not model",
                    std::string("add `") + side + " { auth = psk }`", c.span);
        continue;
      }
      if (rounds.size() > 1) {
        diag_.warning("INTENT-UNSUPPORTED", "connection " + c.name + " has " + std::to_string(rounds.size()) + " " + side +
                                                " authentication rounds; only the first is modelled",
                      "ikeshift models one pre-shared-key round per direction", rounds[1]->span);
      }
      const Section& r = *rounds.front();
      const Setting* a = r.setting("auth");
      if (a == nullptr || a->value.text != "psk") {
        diag_.error("INTENT-UNSUPPORTED",
                    "connection " + c.name + ": " + side + " authentication is " +
                        (a ? "'" + a->value.text + "'" : std::string("pubkey (the default)")) +
                        "; ikeshift models pre-shared keys (auth = psk)",
                    "use auth = psk, or validate this connection with strongSwan itself", a ? a->value.span : r.span);
      }
      const Setting* id = r.setting("id");
      if (local) {
        if (!no_id(id)) {
          if (auto x = identity(*id, t.local_address, c.name)) t.local_identity = *x;
        } else {
          t.local_identity = IkeIdentity{};  // charon sends its IP address for a PSK
        }
      } else if (!no_id(id)) {
        t.remote_identity = identity(*id, t.peers.empty() ? std::nullopt : std::optional<uint32_t>(t.peers[0]), c.name);
      }
    }
  }

  // The ids a secret is matched against (charon matches a shared key by the
  // IDs of both ends; a PSK connection's default ID is its address).
  static std::vector<std::string> ids_of(const IkeIdentity& id, std::optional<uint32_t> address) {
    std::vector<std::string> out;
    if (!id.value.empty()) out.push_back(id.type == IkeIdentity::Type::KeyId ? "keyid:" + id.value : id.value);
    if (id.type == IkeIdentity::Type::Fqdn && !id.value.empty()) out.push_back("@" + id.value);
    if (address) out.push_back(format_ipv4(*address));
    return out;
  }

  static bool matches(const SecretEntry& e, const std::vector<std::string>& ids) {
    for (const std::string& i : e.ids)
      if (std::find(ids.begin(), ids.end(), i) != ids.end()) return true;
    return false;
  }

  std::optional<Secret> decoded(const SecretEntry& e) {
    std::string why;
    auto v = swanctl::decode_secret(e.secret->secret ? e.secret->secret->reveal() : std::string(), why);
    if (!v) {
      diag_.error("INTENT-BAD-KEY", "secrets." + e.section->name + ": " + why, "write the key quoted, as 0x hex or 0s base64",
                  e.secret->value.span.valid() ? e.secret->value.span : e.secret->key_span);
      return std::nullopt;
    }
    Secret s(*v);
    wipe_string(*v);
    return s;
  }

  void keys(const Section& c, Tunnel& t) {
    const std::vector<std::string> mine = ids_of(t.local_identity, t.local_address);
    const std::vector<std::string> theirs =
        ids_of(t.remote_identity.value_or(IkeIdentity{}), t.peers.empty() ? std::nullopt : std::optional<uint32_t>(t.peers[0]));
    const SecretEntry *both = nullptr, *only_theirs = nullptr, *only_mine = nullptr, *any = nullptr;
    for (const SecretEntry& e : secrets_) {
      const bool m = matches(e, mine), o = matches(e, theirs);
      if (e.ids.empty() && any == nullptr) any = &e;
      if (m && o && both == nullptr) both = &e;
      if (o && !m && only_theirs == nullptr) only_theirs = &e;
      if (m && !o && only_mine == nullptr) only_mine = &e;
    }
    // charon signs with the best match for (own ID, peer's ID): a secret bound
    // to both, else the one bound to the peer's ID; and verifies the peer's
    // AUTH against every matching secret (notes/strongswan-peer.md).
    const SecretEntry* sign = both ? both : only_theirs ? only_theirs : only_mine ? only_mine : any;
    const SecretEntry* verify = both ? both : only_mine ? only_mine : sign;
    if (sign == nullptr) {
      diag_.warning("INTENT-NO-KEY", "connection " + c.name + ": no secrets.ike* section has an id of this connection (" +
                                         (mine.empty() ? std::string("?") : mine.back()) + " / " +
                                         (theirs.empty() ? std::string("?") : theirs.back()) + ")",
                    "add `secrets { ike-" + c.name + " { id-1 = ...  id-2 = ...  secret = ... } }`", c.span);
      return;
    }
    auto l = decoded(*sign);
    auto r = decoded(*verify);
    if (!l || !r) return;
    t.tunnel_group = sign->section->name;
    const SourceSpan ls = sign->secret->value.span.valid() ? sign->secret->value.span : sign->secret->key_span;
    const SourceSpan rs = verify->secret->value.span.valid() ? verify->secret->value.span : verify->secret->key_span;
    t.spans.tunnel_group = sign->section->span;
    if (t.ikev2) {
      t.psk.ikev2_local = *l;
      t.psk.ikev2_remote = *r;
      t.spans.ikev2_local_psk = ls;
      t.spans.ikev2_remote_psk = rs;
    }
    if (t.ikev1) {
      t.psk.ikev1 = *l;
      t.spans.ikev1_psk = ls;
      if (!l->equals(*r)) {
        diag_.warning("INTENT-IKEV1-ASYMMETRIC-KEY",
                      "connection " + c.name + ": secrets." + sign->section->name + " and secrets." + verify->section->name +
                          " hold different keys, but IKEv1 uses one key for both directions (it enters SKEYID)",
                      "use one key, or version = 2", rs);
      }
    }
    if (l->reveal() == Secret::masked()) t.psk.masked = true;
  }

  void children(const Section& c, Tunnel& t) {
    const Section* ch = c.section("children");
    if (ch == nullptr || ch->sections.empty()) {
      diag_.error("INTENT-NO-CHILD", "connection " + c.name + " has no children: no CHILD SA (no traffic) is negotiated",
                  "add `children { NAME { local_ts = ...  remote_ts = ... } }`", c.span);
      return;
    }
    t.spans.match_address = ch->sections.front().span;  // where the selectors are (a crypto ACL elsewhere)
    bool first = true;
    for (const Section& child : ch->sections) {
      child_settings(c, child, t, first);
      first = false;
      for (const char* side : {"local_ts", "remote_ts"}) {
        const Setting* s = child.setting(side);
        if (s == nullptr) defaulted(c.name + "." + child.name + "." + side, "dynamic: the tunnel's end point address", child.span);
      }
      std::vector<TrafficSelector> locals = selectors(child, "local_ts", t.local_address);
      std::vector<TrafficSelector> remotes =
          selectors(child, "remote_ts", t.peers.empty() ? std::nullopt : std::optional<uint32_t>(t.peers[0]));
      const Setting* ls = child.setting("local_ts");
      for (const TrafficSelector& l : locals) {
        for (const TrafficSelector& r : remotes) {
          SelectorPair p;
          p.local = l;
          p.remote = r;
          p.span = ls ? ls->value.span : child.span;
          t.selectors.push_back(p);
        }
      }
    }
  }

  std::vector<TrafficSelector> selectors(const Section& child, const char* key, std::optional<uint32_t> dynamic) {
    std::vector<TrafficSelector> out;
    const Setting* s = child.setting(key);
    std::vector<ListItem> items;
    if (s == nullptr) items.push_back({"dynamic", child.span});
    else items = swanctl::split_list(s->value);
    for (const ListItem& item : items) {
      std::string why;
      auto ts = swanctl::parse_ts(item.text, dynamic, why);
      if (!ts) {
        diag_.error("INTENT-BAD-SELECTOR", std::string(key) + " of child " + child.name + ": " + why,
                    "write IPv4 subnets, ranges or addresses, optionally with [protocol/port]", item.span);
        continue;
      }
      out.push_back(*ts);
    }
    return out;
  }

  void child_settings(const Section& c, const Section& child, Tunnel& t, bool first) {
    // ESP proposals, PFS, mode, lifetimes and start action are per CHILD in
    // strongSwan but per tunnel in the intent: the first child sets them, a
    // later one that differs is reported.
    std::vector<EspProposal> esp;
    const Algorithm* pfs = nullptr;
    const Setting* s = child.setting("esp_proposals");
    if (s == nullptr || s->value.text == "default") {
      if (first)
        diag_.warning("INTENT-DEFAULT-PROPOSAL",
                      "child " + child.name + " uses charon's compiled-in default ESP proposals, which ikeshift does not model",
                      "write `esp_proposals = ...` explicitly, e.g. aes256-sha256 (add -modp2048 for PFS)",
                      s ? s->value.span : child.span);
    } else {
      bool pfs_seen = false;
      for (const ListItem& item : swanctl::split_list(s->value)) {
        std::string why;
        auto p = swanctl::parse_proposal(item.text, false, item.span, why);
        if (!p) {
          diag_.error("INTENT-UNKNOWN-ALGORITHM", "ESP proposal '" + item.text + "' of child " + child.name + ": " + why,
                      "use strongSwan's spellings, e.g. aes256-sha256-modp2048 or aes256gcm16", item.span);
          continue;
        }
        EspProposal e;
        e.name = c.name + "." + child.name;
        e.encryption = p->encryption;
        e.integrity = p->integrity;
        e.span = item.span;
        for (const AlgorithmSource& src : p->sources)
          if (src.algorithm->type != TransformType::DhGroup) e.sources.push_back(src);
        const Algorithm* g = p->dh_groups.empty() ? nullptr : p->dh_groups.front();
        if (!pfs_seen) {
          pfs = g;
          pfs_seen = true;
          if (g != nullptr) t.spans.pfs = item.span;
        } else if (g != pfs) {
          diag_.warning("INTENT-MIXED-PFS", "child " + child.name + ": ESP proposals with and without (or with other) DH "
                                            "groups; the intent keeps the first proposal's PFS group",
                        "use one DH group in every ESP proposal", item.span);
        }
        esp.push_back(std::move(e));
      }
    }
    std::string mode = "tunnel";
    if (const Setting* m = child.setting("mode")) {
      mode = m->value.text;
      if (mode != "tunnel" && mode != "transport") {
        diag_.error("INTENT-UNSUPPORTED", "child " + child.name + ": mode '" + mode + "' is not modelled (tunnel or transport)",
                    "use mode = tunnel", m->value.span);
        mode = "tunnel";
      }
    }
    for (EspProposal& e : esp) e.mode = mode;
    uint64_t lifetime = kSwanctlDefaultChildRekeySeconds;
    SourceSpan lifetime_span;
    if (const Setting* r = child.setting("rekey_time")) {
      if (auto v = swanctl::parse_time(r->value.text)) {
        lifetime = *v;
        lifetime_span = r->value.span;
      } else {
        diag_.error("INTENT-BAD-VALUE", "rekey_time '" + r->value.text + "' is not a time", "write e.g. 28800s, 8h or 1d",
                    r->value.span);
      }
    } else if (first) {
      defaulted(c.name + "." + child.name + ".rekey_time", "1h", child.span);
    }
    uint64_t kilobytes = 0;
    if (const Setting* b = child.setting("rekey_bytes")) {
      if (auto v = swanctl::parse_number(b->value.text)) {
        kilobytes = *v / 1024;
      } else {
        diag_.error("INTENT-BAD-VALUE", "rekey_bytes '" + b->value.text + "' is not a number of bytes", "write e.g. 4718592000",
                    b->value.span);
      }
    }
    std::string type = "answer-only";  // start_action = none (the default): charon waits for the peer
    if (const Setting* a = child.setting("start_action")) {
      const std::string& v = a->value.text;
      if (v.find("trap") != std::string::npos || v.find("start") != std::string::npos) type = "bidirectional";
      else if (v != "none") diag_.error("INTENT-BAD-VALUE", "start_action '" + v + "' is not none, trap or start", "", a->value.span);
    } else if (first) {
      defaulted(c.name + "." + child.name + ".start_action", "none: answer only, never initiate", child.span);
    }
    if (first) {
      if (t.ikev1) t.esp_v1 = esp;
      if (t.ikev2) t.esp_v2 = esp;
      t.pfs_group = pfs;
      t.lifetime_seconds = lifetime;
      t.lifetime_kilobytes = kilobytes;
      t.spans.lifetime = lifetime_span;
      t.spans.esp_v1 = t.spans.esp_v2 = s ? s->value.span : SourceSpan{};
      t.connection_type = type;
      return;
    }
    const std::vector<EspProposal>& kept = t.ikev2 ? t.esp_v2 : t.esp_v1;
    bool same = esp.size() == kept.size() && pfs == t.pfs_group && lifetime == t.lifetime_seconds &&
                kilobytes == t.lifetime_kilobytes && type == t.connection_type;
    for (size_t i = 0; same && i < esp.size(); ++i)
      same = esp[i].encryption == kept[i].encryption && esp[i].integrity == kept[i].integrity && esp[i].mode == kept[i].mode;
    if (!same) {
      diag_.warning("INTENT-CHILDREN-DIFFER",
                    "child " + child.name + " of connection " + c.name +
                        " has other ESP proposals, PFS, lifetimes or start_action than the first child; the intent holds "
                        "one set per tunnel and keeps the first child's",
                    "give every child of a connection the same settings, or split the connection", child.span);
    }
  }

  void connection(const Section& c, uint32_t n) {
    Tunnel t;
    t.map = c.name;
    t.sequence = n;
    t.span = c.span;
    t.local_interface = c.name;  // swanctl has no interfaces: --interface-address names the connection
    SourceSpan local_span, remote_span;
    t.local_address = address(c, "local_addrs", local_span, nullptr);
    address(c, "remote_addrs", remote_span, &t.peers);
    t.spans.local_address = local_span;
    if (t.peers.empty()) {
      diag_.warning("INTENT-NO-PEER", "connection " + c.name + " has no fixed IPv4 peer (remote_addrs is " +
                                          (c.setting("remote_addrs") ? "not an IPv4 address" : "%any, the default") +
                                          "): like an ASA dynamic crypto map, it is not a site-to-site tunnel ikeshift models",
                    "set remote_addrs to the peer's address", remote_span.valid() ? remote_span : c.span);
      return;
    }
    t.spans.peers.push_back(remote_span);
    if (!t.local_address) defaulted(c.name + ".local_addrs", "%any: whichever local address routes to the peer", c.span);
    if (t.peers.size() > 1) {
      diag_.info("INTENT-MULTI-PEER", "connection " + c.name + " has " + std::to_string(t.peers.size()) +
                                          " remote addresses; charon tries them in order",
                 "", remote_span);
    }
    const Setting* v = c.setting("version");
    const std::string version = v ? v->value.text : "0";
    if (version == "1") {
      t.ikev1 = true;
    } else if (version == "2") {
      t.ikev2 = true;
    } else {
      if (version != "0") {
        diag_.error("INTENT-BAD-VALUE", "version '" + version + "' is not 0, 1 or 2", "write version = 2", v->value.span);
      } else {
        defaulted(c.name + ".version", "0: IKEv1 and IKEv2 as responder, IKEv2 as initiator", v ? v->value.span : c.span);
      }
      t.ikev1 = t.ikev2 = true;
    }
    t.ikev2_enabled_on_interface = t.ikev2;
    uint32_t ike_lifetime = kSwanctlDefaultIkeRekeySeconds;
    SourceSpan ike_lifetime_span;
    const Setting* rk = c.setting("rekey_time");
    if (rk == nullptr || (t.ikev1 && !t.ikev2)) {
      // IKEv1 SAs are never rekeyed, only reauthenticated: reauth_time is their lifetime.
      if (const Setting* ra = c.setting("reauth_time")) rk = ra;
    }
    if (rk != nullptr) {
      if (auto x = swanctl::parse_time(rk->value.text); x && *x <= 0xffffffffu) {
        ike_lifetime = static_cast<uint32_t>(*x);
        ike_lifetime_span = rk->value.span;
      } else {
        diag_.error("INTENT-BAD-VALUE", rk->key + " '" + rk->value.text + "' is not a time", "write e.g. 86400s or 24h",
                    rk->value.span);
      }
    } else {
      defaulted(c.name + ".rekey_time", "4h", c.span);
    }
    if (t.ikev1) t.ikev1_proposals = ike_proposals(c, 1, ike_lifetime, ike_lifetime_span);
    if (t.ikev2) t.ikev2_proposals = ike_proposals(c, 2, ike_lifetime, ike_lifetime_span);
    if (const Setting* ag = c.setting("aggressive")) t.ikev1_aggressive_mode = ag->value.text == "yes";
    t.dpd.enabled = false;
    if (const Setting* d = c.setting("dpd_delay")) {
      auto x = swanctl::parse_time(d->value.text);
      if (!x) {
        diag_.error("INTENT-BAD-VALUE", "dpd_delay '" + d->value.text + "' is not a time", "write e.g. 10s", d->value.span);
      } else if (*x > 0) {
        t.dpd.enabled = true;
        t.dpd.threshold_seconds = static_cast<uint32_t>(*x);
        t.dpd.retry_seconds = kSwanctlDpdRetrySeconds;
        t.spans.dpd = d->value.span;
      }
    }
    t.nat_t = true;  // charon always detects NAT and floats to UDP 4500
    auth(c, t);
    keys(c, t);
    children(c, t);
    out_.tunnels.push_back(std::move(t));
  }

  const swanctl::SwanctlConfig& cfg_;
  Intent& out_;
  Diagnostics diag_;
  std::vector<SecretEntry> secrets_;
  bool warned_default_ike_ = false;
};

}  // namespace

Intent derive_intent(const swanctl::SwanctlConfig& cfg, const std::string& file) {
  Intent out;
  out.file = file;
  SwanctlDerivation(cfg, file, out).run();
  return out;
}

}  // namespace ikeshift::model
