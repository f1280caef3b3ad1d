#include "asa/migrate_l2l.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "asa/migrate_text.h"
#include "asa/top_level_commands.h"
#include "common/ipv4.h"

namespace ikeshift::asa {

namespace {

using text::SourceSpan;

// The peer of a crypto map entry as its tunnel-group is named: an IP address
// (a `name` alias is resolved to its address, as the ASA does).
std::string peer_tunnel_group_name(const AsaConfig& cfg, const Word& peer) {
  if (parse_ipv4(peer.text)) return peer.text;
  if (const NameEntry* n = cfg.name_entry(peer.text)) return format_ipv4(n->address);
  return peer.text;
}

bool is_l2l_entry(const CryptoMapEntry& e) {
  return !e.dynamic_map && !e.dynamic_reference && !e.peers.empty();
}

class Migration {
 public:
  Migration(const text::SourceText& src, const ParseResult& parsed, const MigrateOptions& options)
      : src_(src), parsed_(parsed), cfg_(parsed.config), options_(options), text_(detect_indent(src, parsed)) {}

  MigrateResult run() {
    report_out_of_scope();
    plan_entries();
    migrate_proposals();
    migrate_policies();
    enable_interfaces();
    add_entry_references();
    migrate_tunnel_groups();
    remove_unreferenced_proposals();
    if (!cfg_.version || is_pre_84()) note_pre_84();
    result_.summary.lines_removed = result_.script.removed_line_count();
    return std::move(result_);
  }

 private:
  // ------------------------------------------------------------ findings
  void finding(Severity sev, const char* code, std::string message, std::string hint,
               SourceSpan span) {
    Finding f;
    f.severity = sev;
    f.code = code;
    f.message = std::move(message);
    f.hint = std::move(hint);
    f.where = {src_.path(), span};
    result_.findings.push_back(std::move(f));
  }

  std::string entry_name(const CryptoMapEntry& e) const {
    return std::string(e.dynamic_map ? "crypto dynamic-map " : "crypto map ") + e.map + " " +
           std::to_string(e.sequence);
  }

  bool is_pre_84() const {
    return std::any_of(cfg_.ikev1_policies.begin(), cfg_.ikev1_policies.end(),
                       [](const Ikev1Policy& p) { return p.legacy_isakmp; }) ||
           std::any_of(cfg_.transform_sets.begin(), cfg_.transform_sets.end(),
                       [](const TransformSet& t) { return t.legacy; });
  }

  void note_pre_84() {
    if (!is_pre_84() || result_.script.empty()) return;
    finding(Severity::Info, "MIGRATE-PRE-84-SYNTAX",
            "the input uses pre-8.4 syntax (crypto isakmp / crypto ipsec transform-set); the added "
            "IKEv2 lines use 8.4+ syntax",
            "load the result on ASA 8.4 or later, which converts the old IKEv1 lines on its own",
            {});
  }

  // ------------------------------------------------------------ scope
  void report_out_of_scope() {
    std::set<std::string> dynamic_maps;
    for (const auto& e : cfg_.crypto_map_entries) {
      if (e.dynamic_map && dynamic_maps.insert(e.map).second) {
        finding(Severity::Info, "MIGRATE-DYNAMIC-MAP",
                "crypto dynamic-map " + e.map +
                    " is not a site-to-site tunnel with a fixed peer; left unchanged",
                "dynamic peers (remote access, DefaultL2LGroup) need their IKEv2 settings by hand",
                e.span);
      }
    }
    for (const auto& tg : cfg_.tunnel_groups) {
      if (tg.type && !tg.is_l2l()) {
        finding(Severity::Info, "MIGRATE-REMOTE-ACCESS",
                "tunnel-group " + tg.name + " is of type " + tg.type->text +
                    ", not ipsec-l2l; left unchanged",
                "use `migrate remote-access ikev2` on the ASA for remote-access groups", tg.type->span);
      }
    }
  }

  // ------------------------------------------------------------ crypto map entries
  struct EntryPlan {
    const CryptoMapEntry* entry;
    std::vector<std::string> proposals;  // names for `set ikev2 ipsec-proposal`
    bool replace_existing = false;
  };

