#include "ikev2/ikev2_engine.h"

#include <algorithm>
#include <deque>
#include <functional>

#include "ikev2/wire_convert.h"
#include "wire/ikev2_codec.h"
#include "wire/ikev2_find.h"
#include "wire/non_esp_marker.h"

namespace ikeshift::engine::ikev2 {

namespace {

constexpr size_t kNonceSize = 32;  // RFC 7296 2.10: at least half the PRF key size, >= 16

crypto::ByteSpan span(const wire::Bytes& b) { return crypto::ByteSpan(b); }

std::string ipv4(uint32_t a) {
  return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xff) + "." + std::to_string((a >> 8) & 0xff) +
         "." + std::to_string(a & 0xff);
}

std::vector<std::string> describe_all(const std::vector<Proposal>& ps) {
  std::vector<std::string> out;
  for (const Proposal& p : ps) {
    std::string s;
    for (const Transform& t : p.transforms) s += (s.empty() ? "" : "/") + transform_name(t);
    out.push_back(s);
  }
  return out;
}

// An IKE SPI as the 8 octets the wire and the key derivation use.
wire::Bytes spi64_bytes(uint64_t spi) {
  wire::Bytes out;
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<uint8_t>(spi >> (8 * i)));
  return out;
}

uint64_t spi64_value(const wire::Bytes& b) {
  uint64_t v = 0;
  for (uint8_t c : b) v = (v << 8) | c;
  return v;
}

// The crypto-ACL entry the peer's first TSi/TSr fall within. Their TSi is our
// remote side, their TSr our local side (the ACL mirrored); we answer with
// what they asked for (narrowing to a single entry, as the ASA does).
std::optional<model::SelectorPair> match_selectors(const model::Tunnel& tunnel, const wire::TsiPayload* tsi,
                                                   const wire::TsrPayload* tsr) {
  if (tsi == nullptr || tsr == nullptr || tsi->selectors.empty() || tsr->selectors.empty()) return std::nullopt;
  auto their_i = from_wire(tsi->selectors.front());
  auto their_r = from_wire(tsr->selectors.front());
  if (!their_i || !their_r) return std::nullopt;
  for (const auto& p : tunnel.selectors)
    if (selector_within(*their_i, p.remote) && selector_within(*their_r, p.local))
      return model::SelectorPair{*their_r, *their_i, p.span};
  return std::nullopt;
}

// "fqdn fw.example.com", "address 192.0.2.2" for logs.
std::string describe(const model::IkeIdentity& id) {
  return std::string(model::identity_type_name(id.type)) + " " + (id.value.empty() ? "(the peer's address)" : id.value);
}

void wipe(wire::Bytes& b) {
  std::fill(b.begin(), b.end(), uint8_t{0});
  b.clear();
}

}  // namespace

// One IKE SA and everything negotiated for it.
struct Ikev2Engine::IkeSa {
  uint32_t id = 0;
  size_t peer = 0;
  bool initiator = false;
  State state = State::InitSent;
  uint64_t spi_i = 0, spi_r = 0;
  io::Endpoint local, remote;

  // IKE_SA_INIT
  std::unique_ptr<crypto::DhGroup> dh;
  wire::Bytes ni, nr;
  wire::Bytes init_request, init_response;  // RealMessage1 / RealMessage2 for AUTH
  Selection proposal;
  std::optional<SaCrypto> crypto;
  crypto::IkeSaKeys keys;
  crypto::SecureBytes g_ir;

  // The CHILD SA being set up in IKE_AUTH.
  uint32_t child_spi_in = 0;
  size_t selector = 0;  // index into the peer's selector pairs

  // Message IDs and retransmission (window of one).
  uint32_t next_message_id = 0;       // our next request
  uint32_t expected_request_id = 0;   // the peer's next request
  wire::Bytes pending_request;        // sent, no response yet
  wire::ExchangeType pending_exchange = wire::ExchangeType::IkeSaInit;
  unsigned attempts = 0;
  io::TimerId retransmit_timer;
  std::optional<uint32_t> cached_response_id;
  wire::Bytes cached_response;

  std::vector<ChildSaInfo> children;
  std::string failure;
  bool local_behind_nat = false;
  bool remote_behind_nat = false;
  io::TimePoint last_heard{};        // any authenticated message from the peer
  std::optional<io::TimePoint> established_at;
  std::string remote_id;
  io::TimerId dpd_timer;
  io::TimerId ike_lifetime_timer;
  std::map<uint32_t, io::TimerId> child_lifetime_timers;  // by inbound SPI
  bool dpd_outstanding = false;      // the pending request is a liveness check
  std::string delete_reason;         // set while our Delete is outstanding
  wire::Bytes cookie;                // returned in IKE_SA_INIT after a COOKIE challenge
  unsigned cookie_rounds = 0;

  // Our CREATE_CHILD_SA in flight, and what waits for the window.
  struct PendingChild {
    size_t selector = 0;
    std::optional<uint32_t> rekey_of;  // inbound SPI of the CHILD SA being rekeyed
    uint32_t spi_in = 0;
    wire::Bytes nonce;
    std::unique_ptr<crypto::DhGroup> dh;
  };
  std::optional<PendingChild> pending_child;
  // Our IKE SA rekey in flight: the new SA's SPI, nonce and DH.
  struct PendingIkeRekey {
    uint64_t spi_i = 0;
    wire::Bytes nonce;
    std::unique_ptr<crypto::DhGroup> dh;
  };
  std::optional<PendingIkeRekey> pending_ike_rekey;
  bool replaced = false;  // rekeyed: goes away quietly, its CHILD SAs live on in the new SA
  std::optional<uint32_t> pending_child_delete;  // inbound SPI our Delete names
  std::deque<std::function<void(IkeSa&)>> queue;
  manager::OutcomeCallback outcome;  // initiate()'s observer, until reported

  ~IkeSa() {
    wipe(cached_response);
    wipe(pending_request);
  }

  SkKeys outbound() const {
    return initiator ? SkKeys{keys.sk_ei, keys.sk_ai} : SkKeys{keys.sk_er, keys.sk_ar};
  }
  SkKeys inbound() const {
    return initiator ? SkKeys{keys.sk_er, keys.sk_ar} : SkKeys{keys.sk_ei, keys.sk_ai};
  }
  wire::Header header(wire::ExchangeType exchange, bool response, uint32_t message_id) const {
    wire::Header h;
    h.spi_i = spi_i;
    h.spi_r = spi_r;
    h.exchange = exchange;
    h.initiator = initiator;
    h.response = response;
    h.message_id = message_id;
    return h;
  }
};

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
    : deps_(deps), peers_(std::move(peers)), options_(options) {
  deps_.transport.set_receive_handler([this](const io::Datagram& d) { receive(d); });
}

Ikev2Engine::~Ikev2Engine() {
  deps_.transport.set_receive_handler(nullptr);
  for (auto& [id, sa] : sas_) {
    deps_.timers.cancel(sa->retransmit_timer);
    deps_.timers.cancel(sa->dpd_timer);
    deps_.timers.cancel(sa->ike_lifetime_timer);
    for (const auto& [spi, timer] : sa->child_lifetime_timers) deps_.timers.cancel(timer);
  }
}

uint64_t Ikev2Engine::new_ike_spi() {
  for (;;) {
    crypto::Bytes b = deps_.rng.bytes(8);
    uint64_t v = 0;
    for (uint8_t c : b) v = (v << 8) | c;
    if (v != 0) return v;
  }
}

uint32_t Ikev2Engine::new_child_spi() {
  for (;;) {
    crypto::Bytes b = deps_.rng.bytes(4);
    uint32_t v = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
    if (v >= 256) return v;  // 1-255 are reserved (RFC 4303 2.1)
  }
}

events::Peer Ikev2Engine::event_peer(const IkeSa& sa) const {
  events::Peer p;
  p.local = sa.local;
  p.remote = sa.remote;
  if (sa.state == State::Established || sa.state == State::AuthSent) p.username = peers_[sa.peer].tunnel_group;
  return p;
}

events::SaRef Ikev2Engine::sa_ref(const IkeSa& sa) const {
  events::SaRef r;
  r.ike_version = 2;
  r.sa_id = sa.id;
  r.spi_i = sa.spi_i;
  r.spi_r = sa.spi_r;
  r.local = sa.local;
  r.remote = sa.remote;
  return r;
}

// ---------------------------------------------------------------- sending

// IKE on UDP 4500 carries the 4-octet non-ESP marker (RFC 3948 2.2).
void Ikev2Engine::transmit(const io::Endpoint& from, const io::Endpoint& to, const wire::Bytes& message) {
  if (from.port == kNatTPort) {
    deps_.transport.send(io::Datagram{from, to, wire::add_non_esp_marker(message)});
  } else {
    deps_.transport.send(io::Datagram{from, to, message});
  }
}

void Ikev2Engine::send_request(IkeSa& sa, wire::Bytes bytes, wire::ExchangeType exchange) {
  deps_.events.emit(events::MessageSent{sa_ref(sa), static_cast<uint8_t>(exchange), sa.next_message_id, false, bytes.size()});
  transmit(sa.local, sa.remote, bytes);
  wipe(sa.pending_request);
  sa.pending_request = std::move(bytes);
  sa.pending_exchange = exchange;
  sa.attempts = 0;
  arm_retransmit(sa);
}

void Ikev2Engine::arm_retransmit(IkeSa& sa) {
  deps_.timers.cancel(sa.retransmit_timer);
  io::Duration wait = retransmit_.first * (1u << std::min(sa.attempts, 16u));
  if (sa.dpd_outstanding) wait = std::chrono::seconds(std::max(1u, peers_[sa.peer].tunnel.dpd.retry_seconds));
  uint32_t id = sa.id;
  sa.retransmit_timer = deps_.timers.schedule(deps_.clock.now() + wait, [this, id] {
    auto it = sas_.find(id);
    if (it == sas_.end()) return;
    IkeSa& s = *it->second;
    if (s.pending_request.empty() || s.state == State::Failed) return;
    if (s.attempts >= retransmit_.max_attempts) {
      deps_.events.emit(events::RetransmissionsExhausted{sa_ref(s), static_cast<uint8_t>(s.pending_exchange),
                                                         s.next_message_id, s.attempts});
      if (s.state == State::Established || s.state == State::Deleting) {
        if (s.dpd_outstanding) deps_.events.emit(events::DpdNoReply{sa_ref(s), s.attempts});
        remove_sa(s, s.state == State::Deleting ? s.delete_reason : "Peer not responding");  // `s` is gone
        return;
      }
      fail(s, "no response from " + io::to_string(s.remote) + " after " + std::to_string(s.attempts) + " retransmissions",
           manager::FailureKind::Timeout);
      return;
    }
    ++s.attempts;
    deps_.events.emit(events::RequestRetransmitted{sa_ref(s), static_cast<uint8_t>(s.pending_exchange),
                                                   s.next_message_id, s.attempts});
    transmit(s.local, s.remote, s.pending_request);
    arm_retransmit(s);
  });
}

