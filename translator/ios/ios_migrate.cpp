#include "ios/ios_migrate.h"

#include <algorithm>
#include <map>
#include <set>

#include "common/ipv4.h"
#include "ios/ios_intent.h"

namespace ikeshift::ios {

namespace {

using model::Dialect;

std::string indent_of(const text::SourceText& src, const Block& b) {
  for (uint32_t l = b.header_line + 1; l <= b.last_line && l < src.line_count(); ++l) {
    std::string_view s = src.line(l);
    size_t n = s.find_first_not_of(" \t");
    if (n != 0 && n != std::string_view::npos && s[n] != '!') return std::string(s.substr(0, n));
  }
  return " ";
}

std::string key_text(const PresharedKey& k) {
  switch (k.form) {
    case PresharedKey::Form::Encrypted6: return "6 " + k.key.reveal();
    case PresharedKey::Form::Encrypted7: return "7 " + k.key.reveal();
    default: return k.key.reveal();
  }
}

class Migration {
 public:
  Migration(const text::SourceText& src, const ParseResult& parsed)
      : src_(src), cfg_(parsed.config), intent_(model::derive_intent(parsed.config, src.path())) {}

  asa::MigrateResult run() {
    // What the intent had to assume (IOS defaults, unknown algorithms) is
    // what the migration builds on: say it first.
    for (const Finding& f : intent_.findings)
      if (f.severity != Severity::Info) out_.findings.push_back(f);
    std::vector<std::string> proposal_names;
    for (const model::Tunnel& t : intent_.tunnels) plan(t);
    if (plans_.empty()) return std::move(out_);
    for (const IsakmpPolicy& p : cfg_.isakmp_policies) proposal(p, proposal_names);
    if (!proposal_names.empty() && cfg_.ikev2_policies.empty()) {
      std::string names;
      for (const auto& n : proposal_names) names += " " + n;
      add_block({"crypto ikev2 policy IKEV2-POLICY", " proposal" + names});
      ++out_.summary.policies_added;
    } else if (!proposal_names.empty()) {
      finding(Severity::Warning, "MIGRATE-POLICY-CONFLICT",
              "crypto ikev2 policy " + cfg_.ikev2_policies.front().name.text +
                  " already exists; the new proposals are not added to it",
              "add ` proposal " + proposal_names.front() + "` to the IKEv2 policy by hand", cfg_.ikev2_policies.front().block.span);
    }
    keyring();
    size_t n = 0;
    for (Plan& p : plans_) profile(p, ++n);
    if (!new_lines_.empty()) out_.script.insert_before(anchor(), std::move(new_lines_));
    references();
    return std::move(out_);
  }

 private:
  struct Plan {
    const model::Tunnel* t;
    const Block* block;  // crypto map entry or ipsec profile
    std::string context;
    const PresharedKey* key = nullptr;
    std::string profile;
  };

  void finding(Severity s, const char* code, std::string msg, std::string hint, const text::SourceSpan& span) {
    Finding f;
    f.severity = s;
    f.code = code;
    f.message = std::move(msg);
    f.hint = std::move(hint);
    f.where = {src_.path(), span};
    out_.findings.push_back(std::move(f));
  }