  void plan_entries() {
    for (const auto& e : cfg_.crypto_map_entries) {
      if (!is_l2l_entry(e)) {
        if (!e.dynamic_map && !e.dynamic_reference && (e.match_address || !e.ikev1_transform_sets.empty())) {
          finding(Severity::Warning, "MIGRATE-INCOMPLETE-ENTRY",
                  entry_name(e) + " has no `set peer`; it is not migrated",
                  "add `" + entry_name(e) + " set peer <address>` or remove the entry", e.span);
        }
        continue;
      }
      check_entry_references(e);
      if (e.ikev1_transform_sets.empty()) {
        if (!e.ikev2_proposals.empty()) {
          ++result_.summary.entries_already_ikev2;
        } else {
          finding(Severity::Warning, "MIGRATE-INCOMPLETE-ENTRY",
                  entry_name(e) + " has neither an IKEv1 transform-set nor an IKEv2 proposal",
                  "add `" + entry_name(e) + " set ikev1 transform-set <name>`", e.span);
        }
        continue;
      }
      if (!e.ikev2_proposals.empty() && !options_.overwrite) {
        ++result_.summary.entries_already_ikev2;
        finding(Severity::Info, "MIGRATE-ALREADY-IKEV2",
                entry_name(e) + " already has an IKEv2 ipsec-proposal; left as it is",
                "use --overwrite to derive it again from the IKEv1 transform-sets",
                text::SourceSpan::at(e.ikev2_proposal_line, 0, static_cast<uint32_t>(src_.line(e.ikev2_proposal_line).size())));
        continue;
      }
      EntryPlan plan{&e, {}, !e.ikev2_proposals.empty()};
      for (const Word& ts : e.ikev1_transform_sets) {
        const TransformSet* t = cfg_.transform_set(ts.text);
        if (t == nullptr) {
          finding(Severity::Error, "MIGRATE-UNDEFINED-TRANSFORM-SET",
                  entry_name(e) + " uses transform-set " + ts.text + ", which is not defined",
                  "define `crypto ipsec ikev1 transform-set " + ts.text +
                      " ...` or remove it from the entry; no IKEv2 proposal is invented for it",
                  ts.span);
          continue;
        }
        wanted_transform_sets_.insert(t->name.text);
        plan.proposals.push_back(t->name.text);
      }
      if (e.peers.size() > 1) {
        std::string others;
        for (size_t i = 1; i < e.peers.size(); ++i) others += (i > 1 ? ", " : "") + e.peers[i].text;
        finding(Severity::Warning, "MIGRATE-MULTI-PEER",
                entry_name(e) + " lists " + std::to_string(e.peers.size()) +
                    " peers; IKEv2 on the ASA uses only one peer per entry (CSCud22276): the IKEv2 "
                    "tunnel will reach only " + e.peers[0].text + ", IKEv1 keeps failing over to " + others,
                "give each backup peer its own crypto map entry if it must be reached over IKEv2",
                e.peers[1].span);
      }
      plans_.push_back(std::move(plan));
    }
  }

