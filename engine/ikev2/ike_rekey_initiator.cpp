// CREATE_CHILD_SA as initiator for the IKE SA itself (RFC 7296 1.3.2, 2.18):
// new SPI, nonce and KE with the suite in use offered first; on the answer
// the new IKE SA takes the CHILD SAs over and we, the rekey's initiator,
// delete the old one. A refusal keeps the old IKE SA.
#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2::ike_rekey_initiator {

bool request(Core& core, uint32_t id) {
  IkeSa* sa = core.find(id);
  if (sa == nullptr || sa->state != State::Established) return false;
  sa->queue.push_back([&core](IkeSa& s) { start(core, s); });
  core.pump(*sa);
  return true;
}

void start(Core& core, IkeSa& sa) {
  IkeSa::PendingIkeRekey pr;
  pr.spi_i = core.new_ike_spi();
  pr.nonce = core.nonce();
  // Offer the suite in use first (its group is the one our KE is for).
  uint16_t group = sa.proposal.dh_group ? sa.proposal.dh_group->id : 0;
  pr.dh = core.deps.dh.create(group, core.deps.rng);
  if (!pr.dh) return;
  std::vector<Proposal> offers = core.peer(sa).ike_offers;
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
  core.emit(events::RekeyStarted{core.ref(sa), events::SaKind::Ike, sa.spi_i});
  sa.pending_ike_rekey = std::move(pr);
  core.send_protected_request(sa, wire::ExchangeType::CreateChildSa, inner);
}

void receive(Core& core, IkeSa& sa, const std::vector<wire::Payload>& ps) {
  IkeSa::PendingIkeRekey pr = std::move(*sa.pending_ike_rekey);
  sa.pending_ike_rekey.reset();
  const auto* sa_payload = wire::find_first<wire::SaPayload>(ps);
  const auto* nonce = wire::find_first<wire::NoncePayload>(ps);
  const auto* ke = wire::find_first<wire::KePayload>(ps);
  auto answer = (sa_payload != nullptr && sa_payload->proposals.size() == 1)
                    ? accept_answer(from_wire(*sa_payload).front(), core.peer(sa).ike_offers)
                    : std::nullopt;
  std::optional<crypto::SecureBytes> secret;
  if (answer && answer->dh_group && ke != nullptr && nonce != nullptr && pr.dh && ke->dh_group == pr.dh->group() &&
      answer->spi.size() == 8) {
    secret = pr.dh->shared_secret(crypto::ByteSpan(ke->data));
  }
  if (!secret) {
    sa.failure = "IKE SA rekey refused or malformed answer; the old IKE SA stays";
    dpd::arm(core, sa);
    core.pump(sa);
    return;
  }
  auto fresh_owned = std::make_unique<IkeSa>();
  IkeSa& fresh = *fresh_owned;
  fresh.id = core.next_id();
  fresh.initiator = true;  // whoever rekeys is the new SA's initiator
  fresh.spi_i = pr.spi_i;
  fresh.spi_r = spi64_value(answer->spi);
  fresh.proposal = *answer;
  fresh.proposal.spi.clear();
  fresh.ni = pr.nonce;
  fresh.nr = nonce->data;
  core.add(std::move(fresh_owned));
  core.adopt_rekeyed(sa, fresh, *secret);
  // The rekey's initiator deletes the old IKE SA (RFC 7296 2.18).
  wire::DeletePayload del;
  del.protocol = wire::ProtocolId::Ike;
  sa.state = State::Deleting;
  sa.delete_reason = "IKE SA rekeyed";
  informational::send(core, sa, {del});
}

}  // namespace ikeshift::engine::ikev2::ike_rekey_initiator
