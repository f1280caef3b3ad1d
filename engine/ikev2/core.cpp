// The IKEv2 engine's core: SA table, sending and retransmission, the
// response cache, key derivation, CHILD SA installation, timers and the life
// cycle of an IKE SA. The exchanges that use it are in tasks.h.
#include "ikev2/core.h"

#include <algorithm>

#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"
#include "io/ike_datagram.h"
#include "sa/random_ids.h"

namespace ikeshift::engine::ikev2 {

Ikev2Engine::Core::Core(EngineDeps d, std::vector<PeerConfig> p, EngineOptions o)
    : deps(d), peers(std::move(p)), options(o), peer_index_(peers), psk_pad_keys_(peers.size()) {
  if (deps.spis == nullptr) own_spis_.emplace(deps.rng);
}

Ikev2Engine::Core::~Core() {
  for (auto& [id, sa] : sas) cancel_timers(*sa);
}

// ---------------------------------------------------------------- the SA table

IkeSa& Ikev2Engine::Core::add(std::unique_ptr<IkeSa> sa) {
  by_spi_i.add(sa->spi_i, sa->id);
  IkeSa& ref = *sa;
  sas[sa->id] = std::move(sa);
  return ref;
}

void Ikev2Engine::Core::erase(uint32_t id) {
  auto it = sas.find(id);
  if (it == sas.end()) return;
  IkeSa& sa = *it->second;
  half_open.erase(id);
  // Inbound SPIs this SA still holds go back to the device's allocator
  // (CHILD SAs that moved to a rekeyed IKE SA are no longer in `children`).
  for (const ChildSaInfo& c : sa.children) release_spi(c.spi_in);
  auto installed = [&](uint32_t spi) {
    return std::any_of(sa.children.begin(), sa.children.end(), [&](const ChildSaInfo& c) { return c.spi_in == spi; });
  };
  if (sa.child_spi_in != 0 && !installed(sa.child_spi_in)) release_spi(sa.child_spi_in);
  if (sa.pending_child && sa.pending_child->spi_in != 0) release_spi(sa.pending_child->spi_in);
  cancel_timers(sa);
  by_spi_i.remove(sa.spi_i, id);
  sas.erase(it);
}

IkeSa* Ikev2Engine::Core::find(uint32_t id) {
  auto it = sas.find(id);
  return it == sas.end() ? nullptr : it->second.get();
}

IkeSa* Ikev2Engine::Core::find(uint64_t spi_i, uint64_t spi_r, bool initiator_sent) {
  auto range = by_spi_i.equal_range(spi_i);
  for (auto r = range.first; r != range.second; ++r) {
    IkeSa& sa = *sas.at(r->second);
    // A message from the peer has the I flag set exactly when we are not the initiator.
    if (sa.initiator == initiator_sent) continue;
    // Our own SA as initiator gets its responder SPI from the first response.
    if (sa.spi_r == spi_r || (sa.initiator && sa.spi_r == 0)) return &sa;
  }
  return nullptr;
}

const PeerConfig* Ikev2Engine::Core::peer_for(uint32_t remote_address, uint32_t local_address, size_t* index) const {
  std::optional<size_t> i = peer_index_.find(remote_address, local_address);
  if (!i) return nullptr;
  *index = *i;
  return &peers[*i];
}

// ---------------------------------------------------------------- randomness

uint64_t Ikev2Engine::Core::new_ike_spi() { return sa::random_nonzero_u64(deps.rng); }

sa::InboundSpiAllocator& Ikev2Engine::Core::spis() { return deps.spis != nullptr ? *deps.spis : *own_spis_; }

uint32_t Ikev2Engine::Core::new_child_spi() { return spis().allocate(); }

void Ikev2Engine::Core::release_spi(uint32_t spi) { spis().release(spi); }

// ---------------------------------------------------------------- events

events::Peer Ikev2Engine::Core::event_peer(const IkeSa& sa) const {
  events::Peer p;
  p.local = sa.local;
  p.remote = sa.remote;
  if (sa.state == State::Established || sa.state == State::AuthSent) p.username = peers[sa.peer].tunnel_group;
  return p;
}

events::SaRef Ikev2Engine::Core::ref(const IkeSa& sa) const {
  return events::SaRef{2, sa.id, sa.spi_i, sa.spi_r, sa.local, sa.remote};
}

void Ikev2Engine::Core::dropped(const io::Datagram& d, const std::string& why) {
  emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(), why});
}