  void check_entry_references(const CryptoMapEntry& e) {
    if (!e.match_address) {
      finding(Severity::Warning, "MIGRATE-INCOMPLETE-ENTRY",
              entry_name(e) + " has no `match address`: it protects no traffic",
              "add `" + entry_name(e) + " match address <crypto ACL>`", e.span);
    } else if (cfg_.access_list(e.match_address->text) == nullptr) {
      finding(Severity::Error, "MIGRATE-UNDEFINED-ACL",
              entry_name(e) + " matches access-list " + e.match_address->text + ", which is not defined",
              "define the crypto ACL `access-list " + e.match_address->text + " extended permit ...`",
              e.match_address->span);
    }
    bool bound = std::any_of(cfg_.crypto_map_bindings.begin(), cfg_.crypto_map_bindings.end(),
                             [&](const CryptoMapBinding& b) { return b.map.text == e.map; });
    if (!bound && unbound_reported_.insert(e.map).second) {
      finding(Severity::Warning, "MIGRATE-UNBOUND-MAP",
              "crypto map " + e.map + " is not applied to any interface; its tunnels cannot come up",
              "add `crypto map " + e.map + " interface <nameif>`", e.span);
    }
    for (const Word& peer : e.peers) {
      std::string tg = peer_tunnel_group_name(cfg_, peer);
      if (!parse_ipv4(peer.text) && cfg_.name_entry(peer.text) == nullptr) {
        finding(Severity::Error, "MIGRATE-UNDEFINED-PEER",
                entry_name(e) + " peer " + peer.text + " is neither an IPv4 address nor a `name`",
                "use the peer's address or define `name <address> " + peer.text + "`", peer.span);
        continue;
      }
      if (cfg_.tunnel_group(tg) == nullptr) {
        finding(Severity::Warning, "MIGRATE-NO-TUNNEL-GROUP",
                entry_name(e) + " peer " + peer.text + " has no tunnel-group " + tg +
                    "; the tunnel has no pre-shared key and none is invented",
                "add `tunnel-group " + tg + " type ipsec-l2l` and its ipsec-attributes with the keys",
                peer.span);
      }
    }
  }

  // ------------------------------------------------------------ proposals
  void migrate_proposals() {
    std::vector<std::string> blocks;
    for (const auto& ts : cfg_.transform_sets) {
      if (!wanted_transform_sets_.count(ts.name.text)) continue;
      auto proposal = text_.proposal_from_transform_set(ts, result_.findings, src_.path());
      if (!proposal) {
        failed_transform_sets_.insert(ts.name.text);
        continue;
      }
      if (ts.mode && iequals(ts.mode->text, "transport")) {
        finding(Severity::Warning, "MIGRATE-TRANSPORT-MODE",
                "transform-set " + ts.name.text +
                    " uses transport mode; an IKEv2 ipsec-proposal has no mode of its own",
                "add `crypto map <map> <seq> set ikev2 mode transport` to the entries that use it",
                ts.mode->span);
      }
      const IpsecProposal* existing = cfg_.ipsec_proposal(ts.name.text);
      if (existing != nullptr) {
        if (text_.same_proposal(*existing, *proposal)) continue;  // already migrated
        if (!options_.overwrite) {
          finding(Severity::Warning, "MIGRATE-PROPOSAL-CONFLICT",
                  "ipsec-proposal " + ts.name.text +
                      " already exists with other algorithms than transform-set " + ts.name.text +
                      "; it is kept as it is",
                  "check it, or use --overwrite to derive it again from the transform-set",
                  existing->name.span);
          continue;
        }
        remove_block(existing->block, PatchStep::RemoveDefinitions,
                     "no crypto ipsec ikev2 ipsec-proposal " + existing->name.text);
        removed_proposals_.insert(existing->name.text);
      }
      std::vector<std::string> lines = text_.proposal_block(*proposal);
      result_.patch.push_back({PatchStep::AddDefinitions, "", lines, false});
      new_proposal_lines_.insert(new_proposal_lines_.end(), lines.begin(), lines.end());
      ++result_.summary.proposals_added;
    }
    if (new_proposal_lines_.empty()) return;
    result_.script.insert_after(proposal_anchor(), std::move(new_proposal_lines_));
  }

  // After the last ipsec-proposal block; else after the last transform-set line.
  uint32_t proposal_anchor() const {
    uint32_t anchor = 0;
    bool found = false;
    for (const auto& p : cfg_.ipsec_proposals) {
      if (removed_proposals_.count(p.name.text)) continue;
      anchor = std::max(anchor, p.block.last_line);
      found = true;
    }
    if (found) return anchor;
    for (const auto& t : cfg_.transform_sets) anchor = std::max(anchor, t.line);
    for (const auto& t : cfg_.transform_sets)
      if (t.mode) anchor = std::max(anchor, t.mode->span.line - 1);
    return anchor;
  }