void Ikev2Engine::send_response(IkeSa& sa, wire::Bytes bytes, wire::ExchangeType exchange, uint32_t message_id) {
  deps_.events.emit(events::MessageSent{sa_ref(sa), static_cast<uint8_t>(exchange), message_id, true, bytes.size()});
  transmit(sa.local, sa.remote, bytes);
  // Kept to answer a retransmitted request without processing it again.
  wipe(sa.cached_response);
  sa.cached_response = std::move(bytes);
  sa.cached_response_id = message_id;
}

// An unprotected error answer to an IKE_SA_INIT request (no SA is kept).
void Ikev2Engine::send_plain_error(const io::Datagram& to_answer, const wire::Header& h, wire::NotifyType type,
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

void Ikev2Engine::fail(IkeSa& sa, const std::string& why, manager::FailureKind kind) {
  deps_.timers.cancel(sa.retransmit_timer);
  wipe(sa.pending_request);
  sa.state = State::Failed;
  sa.failure = why;
  deps_.events.emit(events::NegotiationAborted{event_peer(sa), why});
  report(sa, kind, why);
}

void Ikev2Engine::report(IkeSa& sa, manager::FailureKind kind, const std::string& detail) {
  if (!sa.outcome) return;
  manager::OutcomeCallback cb = std::move(sa.outcome);
  sa.outcome = nullptr;
  manager::InitiateOutcome o;
  o.ike_version = 2;
  o.sa_id = sa.id;
  o.established = kind == manager::FailureKind::None;
  o.failure = kind;
  o.detail = detail;
  cb(o);  // may call back into the engine (terminate): nothing of `sa` is used after this
}

void Ikev2Engine::established(IkeSa& sa) {
  deps_.timers.cancel(sa.retransmit_timer);
  wipe(sa.pending_request);
  sa.state = State::Established;
  // Our next request: the initiator used 0 and 1; the responder has sent none.
  sa.next_message_id = sa.initiator ? 2 : 0;
  sa.last_heard = deps_.clock.now();
  sa.established_at = sa.last_heard;
  deps_.events.emit(events::SaUp{event_peer(sa), "New Connection Established"});
  arm_dpd(sa);
  arm_lifetimes(sa);
}

// IKEv2 does not negotiate lifetimes: each end rekeys on its own timer. Here
// the IKE SA's initiator does, at `rekey_at` of the shorter of its own
// policy's lifetime (IKE) and the crypto map's (CHILD).
void Ikev2Engine::arm_lifetimes(IkeSa& sa) {
  if (!sa.initiator) return;
  const PeerConfig& peer = peers_[sa.peer];
  uint32_t ike_lifetime = model::kDefaultIkeLifetimeSeconds;
  for (const auto& p : peer.tunnel.ikev2_proposals) {
    if (p.lifetime_seconds != 0) {
      ike_lifetime = p.lifetime_seconds;
      break;
    }
  }
  auto after = [&](uint64_t seconds) {
    return deps_.clock.now() + std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000 * options_.rekey_at));
  };
  uint32_t id = sa.id;
  // Armed once per IKE SA: CHILD SAs coming and going must not postpone it.
  if (!deps_.timers.pending(sa.ike_lifetime_timer)) {
    sa.ike_lifetime_timer = deps_.timers.schedule(after(ike_lifetime), [this, id] { rekey_ike(id); });
  }
  for (const auto& c : sa.children) {
    if (sa.child_lifetime_timers.count(c.spi_in) || peer.tunnel.lifetime_seconds == 0) continue;
    uint32_t spi = c.spi_in;
    sa.child_lifetime_timers[spi] = deps_.timers.schedule(after(peer.tunnel.lifetime_seconds), [this, id, spi] {
      auto it = sas_.find(id);
      if (it != sas_.end()) it->second->child_lifetime_timers.erase(spi);
      rekey_child(id, spi);
    });
  }
}

// ---------------------------------------------------------------- INFORMATIONAL

// ASA `isakmp keepalive threshold N retry M`: after N seconds without hearing
// from the peer, send an empty INFORMATIONAL; unanswered, retry every M
// seconds; after the retransmissions are exhausted the peer is dead.
void Ikev2Engine::arm_dpd(IkeSa& sa) {
  const model::Dpd& dpd = peers_[sa.peer].tunnel.dpd;
  if (!dpd.enabled || dpd.reply_only || dpd.threshold_seconds == 0) return;
  deps_.timers.cancel(sa.dpd_timer);
  io::TimePoint due = sa.last_heard + std::chrono::seconds(dpd.threshold_seconds);
  // Never "now": a check that finds the SA busy must not fire again at once.
  io::TimePoint earliest = deps_.clock.now() + std::chrono::seconds(std::max(1u, dpd.retry_seconds));
  if (due < earliest) due = earliest;
  uint32_t id = sa.id;
  sa.dpd_timer = deps_.timers.schedule(due, [this, id] {
    auto it = sas_.find(id);
    if (it == sas_.end() || it->second->state != State::Established) return;
    IkeSa& s = *it->second;
    const model::Dpd& d = peers_[s.peer].tunnel.dpd;
    if (deps_.clock.now() - s.last_heard < std::chrono::seconds(d.threshold_seconds) || !s.pending_request.empty()) {
      arm_dpd(s);  // heard from the peer meanwhile, or busy: check again later
      return;
    }
    s.dpd_outstanding = true;
    deps_.events.emit(events::DpdSent{sa_ref(s), s.next_message_id});
    send_informational(s, {});
  });
}

void Ikev2Engine::send_informational(IkeSa& sa, std::vector<wire::Payload> inner) {
  wire::Bytes bytes = protect(sa.header(wire::ExchangeType::Informational, false, sa.next_message_id), inner,
                              sa.crypto->suite(), sa.outbound(), deps_.rng);
  send_request(sa, std::move(bytes), wire::ExchangeType::Informational);
}

bool Ikev2Engine::terminate(uint32_t id, const std::string& reason) {
  auto it = sas_.find(id);
  if (it == sas_.end()) return false;
  IkeSa& sa = *it->second;
  if (sa.state != State::Established) {
    remove_sa(sa, reason);
    return true;
  }
  if (!sa.pending_request.empty()) {
    sa.queue.push_back([this, reason](IkeSa& s) { terminate(s.id, reason); });
    return true;
  }
  wire::DeletePayload del;
  del.protocol = wire::ProtocolId::Ike;
  del.spi_size = 0;
  sa.state = State::Deleting;
  sa.delete_reason = reason;
  deps_.timers.cancel(sa.dpd_timer);
  deps_.events.emit(events::DeleteSent{sa_ref(sa), events::SaKind::Ike, {}});
  send_informational(sa, {del});
  return true;
}

void Ikev2Engine::remove_sa(IkeSa& sa, const std::string& reason) {
  const uint32_t gone = sa.id;
  report(sa, manager::FailureKind::Other, "IKE SA removed: " + reason);
  if (sas_.find(gone) == sas_.end()) return;  // the observer removed it already
  deps_.timers.cancel(sa.retransmit_timer);
  deps_.timers.cancel(sa.dpd_timer);
  deps_.timers.cancel(sa.ike_lifetime_timer);
  for (const auto& [spi, timer] : sa.child_lifetime_timers) deps_.timers.cancel(timer);
  if (!sa.replaced && (sa.state == State::Established || sa.state == State::Deleting)) {
    deps_.events.emit(events::SaDown{event_peer(sa), reason});
  }
  if (deps_.child_sink != nullptr)
    for (const auto& c : sa.children) deps_.child_sink->remove(2, sa.id, c.spi_in);
  erase_sa(sa.id);  // `sa` is gone after this line
}

void Ikev2Engine::receive_informational_request(IkeSa& sa, const io::Datagram& d, const wire::Message& m) {
  auto inner = unprotect(d.bytes, m, sa.crypto->suite(), sa.inbound());
  if (auto* err = std::get_if<UnprotectError>(&inner)) {
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(), "INFORMATIONAL: " + err->what});
    return;
  }
  sa.last_heard = deps_.clock.now();
  const auto& payloads = std::get<std::vector<wire::Payload>>(inner);
  std::vector<wire::Payload> reply;
  bool delete_ike = false;
  for (const auto& p : payloads) {
    const auto* del = std::get_if<wire::DeletePayload>(&p);
    if (del == nullptr) continue;
    if (del->protocol == wire::ProtocolId::Ike) {
      delete_ike = true;
      continue;
    }
    // CHILD SAs: the peer names its inbound SPIs (our outbound); we answer
    // with our inbound SPIs of the same SAs (RFC 7296 1.4.1).
    wire::DeletePayload answer;
    answer.protocol = del->protocol;
    answer.spi_size = 4;
    std::vector<uint64_t> removed;
    for (const auto& spi : del->spis) {
      auto v = spi_value(spi);
      if (!v) continue;
      auto it = std::find_if(sa.children.begin(), sa.children.end(),
                             [&](const ChildSaInfo& c) { return c.spi_out == *v; });
      if (it == sa.children.end()) continue;
      answer.spis.push_back(spi_bytes(it->spi_in));
      removed.push_back(*v);
      if (deps_.child_sink != nullptr) deps_.child_sink->remove(2, sa.id, it->spi_in);
      sa.children.erase(it);
    }
    deps_.events.emit(events::DeleteReceived{sa_ref(sa), events::SaKind::Child, removed});
    if (!answer.spis.empty()) reply.push_back(std::move(answer));
  }
  wire::Bytes bytes = protect(sa.header(wire::ExchangeType::Informational, true, m.header.message_id), reply,
                              sa.crypto->suite(), sa.outbound(), deps_.rng);
  sa.expected_request_id = m.header.message_id + 1;
  send_response(sa, std::move(bytes), wire::ExchangeType::Informational, m.header.message_id);
  if (delete_ike) {
    deps_.events.emit(events::DeleteReceived{sa_ref(sa), events::SaKind::Ike, {}});
    remove_sa(sa, "Peer Deleted");  // `sa` is gone
    return;
  }
  arm_dpd(sa);
}

void Ikev2Engine::receive_informational_response(IkeSa& sa, const io::Datagram& d, const wire::Message& m) {
  auto inner = unprotect(d.bytes, m, sa.crypto->suite(), sa.inbound());
  if (auto* err = std::get_if<UnprotectError>(&inner)) {
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(), "INFORMATIONAL: " + err->what});
    return;
  }
  deps_.timers.cancel(sa.retransmit_timer);
  wipe(sa.pending_request);
  ++sa.next_message_id;
  sa.last_heard = deps_.clock.now();
  sa.dpd_outstanding = false;
  if (sa.state == State::Deleting) {
    remove_sa(sa, sa.delete_reason);  // `sa` is gone
    return;
  }
  if (sa.pending_child_delete) {
    // The peer confirmed the Delete of a CHILD SA (after a rekey).
    uint32_t gone = *sa.pending_child_delete;
    sa.pending_child_delete.reset();
    auto it = std::find_if(sa.children.begin(), sa.children.end(), [&](const ChildSaInfo& c) { return c.spi_in == gone; });
    if (it != sa.children.end()) {
      if (deps_.child_sink != nullptr) deps_.child_sink->remove(2, sa.id, gone);
      sa.children.erase(it);
    }
  }
  arm_dpd(sa);
  pump(sa);
}