// ---------------------------------------------------------------- sending

void Ikev2Engine::Core::transmit(const io::Endpoint& from, const io::Endpoint& to, const wire::Bytes& message) {
  deps.transport.send(io::ike_datagram(from, to, message));
}

void Ikev2Engine::Core::send_request(IkeSa& sa, wire::Bytes bytes, wire::ExchangeType exchange) {
  emit(events::MessageSent{ref(sa), static_cast<uint8_t>(exchange), sa.next_message_id, false, bytes.size()});
  transmit(sa.local, sa.remote, bytes);
  wipe(sa.pending_request);
  sa.pending_request = std::move(bytes);
  sa.pending_exchange = exchange;
  sa.attempts = 0;
  arm_retransmit(sa);
}

void Ikev2Engine::Core::send_protected_request(IkeSa& sa, wire::ExchangeType exchange,
                                               const std::vector<wire::Payload>& inner) {
  wire::Bytes bytes =
      protect(sa.header(exchange, false, sa.next_message_id), inner, sa.crypto->suite(), sa.outbound(), deps.rng);
  send_request(sa, std::move(bytes), exchange);
}

void Ikev2Engine::Core::arm_retransmit(IkeSa& sa) {
  deps.timers.cancel(sa.retransmit_timer);
  io::Duration wait = options.retransmit.first * (1u << std::min(sa.attempts, 16u));
  if (sa.dpd_outstanding) wait = std::chrono::seconds(std::max(1u, peers[sa.peer].tunnel.dpd.retry_seconds));
  // A bounded setup (the tunnel manager's attempt) sends nothing the deadline
  // would cut short: it ends the attempt instead (see arm_setup_deadline).
  if (deps.timers.pending(sa.setup_timer) && sa.setup_deadline_at && deps.clock.now() + wait >= *sa.setup_deadline_at)
    return;
  const uint32_t id = sa.id;
  sa.retransmit_timer = deps.timers.schedule(deps.clock.now() + wait, [this, id] {
    IkeSa* found = find(id);
    if (found == nullptr) return;
    IkeSa& s = *found;
    if (s.pending_request.empty() || s.state == State::Failed) return;
    if (s.attempts >= options.retransmit.max_attempts) {
      emit(events::RetransmissionsExhausted{ref(s), static_cast<uint8_t>(s.pending_exchange), s.next_message_id,
                                            s.attempts});
      if (s.state == State::Established || s.state == State::Deleting) {
        if (s.dpd_outstanding) emit(events::DpdNoReply{ref(s), s.attempts});
        remove_sa(s, s.state == State::Deleting ? s.delete_reason : "Peer not responding");  // `s` is gone
        return;
      }
      fail(s, "no response from " + io::to_string(s.remote) + " after " + std::to_string(s.attempts) + " retransmissions",
           manager::FailureKind::Timeout);
      return;
    }
    ++s.attempts;
    emit(events::RequestRetransmitted{ref(s), static_cast<uint8_t>(s.pending_exchange), s.next_message_id, s.attempts});
    transmit(s.local, s.remote, s.pending_request);
    arm_retransmit(s);
  });
}

void Ikev2Engine::Core::send_response(IkeSa& sa, wire::Bytes bytes, wire::ExchangeType exchange, uint32_t message_id) {
  emit(events::MessageSent{ref(sa), static_cast<uint8_t>(exchange), message_id, true, bytes.size()});
  transmit(sa.local, sa.remote, bytes);
  wipe(sa.cached_response);
  sa.cached_response = std::move(bytes);
  sa.cached_response_id = message_id;
}

void Ikev2Engine::Core::answer(IkeSa& sa, const wire::Message& m, const std::vector<wire::Payload>& inner) {
  const wire::ExchangeType exchange = m.header.exchange;
  wire::Bytes bytes =
      protect(sa.header(exchange, true, m.header.message_id), inner, sa.crypto->suite(), sa.outbound(), deps.rng);
  sa.expected_request_id = m.header.message_id + 1;
  send_response(sa, std::move(bytes), exchange, m.header.message_id);
}