  void plan(const model::Tunnel& t) {
    if (t.ikev2) {
      ++out_.summary.entries_already_ikev2;
      finding(Severity::Info, "MIGRATE-ALREADY-IKEV2", translate_label(t) + " already uses IKEv2; left as it is", "", t.span);
      return;
    }
    if (!t.ikev1 || t.peers.empty()) return;
    Plan p{&t, nullptr, {}, nullptr, {}};
    if (t.route_based) {
      const Interface* itf = cfg_.interface(t.map);
      const IpsecProfile* prof = itf && itf->tunnel_protection ? cfg_.ipsec_profile(itf->tunnel_protection->text) : nullptr;
      if (prof == nullptr) return;
      if (profiles_done_.count(prof->name.text)) return;  // shared by several tunnels: one profile line
      profiles_done_.insert(prof->name.text);
      p.block = &prof->block;
      p.context = "crypto ipsec profile " + prof->name.text;
    } else {
      auto it = std::find_if(cfg_.crypto_map_entries.begin(), cfg_.crypto_map_entries.end(), [&](const CryptoMapEntry& e) {
        return !e.dynamic_map && e.map == t.map && e.sequence == t.sequence;
      });
      if (it == cfg_.crypto_map_entries.end()) return;
      p.block = &it->block;
      p.context = "crypto map " + t.map + " " + std::to_string(t.sequence) + " ipsec-isakmp";
    }
    for (const IsakmpKey& k : cfg_.isakmp_keys) {
      if (k.address && (t.peers[0] & k.mask) == (*k.address & k.mask)) p.key = &k.key;
    }
    if (p.key == nullptr) {
      finding(Severity::Warning, "MIGRATE-NO-TUNNEL-GROUP",
              translate_label(t) + ": no IKEv1 key covers peer " + format_ipv4(t.peers[0]) + "; no IKEv2 key is invented",
              "add ` pre-shared-key KEY` under the new keyring peer by hand", t.span);
    } else if (p.key->form == PresharedKey::Form::Masked) {
      finding(Severity::Warning, "MIGRATE-MASKED-KEY", "the IKEv1 key for " + format_ipv4(t.peers[0]) + " is masked; the IKEv2 key is written masked",
              "type the key in by hand", p.key->span);
    }
    if (t.peers.size() > 1) {
      finding(Severity::Warning, "MIGRATE-MULTI-PEER",
              translate_label(t) + " lists several peers; the IKEv2 profile matches only " + format_ipv4(t.peers[0]),
              "add `match identity remote address` lines for the backup peers", t.span);
    }
    plans_.push_back(p);
  }

  static std::string translate_label(const model::Tunnel& t) {
    return t.route_based ? "interface " + t.map : "crypto map " + t.map + " " + std::to_string(t.sequence);
  }

  void add_block(std::vector<std::string> lines) {
    out_.patch.push_back({asa::PatchStep::AddDefinitions, "", lines, false});
    for (auto& l : lines) new_lines_.push_back(std::move(l));
    new_lines_.push_back("!");
  }

  void proposal(const IsakmpPolicy& p, std::vector<std::string>& names) {
    const model::IkeProposal* v1 = nullptr;
    for (const model::IkeProposal& x : plans_.front().t->ikev1_proposals)  // the isakmp policies are global
      if (x.priority == p.priority) v1 = &x;
    if (v1 == nullptr) return;  // not usable (reported by the intent derivation)
    const std::string name = "IKEV2-PROPOSAL-" + std::to_string(p.priority);
    if (cfg_.ikev2_proposal(name) != nullptr) {
      names.push_back(name);
      return;
    }
    auto spell = [&](const model::Algorithm* a, const char* what) -> std::string {
      const std::string_view n = model::algorithm_name(*a, Dialect::IosIkev2);
      if (n.empty()) {
        finding(Severity::Error, "MIGRATE-UNKNOWN-ALGORITHM",
                "crypto isakmp policy " + std::to_string(p.priority) + ": IKEv2 on IOS has no " + what + " '" + std::string(a->id) + "'",
                "choose another algorithm", p.block.span);
      }
      return std::string(n);
    };
    const std::string enc = spell(v1->encryption[0], "encryption");
    const std::string integ = spell(v1->integrity[0], "integrity");
    const std::string group = spell(v1->dh_groups[0], "group");
    if (enc.empty() || integ.empty() || group.empty()) return;
    add_block({"crypto ikev2 proposal " + name, " encryption " + enc, " integrity " + integ, " group " + group});
    names.push_back(name);
    ++out_.summary.proposals_added;
  }

