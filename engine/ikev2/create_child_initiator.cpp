// CREATE_CHILD_SA as initiator for a CHILD SA (RFC 7296 1.3.1, 1.3.3): a new
// CHILD SA for one crypto-ACL entry (the entries after the first, or one a
// KEY_ACQUIRE found missing), or the rekey of one (REKEY_SA, PFS from `set
// pfs`), followed by the Delete of the old one. Requests wait for the
// window of one; the answer's refusals are logged and the IKE SA stays.
#include <algorithm>

#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2::create_child_initiator {

bool create(Core& core, uint32_t id, size_t selector) {
  IkeSa* sa = core.find(id);
  if (sa == nullptr || sa->state != State::Established) return false;
  if (selector >= core.peer(*sa).tunnel.selectors.size()) return false;
  sa->queue.push_back([&core, selector](IkeSa& s) { start(core, s, selector, std::nullopt); });
  core.pump(*sa);
  return true;
}

bool rekey(Core& core, uint32_t id, uint32_t spi_in) {
  IkeSa* sa = core.find(id);
  if (sa == nullptr) return false;
  auto child =
      std::find_if(sa->children.begin(), sa->children.end(), [&](const ChildSaInfo& c) { return c.spi_in == spi_in; });
  if (child == sa->children.end()) return false;
  size_t selector = 0;
  const auto& pairs = core.peer(*sa).tunnel.selectors;
  for (size_t i = 0; i < pairs.size(); ++i)
    if (selector_within(child->local, pairs[i].local) && selector_within(child->remote, pairs[i].remote)) selector = i;
  sa->queue.push_back([&core, selector, spi_in](IkeSa& s) { start(core, s, selector, spi_in); });
  core.pump(*sa);
  return true;
}

void start(Core& core, IkeSa& sa, size_t selector, std::optional<uint32_t> rekey_of) {
  const PeerConfig& peer = core.peer(sa);
  if (selector >= peer.tunnel.selectors.size()) return;
  const model::SelectorPair& pair = peer.tunnel.selectors[selector];
  IkeSa::PendingChild pc;
  pc.selector = selector;
  pc.rekey_of = rekey_of;
  pc.spi_in = core.new_child_spi();
  pc.nonce = core.nonce();
  std::vector<wire::Payload> inner;
  if (rekey_of) {
    wire::NotifyPayload rekey;
    rekey.type = wire::NotifyType::RekeySa;
    rekey.protocol = wire::ProtocolId::Esp;
    rekey.spi = spi_bytes(*rekey_of);
    inner.push_back(std::move(rekey));
    core.emit(events::RekeyStarted{core.ref(sa), events::SaKind::Child, *rekey_of});
  }
  inner.push_back(to_wire(esp_offers(peer.tunnel, true, spi_bytes(pc.spi_in))));
  wire::NoncePayload n;
  n.data = pc.nonce;
  inner.push_back(std::move(n));
  if (peer.tunnel.pfs_group != nullptr) {
    // `set pfs`: a fresh Diffie-Hellman exchange for this CHILD SA's keys.
    pc.dh = core.deps.dh.create(peer.tunnel.pfs_group->iana_id, core.deps.rng);
    if (!pc.dh) {
      core.release_spi(pc.spi_in);
      return;
    }
    wire::KePayload ke;
    ke.dh_group = static_cast<uint16_t>(peer.tunnel.pfs_group->iana_id);
    ke.data = pc.dh->public_value();
    inner.push_back(std::move(ke));
  }
  add_traffic_selectors(inner, pair.local, pair.remote);
  sa.pending_child = std::move(pc);
  core.send_protected_request(sa, wire::ExchangeType::CreateChildSa, inner);
}

void receive(Core& core, IkeSa& sa, const Inbound& in, const std::vector<wire::Payload>& payloads) {
  (void)in;
  std::optional<IkeSa::PendingChild> pc = std::move(sa.pending_child);
  sa.pending_child.reset();
  const PeerConfig& peer = core.peer(sa);
  auto give_up = [&](const std::string& why) {
    if (pc) core.release_spi(pc->spi_in);  // never installed
    sa.failure = "CHILD SA: " + why;
    dpd::arm(core, sa);
    core.pump(sa);
  };
  if (!pc) return give_up("a CREATE_CHILD_SA response we did not ask for");
  if (const auto* err = wire::find_error_notify(payloads)) {
    if (err->type == wire::NotifyType::TsUnacceptable) {
      core.report_ts_unacceptable(sa, nullptr, nullptr);
      return give_up("TS_UNACCEPTABLE (the peer's crypto ACL is not the mirror image)");
    }
    if (err->type == wire::NotifyType::NoProposalChosen) {
      core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Child, {},
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
    auto secret = (pc->dh && ke != nullptr && ke->dh_group == pc->dh->group())
                      ? pc->dh->shared_secret(crypto::ByteSpan(ke->data))
                      : std::nullopt;
    if (!secret) return give_up("the peer's KE payload does not fit the PFS group");
    g_ir = std::move(*secret);
  }
  core.install_child(sa, true, pc->spi_in, *their_spi, *child, *local, *remote, crypto::ByteSpan(pc->nonce),
                     crypto::ByteSpan(nonce->data), g_ir);
  core.arm_lifetimes(sa);
  if (pc->rekey_of) {
    core.emit(events::RekeyCompleted{core.ref(sa), events::SaKind::Child, *pc->rekey_of, pc->spi_in});
    uint32_t old = *pc->rekey_of;
    sa.queue.push_front([&core, old](IkeSa& s) { informational::delete_child(core, s, old); });
  }
  dpd::arm(core, sa);
  core.pump(sa);
}

}  // namespace ikeshift::engine::ikev2::create_child_initiator