// ---------------------------------------------------------------- CREATE_CHILD_SA

// Runs the next queued request when the window (one request) is free.
void Ikev2Engine::pump(IkeSa& sa) {
  if (sa.state != State::Established || !sa.pending_request.empty() || sa.queue.empty()) return;
  auto next = std::move(sa.queue.front());
  sa.queue.pop_front();
  next(sa);
}

bool Ikev2Engine::rekey_child(uint32_t id, uint32_t spi_in) {
  auto it = sas_.find(id);
  if (it == sas_.end()) return false;
  IkeSa& sa = *it->second;
  auto child = std::find_if(sa.children.begin(), sa.children.end(), [&](const ChildSaInfo& c) { return c.spi_in == spi_in; });
  if (child == sa.children.end()) return false;
  size_t selector = 0;
  const auto& pairs = peers_[sa.peer].tunnel.selectors;
  for (size_t i = 0; i < pairs.size(); ++i)
    if (selector_within(child->local, pairs[i].local) && selector_within(child->remote, pairs[i].remote)) selector = i;
  sa.queue.push_back([this, selector, spi_in](IkeSa& s) { start_create_child(s, selector, spi_in); });
  pump(sa);
  return true;
}

bool Ikev2Engine::create_child(uint32_t id, size_t selector) {
  auto it = sas_.find(id);
  if (it == sas_.end() || it->second->state != State::Established) return false;
  IkeSa& sa = *it->second;
  if (selector >= peers_[sa.peer].tunnel.selectors.size()) return false;
  sa.queue.push_back([this, selector](IkeSa& s) { start_create_child(s, selector, std::nullopt); });
  pump(sa);
  return true;
}

void Ikev2Engine::start_create_child(IkeSa& sa, size_t selector, std::optional<uint32_t> rekey_spi_in) {
  const PeerConfig& peer = peers_[sa.peer];
  if (selector >= peer.tunnel.selectors.size()) return;
  const model::SelectorPair& pair = peer.tunnel.selectors[selector];
  IkeSa::PendingChild pc;
  pc.selector = selector;
  pc.rekey_of = rekey_spi_in;
  pc.spi_in = new_child_spi();
  pc.nonce = deps_.rng.bytes(kNonceSize);
  std::vector<wire::Payload> inner;
  if (rekey_spi_in) {
    wire::NotifyPayload rekey;
    rekey.type = wire::NotifyType::RekeySa;
    rekey.protocol = wire::ProtocolId::Esp;
    rekey.spi = spi_bytes(*rekey_spi_in);
    inner.push_back(std::move(rekey));
    deps_.events.emit(events::RekeyStarted{sa_ref(sa), events::SaKind::Child, *rekey_spi_in});
  }
  inner.push_back(to_wire(esp_offers(peer.tunnel, true, spi_bytes(pc.spi_in))));
  wire::NoncePayload n;
  n.data = pc.nonce;
  inner.push_back(std::move(n));
  if (peer.tunnel.pfs_group != nullptr) {
    // `set pfs`: a fresh Diffie-Hellman exchange for this CHILD SA's keys.
    pc.dh = deps_.dh.create(peer.tunnel.pfs_group->iana_id, deps_.rng);
    if (!pc.dh) return;
    wire::KePayload ke;
    ke.dh_group = static_cast<uint16_t>(peer.tunnel.pfs_group->iana_id);
    ke.data = pc.dh->public_value();
    inner.push_back(std::move(ke));
  }
  wire::TsiPayload tsi;
  wire::TsrPayload tsr;
  tsi.selectors.push_back(to_wire(pair.local));
  tsr.selectors.push_back(to_wire(pair.remote));
  inner.push_back(std::move(tsi));
  inner.push_back(std::move(tsr));
  sa.pending_child = std::move(pc);
  wire::Bytes bytes = protect(sa.header(wire::ExchangeType::CreateChildSa, false, sa.next_message_id), inner,
                              sa.crypto->suite(), sa.outbound(), deps_.rng);
  send_request(sa, std::move(bytes), wire::ExchangeType::CreateChildSa);
}

void Ikev2Engine::delete_child(IkeSa& sa, uint32_t spi_in) {
  wire::DeletePayload del;
  del.protocol = wire::ProtocolId::Esp;
  del.spi_size = 4;
  del.spis.push_back(spi_bytes(spi_in));
  sa.pending_child_delete = spi_in;
  deps_.events.emit(events::DeleteSent{sa_ref(sa), events::SaKind::Child, {spi_in}});
  send_informational(sa, {del});
}

bool Ikev2Engine::rekey_ike(uint32_t id) {
  auto it = sas_.find(id);
  if (it == sas_.end() || it->second->state != State::Established) return false;
  it->second->queue.push_back([this](IkeSa& s) { start_ike_rekey(s); });
  pump(*it->second);
  return true;
}

void Ikev2Engine::start_ike_rekey(IkeSa& sa) {
  IkeSa::PendingIkeRekey pr;
  pr.spi_i = new_ike_spi();
  pr.nonce = deps_.rng.bytes(kNonceSize);
  // Offer the suite in use first (its group is the one our KE is for).
  uint16_t group = sa.proposal.dh_group ? sa.proposal.dh_group->id : 0;
  pr.dh = deps_.dh.create(group, deps_.rng);
  if (!pr.dh) return;
  std::vector<Proposal> offers = peers_[sa.peer].ike_offers;
  Proposal current = sa.proposal.as_proposal();
  current.number = 1;
  offers.insert(offers.begin(), current);
  for (size_t i = 0; i < offers.size(); ++i) {
    offers[i].number = static_cast<uint8_t>(i + 1);
    offers[i].spi = spi64_bytes(pr.spi_i);
  }
  std::vector<wire::Payload> inner;
  inner.push_back(to_wire(offers));
  wire::NoncePayload n;
  n.data = pr.nonce;
  inner.push_back(std::move(n));
  wire::KePayload ke;
  ke.dh_group = group;
  ke.data = pr.dh->public_value();
  inner.push_back(std::move(ke));
  deps_.events.emit(events::RekeyStarted{sa_ref(sa), events::SaKind::Ike, sa.spi_i});
  sa.pending_ike_rekey = std::move(pr);
  wire::Bytes bytes = protect(sa.header(wire::ExchangeType::CreateChildSa, false, sa.next_message_id), inner,
                              sa.crypto->suite(), sa.outbound(), deps_.rng);
  send_request(sa, std::move(bytes), wire::ExchangeType::CreateChildSa);
}

// Keys of the new IKE SA: SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)
// with the OLD SA's PRF (the exchange belongs to the old SA, RFC 7296 2.18);
// the SK_* with the new SA's PRF and SPIs. The CHILD SAs move over.
void Ikev2Engine::finish_ike_rekey(IkeSa& old, IkeSa& fresh, crypto::ByteSpan g_ir) {
  std::string why;
  fresh.peer = old.peer;
  fresh.local = old.local;
  fresh.remote = old.remote;
  fresh.remote_id = old.remote_id;
  fresh.local_behind_nat = old.local_behind_nat;
  fresh.remote_behind_nat = old.remote_behind_nat;
  fresh.crypto = make_sa_crypto(deps_.crypto, fresh.proposal, why);
  if (!fresh.crypto || !fresh.crypto->prf) {
    erase_sa(fresh.id);
    return;
  }
  crypto::SecureBytes seed = crypto::skeyseed_rekey(*old.crypto->prf, old.keys.sk_d, g_ir, span(fresh.ni), span(fresh.nr));
  set_ike_keys(fresh, seed);
  fresh.children = std::move(old.children);
  old.children.clear();
  old.replaced = true;
  deps_.timers.cancel(old.dpd_timer);
  fresh.state = State::Established;
  fresh.established_at = old.established_at;
  fresh.last_heard = deps_.clock.now();
  fresh.next_message_id = 0;  // message IDs start again on the new IKE SA
  fresh.expected_request_id = 0;
  deps_.events.emit(events::RekeyCompleted{sa_ref(old), events::SaKind::Ike, old.spi_i, fresh.spi_i});
  deps_.timers.cancel(old.ike_lifetime_timer);
  for (const auto& [spi, timer] : old.child_lifetime_timers) deps_.timers.cancel(timer);
  old.child_lifetime_timers.clear();
  arm_dpd(fresh);
  arm_lifetimes(fresh);
}

void Ikev2Engine::answer_ike_rekey(IkeSa& old, const io::Datagram& d, const wire::Message& m,
                                   const std::vector<wire::Payload>& payloads) {
  (void)d;
  const PeerConfig& peer = peers_[old.peer];
  auto reply = [&](std::vector<wire::Payload> out) {
    wire::Bytes bytes = protect(old.header(wire::ExchangeType::CreateChildSa, true, m.header.message_id), out,
                                old.crypto->suite(), old.outbound(), deps_.rng);
    old.expected_request_id = m.header.message_id + 1;
    send_response(old, std::move(bytes), wire::ExchangeType::CreateChildSa, m.header.message_id);
  };
  auto refuse = [&](wire::NotifyType t, wire::Bytes data = {}) {
    wire::NotifyPayload n;
    n.type = t;
    n.data = std::move(data);
    reply({n});
  };
  const auto* sa_payload = wire::find_first<wire::SaPayload>(payloads);
  const auto* nonce = wire::find_first<wire::NoncePayload>(payloads);
  const auto* ke = wire::find_first<wire::KePayload>(payloads);
  auto chosen = select_proposal(from_wire(*sa_payload), peer.ike_offers);
  if (!chosen || chosen->spi.size() != 8) {
    refuse(wire::NotifyType::NoProposalChosen);
    return;
  }
  uint16_t g = chosen->dh_group->id;
  if (ke == nullptr || ke->dh_group != g) {
    refuse(wire::NotifyType::InvalidKePayload, {static_cast<uint8_t>(g >> 8), static_cast<uint8_t>(g)});
    return;
  }
  auto dh = deps_.dh.create(g, deps_.rng);
  auto secret = dh ? dh->shared_secret(span(ke->data)) : std::nullopt;
  if (!secret) {
    refuse(wire::NotifyType::InvalidSyntax);
    return;
  }
  auto fresh_owned = std::make_unique<IkeSa>();
  IkeSa& fresh = *fresh_owned;
  fresh.id = next_id_++;
  fresh.initiator = false;
  fresh.spi_i = spi64_value(chosen->spi);
  fresh.spi_r = new_ike_spi();
  fresh.proposal = *chosen;
  fresh.proposal.spi.clear();
  fresh.ni = nonce->data;
  fresh.nr = deps_.rng.bytes(kNonceSize);
  Selection ours = *chosen;
  ours.spi = spi64_bytes(fresh.spi_r);
  std::vector<wire::Payload> out;
  out.push_back(to_wire(std::vector<Proposal>{ours.as_proposal()}));
  wire::NoncePayload nr;
  nr.data = fresh.nr;
  out.push_back(std::move(nr));
  wire::KePayload our_ke;
  our_ke.dh_group = g;
  our_ke.data = dh->public_value();
  out.push_back(std::move(our_ke));
  add_sa(std::move(fresh_owned));
  reply(std::move(out));
  finish_ike_rekey(old, fresh, *secret);
}

