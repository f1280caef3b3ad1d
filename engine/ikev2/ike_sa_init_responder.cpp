// IKE_SA_INIT as responder (RFC 7296 1.2): the answer to a retransmitted
// request from the cache; the stateless COOKIE challenge under load (2.6,
// `crypto ikev2 cookie-challenge`); NO_PROPOSAL_CHOSEN; INVALID_KE_PAYLOAD
// with the group we chose (no state kept); or a half-open SA with our
// proposal, KE, nonce and NAT detection, dropped if IKE_AUTH does not follow.
#include <algorithm>

#include "common/ipv4.h"
#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2 {

std::optional<size_t> cookie_threshold_from(std::optional<uint32_t> percent, std::optional<uint32_t> max_in_negotiation) {
  if (!percent) return std::nullopt;
  // Without `limit max-in-negotiation-sa` the ASA's own limit applies; 100 is
  // used here (unverified for every platform; documented in docs/ARCHITECTURE.md).
  uint64_t limit = max_in_negotiation.value_or(100);
  return static_cast<size_t>((limit * std::min<uint32_t>(*percent, 100) + 99) / 100);
}

namespace ike_sa_init_responder {

namespace {

// Cookie = version | HMAC-SHA-256(secret, Ni | IPi | port | SPIi) (RFC 7296 2.6).
wire::Bytes cookie_for(Core& core, const io::Datagram& d, const wire::Header& h, const wire::Bytes& ni) {
  if (core.cookie_secret.size() == 0) core.cookie_secret = core.deps.rng.secure_bytes(32);
  auto prf = crypto::Prf::create(core.deps.crypto, uint16_t{5});
  wire::Bytes input = ni;
  for (int i = 3; i >= 0; --i) input.push_back(static_cast<uint8_t>(d.from.address >> (8 * i)));
  input.push_back(static_cast<uint8_t>(d.from.port >> 8));
  input.push_back(static_cast<uint8_t>(d.from.port));
  wire::Bytes spi = spi64_bytes(h.spi_i);
  input.insert(input.end(), spi.begin(), spi.end());
  crypto::SecureBytes mac = prf->compute(core.cookie_secret, crypto::ByteSpan(input));
  wire::Bytes cookie;
  cookie.reserve(1 + mac.size());
  cookie.push_back(1);  // version of the secret, so it can be rotated
  cookie.insert(cookie.end(), mac.data(), mac.data() + mac.size());
  return cookie;
}

// A retransmitted IKE_SA_INIT for an SA we already answered: resend.
bool answered_before(Core& core, const io::Datagram& d, const wire::Header& h) {
  auto range = core.by_spi_i.equal_range(h.spi_i);
  for (auto r = range.first; r != range.second; ++r) {
    IkeSa* s = core.sas.at(r->second).get();
    if (!s->initiator && s->remote.address == d.from.address && s->cached_response_id == 0u &&
        s->init_request == d.bytes) {
      core.emit(events::ResponseRetransmitted{core.ref(*s), static_cast<uint8_t>(h.exchange), 0});
      core.transmit(s->local, s->remote, s->init_response);
      return true;
    }
  }
  return false;
}

void expire_half_open(Core& core, IkeSa& sa) {
  const uint32_t id = sa.id;
  sa.retransmit_timer = core.deps.timers.schedule(core.deps.clock.now() + core.options.half_open_timeout, [&core, id] {
    IkeSa* s = core.find(id);
    if (s == nullptr || s->state != State::AuthSent) return;
    core.emit(events::NegotiationAborted{core.event_peer(*s), "no IKE_AUTH from the peer after IKE_SA_INIT"});
    core.remove_sa(*s, "half-open SA expired");  // `s` is gone
  });
}

}  // namespace

void first_message(Core& core, const Inbound& in) {
  const io::Datagram& d = in.datagram;
  const wire::Message& m = in.message;
  if (answered_before(core, d, m.header)) return;
  core.emit(events::InitRequestReceived{events::Peer{d.to, d.from, ""}});
  size_t index = 0;
  const PeerConfig* peer = core.peer_for(d.from.address, d.to.address, &index);
  if (peer == nullptr) {
    // No crypto map entry for this peer: the ASA answers nothing it could not
    // authenticate later either; NO_PROPOSAL_CHOSEN tells the peer why.
    core.send_plain_error(d, m.header, wire::NotifyType::NoProposalChosen, {});
    core.emit(events::NegotiationAborted{events::Peer{d.to, d.from, ""},
                                         "no crypto map entry with IKEv2 for peer " + format_ipv4(d.from.address)});
    return;
  }
  const auto* sa_payload = wire::find_first<wire::SaPayload>(m.payloads);
  const auto* ke = wire::find_first<wire::KePayload>(m.payloads);
  const auto* nonce = wire::find_first<wire::NoncePayload>(m.payloads);
  if (sa_payload == nullptr || ke == nullptr || nonce == nullptr || nonce->data.size() < 16 ||
      nonce->data.size() > 256) {
    core.send_plain_error(d, m.header, wire::NotifyType::InvalidSyntax, {});
    core.dropped(d, "IKE_SA_INIT request without SA, KE or a valid nonce");
    return;
  }
  if (core.options.cookie_threshold && core.half_open.size() >= *core.options.cookie_threshold) {
    const auto* first = m.payloads.empty() ? nullptr : std::get_if<wire::NotifyPayload>(&m.payloads.front());
    bool returned = first != nullptr && first->type == wire::NotifyType::Cookie &&
                    first->data == cookie_for(core, d, m.header, nonce->data);
    if (!returned) {
      // Stateless: the answer is computed again from the retry, nothing is kept.
      core.send_plain_error(d, m.header, wire::NotifyType::Cookie, cookie_for(core, d, m.header, nonce->data));
      core.emit(events::CookieChallengeSent{events::Peer{d.to, d.from, ""}});
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
    core.emit(events::ProposalMismatch{ref, events::SaKind::Ike, describe_all(received), describe_all(peer->ike_offers)});
    core.emit(events::NegotiationAborted{events::Peer{d.to, d.from, ""}, "Failed to find a matching policy"});
    core.send_plain_error(d, m.header, wire::NotifyType::NoProposalChosen, {});
    return;
  }
  if (ke->dh_group != chosen->dh_group->id) {
    // RFC 7296 1.2: ask for the group we chose; keep no state (the retry is a new request).
    core.send_plain_error(d, m.header, wire::NotifyType::InvalidKePayload, group_octets(chosen->dh_group->id));
    return;
  }
  auto owned = std::make_unique<IkeSa>();
  IkeSa& sa = *owned;
  sa.id = core.next_id();
  sa.peer = index;
  sa.initiator = false;
  sa.spi_i = m.header.spi_i;
  sa.spi_r = core.new_ike_spi();
  sa.local = d.to;
  sa.remote = d.from;
  sa.proposal = *chosen;
  sa.ni = nonce->data;
  sa.nr = core.nonce();
  sa.init_request = d.bytes;
  sa.expected_request_id = 1;
  core.detect_nat(sa, d, m, 0);
  sa.dh = core.deps.dh.create(ke->dh_group, core.deps.rng);
  core.add(std::move(owned));
  if (!sa.dh || !core.derive_ike_keys(sa, crypto::ByteSpan(ke->data))) {
    core.send_plain_error(d, m.header, wire::NotifyType::InvalidKePayload, group_octets(ke->dh_group));
    core.fail(sa, "invalid KE payload (group " + std::to_string(ke->dh_group) + ")");
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
  core.add_nat_detection(r.payloads, sa, sa.spi_r);
  sa.init_response = wire::encode_message(r);
  sa.state = State::AuthSent;  // waiting for the peer's IKE_AUTH
  core.half_open.insert(sa.id);
  core.send_response(sa, sa.init_response, wire::ExchangeType::IkeSaInit, 0);
  expire_half_open(core, sa);
}

}  // namespace ike_sa_init_responder
}  // namespace ikeshift::engine::ikev2