void Ikev2Engine::Core::answer_notify(IkeSa& sa, const wire::Message& m, wire::NotifyType type, wire::Bytes data) {
  wire::NotifyPayload n;
  n.type = type;
  n.data = std::move(data);
  answer(sa, m, {n});
}

void Ikev2Engine::Core::send_plain_error(const io::Datagram& to_answer, const wire::Header& h, wire::NotifyType type,
                                         wire::Bytes data) {
  wire::Message m;
  m.header = h;
  m.header.response = true;
  m.header.initiator = false;
  wire::NotifyPayload n;
  n.type = type;
  n.data = std::move(data);
  m.payloads.push_back(std::move(n));
  transmit(to_answer.to, to_answer.from, wire::encode_message(m));
}

void Ikev2Engine::Core::settle(IkeSa& sa) {
  deps.timers.cancel(sa.retransmit_timer);
  wipe(sa.pending_request);
}

std::optional<std::vector<wire::Payload>> Ikev2Engine::Core::open(IkeSa& sa, const io::Datagram& d,
                                                                  const wire::Message& m, const char* what) {
  auto inner = unprotect(d.bytes, m, sa.crypto->suite(), sa.inbound());
  if (auto* err = std::get_if<UnprotectError>(&inner)) {
    dropped(d, std::string(what) + ": " + err->what);
    return std::nullopt;
  }
  return std::move(std::get<std::vector<wire::Payload>>(inner));
}

void Ikev2Engine::Core::pump(IkeSa& sa) {
  if (sa.state != State::Established || !sa.pending_request.empty() || sa.queue.empty()) return;
  auto next = std::move(sa.queue.front());
  sa.queue.pop_front();
  next(sa);
}

void Ikev2Engine::Core::report_ts_unacceptable(const IkeSa& sa, const wire::TsiPayload* tsi,
                                               const wire::TsrPayload* tsr) {
  events::TrafficSelectorsUnacceptable ev;
  ev.sa = ref(sa);
  if (tsi != nullptr)
    for (const auto& t : tsi->selectors)
      if (auto x = from_wire(t)) ev.received_initiator.push_back(*x);
  if (tsr != nullptr)
    for (const auto& t : tsr->selectors)
      if (auto x = from_wire(t)) ev.received_responder.push_back(*x);
  for (const auto& p : peers[sa.peer].tunnel.selectors) ev.configured.emplace_back(p.local, p.remote);
  emit(ev);
}

// ---------------------------------------------------------------- life cycle

void Ikev2Engine::Core::arm_setup_deadline(IkeSa& sa) {
  if (!options.setup_deadline) return;
  sa.setup_deadline_at = deps.clock.now() + *options.setup_deadline;
  const uint32_t id = sa.id;
  sa.setup_timer = deps.timers.schedule(*sa.setup_deadline_at, [this, id] {
    IkeSa* s = find(id);
    if (s == nullptr || (s->state != State::InitSent && s->state != State::AuthSent)) return;
    const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(*options.setup_deadline).count();
    const char* exchange = s->state == State::InitSent ? "IKE_SA_INIT" : "IKE_AUTH";
    if (!s->pending_request.empty())
      emit(events::RetransmissionsExhausted{ref(*s), static_cast<uint8_t>(s->pending_exchange), s->next_message_id,
                                            s->attempts});
    fail(*s, std::string("no response from ") + io::to_string(s->remote) + ": " + exchange + " did not complete within " +
                 std::to_string(seconds) + " s",
         manager::FailureKind::Timeout);
  });
}

void Ikev2Engine::Core::fail(IkeSa& sa, const std::string& why, manager::FailureKind kind) {
  deps.timers.cancel(sa.retransmit_timer);
  deps.timers.cancel(sa.setup_timer);
  wipe(sa.pending_request);
  sa.state = State::Failed;
  half_open.erase(sa.id);
  sa.failure = why;
  emit(events::NegotiationAborted{event_peer(sa), why});
  const uint32_t id = sa.id;
  report(sa, kind, why);
  // The failed SA stays in `show crypto ikev2 sa` for failed_linger (the
  // operator sees why; its SPIs absorb the peer's retransmissions), then goes,
  // as IKEv1's failed phase 1 does.
  IkeSa* s = find(id);
  if (s == nullptr || s->state != State::Failed) return;
  s->dh.reset();
  s->keys = crypto::IkeSaKeys{};
  deps.timers.cancel(s->linger_timer);
  s->linger_timer = deps.timers.schedule(deps.clock.now() + options.failed_linger, [this, id] {
    IkeSa* gone = find(id);
    if (gone != nullptr && gone->state == State::Failed) erase(id);
  });
}