  // ------------------------------------------------------------ IKE policies
  void migrate_policies() {
    if (plans_.empty() && !any_l2l_tunnel_group()) return;
    std::vector<const Ikev1Policy*> sources;
    for (const auto& p : cfg_.ikev1_policies) sources.push_back(&p);
    std::stable_sort(sources.begin(), sources.end(),
                     [](const Ikev1Policy* a, const Ikev1Policy* b) { return a->priority < b->priority; });
    for (const Ikev1Policy* v1 : sources) {
      auto policy = text_.policy_from_ikev1(*v1, result_.findings, src_.path());
      if (!policy) continue;
      const Ikev2Policy* existing = cfg_.ikev2_policy(v1->priority);
      if (existing != nullptr) {
        if (text_.same_policy(*existing, *policy)) continue;
        if (!options_.overwrite) {
          finding(Severity::Warning, "MIGRATE-POLICY-CONFLICT",
                  "crypto ikev2 policy " + std::to_string(v1->priority) +
                      " already exists with other settings than crypto ikev1 policy " +
                      std::to_string(v1->priority) + "; it is kept as it is",
                  "check it, or use --overwrite to derive it again from the IKEv1 policy",
                  existing->block.span);
          continue;
        }
        remove_block(existing->block, PatchStep::RemoveDefinitions,
                     "no crypto ikev2 policy " + std::to_string(existing->priority));
        removed_policies_.insert(existing->priority);
      }
      std::vector<std::string> lines = text_.policy_block(*policy);
      result_.patch.push_back({PatchStep::AddDefinitions, "", lines, false});
      insert_policy(v1->priority, std::move(lines));
      ++result_.summary.policies_added;
    }
  }

  bool any_l2l_tunnel_group() const {
    return !l2l_tunnel_groups_to_key(cfg_, options_.overwrite).empty();
  }

  // Keeps `crypto ikev2 policy` blocks in priority order, before the
  // `crypto ikev2|ikev1 enable` lines, as show run prints them.
  void insert_policy(int priority, std::vector<std::string> lines) {
    const Ikev2Policy* next_higher = nullptr;
    const Ikev2Policy* last = nullptr;
    for (const auto& p : cfg_.ikev2_policies) {
      if (removed_policies_.count(p.priority)) continue;
      if (p.priority > priority && (next_higher == nullptr || p.block.header_line < next_higher->block.header_line))
        next_higher = &p;
      if (last == nullptr || p.block.last_line > last->block.last_line) last = &p;
    }
    if (next_higher != nullptr) {
      result_.script.insert_before(next_higher->block.header_line, std::move(lines));
    } else if (last != nullptr) {
      result_.script.insert_after(last->block.last_line, std::move(lines));
    } else {
      result_.script.insert_before(ike_section_anchor(), std::move(lines));
    }
  }

  // Where the IKE section starts: the first `crypto ikev2|ikev1 enable` or
  // `crypto ikev1 policy` line; else after the last crypto line; else the end.
  uint32_t ike_section_anchor() const {
    uint32_t best = static_cast<uint32_t>(src_.line_count());
    for (const auto& e : cfg_.ike_enables) best = std::min(best, e.line);
    for (const auto& p : cfg_.ikev1_policies) best = std::min(best, p.block.header_line);
    if (best != src_.line_count()) return best;
    uint32_t last_crypto = 0;
    bool any = false;
    for (const auto& e : cfg_.crypto_map_entries) last_crypto = std::max(last_crypto, e.last_line), any = true;
    for (const auto& b : cfg_.crypto_map_bindings) last_crypto = std::max(last_crypto, b.line), any = true;
    return any ? last_crypto + 1 : best;
  }

