#include "ikev1/core.h"

#include <algorithm>

#include "common/ipv4.h"
#include "crypto/ikev1_keymat.h"
#include "crypto/integrity.h"
#include "ikev1/messages.h"
#include "ikev1/tasks.h"
#include "io/ike_datagram.h"
#include "sa/random_ids.h"

namespace ikeshift::engine::ikev1 {

namespace w1 = wire::ikev1;
using Core = Ikev1Engine::Core;

namespace {

void wipe(wire::Bytes& b) {
  std::fill(b.begin(), b.end(), uint8_t{0});
  b.clear();
}

// ESP key lengths (RFC 2409 5.5: the encryption key first): the cipher's key
// (AES-GCM with its 4 octets of salt, RFC 4106 8.1; none for ESP_NULL), and
// the HMAC key as the crypto layer sizes it (RFC 2403/2404/4868).
crypto::KeyLengths esp_key_lengths(const crypto::CryptoContext& ctx, const Phase2Suite& s) {
  crypto::KeyLengths l;
  const model::Algorithm& e = *s.encryption;
  if (e.aead) {
    l.encr = e.key_bits / 8u + 4u;
  } else if (e.iana_id == 2) {
    l.encr = 8;  // DES: known without the legacy provider
  } else if (e.iana_id != 11) {
    auto c = crypto::CbcCipher::create(ctx, e.iana_id, e.key_bits);
    l.encr = c ? c->key_size() : e.key_bits / 8u;
  }
  if (s.integrity != nullptr) {
    auto i = crypto::Integrity::create(ctx, s.integrity->iana_id);
    l.integ = i ? i->key_size() : 0;
  }
  return l;
}

io::Duration scaled(uint64_t seconds, double share) {
  return std::chrono::milliseconds(static_cast<int64_t>(static_cast<double>(seconds) * 1000.0 * share));
}

}  // namespace

Core::Core(EngineDeps d, std::vector<PeerConfig> p, EngineOptions o)
    : deps(d), peers(std::move(p)), options(o), peer_index_(peers) {
  if (deps.spis == nullptr) own_spis_.emplace(deps.rng);
}

Core::~Core() {
  for (auto& [id, sa] : sas) {
    deps.timers.cancel(sa->flight.timer);
    deps.timers.cancel(sa->half_open_timer);
    deps.timers.cancel(sa->dpd_timer);
    deps.timers.cancel(sa->rekey_timer);
    deps.timers.cancel(sa->expire_timer);
    for (auto& [mid, qm] : sa->quick_modes) {
      deps.timers.cancel(qm.flight.timer);
      deps.timers.cancel(qm.linger_timer);
    }
    for (auto& c : sa->children) {
      deps.timers.cancel(c.rekey_timer);
      deps.timers.cancel(c.expire_timer);
    }
  }
}

// ---------------------------------------------------------------- the table

uint32_t Core::next_id() { return next_id_++; }

IsakmpSa& Core::add(std::unique_ptr<IsakmpSa> sa) {
  const uint32_t id = sa->id;
  by_cky_i.add(sa->cky_i, id);
  sas[id] = std::move(sa);
  return *sas[id];
}

void Core::erase(uint32_t id) {
  auto it = sas.find(id);
  if (it == sas.end()) return;
  by_cky_i.remove(it->second->cky_i, id);
  sas.erase(it);
}

IsakmpSa* Core::find(uint32_t id) {
  auto it = sas.find(id);
  return it == sas.end() ? nullptr : it->second.get();
}

IsakmpSa* Core::find(uint64_t cky_i, uint64_t cky_r) {
  return find_by_cky_i(cky_i, [cky_r](const IsakmpSa& sa) {
    return sa.cky_r == cky_r || (sa.initiator && sa.cky_r == 0);
  });
}

const PeerConfig* Core::peer_for(uint32_t remote_address, uint32_t local_address, size_t* index) const {
  std::optional<size_t> i = peer_index_.find(remote_address, local_address);
  if (!i) return nullptr;
  *index = *i;
  return &peers[*i];
}

IsakmpSa* Core::sibling(const IsakmpSa& not_this) {
  IsakmpSa* best = nullptr;
  for (auto& [id, sa] : sas) {
    if (sa.get() == &not_this || !sa->established() || sa->replaced) continue;
    if (sa->peer != not_this.peer || sa->remote.address != not_this.remote.address) continue;
    if (best == nullptr || sa->id > best->id) best = sa.get();
  }
  return best;
}

// ---------------------------------------------------------------- randomness

uint64_t Core::new_cookie() { return sa::random_nonzero_u64(deps.rng); }

sa::SpiLease Core::new_spi() {
  sa::InboundSpiAllocator& spis = deps.spis != nullptr ? *deps.spis : *own_spis_;
  return sa::SpiLease(spis, spis.allocate());
}

uint32_t Core::new_message_id(const IsakmpSa& sa) {
  for (;;) {
    crypto::Bytes b = deps.rng.bytes(4);
    const uint32_t v = (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
    if (v != 0 && sa.quick_modes.count(v) == 0) return v;
  }
}

wire::Bytes Core::nonce() { return deps.rng.bytes(32); }

// ---------------------------------------------------------------- events

events::SaRef Core::ref(const IsakmpSa& sa) const {
  return events::SaRef{1, sa.id, sa.cky_i, sa.cky_r, sa.local, sa.remote};
}

events::Ikev1Peer Core::who(const IsakmpSa& sa) const {
  // The ASA names the tunnel-group once the peer is authenticated.
  return events::Ikev1Peer{sa.established() || sa.state == Phase1State::Deleting ? peers[sa.peer].tunnel_group : "",
                           sa.remote.address};
}

void Core::dropped(const io::Datagram& d, const std::string& why) {
  emit(events::MalformedMessageDropped{1, d.from, d.to, d.bytes.size(), why});
}

const PeerConfig* Core::responder_peer(const Inbound& in, size_t* index, const std::string& mode) {
  const io::Datagram& d = in.datagram;
  const PeerConfig* p = peer_for(d.from.address, d.to.address, index);
  if (p == nullptr) {
    dropped(d, mode + ": no crypto map entry with IKEv1 for peer " + format_ipv4(d.from.address));
    informational::send_clear_notify(*this, d, in.message.header, w1::NotifyType::NoProposalChosen);
  }
  return p;
}

void Core::refuse_phase1(const Inbound& in, const PeerConfig& p, const std::vector<std::string>& received) {
  const io::Datagram& d = in.datagram;
  events::SaRef r;
  r.ike_version = 1;
  r.spi_i = in.message.header.cky_i;
  r.local = d.to;
  r.remote = d.from;
  emit(events::ProposalMismatch{r, events::SaKind::Ike, received, describe_all(p.phase1)});
  informational::send_clear_notify(*this, d, in.message.header, w1::NotifyType::NoProposalChosen);
}

IsakmpSa& Core::add_responder(const Inbound& in, size_t peer_index, bool aggressive) {
  const io::Datagram& d = in.datagram;
  auto owned = std::make_unique<IsakmpSa>();
  owned->id = next_id();
  owned->peer = peer_index;
  owned->initiator = false;
  owned->aggressive = aggressive;
  owned->cky_i = in.message.header.cky_i;
  owned->cky_r = new_cookie();
  owned->local = d.to;
  owned->remote = d.from;
  // SAi_b as received: hashing our re-encoding could differ (TV vs TLV).
  owned->sai_b =
      payload_body(d.bytes, w1::kHeaderSize, in.message.spans.at(*index_of<w1::SaPayload>(in.message.payloads)));
  return add(std::move(owned));
}

// ---------------------------------------------------------------- sending

void Core::transmit(const io::Endpoint& from, const io::Endpoint& to, const wire::Bytes& ike) {
  deps.transport.send(io::ike_datagram(from, to, ike));
}

void Core::send(IsakmpSa& sa, Flight& flight, wire::Bytes bytes, uint8_t exchange, uint32_t message_id,
                bool awaiting_reply, const wire::Bytes* answers) {
  deps.timers.cancel(flight.timer);
  emit(events::MessageSent{ref(sa), exchange, message_id, !sa.initiator, bytes.size()});
  transmit(sa.local, sa.remote, bytes);
  wipe(flight.last_sent);
  flight.last_sent = std::move(bytes);
  flight.sent_at = deps.clock.now();
  if (answers != nullptr) flight.last_received = *answers;
  flight.awaiting_reply = awaiting_reply;
  flight.attempts = 0;
  flight.exchange = exchange;
  flight.message_id = message_id;
  if (awaiting_reply) arm_retransmit(sa, flight);
}

// The timer names its slot by (SA id, phase 1 or the Quick Mode's message
// ID), never by pointer: the Quick Mode may be gone when it fires.
Flight* Core::flight_of(IsakmpSa& sa, bool phase1, uint32_t message_id) {
  if (phase1) return &sa.flight;
  auto it = sa.quick_modes.find(message_id);
  return it == sa.quick_modes.end() ? nullptr : &it->second.flight;
}

void Core::arm_retransmit(IsakmpSa& sa, Flight& f) {
  const bool phase1 = &f == &sa.flight;
  const uint32_t id = sa.id, mid = f.message_id;
  const io::Duration wait = options.retransmit.first * (1u << std::min(f.attempts, 16u));
  f.timer = deps.timers.schedule(deps.clock.now() + wait, [this, id, phase1, mid] { retransmit(id, phase1, mid); });
}

void Core::arm_phase1_deadline(IsakmpSa& sa) {
  const uint32_t id = sa.id;
  sa.half_open_timer = deps.timers.schedule(deps.clock.now() + options.half_open_timeout, [this, id] {
    IsakmpSa* s = find(id);
    if (s == nullptr || s->established() || s->state == Phase1State::Failed || s->state == Phase1State::Deleting)
      return;
    phase1_failed(*s, manager::FailureKind::Timeout,
                  std::string(s->aggressive ? "Aggressive Mode" : "Main Mode") + " with " + io::to_string(s->remote) +
                      " did not complete within " +
                      std::to_string(std::chrono::duration_cast<std::chrono::seconds>(options.half_open_timeout).count()) +
                      " s");
  });
}

void Core::retransmit(uint32_t id, bool phase1, uint32_t message_id) {
  IsakmpSa* sa = find(id);
  Flight* f = sa != nullptr ? flight_of(*sa, phase1, message_id) : nullptr;
  if (f == nullptr || !f->awaiting_reply) return;
  if (f->attempts < options.retransmit.max_attempts) {
    ++f->attempts;
    emit(events::RequestRetransmitted{ref(*sa), f->exchange, f->message_id, f->attempts});
    transmit(sa->local, sa->remote, f->last_sent);
    arm_retransmit(*sa, *f);
    return;
  }
  emit(events::RetransmissionsExhausted{ref(*sa), f->exchange, f->message_id, f->attempts});
  f->awaiting_reply = false;
  if (phase1) {
    if (sa->state == Phase1State::Deleting) {
      remove_isakmp(*sa, "the peer did not answer");
      return;
    }
    phase1_failed(*sa, manager::FailureKind::Timeout,
                  "no response from " + io::to_string(sa->remote) + " after " + std::to_string(f->attempts) +
                      " retransmissions");
    return;
  }
  // A Quick Mode that never finished.
  auto it = sa->quick_modes.find(message_id);
  const bool ours = it->second.initiator;
  deps.timers.cancel(it->second.linger_timer);
  sa->quick_modes.erase(it);
  if (ours) report(*sa, false, manager::FailureKind::Timeout, "Quick Mode got no answer from " + io::to_string(sa->remote));
}

void Core::settle(Flight& flight) {
  deps.timers.cancel(flight.timer);
  flight.awaiting_reply = false;
}

bool Core::answer_duplicate(IsakmpSa& sa, const io::Datagram& d) {
  auto resend = [&](Flight& f, int phase) {
    if (f.last_received.empty() || f.last_received != d.bytes) return false;
    // A peer retransmits after its timer; a copy right behind the original
    // is the network duplicating it. Answering that too would make the
    // peer see our answer twice, answer it twice, and so on down the
    // exchange.
    const io::Duration since = deps.clock.now() - f.sent_at;
    if (!f.last_sent.empty() && since < options.retransmit.first / 2) {
      emit(events::MalformedMessageDropped{1, d.from, d.to, d.bytes.size(),
                                           "a copy of a message answered " +
                                               std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(since).count()) +
                                               " ms ago: a network duplicate, not answered again"});
      return true;
    }
    emit(events::Ikev1DuplicatePacket{who(sa), phase, !f.last_sent.empty()});
    if (!f.last_sent.empty()) transmit(sa.local, sa.remote, f.last_sent);
    return true;
  };
  if (resend(sa.flight, 1)) return true;
  for (auto& [mid, qm] : sa.quick_modes)
    if (resend(qm.flight, 2)) return true;
  return false;
}

// ---------------------------------------------------------------- crypto

bool Core::use_suite(IsakmpSa& sa, const Phase1Suite& suite, std::string& why) {
  sa.suite = suite;
  sa.prf = crypto::Prf::create(deps.crypto, suite.prf->iana_id);
  sa.cipher = crypto::CbcCipher::create(deps.crypto, suite.encryption->iana_id, suite.encryption->key_bits);
  if (!sa.prf || !sa.cipher) {
    why = "this build cannot run " + suite.describe() +
          (suite.encryption->iana_id == 2 ? " (single DES needs the legacy OpenSSL provider: see --help)" : "");
    return false;
  }
  return true;
}

void Core::derive_phase1_keys(IsakmpSa& sa, crypto::ByteSpan g_xy) {
  crypto::SecureBytes skeyid = crypto::ikev1_skeyid_psk(*sa.prf, peers[sa.peer].psk, sa.ni, sa.nr);
  sa.keys = crypto::ikev1_derive_skeyids(*sa.prf, std::move(skeyid), g_xy, cookie_bytes(sa.cky_i),
                                         cookie_bytes(sa.cky_r));
  sa.ka = crypto::ikev1_encryption_key(*sa.prf, sa.keys.skeyid_e, sa.cipher->key_size());
  sa.iv = crypto::ikev1_phase1_iv(*sa.prf, sa.g_xi, sa.g_xr, sa.cipher->block_size());
  if (deps.key_sink != nullptr) deps.key_sink->isakmp_keys(IsakmpSaKeys{sa.cky_i, sa.cky_r, sa.ka});
  emit(events::ProposalChosen{ref(sa), events::SaKind::Ike, sa.suite.describe()});
}

wire::Bytes Core::seal_phase1(IsakmpSa& sa, const std::vector<w1::Payload>& payloads) {
  w1::Header h;
  h.cky_i = sa.cky_i;
  h.cky_r = sa.cky_r;
  h.exchange = sa.aggressive ? w1::ExchangeType::Aggressive : w1::ExchangeType::IdentityProtection;
  Sealed s = seal(h, w1::encode_payload_chain(payloads), *sa.cipher, sa.ka, sa.iv);
  sa.iv = std::move(s.next_iv);
  return std::move(s.datagram);
}

std::variant<Opened, OpenError> Core::open_phase1(IsakmpSa& sa, const w1::Message& m) {
  auto r = open(m, *sa.cipher, sa.ka, sa.iv);
  if (auto* o = std::get_if<Opened>(&r)) sa.iv = o->next_iv;
  return r;
}

wire::Bytes Core::phase2_iv(const IsakmpSa& sa, uint32_t message_id) const {
  return crypto::ikev1_phase2_iv(*sa.prf, sa.last_block, message_id, sa.cipher->block_size());
}

wire::Bytes Core::seal_phase2(IsakmpSa& sa, w1::ExchangeType exchange, uint32_t message_id, wire::Bytes& iv,
                              const w1::EncodedChain& chain) {
  if (iv.empty()) iv = phase2_iv(sa, message_id);
  w1::Header h;
  h.cky_i = sa.cky_i;
  h.cky_r = sa.cky_r;
  h.exchange = exchange;
  h.message_id = message_id;
  Sealed s = seal(h, chain, *sa.cipher, sa.ka, iv);
  iv = std::move(s.next_iv);
  return std::move(s.datagram);
}

std::variant<Opened, OpenError> Core::open_phase2(IsakmpSa& sa, const w1::Message& m, wire::Bytes& iv) {
  const wire::Bytes start = iv.empty() ? phase2_iv(sa, m.header.message_id) : iv;
  auto r = open(m, *sa.cipher, sa.ka, start);
  if (auto* o = std::get_if<Opened>(&r)) iv = o->next_iv;
  return r;
}

// ---------------------------------------------------------------- life cycle

void Core::report(IsakmpSa& sa, bool established, manager::FailureKind kind, const std::string& detail) {
  // Established is "no failure"; a failure is never reported as one.
  const manager::FailureKind failure = established                         ? manager::FailureKind::None
                                       : kind == manager::FailureKind::None ? manager::FailureKind::Other
                                                                            : kind;
  manager::report_once(sa.outcome, 1, sa.id, failure, detail);
}

void Core::phase1_failed(IsakmpSa& sa, manager::FailureKind kind, const std::string& why) {
  deps.timers.cancel(sa.flight.timer);
  deps.timers.cancel(sa.half_open_timer);
  sa.flight.awaiting_reply = false;
  sa.state = Phase1State::Failed;
  sa.failure = why;
  emit(events::IsakmpSaRemoved{ref(sa), "negotiation failed: " + why});
  const uint32_t id = sa.id;
  report(sa, false, kind, why);
  // The failed SA stays a little while for `show` (MM_NO_STATE, and its
  // cookies absorb the peer's retransmissions); its keys are no use to
  // anyone. Then it goes, so that failed negotiations (forged first messages
  // among them) cannot pile up.
  if (IsakmpSa* s = find(id)) {
    s->dh.reset();
    s->keys = crypto::Ikev1Skeyids{};
    s->ka.clear();
    s->half_open_timer = deps.timers.schedule(deps.clock.now() + options.failed_linger, [this, id] {
      IsakmpSa* gone = find(id);
      if (gone == nullptr || gone->state != Phase1State::Failed) return;
      deps.timers.cancel(gone->flight.timer);
      for (auto& [mid, qm] : gone->quick_modes) {
        deps.timers.cancel(qm.flight.timer);
        deps.timers.cancel(qm.linger_timer);
      }
      erase(id);
    });
  }
}

void Core::phase1_done(IsakmpSa& sa) {
  deps.timers.cancel(sa.half_open_timer);
  sa.state = Phase1State::Active;
  sa.last_block = sa.iv;
  sa.established_at = deps.clock.now();
  sa.last_heard = *sa.established_at;
  sa.dh.reset();  // g^xy's private half is no longer needed
  emit(events::Ikev1Phase1Completed{who(sa)});
  if (sa.local_behind_nat || sa.remote_behind_nat)
    emit(events::NatDetected{ref(sa), sa.local_behind_nat, sa.remote_behind_nat});
  // A rekey: the IPsec SAs of the old ISAKMP SA move here, then it goes.
  if (sa.replaces) {
    if (IsakmpSa* old = find(*sa.replaces); old != nullptr && old->established()) {
      for (IpsecSa& c : old->children) {
        deps.timers.cancel(c.rekey_timer);
        deps.timers.cancel(c.expire_timer);
      }
      sa.children = std::move(old->children);
      old->children.clear();
      old->replaced = true;
      emit(events::RekeyCompleted{ref(*old), events::SaKind::Ike, old->cky_i, sa.cky_i});
      informational::send_delete(*this, *old, w1::ProtocolId::Isakmp,
                                 {crypto::concat({cookie_bytes(old->cky_i), cookie_bytes(old->cky_r)})});
      remove_isakmp(*old, "ISAKMP SA rekeyed");
      for (IpsecSa& c : sa.children) arm_ipsec_lifetime(sa, c);
    }
    sa.replaces.reset();
  }
  // The peer started a new phase 1 next to an old one (strongSwan's IKEv1
  // "rekey" is exactly that): the IPsec SAs are the peer's, not the old
  // ISAKMP SA's, so they move here, where the peer now runs Quick Modes and
  // sends its Deletes. The old ISAKMP SA stays until someone deletes it.
  for (auto& [id, other] : sas) {
    if (other.get() == &sa || !other->established() || other->remote.address != sa.remote.address ||
        other->children.empty())
      continue;
    for (IpsecSa& c : other->children) {
      deps.timers.cancel(c.rekey_timer);
      deps.timers.cancel(c.expire_timer);
      sa.children.push_back(std::move(c));
      arm_ipsec_lifetime(sa, sa.children.back());
    }
    other->children.clear();
  }
  arm_dpd(sa);
  arm_isakmp_lifetime(sa);
  std::vector<size_t> pending = std::move(sa.pending_selectors);
  sa.pending_selectors.clear();
  for (size_t i : pending) quick_mode_initiator::start(*this, sa, i, std::nullopt);
}

void Core::install(IsakmpSa& sa, QuickMode& qm, const Phase2Choice& choice, crypto::ByteSpan g_qm) {
  const Phase2Suite& s = choice.suite;
  const crypto::KeyLengths lengths = esp_key_lengths(deps.crypto, s);
  const uint32_t spi_i = qm.initiator ? qm.spi_in : choice.peer_spi;
  const uint32_t spi_r = qm.initiator ? choice.peer_spi : qm.spi_in;
  const wire::Bytes spi_i_bytes = spi_bytes(spi_i), spi_r_bytes = spi_bytes(spi_r);
  crypto::ChildKeyInput key_input;
  key_input.g = g_qm;
  key_input.ni = qm.ni;
  key_input.nr = qm.nr;
  key_input.protocol = static_cast<uint8_t>(w1::ProtocolId::Esp);
  key_input.spi_i = spi_i_bytes;
  key_input.spi_r = spi_r_bytes;
  key_input.lengths = lengths;
  crypto::ChildSaKeys k = crypto::Ikev1Keymat(*sa.prf, sa.keys.skeyid_d).child_sa_keys(key_input);
  IpsecSa child;
  child.spi_in = qm.spi_in;
  child.spi_out = choice.peer_spi;
  child.suite = s;
  child.local = qm.local;
  child.remote = qm.remote;
  child.selector = qm.selector;
  child.initiator = qm.initiator;
  child.installed_at = deps.clock.now();
  child.spi_lease = std::move(qm.spi_lease);
  emit(events::ProposalChosen{ref(sa), events::SaKind::Child, s.describe()});
  if (deps.child_sink != nullptr) {
    const PeerConfig& peer = peers[sa.peer];
    dataplane::ChildSaInstall install;
    install.ike_version = 1;
    install.ike_sa = sa.id;
    install.map = peer.map;
    install.sequence = peer.sequence;
    install.spi_in = child.spi_in;
    install.spi_out = child.spi_out;
    install.transform = esp_transform_of(s);
    install.tunnel_mode = !s.transport;
    install.local = child.local;
    install.remote = child.remote;
    install.set_outer_path(sa.local.address, sa.local.port, sa.remote.address, sa.remote.port);
    install.lifetime_seconds = s.lifetime_seconds;
    install.lifetime_kilobytes = s.lifetime_kilobytes;
    install.set_keys(crypto::directional(k, qm.initiator));
    deps.child_sink->install(install);
  }
  emit(events::Ikev1Phase2Completed{who(sa), qm.message_id});
  emit(events::Ikev1SecurityNegotiationComplete{who(sa), qm.initiator, child.spi_in, child.spi_out});
  sa.children.push_back(std::move(child));
  arm_ipsec_lifetime(sa, sa.children.back());
  if (qm.rekey_of) {
    const uint32_t old = *qm.rekey_of;
    emit(events::RekeyCompleted{ref(sa), events::SaKind::Child, old, qm.spi_in});
    remove_ipsec(sa, old, "IPsec SA rekeyed", qm.initiator, true);
  }
  report(sa, true, manager::FailureKind::None, "");
}

void Core::remove_ipsec(IsakmpSa& sa, uint32_t spi_in, const std::string& reason, bool send_delete, bool replaced) {
  auto it = std::find_if(sa.children.begin(), sa.children.end(), [&](const IpsecSa& c) { return c.spi_in == spi_in; });
  if (it == sa.children.end()) return;
  IpsecSa gone = std::move(*it);
  sa.children.erase(it);
  deps.timers.cancel(gone.rekey_timer);
  deps.timers.cancel(gone.expire_timer);
  if (send_delete && sa.established()) {
    emit(events::DeleteSent{ref(sa), events::SaKind::Child, {gone.spi_in}});
    informational::send_delete(*this, sa, w1::ProtocolId::Esp, {spi_bytes(gone.spi_in)});
  }
  if (deps.child_sink != nullptr) deps.child_sink->remove(1, sa.id, gone.spi_in);
  // A rekeyed SA is replaced, not a tunnel going down.
  if (!replaced)
    emit(events::Ikev1ConnectionTerminated{who(sa), reason, gone.remote, gone.local});
}

void Core::remove_isakmp(IsakmpSa& sa, const std::string& reason) {
  deps.timers.cancel(sa.flight.timer);
  deps.timers.cancel(sa.half_open_timer);
  deps.timers.cancel(sa.dpd_timer);
  deps.timers.cancel(sa.rekey_timer);
  deps.timers.cancel(sa.expire_timer);
  for (auto& [mid, qm] : sa.quick_modes) {
    deps.timers.cancel(qm.flight.timer);
    deps.timers.cancel(qm.linger_timer);
  }
  // IKEv1 IPsec SAs outlive their ISAKMP SA only when another one can take
  // them over (RFC 2409 leaves it open; strongSwan and the ASA tie them).
  if (!sa.children.empty()) {
    if (IsakmpSa* heir = sibling(sa)) {
      for (IpsecSa& c : sa.children) heir->children.push_back(std::move(c));
      sa.children.clear();
      for (IpsecSa& c : heir->children) arm_ipsec_lifetime(*heir, c);
    } else {
      std::vector<uint32_t> spis;
      for (const IpsecSa& c : sa.children) spis.push_back(c.spi_in);
      for (uint32_t spi : spis) remove_ipsec(sa, spi, reason, false);
    }
  }
  if (!sa.replaced) emit(events::IsakmpSaRemoved{ref(sa), reason});
  report(sa, false, manager::FailureKind::Other, "ISAKMP SA removed: " + reason);
  erase(sa.id);  // `sa` is gone after this line
}

void Core::arm_isakmp_lifetime(IsakmpSa& sa) {
  const uint64_t life = sa.suite.lifetime_seconds;
  if (life == 0) return;
  const uint32_t id = sa.id;
  deps.timers.cancel(sa.rekey_timer);
  deps.timers.cancel(sa.expire_timer);
  // The side that initiated rekeys (so the two ends never both do); both
  // sides let it expire.
  if (sa.initiator) {
    sa.rekey_timer = deps.timers.schedule(deps.clock.now() + scaled(life, options.rekey_at), [this, id] {
      IsakmpSa* s = find(id);
      if (s == nullptr || !s->established() || s->replaced) return;
      emit(events::RekeyStarted{ref(*s), events::SaKind::Ike, s->cky_i});
      auto fresh = std::make_unique<IsakmpSa>();
      fresh->id = next_id();
      fresh->peer = s->peer;
      fresh->initiator = true;
      fresh->aggressive = peers[s->peer].aggressive;
      fresh->cky_i = new_cookie();
      fresh->local = io::Endpoint{s->local.address, io::kIkePort};
      fresh->remote = io::Endpoint{s->remote.address, io::kIkePort};
      fresh->replaces = s->id;
      IsakmpSa& n = add(std::move(fresh));
      if (n.aggressive) {
        aggressive_mode_initiator::start(*this, n);
      } else {
        main_mode_initiator::start(*this, n);
      }
    });
  }
  sa.expire_timer = deps.timers.schedule(deps.clock.now() + scaled(life, 1.0), [this, id] {
    IsakmpSa* s = find(id);
    if (s == nullptr || s->replaced) return;
    if (s->established())
      informational::send_delete(*this, *s, w1::ProtocolId::Isakmp,
                                 {crypto::concat({cookie_bytes(s->cky_i), cookie_bytes(s->cky_r)})});
    remove_isakmp(*s, "ISAKMP SA lifetime expired");
  });
}

void Core::arm_ipsec_lifetime(IsakmpSa& sa, IpsecSa& child) {
  const uint64_t life = child.suite.lifetime_seconds;
  deps.timers.cancel(child.rekey_timer);
  deps.timers.cancel(child.expire_timer);
  if (life == 0) return;
  const uint32_t id = sa.id, spi = child.spi_in;
  const io::TimePoint base = child.installed_at;
  if (child.initiator) {
    child.rekey_timer = deps.timers.schedule(base + scaled(life, options.rekey_at), [this, id, spi] {
      // The IPsec SA may have moved to a newer ISAKMP SA meanwhile.
      for (auto& [sid, s] : sas) {
        if (!s->established()) continue;
        for (IpsecSa& c : s->children)
          if (c.spi_in == spi) {
            quick_mode_initiator::start(*this, *s, c.selector, spi);
            return;
          }
      }
      (void)id;
    });
  }
  child.expire_timer = deps.timers.schedule(base + scaled(life, 1.0), [this, spi] {
    for (auto& [sid, s] : sas)
      for (const IpsecSa& c : s->children)
        if (c.spi_in == spi) {
          remove_ipsec(*s, spi, "IPSec SA Lifetime Expired", true);
          return;
        }
  });
}

void Core::arm_dpd(IsakmpSa& sa) {
  const model::Dpd& dpd = peers[sa.peer].tunnel.dpd;
  deps.timers.cancel(sa.dpd_timer);
  if (!dpd.enabled || dpd.reply_only || dpd.threshold_seconds == 0 || !sa.peer_dpd) return;
  const io::Duration wait = sa.dpd_outstanding ? std::chrono::seconds(std::max(1u, dpd.retry_seconds))
                                               : std::chrono::seconds(dpd.threshold_seconds);
  const uint32_t id = sa.id;
  sa.dpd_timer = deps.timers.schedule(deps.clock.now() + wait, [this, id] { dpd::check(*this, id); });
}

void Core::heard(IsakmpSa& sa) {
  sa.last_heard = deps.clock.now();
  if (sa.dpd_outstanding) {
    sa.dpd_outstanding = false;
    sa.dpd_attempts = 0;
  }
  arm_dpd(sa);
}

const char* state_name(Phase1State s, bool aggressive) {
  switch (s) {
    case Phase1State::MmWaitMsg2: return "MM_WAIT_MSG2";
    case Phase1State::MmWaitMsg3: return "MM_WAIT_MSG3";
    case Phase1State::MmWaitMsg4: return "MM_WAIT_MSG4";
    case Phase1State::MmWaitMsg5: return "MM_WAIT_MSG5";
    case Phase1State::MmWaitMsg6: return "MM_WAIT_MSG6";
    case Phase1State::AmWaitMsg2: return "AM_WAIT_MSG2";
    case Phase1State::AmWaitMsg3: return "AM_WAIT_MSG3";
    case Phase1State::Active: return aggressive ? "AM_ACTIVE" : "MM_ACTIVE";
    case Phase1State::Deleting: return "MM_DELETE";
    case Phase1State::Failed: return "MM_NO_STATE";
  }
  return "?";
}

}  // namespace ikeshift::engine::ikev1
