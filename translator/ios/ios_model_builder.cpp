#include "ios/ios_model_builder.h"

#include <algorithm>
#include <charconv>

#include "common/ipv4.h"
#include "grammar/parse_tree.h"

namespace ikeshift::ios {

namespace {

using P = IosParser;
using grammar::find_or_append;
using grammar::number;
using grammar::number32;
using grammar::span_of;
using grammar::word;

std::optional<PortSpec> port_spec(P::Port_matchContext* c) { return grammar::port_spec<P>(c); }

uint32_t ip(antlr4::Token* t) { return t == nullptr ? 0 : parse_ipv4(t->getText()).value_or(0); }

bool is_digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// IOS splits a key length off some algorithm names (`esp-aes 256`, `encr aes
// 256`): a number after a word is joined to it, so each algorithm is one Word
// spelled as the registry has it.
std::vector<Word> joined(const std::vector<P::VariableContext*>& vars, uint32_t line) {
  std::vector<Word> out;
  for (auto* v : vars) {
    Word w = word(v, line);
    if (!out.empty() && is_digits(w.text) && !is_digits(out.back().text)) {
      out.back().text += " " + w.text;
      out.back().span.end_col = w.span.end_col;
    } else {
      out.push_back(std::move(w));
    }
  }
  return out;
}

std::optional<Word> joined_one(const std::vector<P::VariableContext*>& vars, uint32_t line) {
  std::vector<Word> w = joined(vars, line);
  if (w.size() != 1) return std::nullopt;
  return w[0];
}

PresharedKey psk(P::Psk_keyContext* k, uint32_t line) {
  PresharedKey out;
  out.line = line;
  Word w = word(k->key, line);
  out.key = Secret(w.text);
  out.span = w.span;
  if (k->form != nullptr) {
    std::string f = k->form->getText();
    if (f == "6") out.form = PresharedKey::Form::Encrypted6;
    if (f == "7") out.form = PresharedKey::Form::Encrypted7;
  }
  if (w.text == Secret::kMask) out.form = PresharedKey::Form::Masked;
  return out;
}

AclAddress acl_address(P::Acl_addressContext* c, uint32_t line) {
  AclAddress a;
  a.span = span_of(c, line);
  if (c->ANY() != nullptr) return a;
  if (c->host != nullptr) {
    a.kind = AclAddress::Kind::Host;
    a.address = ip(c->host);
    return a;
  }
  a.address = ip(c->net);
  if (c->wildcard != nullptr) {
    a.kind = AclAddress::Kind::Wildcard;
    a.wildcard = ip(c->wildcard);
  } else {
    a.kind = AclAddress::Kind::Host;  // standard ACL: an address alone is a host
  }
  return a;
}

void lifetime(P::Lifetime_valueContext* v, SaLifetime& out, uint32_t line) {
  if (!out.span.valid()) out.span = span_of(v, line);
  if (v->SECONDS() != nullptr) out.seconds = number(v->seconds);
  if (v->KILOBYTES() != nullptr) out.kilobytes = v->DISABLE() != nullptr ? 0 : number(v->kilobytes).value_or(0);
}

// The `set` sub-commands a crypto map entry and an ipsec profile share
// (transform-set, pfs, security-association lifetime, ikev2-profile,
// isakmp-profile): both records name the fields alike. False when `s` is none
// of them.
template <class Target>
bool shared_set(P::Sc_setContext* s, Target& t, uint32_t line) {
  if (s->TRANSFORM_SET() != nullptr) {
    t.transform_sets = {};
    for (auto* v : s->transform_sets) t.transform_sets.push_back(word(v, line));
  } else if (s->PFS() != nullptr) {
    t.has_pfs = true;
    t.pfs_span = span_of(s, line);
    if (s->pfs_group != nullptr) t.pfs_group = word(s->pfs_group, line);
  } else if (s->lifetime_value() != nullptr) {
    lifetime(s->lifetime_value(), t.lifetime, line);
  } else if (s->ikev2_profile != nullptr) {
    t.ikev2_profile = word(s->ikev2_profile, line);
  } else if (s->isakmp_profile != nullptr) {
    t.isakmp_profile = word(s->isakmp_profile, line);
  } else {
    return false;
  }
  return true;
}

template <class T>
size_t named(std::vector<T>& vec, const Word& name) {
  return find_or_append(
      vec, [&](const T& x) { return x.name.text == name.text; },
      [&] {
        T x;
        x.name = name;
        return x;
      });
}

SubOutcome unknown_here(P::Sub_commandContext* ctx, BlockKind kind) {
  return {LineCategory::Unknown,
          "'" + ctx->getStart()->getText() + "' is not a sub-command of " + block_kind_name(kind)};
}

const SubOutcome kModelled{LineCategory::Modelled, {}};
const SubOutcome kIgnored{LineCategory::Ignored, {}};

IdentityRef identity_address(antlr4::Token* a, antlr4::Token* m, const SourceSpan& span) {
  IdentityRef r;
  r.kind = IdentityRef::Kind::Address;
  r.address = ip(a);
  r.mask = m != nullptr ? ip(m) : 0xffffffffu;
  r.span = span;
  return r;
}

}  // namespace

const char* block_kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::None: return "a command without sub-commands";
    case BlockKind::Interface: return "interface";
    case BlockKind::AclExtended: return "ip access-list extended";
    case BlockKind::AclStandard: return "ip access-list standard";
    case BlockKind::IsakmpPolicy: return "crypto isakmp policy";
    case BlockKind::Keyring: return "crypto keyring";
    case BlockKind::IsakmpProfile: return "crypto isakmp profile";
    case BlockKind::TransformSet: return "crypto ipsec transform-set";
    case BlockKind::IpsecProfile: return "crypto ipsec profile";
    case BlockKind::CryptoMap: return "crypto map";
    case BlockKind::Ikev2Proposal: return "crypto ikev2 proposal";
    case BlockKind::Ikev2Policy: return "crypto ikev2 policy";
    case BlockKind::Ikev2Keyring: return "crypto ikev2 keyring";
    case BlockKind::Ikev2Profile: return "crypto ikev2 profile";
  }
  return "block";
}