  // ------------------------------------------------------------ crypto ikev2 enable
  void enable_interfaces() {
    if (plans_.empty()) return;
    uint32_t last_v2_enable = 0;
    bool have_v2_enable = false;
    for (const auto& e : cfg_.ike_enables)
      if (e.version == 2) last_v2_enable = std::max(last_v2_enable, e.line), have_v2_enable = true;
    // show run prints all `crypto ikev2 enable` lines together, before the
    // `crypto ikev1 enable` lines: the new ones go after the last existing
    // IKEv2 one, else all together before the first IKEv1 one.
    std::set<std::string> done;
    std::vector<std::string> lines;
    uint32_t first_v1_enable = static_cast<uint32_t>(src_.line_count());
    for (const auto& e : cfg_.ike_enables) {
      if (e.version != 1) continue;
      first_v1_enable = std::min(first_v1_enable, e.line);
      if (cfg_.ike_enabled(2, e.interface.text) || !done.insert(e.interface.text).second) continue;
      lines.push_back("crypto ikev2 enable " + e.interface.text);
      result_.patch.push_back({PatchStep::EnableIkev2, "", {lines.back()}, false});
      ++result_.summary.interfaces_enabled;
    }
    if (!lines.empty()) {
      if (have_v2_enable) {
        result_.script.insert_after(last_v2_enable, std::move(lines));
      } else {
        result_.script.insert_before(first_v1_enable, std::move(lines));
      }
    }
    // A map applied to an interface with no IKE enabled at all: say so.
    for (const auto& b : cfg_.crypto_map_bindings) {
      if (!cfg_.ike_enabled(1, b.interface.text) && !cfg_.ike_enabled(2, b.interface.text) &&
          done.insert(b.interface.text).second) {
        finding(Severity::Warning, "MIGRATE-IKE-NOT-ENABLED",
                "crypto map " + b.map.text + " is applied to " + b.interface.text +
                    ", where neither IKEv1 nor IKEv2 is enabled",
                "add `crypto ikev2 enable " + b.interface.text + "`", b.interface.span);
      }
    }
  }

  // ------------------------------------------------------------ entry references
  void add_entry_references() {
    for (const EntryPlan& plan : plans_) {
      const CryptoMapEntry& e = *plan.entry;
      std::vector<std::string> names;
      for (const auto& n : plan.proposals)
        if (!failed_transform_sets_.count(n)) names.push_back(n);
      if (plan.replace_existing) {
        std::vector<std::string> current;
        for (const Word& w : e.ikev2_proposals) current.push_back(w.text);
        if (current == names) {  // already what migration derives: nothing to redo
          ++result_.summary.entries_already_ikev2;
          continue;
        }
        std::string old_line(src_.line(e.ikev2_proposal_line));
        result_.script.remove(e.ikev2_proposal_line);
        result_.patch.push_back({PatchStep::RemoveReferences, "", {"no " + trim_left(old_line)}, false});
        for (const Word& w : e.ikev2_proposals) dropped_references_.insert(w.text);
      }
      if (names.empty()) continue;
      std::string line = "crypto map " + e.map + " " + std::to_string(e.sequence) + " set ikev2 ipsec-proposal";
      for (const auto& n : names) line += " " + n;
      result_.script.insert_after(e.ikev1_transform_line, {line});
      result_.patch.push_back({PatchStep::AddReferences, "", {line}, false});
      ++result_.summary.entries_migrated;
    }
  }

  // ------------------------------------------------------------ tunnel-groups
  void migrate_tunnel_groups() {
    std::vector<std::string> names = l2l_tunnel_groups_to_key(cfg_, options_.overwrite);
    std::unordered_set<std::string> used_peers;
    for (const auto& e : cfg_.crypto_map_entries)
      for (const Word& p : e.peers) used_peers.insert(peer_tunnel_group_name(cfg_, p));
    for (const std::string& name : names) {
      const TunnelGroup& tg = *cfg_.tunnel_group(name);
      if (!tg.ipsec_attributes) continue;
      if (!used_peers.count(name)) {
        finding(Severity::Info, "MIGRATE-UNUSED-TUNNEL-GROUP",
                "tunnel-group " + name + " is not the peer of any crypto map entry; it gets IKEv2 keys anyway",
                "remove the tunnel-group if the peer is gone", tg.span);
      }
      key_tunnel_group(tg);
    }
    for (const auto& tg : cfg_.tunnel_groups) {
      if (tg.is_l2l() && tg.ikev2_local_psk && tg.ikev2_remote_psk && !options_.overwrite) {
        if (options_.keys.count(tg.name)) {
          finding(Severity::Warning, "MIGRATE-KEYS-NOT-APPLIED",
                  "tunnel-group " + tg.name + " already has IKEv2 keys; the asymmetric keys given for it are not applied",
                  "use --overwrite to replace the existing IKEv2 keys", tg.span);
        }
      }
    }
  }

