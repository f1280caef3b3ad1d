#include "ikev1/proposals.h"

#include <algorithm>

namespace ikeshift::engine::ikev1 {

namespace w1 = wire::ikev1;

namespace {

using model::TransformType;

uint16_t u16(w1::Phase1Attribute a) { return static_cast<uint16_t>(a); }
uint16_t u16(w1::IpsecAttribute a) { return static_cast<uint16_t>(a); }

// The registry entry with this IKEv1 number (phase 1 column or ESP column).
const model::Algorithm* by_phase1_id(TransformType type, uint64_t id, uint16_t key_bits) {
  for (const model::Algorithm& a : model::all_algorithms()) {
    if (a.type == type && a.ikev1_phase1_id != 0 && a.ikev1_phase1_id == id && a.key_bits == key_bits) return &a;
  }
  return nullptr;
}
const model::Algorithm* by_esp_id(TransformType type, uint64_t id, uint16_t key_bits) {
  for (const model::Algorithm& a : model::all_algorithms()) {
    if (a.type == type && a.ikev1_esp_id != 0 && a.ikev1_esp_id == id && a.key_bits == key_bits) return &a;
  }
  return nullptr;
}

std::string name(const model::Algorithm* a, model::Dialect d) {
  if (a == nullptr) return "none";
  std::string_view n = model::algorithm_name(*a, d);
  return n.empty() ? std::string(a->id) : std::string(n);
}

// Lifetimes come as (Life Type, Life Duration) pairs, in order (RFC 2407 4.5).
struct Lifetimes {
  uint64_t seconds = 0, kilobytes = 0;
};

uint64_t shorter(uint64_t a, uint64_t b) {
  if (a == 0) return b;
  if (b == 0) return a;
  return std::min(a, b);
}

void add_lifetimes(std::vector<w1::Attribute>& out, uint16_t type_attr, uint16_t duration_attr, const Lifetimes& l) {
  if (l.seconds) {
    out.push_back(w1::Attribute::number(type_attr, static_cast<uint16_t>(w1::LifeType::Seconds)));
    out.push_back(w1::Attribute::number(duration_attr, l.seconds));
  }
  if (l.kilobytes) {
    out.push_back(w1::Attribute::number(type_attr, static_cast<uint16_t>(w1::LifeType::Kilobytes)));
    out.push_back(w1::Attribute::number(duration_attr, l.kilobytes));
  }
}

w1::Transform phase1_transform(const Phase1Suite& s, uint8_t number) {
  w1::Transform t;
  t.number = number;
  t.id = w1::kTransformKeyIke;
  t.attributes.push_back(w1::Attribute::number(u16(w1::Phase1Attribute::Encryption), s.encryption->ikev1_phase1_id));
  if (s.encryption->key_bits)
    t.attributes.push_back(w1::Attribute::number(u16(w1::Phase1Attribute::KeyLength), s.encryption->key_bits));
  t.attributes.push_back(w1::Attribute::number(u16(w1::Phase1Attribute::Hash), s.hash->ikev1_phase1_id));
  t.attributes.push_back(w1::Attribute::number(u16(w1::Phase1Attribute::AuthenticationMethod),
                                               static_cast<uint16_t>(w1::AuthMethod::PreSharedKey)));
  t.attributes.push_back(w1::Attribute::number(u16(w1::Phase1Attribute::GroupDescription), s.group->ikev1_phase1_id));
  add_lifetimes(t.attributes, u16(w1::Phase1Attribute::LifeType), u16(w1::Phase1Attribute::LifeDuration),
                Lifetimes{s.lifetime_seconds, 0});
  return t;
}

uint16_t encapsulation(const Phase2Suite& s, NatTMode nat) {
  using M = w1::EncapsulationMode;
  M m = s.transport ? M::Transport : M::Tunnel;
  if (nat == NatTMode::Rfc3947) m = s.transport ? M::UdpTransport : M::UdpTunnel;
  if (nat == NatTMode::Draft) m = s.transport ? M::UdpTransportDraft : M::UdpTunnelDraft;
  return static_cast<uint16_t>(m);
}

w1::Transform phase2_transform(const Phase2Suite& s, uint8_t number, NatTMode nat) {
  w1::Transform t;
  t.number = number;
  t.id = static_cast<uint8_t>(s.encryption->ikev1_esp_id);
  add_lifetimes(t.attributes, u16(w1::IpsecAttribute::LifeType), u16(w1::IpsecAttribute::LifeDuration),
                Lifetimes{s.lifetime_seconds, s.lifetime_kilobytes});
  t.attributes.push_back(w1::Attribute::number(u16(w1::IpsecAttribute::EncapsulationMode), encapsulation(s, nat)));
  if (s.integrity != nullptr && s.integrity->iana_id != 0)
    t.attributes.push_back(
        w1::Attribute::number(u16(w1::IpsecAttribute::AuthenticationAlgorithm), s.integrity->ikev1_esp_id));
  if (s.encryption->key_bits)
    t.attributes.push_back(w1::Attribute::number(u16(w1::IpsecAttribute::KeyLength), s.encryption->key_bits));
  if (s.pfs_group != nullptr)
    t.attributes.push_back(w1::Attribute::number(u16(w1::IpsecAttribute::GroupDescription), s.pfs_group->ikev1_esp_id));
  return t;
}

// Reads (Life Type, Life Duration) pairs; false on a duration without a type
// or an unknown type.
bool read_lifetime(const w1::Attribute& a, bool is_type, std::optional<uint16_t>& pending, Lifetimes& l,
                   std::string& why) {
  auto v = a.integer();
  if (!v) {
    why = "a lifetime attribute longer than 8 octets";
    return false;
  }
  if (is_type) {
    if (*v != static_cast<uint16_t>(w1::LifeType::Seconds) && *v != static_cast<uint16_t>(w1::LifeType::Kilobytes)) {
      why = "life type " + std::to_string(*v) + " is neither seconds nor kilobytes";
      return false;
    }
    pending = static_cast<uint16_t>(*v);
    return true;
  }
  if (!pending) {
    why = "a life duration without a life type before it";
    return false;
  }
  (*pending == static_cast<uint16_t>(w1::LifeType::Seconds) ? l.seconds : l.kilobytes) = *v;
  pending.reset();
  return true;
}

}  // namespace

std::string Phase1Suite::describe() const {
  std::string s = name(encryption, model::Dialect::AsaIkev1Policy) + "/" + name(hash, model::Dialect::AsaIkev1Policy) +
                  "/DH" + (group ? std::to_string(group->iana_id) : std::string("?"));
  if (lifetime_seconds) s += "/" + std::to_string(lifetime_seconds) + "s";
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string Phase2Suite::describe() const {
  std::string s = name(encryption, model::Dialect::AsaIkev1Transform);
  if (integrity != nullptr && integrity->iana_id != 0) s += " " + name(integrity, model::Dialect::AsaIkev1Transform);
  if (pfs_group != nullptr) s += " PFS group" + std::to_string(pfs_group->iana_id);
  if (transport) s += " transport";
  return s;
}

std::vector<Phase1Suite> phase1_offers(const model::Tunnel& tunnel) {
  std::vector<const model::IkeProposal*> policies;
  for (const model::IkeProposal& p : tunnel.ikev1_proposals) policies.push_back(&p);
  std::stable_sort(policies.begin(), policies.end(),
                   [](const model::IkeProposal* a, const model::IkeProposal* b) { return a->priority < b->priority; });
  std::vector<Phase1Suite> out;
  for (const model::IkeProposal* p : policies) {
    // Only pre-shared key policies: certificates are out of scope.
    if (p->authentication != "pre-share") continue;
    if (p->encryption.empty() || p->integrity.empty() || p->prf.empty() || p->dh_groups.empty()) continue;
    Phase1Suite s;
    s.encryption = p->encryption.front();
    s.hash = p->integrity.front();
    s.prf = p->prf.front();
    s.group = p->dh_groups.front();
    s.lifetime_seconds = p->lifetime_seconds;
    s.priority = p->priority;
    if (s.encryption->ikev1_phase1_id == 0 || s.hash->ikev1_phase1_id == 0 || s.group->ikev1_phase1_id == 0) continue;
    out.push_back(s);
  }
  return out;
}

std::vector<Phase2Suite> phase2_offers(const model::Tunnel& tunnel) {
  std::vector<Phase2Suite> out;
  for (const model::EspProposal& p : tunnel.esp_v1) {
    if (p.encryption.empty()) continue;
    Phase2Suite s;
    s.transform_set = p.name;
    s.encryption = p.encryption.front();
    s.integrity = p.integrity.empty() ? nullptr : p.integrity.front();
    if (s.integrity != nullptr && s.integrity->iana_id == 0) s.integrity = nullptr;  // esp-none
    s.pfs_group = tunnel.pfs_group;
    s.transport = p.mode == "transport";
    s.lifetime_seconds = tunnel.lifetime_seconds;
    s.lifetime_kilobytes = tunnel.lifetime_kilobytes;
    if (s.encryption->ikev1_esp_id == 0) continue;
    out.push_back(s);
  }
  return out;
}

w1::SaPayload phase1_sa(const std::vector<Phase1Suite>& offers) {
  w1::SaPayload sa;
  w1::Proposal p;
  p.number = 1;
  p.protocol = w1::ProtocolId::Isakmp;
  for (size_t i = 0; i < offers.size(); ++i) p.transforms.push_back(phase1_transform(offers[i], static_cast<uint8_t>(i + 1)));
  sa.proposals.push_back(std::move(p));
  return sa;
}

std::optional<Phase1Suite> phase1_suite_of(const w1::Transform& t, std::string& why) {
  if (t.id != w1::kTransformKeyIke) {
    why = "transform id " + std::to_string(t.id) + " is not KEY_IKE";
    return std::nullopt;
  }
  std::optional<uint64_t> enc, hash, auth, group, key_bits;
  Lifetimes life;
  std::optional<uint16_t> pending;
  for (const w1::Attribute& a : t.attributes) {
    using A = w1::Phase1Attribute;
    switch (static_cast<A>(a.type)) {
      case A::Encryption: enc = a.integer(); break;
      case A::Hash: hash = a.integer(); break;
      case A::AuthenticationMethod: auth = a.integer(); break;
      case A::GroupDescription: group = a.integer(); break;
      case A::KeyLength: key_bits = a.integer(); break;
      case A::LifeType:
      case A::LifeDuration:
        if (!read_lifetime(a, a.type == u16(A::LifeType), pending, life, why)) return std::nullopt;
        break;
      default:
        why = "attribute " + std::to_string(a.type) + " is not supported";
        return std::nullopt;
    }
  }
  if (!enc || !hash || !auth || !group) {
    why = "the transform lacks encryption, hash, authentication or group";
    return std::nullopt;
  }
  if (*auth != static_cast<uint16_t>(w1::AuthMethod::PreSharedKey)) {
    why = "authentication method " + std::to_string(*auth) + " is not pre-shared key";
    return std::nullopt;
  }
  Phase1Suite s;
  s.encryption = by_phase1_id(TransformType::Encryption, *enc, static_cast<uint16_t>(key_bits.value_or(0)));
  s.hash = by_phase1_id(TransformType::Integrity, *hash, 0);
  s.prf = by_phase1_id(TransformType::Prf, *hash, 0);
  s.group = by_phase1_id(TransformType::DhGroup, *group, 0);
  s.lifetime_seconds = life.seconds;
  if (!s.encryption || !s.hash || !s.prf || !s.group) {
    why = "encryption " + std::to_string(*enc) + (key_bits ? "/" + std::to_string(*key_bits) : "") + ", hash " +
          std::to_string(*hash) + " or group " + std::to_string(*group) + " is not known";
    return std::nullopt;
  }
  return s;
}

std::optional<Phase1Choice> choose_phase1(const w1::SaPayload& offered, const std::vector<Phase1Suite>& ours,
                                          std::vector<std::string>& received) {
  struct Theirs {
    const w1::Proposal* proposal;
    const w1::Transform* transform;
    Phase1Suite suite;
  };
  std::vector<Theirs> theirs;
  for (const w1::Proposal& p : offered.proposals) {
    if (p.protocol != w1::ProtocolId::Isakmp) continue;
    for (const w1::Transform& t : p.transforms) {
      std::string why;
      if (auto s = phase1_suite_of(t, why)) {
        theirs.push_back({&p, &t, *s});
        received.push_back(s->describe());
      } else {
        received.push_back("(" + why + ")");
      }
    }
  }
  for (const Phase1Suite& mine : ours) {
    for (const Theirs& t : theirs) {
      if (!mine.same_algorithms(t.suite)) continue;
      Phase1Choice c;
      c.suite = mine;
      c.suite.lifetime_seconds = shorter(mine.lifetime_seconds, t.suite.lifetime_seconds);
      c.answer.doi = offered.doi;
      c.answer.situation = offered.situation;
      w1::Proposal p;
      p.number = t.proposal->number;
      p.protocol = w1::ProtocolId::Isakmp;
      p.spi = t.proposal->spi;
      p.transforms.push_back(phase1_transform(c.suite, t.transform->number));
      c.answer.proposals.push_back(std::move(p));
      return c;
    }
  }
  return std::nullopt;
}

std::optional<Phase1Suite> accept_phase1(const w1::SaPayload& answer, const std::vector<Phase1Suite>& offered) {
  if (answer.proposals.size() != 1 || answer.proposals[0].transforms.size() != 1 ||
      answer.proposals[0].protocol != w1::ProtocolId::Isakmp)
    return std::nullopt;
  std::string why;
  auto theirs = phase1_suite_of(answer.proposals[0].transforms[0], why);
  if (!theirs) return std::nullopt;
  for (const Phase1Suite& mine : offered) {
    if (!mine.same_algorithms(*theirs)) continue;
    Phase1Suite s = mine;
    s.lifetime_seconds = shorter(mine.lifetime_seconds, theirs->lifetime_seconds);
    return s;
  }
  return std::nullopt;
}

w1::SaPayload phase2_sa(const std::vector<Phase2Suite>& offers, uint32_t spi, NatTMode nat) {
  w1::SaPayload sa;
  for (size_t i = 0; i < offers.size(); ++i) {
    w1::Proposal p;
    p.number = static_cast<uint8_t>(i + 1);
    p.protocol = w1::ProtocolId::Esp;
    p.spi = {static_cast<uint8_t>(spi >> 24), static_cast<uint8_t>(spi >> 16), static_cast<uint8_t>(spi >> 8),
             static_cast<uint8_t>(spi)};
    p.transforms.push_back(phase2_transform(offers[i], 1, nat));
    sa.proposals.push_back(std::move(p));
  }
  return sa;
}

std::optional<Phase2Suite> phase2_suite_of(const w1::Transform& t, NatTMode& nat_seen, std::string& why) {
  std::optional<uint64_t> auth, group, key_bits, mode;
  Lifetimes life;
  std::optional<uint16_t> pending;
  for (const w1::Attribute& a : t.attributes) {
    using A = w1::IpsecAttribute;
    switch (static_cast<A>(a.type)) {
      case A::AuthenticationAlgorithm: auth = a.integer(); break;
      case A::GroupDescription: group = a.integer(); break;
      case A::KeyLength: key_bits = a.integer(); break;
      case A::EncapsulationMode: mode = a.integer(); break;
      case A::LifeType:
      case A::LifeDuration:
        if (!read_lifetime(a, a.type == u16(A::LifeType), pending, life, why)) return std::nullopt;
        break;
      default:
        why = "IPsec attribute " + std::to_string(a.type) + " is not supported";
        return std::nullopt;
    }
  }
  Phase2Suite s;
  uint16_t bits = static_cast<uint16_t>(key_bits.value_or(0));
  // ESP_AES without Key Length means 128 bits (RFC 3602 5.3 default).
  if (t.id == static_cast<uint8_t>(w1::EspTransformId::Aes) && !key_bits) bits = 128;
  s.encryption = by_esp_id(TransformType::Encryption, t.id, bits);
  if (s.encryption == nullptr) {
    why = "ESP transform " + std::to_string(t.id) + (bits ? "/" + std::to_string(bits) : "") + " is not known";
    return std::nullopt;
  }
  if (auth) {
    s.integrity = by_esp_id(TransformType::Integrity, *auth, 0);
    if (s.integrity == nullptr) {
      why = "authentication algorithm " + std::to_string(*auth) + " is not known";
      return std::nullopt;
    }
  } else if (!s.encryption->aead && s.encryption->iana_id != 11) {
    why = "a non-AEAD cipher without an authentication algorithm";
    return std::nullopt;
  }
  if (group) {
    s.pfs_group = by_esp_id(TransformType::DhGroup, *group, 0);
    if (s.pfs_group == nullptr) {
      why = "PFS group " + std::to_string(*group) + " is not known";
      return std::nullopt;
    }
  }
  using M = w1::EncapsulationMode;
  const M m = static_cast<M>(mode.value_or(static_cast<uint16_t>(M::Tunnel)));
  switch (m) {
    case M::Tunnel: nat_seen = NatTMode::None; break;
    case M::Transport: s.transport = true; nat_seen = NatTMode::None; break;
    case M::UdpTunnel: nat_seen = NatTMode::Rfc3947; break;
    case M::UdpTransport: s.transport = true; nat_seen = NatTMode::Rfc3947; break;
    case M::UdpTunnelDraft: nat_seen = NatTMode::Draft; break;
    case M::UdpTransportDraft: s.transport = true; nat_seen = NatTMode::Draft; break;
    default:
      why = "encapsulation mode " + std::to_string(static_cast<unsigned>(m)) + " is not known";
      return std::nullopt;
  }
  s.lifetime_seconds = life.seconds;
  s.lifetime_kilobytes = life.kilobytes;
  return s;
}

std::optional<Phase2Choice> choose_phase2(const w1::SaPayload& offered, const std::vector<Phase2Suite>& ours,
                                          std::vector<std::string>& received) {
  // The peer's order decides here (RFC 2409 5.5: the responder picks one of
  // the initiator's proposals); each of ours is a complete alternative.
  for (const w1::Proposal& p : offered.proposals) {
    if (p.protocol != w1::ProtocolId::Esp) {
      received.push_back("(protocol " + std::to_string(static_cast<unsigned>(p.protocol)) + " is not ESP)");
      continue;
    }
    if (p.spi.size() != 4) {
      received.push_back("(an ESP proposal with a " + std::to_string(p.spi.size()) + "-byte SPI)");
      continue;
    }
    for (const w1::Transform& t : p.transforms) {
      std::string why;
      NatTMode nat = NatTMode::None;
      auto theirs = phase2_suite_of(t, nat, why);
      if (!theirs) {
        received.push_back("(" + why + ")");
        continue;
      }
      received.push_back(theirs->describe());
      for (const Phase2Suite& mine : ours) {
        if (!mine.same_algorithms(*theirs)) continue;
        Phase2Choice c;
        c.suite = mine;
        c.suite.lifetime_seconds = shorter(mine.lifetime_seconds, theirs->lifetime_seconds);
        c.suite.lifetime_kilobytes = shorter(mine.lifetime_kilobytes, theirs->lifetime_kilobytes);
        c.peer_spi = (uint32_t{p.spi[0]} << 24) | (uint32_t{p.spi[1]} << 16) | (uint32_t{p.spi[2]} << 8) | p.spi[3];
        c.answer.doi = offered.doi;
        c.answer.situation = offered.situation;
        w1::Proposal answer;
        answer.number = p.number;
        answer.protocol = w1::ProtocolId::Esp;
        answer.spi = p.spi;  // replaced by answer_with_spi()
        answer.transforms.push_back(phase2_transform(c.suite, t.number, nat));
        c.answer.proposals.push_back(std::move(answer));
        return c;
      }
    }
  }
  return std::nullopt;
}

void answer_with_spi(w1::SaPayload& answer, uint32_t spi) {
  for (auto& p : answer.proposals)
    p.spi = {static_cast<uint8_t>(spi >> 24), static_cast<uint8_t>(spi >> 16), static_cast<uint8_t>(spi >> 8),
             static_cast<uint8_t>(spi)};
}

std::optional<Phase2Choice> accept_phase2(const w1::SaPayload& answer, const std::vector<Phase2Suite>& offered) {
  if (answer.proposals.size() != 1 || answer.proposals[0].transforms.size() != 1) return std::nullopt;
  const w1::Proposal& p = answer.proposals[0];
  if (p.protocol != w1::ProtocolId::Esp || p.spi.size() != 4) return std::nullopt;
  std::string why;
  NatTMode nat = NatTMode::None;
  auto theirs = phase2_suite_of(p.transforms[0], nat, why);
  if (!theirs) return std::nullopt;
  for (const Phase2Suite& mine : offered) {
    if (!mine.same_algorithms(*theirs)) continue;
    Phase2Choice c;
    c.suite = mine;
    c.suite.lifetime_seconds = shorter(mine.lifetime_seconds, theirs->lifetime_seconds);
    c.suite.lifetime_kilobytes = shorter(mine.lifetime_kilobytes, theirs->lifetime_kilobytes);
    c.peer_spi = (uint32_t{p.spi[0]} << 24) | (uint32_t{p.spi[1]} << 16) | (uint32_t{p.spi[2]} << 8) | p.spi[3];
    return c;
  }
  return std::nullopt;
}

dataplane::EspTransform esp_transform_of(const Phase2Suite& s) {
  dataplane::EspTransform t;
  t.encryption_id = s.encryption->iana_id;
  t.encryption_bits = s.encryption->key_bits;
  t.integrity_id = s.integrity != nullptr ? s.integrity->iana_id : 0;
  return t;
}

std::vector<std::string> describe_all(const std::vector<Phase1Suite>& suites) {
  std::vector<std::string> out;
  for (const auto& s : suites) out.push_back(s.describe());
  return out;
}

std::vector<std::string> describe_all(const std::vector<Phase2Suite>& suites) {
  std::vector<std::string> out;
  for (const auto& s : suites) out.push_back(s.describe());
  return out;
}

}  // namespace ikeshift::engine::ikev1
