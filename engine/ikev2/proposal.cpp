#include "ikev2/proposal.h"

#include <algorithm>

namespace ikeshift::engine::ikev2 {

namespace {

constexpr uint16_t kEsnNone = 0;

TransformKind kind_of(model::TransformType t) {
  switch (t) {
    case model::TransformType::Encryption: return TransformKind::Encryption;
    case model::TransformType::Prf: return TransformKind::Prf;
    case model::TransformType::Integrity: return TransformKind::Integrity;
    case model::TransformType::DhGroup: return TransformKind::DhGroup;
  }
  return TransformKind::Encryption;
}

Transform transform_of(const model::Algorithm& a) {
  return Transform{kind_of(a.type), a.iana_id, a.key_bits};
}

void add_all(std::vector<Transform>& out, const std::vector<const model::Algorithm*>& algs) {
  for (const model::Algorithm* a : algs) {
    if (a == nullptr) continue;
    // "integrity null" (iana 0) with AES-GCM means "no integrity transform".
    if (a->type == model::TransformType::Integrity && a->iana_id == 0) continue;
    Transform t = transform_of(*a);
    if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
  }
}

bool has_kind(const Proposal& p, TransformKind k) {
  return std::any_of(p.transforms.begin(), p.transforms.end(),
                     [k](const Transform& t) { return t.kind == k; });
}

bool is_aead(const Transform& encryption) {
  // ENCR_AES_CCM_* (14-16), ENCR_AES_GCM_* (18-20), ENCR_NULL_AUTH_AES_GMAC (21),
  // ENCR_CHACHA20_POLY1305 (28): combined-mode ciphers carry their own ICV.
  uint16_t id = encryption.id;
  return (id >= 14 && id <= 16) || (id >= 18 && id <= 21) || id == 28;
}

// The first of `theirs` (their preference) of kind `k` that `ours` also lists.
std::optional<Transform> common(const Proposal& theirs, const Proposal& ours, TransformKind k) {
  for (const Transform& t : theirs.transforms) {
    if (t.kind != k) continue;
    if (std::find(ours.transforms.begin(), ours.transforms.end(), t) != ours.transforms.end()) return t;
  }
  return std::nullopt;
}

std::optional<Selection> match(const Proposal& theirs, const Proposal& ours) {
  if (theirs.protocol != ours.protocol) return std::nullopt;
  for (const Transform& t : theirs.transforms) {
    // A kind we do not use at all (e.g. DH on an ESP offer without PFS) may
    // still be acceptable when the peer also offers NONE (id 0) for it.
    if (!has_kind(ours, t.kind)) {
      bool peer_allows_none = std::any_of(theirs.transforms.begin(), theirs.transforms.end(),
                                          [&](const Transform& x) { return x.kind == t.kind && x.id == 0; });
      if (!peer_allows_none) return std::nullopt;
    }
  }
  Selection s;
  s.number = theirs.number;
  s.protocol = theirs.protocol;
  s.spi = theirs.spi;
  s.encryption = common(theirs, ours, TransformKind::Encryption);
  if (!s.encryption) return std::nullopt;
  if (!is_aead(*s.encryption)) {
    s.integrity = common(theirs, ours, TransformKind::Integrity);
    if (!s.integrity) return std::nullopt;
  } else if (has_kind(theirs, TransformKind::Integrity)) {
    // AEAD with an integrity transform: only NONE (0) is consistent.
    bool none_offered = std::any_of(theirs.transforms.begin(), theirs.transforms.end(), [](const Transform& t) {
      return t.kind == TransformKind::Integrity && t.id == 0;
    });
    if (!none_offered) return std::nullopt;
  }
  if (ours.protocol == Protocol::Ike) {
    s.prf = common(theirs, ours, TransformKind::Prf);
    s.dh_group = common(theirs, ours, TransformKind::DhGroup);
    if (!s.prf || !s.dh_group) return std::nullopt;
  } else {
    if (has_kind(ours, TransformKind::DhGroup)) {
      s.dh_group = common(theirs, ours, TransformKind::DhGroup);
      if (!s.dh_group) return std::nullopt;  // PFS required and not agreed
    }
    if (has_kind(ours, TransformKind::Esn) || has_kind(theirs, TransformKind::Esn)) {
      s.esn = common(theirs, ours, TransformKind::Esn);
      if (!s.esn) return std::nullopt;
    }
  }
  return s;
}

}  // namespace

bool Selection::aead() const { return encryption && is_aead(*encryption); }

Proposal Selection::as_proposal() const {
  Proposal p;
  p.number = number;
  p.protocol = protocol;
  p.spi = spi;
  p.transforms.reserve(5);
  for (const auto* t : {&encryption, &prf, &integrity, &dh_group, &esn})
    if (*t) p.transforms.push_back(**t);
  return p;
}

std::string Selection::describe() const {
  std::string out;
  for (const auto* t : {&encryption, &integrity, &prf, &dh_group}) {
    if (!*t) continue;
    if (!out.empty()) out += '/';
    out += transform_name(**t);
  }
  return out;
}

std::vector<Proposal> ike_offers(const model::Tunnel& tunnel) {
  std::vector<Proposal> out;
  std::vector<const model::IkeProposal*> sorted;
  for (const auto& p : tunnel.ikev2_proposals) sorted.push_back(&p);
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const model::IkeProposal* a, const model::IkeProposal* b) { return a->priority < b->priority; });
  for (const model::IkeProposal* ike : sorted) {
    Proposal p;
    p.number = static_cast<uint8_t>(out.size() + 1);
    p.protocol = Protocol::Ike;
    add_all(p.transforms, ike->encryption);
    add_all(p.transforms, ike->prf);
    add_all(p.transforms, ike->integrity);
    add_all(p.transforms, ike->dh_groups);
    if (p.transforms.empty()) continue;
    out.push_back(std::move(p));
    if (out.size() == 255) break;  // the proposal number is one octet
  }
  return out;
}