  void key_tunnel_group(const TunnelGroup& tg) {
    const PresharedKey& v1 = *tg.ikev1_psk;
    auto given = options_.keys.find(tg.name);
    std::string remote_value, local_value;
    bool secret = false;
    if (given != options_.keys.end()) {
      remote_value = given->second.remote.reveal();
      local_value = given->second.local.reveal();
      secret = true;
    } else {
      if (v1.form == PresharedKey::Form::Missing) {
        finding(Severity::Warning, "MIGRATE-MISSING-KEY",
                "tunnel-group " + tg.name + " has an IKEv1 pre-shared-key line without a key; no IKEv2 key is written",
                "enter the key by hand with ` ikev2 local-authentication pre-shared-key` and ` ikev2 remote-authentication pre-shared-key`",
                v1.span);
        return;
      }
      if (v1.form == PresharedKey::Form::Masked) {
        finding(Severity::Warning, "MIGRATE-MASKED-KEY",
                "tunnel-group " + tg.name + " has its key masked (*****) in the input; the IKEv2 keys are "
                "written masked too and must be entered by hand",
                "migrate the output of `more system:running-config`, which shows the keys, or type them in after pasting",
                v1.span);
      } else if (v1.form == PresharedKey::Form::Encrypted8) {
        finding(Severity::Info, "MIGRATE-ENCRYPTED-KEY",
                "tunnel-group " + tg.name + " key is stored encrypted (8); the IKEv2 keys copy the encrypted form",
                "load the result only on an ASA with the same master passphrase", v1.span);
      }
      remote_value = local_value = text_.psk_value(v1);
      secret = v1.form != PresharedKey::Form::Masked;
    }

    // Each direction on its own: an existing key is kept (without --overwrite,
    // or when it already is the key migration would write); a missing one is added.
    std::vector<std::string> lines;
    struct Direction {
      bool local;
      const std::optional<PresharedKey>& existing;
      const std::string& value;
    };
    for (const Direction& d : {Direction{false, tg.ikev2_remote_psk, remote_value},
                               Direction{true, tg.ikev2_local_psk, local_value}}) {
      if (d.existing) {
        bool same = text_.psk_value(*d.existing) == d.value;
        if (same || !options_.overwrite) {
          if (!same && given != options_.keys.end()) {
            finding(Severity::Warning, "MIGRATE-KEYS-NOT-APPLIED",
                    "tunnel-group " + tg.name + " already has an IKEv2 " + (d.local ? "local" : "remote") +
                        " key; the asymmetric key given for it is not applied",
                    "use --overwrite to replace the existing IKEv2 keys", d.existing->span);
          }
          continue;
        }
        result_.script.remove(d.existing->line);
      }
      lines.push_back(text_.psk_line(d.local, d.value));
    }
    if (lines.empty()) return;
    if (tg.ikev2_local_psk.has_value() != tg.ikev2_remote_psk.has_value() && !options_.overwrite) {
      finding(Severity::Info, "MIGRATE-PARTIAL-IKEV2-KEYS",
              "tunnel-group " + tg.name + " had only one IKEv2 key; the missing direction is added, the existing key is kept",
              "check that the existing key is the one the peer mirrors", tg.ipsec_attributes->span);
    }
    std::string indent = text_.child_indent_of(src_, tg.ipsec_attributes->header_line, tg.ipsec_attributes->last_line);
    std::vector<std::string> indented;
    std::vector<std::string> patch_commands;
    for (const auto& l : lines) {
      indented.push_back(indent + l);
      patch_commands.push_back(" " + l);
    }
    result_.script.insert_after(tg.ipsec_attributes->last_line, std::move(indented));
    result_.patch.push_back({PatchStep::Keys, "tunnel-group " + tg.name + " ipsec-attributes", patch_commands, secret});
    result_.keyed_tunnel_groups.push_back(tg.name);
    ++result_.summary.tunnel_groups_keyed;
  }

