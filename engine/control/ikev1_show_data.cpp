#include "control/ikev1_show_data.h"

#include <chrono>

namespace ikeshift::engine::control {

namespace {

uint64_t seconds_since(const std::optional<io::TimePoint>& t, io::TimePoint now) {
  if (!t) return 0;
  return static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::seconds>(now - *t).count());
}

}  // namespace

ShowIkev1Sa show_ikev1_sa(const ikev1::Ikev1Engine::IsakmpSaInfo& info, io::TimePoint now) {
  ShowIkev1Sa s;
  s.id = info.id;
  s.peer_address = info.remote.address;
  s.initiator = info.initiator;
  s.state = ikev1::state_name(info.state, info.aggressive);
  s.active = info.state == ikev1::Phase1State::Active;
  s.rekey = info.rekey;
  s.encryption = info.suite.encryption;
  s.hash = info.suite.hash;
  s.lifetime_seconds = info.suite.lifetime_seconds;
  const uint64_t up = seconds_since(info.established_at, now);
  s.remaining_seconds = s.active && s.lifetime_seconds > up ? s.lifetime_seconds - up : 0;
  s.failure = info.failure;
  return s;
}

ShowIkeSa ikev1_ipsec_view(const ikev1::Ikev1Engine::IsakmpSaInfo& info, const ikev1::PeerConfig& peer,
                           io::TimePoint now) {
  const model::Tunnel& t = peer.tunnel;
  ShowIkeSa s;
  s.ike_version = 1;
  s.session_id = s.tunnel_id = info.id;
  s.status = info.state == ikev1::Phase1State::Active ? ShowStatus::Ready : ShowStatus::Negotiating;
  s.initiator = info.initiator;
  s.local = info.local;
  s.remote = info.remote;
  s.interface_name = t.local_interface;
  s.map = peer.map;
  s.sequence = peer.sequence;
  s.acl = t.acl;
  s.nat_detected = info.nat_detected;
  // The ISAKMP SA's own suite and cookies, for tools that report the phase 1.
  s.algorithms.encryption = info.suite.encryption;
  s.algorithms.integrity = info.suite.hash;
  s.algorithms.prf = info.suite.prf;
  s.algorithms.dh_group = info.suite.group;
  s.local_spi = info.initiator ? info.cky_i : info.cky_r;
  s.remote_spi = info.initiator ? info.cky_r : info.cky_i;
  s.remote_id = info.remote_id;
  for (const auto& c : info.children) {
    ShowChildSa child;
    child.spi_in = c.spi_in;
    child.spi_out = c.spi_out;
    child.local = c.local;
    child.remote = c.remote;
    child.algorithms.encryption = c.suite.encryption;
    child.algorithms.integrity = c.suite.integrity;
    child.algorithms.dh_group = c.suite.pfs_group;
    child.pfs = c.suite.pfs_group != nullptr;
    child.lifetime_seconds = c.suite.lifetime_seconds;
    child.lifetime_kilobytes = c.suite.lifetime_kilobytes;
    child.active_seconds = seconds_since(c.installed_at, now);
    s.children.push_back(child);
  }
  return s;
}

std::vector<ShowIkev1Sa> ikev1_snapshot(const ikev1::Ikev1Engine& engine, io::TimePoint now) {
  std::vector<ShowIkev1Sa> out;
  for (const auto& info : engine.isakmp_sas()) out.push_back(show_ikev1_sa(info, now));
  return out;
}

std::vector<ShowIkeSa> ikev1_ipsec_snapshot(const ikev1::Ikev1Engine& engine, io::TimePoint now) {
  std::vector<ShowIkeSa> out;
  const auto& peers = engine.peers();
  for (const auto& info : engine.isakmp_sas())
    if (info.peer < peers.size() && !info.children.empty()) out.push_back(ikev1_ipsec_view(info, peers[info.peer], now));
  return out;
}

}  // namespace ikeshift::engine::control