void Ikev2Engine::Core::report(IkeSa& sa, manager::FailureKind kind, const std::string& detail) {
  manager::report_once(sa.outcome, 2, sa.id, kind, detail);  // nothing of `sa` is used after this
}

void Ikev2Engine::Core::established(IkeSa& sa) {
  settle(sa);
  deps.timers.cancel(sa.setup_timer);
  sa.state = State::Established;
  half_open.erase(sa.id);
  // Our next request: the initiator used 0 and 1; the responder has sent none.
  sa.next_message_id = sa.initiator ? 2 : 0;
  sa.last_heard = deps.clock.now();
  sa.established_at = sa.last_heard;
  emit(events::SaUp{event_peer(sa), "New Connection Established"});
  dpd::arm(*this, sa);
  arm_lifetimes(sa);
}

void Ikev2Engine::Core::forget_setup(IkeSa& sa) {
  sa.dh.reset();
  sa.g_ir.clear();
  for (wire::Bytes* b : {&sa.init_request, &sa.init_response, &sa.ni, &sa.nr}) wire::Bytes().swap(*b);
}

void Ikev2Engine::Core::remove_sa(IkeSa& sa, const std::string& reason) {
  const uint32_t gone = sa.id;
  report(sa, manager::FailureKind::Other, "IKE SA removed: " + reason);
  if (find(gone) == nullptr) return;  // the observer removed it already
  cancel_timers(sa);
  if (!sa.replaced && (sa.state == State::Established || sa.state == State::Deleting)) {
    emit(events::SaDown{event_peer(sa), reason});
  }
  if (deps.child_sink != nullptr)
    for (const auto& c : sa.children) deps.child_sink->remove(2, sa.id, c.spi_in);
  erase(gone);  // `sa` is gone after this line
}

void Ikev2Engine::Core::cancel_timers(IkeSa& sa) {
  deps.timers.cancel(sa.retransmit_timer);
  deps.timers.cancel(sa.dpd_timer);
  deps.timers.cancel(sa.ike_lifetime_timer);
  deps.timers.cancel(sa.setup_timer);
  deps.timers.cancel(sa.linger_timer);
  for (const auto& [spi, timer] : sa.child_lifetime_timers) deps.timers.cancel(timer);
}

// IKEv2 does not negotiate lifetimes: each end rekeys on its own timer. Here
// the IKE SA's initiator does, at `rekey_at` of the shorter of its own
// policy's lifetime (IKE) and the crypto map's (CHILD).
void Ikev2Engine::Core::arm_lifetimes(IkeSa& sa) {
  if (!sa.initiator) return;
  const PeerConfig& p = peers[sa.peer];
  uint32_t ike_lifetime = model::kDefaultIkeLifetimeSeconds;
  for (const auto& prop : p.tunnel.ikev2_proposals) {
    if (prop.lifetime_seconds != 0) {
      ike_lifetime = prop.lifetime_seconds;
      break;
    }
  }
  auto after = [&](uint64_t seconds) {
    return deps.clock.now() + std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000 * options.rekey_at));
  };
  const uint32_t id = sa.id;
  // Armed once per IKE SA: CHILD SAs coming and going must not postpone it.
  if (!deps.timers.pending(sa.ike_lifetime_timer)) {
    sa.ike_lifetime_timer = deps.timers.schedule(after(ike_lifetime), [this, id] { ike_rekey_initiator::request(*this, id); });
  }
  for (const auto& c : sa.children) {
    if (sa.child_lifetime_timers.count(c.spi_in) || p.tunnel.lifetime_seconds == 0) continue;
    const uint32_t spi = c.spi_in;
    sa.child_lifetime_timers[spi] = deps.timers.schedule(after(p.tunnel.lifetime_seconds), [this, id, spi] {
      if (IkeSa* s = find(id)) s->child_lifetime_timers.erase(spi);
      create_child_initiator::rekey(*this, id, spi);
    });
  }
}

}  // namespace ikeshift::engine::ikev2
