// CREATE_CHILD_SA as responder (RFC 7296 1.3.1, 1.3.3): a new or rekeyed
// CHILD SA chosen from our ipsec-proposal (with the PFS group's KE), its
// traffic selectors narrowed to one crypto-ACL entry (TS_UNACCEPTABLE
// otherwise); an IKE SA rekey goes to ike_rekey_responder.
#include <algorithm>

#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2::create_child_responder {

void receive(Core& core, IkeSa& sa, const Inbound& in) {
  const wire::Message& m = in.message;
  auto opened = core.open(sa, in.datagram, m, "CREATE_CHILD_SA");
  if (!opened) return;
  sa.last_heard = core.deps.clock.now();
  const std::vector<wire::Payload>& payloads = *opened;
  const PeerConfig& peer = core.peer(sa);
  const auto* sa_payload = wire::find_first<wire::SaPayload>(payloads);
  const auto* nonce = wire::find_first<wire::NoncePayload>(payloads);
  const auto* ke = wire::find_first<wire::KePayload>(payloads);
  const auto* tsi = wire::find_first<wire::TsiPayload>(payloads);
  const auto* tsr = wire::find_first<wire::TsrPayload>(payloads);
  if (sa_payload == nullptr || nonce == nullptr || sa_payload->proposals.empty()) {
    core.answer_notify(sa, m, wire::NotifyType::InvalidSyntax);
    return;
  }
  if (sa_payload->proposals.front().protocol == wire::ProtocolId::Ike) {
    ike_rekey_responder::receive(core, sa, in, payloads);
    return;
  }
  std::vector<Proposal> received = from_wire(*sa_payload);
  auto chosen = select_proposal(received, esp_offers(peer.tunnel, true, {}));
  if (!chosen) {
    core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Child, describe_all(received),
                                       describe_all(esp_offers(peer.tunnel, true, {}))});
    core.answer_notify(sa, m, wire::NotifyType::NoProposalChosen);
    return;
  }
  crypto::SecureBytes g_ir;
  std::unique_ptr<crypto::DhGroup> dh;
  if (chosen->dh_group) {
    uint16_t g = chosen->dh_group->id;
    if (ke == nullptr || ke->dh_group != g) {
      core.answer_notify(sa, m, wire::NotifyType::InvalidKePayload, group_octets(g));
      return;
    }
    dh = core.deps.dh.create(g, core.deps.rng);
    auto secret = dh ? dh->shared_secret(crypto::ByteSpan(ke->data)) : std::nullopt;
    if (!secret) {
      core.answer_notify(sa, m, wire::NotifyType::InvalidSyntax);
      return;
    }
    g_ir = std::move(*secret);
  }
  std::optional<model::SelectorPair> pair = match_selectors(peer.tunnel, tsi, tsr);
  if (!pair) {
    core.report_ts_unacceptable(sa, tsi, tsr);
    core.answer_notify(sa, m, wire::NotifyType::TsUnacceptable);
    return;
  }
  auto their_spi = spi_value(chosen->spi);
  if (!their_spi) {
    core.answer_notify(sa, m, wire::NotifyType::InvalidSyntax);
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
  uint32_t our_spi = core.new_child_spi();
  wire::Bytes nr = core.nonce();
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
  add_traffic_selectors(reply, pair->remote, pair->local);
  core.answer(sa, m, reply);
  core.install_child(sa, false, our_spi, *their_spi, *chosen, pair->local, pair->remote, crypto::ByteSpan(nonce->data),
                     crypto::ByteSpan(nr), g_ir);
  if (rekeyed) core.emit(events::RekeyCompleted{core.ref(sa), events::SaKind::Child, *rekeyed, our_spi});
  dpd::arm(core, sa);
}

}  // namespace ikeshift::engine::ikev2::create_child_responder