void Ikev2Engine::receive_create_child_request(IkeSa& sa, const io::Datagram& d, const wire::Message& m) {
  auto inner = unprotect(d.bytes, m, sa.crypto->suite(), sa.inbound());
  if (auto* err = std::get_if<UnprotectError>(&inner)) {
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(), "CREATE_CHILD_SA: " + err->what});
    return;
  }
  sa.last_heard = deps_.clock.now();
  const auto& payloads = std::get<std::vector<wire::Payload>>(inner);
  const PeerConfig& peer = peers_[sa.peer];
  auto answer = [&](std::vector<wire::Payload> out) {
    wire::Bytes bytes = protect(sa.header(wire::ExchangeType::CreateChildSa, true, m.header.message_id), out,
                                sa.crypto->suite(), sa.outbound(), deps_.rng);
    sa.expected_request_id = m.header.message_id + 1;
    send_response(sa, std::move(bytes), wire::ExchangeType::CreateChildSa, m.header.message_id);
  };
  auto refuse = [&](wire::NotifyType t, wire::Bytes data = {}) {
    wire::NotifyPayload n;
    n.type = t;
    n.data = std::move(data);
    answer({n});
  };
  const auto* sa_payload = wire::find_first<wire::SaPayload>(payloads);
  const auto* nonce = wire::find_first<wire::NoncePayload>(payloads);
  const auto* ke = wire::find_first<wire::KePayload>(payloads);
  const auto* tsi = wire::find_first<wire::TsiPayload>(payloads);
  const auto* tsr = wire::find_first<wire::TsrPayload>(payloads);
  if (sa_payload == nullptr || nonce == nullptr || sa_payload->proposals.empty()) {
    refuse(wire::NotifyType::InvalidSyntax);
    return;
  }
  if (sa_payload->proposals.front().protocol == wire::ProtocolId::Ike) {
    answer_ike_rekey(sa, d, m, payloads);
    return;
  }
  std::vector<Proposal> received = from_wire(*sa_payload);
  auto chosen = select_proposal(received, esp_offers(peer.tunnel, true, {}));
  if (!chosen) {
    deps_.events.emit(events::ProposalMismatch{sa_ref(sa), events::SaKind::Child, describe_all(received),
                                               describe_all(esp_offers(peer.tunnel, true, {}))});
    refuse(wire::NotifyType::NoProposalChosen);
    return;
  }
  crypto::SecureBytes g_ir;
  std::unique_ptr<crypto::DhGroup> dh;
  if (chosen->dh_group) {
    uint16_t g = chosen->dh_group->id;
    if (ke == nullptr || ke->dh_group != g) {
      refuse(wire::NotifyType::InvalidKePayload, {static_cast<uint8_t>(g >> 8), static_cast<uint8_t>(g)});
      return;
    }
    dh = deps_.dh.create(g, deps_.rng);
    auto secret = dh ? dh->shared_secret(span(ke->data)) : std::nullopt;
    if (!secret) {
      refuse(wire::NotifyType::InvalidSyntax);
      return;
    }
    g_ir = std::move(*secret);
  }
  std::optional<model::SelectorPair> pair = match_selectors(peer.tunnel, tsi, tsr);
  if (!pair) {
    report_ts_unacceptable(sa, tsi, tsr);
    refuse(wire::NotifyType::TsUnacceptable);
    return;
  }
  auto their_spi = spi_value(chosen->spi);
  if (!their_spi) {
    refuse(wire::NotifyType::InvalidSyntax);
    return;
  }
  std::optional<uint32_t> rekeyed;
  if (const auto* rekey = wire::find_notify(payloads, wire::NotifyType::RekeySa)) {
    // The peer names the SPI it receives on: our outbound SPI of that CHILD SA.
    if (auto v = spi_value(rekey->spi)) {
      auto it = std::find_if(sa.children.begin(), sa.children.end(), [&](const ChildSaInfo& c) { return c.spi_out == *v; });
      if (it != sa.children.end()) rekeyed = it->spi_in;
    }
  }
  uint32_t our_spi = new_child_spi();
  wire::Bytes nr = deps_.rng.bytes(kNonceSize);
  Selection ours = *chosen;
  ours.spi = spi_bytes(our_spi);
  std::vector<wire::Payload> reply;
  reply.push_back(to_wire(std::vector<Proposal>{ours.as_proposal()}));
  wire::NoncePayload n;
  n.data = nr;
  reply.push_back(std::move(n));
  if (dh) {
    wire::KePayload our_ke;
    our_ke.dh_group = static_cast<uint16_t>(dh->group());
    our_ke.data = dh->public_value();
    reply.push_back(std::move(our_ke));
  }
  wire::TsiPayload out_tsi;
  wire::TsrPayload out_tsr;
  out_tsi.selectors.push_back(to_wire(pair->remote));
  out_tsr.selectors.push_back(to_wire(pair->local));
  reply.push_back(std::move(out_tsi));
  reply.push_back(std::move(out_tsr));
  answer(std::move(reply));
  install_child(sa, false, our_spi, *their_spi, *chosen, pair->local, pair->remote, span(nonce->data), span(nr),
                g_ir);
  if (rekeyed) deps_.events.emit(events::RekeyCompleted{sa_ref(sa), events::SaKind::Child, *rekeyed, our_spi});
  arm_dpd(sa);
}

void Ikev2Engine::receive_create_child_response(IkeSa& sa, const io::Datagram& d, const wire::Message& m) {
  auto inner = unprotect(d.bytes, m, sa.crypto->suite(), sa.inbound());
  if (auto* err = std::get_if<UnprotectError>(&inner)) {
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(), "CREATE_CHILD_SA: " + err->what});
    return;
  }
  deps_.timers.cancel(sa.retransmit_timer);
  wipe(sa.pending_request);
  ++sa.next_message_id;
  sa.last_heard = deps_.clock.now();
  if (sa.pending_ike_rekey) {
    // The answer to our IKE SA rekey.
    IkeSa::PendingIkeRekey pr = std::move(*sa.pending_ike_rekey);
    sa.pending_ike_rekey.reset();
    const auto& ps = std::get<std::vector<wire::Payload>>(inner);
    const auto* sa_payload = wire::find_first<wire::SaPayload>(ps);
    const auto* nonce = wire::find_first<wire::NoncePayload>(ps);
    const auto* ke = wire::find_first<wire::KePayload>(ps);
    auto answer = (sa_payload != nullptr && sa_payload->proposals.size() == 1)
                      ? accept_answer(from_wire(*sa_payload).front(), peers_[sa.peer].ike_offers)
                      : std::nullopt;
    std::optional<crypto::SecureBytes> secret;
    if (answer && answer->dh_group && ke != nullptr && nonce != nullptr && pr.dh &&
        ke->dh_group == pr.dh->group() && answer->spi.size() == 8) {
      secret = pr.dh->shared_secret(span(ke->data));
    }
    if (!secret) {
      sa.failure = "IKE SA rekey refused or malformed answer; the old IKE SA stays";
      arm_dpd(sa);
      pump(sa);
      return;
    }
    auto fresh_owned = std::make_unique<IkeSa>();
    IkeSa& fresh = *fresh_owned;
    fresh.id = next_id_++;
    fresh.initiator = true;  // whoever rekeys is the new SA's initiator
    fresh.spi_i = pr.spi_i;
    fresh.spi_r = spi64_value(answer->spi);
    fresh.proposal = *answer;
    fresh.proposal.spi.clear();
    fresh.ni = pr.nonce;
    fresh.nr = nonce->data;
    add_sa(std::move(fresh_owned));
    finish_ike_rekey(sa, fresh, *secret);
    // The rekey's initiator deletes the old IKE SA (RFC 7296 2.18).
    wire::DeletePayload del;
    del.protocol = wire::ProtocolId::Ike;
    sa.state = State::Deleting;
    sa.delete_reason = "IKE SA rekeyed";
    send_informational(sa, {del});
    return;
  }
  std::optional<IkeSa::PendingChild> pc = std::move(sa.pending_child);
  sa.pending_child.reset();
  const auto& payloads = std::get<std::vector<wire::Payload>>(inner);
  const PeerConfig& peer = peers_[sa.peer];
  auto give_up = [&](const std::string& why) {
    sa.failure = "CHILD SA: " + why;
    arm_dpd(sa);
    pump(sa);
  };
  if (!pc) return give_up("a CREATE_CHILD_SA response we did not ask for");
  if (const auto* err = wire::find_error_notify(payloads)) {
    if (err->type == wire::NotifyType::TsUnacceptable) {
      report_ts_unacceptable(sa, nullptr, nullptr);
      return give_up("TS_UNACCEPTABLE (the peer's crypto ACL is not the mirror image)");
    }
    if (err->type == wire::NotifyType::NoProposalChosen) {
      deps_.events.emit(events::ProposalMismatch{sa_ref(sa), events::SaKind::Child, {},
                                                 describe_all(esp_offers(peer.tunnel, true, {}))});
      return give_up("NO_PROPOSAL_CHOSEN (ipsec-proposal or PFS mismatch)");
    }
    return give_up("the peer refused CREATE_CHILD_SA with notify " + std::to_string(static_cast<int>(err->type)));
  }
  const auto* sa2 = wire::find_first<wire::SaPayload>(payloads);
  const auto* nonce = wire::find_first<wire::NoncePayload>(payloads);
  const auto* ke = wire::find_first<wire::KePayload>(payloads);
  const auto* tsi = wire::find_first<wire::TsiPayload>(payloads);
  const auto* tsr = wire::find_first<wire::TsrPayload>(payloads);
  if (sa2 == nullptr || sa2->proposals.size() != 1 || nonce == nullptr || tsi == nullptr || tsr == nullptr ||
      tsi->selectors.empty() || tsr->selectors.empty()) {
    return give_up("malformed CREATE_CHILD_SA response");
  }
  auto child = accept_answer(from_wire(*sa2).front(), esp_offers(peer.tunnel, true, spi_bytes(pc->spi_in)));
  auto local = from_wire(tsi->selectors.front());
  auto remote = from_wire(tsr->selectors.front());
  auto their_spi = child ? spi_value(child->spi) : std::nullopt;
  if (!child || !local || !remote || !their_spi) return give_up("the peer's answer is not one of our offers");
  crypto::SecureBytes g_ir;
  if (child->dh_group) {
    auto secret = (pc->dh && ke != nullptr && ke->dh_group == pc->dh->group()) ? pc->dh->shared_secret(span(ke->data))
                                                                              : std::nullopt;
    if (!secret) return give_up("the peer's KE payload does not fit the PFS group");
    g_ir = std::move(*secret);
  }
  install_child(sa, true, pc->spi_in, *their_spi, *child, *local, *remote, span(pc->nonce), span(nonce->data),
                g_ir);
  arm_lifetimes(sa);
  if (pc->rekey_of) {
    deps_.events.emit(events::RekeyCompleted{sa_ref(sa), events::SaKind::Child, *pc->rekey_of, pc->spi_in});
    uint32_t old = *pc->rekey_of;
    sa.queue.push_front([this, old](IkeSa& s) { delete_child(s, old); });
  }
  arm_dpd(sa);
  pump(sa);
}

