#include "control/show_data.h"

#include <algorithm>
#include <chrono>
#include <variant>

#include "common/ipv4.h"
#include "ikev2/wire_convert.h"

namespace ikeshift::engine::control {

namespace {

using ikev2::Ikev2Engine;
using ikev2::Transform;

const model::Algorithm* algorithm_of(const std::optional<Transform>& t, model::TransformType type) {
  if (!t) return nullptr;
  return model::find_algorithm_by_iana(type, t->id, t->key_bits);
}

bool contains(const std::vector<const model::Algorithm*>& list, const model::Algorithm* a) {
  return a == nullptr || std::find(list.begin(), list.end(), a) != list.end();
}

// The IKE SA lifetime: IKEv2 does not negotiate it, each side applies the
// lifetime of its own policy that the agreed suite came from -- the first
// policy (priority order) that lists every agreed algorithm.
uint32_t ike_lifetime(const model::Tunnel& t, const ShowAlgorithms& a) {
  std::vector<const model::IkeProposal*> policies;
  for (const model::IkeProposal& p : t.ikev2_proposals) policies.push_back(&p);
  std::stable_sort(policies.begin(), policies.end(),
                   [](const model::IkeProposal* x, const model::IkeProposal* y) { return x->priority < y->priority; });
  for (const model::IkeProposal* p : policies) {
    if (contains(p->encryption, a.encryption) && contains(p->integrity, a.integrity) && contains(p->prf, a.prf) &&
        contains(p->dh_groups, a.dh_group)) {
      return p->lifetime_seconds;
    }
  }
  return policies.empty() ? model::kDefaultIkeLifetimeSeconds : policies.front()->lifetime_seconds;
}

ShowStatus status_of(Ikev2Engine::State s) {
  switch (s) {
    case Ikev2Engine::State::Established: return ShowStatus::Ready;
    case Ikev2Engine::State::Failed: return ShowStatus::Failed;
    default: return ShowStatus::Negotiating;
  }
}

}  // namespace

ShowAlgorithms show_algorithms(const ikev2::Selection& s) {
  ShowAlgorithms a;
  a.encryption = algorithm_of(s.encryption, model::TransformType::Encryption);
  a.integrity = algorithm_of(s.integrity, model::TransformType::Integrity);
  a.prf = algorithm_of(s.prf, model::TransformType::Prf);
  a.dh_group = algorithm_of(s.dh_group, model::TransformType::DhGroup);
  return a;
}

ShowIkeSa show_ike_sa(const Ikev2Engine::IkeSaInfo& info, const ikev2::PeerConfig& peer, uint64_t active_seconds) {
  const model::Tunnel& t = peer.tunnel;
  ShowIkeSa s;
  // The ASA numbers sessions and tunnels separately; with one IKE SA per
  // session (no IKE rekey yet) the engine's SA id serves as both.
  s.session_id = info.id;
  s.tunnel_id = info.id;
  s.status = status_of(info.state);
  s.initiator = info.initiator;
  s.local = info.local;
  s.remote = info.remote;
  s.algorithms = show_algorithms(info.proposal);
  s.lifetime_seconds = ike_lifetime(t, s.algorithms);
  s.active_seconds = s.status == ShowStatus::Ready ? active_seconds : 0;
  s.failure = info.failure;
  s.local_spi = info.initiator ? info.spi_i : info.spi_r;
  s.remote_spi = info.initiator ? info.spi_r : info.spi_i;
  // The engine sends the configured identity (crypto isakmp identity); the
  // peer's is what it authenticated with (the configured peer until IKE_AUTH).
  s.local_id = ikev2::identification_text(ikev2::identification_of(t.local_identity, peer.local_address));
  s.remote_id = info.remote_id.empty() ? format_ipv4(peer.peer_address) : info.remote_id;
  s.dpd_enabled = t.dpd.enabled && !t.dpd.reply_only;
  s.dpd_threshold_seconds = t.dpd.threshold_seconds;
  s.dpd_retry_seconds = t.dpd.retry_seconds;
  s.nat_detected = info.nat_detected;
  s.interface_name = t.local_interface;
  s.map = peer.map;
  s.sequence = peer.sequence;
  s.acl = t.acl;
  for (const Ikev2Engine::ChildSaInfo& c : info.children) {
    ShowChildSa child;
    child.spi_in = c.spi_in;
    child.spi_out = c.spi_out;
    child.local = c.local;
    child.remote = c.remote;
    child.algorithms = show_algorithms(c.proposal);
    child.pfs = c.proposal.dh_group.has_value();
    child.lifetime_seconds = t.lifetime_seconds;
    child.lifetime_kilobytes = t.lifetime_kilobytes;
    // The engine does not time CHILD SAs separately yet; those of IKE_AUTH
    // come up with their IKE SA.
    child.active_seconds = s.active_seconds;
    s.children.push_back(child);
  }
  return s;
}

ShowEspTraffic show_traffic(const esp::DataPlane::SaView& v) {
  ShowEspTraffic t;
  t.encaps = v.counters.encaps;
  t.encrypt = v.counters.encrypt;
  t.digest = v.counters.digest;
  t.decaps = v.counters.decaps;
  t.decrypt = v.counters.decrypt;
  t.verify = v.counters.verify;
  t.replay_failures = v.counters.replay_failures;
  t.integrity_failures = v.counters.integrity_failures;
  t.padding_failures = v.counters.padding_failures;
  t.selector_failures = v.counters.selector_failures;
  t.send_errors = v.counters.send_errors;
  t.tfc_received = v.counters.tfc_received;
  t.bytes_in = v.counters.bytes_in;
  t.bytes_out = v.counters.bytes_out;
  t.remaining_kilobytes_in = v.remaining_kilobytes_in;
  t.remaining_kilobytes_out = v.remaining_kilobytes_out;
  t.iv_size = v.iv_size;
  t.replay_bitmap = v.replay_bitmap;
  t.udp_encapsulation = v.path.udp;
  return t;
}

std::vector<ShowIkeSa> SaTracker::snapshot() const {
  std::vector<ShowIkeSa> out;
  if (!engine_) return out;
  const auto& peers = engine_->peers();
  for (const Ikev2Engine::IkeSaInfo& info : engine_->ike_sas()) {
    if (info.peer >= peers.size()) continue;
    uint64_t active = 0;
    if (info.established_at) {
      active = static_cast<uint64_t>(
          std::chrono::duration_cast<std::chrono::seconds>(clock_.now() - *info.established_at).count());
    }
    ShowIkeSa s = show_ike_sa(info, peers[info.peer], active);
    if (data_plane_ != nullptr) {
      for (ShowChildSa& c : s.children) {
        if (auto v = data_plane_->sa(c.spi_in)) {
          c.traffic = show_traffic(*v);
          c.active_seconds = v->active_seconds;  // when the data plane installed it
        }
      }
    }
    out.push_back(std::move(s));
  }
  std::sort(out.begin(), out.end(), [](const ShowIkeSa& a, const ShowIkeSa& b) { return a.tunnel_id < b.tunnel_id; });
  return out;
}

}  // namespace ikeshift::engine::control
