#include "asa/asa_model_builder.h"

#include <algorithm>
#include <charconv>

#include "common/ipv4.h"
#include "grammar/parse_tree.h"

namespace ikeshift::asa {

namespace {

using P = AsaParser;
using grammar::find_or_append;
using grammar::number;
using grammar::number32;
using grammar::span_of;
using grammar::word;

std::optional<PortSpec> port_spec(P::Port_matchContext* c) { return grammar::port_spec<P>(c); }

std::vector<Word> words(const std::vector<P::VariableContext*>& vars, uint32_t line) {
  std::vector<Word> out;
  out.reserve(vars.size());
  for (auto* v : vars) out.push_back(word(v, line));
  return out;
}

// host / subnet operands: an address literal or a `name` alias.
AddressSpec address_word_spec(P::Address_wordContext* w, AddressSpec::Kind kind, uint32_t line) {
  AddressSpec a;
  a.kind = kind;
  a.span = span_of(w, line);
  std::string text = w->getText();
  if (auto ip = parse_ipv4(text)) {
    a.a = *ip;
  } else {
    a.name = text;  // resolved against `name` entries by the intent model
  }
  return a;
}

AddressSpec acl_address(P::Acl_addressContext* c, uint32_t line) {
  AddressSpec a;
  a.span = span_of(c, line);
  if (c->ANY() || c->ANY4() || c->ANY6()) {
    a.kind = AddressSpec::Kind::Any;
  } else if (c->host != nullptr) {
    a.kind = AddressSpec::Kind::Host;
    std::string text = c->host->getText();
    if (auto ip = parse_ipv4(text)) a.a = *ip;
    else a.name = text;
    a.b = 0xffffffffu;
  } else if (c->object_ref != nullptr) {
    a.kind = AddressSpec::Kind::Object;
    a.name = c->object_ref->getText();
  } else if (c->group_ref != nullptr) {
    a.kind = AddressSpec::Kind::ObjectGroup;
    a.name = c->group_ref->getText();
  } else if (c->iface != nullptr) {
    a.kind = AddressSpec::Kind::Interface;
    a.name = c->iface->getText();
  } else if (c->net != nullptr) {
    a = address_word_spec(c->net, AddressSpec::Kind::Subnet, line);
    a.span = span_of(c, line);
    a.b = parse_ipv4(c->mask->getText()).value_or(0);
  }
  return a;
}

void apply_lifetime_values(const std::vector<P::Sa_lifetime_valueContext*>& values,
                           SaLifetime& out, uint32_t line) {
  for (auto* v : values) {
    if (v->SECONDS() != nullptr) out.seconds = number(v->seconds);
    if (v->KILOBYTES() != nullptr) out.kilobytes = v->UNLIMITED() ? 0 : number(v->kilobytes).value_or(0);
    if (!out.span.valid()) out.span = span_of(v, line);
  }
}

PresharedKey psk(P::Psk_valueContext* v, antlr4::ParserRuleContext* whole, uint32_t line) {
  PresharedKey k;
  k.line = line;
  if (v == nullptr) {
    k.form = PresharedKey::Form::Missing;
    k.span = span_of(whole, line);
    return k;
  }
  if (v->HEX() != nullptr) {
    k.form = PresharedKey::Form::Hex;
    Word w = word(v->hex_key, line);
    k.key = Secret(w.text);
    k.span = w.span;
    return k;
  }
  Word w = word(v->key, line);
  k.span = w.span;
  k.key = Secret(w.text);
  if (v->form != nullptr) {
    k.explicit_zero = v->form->getText() == "0";
    if (v->form->getText() == "8") k.form = PresharedKey::Form::Encrypted8;
  }
  if (w.text == Secret::kMask) k.form = PresharedKey::Form::Masked;
  return k;
}

template <class T>
T& find_or_add(std::vector<T>& vec, std::unordered_map<std::string, size_t>& index,
               const std::string& key) {
  auto it = index.find(key);
  if (it != index.end()) return vec[it->second];
  index.emplace(key, vec.size());
  vec.emplace_back();
  return vec.back();
}

SubOutcome unknown_here(P::Sub_commandContext* ctx, BlockKind kind) {
  std::string first = ctx->getStart()->getText();
  return {LineCategory::Unknown,
          "'" + first + "' is not a sub-command of " + block_kind_name(kind)};
}

const SubOutcome kModelled{LineCategory::Modelled, {}};
const SubOutcome kIgnored{LineCategory::Ignored, {}};
const SubOutcome kFreeText{LineCategory::FreeText, {}};

}  // namespace

bool block_is_partially_modelled(BlockKind kind) {
  switch (kind) {
    case BlockKind::Interface:
    case BlockKind::ObjectNetwork:
    case BlockKind::TunnelGroupGeneral:
    case BlockKind::TunnelGroupIpsec:
    case BlockKind::TunnelGroupOther:
    case BlockKind::GroupPolicyAttributes:
      return true;
    default:
      return false;
  }
}

bool block_requires_children(BlockKind kind) {
  switch (kind) {
    case BlockKind::ObjectNetwork:
    case BlockKind::ObjectGroupNetwork:
    case BlockKind::Ikev1Policy:
    case BlockKind::Ikev2Policy:
    case BlockKind::IpsecProposal:
    case BlockKind::TunnelGroupIpsec:
      return true;
    default:
      return false;
  }
}

const char* block_kind_name(BlockKind kind) {
  switch (kind) {
    case BlockKind::None: return "a command without sub-commands";
    case BlockKind::Interface: return "interface";
    case BlockKind::ObjectNetwork: return "object network";
    case BlockKind::ObjectGroupNetwork: return "object-group network";
    case BlockKind::Ikev1Policy: return "crypto ikev1 policy";
    case BlockKind::Ikev2Policy: return "crypto ikev2 policy";
    case BlockKind::IpsecProposal: return "crypto ipsec ikev2 ipsec-proposal";
    case BlockKind::TunnelGroupGeneral: return "tunnel-group general-attributes";
    case BlockKind::TunnelGroupIpsec: return "tunnel-group ipsec-attributes";
    case BlockKind::TunnelGroupOther: return "tunnel-group webvpn/ppp-attributes";
    case BlockKind::GroupPolicyAttributes: return "group-policy attributes";
  }
  return "block";
}

// ---------------------------------------------------------------- blocks

void AsaModelBuilder::open(BlockKind kind, size_t index, uint32_t line, const SourceSpan& span) {
  block_ = kind;
  block_index_ = index;
  if (Block* b = open_block_record()) {
    if (!b->span.valid()) {
      b->header_line = line;
      b->span = span;
    }
    b->last_line = line;
  }
}

Block* AsaModelBuilder::open_block_record() {
  switch (block_) {
    case BlockKind::Interface: return &cfg_.interfaces[block_index_].block;
    case BlockKind::ObjectNetwork: return &cfg_.network_objects[block_index_].block;
    case BlockKind::ObjectGroupNetwork: return &cfg_.network_object_groups[block_index_].block;
    case BlockKind::Ikev1Policy: return &cfg_.ikev1_policies[block_index_].block;
    case BlockKind::Ikev2Policy: return &cfg_.ikev2_policies[block_index_].block;
    case BlockKind::IpsecProposal: return &cfg_.ipsec_proposals[block_index_].block;
    case BlockKind::TunnelGroupGeneral: return &*cfg_.tunnel_groups[block_index_].general_attributes;
    case BlockKind::TunnelGroupIpsec: return &*cfg_.tunnel_groups[block_index_].ipsec_attributes;
    case BlockKind::GroupPolicyAttributes: return &*cfg_.group_policies[block_index_].attributes;
    default: return nullptr;
  }
}

CryptoMapEntry& AsaModelBuilder::map_entry(const std::string& map, uint32_t seq, bool dynamic,
                                           uint32_t line) {
  std::string key = map + '\0' + std::to_string(seq) + (dynamic ? "d" : "s");
  auto it = map_entries_.find(key);
  if (it == map_entries_.end()) {
    it = map_entries_.emplace(key, cfg_.crypto_map_entries.size()).first;
    CryptoMapEntry e;
    e.map = map;
    e.sequence = seq;
    e.dynamic_map = dynamic;
    e.first_line = line;
    cfg_.crypto_map_entries.push_back(std::move(e));
  }
  CryptoMapEntry& e = cfg_.crypto_map_entries[it->second];
  e.lines.push_back(line);
  e.last_line = std::max(e.last_line, line);
  return e;
}

TunnelGroup& AsaModelBuilder::tunnel_group(const std::string& name, const SourceSpan& span) {
  TunnelGroup& tg = find_or_add(cfg_.tunnel_groups, tunnel_groups_, name);
  if (tg.name.empty()) {
    tg.name = name;
    tg.span = span;
  }
  return tg;
}

GroupPolicy& AsaModelBuilder::group_policy(const std::string& name, const SourceSpan& span) {
  GroupPolicy& gp = find_or_add(cfg_.group_policies, group_policies_, name);
  if (gp.name.empty()) {
    gp.name = name;
    gp.span = span;
  }
  return gp;
}

// ---------------------------------------------------------------- top level

BlockKind AsaModelBuilder::apply_top(P::Top_commandContext* ctx, uint32_t line) {
  block_ = BlockKind::None;
  SourceSpan line_span = span_of(ctx, line);
  if (auto* v = ctx->s_asa_version()) {
    cfg_.version = word(v->version, line);
    cfg_.version_line = line;
  } else if (auto* h = ctx->s_hostname()) {
    cfg_.hostname = word(h->hostname, line);
  } else if (auto* d = ctx->s_domain_name()) {
    cfg_.domain_name = word(d->domain, line);
  } else if (auto* n = ctx->s_name()) {
    NameEntry e;
    e.name = word(n->alias, line);
    e.address = parse_ipv4(n->address->getText()).value_or(0);
    e.line = line;
    cfg_.names.push_back(std::move(e));
  } else if (auto* i = ctx->s_interface()) {
    Word hw = word(i->hw, line);
    size_t index = find_or_append(
        cfg_.interfaces, [&](const Interface& x) { return x.hardware.text == hw.text; },
        [&] {
          Interface x;
          x.hardware = hw;
          return x;
        });
    open(BlockKind::Interface, index, line, line_span);
  } else if (auto* o = ctx->s_object_network()) {
    NetworkObject obj;
    obj.name = word(o->object_name, line);
    cfg_.network_objects.push_back(std::move(obj));
    open(BlockKind::ObjectNetwork, cfg_.network_objects.size() - 1, line, line_span);
  } else if (auto* g = ctx->s_object_group_network()) {
    NetworkObjectGroup grp;
    grp.name = word(g->group_name, line);
    cfg_.network_object_groups.push_back(std::move(grp));
    open(BlockKind::ObjectGroupNetwork, cfg_.network_object_groups.size() - 1, line, line_span);
  } else if (auto* a = ctx->s_access_list()) {
    apply_access_list(a, line);
  } else if (auto* c = ctx->s_crypto()) {
    return apply_crypto(c, line);
  } else if (auto* t = ctx->s_tunnel_group()) {
    return apply_tunnel_group(t, line);
  } else if (auto* p = ctx->s_group_policy()) {
    return apply_group_policy(p, line);
  } else if (auto* no = ctx->s_no()) {
    apply_negated(no->negated, line);
  }
  if (!cfg_.first_line_of_crypto && ctx->s_crypto() != nullptr) cfg_.first_line_of_crypto = line;
  return block_;
}

void AsaModelBuilder::apply_negated(P::Top_commandContext* ctx, uint32_t line) {
  // A `no` line in a running-config records a default that is switched off.
  // The one the VPN model needs: `no crypto isakmp nat-traversal`. A
  // `no crypto map M N set ...` line still belongs to entry M N.
  if (auto* c = ctx->s_crypto()) {
    if (auto* v1 = c->crypto_ikev1(); v1 != nullptr && v1->NAT_TRAVERSAL() != nullptr) {
      cfg_.isakmp_nat_traversal_disabled = true;
    }
    if (auto* m = c->crypto_map(); m != nullptr && m->sequence != nullptr) {
      map_entry(m->map_name->getText(), number32(m->sequence), false, line);
    }
  }
  block_ = BlockKind::None;
}

void AsaModelBuilder::apply_access_list(P::S_access_listContext* ctx, uint32_t line) {
  std::string name = ctx->acl_name->getText();
  AccessList& acl = find_or_add(cfg_.access_lists, access_lists_, name);
  acl.name = name;
  acl.lines.push_back(line);
  auto* ext = ctx->acl_extended();
  if (ext == nullptr) return;
  AclEntry e;
  e.line = line;
  e.span = span_of(ctx, line);
  e.permit = ext->action->getType() == P::PERMIT;
  auto* proto = ext->acl_protocol();
  if (proto->service_group != nullptr) {
    e.protocol = word(proto->service_group, line);
    e.protocol_is_group = true;
  } else if (proto->service_object != nullptr) {
    e.protocol = word(proto->service_object, line);
    e.protocol_is_group = true;
  } else {
    e.protocol = word(proto->protocol, line);
  }
  e.source = acl_address(ext->src, line);
  e.source_port = port_spec(ext->src_port);
  e.destination = acl_address(ext->dst, line);
  e.destination_port = port_spec(ext->dst_port);
  for (auto* opt : ext->acl_option()) {
    if (opt->INACTIVE() != nullptr) e.inactive = true;
  }
  acl.entries.push_back(std::move(e));
}

BlockKind AsaModelBuilder::apply_crypto(P::S_cryptoContext* ctx, uint32_t line) {
  if (!cfg_.first_line_of_crypto) cfg_.first_line_of_crypto = line;
  SourceSpan line_span = span_of(ctx, line);
  if (auto* v1 = ctx->crypto_ikev1()) {
    bool legacy = v1->version->getType() == P::ISAKMP;
    if (v1->POLICY() != nullptr) {
      int prio = static_cast<int>(number32(v1->priority));
      size_t index = find_or_append(
          cfg_.ikev1_policies, [&](const Ikev1Policy& p) { return p.priority == prio; },
          [&] {
            Ikev1Policy p;
            p.priority = prio;
            p.legacy_isakmp = legacy;
            return p;
          });
      open(BlockKind::Ikev1Policy, index, line, line_span);
    } else if (v1->ENABLE() != nullptr) {
      cfg_.ike_enables.push_back({1, legacy, word(v1->iface, line), line});
    } else if (v1->IDENTITY() != nullptr) {
      AsaConfig::IsakmpIdentity id;
      id.kind = word(v1->identity_kind, line);
      if (v1->key_id != nullptr) id.key_id = word(v1->key_id, line);
      id.span = line_span;
      cfg_.isakmp_identity = std::move(id);
    }
    return block_;
  }
  if (auto* v2 = ctx->crypto_ikev2()) {
    if (v2->POLICY() != nullptr) {
      int prio = static_cast<int>(number32(v2->priority));
      size_t index = find_or_append(
          cfg_.ikev2_policies, [&](const Ikev2Policy& p) { return p.priority == prio; },
          [&] {
            Ikev2Policy p;
            p.priority = prio;
            return p;
          });
      open(BlockKind::Ikev2Policy, index, line, line_span);
    } else if (v2->ENABLE() != nullptr) {
      cfg_.ike_enables.push_back({2, false, word(v2->iface, line), line});
    } else if (v2->COOKIE_CHALLENGE() != nullptr) {
      cfg_.ikev2.cookie_challenge = number32(v2->threshold);
      cfg_.ikev2.cookie_challenge_span = line_span;
    } else if (v2->LIMIT() != nullptr) {
      if (v2->limit->getType() == P::MAX_SA) cfg_.ikev2.max_sa = number32(v2->limit_value);
      else cfg_.ikev2.max_in_negotiation_sa = number32(v2->limit_value);
      cfg_.ikev2.limit_span = line_span;
    }
    return block_;
  }
  if (auto* ipsec = ctx->crypto_ipsec()) {
    if (auto* ts = ipsec->ipsec_transform_set()) {
      std::string name = ts->ts_name->getText();
      size_t index = find_or_append(
          cfg_.transform_sets, [&](const TransformSet& t) { return t.name.text == name; },
          [&] {
            TransformSet t;
            t.name = word(ts->ts_name, line);
            t.legacy = ts->IKEV1() == nullptr;
            t.line = line;
            return t;
          });
      TransformSet* it = &cfg_.transform_sets[index];
      if (ts->MODE() != nullptr) {
        it->mode = word(ts->ts_mode, line);
      } else {
        it->transforms = words(ts->transforms, line);
        it->line = line;
      }
    } else if (ipsec->IPSEC_PROPOSAL() != nullptr) {
      std::string name = ipsec->proposal_name->getText();
      size_t index = find_or_append(
          cfg_.ipsec_proposals, [&](const IpsecProposal& p) { return p.name.text == name; },
          [&] {
            IpsecProposal p;
            p.name = word(ipsec->proposal_name, line);
            return p;
          });
      open(BlockKind::IpsecProposal, index, line, line_span);
    } else if (auto* sa = ipsec->sa_global(); sa != nullptr && sa->LIFETIME() != nullptr) {
      SaLifetime lt;
      apply_lifetime_values(sa->sa_lifetime_value(), lt, line);
      if (lt.seconds) cfg_.ipsec.sa_lifetime_seconds = lt.seconds;
      if (lt.kilobytes) cfg_.ipsec.sa_lifetime_kilobytes = lt.kilobytes;
      if (!cfg_.ipsec.sa_lifetime_span.valid()) cfg_.ipsec.sa_lifetime_span = lt.span;
    }
    return block_;
  }
  if (auto* m = ctx->crypto_map()) {
    if (m->INTERFACE() != nullptr) {
      cfg_.crypto_map_bindings.push_back({word(m->map_name, line), word(m->iface, line), line});
    } else {
      apply_map_entry(m->map_name->getText(), number32(m->sequence), false, m->map_entry_command(),
                      line, line_span);
    }
    return block_;
  }
  if (auto* d = ctx->crypto_dynamic_map()) {
    apply_map_entry(d->map_name->getText(), number32(d->sequence), true, d->map_entry_command(),
                    line, line_span);
  }
  return block_;
}

void AsaModelBuilder::apply_map_entry(const std::string& map, uint32_t seq, bool dynamic,
                                      P::Map_entry_commandContext* ctx, uint32_t line,
                                      const SourceSpan& line_span) {
  CryptoMapEntry& e = map_entry(map, seq, dynamic, line);
  if (!e.span.valid()) e.span = line_span;
  // The ASA keeps one value per setting: a second line replaces the first.
  // Recorded, because in a real running-config it means two tunnels were
  // pasted with the same sequence number.
  const size_t entry_index = static_cast<size_t>(&e - cfg_.crypto_map_entries.data());
  auto replaces = [&](int slot, const char* setting) {
    const std::string value_text = ctx->getText();
    auto [it, fresh] = last_setting_.try_emplace({entry_index, slot}, line_span, value_text);
    if (!fresh) {
      e.repeated.push_back({setting, it->second.first, line_span, it->second.second == value_text});
      it->second = {line_span, value_text};
    }
  };
  if (ctx->MATCH() != nullptr) {
    replaces(0, "match address");
    e.match_address = word(ctx->acl, line);
    return;
  }
  if (ctx->IPSEC_ISAKMP() != nullptr) {
    if (ctx->dynamic_map != nullptr) e.dynamic_reference = word(ctx->dynamic_map, line);
    return;
  }
  auto* s = ctx->map_set();
  if (s == nullptr) return;
  if (s->PEER() != nullptr) {
    replaces(1, "set peer");
    e.peer_line = line_span;
    e.peers = words(s->peers, line);
  } else if (s->PFS() != nullptr) {
    replaces(2, "set pfs");
    e.pfs_line = line_span;
    e.has_pfs = true;
    e.pfs_group.reset();
    if (s->pfs_group != nullptr) e.pfs_group = word(s->pfs_group, line);
  } else if (s->TRANSFORM_SET() != nullptr) {
    replaces(3, "set ikev1 transform-set");
    e.ikev1_transform_sets = words(s->transform_sets, line);
    e.legacy_transform_keyword = s->IKEV1() == nullptr;
    e.ikev1_transform_line = line;
  } else if (s->PHASE1_MODE() != nullptr) {
    e.phase1_mode = word(s->phase1_mode, line);
    e.phase1_mode_line = line_span;
  } else if (s->ikev2_mode != nullptr) {
    e.ikev2_mode = word(s->ikev2_mode, line);
  } else if (s->IPSEC_PROPOSAL() != nullptr) {
    replaces(4, "set ikev2 ipsec-proposal");
    e.ikev2_proposals = words(s->proposals, line);
    e.ikev2_proposal_line = line;
  } else if (s->SECURITY_ASSOCIATION() != nullptr) {
    apply_lifetime_values(s->sa_lifetime_value(), e.lifetime, line);
  } else if (s->CONNECTION_TYPE() != nullptr) {
    e.connection_type = word(s->connection_type, line);
  } else if (s->NAT_T_DISABLE() != nullptr) {
    e.nat_t_disable = true;
  } else if (s->REVERSE_ROUTE() != nullptr) {
    e.reverse_route = true;
  }
}

BlockKind AsaModelBuilder::apply_tunnel_group(P::S_tunnel_groupContext* ctx, uint32_t line) {
  Word name = word(ctx->tg_name, line);
  TunnelGroup& tg = tunnel_group(name.text, name.span);
  size_t index = tunnel_groups_[name.text];
  SourceSpan line_span = span_of(ctx, line);
  if (ctx->TYPE() != nullptr) {
    Word type = word(ctx->tg_type, line);
    // show run prints the type in lower case; compare that way.
    std::transform(type.text.begin(), type.text.end(), type.text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    tg.type = type;
    tg.type_line = line;
    return block_;
  }
  switch (ctx->block->getType()) {
    case P::GENERAL_ATTRIBUTES:
      if (!tg.general_attributes) tg.general_attributes = Block{};
      open(BlockKind::TunnelGroupGeneral, index, line, line_span);
      break;
    case P::IPSEC_ATTRIBUTES:
      if (!tg.ipsec_attributes) tg.ipsec_attributes = Block{};
      open(BlockKind::TunnelGroupIpsec, index, line, line_span);
      break;
    default:
      block_ = BlockKind::TunnelGroupOther;
      break;
  }
  return block_;
}

BlockKind AsaModelBuilder::apply_group_policy(P::S_group_policyContext* ctx, uint32_t line) {
  Word name = word(ctx->gp_name, line);
  GroupPolicy& gp = group_policy(name.text, name.span);
  if (ctx->kind->getType() == P::ATTRIBUTES) {
    if (!gp.attributes) gp.attributes = Block{};
    open(BlockKind::GroupPolicyAttributes, group_policies_[name.text], line, span_of(ctx, line));
  }
  return block_;
}

// ---------------------------------------------------------------- sub-commands

SubOutcome AsaModelBuilder::apply_sub(P::Sub_commandContext* ctx, uint32_t line) {
  if (Block* b = open_block_record()) b->last_line = line;
  if (ctx->sc_description() != nullptr) {
    return block_ == BlockKind::None ? unknown_here(ctx, block_) : kFreeText;
  }
  switch (block_) {
    case BlockKind::Interface: return sub_interface(ctx, line);
    case BlockKind::ObjectNetwork: return sub_object(ctx, line);
    case BlockKind::ObjectGroupNetwork: return sub_object_group(ctx, line);
    case BlockKind::Ikev1Policy: return sub_ikev1_policy(ctx, line);
    case BlockKind::Ikev2Policy: return sub_ikev2_policy(ctx, line);
    case BlockKind::IpsecProposal: return sub_proposal(ctx, line);
    case BlockKind::TunnelGroupIpsec: return sub_tunnel_group_ipsec(ctx, line);
    case BlockKind::TunnelGroupGeneral: return sub_tunnel_group_general(ctx, line);
    case BlockKind::GroupPolicyAttributes: return sub_group_policy(ctx, line);
    case BlockKind::TunnelGroupOther: return kIgnored;
    case BlockKind::None: break;
  }
  return {LineCategory::Unknown, "indented line under a command that has no sub-commands"};
}

SubOutcome AsaModelBuilder::sub_interface(P::Sub_commandContext* ctx, uint32_t line) {
  Interface& itf = cfg_.interfaces[block_index_];
  if (auto* n = ctx->sc_nameif()) {
    itf.nameif = word(n->nameif, line);
  } else if (auto* ip = ctx->sc_ip_address()) {
    if (ip->address == nullptr) return kIgnored;  // dhcp, ip verify, ...
    itf.address = parse_ipv4(ip->address->getText());
    itf.mask = parse_ipv4(ip->mask->getText());
    itf.address_span = word(ip->address, line).span;
  } else if (auto* s = ctx->sc_security_level()) {
    itf.security_level = static_cast<int>(number32(s->level));
  } else if (ctx->sc_shutdown() != nullptr) {
    itf.shutdown = true;
  } else if (ctx->sc_no() != nullptr || ctx->sc_unmodelled() != nullptr) {
    return kIgnored;
  } else {
    return unknown_here(ctx, block_);
  }
  return kModelled;
}

SubOutcome AsaModelBuilder::sub_object(P::Sub_commandContext* ctx, uint32_t line) {
  NetworkObject& obj = cfg_.network_objects[block_index_];
  auto* v = ctx->sc_object_value();
  if (v == nullptr) {
    return ctx->sc_unmodelled() != nullptr ? kIgnored : unknown_here(ctx, block_);  // nat ...
  }
  AddressSpec a;
  if (v->HOST() != nullptr) {
    a = address_word_spec(v->host, AddressSpec::Kind::Host, line);
    a.b = 0xffffffffu;
  } else if (v->SUBNET() != nullptr) {
    a = address_word_spec(v->net, AddressSpec::Kind::Subnet, line);
    a.b = parse_ipv4(v->mask->getText()).value_or(0);
  } else if (v->RANGE() != nullptr) {
    a = address_word_spec(v->first, AddressSpec::Kind::Range, line);
    a.b = parse_ipv4(v->last->getText()).value_or(0);
  } else {
    a.kind = AddressSpec::Kind::Fqdn;
    a.name = v->fqdn_words.back()->getText();
  }
  a.span = span_of(v, line);
  obj.value = a;
  return kModelled;
}

SubOutcome AsaModelBuilder::sub_object_group(P::Sub_commandContext* ctx, uint32_t line) {
  NetworkObjectGroup& grp = cfg_.network_object_groups[block_index_];
  if (auto* n = ctx->sc_network_object()) {
    AddressSpec a;
    if (n->HOST() != nullptr) {
      a = address_word_spec(n->host, AddressSpec::Kind::Host, line);
      a.b = 0xffffffffu;
    } else if (n->OBJECT() != nullptr) {
      a.kind = AddressSpec::Kind::Object;
      a.name = n->object_ref->getText();
    } else {
      a = address_word_spec(n->net, AddressSpec::Kind::Subnet, line);
      a.b = parse_ipv4(n->mask->getText()).value_or(0);
    }
    a.span = span_of(n, line);
    grp.members.push_back(std::move(a));
    return kModelled;
  }
  if (auto* g = ctx->sc_group_object()) {
    AddressSpec a;
    a.kind = AddressSpec::Kind::ObjectGroup;
    a.name = g->group_ref->getText();
    a.span = span_of(g, line);
    grp.members.push_back(std::move(a));
    return kModelled;
  }
  return unknown_here(ctx, block_);
}

SubOutcome AsaModelBuilder::sub_ikev1_policy(P::Sub_commandContext* ctx, uint32_t line) {
  Ikev1Policy& p = cfg_.ikev1_policies[block_index_];
  if (auto* a = ctx->sc_authentication(); a != nullptr && a->methods.size() == 1) {
    p.authentication = word(a->methods[0], line);
  } else if (auto* e = ctx->sc_encryption(); e != nullptr && e->algorithms.size() == 1) {
    p.encryption = word(e->algorithms[0], line);
  } else if (auto* h = ctx->sc_hash()) {
    p.hash = word(h->algorithm, line);
  } else if (auto* g = ctx->sc_group(); g != nullptr && g->groups.size() == 1) {
    p.group = word(g->groups[0], line);
  } else if (auto* l = ctx->sc_lifetime(); l != nullptr && l->KILOBYTES() == nullptr) {
    p.lifetime = l->NONE() != nullptr ? 0u : number32(l->seconds);
    p.lifetime_span = span_of(l, line);
  } else if (ctx->sc_encryption() || ctx->sc_group() || ctx->sc_authentication()) {
    return {LineCategory::Unknown, "an IKEv1 policy takes exactly one value here"};
  } else {
    return unknown_here(ctx, block_);
  }
  return kModelled;
}

SubOutcome AsaModelBuilder::sub_ikev2_policy(P::Sub_commandContext* ctx, uint32_t line) {
  Ikev2Policy& p = cfg_.ikev2_policies[block_index_];
  if (auto* e = ctx->sc_encryption()) {
    p.encryption = words(e->algorithms, line);
  } else if (auto* i = ctx->sc_integrity()) {
    p.integrity = words(i->algorithms, line);
  } else if (auto* g = ctx->sc_group()) {
    p.group = words(g->groups, line);
  } else if (auto* f = ctx->sc_prf()) {
    p.prf = words(f->algorithms, line);
  } else if (auto* l = ctx->sc_lifetime(); l != nullptr && l->seconds != nullptr) {
    p.lifetime_seconds = number32(l->seconds);
    p.lifetime_span = span_of(l, line);
  } else {
    return unknown_here(ctx, block_);
  }
  return kModelled;
}

SubOutcome AsaModelBuilder::sub_proposal(P::Sub_commandContext* ctx, uint32_t line) {
  IpsecProposal& p = cfg_.ipsec_proposals[block_index_];
  auto* esp = ctx->sc_protocol_esp();
  if (esp == nullptr) return unknown_here(ctx, block_);
  if (esp->kind->getType() == P::ENCRYPTION) {
    p.encryption = words(esp->algorithms, line);
    p.has_encryption_line = true;
  } else {
    p.integrity = words(esp->algorithms, line);
    p.has_integrity_line = true;
  }
  return kModelled;
}

SubOutcome AsaModelBuilder::sub_tunnel_group_ipsec(P::Sub_commandContext* ctx, uint32_t line) {
  TunnelGroup& tg = cfg_.tunnel_groups[block_index_];
  if (auto* legacy = ctx->sc_pre_shared_key()) {
    tg.ikev1_psk = psk(legacy->psk_value(), legacy, line);
    tg.ikev1_psk->legacy = true;
  } else if (auto* v1 = ctx->sc_ikev1()) {
    if (v1->PRE_SHARED_KEY() == nullptr) return kIgnored;  // trust-point, user-authentication ...
    tg.ikev1_psk = psk(v1->psk_value(), v1, line);
  } else if (auto* v2 = ctx->sc_ikev2()) {
    if (v2->side == nullptr) return kIgnored;
    bool local = v2->side->getType() == P::LOCAL_AUTHENTICATION;
    if (v2->PRE_SHARED_KEY() == nullptr) {
      (local ? tg.ikev2_local_certificate : tg.ikev2_remote_certificate_or_eap) = true;
      return kModelled;
    }
    (local ? tg.ikev2_local_psk : tg.ikev2_remote_psk) = psk(v2->psk_value(), v2, line);
  } else if (auto* k = ctx->sc_isakmp()) {
    if (k->KEEPALIVE() == nullptr) return kIgnored;
    Keepalive ka;
    ka.span = span_of(k, line);
    if (k->DISABLE() != nullptr) {
      ka.mode = Keepalive::Mode::Disabled;
    } else if (k->INFINITE() != nullptr) {
      ka.mode = Keepalive::Mode::Infinite;
    } else {
      if (k->threshold != nullptr) ka.threshold = number32(k->threshold);
      if (k->retry != nullptr) ka.retry = number32(k->retry);
    }
    tg.keepalive = ka;
  } else if (auto* pid = ctx->sc_peer_id_validate()) {
    tg.peer_id_validate = word(pid->validation, line);
  } else if (ctx->sc_no() != nullptr || ctx->sc_unmodelled() != nullptr) {
    return kIgnored;  // chain, radius-with-expiry, ...
  } else {
    return unknown_here(ctx, block_);
  }
  return kModelled;
}

SubOutcome AsaModelBuilder::sub_tunnel_group_general(P::Sub_commandContext* ctx, uint32_t line) {
  if (auto* d = ctx->sc_default_group_policy()) {
    cfg_.tunnel_groups[block_index_].default_group_policy = word(d->policy_name, line);
    return kModelled;
  }
  return kIgnored;  // address pools, AAA servers, ...: remote-access settings
}

SubOutcome AsaModelBuilder::sub_group_policy(P::Sub_commandContext* ctx, uint32_t line) {
  if (auto* v = ctx->sc_vpn_tunnel_protocol()) {
    cfg_.group_policies[block_index_].vpn_tunnel_protocols = words(v->protocols, line);
    return kModelled;
  }
  return kIgnored;  // dns-server, split-tunnel-policy, banner, ...
}

}  // namespace ikeshift::asa