bool block_is_partially_modelled(BlockKind kind) {
  switch (kind) {
    case BlockKind::Interface:
    case BlockKind::IsakmpProfile:
    case BlockKind::Keyring:
    case BlockKind::IpsecProfile:
    case BlockKind::CryptoMap:
    case BlockKind::Ikev2Policy:
    case BlockKind::Ikev2Keyring:
    case BlockKind::Ikev2Profile:
    case BlockKind::TransformSet:
      return true;
    default:
      return false;
  }
}

Block* IosModelBuilder::block_record() {
  switch (block_) {
    case BlockKind::Interface: return &cfg_.interfaces[index_].block;
    case BlockKind::IsakmpPolicy: return &cfg_.isakmp_policies[index_].block;
    case BlockKind::Keyring: return &cfg_.keyrings[index_].block;
    case BlockKind::IsakmpProfile: return &cfg_.isakmp_profiles[index_].block;
    case BlockKind::TransformSet: return &cfg_.transform_sets[index_].block;
    case BlockKind::IpsecProfile: return &cfg_.ipsec_profiles[index_].block;
    case BlockKind::CryptoMap: return &cfg_.crypto_map_entries[index_].block;
    case BlockKind::Ikev2Proposal: return &cfg_.ikev2_proposals[index_].block;
    case BlockKind::Ikev2Policy: return &cfg_.ikev2_policies[index_].block;
    case BlockKind::Ikev2Keyring: return &cfg_.ikev2_keyrings[index_].block;
    case BlockKind::Ikev2Profile: return &cfg_.ikev2_profiles[index_].block;
    default: return nullptr;
  }
}

