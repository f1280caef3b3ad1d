// Quick Mode, responder: the other half of quick_mode_initiator.cpp. The
// initiator's IDci is our remote proxy and its IDcr our local one (seed 001:
// the responder's local and remote are the initiator's reversed); they must
// fall within one entry of the crypto ACL, else INVALID-ID-INFORMATION and
// the ASA's 713061. The IDs go back unchanged in QM2.
#include "common/ipv4.h"
#include "crypto/ikev1_keymat.h"
#include "ikev1/messages.h"
#include "ikev1/tasks.h"
#include "wire/ikev1_names.h"

namespace ikeshift::engine::ikev1::quick_mode_responder {

namespace w1 = wire::ikev1;

namespace {

constexpr uint8_t kQuickMode = static_cast<uint8_t>(w1::ExchangeType::QuickMode);

void dropped(Core& core, const Inbound& in, const std::string& why) {
  core.dropped(in.datagram, "Quick Mode: " + why);
}

model::TrafficSelector host(uint32_t address) {
  model::TrafficSelector ts;
  ts.addresses = {address, address};
  return ts;
}

}  // namespace

void first_message(Core& core, IsakmpSa& sa, const Inbound& in) {
  const uint32_t mid = in.message.header.message_id;
  wire::Bytes iv;
  auto opened = core.open_phase2(sa, in.message, iv);
  if (auto* e = std::get_if<OpenError>(&opened)) return dropped(core, in, "QM1: " + e->what);
  const Opened& o = std::get<Opened>(opened);
  const auto& payloads = o.chain.payloads;
  const auto* hash = payloads.empty() ? nullptr : std::get_if<w1::HashPayload>(&payloads.front());
  if (hash == nullptr ||
      !crypto::equal_ct(hash->data,
                        crypto::ikev1_hash1(*sa.prf, sa.keys.skeyid_a, mid, after_payload(o.plaintext, o.chain, 0))))
    return dropped(core, in, "QM1 whose HASH(1) does not verify");
  core.heard(sa);
  const PeerConfig& peer = core.peer(sa);
  const auto* offered = w1::find_first<w1::SaPayload>(payloads);
  const auto* nonce = w1::find_first<w1::NoncePayload>(payloads);
  const auto* ke = w1::find_first<w1::KePayload>(payloads);
  const auto ids = w1::find_all<w1::IdPayload>(payloads);
  if (offered == nullptr || nonce == nullptr || nonce->data.size() < 8 || nonce->data.size() > 256 ||
      (ids.size() != 0 && ids.size() != 2)) {
    informational::send_notify(core, sa, w1::NotifyType::PayloadMalformed, w1::ProtocolId::Esp, {});
    return dropped(core, in, "QM1 without SA and nonce, or with " + std::to_string(ids.size()) + " IDs");
  }
  // Without IDs the proxies are the two gateways themselves (RFC 2409 5.5).
  std::optional<model::TrafficSelector> remote = ids.empty() ? host(sa.remote.address) : selector_of(*ids[0]);
  std::optional<model::TrafficSelector> local = ids.empty() ? host(sa.local.address) : selector_of(*ids[1]);
  std::optional<size_t> entry;
  if (remote && local) {
    for (size_t i = 0; i < peer.tunnel.selectors.size() && !entry; ++i)
      if (selector_within(*remote, peer.tunnel.selectors[i].remote) &&
          selector_within(*local, peer.tunnel.selectors[i].local))
        entry = i;
  }
  wire::Bytes their_spi;
  if (!offered->proposals.empty()) their_spi = offered->proposals.front().spi;
  if (!entry) {
    model::TrafficSelector r = remote.value_or(model::TrafficSelector{}), l = local.value_or(model::TrafficSelector{});
    core.emit(events::Ikev1ProxyRejected{core.who(sa), r, l, peer.tunnel.local_interface});
    events::TrafficSelectorsUnacceptable ts;
    ts.sa = core.ref(sa);
    if (remote) ts.received_initiator.push_back(*remote);
    if (local) ts.received_responder.push_back(*local);
    for (const auto& p : peer.tunnel.selectors) ts.configured.emplace_back(p.local, p.remote);
    core.emit(ts);
    informational::send_notify(core, sa, w1::NotifyType::InvalidIdInformation, w1::ProtocolId::Esp, their_spi);
    return;
  }
  std::vector<std::string> received;
  std::optional<Phase2Choice> choice = choose_phase2(*offered, peer.phase2, received);
  if (!choice) {
    core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Child, received, describe_all(peer.phase2)});
    informational::send_notify(core, sa, w1::NotifyType::NoProposalChosen, w1::ProtocolId::Esp, their_spi);
    return;
  }
  QuickMode qm;
  qm.message_id = mid;
  qm.initiator = false;
  qm.selector = *entry;
  qm.spi_lease = core.new_spi();
  qm.spi_in = qm.spi_lease.spi();
  qm.ni = nonce->data;
  qm.nr = core.nonce();
  qm.local = *local;
  qm.remote = *remote;
  qm.iv = std::move(iv);
  std::vector<w1::Payload> rest;
  if (choice->suite.pfs_group != nullptr) {
    qm.dh = core.deps.dh.create(choice->suite.pfs_group->iana_id, core.deps.rng);
    std::optional<crypto::SecureBytes> secret = (qm.dh && ke) ? qm.dh->shared_secret(ke->data) : std::nullopt;
    if (!secret) {
      informational::send_notify(core, sa, w1::NotifyType::InvalidKeyInformation, w1::ProtocolId::Esp, their_spi);
      return dropped(core, in, "QM1 with PFS but without a valid KE");
    }
    qm.g_qm = std::move(*secret);
  }
  answer_with_spi(choice->answer, qm.spi_in);
  rest.push_back(choice->answer);
  rest.push_back(w1::NoncePayload{qm.nr});
  if (qm.dh) rest.push_back(w1::KePayload{qm.dh->public_value()});
  for (const auto* id : ids) rest.push_back(*id);
  qm.choice = std::move(choice);
  QuickMode& slot = sa.quick_modes.emplace(mid, std::move(qm)).first->second;
  wire::Bytes bytes = core.seal_phase2(sa, w1::ExchangeType::QuickMode, mid, slot.iv,
                                       hashed_chain(sa, mid, HashKind::Two, rest, slot.ni));
  // QM3 may get lost: QM2 goes out again until it arrives.
  core.send(sa, slot.flight, std::move(bytes), kQuickMode, mid, true, &in.datagram.bytes);
}