// ---------------------------------------------------------------- IKE_SA_INIT

std::optional<size_t> cookie_threshold_from(std::optional<uint32_t> percent, std::optional<uint32_t> max_in_negotiation) {
  if (!percent) return std::nullopt;
  // Without `limit max-in-negotiation-sa` the ASA's own limit applies; 100 is
  // used here (unverified for every platform; documented in docs/ARCHITECTURE.md).
  uint64_t limit = max_in_negotiation.value_or(100);
  return static_cast<size_t>((limit * std::min<uint32_t>(*percent, 100) + 99) / 100);
}

size_t Ikev2Engine::half_open() const {
  return static_cast<size_t>(std::count_if(sas_.begin(), sas_.end(), [](const auto& e) {
    return !e.second->initiator && e.second->state == State::AuthSent;
  }));
}

// Cookie = version | HMAC-SHA-256(secret, Ni | IPi | port | SPIi) (RFC 7296 2.6).
wire::Bytes Ikev2Engine::cookie_for(const io::Datagram& d, const wire::Header& h, const wire::Bytes& ni) {
  if (cookie_secret_.size() == 0) cookie_secret_ = deps_.rng.secure_bytes(32);
  auto prf = crypto::Prf::create(deps_.crypto, uint16_t{5});
  wire::Bytes input = ni;
  for (int i = 3; i >= 0; --i) input.push_back(static_cast<uint8_t>(d.from.address >> (8 * i)));
  input.push_back(static_cast<uint8_t>(d.from.port >> 8));
  input.push_back(static_cast<uint8_t>(d.from.port));
  wire::Bytes spi = spi64_bytes(h.spi_i);
  input.insert(input.end(), spi.begin(), spi.end());
  crypto::SecureBytes mac = prf->compute(cookie_secret_, span(input));
  wire::Bytes cookie;
  cookie.reserve(1 + mac.size());
  cookie.push_back(1);  // version of the secret, so it can be rotated
  cookie.insert(cookie.end(), mac.data(), mac.data() + mac.size());
  return cookie;
}

uint32_t Ikev2Engine::initiate(size_t index, manager::OutcomeCallback outcome) {
  const PeerConfig& peer = peers_.at(index);
  auto owned = std::make_unique<IkeSa>();
  IkeSa& sa = *owned;
  sa.id = next_id_++;
  sa.outcome = std::move(outcome);
  sa.peer = index;
  sa.initiator = true;
  sa.spi_i = new_ike_spi();
  sa.local = io::Endpoint{peer.local_address, 500};
  sa.remote = io::Endpoint{peer.peer_address, 500};
  add_sa(std::move(owned));
  if (!peer.tunnel.selectors.empty()) {
    const auto& pair = peer.tunnel.selectors.front();
    deps_.events.emit(events::TunnelRequested{event_peer(sa), pair.local, pair.remote});
  }
  send_ike_sa_init(sa, std::nullopt);
  return sa.id;
}

void Ikev2Engine::send_ike_sa_init(IkeSa& sa, std::optional<uint16_t> group) {
  const PeerConfig& peer = peers_[sa.peer];
  std::vector<uint16_t> groups = dh_groups_of(peer.ike_offers);
  uint16_t g = group.value_or(sa.dh ? static_cast<uint16_t>(sa.dh->group()) : (groups.empty() ? 0 : groups.front()));
  if (!sa.dh || sa.dh->group() != g) {
    sa.dh = deps_.dh.create(g, deps_.rng);
    if (!sa.dh) {
      fail(sa, "DH group " + std::to_string(g) + " is not supported");
      return;
    }
  }
  if (sa.ni.empty()) sa.ni = deps_.rng.bytes(kNonceSize);
  wire::Message m;
  m.header = sa.header(wire::ExchangeType::IkeSaInit, false, 0);
  if (!sa.cookie.empty()) {
    wire::NotifyPayload cookie;  // must come first (RFC 7296 2.6)
    cookie.type = wire::NotifyType::Cookie;
    cookie.data = sa.cookie;
    m.payloads.push_back(std::move(cookie));
  }
  m.payloads.push_back(to_wire(peer.ike_offers));
  wire::KePayload ke;
  ke.dh_group = g;
  ke.data = sa.dh->public_value();
  m.payloads.push_back(std::move(ke));
  wire::NoncePayload n;
  n.data = sa.ni;
  m.payloads.push_back(std::move(n));
  add_nat_detection(m.payloads, sa, 0);
  sa.init_request = wire::encode_message(m);
  sa.state = State::InitSent;
  sa.next_message_id = 0;
  send_request(sa, sa.init_request, wire::ExchangeType::IkeSaInit);
}

// NAT_DETECTION_SOURCE_IP and _DESTINATION_IP. With forced UDP encapsulation
// the source hash is over an address we do not have, so the peer sees a NAT.
void Ikev2Engine::add_nat_detection(std::vector<wire::Payload>& payloads, const IkeSa& sa, uint64_t spi_r) {
  // `crypto map M N set nat-t-disable` (or `no crypto isakmp nat-traversal`):
  // no NAT detection, so neither end floats to 4500 and ESP stays raw.
  if (!peers_[sa.peer].tunnel.nat_t) return;
  io::Endpoint source = sa.local;
  if (options_.force_udp_encapsulation) source = io::Endpoint{~sa.local.address, 0};
  wire::NotifyPayload src, dst;
  src.type = wire::NotifyType::NatDetectionSourceIp;
  src.data = nat_detection_hash(deps_.crypto, sa.spi_i, spi_r, source);
  dst.type = wire::NotifyType::NatDetectionDestinationIp;
  dst.data = nat_detection_hash(deps_.crypto, sa.spi_i, spi_r, sa.remote);
  payloads.push_back(std::move(src));
  payloads.push_back(std::move(dst));
}

// RFC 7296 2.23: the peer hashed the addresses it sent from and to. A source
// hash that does not match where the datagram came from means the peer is
// behind a NAT (strongSwan's userspace data path always claims so, to get
// UDP-encapsulated ESP); a destination hash that does not match our address
// means we are.
void Ikev2Engine::detect_nat(IkeSa& sa, const io::Datagram& d, const wire::Message& m, uint64_t spi_r_hashed) {
  if (!peers_[sa.peer].tunnel.nat_t) return;  // NAT-T disabled for this entry (see add_nat_detection)
  bool any_source = false, source_ok = false, any_dest = false, dest_ok = false;
  wire::Bytes from_hash = nat_detection_hash(deps_.crypto, sa.spi_i, spi_r_hashed, d.from);
  wire::Bytes to_hash = nat_detection_hash(deps_.crypto, sa.spi_i, spi_r_hashed, d.to);
  for (const auto& p : m.payloads) {
    const auto* n = std::get_if<wire::NotifyPayload>(&p);
    if (n == nullptr) continue;
    if (n->type == wire::NotifyType::NatDetectionSourceIp) {
      any_source = true;
      source_ok = source_ok || n->data == from_hash;
    } else if (n->type == wire::NotifyType::NatDetectionDestinationIp) {
      any_dest = true;
      dest_ok = dest_ok || n->data == to_hash;
    }
  }
  sa.remote_behind_nat = any_source && !source_ok;
  sa.local_behind_nat = (any_dest && !dest_ok) || options_.force_udp_encapsulation;
  if (sa.remote_behind_nat || sa.local_behind_nat) {
    deps_.events.emit(events::NatDetected{sa_ref(sa), sa.local_behind_nat, sa.remote_behind_nat});
  }
}

// {SK_d | SK_ai | SK_ar | SK_ei | SK_er | SK_pi | SK_pr} = prf+(SKEYSEED,
// Ni | Nr | SPIi | SPIr), with the SA's own PRF; then to the key log if asked.
void Ikev2Engine::set_ike_keys(IkeSa& sa, crypto::ByteSpan seed) {
  sa.keys = crypto::derive_ike_sa_keys(*sa.crypto->prf, seed, span(sa.ni), span(sa.nr), span(spi64_bytes(sa.spi_i)),
                                       span(spi64_bytes(sa.spi_r)), sa.crypto->lengths());
  if (deps_.key_sink == nullptr) return;
  IkeSaKeys log;
  log.spi_i = sa.spi_i;
  log.spi_r = sa.spi_r;
  log.sk_ei = sa.keys.sk_ei;
  log.sk_er = sa.keys.sk_er;
  log.sk_ai = sa.keys.sk_ai;
  log.sk_ar = sa.keys.sk_ar;
  log.encryption = model::find_algorithm_by_iana(model::TransformType::Encryption, sa.proposal.encryption->id,
                                                 sa.proposal.encryption->key_bits);
  if (sa.proposal.integrity)
    log.integrity = model::find_algorithm_by_iana(model::TransformType::Integrity, sa.proposal.integrity->id);
  deps_.key_sink->ike_keys(log);
}

// The TS_UNACCEPTABLE diagnostic: what the crypto ACL would have allowed.
void Ikev2Engine::report_ts_unacceptable(const IkeSa& sa, const wire::TsiPayload* tsi, const wire::TsrPayload* tsr) {
  events::TrafficSelectorsUnacceptable ev;
  ev.sa = sa_ref(sa);
  if (tsi != nullptr)
    for (const auto& t : tsi->selectors)
      if (auto x = from_wire(t)) ev.received_initiator.push_back(*x);
  if (tsr != nullptr)
    for (const auto& t : tsr->selectors)
      if (auto x = from_wire(t)) ev.received_responder.push_back(*x);
  for (const auto& p : peers_[sa.peer].tunnel.selectors) ev.configured.emplace_back(p.local, p.remote);
  deps_.events.emit(ev);
}

