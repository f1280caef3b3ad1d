#include "rtx/rtx_intent.h"

#include <charconv>

#include "asa/asa_intent_proposals.h"
#include "common/ipv4.h"
#include "common/text_case.h"
#include "model/intent_diagnostics.h"

namespace ikeshift::model {

namespace {

using detail::Diagnostics;
using text::SourceSpan;

std::optional<uint64_t> number(const std::string& s) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

bool is(const Word& w, const char* text) { return lower_ascii(w.text) == text; }

std::optional<AddressRange> prefix_range(const std::string& p) {
  const size_t slash = p.find('/');
  if (slash == std::string::npos) return std::nullopt;
  auto a = parse_ipv4(p.substr(0, slash));
  auto len = number(p.substr(slash + 1));
  if (!a || !len || *len > 32) return std::nullopt;
  const uint32_t mask = *len == 0 ? 0 : 0xffffffffu << (32 - *len);
  return AddressRange{*a & mask, *a | ~mask};
}

class RtxDerivation {
 public:
  RtxDerivation(const rtx::RtxConfig& cfg, const std::string& file, Intent& out)
      : cfg_(cfg), out_(out), diag_(file, out.findings) {}

  void run() {
    out_.dialect = "rtx";
    for (const auto& [name, a] : cfg_.interface_addresses) {
      const uint32_t mask = a.second == 0 ? 0 : 0xffffffffu << (32 - a.second);
      out_.interfaces.push_back(Interface{name, a.first, mask, false, {}});
    }
    for (const rtx::TunnelIf& t : cfg_.tunnels) tunnel(t);
  }

 private:
  const Algorithm* one(TransformType type, const std::optional<rtx::Setting>& s, const char* what, const char* dflt,
                       const SourceSpan& at, uint32_t gw, std::vector<AlgorithmSource>* sources = nullptr) {
    Word w{dflt, at};
    if (s && !s->words.empty()) {
      w = s->words.front();
    } else {
      diag_.warning("INTENT-IKE-DEFAULT-ASSUMED",
                    "gateway " + std::to_string(gw) + " has no `ipsec ike " + what + "`; assuming the RTX default '" + dflt + "'",
                    std::string("write `ipsec ike ") + what + " " + std::to_string(gw) + " ...` explicitly: defaults differ "
                    "between RTX models and firmware",
                    at);
    }
    const Algorithm* a = detail::lookup_algorithm(type, Dialect::Rtx, w, what, diag_);
    if (a != nullptr && sources != nullptr) sources->push_back({a, w.span});
    return a;
  }

  std::optional<IkeProposal> ike(const rtx::Gateway& g, int version, const SourceSpan& at) {
    IkeProposal p;
    p.version = version;
    p.priority = 1;
    p.span = at;
    p.authentication = "pre-share";
    const Algorithm* e = one(TransformType::Encryption, g.encryption, "encryption", "3des-cbc", at, g.id, &p.sources);
    const Algorithm* i = one(TransformType::Integrity, g.hash, "hash", "md5", at, g.id, &p.sources);
    const Algorithm* f = i == nullptr ? nullptr
                                      : find_algorithm(TransformType::Prf, Dialect::Rtx,
                                                       g.hash && !g.hash->words.empty() ? g.hash->words.front().text : "md5");
    if (e == nullptr || i == nullptr || f == nullptr) return std::nullopt;
    p.encryption = {e};
    p.integrity = {i};
    p.prf = {f};
    p.sources.push_back({f, g.hash && !g.hash->words.empty() ? g.hash->words.front().span : at});
    if (g.group && !g.group->words.empty()) {
      for (const Word& w : g.group->words) {
        const Algorithm* a = detail::lookup_algorithm(TransformType::DhGroup, Dialect::Rtx, w, "group", diag_);
        if (a == nullptr) return std::nullopt;
        p.dh_groups.push_back(a);
        p.sources.push_back({a, w.span});
      }
    } else {
      const Algorithm* a = one(TransformType::DhGroup, g.group, "group", "modp768", at, g.id, &p.sources);
      if (a == nullptr) return std::nullopt;
      p.dh_groups = {a};
    }
    p.lifetime_seconds = kRtxDefaultIkeLifetimeSeconds;
    if (g.ike_duration && !g.ike_duration->words.empty()) {
      p.lifetime_seconds = static_cast<uint32_t>(number(g.ike_duration->words[0].text).value_or(kRtxDefaultIkeLifetimeSeconds));
      p.lifetime_span = g.ike_duration->span;
    }
    return p;
  }