// ---------------------------------------------------------------- top level

BlockKind IosModelBuilder::apply_top(P::Top_commandContext* ctx, uint32_t line, bool& unmodelled) {
  block_ = BlockKind::None;
  peer_open_ = false;
  unmodelled = false;
  const SourceSpan line_span = span_of(ctx, line);
  auto open = [&](BlockKind kind, size_t index) {
    block_ = kind;
    index_ = index;
    if (Block* b = block_record()) {
      if (!b->span.valid()) {
        b->header_line = line;
        b->span = line_span;
      }
      b->last_line = line;
    }
  };
  if (auto* v = ctx->s_version()) {
    cfg_.version = word(v->version, line);
  } else if (auto* h = ctx->s_hostname()) {
    cfg_.hostname = word(h->hostname, line);
  } else if (auto* d = ctx->s_ip_domain()) {
    cfg_.domain_name = word(d->domain, line);
  } else if (auto* i = ctx->s_interface()) {
    open(BlockKind::Interface, named(cfg_.interfaces, word(i->name, line)));
  } else if (auto* a = ctx->s_ip_access_list()) {
    if (a->kind == nullptr) {
      unmodelled = true;  // ip access-list resequence, logging ...
      return block_;
    }
    const std::string name = a->acl_name->getText();
    const bool standard = a->kind->getType() == P::STANDARD;
    size_t k = find_or_append(
        cfg_.access_lists, [&](const AccessList& x) { return x.name == name; },
        [&] {
          AccessList x;
          x.name = name;
          x.standard = standard;
          return x;
        });
    block_ = standard ? BlockKind::AclStandard : BlockKind::AclExtended;
    index_ = k;
  } else if (auto* n = ctx->s_access_list()) {
    const std::string name = n->acl_number->getText();
    const uint32_t number = number32(n->acl_number);
    const bool standard = number < 100 || (number >= 1300 && number < 2000);
    size_t k = find_or_append(
        cfg_.access_lists, [&](const AccessList& x) { return x.name == name; },
        [&] {
          AccessList x;
          x.name = name;
          x.standard = standard;
          return x;
        });
    acl_rule(n->acl_rule(), line, cfg_.access_lists[k]);
  } else if (auto* c = ctx->s_crypto()) {
    return apply_crypto(c, line, unmodelled);
  } else if (auto* no = ctx->s_no_crypto()) {
    auto* w = no->no_crypto_what();
    if (w->NAT_TRANSPARENCY() != nullptr || w->NAT_TRAVERSAL() != nullptr) {
      cfg_.nat_t_disabled = true;
    } else {
      unmodelled = true;
    }
  }
  return block_;
}

