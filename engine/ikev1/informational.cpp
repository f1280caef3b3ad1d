// Informational exchanges (RFC 2408 4.8, RFC 2409 5.7): one message each,
// protected with HASH(1) = prf(SKEYID_a, M-ID | N/D) and its own IV once
// phase 1 is up, in the clear before. Deletes name SAs by the sender's
// inbound SPI (our outbound one) or, for the ISAKMP SA, by both cookies.
#include "common/ipv4.h"
#include "crypto/ikev1_keymat.h"
#include "ikev1/messages.h"
#include "ikev1/tasks.h"
#include "wire/ikev1_names.h"

namespace ikeshift::engine::ikev1::informational {

namespace w1 = wire::ikev1;
using manager::FailureKind;

namespace {

constexpr uint8_t kInformational = static_cast<uint8_t>(w1::ExchangeType::Informational);

void dropped(Core& core, const Inbound& in, const std::string& why) {
  core.dropped(in.datagram, "Informational: " + why);
}

void send_protected(Core& core, IsakmpSa& sa, const w1::Payload& payload) {
  const uint32_t mid = core.new_message_id(sa);
  wire::Bytes iv;
  wire::Bytes bytes = core.seal_phase2(sa, w1::ExchangeType::Informational, mid, iv,
                                       hashed_chain(sa, mid, HashKind::One, {payload}));
  core.emit(events::MessageSent{core.ref(sa), kInformational, mid, false, bytes.size()});
  core.transmit(sa.local, sa.remote, bytes);
}

bool is_error(w1::NotifyType t) { return static_cast<uint16_t>(t) < w1::kFirstStatusNotify; }

// The Quick Mode of ours an error notification is about: the one whose SPI
// it names, else the only one outstanding.
QuickMode* outstanding_quick_mode(IsakmpSa& sa, const w1::NotificationPayload& n) {
  QuickMode* only = nullptr;
  size_t count = 0;
  for (auto& [mid, qm] : sa.quick_modes) {
    if (!qm.initiator || qm.done) continue;
    if (n.spi.size() == 4 && spi_value(n.spi) == qm.spi_in) return &qm;
    only = &qm;
    ++count;
  }
  return count == 1 ? only : nullptr;
}

}  // namespace

void send_notify(Core& core, IsakmpSa& sa, w1::NotifyType type, w1::ProtocolId protocol, const wire::Bytes& spi,
                 const wire::Bytes& data) {
  w1::NotificationPayload n;
  n.protocol = protocol;
  n.spi = spi;
  n.type = type;
  n.data = data;
  if (sa.established()) {
    send_protected(core, sa, n);
    return;
  }
  w1::Header h;
  h.cky_i = sa.cky_i;
  h.cky_r = sa.cky_r;
  h.exchange = w1::ExchangeType::Informational;
  core.transmit(sa.local, sa.remote, w1::encode_message(h, {n}));
}

void send_delete(Core& core, IsakmpSa& sa, w1::ProtocolId protocol, const std::vector<wire::Bytes>& spis) {
  if (!sa.established() || spis.empty()) return;
  w1::DeletePayload d;
  d.protocol = protocol;
  d.spi_size = static_cast<uint8_t>(spis.front().size());
  d.spis = spis;
  if (protocol == w1::ProtocolId::Isakmp) core.emit(events::DeleteSent{core.ref(sa), events::SaKind::Ike, {}});
  send_protected(core, sa, d);
}

void send_clear_notify(Core& core, const io::Datagram& to_answer, const w1::Header& h, w1::NotifyType type) {
  w1::Header out;
  out.cky_i = h.cky_i;
  out.cky_r = h.cky_r;
  out.exchange = w1::ExchangeType::Informational;
  w1::NotificationPayload n;
  n.protocol = w1::ProtocolId::Isakmp;
  n.spi = crypto::concat({cookie_bytes(h.cky_i), cookie_bytes(h.cky_r)});
  n.type = type;
  core.transmit(to_answer.to, to_answer.from, w1::encode_message(out, {n}));
}

void receive(Core& core, IsakmpSa& sa, const Inbound& in) {
  wire::Bytes iv;
  auto opened = core.open_phase2(sa, in.message, iv);
  if (auto* e = std::get_if<OpenError>(&opened)) return dropped(core, in, e->what);
  const Opened& o = std::get<Opened>(opened);
  const auto& payloads = o.chain.payloads;
  const auto* hash = payloads.empty() ? nullptr : std::get_if<w1::HashPayload>(&payloads.front());
  if (hash == nullptr ||
      !crypto::equal_ct(hash->data, crypto::ikev1_hash1(*sa.prf, sa.keys.skeyid_a, in.message.header.message_id,
                                                         after_payload(o.plaintext, o.chain, 0))))
    return dropped(core, in, "HASH(1) does not verify (forged or for another ISAKMP SA)");
  core.heard(sa);
  const uint32_t id = sa.id;
  bool delete_isakmp = false;
  for (const auto& p : payloads) {
    if (const auto* n = std::get_if<w1::NotificationPayload>(&p)) {
      if (n->type == w1::NotifyType::RUThere) {
        dpd::r_u_there(core, sa, *n);
      } else if (n->type == w1::NotifyType::RUThereAck) {
        // heard() above: any authenticated message is proof of life.
      } else if (is_error(n->type)) {
        if (QuickMode* qm = outstanding_quick_mode(sa, *n)) quick_mode_initiator::refused(core, sa, *qm, n->type);
      }
      continue;
    }
    const auto* d = std::get_if<w1::DeletePayload>(&p);
    if (d == nullptr) continue;
    if (d->protocol == w1::ProtocolId::Isakmp) {
      const wire::Bytes ours = crypto::concat({cookie_bytes(sa.cky_i), cookie_bytes(sa.cky_r)});
      for (const auto& spi : d->spis) delete_isakmp = delete_isakmp || spi == ours;
      continue;
    }
    std::vector<uint64_t> removed;
    for (const auto& spi : d->spis) {
      const uint32_t out = spi_value(spi);
      // Usually under this ISAKMP SA; after a phase 1 rekey possibly under
      // another one with the same peer.
      IsakmpSa* owner = nullptr;
      uint32_t spi_in = 0;
      for (auto& [oid, other] : core.sas) {
        if (other->remote.address != sa.remote.address) continue;
        for (const IpsecSa& c : other->children)
          if (c.spi_out == out) owner = other.get(), spi_in = c.spi_in;
      }
      if (owner == nullptr) continue;
      removed.push_back(out);
      core.remove_ipsec(*owner, spi_in, "Peer Terminate", false);
    }
    if (!removed.empty()) core.emit(events::DeleteReceived{core.ref(sa), events::SaKind::Child, removed});
  }
  if (delete_isakmp) {
    if (IsakmpSa* s = core.find(id)) {
      core.emit(events::DeleteReceived{core.ref(*s), events::SaKind::Ike, {}});
      core.remove_isakmp(*s, "Peer Terminate");
    }
  }
}

void receive_clear(Core& core, IsakmpSa* sa, const Inbound& in) {
  // Unauthenticated: only believed while a phase 1 is still negotiating
  // (after it, a peer has keys and would protect its notifications).
  const auto* n = w1::find_first<w1::NotificationPayload>(in.message.payloads);
  if (sa == nullptr || n == nullptr || sa->established() || sa->state == Phase1State::Failed || !is_error(n->type))
    return dropped(core, in, "an unprotected notification outside a negotiation");
  const std::string what = w1::notify_type_name(n->type);
  FailureKind kind = FailureKind::Other;
  std::string why = "the peer refused with " + what;
  switch (n->type) {
    case w1::NotifyType::NoProposalChosen:
      kind = FailureKind::NoProposalChosen;
      core.emit(events::ProposalMismatch{core.ref(*sa), events::SaKind::Ike, {}, describe_all(core.peer(*sa).phase1)});
      break;
    case w1::NotifyType::PayloadMalformed:
    case w1::NotifyType::InvalidPayloadType:
    case w1::NotifyType::InvalidHashInformation:
    case w1::NotifyType::AuthenticationFailed:
      // Once our HASH is out (Main Mode 5; Aggressive Mode 2 as the
      // responder), these mean the peer could not decrypt or verify it: its
      // key is not ours. Before that they are the peer's policy (charon
      // refuses Aggressive Mode 1 with AUTHENTICATION_FAILED when it does
      // not allow Aggressive Mode with a PSK).
      if (sa->state == Phase1State::MmWaitMsg6 || sa->state == Phase1State::AmWaitMsg3) {
        kind = FailureKind::AuthenticationFailed;
        why = what + " from the peer after our HASH: pre-shared key mismatch with " + format_ipv4(sa->remote.address);
        core.emit(events::AuthenticationFailed{
            core.ref(*sa), format_ipv4(sa->remote.address),
            std::string("the peer rejected our ") + (sa->aggressive ? "Aggressive Mode 2" : "Main Mode 5") + " (" +
                what + ")"});
      } else {
        why = "the peer refused " + std::string(sa->aggressive ? "Aggressive Mode 1" : "Main Mode") + " with " + what;
      }
      break;
    default: break;
  }
  core.phase1_failed(*sa, kind, why);
}

}  // namespace ikeshift::engine::ikev1::informational