bool Ikev2Engine::derive_ike_keys(IkeSa& sa, crypto::ByteSpan peer_ke) {
  auto secret = sa.dh->shared_secret(peer_ke);
  if (!secret) return false;
  sa.g_ir = std::move(*secret);
  std::string why;
  sa.crypto = make_sa_crypto(deps_.crypto, sa.proposal, why);
  if (!sa.crypto || !sa.crypto->prf) return false;
  const crypto::Prf& prf = *sa.crypto->prf;
  crypto::SecureBytes seed = crypto::skeyseed(prf, span(sa.ni), span(sa.nr), sa.g_ir);
  set_ike_keys(sa, seed);
  deps_.events.emit(events::ProposalChosen{sa_ref(sa), events::SaKind::Ike, sa.proposal.describe()});
  return true;
}

void Ikev2Engine::receive_ike_sa_init_request(const io::Datagram& d, const wire::Message& m) {
  deps_.events.emit(events::InitRequestReceived{events::Peer{d.to, d.from, ""}});
  size_t index = 0;
  const PeerConfig* peer = peer_for(d.from.address, d.to.address, &index);
  if (peer == nullptr) {
    // No crypto map entry for this peer: the ASA answers nothing it could not
    // authenticate later either; NO_PROPOSAL_CHOSEN tells the peer why.
    send_plain_error(d, m.header, wire::NotifyType::NoProposalChosen, {});
    deps_.events.emit(events::NegotiationAborted{events::Peer{d.to, d.from, ""},
                                                 "no crypto map entry with IKEv2 for peer " + ipv4(d.from.address)});
    return;
  }
  const auto* sa_payload = wire::find_first<wire::SaPayload>(m.payloads);
  const auto* ke = wire::find_first<wire::KePayload>(m.payloads);
  const auto* nonce = wire::find_first<wire::NoncePayload>(m.payloads);
  if (sa_payload == nullptr || ke == nullptr || nonce == nullptr || nonce->data.size() < 16 ||
      nonce->data.size() > 256) {
    send_plain_error(d, m.header, wire::NotifyType::InvalidSyntax, {});
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(),
                                                      "IKE_SA_INIT request without SA, KE or a valid nonce"});
    return;
  }
  if (options_.cookie_threshold && half_open() >= *options_.cookie_threshold) {
    const auto* first = m.payloads.empty() ? nullptr : std::get_if<wire::NotifyPayload>(&m.payloads.front());
    bool returned = first != nullptr && first->type == wire::NotifyType::Cookie &&
                    first->data == cookie_for(d, m.header, nonce->data);
    if (!returned) {
      // Stateless: the answer is computed again from the retry, nothing is kept.
      send_plain_error(d, m.header, wire::NotifyType::Cookie, cookie_for(d, m.header, nonce->data));
      deps_.events.emit(events::CookieChallengeSent{events::Peer{d.to, d.from, ""}});
      return;
    }
  }
  std::vector<Proposal> received = from_wire(*sa_payload);
  auto chosen = select_proposal(received, peer->ike_offers);
  if (!chosen) {
    events::SaRef ref;
    ref.spi_i = m.header.spi_i;
    ref.local = d.to;
    ref.remote = d.from;
    deps_.events.emit(events::ProposalMismatch{ref, events::SaKind::Ike, describe_all(received),
                                               describe_all(peer->ike_offers)});
    deps_.events.emit(events::NegotiationAborted{events::Peer{d.to, d.from, ""}, "Failed to find a matching policy"});
    send_plain_error(d, m.header, wire::NotifyType::NoProposalChosen, {});
    return;
  }
  if (ke->dh_group != chosen->dh_group->id) {
    // RFC 7296 1.2: ask for the group we chose; keep no state (the retry is a new request).
    uint16_t g = chosen->dh_group->id;
    send_plain_error(d, m.header, wire::NotifyType::InvalidKePayload,
                     {static_cast<uint8_t>(g >> 8), static_cast<uint8_t>(g)});
    return;
  }
  auto owned = std::make_unique<IkeSa>();
  IkeSa& sa = *owned;
  sa.id = next_id_++;
  sa.peer = index;
  sa.initiator = false;
  sa.spi_i = m.header.spi_i;
  sa.spi_r = new_ike_spi();
  sa.local = d.to;
  sa.remote = d.from;
  sa.proposal = *chosen;
  sa.ni = nonce->data;
  sa.nr = deps_.rng.bytes(kNonceSize);
  sa.init_request = d.bytes;
  sa.expected_request_id = 1;
  detect_nat(sa, d, m, 0);
  sa.dh = deps_.dh.create(ke->dh_group, deps_.rng);
  add_sa(std::move(owned));
  if (!sa.dh || !derive_ike_keys(sa, span(ke->data))) {
    send_plain_error(d, m.header, wire::NotifyType::InvalidKePayload,
                     {static_cast<uint8_t>(ke->dh_group >> 8), static_cast<uint8_t>(ke->dh_group)});
    fail(sa, "invalid KE payload (group " + std::to_string(ke->dh_group) + ")");
    return;
  }
  wire::Message r;
  r.header = sa.header(wire::ExchangeType::IkeSaInit, true, 0);
  r.payloads.push_back(to_wire(std::vector<Proposal>{chosen->as_proposal()}));
  wire::KePayload our_ke;
  our_ke.dh_group = ke->dh_group;
  our_ke.data = sa.dh->public_value();
  r.payloads.push_back(std::move(our_ke));
  wire::NoncePayload nr;
  nr.data = sa.nr;
  r.payloads.push_back(std::move(nr));
  add_nat_detection(r.payloads, sa, sa.spi_r);
  sa.init_response = wire::encode_message(r);
  sa.state = State::AuthSent;  // waiting for the peer's IKE_AUTH
  send_response(sa, sa.init_response, wire::ExchangeType::IkeSaInit, 0);
  uint32_t id = sa.id;
  sa.retransmit_timer = deps_.timers.schedule(deps_.clock.now() + options_.half_open_timeout, [this, id] {
    auto it = sas_.find(id);
    if (it == sas_.end() || it->second->state != State::AuthSent) return;
    IkeSa& s = *it->second;
    deps_.events.emit(events::NegotiationAborted{event_peer(s), "no IKE_AUTH from the peer after IKE_SA_INIT"});
    remove_sa(s, "half-open SA expired");  // `s` is gone
  });
}

void Ikev2Engine::receive_ike_sa_init_response(IkeSa& sa, const io::Datagram& d, const wire::Message& m) {
  if (const auto* n = wire::find_notify(m.payloads, wire::NotifyType::Cookie)) {
    // The responder is under load: repeat the request with its cookie.
    if (n->data.empty() || n->data.size() > 64 || ++sa.cookie_rounds > 3) {
      fail(sa, "the peer keeps answering with COOKIE challenges");
      return;
    }
    sa.cookie = n->data;
    send_ike_sa_init(sa, std::nullopt);
    return;
  }
  if (const auto* n = wire::find_notify(m.payloads, wire::NotifyType::InvalidKePayload)) {
    if (n->data.size() == 2) {
      uint16_t g = static_cast<uint16_t>((n->data[0] << 8) | n->data[1]);
      auto allowed = dh_groups_of(peers_[sa.peer].ike_offers);
      if (std::find(allowed.begin(), allowed.end(), g) != allowed.end() && (!sa.dh || sa.dh->group() != g)) {
        send_ike_sa_init(sa, g);  // retry with the group the responder asked for
        return;
      }
    }
    fail(sa, "the peer asked for a DH group this tunnel does not offer (INVALID_KE_PAYLOAD)");
    return;
  }
  if (const auto* n = wire::find_error_notify(m.payloads)) {
    std::string what = n->type == wire::NotifyType::NoProposalChosen ? "NO_PROPOSAL_CHOSEN" : "error notify";
    deps_.events.emit(events::ProposalMismatch{sa_ref(sa), events::SaKind::Ike, {}, describe_all(peers_[sa.peer].ike_offers)});
    fail(sa, "the peer answered IKE_SA_INIT with " + what,
         n->type == wire::NotifyType::NoProposalChosen ? manager::FailureKind::NoProposalChosen
                                                       : manager::FailureKind::Other);
    return;
  }
  const auto* sa_payload = wire::find_first<wire::SaPayload>(m.payloads);
  const auto* ke = wire::find_first<wire::KePayload>(m.payloads);
  const auto* nonce = wire::find_first<wire::NoncePayload>(m.payloads);
  if (sa_payload == nullptr || ke == nullptr || nonce == nullptr || sa_payload->proposals.size() != 1 ||
      m.header.spi_r == 0) {
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(),
                                                      "IKE_SA_INIT response without exactly one proposal, KE and nonce"});
    return;
  }
  auto answer = accept_answer(from_wire(*sa_payload).front(), peers_[sa.peer].ike_offers);
  if (!answer || !answer->dh_group || answer->dh_group->id != ke->dh_group || ke->dh_group != sa.dh->group()) {
    fail(sa, "the peer chose a proposal this tunnel did not offer", manager::FailureKind::NoProposalChosen);
    return;
  }
  sa.proposal = *answer;
  sa.spi_r = m.header.spi_r;
  sa.nr = nonce->data;
  sa.init_response = d.bytes;
  if (!derive_ike_keys(sa, span(ke->data))) {
    fail(sa, "the peer's KE payload is not a valid group " + std::to_string(ke->dh_group) + " value");
    return;
  }
  deps_.timers.cancel(sa.retransmit_timer);
  wipe(sa.pending_request);
  detect_nat(sa, d, m, sa.spi_r);
  if (sa.local_behind_nat || sa.remote_behind_nat) {
    // RFC 7296 2.23: with a NAT on the path everything after IKE_SA_INIT
    // moves to UDP 4500, where ESP will follow in UDP encapsulation.
    sa.local.port = kNatTPort;
    sa.remote.port = kNatTPort;
  }
  send_ike_auth(sa);
}

// ---------------------------------------------------------------- IKE_AUTH

void Ikev2Engine::send_ike_auth(IkeSa& sa) {
  const PeerConfig& peer = peers_[sa.peer];
  const crypto::Prf& prf = *sa.crypto->prf;
  wire::IdiPayload idi;
  static_cast<wire::Identification&>(idi) = identification_of(peer.tunnel.local_identity, peer.local_address);
  crypto::Bytes octets = crypto::signed_octets(prf, span(sa.init_request), span(sa.nr), sa.keys.sk_pi, span(id_body(idi)));
  crypto::SecureBytes auth_value = crypto::psk_auth(prf, peer.psk_local, octets);
  sa.child_spi_in = new_child_spi();
  sa.selector = 0;

  std::vector<wire::Payload> inner;
  inner.push_back(idi);
  // IDr = the peer we expect (RFC 7296 3.5, optional): strongSwan picks the
  // responder's secret by this pair of identities; without it, asymmetric keys
  // bound to IDs cannot be found. Without a configured remote identity the
  // ASA expects the peer's address.
  wire::IdrPayload expected_idr;
  static_cast<wire::Identification&>(expected_idr) =
      identification_of(peer.tunnel.remote_identity.value_or(model::IkeIdentity{}), peer.peer_address);
  inner.push_back(expected_idr);
  wire::AuthPayload auth;
  auth.method = wire::AuthMethod::SharedKeyMic;
  auth.data.assign(auth_value.data(), auth_value.data() + auth_value.size());
  inner.push_back(std::move(auth));
  wire::NotifyPayload contact;
  contact.type = wire::NotifyType::InitialContact;
  inner.push_back(std::move(contact));
  inner.push_back(to_wire(esp_offers(peer.tunnel, false, spi_bytes(sa.child_spi_in))));
  wire::TsiPayload tsi;
  wire::TsrPayload tsr;
  if (!peer.tunnel.selectors.empty()) {
    tsi.selectors.push_back(to_wire(peer.tunnel.selectors.front().local));
    tsr.selectors.push_back(to_wire(peer.tunnel.selectors.front().remote));
  }
  inner.push_back(std::move(tsi));
  inner.push_back(std::move(tsr));

  sa.next_message_id = 1;
  sa.state = State::AuthSent;
  wire::Bytes bytes = protect(sa.header(wire::ExchangeType::IkeAuth, false, 1), inner, sa.crypto->suite(),
                              sa.outbound(), deps_.rng);
  auto& a = std::get<wire::AuthPayload>(inner[2]);
  std::fill(a.data.begin(), a.data.end(), uint8_t{0});
  send_request(sa, std::move(bytes), wire::ExchangeType::IkeAuth);
}

