// Quick Mode, initiator (RFC 2409 5.5; RFC 3947 5.1 encapsulation modes):
//   1 ->  HDR*, HASH(1), SA, Ni [, KE] , IDci, IDcr
//   2 <-  HDR*, HASH(2), SA, Nr [, KE] , IDci, IDcr
//   3 ->  HDR*, HASH(3)
// One Quick Mode per crypto-ACL entry, with the entry's source as IDci and
// its destination as IDcr (the responder sees them the other way round, seed
// 001). PFS from `set pfs`: KE in both directions and g(qm)^xy in KEYMAT.
#include "crypto/ikev1_keymat.h"
#include "ikev1/messages.h"
#include "ikev1/tasks.h"
#include "wire/ikev1_names.h"

namespace ikeshift::engine::ikev1::quick_mode_initiator {

namespace w1 = wire::ikev1;
using manager::FailureKind;

namespace {

constexpr uint8_t kQuickMode = static_cast<uint8_t>(w1::ExchangeType::QuickMode);

void dropped(Core& core, const Inbound& in, const std::string& why) {
  core.dropped(in.datagram, "Quick Mode: " + why);
}

NatTMode nat_mode(const IsakmpSa& sa) {
  return sa.local_behind_nat || sa.remote_behind_nat ? sa.nat_t : NatTMode::None;
}

// A finished Quick Mode stays a while with its QM3, so a retransmitted QM2
// (its QM3 was lost) is answered again.
void linger(Core& core, IsakmpSa& sa, QuickMode& qm) {
  qm.done = true;
  const uint32_t id = sa.id, mid = qm.message_id;
  qm.linger_timer = core.deps.timers.schedule(core.deps.clock.now() + core.options.quick_mode_linger, [&core, id, mid] {
    if (IsakmpSa* s = core.find(id)) s->quick_modes.erase(mid);
  });
}

void fail(Core& core, IsakmpSa& sa, QuickMode& qm, FailureKind kind, const std::string& why) {
  core.settle(qm.flight);
  core.deps.timers.cancel(qm.linger_timer);
  const uint32_t mid = qm.message_id;
  sa.failure = "IPsec SA: " + why;
  sa.quick_modes.erase(mid);  // `qm` is gone
  core.report(sa, false, kind, why);
}

}  // namespace

void start(Core& core, IsakmpSa& sa, size_t selector, std::optional<uint32_t> rekey_of) {
  if (!sa.established()) {
    sa.pending_selectors.push_back(selector);
    return;
  }
  const PeerConfig& peer = core.peer(sa);
  if (selector >= peer.tunnel.selectors.size()) return;
  const model::SelectorPair& pair = peer.tunnel.selectors[selector];
  QuickMode qm;
  qm.message_id = core.new_message_id(sa);
  qm.initiator = true;
  qm.selector = selector;
  qm.rekey_of = rekey_of;
  qm.spi_lease = core.new_spi();
  qm.spi_in = qm.spi_lease.spi();
  qm.ni = core.nonce();
  qm.local = pair.local;
  qm.remote = pair.remote;
  std::vector<w1::Payload> rest{phase2_sa(peer.phase2, qm.spi_in, nat_mode(sa)), w1::NoncePayload{qm.ni}};
  if (peer.tunnel.pfs_group != nullptr) {
    qm.dh = core.deps.dh.create(peer.tunnel.pfs_group->iana_id, core.deps.rng);
    if (!qm.dh) {
      core.report(sa, false, FailureKind::Other,
                  "PFS group " + std::to_string(peer.tunnel.pfs_group->iana_id) + " is not supported");
      return;
    }
    rest.push_back(w1::KePayload{qm.dh->public_value()});
  }
  const w1::IdPayload ci = proxy_id(pair.local), cr = proxy_id(pair.remote);
  qm.id_ci = id_body(ci);
  qm.id_cr = id_body(cr);
  rest.push_back(ci);
  rest.push_back(cr);
  if (rekey_of) core.emit(events::RekeyStarted{core.ref(sa), events::SaKind::Child, *rekey_of});
  const uint32_t mid = qm.message_id;
  QuickMode& slot = sa.quick_modes.emplace(mid, std::move(qm)).first->second;
  wire::Bytes bytes = core.seal_phase2(sa, w1::ExchangeType::QuickMode, mid, slot.iv,
                                       hashed_chain(sa, mid, HashKind::One, rest));
  core.send(sa, slot.flight, std::move(bytes), kQuickMode, mid, true, nullptr);
}

void receive(Core& core, IsakmpSa& sa, QuickMode& qm, const Inbound& in) {
  if (qm.done) return dropped(core, in, "a message for a finished Quick Mode");
  auto opened = core.open_phase2(sa, in.message, qm.iv);
  if (auto* e = std::get_if<OpenError>(&opened)) return dropped(core, in, "QM2: " + e->what);
  const Opened& o = std::get<Opened>(opened);
  const auto& payloads = o.chain.payloads;
  const auto* hash = payloads.empty() ? nullptr : std::get_if<w1::HashPayload>(&payloads.front());
  if (hash == nullptr ||
      !crypto::equal_ct(hash->data, crypto::ikev1_hash2(*sa.prf, sa.keys.skeyid_a, qm.message_id, qm.ni,
                                                         after_payload(o.plaintext, o.chain, 0))))
    return dropped(core, in, "QM2 whose HASH(2) does not verify");
  core.heard(sa);
  const PeerConfig& peer = core.peer(sa);
  const auto* answer = w1::find_first<w1::SaPayload>(payloads);
  const auto* nonce = w1::find_first<w1::NoncePayload>(payloads);
  const auto* ke = w1::find_first<w1::KePayload>(payloads);
  const auto ids = w1::find_all<w1::IdPayload>(payloads);
  std::optional<Phase2Choice> choice = answer ? accept_phase2(*answer, peer.phase2) : std::nullopt;
  if (!choice || nonce == nullptr || nonce->data.size() < 8 || nonce->data.size() > 256) {
    core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Child, {}, describe_all(peer.phase2)});
    return fail(core, sa, qm, FailureKind::NoProposalChosen, "the peer's QM2 answer is not one of our transform-sets");
  }
  // The responder must echo our proxy IDs unchanged (RFC 2409 5.5).
  if (ids.size() != 2 || id_body(*ids[0]) != qm.id_ci || id_body(*ids[1]) != qm.id_cr) {
    core.emit(events::TrafficSelectorsUnacceptable{core.ref(sa), {}, {}, {{qm.local, qm.remote}}});
    return fail(core, sa, qm, FailureKind::TsUnacceptable, "the peer changed the proxy IDs in QM2");
  }
  crypto::SecureBytes g_qm;
  if (qm.dh) {
    std::optional<crypto::SecureBytes> secret = ke ? qm.dh->shared_secret(ke->data) : std::nullopt;
    if (!secret) return fail(core, sa, qm, FailureKind::NoProposalChosen, "QM2 without a valid PFS KE");
    g_qm = std::move(*secret);
  }
  core.settle(qm.flight);
  qm.nr = nonce->data;
  const w1::EncodedChain hash3 = w1::encode_payload_chain(
      {w1::HashPayload{crypto::ikev1_hash3(*sa.prf, sa.keys.skeyid_a, qm.message_id, qm.ni, qm.nr)}});
  core.send(sa, qm.flight, core.seal_phase2(sa, w1::ExchangeType::QuickMode, qm.message_id, qm.iv, hash3), kQuickMode,
            qm.message_id, false, &in.datagram.bytes);
  qm.dh.reset();
  linger(core, sa, qm);
  core.install(sa, qm, *choice, g_qm);
}

void refused(Core& core, IsakmpSa& sa, QuickMode& qm, w1::NotifyType why) {
  const PeerConfig& peer = core.peer(sa);
  if (why == w1::NotifyType::InvalidIdInformation) {
    core.emit(events::TrafficSelectorsUnacceptable{core.ref(sa), {}, {}, {{qm.local, qm.remote}}});
    return fail(core, sa, qm, FailureKind::TsUnacceptable,
                "INVALID_ID_INFORMATION: the peer's crypto ACL is not the mirror image of ours");
  }
  if (why == w1::NotifyType::NoProposalChosen) {
    core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Child, {}, describe_all(peer.phase2)});
    return fail(core, sa, qm, FailureKind::NoProposalChosen,
                "NO_PROPOSAL_CHOSEN: no common transform-set (or PFS mismatch)");
  }
  fail(core, sa, qm, FailureKind::Other, "the peer refused the Quick Mode with " + w1::notify_type_name(why));
}

}  // namespace ikeshift::engine::ikev1::quick_mode_initiator