BlockKind IosModelBuilder::apply_crypto(P::S_cryptoContext* ctx, uint32_t line, bool& unmodelled) {
  const SourceSpan line_span = span_of(ctx, line);
  auto open = [&](BlockKind kind, size_t index) {
    block_ = kind;
    index_ = index;
    if (Block* b = block_record()) {
      if (!b->span.valid()) {
        b->header_line = line;
        b->span = line_span;
      }
      b->last_line = line;
    }
  };
  if (ctx->crypto_unmodelled() != nullptr) {
    unmodelled = true;
    return block_;
  }
  if (auto* k = ctx->crypto_isakmp()) {
    if (k->POLICY() != nullptr) {
      const int prio = static_cast<int>(number32(k->priority));
      open(BlockKind::IsakmpPolicy,
           find_or_append(
               cfg_.isakmp_policies, [&](const IsakmpPolicy& p) { return p.priority == prio; },
               [&] {
                 IsakmpPolicy p;
                 p.priority = prio;
                 return p;
               }));
    } else if (k->KEY() != nullptr) {
      IsakmpKey key;
      key.key = psk(k->psk_key(), line);
      if (k->peer != nullptr) {
        key.address = ip(k->peer);
        if (k->peer_mask != nullptr) key.mask = ip(k->peer_mask);
      } else {
        key.hostname = k->peer_host->getText();
      }
      cfg_.isakmp_keys.push_back(std::move(key));
    } else if (k->KEEPALIVE() != nullptr) {
      const uint32_t interval = number32(k->dpd_interval);
      cfg_.isakmp_keepalive = {interval, k->dpd_retry != nullptr ? number32(k->dpd_retry) : 2};
      cfg_.isakmp_keepalive_span = line_span;
    } else if (k->IDENTITY() != nullptr) {
      cfg_.isakmp_identity = word(k->identity_kind, line);
    } else if (k->PROFILE() != nullptr) {
      open(BlockKind::IsakmpProfile, named(cfg_.isakmp_profiles, word(k->profile_name, line)));
    } else {
      unmodelled = true;
    }
    return block_;
  }
  if (auto* r = ctx->crypto_keyring()) {
    open(BlockKind::Keyring, named(cfg_.keyrings, word(r->keyring_name, line)));
    return block_;
  }
  if (auto* s = ctx->crypto_ipsec()) {
    if (s->TRANSFORM_SET() != nullptr) {
      size_t k = named(cfg_.transform_sets, word(s->ts_name, line));
      cfg_.transform_sets[k].transforms = joined(s->transforms, line);
      cfg_.transform_sets[k].line = line;
      open(BlockKind::TransformSet, k);
    } else if (s->PROFILE() != nullptr) {
      open(BlockKind::IpsecProfile, named(cfg_.ipsec_profiles, word(s->ipsec_profile_name, line)));
    } else if (s->lifetime_value() != nullptr) {
      lifetime(s->lifetime_value(), cfg_.ipsec_lifetime, line);
    } else {
      unmodelled = true;
    }
    return block_;
  }
  if (auto* m = ctx->crypto_map()) {
    if (m->sequence != nullptr && m->IPSEC_ISAKMP() != nullptr) {
      const std::string name = m->map_name->getText();
      const uint32_t seq = number32(m->sequence);
      size_t k = find_or_append(
          cfg_.crypto_map_entries,
          [&](const CryptoMapEntry& e) { return !e.dynamic_map && e.map == name && e.sequence == seq; },
          [&] {
            CryptoMapEntry e;
            e.map = name;
            e.sequence = seq;
            return e;
          });
      if (m->dynamic_map != nullptr) cfg_.crypto_map_entries[k].dynamic_reference = word(m->dynamic_map, line);
      open(BlockKind::CryptoMap, k);
    } else if (auto* u = m->map_entry_unmodelled()) {
      cfg_.entries_without_ike.push_back(word(u, line));
      unmodelled = true;
    } else if (m->map_set_oneline() != nullptr) {
      // Parsed, but it is the ASA's one-line form: the reader reports it.
      unmodelled = true;
    } else {
      unmodelled = true;  // local-address, redundancy, ...
    }
    return block_;
  }
  if (auto* d = ctx->crypto_dynamic_map()) {
    const std::string name = d->map_name->getText();
    const uint32_t seq = number32(d->sequence);
    size_t k = find_or_append(
        cfg_.crypto_map_entries,
        [&](const CryptoMapEntry& e) { return e.dynamic_map && e.map == name && e.sequence == seq; },
        [&] {
          CryptoMapEntry e;
          e.map = name;
          e.sequence = seq;
          e.dynamic_map = true;
          return e;
        });
    open(BlockKind::CryptoMap, k);
    return block_;
  }
  if (auto* v2 = ctx->crypto_ikev2()) {
    if (v2->PROPOSAL() != nullptr) {
      open(BlockKind::Ikev2Proposal, named(cfg_.ikev2_proposals, word(v2->ikev2_name, line)));
    } else if (v2->POLICY() != nullptr) {
      open(BlockKind::Ikev2Policy, named(cfg_.ikev2_policies, word(v2->ikev2_name, line)));
    } else if (v2->KEYRING() != nullptr) {
      open(BlockKind::Ikev2Keyring, named(cfg_.ikev2_keyrings, word(v2->ikev2_name, line)));
    } else if (v2->PROFILE() != nullptr) {
      open(BlockKind::Ikev2Profile, named(cfg_.ikev2_profiles, word(v2->ikev2_name, line)));
    } else if (v2->DPD() != nullptr) {
      cfg_.ikev2_dpd = {number32(v2->dpd_interval), number32(v2->dpd_retry)};
    } else {
      unmodelled = true;
    }
  }
  return block_;
}