void receive(Core& core, IsakmpSa& sa, QuickMode& qm, const Inbound& in) {
  if (qm.done) return dropped(core, in, "a message for a finished Quick Mode");
  auto opened = core.open_phase2(sa, in.message, qm.iv);
  if (auto* e = std::get_if<OpenError>(&opened)) return dropped(core, in, "QM3: " + e->what);
  const Opened& o = std::get<Opened>(opened);
  const auto* hash = o.chain.payloads.empty() ? nullptr : std::get_if<w1::HashPayload>(&o.chain.payloads.front());
  if (hash == nullptr ||
      !crypto::equal_ct(hash->data, crypto::ikev1_hash3(*sa.prf, sa.keys.skeyid_a, qm.message_id, qm.ni, qm.nr)))
    return dropped(core, in, "QM3 whose HASH(3) does not verify");
  core.heard(sa);
  core.settle(qm.flight);
  qm.flight.last_received = in.datagram.bytes;
  qm.flight.last_sent.clear();  // nothing answers QM3: a duplicate gets "No last packet to retransmit"
  qm.done = true;
  const uint32_t id = sa.id, mid = qm.message_id;
  qm.linger_timer = core.deps.timers.schedule(core.deps.clock.now() + core.options.quick_mode_linger, [&core, id, mid] {
    if (IsakmpSa* s = core.find(id)) s->quick_modes.erase(mid);
  });
  const Phase2Choice choice = *qm.choice;
  crypto::SecureBytes g_qm = std::move(qm.g_qm);
  qm.dh.reset();
  // A rekey by the initiator: the old pair for the same ACL entry goes when
  // the initiator deletes it.
  core.install(sa, qm, choice, g_qm);
}

}  // namespace ikeshift::engine::ikev1::quick_mode_responder