  // ------------------------------------------------------------ --overwrite clean-up
  void remove_unreferenced_proposals() {
    if (!options_.overwrite) return;
    std::unordered_set<std::string> referenced;
    for (const auto& e : cfg_.crypto_map_entries) {
      bool replaced = std::any_of(plans_.begin(), plans_.end(),
                                  [&](const EntryPlan& p) { return p.entry == &e && p.replace_existing; });
      if (replaced) continue;
      for (const Word& w : e.ikev2_proposals) referenced.insert(w.text);
    }
    for (const EntryPlan& p : plans_)
      for (const auto& n : p.proposals) referenced.insert(n);
    for (const auto& p : cfg_.ipsec_proposals) {
      if (referenced.count(p.name.text) || removed_proposals_.count(p.name.text)) continue;
      remove_block(p.block, PatchStep::RemoveDefinitions, "no crypto ipsec ikev2 ipsec-proposal " + p.name.text);
      finding(Severity::Info, "MIGRATE-REMOVED-PROPOSAL",
              "ipsec-proposal " + p.name.text + " is used by no crypto map entry; --overwrite removes it",
              "", p.name.span);
    }
  }

  void remove_block(const Block& b, PatchStep::Phase phase, std::string command) {
    for (uint32_t l = b.header_line; l <= b.last_line; ++l) result_.script.remove(l);
    result_.patch.push_back({phase, "", {std::move(command)}, false});
  }

  static std::string trim_left(const std::string& s) {
    size_t i = s.find_first_not_of(" \t");
    return i == std::string::npos ? std::string() : s.substr(i);
  }

  static std::string detect_indent(const text::SourceText& src, const ParseResult& parsed) {
    // The indentation the file's VPN blocks use (the seed's show run uses one
    // space, some exports two); new sub-commands copy it.
    for (size_t i = 0; i < src.line_count(); ++i) {
      std::string_view l = src.line(i);
      if (!l.empty() && (l[0] == ' ' || l[0] == '\t') && parsed.categories[i] == LineCategory::Modelled) {
        size_t n = l.find_first_not_of(" \t");
        if (n != std::string_view::npos) return std::string(l.substr(0, n));
      }
    }
    return " ";
  }

  const text::SourceText& src_;
  const ParseResult& parsed_;
  const AsaConfig& cfg_;
  const MigrateOptions& options_;
  MigrateText text_;
  MigrateResult result_;
  std::vector<EntryPlan> plans_;
  std::set<std::string> wanted_transform_sets_;
  std::set<std::string> failed_transform_sets_;
  std::set<std::string> removed_proposals_;
  std::set<int> removed_policies_;
  std::set<std::string> unbound_reported_;
  std::set<std::string> dropped_references_;
  std::vector<std::string> new_proposal_lines_;
};

}  // namespace

std::vector<std::string> l2l_tunnel_groups_to_key(const AsaConfig& cfg, bool overwrite) {
  std::vector<std::string> out;
  for (const auto& tg : cfg.tunnel_groups) {
    if (!tg.is_l2l() || !tg.ikev1_psk || !tg.ipsec_attributes) continue;
    // A tunnel-group with only one IKEv2 key still needs the other one.
    bool has_v2 = tg.ikev2_local_psk.has_value() && tg.ikev2_remote_psk.has_value();
    bool v2_by_cert = tg.ikev2_local_certificate || tg.ikev2_remote_certificate_or_eap;
    if ((has_v2 || v2_by_cert) && !overwrite) continue;
    out.push_back(tg.name);
  }
  return out;
}

MigrateResult migrate_l2l(const text::SourceText& src, const ParseResult& parsed,
                          const MigrateOptions& options) {
  return Migration(src, parsed, options).run();
}

}  // namespace ikeshift::asa