SubOutcome IosModelBuilder::acl_rule(P::Acl_ruleContext* r, uint32_t line, AccessList& acl) {
  if (r->REMARK() != nullptr) return kIgnored;
  AclEntry e;
  e.permit = r->action->getType() == P::PERMIT;
  e.line = line;
  e.span = SourceSpan::at(line, static_cast<uint32_t>(r->getStart()->getStartIndex()),
                          static_cast<uint32_t>(r->getStop()->getStopIndex() - r->getStart()->getStartIndex() + 1));
  if (r->std != nullptr) {
    // Standard ACL: a source only; as a crypto ACL it matches any destination.
    e.protocol = Word{"ip", e.span};
    e.source = acl_address(r->std, line);
  } else {
    e.protocol = word(r->protocol, line);
    e.source = acl_address(r->src, line);
    e.destination = acl_address(r->dst, line);
    e.source_port = port_spec(r->src_port);
    e.destination_port = port_spec(r->dst_port);
  }
  acl.entries.push_back(std::move(e));
  return kModelled;
}

// ---------------------------------------------------------------- sub-commands

SubOutcome IosModelBuilder::apply_sub(P::Sub_commandContext* ctx, uint32_t line) {
  if (Block* b = block_record()) b->last_line = line;
  peer_open_ = false;
  if (ctx->sc_description() != nullptr && block_ != BlockKind::None) return {LineCategory::FreeText, {}};
  switch (block_) {
    case BlockKind::Interface: return sub_interface(ctx, line);
    case BlockKind::AclExtended:
    case BlockKind::AclStandard:
      if (auto* r = ctx->sc_acl_rule()) return acl_rule(r->acl_rule(), line, cfg_.access_lists[index_]);
      return unknown_here(ctx, block_);
    case BlockKind::IsakmpPolicy: return sub_isakmp_policy(ctx, line);
    case BlockKind::Keyring: return sub_keyring(ctx, line);
    case BlockKind::IsakmpProfile: return sub_isakmp_profile(ctx, line);
    case BlockKind::TransformSet: return sub_transform_set(ctx, line);
    case BlockKind::IpsecProfile: return sub_ipsec_profile(ctx, line);
    case BlockKind::CryptoMap: return sub_crypto_map(ctx, line);
    case BlockKind::Ikev2Proposal: return sub_ikev2_proposal(ctx, line);
    case BlockKind::Ikev2Policy: return sub_ikev2_policy(ctx, line);
    case BlockKind::Ikev2Keyring: return sub_ikev2_keyring(ctx, line);
    case BlockKind::Ikev2Profile: return sub_ikev2_profile(ctx, line);
    case BlockKind::None: break;
  }
  return {LineCategory::Unknown, "indented line under a command that has no sub-commands"};
}

