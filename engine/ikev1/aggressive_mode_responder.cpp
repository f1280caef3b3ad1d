// Aggressive Mode, responder: the other half of aggressive_mode_initiator.cpp.
// Off unless the peer's crypto map entry says `set ikev1 phase1-mode
// aggressive` (the engine does not answer Aggressive Mode for an entry that
// does not use it; an ASA answers unless `crypto ikev1 am-disable`, which is
// what the validator recommends).
#include "common/ipv4.h"
#include "crypto/ikev1_keymat.h"
#include "ikev1/messages.h"
#include "ikev1/tasks.h"
#include "wire/ikev1_names.h"

namespace ikeshift::engine::ikev1::aggressive_mode_responder {

namespace w1 = wire::ikev1;
using manager::FailureKind;

namespace {

constexpr uint8_t kAggressive = static_cast<uint8_t>(w1::ExchangeType::Aggressive);

void dropped(Core& core, const Inbound& in, const std::string& why) {
  core.dropped(in.datagram, "Aggressive Mode: " + why);
}

}  // namespace

void first_message(Core& core, const Inbound& in) {
  const io::Datagram& d = in.datagram;
  const w1::Header& h = in.message.header;
  const auto& payloads = in.message.payloads;
  size_t index = 0;
  const PeerConfig* peer = core.responder_peer(in, &index, "Aggressive Mode");
  if (peer == nullptr) return;
  if (!peer->aggressive)
    return dropped(core, in, "crypto map " + peer->map + " " + std::to_string(peer->sequence) +
                                 " does not use Aggressive Mode (set ikev1 phase1-mode aggressive)");
  const auto* offered = w1::find_first<w1::SaPayload>(payloads);
  const auto* ke = w1::find_first<w1::KePayload>(payloads);
  const auto* nonce = w1::find_first<w1::NoncePayload>(payloads);
  const auto* id = w1::find_first<w1::IdPayload>(payloads);
  if (offered == nullptr || ke == nullptr || nonce == nullptr || id == nullptr || nonce->data.size() < 8 ||
      nonce->data.size() > 256) {
    informational::send_clear_notify(core, d, h, w1::NotifyType::PayloadMalformed);
    return dropped(core, in, "message 1 without SA, KE, nonce and ID");
  }
  std::vector<std::string> received;
  std::optional<Phase1Choice> choice = choose_phase1(*offered, peer->phase1, received);
  // The initiator's KE fixes the group: the choice must use it.
  if (choice && crypto::public_value_size(choice->suite.group->iana_id) != ke->data.size()) choice.reset();
  if (!choice) return core.refuse_phase1(in, *peer, received);
  IsakmpSa& sa = core.add_responder(in, index, true);
  read_vendor_ids(payloads, *peer, sa);
  std::string why;
  if (!core.use_suite(sa, choice->suite, why)) {
    informational::send_clear_notify(core, d, h, w1::NotifyType::NoProposalChosen);
    core.phase1_failed(sa, FailureKind::Other, why);
    return;
  }
  sa.dh = core.deps.dh.create(choice->suite.group->iana_id, core.deps.rng);
  std::optional<crypto::SecureBytes> g_xy = sa.dh ? sa.dh->shared_secret(ke->data) : std::nullopt;
  if (!g_xy) {
    informational::send_clear_notify(core, d, h, w1::NotifyType::InvalidKeyInformation);
    core.phase1_failed(sa, FailureKind::Other, "the peer's KE is not a valid group " +
                                                   std::to_string(choice->suite.group->iana_id) + " value");
    return;
  }
  sa.g_xi = ke->data;
  sa.ni = nonce->data;
  sa.g_xr = sa.dh->public_value();
  sa.nr = core.nonce();
  sa.remote_id = w1::id_to_string(*id);
  sa.id_ii = id_body(*id);  // IDii_b, for HASH_I in message 3
  core.derive_phase1_keys(sa, *g_xy);
  const w1::IdPayload our_id = address_id(peer->local_address);
  std::vector<w1::Payload> p{choice->answer, w1::KePayload{sa.g_xr}, w1::NoncePayload{sa.nr}, our_id,
                             w1::HashPayload{crypto::ikev1_hash_r(*sa.prf, sa.keys.skeyid, sa.g_xi, sa.g_xr,
                                                                  cookie_bytes(sa.cky_i), cookie_bytes(sa.cky_r),
                                                                  sa.sai_b, id_body(our_id))}};
  if (sa.nat_t != NatTMode::None)
    for (auto& n : nat_d_payloads(sa, core.options.force_udp_encapsulation)) p.push_back(std::move(n));
  for (auto& v : our_vendor_ids(*peer)) p.push_back(std::move(v));
  w1::Header out;
  out.cky_i = sa.cky_i;
  out.cky_r = sa.cky_r;
  out.exchange = w1::ExchangeType::Aggressive;
  sa.state = Phase1State::AmWaitMsg3;
  core.send(sa, sa.flight, w1::encode_message(out, p), kAggressive, 0, true, &d.bytes);
  core.arm_phase1_deadline(sa);
}

void receive(Core& core, IsakmpSa& sa, const Inbound& in) {
  if (sa.state != Phase1State::AmWaitMsg3)
    return dropped(core, in, std::string("unexpected in state ") + state_name(sa.state, true));
  if (in.datagram.to.port == io::kNatTPort) {
    sa.local = in.datagram.to;
    sa.remote = in.datagram.from;
  }
  std::vector<w1::Payload> payloads;
  if (in.message.header.encrypted) {
    auto opened = core.open_phase1(sa, in.message);
    if (auto* e = std::get_if<OpenError>(&opened)) {
      core.emit(events::AuthenticationFailed{core.ref(sa), sa.remote_id, "Aggressive Mode 3 does not decrypt (" +
                                                                             e->what + "): pre-shared key mismatch?"});
      informational::send_clear_notify(core, in.datagram, in.message.header, w1::NotifyType::PayloadMalformed);
      core.phase1_failed(sa, FailureKind::AuthenticationFailed, "Aggressive Mode 3 does not decrypt");
      return;
    }
    payloads = std::move(std::get<Opened>(opened).chain.payloads);
  } else {
    payloads = in.message.payloads;  // RFC 2409 allows message 3 in the clear
  }
  const auto* hash = w1::find_first<w1::HashPayload>(payloads);
  const wire::Bytes expected = crypto::ikev1_hash_i(*sa.prf, sa.keys.skeyid, sa.g_xi, sa.g_xr, cookie_bytes(sa.cky_i),
                                                    cookie_bytes(sa.cky_r), sa.sai_b, sa.id_ii);
  if (hash == nullptr || !crypto::equal_ct(expected, hash->data)) {
    core.emit(events::AuthenticationFailed{core.ref(sa), sa.remote_id,
                                           "HASH_I does not verify with tunnel-group " + core.peer(sa).tunnel_group +
                                               " ikev1 pre-shared-key"});
    informational::send_clear_notify(core, in.datagram, in.message.header, w1::NotifyType::InvalidHashInformation);
    core.phase1_failed(sa, FailureKind::AuthenticationFailed, "HASH_I does not verify");
    return;
  }
  core.settle(sa.flight);
  sa.flight.last_received = in.datagram.bytes;
  sa.flight.last_sent.clear();  // nothing to resend for a retransmitted 3
  if (sa.nat_t != NatTMode::None) detect_nat(sa, payloads, in.datagram, core.options.force_udp_encapsulation);
  core.heard(sa);
  core.phase1_done(sa);
}

}  // namespace ikeshift::engine::ikev1::aggressive_mode_responder