std::vector<Proposal> esp_offers(const model::Tunnel& tunnel, bool with_pfs_group,
                                 const std::vector<uint8_t>& spi) {
  std::vector<Proposal> out;
  for (const model::EspProposal& esp : tunnel.esp_v2) {
    Proposal p;
    p.number = static_cast<uint8_t>(out.size() + 1);
    p.protocol = Protocol::Esp;
    p.spi = spi;
    add_all(p.transforms, esp.encryption);
    add_all(p.transforms, esp.integrity);
    if (with_pfs_group && tunnel.pfs_group != nullptr) p.transforms.push_back(transform_of(*tunnel.pfs_group));
    p.transforms.push_back(Transform{TransformKind::Esn, kEsnNone, 0});
    out.push_back(std::move(p));
    if (out.size() == 255) break;
  }
  return out;
}

std::optional<Selection> select_proposal(const std::vector<Proposal>& received,
                                         const std::vector<Proposal>& ours) {
  for (const Proposal& theirs : received)
    for (const Proposal& mine : ours)
      if (auto s = match(theirs, mine)) return s;
  return std::nullopt;
}

std::optional<Selection> accept_answer(const Proposal& answer, const std::vector<Proposal>& offered) {
  // One transform per kind, each from the same offer.
  for (size_t i = 0; i < answer.transforms.size(); ++i)
    for (size_t j = i + 1; j < answer.transforms.size(); ++j)
      if (answer.transforms[i].kind == answer.transforms[j].kind) return std::nullopt;
  for (const Proposal& offer : offered) {
    if (offer.number != answer.number || offer.protocol != answer.protocol) continue;
    bool subset = std::all_of(answer.transforms.begin(), answer.transforms.end(), [&](const Transform& t) {
      return std::find(offer.transforms.begin(), offer.transforms.end(), t) != offer.transforms.end();
    });
    if (!subset) return std::nullopt;
    auto s = match(answer, offer);
    if (s) s->spi = answer.spi;
    return s;
  }
  return std::nullopt;
}

std::vector<Proposal> without_dh(std::vector<Proposal> proposals) {
  for (Proposal& p : proposals)
    p.transforms.erase(std::remove_if(p.transforms.begin(), p.transforms.end(),
                                      [](const Transform& t) { return t.kind == TransformKind::DhGroup; }),
                       p.transforms.end());
  return proposals;
}

std::vector<uint16_t> dh_groups_of(const std::vector<Proposal>& offers) {
  std::vector<uint16_t> out;
  for (const Proposal& p : offers)
    for (const Transform& t : p.transforms)
      if (t.kind == TransformKind::DhGroup && std::find(out.begin(), out.end(), t.id) == out.end())
        out.push_back(t.id);
  return out;
}

std::string transform_name(const Transform& t) {
  if (t.kind == TransformKind::Esn) return t.id == 0 ? "NO_ESN" : "ESN";
  model::TransformType type = model::TransformType::Encryption;
  switch (t.kind) {
    case TransformKind::Encryption: type = model::TransformType::Encryption; break;
    case TransformKind::Prf: type = model::TransformType::Prf; break;
    case TransformKind::Integrity: type = model::TransformType::Integrity; break;
    case TransformKind::DhGroup: type = model::TransformType::DhGroup; break;
    case TransformKind::Esn: break;
  }
  if (const model::Algorithm* a = model::find_algorithm_by_iana(type, t.id, t.key_bits)) {
    std::string id(a->id);
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return id;
  }
  return std::string(model::transform_type_name(type)) + "#" + std::to_string(t.id) +
         (t.key_bits ? "/" + std::to_string(t.key_bits) : "");
}

dataplane::EspTransform esp_transform_of(const Selection& s) {
  dataplane::EspTransform t;
  if (s.encryption) {
    t.encryption_id = s.encryption->id;
    t.encryption_bits = s.encryption->key_bits;
  }
  if (s.integrity) t.integrity_id = s.integrity->id;
  t.esn = s.esn && s.esn->id == 1;
  return t;
}

}  // namespace ikeshift::engine::ikev2