SubOutcome IosModelBuilder::sub_interface(P::Sub_commandContext* ctx, uint32_t line) {
  Interface& itf = cfg_.interfaces[index_];
  if (auto* a = ctx->sc_ip_address()) {
    if (a->address == nullptr) return kIgnored;
    itf.address = ip(a->address);
    itf.mask = ip(a->mask);
    itf.address_span = word(a->address, line).span;
  } else if (auto* m = ctx->sc_crypto_map()) {
    itf.crypto_map = word(m->map_name, line);
  } else if (auto* t = ctx->sc_tunnel()) {
    if (t->source != nullptr) itf.tunnel_source = word(t->source, line);
    else if (t->destination != nullptr) itf.tunnel_destination = word(t->destination, line);
    else if (t->tunnel_mode != nullptr) itf.tunnel_mode = word(t->tunnel_mode, line);
    else if (t->profile != nullptr) itf.tunnel_protection = word(t->profile, line);
    else return kIgnored;
  } else if (ctx->sc_shutdown() != nullptr) {
    itf.shutdown = true;
  } else {
    return kIgnored;  // speed, duplex, nat, mtu, no shutdown ...
  }
  return kModelled;
}

SubOutcome IosModelBuilder::sub_isakmp_policy(P::Sub_commandContext* ctx, uint32_t line) {
  IsakmpPolicy& p = cfg_.isakmp_policies[index_];
  if (auto* e = ctx->sc_encryption()) {
    auto w = joined_one(e->algorithms, line);
    if (!w) return {LineCategory::Unknown, "an isakmp policy takes one encryption algorithm"};
    p.encryption = *w;
  } else if (auto* h = ctx->sc_hash()) {
    p.hash = word(h->algorithm, line);
  } else if (auto* a = ctx->sc_authentication(); a != nullptr && a->side == nullptr) {
    p.authentication = word(a->method, line);
  } else if (auto* g = ctx->sc_group(); g != nullptr && g->groups.size() == 1) {
    p.group = word(g->groups[0], line);
  } else if (auto* l = ctx->sc_lifetime()) {
    p.lifetime = number32(l->seconds);
    p.lifetime_span = span_of(l, line);
  } else {
    return unknown_here(ctx, block_);
  }
  return kModelled;
}

SubOutcome IosModelBuilder::sub_keyring(P::Sub_commandContext* ctx, uint32_t line) {
  Keyring& k = cfg_.keyrings[index_];
  if (auto* s = ctx->sc_pre_shared_key(); s != nullptr && (s->peer != nullptr || s->peer_host != nullptr)) {
    IsakmpKey key;
    key.key = psk(s->psk_key(), line);
    key.keyring = k.name.text;
    if (s->peer != nullptr) {
      key.address = ip(s->peer);
      if (s->peer_mask != nullptr) key.mask = ip(s->peer_mask);
    } else {
      key.hostname = s->peer_host->getText();
    }
    cfg_.isakmp_keys.push_back(std::move(key));
  } else if (auto* l = ctx->sc_local_address()) {
    k.local_address = word(l->local, line);
  } else if (ctx->sc_pre_shared_key() != nullptr) {
    return {LineCategory::Unknown, "a crypto keyring key needs `address A [MASK] key K`"};
  } else {
    return kIgnored;  // rsa-pubkey, description ...
  }
  return kModelled;
}

SubOutcome IosModelBuilder::sub_isakmp_profile(P::Sub_commandContext* ctx, uint32_t line) {
  IsakmpProfile& p = cfg_.isakmp_profiles[index_];
  if (auto* k = ctx->sc_keyring()) {
    p.keyrings.push_back(word(k->keyring_name, line));
  } else if (auto* m = ctx->sc_match(); m != nullptr && m->peer != nullptr) {
    p.match_addresses.emplace_back(ip(m->peer), m->peer_mask != nullptr ? ip(m->peer_mask) : 0xffffffffu);
  } else if (auto* ka = ctx->sc_keepalive()) {
    p.keepalive = {number32(ka->interval), number32(ka->retry)};
  } else if (auto* l = ctx->sc_local_address()) {
    p.local_address = word(l->local, line);
  } else if (auto* s = ctx->sc_self_identity()) {
    p.self_identity = word(s, line);
  } else {
    return kIgnored;  // vrf, reverse-route, initiate mode, ...
  }
  return kModelled;
}