  std::optional<EspProposal> esp(const rtx::SaPolicy& sp) {
    EspProposal out;
    out.name = "policy " + std::to_string(sp.id);
    out.span = sp.span;
    bool ok = true;
    for (const Word& w : sp.esp) {
      if (w.text.find('=') != std::string::npos) continue;  // local-id=, remote-id=, anti-replay-check=
      const Algorithm* a = find_algorithm(TransformType::Encryption, Dialect::Rtx, w.text);
      if (a == nullptr) a = find_algorithm(TransformType::Integrity, Dialect::Rtx, w.text);
      if (a == nullptr) {
        diag_.error("INTENT-UNKNOWN-ALGORITHM", "ESP algorithm '" + w.text + "' of ipsec sa policy " + std::to_string(sp.id) +
                                                    " is not known",
                    "use aes256-cbc, aes-cbc, 3des-cbc with sha256-hmac or sha-hmac", w.span);
        ok = false;
      } else if (a->type == TransformType::Encryption) {
        out.sources.push_back({a, w.span});
        out.encryption.push_back(a);
      } else {
        out.sources.push_back({a, w.span});
        out.integrity.push_back(a);
      }
    }
    if (ok && out.encryption.empty()) {
      diag_.error("INTENT-EMPTY-TRANSFORM-SET", "ipsec sa policy " + std::to_string(sp.id) + " has no ESP cipher",
                  "write `ipsec sa policy " + std::to_string(sp.id) + " GW esp aes256-cbc sha256-hmac`", sp.span);
      ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
  }

  std::optional<IkeIdentity> identity(const std::optional<rtx::Setting>& s, const std::optional<uint32_t>& own) {
    if (!s || s->words.empty()) return std::nullopt;
    const std::string& name = s->words[0].text;
    const std::string type = s->words.size() > 1 ? lower_ascii(s->words[1].text) : "";
    if (type == "fqdn") return IkeIdentity{IkeIdentity::Type::Fqdn, name, s->span};
    if (type == "key-id") return IkeIdentity{IkeIdentity::Type::KeyId, name, s->span};
    if (type == "ipv4-addr" || (type.empty() && parse_ipv4(name))) {
      auto a = parse_ipv4(name);
      return IkeIdentity{IkeIdentity::Type::Address, a && own && *a == *own ? "" : name, s->span};
    }
    diag_.warning("INTENT-IDENTITY-UNSUPPORTED",
                  "identity '" + name + "' of type '" + type + "' is not modelled (address, fqdn and key-id are)",
                  "use ipv4-addr, fqdn or key-id", s->span);
    return std::nullopt;
  }

  void tunnel(const rtx::TunnelIf& ti) {
    const std::string label = "tunnel select " + std::to_string(ti.id);
    if (!ti.ipsec_policy) return;  // an L2TP, PPTP or other tunnel
    const auto pid = number(ti.ipsec_policy->text);
    const rtx::SaPolicy* sp = pid ? cfg_.sa_policy(static_cast<uint32_t>(*pid)) : nullptr;
    if (sp == nullptr) {
      diag_.error("INTENT-UNDEFINED-SA-POLICY", label + " uses ipsec tunnel " + ti.ipsec_policy->text + ", but no `ipsec sa policy " +
                                                    ti.ipsec_policy->text + " ...` exists",
                  "define `ipsec sa policy " + ti.ipsec_policy->text + " GW esp aes256-cbc sha256-hmac`", ti.ipsec_policy->span);
      return;
    }
    const rtx::Gateway* g = cfg_.gateway(sp->gateway);
    if (g == nullptr) {
      diag_.error("INTENT-UNDEFINED-GATEWAY", "ipsec sa policy " + std::to_string(sp->id) + " names gateway " +
                                                  std::to_string(sp->gateway) + ", which no `ipsec ike` command configures",
                  "configure `ipsec ike remote address " + std::to_string(sp->gateway) + " PEER` and its keys", sp->span);
      return;
    }
    if (!g->remote_address || !parse_ipv4(g->remote_address->words[0].text)) {
      diag_.info("INTENT-DYNAMIC-PEER",
                 label + ": gateway " + std::to_string(g->id) + " has no fixed IPv4 remote address (`any` or a name), so it "
                 "is not a site-to-site tunnel with one known peer",
                 "set `ipsec ike remote address " + std::to_string(g->id) + " ADDRESS`",
                 g->remote_address ? g->remote_address->span : ti.span);
      return;
    }
    Tunnel t;
    t.map = "tunnel";
    t.sequence = ti.id;
    t.span = ti.span;
    t.route_based = true;
    t.tunnel_group = "gateway " + std::to_string(g->id);
    t.peers = {*parse_ipv4(g->remote_address->words[0].text)};
    t.spans.peers = {g->remote_address->words[0].span};
    t.spans.tunnel_group = g->remote_address->span;
    t.spans.esp_v1 = t.spans.esp_v2 = sp->span;
    if (g->local_address) t.spans.local_address = g->local_address->words[0].span;
    if (g->local_address) {
      if (auto a = parse_ipv4(g->local_address->words[0].text)) {
        t.local_address = *a;
        for (const auto& [name, addr] : cfg_.interface_addresses) {
          if (addr.first != *a) continue;
          t.local_interface = name;
          t.local_netmask = addr.second == 0 ? 0 : 0xffffffffu << (32 - addr.second);
        }
      } else {
        auto it = cfg_.interface_addresses.find(g->local_address->words[0].text);
        if (it != cfg_.interface_addresses.end()) {
          t.local_interface = it->first;
          t.local_address = it->second.first;
        }
      }
    }
    if (!t.local_address) {
      diag_.warning("INTENT-NO-LOCAL-ADDRESS", label + ": gateway " + std::to_string(g->id) + " has no `ipsec ike local address`",
                    "add `ipsec ike local address " + std::to_string(g->id) + " ADDRESS`", ti.span);
    }
    int version = 1;
    if (g->version) version = static_cast<int>(number(g->version->words[0].text).value_or(1));
    if (auto p = ike(*g, version, g->version ? g->version->span : ti.span)) {
      (version == 2 ? t.ikev2_proposals : t.ikev1_proposals).push_back(std::move(*p));
      if (version == 2 && !(g->proposal_limitation && is(g->proposal_limitation->words[0], "on"))) {
        diag_.info("INTENT-RTX-PROPOSALS-NOT-LIMITED",
                   label + ": without `ipsec ike proposal-limitation " + std::to_string(g->id) + " on` the RTX offers and "
                   "accepts every algorithm it supports, not only the configured ones",
                   "add `ipsec ike proposal-limitation " + std::to_string(g->id) + " on` to negotiate only what is configured",
                   ti.span);
      }
    }
    (version == 2 ? t.ikev2 : t.ikev1) = true;
    if (auto e = esp(*sp)) (version == 2 ? t.esp_v2 : t.esp_v1).push_back(std::move(*e));
    if (g->pfs && is(g->pfs->words[0], "on")) {
      const auto& props = version == 2 ? t.ikev2_proposals : t.ikev1_proposals;
      if (!props.empty() && !props.front().dh_groups.empty()) t.pfs_group = props.front().dh_groups.front();
      t.spans.pfs = g->pfs->span;
    }
    t.lifetime_seconds = kRtxDefaultChildLifetimeSeconds;
    t.lifetime_kilobytes = 0;
    if (g->child_duration && !g->child_duration->words.empty()) {
      t.lifetime_seconds = number(g->child_duration->words[0].text).value_or(kRtxDefaultChildLifetimeSeconds);
      t.spans.lifetime = g->child_duration->span;
      if (g->child_duration->words.size() > 1) t.lifetime_kilobytes = number(g->child_duration->words[1].text).value_or(0);
    }
    t.nat_t = g->nat_traversal && is(g->nat_traversal->words[0], "on");
    t.dpd = keepalive(*g);
    if (g->keepalive) t.spans.dpd = g->keepalive->span;
    key(*g, version, t);
    if (auto id = identity(g->local_name, t.local_address)) t.local_identity = *id;
    t.remote_identity = identity(g->remote_name, t.peers.front());
    selectors(*g, t);
    if (!ti.enabled) {
      diag_.warning("INTENT-TUNNEL-DISABLED", label + " is not enabled (no `tunnel enable " + std::to_string(ti.id) + "`)",
                    "add `tunnel enable " + std::to_string(ti.id) + "`", ti.span);
    }
    out_.tunnels.push_back(std::move(t));
  }

  // `ipsec ike keepalive use GW on [rfc4306|dpd|heartbeat] [INTERVAL COUNT]`:
  // a probe every INTERVAL seconds; the intent's threshold and retry both
  // take INTERVAL (the RTX has no separate retry interval).
  Dpd keepalive(const rtx::Gateway& g) {
    Dpd d{false, kDefaultDpdThresholdSeconds, kDefaultDpdRetrySeconds, false};
    if (!g.keepalive || g.keepalive->words.empty()) return d;
    const auto& w = g.keepalive->words;
    if (is(w[0], "off")) return d;
    d.enabled = true;
    d.reply_only = is(w[0], "auto");
    std::vector<uint64_t> numbers;
    for (size_t i = 1; i < w.size(); ++i)
      if (auto n = number(w[i].text)) numbers.push_back(*n);
    if (!numbers.empty()) {
      d.threshold_seconds = static_cast<uint32_t>(numbers[0]);
      d.retry_seconds = static_cast<uint32_t>(numbers[0]);
    }
    return d;
  }

  void key(const rtx::Gateway& g, int version, Tunnel& t) {
    if (!g.pre_shared_key || g.pre_shared_key->words.size() < 2) {
      diag_.warning("INTENT-NO-KEY", "gateway " + std::to_string(g.id) + " has no `ipsec ike pre-shared-key`",
                    "add `ipsec ike pre-shared-key " + std::to_string(g.id) + " text KEY`", t.span);
      return;
    }
    const Word& form = g.pre_shared_key->words[0];
    const Word& value = g.pre_shared_key->words[1];
    Secret k(value.text);
    if (is(form, "hex")) {
      std::string bytes;
      const std::string& d = value.text;
      bool ok = d.size() % 2 == 0 && d.size() > 2;
      size_t start = (d.size() > 2 && d[0] == '0' && (d[1] == 'x' || d[1] == 'X')) ? 2 : 0;
      for (size_t i = start; ok && i + 1 < d.size(); i += 2) {
        unsigned v = 0;
        auto [p, ec] = std::from_chars(d.data() + i, d.data() + i + 2, v, 16);
        ok = ec == std::errc() && p == d.data() + i + 2;
        bytes.push_back(static_cast<char>(v));
      }
      if (!ok) {
        diag_.error("INTENT-PSK-BAD-HEX", "the hex pre-shared key of gateway " + std::to_string(g.id) + " is not hex digits",
                    "fix the key", value.span);
        wipe_string(bytes);
        return;
      }
      k = Secret(bytes);
      wipe_string(bytes);
    }
    if (value.text == Secret::kMask) t.psk.masked = true;
    if (version == 2) {
      t.psk.ikev2_local = k;
      t.psk.ikev2_remote = k;
      t.spans.ikev2_local_psk = t.spans.ikev2_remote_psk = value.span;
    } else {
      t.psk.ikev1 = k;
      t.spans.ikev1_psk = value.span;
    }
  }

  void selectors(const rtx::Gateway& g, Tunnel& t) {
    SelectorPair sp;
    sp.span = t.span;
    sp.local.addresses = {0, 0xffffffffu};
    sp.remote.addresses = {0, 0xffffffffu};
    auto narrow = [&](const std::optional<rtx::Setting>& s, TrafficSelector& ts) {
      if (!s || s->words.empty()) return;
      if (auto r = prefix_range(s->words[0].text)) {
        ts.addresses = *r;
        sp.span = s->span;
      } else {
        diag_.error("INTENT-BAD-PREFIX", "'" + s->words[0].text + "' is not an IPv4 prefix", "write ADDRESS/LENGTH", s->span);
      }
    };
    narrow(g.local_id, sp.local);
    if (g.local_id) t.spans.match_address = g.local_id->span;
    narrow(g.remote_id, sp.remote);
    t.selectors = {sp};
  }

  const rtx::RtxConfig& cfg_;
  Intent& out_;
  Diagnostics diag_;
};

}  // namespace

Intent derive_intent(const rtx::RtxConfig& cfg, const std::string& file) {
  Intent intent;
  intent.file = file;
  RtxDerivation(cfg, file, intent).run();
  return intent;
}

}  // namespace ikeshift::model
