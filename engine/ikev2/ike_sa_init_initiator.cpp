// IKE_SA_INIT as initiator (RFC 7296 1.2): our offers, KE and nonce with NAT
// detection; the answer's COOKIE (repeat with it, 2.6), INVALID_KE_PAYLOAD
// (repeat with the group asked for, 1.2), NO_PROPOSAL_CHOSEN, or the chosen
// proposal, after which IKE_AUTH follows (on UDP 4500 when a NAT was seen).
#include <algorithm>

#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2::ike_sa_init_initiator {

void send(Core& core, IkeSa& sa, std::optional<uint16_t> group) {
  const PeerConfig& peer = core.peer(sa);
  std::vector<uint16_t> groups = dh_groups_of(peer.ike_offers);
  uint16_t g = group.value_or(sa.dh ? static_cast<uint16_t>(sa.dh->group()) : (groups.empty() ? 0 : groups.front()));
  if (!sa.dh || sa.dh->group() != g) {
    sa.dh = core.deps.dh.create(g, core.deps.rng);
    if (!sa.dh) {
      core.fail(sa, "DH group " + std::to_string(g) + " is not supported");
      return;
    }
  }
  if (sa.ni.empty()) sa.ni = core.nonce();
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
  core.add_nat_detection(m.payloads, sa, 0);
  sa.init_request = wire::encode_message(m);
  sa.state = State::InitSent;
  sa.next_message_id = 0;
  core.send_request(sa, sa.init_request, wire::ExchangeType::IkeSaInit);
}

void receive(Core& core, IkeSa& sa, const Inbound& in) {
  const io::Datagram& d = in.datagram;
  const wire::Message& m = in.message;
  const PeerConfig& peer = core.peer(sa);
  if (const auto* n = wire::find_notify(m.payloads, wire::NotifyType::Cookie)) {
    // The responder is under load: repeat the request with its cookie.
    if (n->data.empty() || n->data.size() > 64 || ++sa.cookie_rounds > 3) {
      core.fail(sa, "the peer keeps answering with COOKIE challenges");
      return;
    }
    sa.cookie = n->data;
    send(core, sa, std::nullopt);
    return;
  }
  if (const auto* n = wire::find_notify(m.payloads, wire::NotifyType::InvalidKePayload)) {
    if (n->data.size() == 2) {
      uint16_t g = static_cast<uint16_t>((n->data[0] << 8) | n->data[1]);
      auto allowed = dh_groups_of(peer.ike_offers);
      if (std::find(allowed.begin(), allowed.end(), g) != allowed.end() && (!sa.dh || sa.dh->group() != g)) {
        send(core, sa, g);  // retry with the group the responder asked for
        return;
      }
    }
    core.fail(sa, "the peer asked for a DH group this tunnel does not offer (INVALID_KE_PAYLOAD)");
    return;
  }
  if (const auto* n = wire::find_error_notify(m.payloads)) {
    std::string what = n->type == wire::NotifyType::NoProposalChosen ? "NO_PROPOSAL_CHOSEN" : "error notify";
    core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Ike, {}, describe_all(peer.ike_offers)});
    core.fail(sa, "the peer answered IKE_SA_INIT with " + what,
              n->type == wire::NotifyType::NoProposalChosen ? manager::FailureKind::NoProposalChosen
                                                            : manager::FailureKind::Other);
    return;
  }
  const auto* sa_payload = wire::find_first<wire::SaPayload>(m.payloads);
  const auto* ke = wire::find_first<wire::KePayload>(m.payloads);
  const auto* nonce = wire::find_first<wire::NoncePayload>(m.payloads);
  if (sa_payload == nullptr || ke == nullptr || nonce == nullptr || sa_payload->proposals.size() != 1 ||
      m.header.spi_r == 0) {
    core.dropped(d, "IKE_SA_INIT response without exactly one proposal, KE and nonce");
    return;
  }
  auto answer = accept_answer(from_wire(*sa_payload).front(), peer.ike_offers);
  if (!answer || !answer->dh_group || answer->dh_group->id != ke->dh_group || ke->dh_group != sa.dh->group()) {
    core.fail(sa, "the peer chose a proposal this tunnel did not offer", manager::FailureKind::NoProposalChosen);
    return;
  }
  sa.proposal = *answer;
  sa.spi_r = m.header.spi_r;
  sa.nr = nonce->data;
  sa.init_response = d.bytes;
  if (!core.derive_ike_keys(sa, crypto::ByteSpan(ke->data))) {
    core.fail(sa, "the peer's KE payload is not a valid group " + std::to_string(ke->dh_group) + " value");
    return;
  }
  core.settle(sa);
  core.detect_nat(sa, d, m, sa.spi_r);
  if (sa.local_behind_nat || sa.remote_behind_nat) {
    // RFC 7296 2.23: with a NAT on the path everything after IKE_SA_INIT
    // moves to UDP 4500, where ESP will follow in UDP encapsulation.
    sa.local.port = io::kNatTPort;
    sa.remote.port = io::kNatTPort;
  }
  ike_auth_initiator::send(core, sa);
}

}  // namespace ikeshift::engine::ikev2::ike_sa_init_initiator