SubOutcome IosModelBuilder::sub_transform_set(P::Sub_commandContext* ctx, uint32_t line) {
  TransformSet& t = cfg_.transform_sets[index_];
  if (auto* m = ctx->sc_mode()) {
    t.mode = word(m->ts_mode, line);
    return kModelled;
  }
  return unknown_here(ctx, block_);
}

SubOutcome IosModelBuilder::sub_ipsec_profile(P::Sub_commandContext* ctx, uint32_t line) {
  IpsecProfile& p = cfg_.ipsec_profiles[index_];
  auto* s = ctx->sc_set();
  if (s == nullptr) return kIgnored;
  return shared_set(s, p, line) ? kModelled : kIgnored;
}

SubOutcome IosModelBuilder::sub_crypto_map(P::Sub_commandContext* ctx, uint32_t line) {
  CryptoMapEntry& e = cfg_.crypto_map_entries[index_];
  if (auto* m = ctx->sc_match(); m != nullptr && m->acl != nullptr) {
    e.match_address = word(m->acl, line);
    return kModelled;
  }
  if (ctx->sc_reverse_route() != nullptr || ctx->sc_no() != nullptr) return kIgnored;
  auto* s = ctx->sc_set();
  if (s == nullptr) return kIgnored;
  if (s->PEER() != nullptr) {
    if (s->peer_name != nullptr) e.peers.push_back(word(s->peer_name, line));
    for (auto* t : s->peers) e.peers.push_back(word(t, line));  // repeated `set peer` lines add peers
  } else if (!shared_set(s, e, line)) {
    return kIgnored;
  } else if (s->TRANSFORM_SET() != nullptr) {
    e.transform_set_line = line;  // where a migration adds next to it
    e.has_transform_set_line = true;
  }
  return kModelled;
}

SubOutcome IosModelBuilder::sub_ikev2_proposal(P::Sub_commandContext* ctx, uint32_t line) {
  Ikev2Proposal& p = cfg_.ikev2_proposals[index_];
  auto words = [&](const std::vector<P::VariableContext*>& v) {
    std::vector<Word> out;
    for (auto* x : v) out.push_back(word(x, line));
    return out;
  };
  if (auto* e = ctx->sc_encryption()) p.encryption = words(e->algorithms);
  else if (auto* i = ctx->sc_integrity()) p.integrity = words(i->algorithms);
  else if (auto* f = ctx->sc_prf()) p.prf = words(f->algorithms);
  else if (auto* g = ctx->sc_group()) p.group = words(g->groups);
  else return unknown_here(ctx, block_);
  return kModelled;
}

SubOutcome IosModelBuilder::sub_ikev2_policy(P::Sub_commandContext* ctx, uint32_t line) {
  Ikev2Policy& p = cfg_.ikev2_policies[index_];
  if (auto* pr = ctx->sc_proposal()) {
    for (auto* v : pr->names) p.proposals.push_back(word(v, line));
    return kModelled;
  }
  if (ctx->sc_match() != nullptr) return kIgnored;  // match address local / fvrf
  return unknown_here(ctx, block_);
}

SubOutcome IosModelBuilder::sub_ikev2_keyring(P::Sub_commandContext* ctx, uint32_t line) {
  Ikev2Keyring& k = cfg_.ikev2_keyrings[index_];
  if (auto* p = ctx->sc_peer()) {
    Ikev2KeyringPeer peer;
    peer.name = word(p->peer_name, line);
    peer.line = line;
    k.peers.push_back(std::move(peer));
    peer_open_ = true;
    return kModelled;
  }
  return unknown_here(ctx, block_);
}

