// The front door of the IKEv1 engine: the public operations, and the
// dispatch of each received datagram to the exchange task it belongs to.
#include "ikev1/ikev1_engine.h"

#include "common/ipv4.h"
#include "ikev1/messages.h"
#include "ikev1/tasks.h"
#include "io/ike_datagram.h"

namespace ikeshift::engine::ikev1 {

namespace w1 = wire::ikev1;

namespace {

void dropped(Core& core, const io::Datagram& d, const std::string& why) { core.dropped(d, why); }

// Main Mode / Aggressive Mode 1 again (no responder cookie yet): the
// responder SA it created, if any.
IsakmpSa* responder_for_retransmitted_first(Core& core, const w1::Header& h, const io::Datagram& d) {
  return core.find_by_cky_i(h.cky_i, [&d](const IsakmpSa& sa) {
    return !sa.initiator && sa.remote.address == d.from.address;
  });
}

void dispatch(Core& core, const io::Datagram& d) {
  w1::DecodeResult decoded = w1::decode_message(d.bytes);
  if (!decoded.ok()) return dropped(core, d, decoded.error().what);
  const w1::Message& m = decoded.message();
  const w1::Header& h = m.header;
  const Inbound in{d, m};
  const bool first = h.cky_r == 0;
  IsakmpSa* sa = first ? responder_for_retransmitted_first(core, h, d) : core.find(h.cky_i, h.cky_r);
  if (sa == nullptr && first) sa = core.find(h.cky_i, 0);  // our own initiator SA, before its Main Mode 2
  if (sa != nullptr) {
    events::SaRef ref = core.ref(*sa);
    ref.local = d.to;  // where it really arrived (the peer may have floated to 4500)
    ref.remote = d.from;
    core.emit(events::MessageReceived{ref, static_cast<uint8_t>(h.exchange), h.message_id, sa->initiator, d.bytes.size()});
    if (core.answer_duplicate(*sa, d)) return;
  }
  switch (h.exchange) {
    case w1::ExchangeType::IdentityProtection:
    case w1::ExchangeType::Aggressive: {
      const bool aggressive = h.exchange == w1::ExchangeType::Aggressive;
      if (sa == nullptr) {
        if (!first || h.encrypted) return dropped(core, d, "a phase 1 message for an unknown ISAKMP SA");
        return aggressive ? aggressive_mode_responder::first_message(core, in)
                          : main_mode_responder::first_message(core, in);
      }
      if (sa->aggressive != aggressive) return dropped(core, d, "a phase 1 message of the other mode");
      if (sa->initiator) {
        return aggressive ? aggressive_mode_initiator::receive(core, *sa, in)
                          : main_mode_initiator::receive(core, *sa, in);
      }
      return aggressive ? aggressive_mode_responder::receive(core, *sa, in) : main_mode_responder::receive(core, *sa, in);
    }
    case w1::ExchangeType::QuickMode: {
      if (sa == nullptr || !sa->established() || !h.encrypted || h.message_id == 0)
        return dropped(core, d, "a Quick Mode message without an established ISAKMP SA");
      auto it = sa->quick_modes.find(h.message_id);
      if (it == sa->quick_modes.end()) return quick_mode_responder::first_message(core, *sa, in);
      if (it->second.initiator) return quick_mode_initiator::receive(core, *sa, it->second, in);
      return quick_mode_responder::receive(core, *sa, it->second, in);
    }
    case w1::ExchangeType::Informational:
      if (h.encrypted) {
        if (sa == nullptr || !sa->established())
          return dropped(core, d, "an encrypted Informational for an unknown ISAKMP SA");
        return informational::receive(core, *sa, in);
      }
      return informational::receive_clear(core, sa, in);
    default:
      return dropped(core, d, "exchange type " + std::to_string(static_cast<unsigned>(h.exchange)) +
                                  " is not supported");
  }
}

}  // namespace

Ikev1Engine::Ikev1Engine(EngineDeps deps, std::vector<PeerConfig> peers, EngineOptions options)
    : core_(std::make_unique<Core>(deps, std::move(peers), options)) {
  Core* core = core_.get();
  deps.transport.set_receive_handler([core](const io::Datagram& raw) {
    if (auto d = io::ike_message_of(raw)) dispatch(*core, *d);  // ESP and NAT keepalives are the data plane's
  });
}

Ikev1Engine::~Ikev1Engine() { core_->deps.transport.set_receive_handler(nullptr); }

const std::vector<PeerConfig>& Ikev1Engine::peers() const { return core_->peers; }

uint32_t Ikev1Engine::initiate(size_t index, manager::OutcomeCallback outcome) {
  Core& core = *core_;
  const PeerConfig& peer = core.peers.at(index);
  auto owned = std::make_unique<IsakmpSa>();
  owned->id = core.next_id();
  owned->peer = index;
  owned->initiator = true;
  owned->aggressive = peer.aggressive;
  owned->cky_i = core.new_cookie();
  owned->local = io::Endpoint{peer.local_address, io::kIkePort};
  owned->remote = io::Endpoint{peer.peer_address, io::kIkePort};
  owned->outcome = std::move(outcome);
  for (size_t i = 0; i < peer.tunnel.selectors.size(); ++i) owned->pending_selectors.push_back(i);
  IsakmpSa& sa = core.add(std::move(owned));
  if (!peer.tunnel.selectors.empty()) {
    const auto& pair = peer.tunnel.selectors.front();
    core.emit(events::Ikev1NewPhase1{events::Ikev1Peer{"", peer.peer_address}, peer.tunnel.local_interface, pair.local,
                                     pair.remote, peer.map});
  }
  const uint32_t id = sa.id;
  if (sa.aggressive) {
    aggressive_mode_initiator::start(core, sa);
  } else {
    main_mode_initiator::start(core, sa);
  }
  return id;
}

bool Ikev1Engine::terminate(uint32_t id, const std::string& reason) {
  Core& core = *core_;
  IsakmpSa* sa = core.find(id);
  if (sa == nullptr) return false;
  if (sa->established()) {
    std::vector<uint32_t> spis;
    for (const IpsecSa& c : sa->children) spis.push_back(c.spi_in);
    for (uint32_t spi : spis) core.remove_ipsec(*sa, spi, reason, true);
    informational::send_delete(core, *sa, w1::ProtocolId::Isakmp,
                               {crypto::concat({cookie_bytes(sa->cky_i), cookie_bytes(sa->cky_r)})});
  }
  core.remove_isakmp(*sa, reason);
  return true;
}

bool Ikev1Engine::rekey_ipsec(uint32_t id, uint32_t spi_in) {
  Core& core = *core_;
  IsakmpSa* sa = core.find(id);
  if (sa == nullptr || !sa->established()) return false;
  for (const IpsecSa& c : sa->children) {
    if (c.spi_in != spi_in) continue;
    quick_mode_initiator::start(core, *sa, c.selector, spi_in);
    return true;
  }
  return false;
}

bool Ikev1Engine::rekey_isakmp(uint32_t id) {
  Core& core = *core_;
  IsakmpSa* sa = core.find(id);
  if (sa == nullptr || !sa->established() || sa->replaced) return false;
  core.emit(events::RekeyStarted{core.ref(*sa), events::SaKind::Ike, sa->cky_i});
  auto fresh = std::make_unique<IsakmpSa>();
  fresh->id = core.next_id();
  fresh->peer = sa->peer;
  fresh->initiator = true;
  fresh->aggressive = core.peers[sa->peer].aggressive;
  fresh->cky_i = core.new_cookie();
  fresh->local = io::Endpoint{sa->local.address, io::kIkePort};
  fresh->remote = io::Endpoint{sa->remote.address, io::kIkePort};
  fresh->replaces = sa->id;
  IsakmpSa& n = core.add(std::move(fresh));
  if (n.aggressive) {
    aggressive_mode_initiator::start(core, n);
  } else {
    main_mode_initiator::start(core, n);
  }
  return true;
}

std::vector<Ikev1Engine::IsakmpSaInfo> Ikev1Engine::isakmp_sas() const {
  std::vector<IsakmpSaInfo> out;
  for (const auto& [id, sa] : core_->sas) {
    IsakmpSaInfo i;
    i.id = sa->id;
    i.peer = sa->peer;
    i.initiator = sa->initiator;
    i.aggressive = sa->aggressive;
    i.state = sa->state;
    i.cky_i = sa->cky_i;
    i.cky_r = sa->cky_r;
    i.local = sa->local;
    i.remote = sa->remote;
    i.suite = sa->suite;
    i.nat_detected = sa->local_behind_nat || sa->remote_behind_nat;
    i.established_at = sa->established_at;
    i.remote_id = sa->remote_id;
    i.failure = sa->failure;
    if (sa->replaces) i.rekey = core_->find(*sa->replaces) != nullptr;
    for (const IpsecSa& c : sa->children) {
      IpsecSaInfo ci;
      ci.spi_in = c.spi_in;
      ci.spi_out = c.spi_out;
      ci.suite = c.suite;
      ci.local = c.local;
      ci.remote = c.remote;
      ci.udp_encapsulation = sa->local.port == io::kNatTPort;
      ci.installed_at = c.installed_at;
      i.children.push_back(ci);
    }
    out.push_back(std::move(i));
  }
  return out;
}

}  // namespace ikeshift::engine::ikev1
