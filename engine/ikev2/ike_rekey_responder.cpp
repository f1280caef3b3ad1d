// CREATE_CHILD_SA as responder for the IKE SA itself (RFC 7296 1.3.2, 2.18):
// a proposal from our IKEv2 policies with the initiator's new SPI, our SPI,
// nonce and KE (INVALID_KE_PAYLOAD for another group); the new IKE SA takes
// the CHILD SAs over, and the peer deletes the old one.
#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2::ike_rekey_responder {

void receive(Core& core, IkeSa& old, const Inbound& in, const std::vector<wire::Payload>& payloads) {
  const wire::Message& m = in.message;
  const auto* sa_payload = wire::find_first<wire::SaPayload>(payloads);
  const auto* nonce = wire::find_first<wire::NoncePayload>(payloads);
  const auto* ke = wire::find_first<wire::KePayload>(payloads);
  auto chosen = select_proposal(from_wire(*sa_payload), core.peer(old).ike_offers);
  if (!chosen || chosen->spi.size() != 8) {
    core.answer_notify(old, m, wire::NotifyType::NoProposalChosen);
    return;
  }
  uint16_t g = chosen->dh_group->id;
  if (ke == nullptr || ke->dh_group != g) {
    core.answer_notify(old, m, wire::NotifyType::InvalidKePayload, group_octets(g));
    return;
  }
  auto dh = core.deps.dh.create(g, core.deps.rng);
  auto secret = dh ? dh->shared_secret(crypto::ByteSpan(ke->data)) : std::nullopt;
  if (!secret) {
    core.answer_notify(old, m, wire::NotifyType::InvalidSyntax);
    return;
  }
  auto fresh_owned = std::make_unique<IkeSa>();
  IkeSa& fresh = *fresh_owned;
  fresh.id = core.next_id();
  fresh.initiator = false;
  fresh.spi_i = spi64_value(chosen->spi);
  fresh.spi_r = core.new_ike_spi();
  fresh.proposal = *chosen;
  fresh.proposal.spi.clear();
  fresh.ni = nonce->data;
  fresh.nr = core.nonce();
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
  core.add(std::move(fresh_owned));
  core.answer(old, m, out);
  core.adopt_rekeyed(old, fresh, *secret);
}

}  // namespace ikeshift::engine::ikev2::ike_rekey_responder