SubOutcome IosModelBuilder::apply_nested(P::Sub_commandContext* ctx, uint32_t line) {
  if (Block* b = block_record()) b->last_line = line;
  if (!nested_open() || cfg_.ikev2_keyrings[index_].peers.empty()) {
    return {LineCategory::Unknown, "unexpected nested sub-command in " + std::string(block_kind_name(block_))};
  }
  Ikev2KeyringPeer& peer = cfg_.ikev2_keyrings[index_].peers.back();
  if (ctx->sc_description() != nullptr) return {LineCategory::FreeText, {}};
  if (auto* a = ctx->sc_address()) {
    peer.address = {ip(a->peer), a->peer_mask != nullptr ? ip(a->peer_mask) : 0xffffffffu};
  } else if (auto* s = ctx->sc_pre_shared_key(); s != nullptr && s->peer == nullptr && s->peer_host == nullptr) {
    PresharedKey key = psk(s->psk_key(), line);
    if (s->side == nullptr) peer.both = std::move(key);
    else if (s->side->getType() == P::LOCAL) peer.local = std::move(key);
    else peer.remote = std::move(key);
  } else if (ctx->sc_identity() != nullptr || ctx->sc_unmodelled() != nullptr) {
    return kIgnored;  // identity, hostname ...
  } else {
    return {LineCategory::Unknown, "'" + ctx->getStart()->getText() + "' is not a sub-command of an IKEv2 keyring peer"};
  }
  return kModelled;
}

SubOutcome IosModelBuilder::sub_ikev2_profile(P::Sub_commandContext* ctx, uint32_t line) {
  Ikev2Profile& p = cfg_.ikev2_profiles[index_];
  if (auto* m = ctx->sc_match()) {
    const SourceSpan s = span_of(m, line);
    if (m->peer != nullptr) {
      p.match_remote.push_back(identity_address(m->peer, m->peer_mask, s));
    } else if (m->peer_fqdn != nullptr) {
      IdentityRef r;
      r.kind = IdentityRef::Kind::Fqdn;
      r.fqdn = m->peer_fqdn->getText();
      r.span = s;
      p.match_remote.push_back(r);
    } else if (m->peer_keyid != nullptr) {
      IdentityRef r;
      r.kind = IdentityRef::Kind::KeyId;
      r.fqdn = m->peer_keyid->getText();
      r.span = s;
      p.match_remote.push_back(r);
    } else if (m->ANY() != nullptr) {
      IdentityRef r;
      r.kind = IdentityRef::Kind::Any;
      r.span = s;
      p.match_remote.push_back(r);
    } else {
      return kIgnored;  // match address local, match fvrf, match certificate
    }
  } else if (auto* i = ctx->sc_identity()) {
    const SourceSpan s = span_of(i, line);
    if (i->id_address != nullptr) {
      p.identity_local = identity_address(i->id_address, nullptr, s);
    } else if (i->id_fqdn != nullptr) {
      IdentityRef r;
      r.kind = IdentityRef::Kind::Fqdn;
      r.fqdn = i->id_fqdn->getText();
      r.span = s;
      p.identity_local = r;
    } else if (i->id_keyid != nullptr) {
      IdentityRef r;
      r.kind = IdentityRef::Kind::KeyId;
      r.fqdn = i->id_keyid->getText();
      r.span = s;
      p.identity_local = r;
    } else {
      return kIgnored;  // identity local dn / email
    }
  } else if (auto* a = ctx->sc_authentication(); a != nullptr && a->side != nullptr) {
    const bool local = a->side->getType() == P::LOCAL;
    (local ? p.auth_local : p.auth_remote) = word(a->method, line);
    if (a->psk_key() != nullptr) (local ? p.auth_local_key : p.auth_remote_key) = psk(a->psk_key(), line);
  } else if (auto* k = ctx->sc_keyring()) {
    p.keyring = word(k->keyring_name, line);
  } else if (auto* d = ctx->sc_dpd()) {
    p.dpd = {number32(d->interval), number32(d->retry)};
    p.dpd_span = span_of(d, line);
  } else if (auto* l = ctx->sc_lifetime()) {
    p.lifetime = number32(l->seconds);
    p.lifetime_span = span_of(l, line);
  } else {
    return kIgnored;  // nat keepalive, config-exchange, ...
  }
  return kModelled;
}

}  // namespace ikeshift::ios
