// Aggressive Mode, initiator (RFC 2409 5.4, pre-shared keys; RFC 3947):
//   1 ->  HDR, SA, KE, Ni, IDii, V...
//   2 <-  HDR, SA, KE, Nr, IDir, HASH_R [, NAT-D, NAT-D], V...
//   3 ->  HDR*, HASH_I [, NAT-D, NAT-D]        (UDP 4500 once a NAT is seen)
// Only with `crypto map M N set ikev1 phase1-mode aggressive`: the identity
// and the hash go out before any key is agreed, which lets an eavesdropper
// attack the PSK offline (the validator flags it). The KE in message 1 fixes
// the DH group, so only the policies with the first policy's group are offered.
#include "crypto/ikev1_keymat.h"
#include "ikev1/messages.h"
#include "ikev1/tasks.h"
#include "wire/ikev1_names.h"

namespace ikeshift::engine::ikev1::aggressive_mode_initiator {

namespace w1 = wire::ikev1;
using manager::FailureKind;

namespace {

constexpr uint8_t kAggressive = static_cast<uint8_t>(w1::ExchangeType::Aggressive);

void dropped(Core& core, const Inbound& in, const std::string& why) {
  core.dropped(in.datagram, "Aggressive Mode: " + why);
}

std::vector<Phase1Suite> offers(const PeerConfig& peer) {
  std::vector<Phase1Suite> out;
  for (const Phase1Suite& s : peer.phase1)
    if (s.group == peer.phase1.front().group) out.push_back(s);
  return out;
}

}  // namespace

void start(Core& core, IsakmpSa& sa) {
  const PeerConfig& peer = core.peer(sa);
  sa.aggressive = true;
  const model::Algorithm* group = peer.phase1.front().group;
  sa.dh = core.deps.dh.create(group->iana_id, core.deps.rng);
  if (!sa.dh) {
    core.phase1_failed(sa, FailureKind::Other, "DH group " + std::to_string(group->iana_id) + " is not supported");
    return;
  }
  sa.g_xi = sa.dh->public_value();
  sa.ni = core.nonce();
  std::vector<w1::Payload> p{phase1_sa(offers(peer)), w1::KePayload{sa.g_xi}, w1::NoncePayload{sa.ni},
                             address_id(peer.local_address)};
  for (auto& v : our_vendor_ids(peer)) p.push_back(std::move(v));
  const w1::EncodedChain chain = w1::encode_payload_chain(p);
  sa.sai_b = payload_body(chain.bytes, 0, chain.spans.front());
  w1::Header h;
  h.cky_i = sa.cky_i;
  h.exchange = w1::ExchangeType::Aggressive;
  wire::Bytes bytes = w1::encode_header(h, chain.first, chain.bytes.size());
  bytes.insert(bytes.end(), chain.bytes.begin(), chain.bytes.end());
  sa.state = Phase1State::AmWaitMsg2;
  core.send(sa, sa.flight, std::move(bytes), kAggressive, 0, true, nullptr);
  core.arm_phase1_deadline(sa);
}

void receive(Core& core, IsakmpSa& sa, const Inbound& in) {
  if (sa.state != Phase1State::AmWaitMsg2 || in.message.header.encrypted)
    return dropped(core, in, std::string("unexpected in state ") + state_name(sa.state, true));
  const PeerConfig& peer = core.peer(sa);
  const auto& payloads = in.message.payloads;
  const auto* answer = w1::find_first<w1::SaPayload>(payloads);
  const auto* ke = w1::find_first<w1::KePayload>(payloads);
  const auto* nonce = w1::find_first<w1::NoncePayload>(payloads);
  const auto* id = w1::find_first<w1::IdPayload>(payloads);
  const auto* hash = w1::find_first<w1::HashPayload>(payloads);
  std::optional<Phase1Suite> suite = answer ? accept_phase1(*answer, offers(peer)) : std::nullopt;
  if (!suite) {
    core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Ike, {}, describe_all(offers(peer))});
    core.phase1_failed(sa, FailureKind::NoProposalChosen, "the peer answered Aggressive Mode 1 with a proposal we did not offer");
    return;
  }
  if (ke == nullptr || nonce == nullptr || id == nullptr || hash == nullptr || nonce->data.size() < 8 ||
      nonce->data.size() > 256)
    return dropped(core, in, "message 2 without KE, nonce, ID and HASH");
  std::optional<crypto::SecureBytes> g_xy = sa.dh->shared_secret(ke->data);
  if (!g_xy) return dropped(core, in, "message 2's KE is not a valid DH value");
  core.settle(sa.flight);
  sa.cky_r = in.message.header.cky_r;
  read_vendor_ids(payloads, peer, sa);
  std::string why;
  if (!core.use_suite(sa, *suite, why)) {
    core.phase1_failed(sa, FailureKind::Other, why);
    return;
  }
  sa.g_xr = ke->data;
  sa.nr = nonce->data;
  core.derive_phase1_keys(sa, *g_xy);
  sa.remote_id = w1::id_to_string(*id);
  const wire::Bytes expected = crypto::ikev1_hash_r(*sa.prf, sa.keys.skeyid, sa.g_xi, sa.g_xr, cookie_bytes(sa.cky_i),
                                                    cookie_bytes(sa.cky_r), sa.sai_b, id_body(*id));
  if (!crypto::equal_ct(expected, hash->data)) {
    core.emit(events::AuthenticationFailed{core.ref(sa), sa.remote_id,
                                           "HASH_R does not verify with tunnel-group " + peer.tunnel_group +
                                               " ikev1 pre-shared-key"});
    core.phase1_failed(sa, FailureKind::AuthenticationFailed, "pre-shared key mismatch with " + sa.remote_id);
    return;
  }
  if (sa.nat_t != NatTMode::None) detect_nat(sa, payloads, in.datagram, core.options.force_udp_encapsulation);
  std::vector<w1::Payload> p;
  const w1::IdPayload our_id = address_id(peer.local_address);
  p.push_back(w1::HashPayload{crypto::ikev1_hash_i(*sa.prf, sa.keys.skeyid, sa.g_xi, sa.g_xr, cookie_bytes(sa.cky_i),
                                                   cookie_bytes(sa.cky_r), sa.sai_b, id_body(our_id))});
  if (sa.nat_t != NatTMode::None)
    for (auto& n : nat_d_payloads(sa, core.options.force_udp_encapsulation)) p.push_back(std::move(n));
  if (sa.local_behind_nat || sa.remote_behind_nat) {
    sa.local.port = io::kNatTPort;
    sa.remote.port = io::kNatTPort;
  }
  // Message 3 is encrypted, as the ASA and strongSwan send it.
  core.send(sa, sa.flight, core.seal_phase1(sa, p), kAggressive, 0, false, &in.datagram.bytes);
  core.heard(sa);
  core.phase1_done(sa);
}

}  // namespace ikeshift::engine::ikev1::aggressive_mode_initiator