  void keyring() {
    std::vector<std::string> lines{"crypto ikev2 keyring IKEV2-KEYRING"};
    bool secret = false;
    std::set<uint32_t> done;
    for (const Plan& p : plans_) {
      if (p.key == nullptr || !done.insert(p.t->peers[0]).second) continue;
      const std::string a = format_ipv4(p.t->peers[0]);
      lines.push_back(" peer " + a);
      lines.push_back("  address " + a);
      lines.push_back("  pre-shared-key " + key_text(*p.key));
      secret = true;
      ++out_.summary.tunnel_groups_keyed;
    }
    if (cfg_.ikev2_keyring("IKEV2-KEYRING") != nullptr) {
      finding(Severity::Warning, "MIGRATE-KEYRING-CONFLICT", "crypto ikev2 keyring IKEV2-KEYRING already exists; it is kept",
              "check that it holds keys for the migrated peers", cfg_.ikev2_keyring("IKEV2-KEYRING")->block.span);
      return;
    }
    out_.patch.push_back({asa::PatchStep::AddDefinitions, "", lines, secret});
    for (auto& l : lines) new_lines_.push_back(std::move(l));
    new_lines_.push_back("!");
  }

  void profile(Plan& p, size_t n) {
    const model::Tunnel& t = *p.t;
    p.profile = "IKEV2-PROFILE-" + std::to_string(n);
    std::vector<std::string> lines{"crypto ikev2 profile " + p.profile,
                                   " match identity remote address " + format_ipv4(t.peers[0]) + " 255.255.255.255"};
    if (t.local_address) lines.push_back(" identity local address " + format_ipv4(*t.local_address));
    lines.push_back(" authentication local pre-share");
    lines.push_back(" authentication remote pre-share");
    lines.push_back(" keyring local IKEV2-KEYRING");
    if (!t.ikev1_proposals.empty() && t.ikev1_proposals[0].lifetime_seconds != model::kDefaultIkeLifetimeSeconds)
      lines.push_back(" lifetime " + std::to_string(t.ikev1_proposals[0].lifetime_seconds));
    if (t.dpd.enabled && !t.dpd.reply_only)
      lines.push_back(" dpd " + std::to_string(t.dpd.threshold_seconds) + " " + std::to_string(t.dpd.retry_seconds) + " on-demand");
    add_block(std::move(lines));
  }

  void references() {
    for (const Plan& p : plans_) {
      const std::string line = "set ikev2-profile " + p.profile;
      out_.script.insert_after(p.block->last_line, {indent_of(src_, *p.block) + line});
      out_.patch.push_back({asa::PatchStep::AddReferences, p.context, {" " + line}, false});
      ++out_.summary.entries_migrated;
    }
    if (!plans_.empty()) {
      finding(Severity::Info, "MIGRATE-IOS-INITIATES-IKEV2",
              "IOS initiates IKEv2 on the migrated tunnels and still answers IKEv1; unlike the ASA it does not fall back to "
              "IKEv1 as initiator, so the peer must accept IKEv2 first",
              "migrate the peer (or let it initiate) before relying on this end", {});
    }
  }

  // The new IKEv2 blocks go before the first transform-set, else before the
  // first crypto map or ipsec profile, as `show running-config` orders them.
  uint32_t anchor() const {
    uint32_t best = static_cast<uint32_t>(src_.line_count());
    for (const auto& t : cfg_.transform_sets) best = std::min(best, t.block.header_line);
    if (best == src_.line_count()) {
      for (const auto& e : cfg_.crypto_map_entries) best = std::min(best, e.block.header_line);
      for (const auto& p : cfg_.ipsec_profiles) best = std::min(best, p.block.header_line);
    }
    return best;
  }

  const text::SourceText& src_;
  const IosConfig& cfg_;
  model::Intent intent_;
  asa::MigrateResult out_;
  std::vector<Plan> plans_;
  std::vector<std::string> new_lines_;
  std::set<std::string> profiles_done_;
};

}  // namespace

asa::MigrateResult migrate_l2l(const text::SourceText& src, const ParseResult& parsed) {
  return Migration(src, parsed).run();
}

}  // namespace ikeshift::ios
