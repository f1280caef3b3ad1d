// The front door of the IKEv2 engine: the public operations, and the
// dispatch of each received datagram to the exchange task it belongs to
// (tasks.h); the shared state and mechanics are the core's (core.h).
#include "ikev2/ikev2_engine.h"

#include "ikev2/tasks.h"
#include "io/ike_datagram.h"

namespace ikeshift::engine::ikev2 {

namespace {

// Requests from the peer, in the order RFC 7296 allows them per state.
void dispatch_request(Core& core, const Inbound& in, IkeSa* sa) {
  const io::Datagram& d = in.datagram;
  const wire::Header& h = in.message.header;
  if (h.exchange == wire::ExchangeType::IkeSaInit && h.initiator && h.spi_r == 0) {
    ike_sa_init_responder::first_message(core, in);
    return;
  }
  if (sa == nullptr || sa->state == State::Failed ||
      (sa->initiator && sa->state != State::Established && sa->state != State::Deleting)) {
    core.dropped(d, "request for an unknown IKE SA");
    return;
  }
  if (sa->cached_response_id && h.message_id == *sa->cached_response_id) {
    core.emit(events::ResponseRetransmitted{core.ref(*sa), static_cast<uint8_t>(h.exchange), h.message_id});
    core.transmit(d.to, d.from, sa->cached_response);
    return;
  }
  if (h.message_id != sa->expected_request_id) {
    core.dropped(d, "unexpected message ID " + std::to_string(h.message_id));
    return;
  }
  if (h.exchange == wire::ExchangeType::IkeAuth && sa->state == State::AuthSent) {
    // The initiator floats to 4500 when it sees a NAT: follow it.
    sa->local = d.to;
    sa->remote = d.from;
    ike_auth_responder::receive(core, *sa, in);
    return;
  }
  if (h.exchange == wire::ExchangeType::Informational &&
      (sa->state == State::Established || sa->state == State::Deleting)) {
    informational::receive_request(core, *sa, in);
    return;
  }
  if (h.exchange == wire::ExchangeType::CreateChildSa && sa->state == State::Established) {
    create_child_responder::receive(core, *sa, in);
    return;
  }
  core.dropped(d, "exchange not supported yet in this state");
}

// The answer to our CREATE_CHILD_SA: it frees the window whichever request it was.
void create_child_response(Core& core, IkeSa& sa, const Inbound& in) {
  auto opened = core.open(sa, in.datagram, in.message, "CREATE_CHILD_SA");
  if (!opened) return;
  core.settle(sa);
  ++sa.next_message_id;
  sa.last_heard = core.deps.clock.now();
  if (sa.pending_ike_rekey) {
    ike_rekey_initiator::receive(core, sa, *opened);
    return;
  }
  create_child_initiator::receive(core, sa, in, *opened);
}

// Responses: only for our own outstanding request.
void dispatch_response(Core& core, const Inbound& in, IkeSa* sa) {
  const wire::Header& h = in.message.header;
  if (sa == nullptr || sa->pending_request.empty() || h.message_id != sa->next_message_id) {
    core.dropped(in.datagram, "response that matches no outstanding request");
    return;
  }
  if (h.exchange == wire::ExchangeType::IkeSaInit && sa->state == State::InitSent) {
    ike_sa_init_initiator::receive(core, *sa, in);
  } else if (h.exchange == wire::ExchangeType::IkeAuth && sa->state == State::AuthSent && sa->initiator) {
    ike_auth_initiator::receive(core, *sa, in);
  } else if (h.exchange == wire::ExchangeType::Informational &&
             (sa->state == State::Established || sa->state == State::Deleting)) {
    informational::receive_response(core, *sa, in);
  } else if (h.exchange == wire::ExchangeType::CreateChildSa && sa->state == State::Established) {
    create_child_response(core, *sa, in);
  }
}

void dispatch(Core& core, const io::Datagram& d) {
  wire::DecodeResult decoded = wire::decode_message(d.bytes);
  if (!decoded.ok()) {
    core.dropped(d, decoded.error().what);
    return;
  }
  const wire::Message& m = decoded.message();
  const wire::Header& h = m.header;
  const Inbound in{d, m};
  IkeSa* sa = core.find(h.spi_i, h.spi_r, h.initiator);
  if (sa != nullptr) {
    events::SaRef ref = core.ref(*sa);
    ref.local = d.to;  // where it really arrived (the peer may have floated to 4500)
    ref.remote = d.from;
    core.emit(events::MessageReceived{ref, static_cast<uint8_t>(h.exchange), h.message_id, h.response, d.bytes.size()});
  }
  if (h.response) {
    dispatch_response(core, in, sa);
  } else {
    dispatch_request(core, in, sa);
  }
}

}  // namespace

const char* state_name(Ikev2Engine::State s) {
  switch (s) {
    case Ikev2Engine::State::InitSent: return "INIT-SENT";
    case Ikev2Engine::State::AuthSent: return "AUTH-SENT";
    case Ikev2Engine::State::Established: return "READY";
    case Ikev2Engine::State::Deleting: return "DELETE";
    case Ikev2Engine::State::Failed: return "FAILED";
  }
  return "?";
}

Ikev2Engine::Ikev2Engine(EngineDeps deps, std::vector<PeerConfig> peers, EngineOptions options)
    : core_(std::make_unique<Core>(deps, std::move(peers), options)) {
  Core* core = core_.get();
  deps.transport.set_receive_handler([core](const io::Datagram& raw) {
    if (auto d = io::ike_message_of(raw)) dispatch(*core, *d);  // ESP and NAT keepalives are the data plane's
  });
}

Ikev2Engine::~Ikev2Engine() { core_->deps.transport.set_receive_handler(nullptr); }

const std::vector<PeerConfig>& Ikev2Engine::peers() const { return core_->peers; }

uint32_t Ikev2Engine::initiate(size_t index, manager::OutcomeCallback outcome) {
  Core& core = *core_;
  const PeerConfig& peer = core.peers.at(index);
  auto owned = std::make_unique<IkeSa>();
  owned->id = core.next_id();
  owned->outcome = std::move(outcome);
  owned->peer = index;
  owned->initiator = true;
  owned->spi_i = core.new_ike_spi();
  owned->local = io::Endpoint{peer.local_address, io::kIkePort};
  owned->remote = io::Endpoint{peer.peer_address, io::kIkePort};
  IkeSa& sa = core.add(std::move(owned));
  const uint32_t id = sa.id;
  if (!peer.tunnel.selectors.empty()) {
    const auto& pair = peer.tunnel.selectors.front();
    core.emit(events::TunnelRequested{core.event_peer(sa), pair.local, pair.remote});
  }
  core.arm_setup_deadline(sa);
  ike_sa_init_initiator::send(core, sa, std::nullopt);
  return id;
}

bool Ikev2Engine::terminate(uint32_t id, const std::string& reason) {
  return informational::delete_ike(*core_, id, reason);
}

bool Ikev2Engine::rekey_child(uint32_t id, uint32_t spi_in) { return create_child_initiator::rekey(*core_, id, spi_in); }

bool Ikev2Engine::create_child(uint32_t id, size_t selector) {
  return create_child_initiator::create(*core_, id, selector);
}

bool Ikev2Engine::rekey_ike(uint32_t id) { return ike_rekey_initiator::request(*core_, id); }

std::vector<Ikev2Engine::IkeSaInfo> Ikev2Engine::ike_sas() const {
  std::vector<IkeSaInfo> out;
  for (const auto& [id, sa] : core_->sas) {
    IkeSaInfo i;
    i.id = sa->id;
    i.peer = sa->peer;
    i.initiator = sa->initiator;
    i.state = sa->state;
    i.spi_i = sa->spi_i;
    i.spi_r = sa->spi_r;
    i.local = sa->local;
    i.remote = sa->remote;
    i.proposal = sa->proposal;
    i.children = sa->children;
    i.failure = sa->failure;
    i.nat_detected = sa->local_behind_nat || sa->remote_behind_nat;
    i.established_at = sa->established_at;
    i.remote_id = sa->remote_id;
    out.push_back(std::move(i));
  }
  return out;
}

}  // namespace ikeshift::engine::ikev2