void Ikev2Engine::install_child(IkeSa& sa, bool exchange_initiator, uint32_t spi_in, uint32_t spi_out,
                                const Selection& proposal,
                                const model::TrafficSelector& local, const model::TrafficSelector& remote,
                                crypto::ByteSpan ni, crypto::ByteSpan nr, crypto::ByteSpan g_ir) {
  std::string why;
  auto child_crypto = make_sa_crypto(deps_.crypto, proposal, why);
  if (!child_crypto) return;
  crypto::ChildSaKeys k = crypto::derive_child_sa_keys(*sa.crypto->prf, sa.keys.sk_d, g_ir, ni, nr,
                                                       child_crypto->lengths());
  deps_.events.emit(events::ProposalChosen{sa_ref(sa), events::SaKind::Child, proposal.describe()});
  sa.children.push_back(ChildSaInfo{spi_in, spi_out, proposal, local, remote});
  if (deps_.child_sink == nullptr) return;
  const PeerConfig& peer = peers_[sa.peer];
  ChildSaInstall install;
  install.ike_version = 2;
  install.ike_sa = sa.id;
  install.map = peer.map;
  install.sequence = peer.sequence;
  install.tunnel_group = peer.tunnel_group;
  install.spi_in = spi_in;
  install.spi_out = spi_out;
  install.transform = esp_transform_of(proposal);
  install.tunnel_mode = true;  // the engine never sends USE_TRANSPORT_MODE (ASA L2L is tunnel mode)
  install.local = local;
  install.remote = remote;
  install.local_address = sa.local.address;
  install.peer_address = sa.remote.address;
  // ESP follows IKE to UDP 4500 once NAT-T floated (RFC 3948); else raw ESP.
  install.udp_encapsulation = sa.local.port == kNatTPort;
  install.local_port = install.udp_encapsulation ? sa.local.port : 0;
  install.peer_port = install.udp_encapsulation ? sa.remote.port : 0;
  install.lifetime_seconds = peer.tunnel.lifetime_seconds;
  install.lifetime_kilobytes = peer.tunnel.lifetime_kilobytes;
  // Inbound traffic was protected by the peer with its direction's keys.
  // "Initiator" is the initiator of the exchange that created this CHILD
  // SA (RFC 7296 2.17), not of the IKE SA: after the IKE SA's responder
  // sends a CREATE_CHILD_SA, the roles of the two differ.
  const bool i = exchange_initiator;
  install.encr_in = i ? crypto::ByteSpan(k.encr_r) : crypto::ByteSpan(k.encr_i);
  install.integ_in = i ? crypto::ByteSpan(k.integ_r) : crypto::ByteSpan(k.integ_i);
  install.encr_out = i ? crypto::ByteSpan(k.encr_i) : crypto::ByteSpan(k.encr_r);
  install.integ_out = i ? crypto::ByteSpan(k.integ_i) : crypto::ByteSpan(k.integ_r);
  deps_.child_sink->install(install);
}

void Ikev2Engine::receive_ike_auth_request(IkeSa& sa, const io::Datagram& d, const wire::Message& m) {
  auto inner = unprotect(d.bytes, m, sa.crypto->suite(), sa.inbound());
  if (auto* err = std::get_if<UnprotectError>(&inner)) {
    // Not from the peer that did IKE_SA_INIT with us (or damaged): drop, no answer.
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(), "IKE_AUTH: " + err->what});
    return;
  }
  const auto& payloads = std::get<std::vector<wire::Payload>>(inner);
  const PeerConfig& peer = peers_[sa.peer];
  const crypto::Prf& prf = *sa.crypto->prf;
  const auto* idi = wire::find_first<wire::IdiPayload>(payloads);
  const auto* auth = wire::find_first<wire::AuthPayload>(payloads);
  std::vector<wire::Payload> reply;
  auto answer = [&](std::vector<wire::Payload> out) {
    wire::Bytes bytes = protect(sa.header(wire::ExchangeType::IkeAuth, true, m.header.message_id), out,
                                sa.crypto->suite(), sa.outbound(), deps_.rng);
    sa.expected_request_id = m.header.message_id + 1;
    send_response(sa, std::move(bytes), wire::ExchangeType::IkeAuth, m.header.message_id);
  };
  auto notify_only = [&](wire::NotifyType t) {
    wire::NotifyPayload n;
    n.type = t;
    answer({n});
  };
  if (idi == nullptr || auth == nullptr || auth->method != wire::AuthMethod::SharedKeyMic) {
    notify_only(wire::NotifyType::AuthenticationFailed);
    deps_.events.emit(events::AuthenticationFailed{sa_ref(sa), "", "no IDi/AUTH, or not shared-key authentication"});
    fail(sa, "AUTHENTICATION_FAILED: the peer did not use pre-shared key authentication",
         manager::FailureKind::AuthenticationFailed);
    return;
  }
  crypto::Bytes octets = crypto::signed_octets(prf, span(sa.init_request), span(sa.nr), sa.keys.sk_pi, span(id_body(*idi)));
  crypto::SecureBytes expected = crypto::psk_auth(prf, peer.psk_remote, octets);
  std::string identity = identification_text(*idi);
  sa.remote_id = identity;
  if (peer.tunnel.remote_identity &&
      !identification_matches(*idi, *peer.tunnel.remote_identity, peer.peer_address)) {
    notify_only(wire::NotifyType::AuthenticationFailed);
    deps_.events.emit(events::AuthenticationFailed{sa_ref(sa), identity, "the peer's identity is not the configured " +
                                                                             describe(*peer.tunnel.remote_identity)});
    fail(sa, "AUTHENTICATION_FAILED: unexpected peer identity " + identity);
    return;
  }
  if (!crypto::equal_ct(expected, crypto::ByteSpan(auth->data))) {
    notify_only(wire::NotifyType::AuthenticationFailed);
    deps_.events.emit(events::AuthenticationFailed{sa_ref(sa), identity,
                                                   "the peer's AUTH does not match tunnel-group " + peer.tunnel_group +
                                                       " ikev2 remote-authentication pre-shared-key"});
    fail(sa, "AUTHENTICATION_FAILED: pre-shared key mismatch with " + identity, manager::FailureKind::AuthenticationFailed);
    return;
  }

  // The IKE SA is authenticated. Our AUTH:
  wire::IdrPayload idr;
  static_cast<wire::Identification&>(idr) = identification_of(peer.tunnel.local_identity, peer.local_address);
  crypto::Bytes our_octets = crypto::signed_octets(prf, span(sa.init_response), span(sa.ni), sa.keys.sk_pr, span(id_body(idr)));
  crypto::SecureBytes our_auth = crypto::psk_auth(prf, peer.psk_local, our_octets);
  reply.push_back(idr);
  wire::AuthPayload a;
  a.method = wire::AuthMethod::SharedKeyMic;
  a.data.assign(our_auth.data(), our_auth.data() + our_auth.size());
  reply.push_back(std::move(a));

  // The first CHILD SA: proposal and traffic selectors.
  const auto* sa2 = wire::find_first<wire::SaPayload>(payloads);
  const auto* tsi = wire::find_first<wire::TsiPayload>(payloads);
  const auto* tsr = wire::find_first<wire::TsrPayload>(payloads);
  std::optional<Selection> child;
  if (sa2 != nullptr) child = select_proposal(without_dh(from_wire(*sa2)), without_dh(esp_offers(peer.tunnel, false, {})));
  std::optional<model::SelectorPair> pair = match_selectors(peer.tunnel, tsi, tsr);
  if (!child) {
    wire::NotifyPayload n;
    n.type = wire::NotifyType::NoProposalChosen;
    reply.push_back(std::move(n));
    deps_.events.emit(events::ProposalMismatch{sa_ref(sa), events::SaKind::Child,
                                               sa2 ? describe_all(from_wire(*sa2)) : std::vector<std::string>{},
                                               describe_all(esp_offers(peer.tunnel, false, {}))});
  } else if (!pair) {
    wire::NotifyPayload n;
    n.type = wire::NotifyType::TsUnacceptable;
    reply.push_back(std::move(n));
    report_ts_unacceptable(sa, tsi, tsr);
  } else {
    auto their_spi = spi_value(child->spi);
    uint32_t our_spi = new_child_spi();
    Selection ours = *child;
    ours.spi = spi_bytes(our_spi);
    reply.push_back(to_wire(std::vector<Proposal>{ours.as_proposal()}));
    wire::TsiPayload out_tsi;
    wire::TsrPayload out_tsr;
    out_tsi.selectors.push_back(to_wire(pair->remote));
    out_tsr.selectors.push_back(to_wire(pair->local));
    reply.push_back(std::move(out_tsi));
    reply.push_back(std::move(out_tsr));
    if (their_spi)
      install_child(sa, false, our_spi, *their_spi, *child, pair->local, pair->remote, span(sa.ni), span(sa.nr), {});
  }
  answer(std::move(reply));
  established(sa);
}

