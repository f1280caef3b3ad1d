// Main Mode, responder (RFC 2409 5, pre-shared keys; RFC 3947 NAT-D): the
// other half of main_mode_initiator.cpp. The ASA picks the first of its
// policies (in priority order) that one of the offered transforms matches,
// and the shorter lifetime.
#include "common/ipv4.h"
#include "crypto/ikev1_keymat.h"
#include "ikev1/messages.h"
#include "ikev1/tasks.h"
#include "wire/ikev1_names.h"

namespace ikeshift::engine::ikev1::main_mode_responder {

namespace w1 = wire::ikev1;
using manager::FailureKind;

namespace {

constexpr uint8_t kMainMode = static_cast<uint8_t>(w1::ExchangeType::IdentityProtection);

void dropped(Core& core, const Inbound& in, const std::string& why) {
  core.dropped(in.datagram, "Main Mode: " + why);
}

// The peer failed to prove it knows the key (or its messages are garbage):
// tell it in the clear, since it cannot read anything we encrypt.
void authentication_failed(Core& core, IsakmpSa& sa, const Inbound& in, w1::NotifyType notify, const std::string& why) {
  core.emit(events::AuthenticationFailed{core.ref(sa), sa.remote_id.empty() ? format_ipv4(sa.remote.address) : sa.remote_id,
                                         why});
  informational::send_clear_notify(core, in.datagram, in.message.header, notify);
  core.phase1_failed(sa, FailureKind::AuthenticationFailed, why);
}

void message3(Core& core, IsakmpSa& sa, const Inbound& in) {
  const auto* ke = w1::find_first<w1::KePayload>(in.message.payloads);
  const auto* nonce = w1::find_first<w1::NoncePayload>(in.message.payloads);
  if (ke == nullptr || nonce == nullptr || nonce->data.size() < 8 || nonce->data.size() > 256)
    return dropped(core, in, "message 3 without KE or a valid nonce");
  sa.dh = core.deps.dh.create(sa.suite.group->iana_id, core.deps.rng);
  if (!sa.dh) {
    core.phase1_failed(sa, FailureKind::Other, "DH group " + std::to_string(sa.suite.group->iana_id) + " is not supported");
    return;
  }
  std::optional<crypto::SecureBytes> g_xy = sa.dh->shared_secret(ke->data);
  if (!g_xy) return dropped(core, in, "message 3's KE is not a valid group " + std::to_string(sa.dh->group()) + " value");
  core.settle(sa.flight);
  sa.g_xi = ke->data;
  sa.ni = nonce->data;
  sa.g_xr = sa.dh->public_value();
  sa.nr = core.nonce();
  core.derive_phase1_keys(sa, *g_xy);
  if (sa.nat_t != NatTMode::None) detect_nat(sa, in.message.payloads, in.datagram, core.options.force_udp_encapsulation);
  std::vector<w1::Payload> p{w1::KePayload{sa.g_xr}, w1::NoncePayload{sa.nr}};
  if (sa.nat_t != NatTMode::None)
    for (auto& n : nat_d_payloads(sa, core.options.force_udp_encapsulation)) p.push_back(std::move(n));
  w1::Header h;
  h.cky_i = sa.cky_i;
  h.cky_r = sa.cky_r;
  sa.state = Phase1State::MmWaitMsg5;
  core.send(sa, sa.flight, w1::encode_message(h, p), kMainMode, 0, true, &in.datagram.bytes);
}

void message5(Core& core, IsakmpSa& sa, const Inbound& in) {
  // The initiator floats to 4500 when either side is behind a NAT: follow it.
  if (in.datagram.to.port == io::kNatTPort) {
    sa.local = in.datagram.to;
    sa.remote = in.datagram.from;
  }
  auto opened = core.open_phase1(sa, in.message);
  if (auto* e = std::get_if<OpenError>(&opened)) {
    // No ICV in IKEv1: a peer with another key produces exactly this.
    return authentication_failed(core, sa, in, w1::NotifyType::PayloadMalformed,
                                 "Main Mode 5 does not decrypt (" + e->what +
                                     "): the peer's ikev1 pre-shared-key differs from tunnel-group " +
                                     core.peer(sa).tunnel_group + "'s");
  }
  const Opened& o = std::get<Opened>(opened);
  const auto* id = w1::find_first<w1::IdPayload>(o.chain.payloads);
  const auto* hash = w1::find_first<w1::HashPayload>(o.chain.payloads);
  if (id == nullptr || hash == nullptr)
    return authentication_failed(core, sa, in, w1::NotifyType::PayloadMalformed, "Main Mode 5 without ID and HASH");
  sa.remote_id = w1::id_to_string(*id);
  const wire::Bytes expected = crypto::ikev1_hash_i(*sa.prf, sa.keys.skeyid, sa.g_xi, sa.g_xr, cookie_bytes(sa.cky_i),
                                                    cookie_bytes(sa.cky_r), sa.sai_b, id_body(*id));
  if (!crypto::equal_ct(expected, hash->data))
    return authentication_failed(core, sa, in, w1::NotifyType::InvalidHashInformation,
                                 "HASH_I does not verify with tunnel-group " + core.peer(sa).tunnel_group +
                                     " ikev1 pre-shared-key");
  core.settle(sa.flight);
  if (w1::find_notification(o.chain.payloads, w1::NotifyType::InitialContact) != nullptr) {
    // The peer starts from scratch: what we still hold of it is stale.
    std::vector<uint32_t> stale;
    for (const auto& [sid, s] : core.sas)
      if (s.get() != &sa && s->remote.address == sa.remote.address) stale.push_back(sid);
    for (uint32_t sid : stale)
      if (IsakmpSa* s = core.find(sid)) core.remove_isakmp(*s, "INITIAL-CONTACT from the peer");
  }
  const w1::IdPayload our_id = address_id(core.peer(sa).local_address);
  const wire::Bytes hash_r = crypto::ikev1_hash_r(*sa.prf, sa.keys.skeyid, sa.g_xi, sa.g_xr, cookie_bytes(sa.cky_i),
                                                  cookie_bytes(sa.cky_r), sa.sai_b, id_body(our_id));
  // The last message of the exchange: kept to answer a retransmitted 5.
  core.send(sa, sa.flight, core.seal_phase1(sa, {our_id, w1::HashPayload{hash_r}}), kMainMode, 0, false,
            &in.datagram.bytes);
  core.heard(sa);
  core.phase1_done(sa);
}

}  // namespace

void first_message(Core& core, const Inbound& in) {
  const io::Datagram& d = in.datagram;
  const w1::Header& h = in.message.header;
  size_t index = 0;
  const PeerConfig* peer = core.responder_peer(in, &index, "Main Mode");
  if (peer == nullptr) return;
  if (peer->tunnel.connection_type == "originate-only")
    return dropped(core, in, "crypto map " + peer->map + " " + std::to_string(peer->sequence) +
                                 " is set connection-type originate-only");
  const auto* offered = w1::find_first<w1::SaPayload>(in.message.payloads);
  if (offered == nullptr) {
    informational::send_clear_notify(core, d, h, w1::NotifyType::PayloadMalformed);
    return dropped(core, in, "message 1 without an SA payload");
  }
  if (offered->doi != w1::kDoiIpsec) {
    informational::send_clear_notify(core, d, h, w1::NotifyType::DoiNotSupported);
    return dropped(core, in, "DOI " + std::to_string(offered->doi) + " is not IPsec");
  }
  if (offered->situation != w1::kSituationIdentityOnly) {
    informational::send_clear_notify(core, d, h, w1::NotifyType::SituationNotSupported);
    return dropped(core, in, "situation " + std::to_string(offered->situation) + " is not SIT_IDENTITY_ONLY");
  }
  std::vector<std::string> received;
  std::optional<Phase1Choice> choice = choose_phase1(*offered, peer->phase1, received);
  if (!choice) return core.refuse_phase1(in, *peer, received);
  IsakmpSa& sa = core.add_responder(in, index, false);
  read_vendor_ids(in.message.payloads, *peer, sa);
  std::string why;
  if (!core.use_suite(sa, choice->suite, why)) {
    core.phase1_failed(sa, FailureKind::Other, why);
    informational::send_clear_notify(core, d, h, w1::NotifyType::NoProposalChosen);
    return;
  }
  std::vector<w1::Payload> p{choice->answer};
  for (auto& v : our_vendor_ids(*peer)) p.push_back(std::move(v));
  w1::Header out;
  out.cky_i = sa.cky_i;
  out.cky_r = sa.cky_r;
  sa.state = Phase1State::MmWaitMsg3;
  core.send(sa, sa.flight, w1::encode_message(out, p), kMainMode, 0, true, &d.bytes);
  core.arm_phase1_deadline(sa);
}

void receive(Core& core, IsakmpSa& sa, const Inbound& in) {
  const bool encrypted = in.message.header.encrypted;
  switch (sa.state) {
    case Phase1State::MmWaitMsg3:
      if (encrypted) return dropped(core, in, "an encrypted message 3");
      return message3(core, sa, in);
    case Phase1State::MmWaitMsg5:
      if (!encrypted) return dropped(core, in, "message 5 in the clear");
      return message5(core, sa, in);
    default: return dropped(core, in, std::string("unexpected in state ") + state_name(sa.state, false));
  }
}

}  // namespace ikeshift::engine::ikev1::main_mode_responder