void Ikev2Engine::receive_ike_auth_response(IkeSa& sa, const io::Datagram& d, const wire::Message& m) {
  auto inner = unprotect(d.bytes, m, sa.crypto->suite(), sa.inbound());
  if (auto* err = std::get_if<UnprotectError>(&inner)) {
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(), "IKE_AUTH: " + err->what});
    return;
  }
  const auto& payloads = std::get<std::vector<wire::Payload>>(inner);
  deps_.timers.cancel(sa.retransmit_timer);
  wipe(sa.pending_request);
  if (wire::find_notify(payloads, wire::NotifyType::AuthenticationFailed) != nullptr) {
    deps_.events.emit(events::AuthenticationFailed{sa_ref(sa), ipv4(sa.remote.address),
                                                   "the peer rejected our AUTH (ikev2 local-authentication pre-shared-key)"});
    fail(sa, "AUTHENTICATION_FAILED: the peer rejected our pre-shared key", manager::FailureKind::AuthenticationFailed);
    return;
  }
  const PeerConfig& peer = peers_[sa.peer];
  const crypto::Prf& prf = *sa.crypto->prf;
  const auto* idr = wire::find_first<wire::IdrPayload>(payloads);
  const auto* auth = wire::find_first<wire::AuthPayload>(payloads);
  if (idr == nullptr || auth == nullptr) {
    fail(sa, "IKE_AUTH response without IDr and AUTH");
    return;
  }
  crypto::Bytes octets = crypto::signed_octets(prf, span(sa.init_response), span(sa.ni), sa.keys.sk_pr, span(id_body(*idr)));
  crypto::SecureBytes expected = crypto::psk_auth(prf, peer.psk_remote, octets);
  sa.remote_id = identification_text(*idr);
  if (peer.tunnel.remote_identity &&
      !identification_matches(*idr, *peer.tunnel.remote_identity, peer.peer_address)) {
    deps_.events.emit(events::AuthenticationFailed{sa_ref(sa), sa.remote_id, "the peer's identity is not the configured " +
                                                                                 describe(*peer.tunnel.remote_identity)});
    fail(sa, "AUTHENTICATION_FAILED: unexpected peer identity " + sa.remote_id);
    return;
  }
  if (!crypto::equal_ct(expected, crypto::ByteSpan(auth->data))) {
    deps_.events.emit(events::AuthenticationFailed{sa_ref(sa), ipv4(sa.remote.address),
                                                   "the peer's AUTH does not match tunnel-group " + peer.tunnel_group +
                                                       " ikev2 remote-authentication pre-shared-key"});
    fail(sa, "AUTHENTICATION_FAILED: pre-shared key mismatch with " + ipv4(sa.remote.address),
         manager::FailureKind::AuthenticationFailed);
    return;
  }
  established(sa);

  if (wire::find_notify(payloads, wire::NotifyType::TsUnacceptable) != nullptr) {
    report_ts_unacceptable(sa, nullptr, nullptr);
    sa.failure = "CHILD SA: TS_UNACCEPTABLE (the peer's crypto ACL is not the mirror image)";
    report(sa, manager::FailureKind::TsUnacceptable, sa.failure);
    return;
  }
  if (wire::find_notify(payloads, wire::NotifyType::NoProposalChosen) != nullptr) {
    deps_.events.emit(events::ProposalMismatch{sa_ref(sa), events::SaKind::Child, {},
                                               describe_all(esp_offers(peer.tunnel, false, {}))});
    sa.failure = "CHILD SA: NO_PROPOSAL_CHOSEN (no common ipsec-proposal)";
    report(sa, manager::FailureKind::NoProposalChosen, sa.failure);
    return;
  }
  const auto* sa2 = wire::find_first<wire::SaPayload>(payloads);
  const auto* tsi = wire::find_first<wire::TsiPayload>(payloads);
  const auto* tsr = wire::find_first<wire::TsrPayload>(payloads);
  if (sa2 == nullptr || sa2->proposals.size() != 1 || tsi == nullptr || tsr == nullptr || tsi->selectors.empty() ||
      tsr->selectors.empty()) {
    sa.failure = "CHILD SA: the IKE_AUTH response has no SA or traffic selectors";
    report(sa, manager::FailureKind::Other, sa.failure);
    return;
  }
  auto child = accept_answer(from_wire(*sa2).front(), esp_offers(peer.tunnel, false, spi_bytes(sa.child_spi_in)));
  auto local = from_wire(tsi->selectors.front());
  auto remote = from_wire(tsr->selectors.front());
  auto their_spi = child ? spi_value(child->spi) : std::nullopt;
  if (!child || !local || !remote || !their_spi) {
    sa.failure = "CHILD SA: the peer's answer is not one of our offers";
    report(sa, manager::FailureKind::NoProposalChosen, sa.failure);
    return;
  }
  install_child(sa, true, sa.child_spi_in, *their_spi, *child, *local, *remote, span(sa.ni), span(sa.nr), {});
  arm_lifetimes(sa);
  const uint32_t id = sa.id;
  report(sa, manager::FailureKind::None, "");
  auto still = sas_.find(id);
  if (still == sas_.end()) return;
  // The ASA builds one CHILD SA per crypto-ACL entry: the others follow.
  for (size_t i = 1; i < peer.tunnel.selectors.size(); ++i)
    still->second->queue.push_back([this, i](IkeSa& s) { start_create_child(s, i, std::nullopt); });
  pump(*still->second);
}

// ---------------------------------------------------------------- dispatch

// SAs are indexed by the initiator's SPI (every message carries it), so a
// lookup costs the same with ten SAs or ten thousand.
void Ikev2Engine::add_sa(std::unique_ptr<IkeSa> sa) {
  by_spi_i_.emplace(sa->spi_i, sa->id);
  uint32_t id = sa->id;
  sas_[id] = std::move(sa);
}

void Ikev2Engine::erase_sa(uint32_t id) {
  auto it = sas_.find(id);
  if (it == sas_.end()) return;
  auto range = by_spi_i_.equal_range(it->second->spi_i);
  for (auto r = range.first; r != range.second; ++r) {
    if (r->second == id) {
      by_spi_i_.erase(r);
      break;
    }
  }
  sas_.erase(it);
}

Ikev2Engine::IkeSa* Ikev2Engine::find(uint64_t spi_i, uint64_t spi_r, bool initiator_sent) {
  auto range = by_spi_i_.equal_range(spi_i);
  for (auto r = range.first; r != range.second; ++r) {
    IkeSa& sa = *sas_.at(r->second);
    // A message from the peer has the I flag set exactly when we are not the initiator.
    if (sa.initiator == initiator_sent) continue;
    // Our own SA as initiator gets its responder SPI from the first response.
    if (sa.spi_r == spi_r || (sa.initiator && sa.spi_r == 0)) return &sa;
  }
  return nullptr;
}

const PeerConfig* Ikev2Engine::peer_for(uint32_t remote_address, uint32_t local_address, size_t* index) const {
  for (size_t i = 0; i < peers_.size(); ++i) {
    if (peers_[i].peer_address == remote_address && peers_[i].local_address == local_address) {
      *index = i;
      return &peers_[i];
    }
  }
  return nullptr;
}

void Ikev2Engine::receive(const io::Datagram& raw) {
  if (raw.to.port == kNatTPort) {
    wire::Udp4500Packet p = wire::classify_udp4500(raw.bytes);
    if (p.kind != wire::Udp4500Kind::Ike) return;  // ESP and NAT keepalives are the data plane's
    io::Datagram stripped{raw.from, raw.to, p.payload.to_bytes()};
    receive_ike(stripped);
    return;
  }
  receive_ike(raw);
}

void Ikev2Engine::receive_ike(const io::Datagram& d) {
  wire::DecodeResult decoded = wire::decode_message(d.bytes);
  if (!decoded.ok()) {
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(), decoded.error().what});
    return;
  }
  const wire::Message& m = decoded.message();
  const wire::Header& h = m.header;
  IkeSa* sa = find(h.spi_i, h.spi_r, h.initiator);
  if (sa != nullptr) {
    events::SaRef ref = sa_ref(*sa);
    ref.local = d.to;  // where it really arrived (the peer may have floated to 4500)
    ref.remote = d.from;
    deps_.events.emit(events::MessageReceived{ref, static_cast<uint8_t>(h.exchange), h.message_id, h.response,
                                              d.bytes.size()});
  }
  if (!h.response) {
    if (h.exchange == wire::ExchangeType::IkeSaInit && h.initiator && h.spi_r == 0) {
      // A retransmitted IKE_SA_INIT for an SA we already answered: resend.
      auto range = by_spi_i_.equal_range(h.spi_i);
      for (auto r = range.first; r != range.second; ++r) {
        IkeSa* s = sas_.at(r->second).get();
        if (!s->initiator && s->remote.address == d.from.address && s->cached_response_id == 0u &&
            s->init_request == d.bytes) {
          deps_.events.emit(events::ResponseRetransmitted{sa_ref(*s), static_cast<uint8_t>(h.exchange), 0});
          transmit(s->local, s->remote, s->init_response);
          return;
        }
      }
      receive_ike_sa_init_request(d, m);
      return;
    }
    if (sa == nullptr || sa->state == State::Failed || (sa->initiator && sa->state != State::Established &&
                                                          sa->state != State::Deleting)) {
      deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(), "request for an unknown IKE SA"});
      return;
    }
    if (sa->cached_response_id && h.message_id == *sa->cached_response_id) {
      deps_.events.emit(events::ResponseRetransmitted{sa_ref(*sa), static_cast<uint8_t>(h.exchange), h.message_id});
      transmit(d.to, d.from, sa->cached_response);
      return;
    }
    if (h.message_id != sa->expected_request_id) {
      deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(),
                                                        "unexpected message ID " + std::to_string(h.message_id)});
      return;
    }
    if (h.exchange == wire::ExchangeType::IkeAuth && sa->state == State::AuthSent) {
      // The initiator floats to 4500 when it sees a NAT: follow it.
      sa->local = d.to;
      sa->remote = d.from;
      receive_ike_auth_request(*sa, d, m);
      return;
    }
    if (h.exchange == wire::ExchangeType::Informational &&
        (sa->state == State::Established || sa->state == State::Deleting)) {
      receive_informational_request(*sa, d, m);
      return;
    }
    if (h.exchange == wire::ExchangeType::CreateChildSa && sa->state == State::Established) {
      receive_create_child_request(*sa, d, m);
      return;
    }
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(),
                                                      "exchange not supported yet in this state"});
    return;
  }
  // A response: only for our own outstanding request.
  if (sa == nullptr || sa->pending_request.empty() || h.message_id != sa->next_message_id) {
    deps_.events.emit(events::MalformedMessageDropped{2, d.from, d.to, d.bytes.size(),
                                                      "response that matches no outstanding request"});
    return;
  }
  if (h.exchange == wire::ExchangeType::IkeSaInit && sa->state == State::InitSent) {
    receive_ike_sa_init_response(*sa, d, m);
  } else if (h.exchange == wire::ExchangeType::IkeAuth && sa->state == State::AuthSent && sa->initiator) {
    receive_ike_auth_response(*sa, d, m);
  } else if (h.exchange == wire::ExchangeType::Informational &&
             (sa->state == State::Established || sa->state == State::Deleting)) {
    receive_informational_response(*sa, d, m);
  } else if (h.exchange == wire::ExchangeType::CreateChildSa && sa->state == State::Established) {
    receive_create_child_response(*sa, d, m);
  }
}

std::vector<Ikev2Engine::IkeSaInfo> Ikev2Engine::ike_sas() const {
  std::vector<IkeSaInfo> out;
  for (const auto& [id, sa] : sas_) {
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
