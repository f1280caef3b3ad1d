// Main Mode, initiator (RFC 2409 5, pre-shared keys; RFC 3947 NAT-D):
//   1 ->  HDR, SA, V...
//   2 <-  HDR, SA, V...
//   3 ->  HDR, KE, Ni [, NAT-D, NAT-D]
//   4 <-  HDR, KE, Nr [, NAT-D, NAT-D]
//   5 ->  HDR*, IDii, HASH_I [, N(INITIAL-CONTACT)]   (UDP 4500 once a NAT is seen)
//   6 <-  HDR*, IDir, HASH_R
#include "common/ipv4.h"
#include "crypto/ikev1_keymat.h"
#include "ikev1/messages.h"
#include "ikev1/tasks.h"
#include "wire/ikev1_names.h"

namespace ikeshift::engine::ikev1::main_mode_initiator {

namespace w1 = wire::ikev1;
using manager::FailureKind;

namespace {

constexpr uint8_t kMainMode = static_cast<uint8_t>(w1::ExchangeType::IdentityProtection);

void dropped(Core& core, const Inbound& in, const std::string& why) {
  core.dropped(in.datagram, "Main Mode: " + why);
}

bool other_sa_with(Core& core, const IsakmpSa& sa) {
  for (const auto& [id, s] : core.sas)
    if (s.get() != &sa && s->remote.address == sa.remote.address && s->established()) return true;
  return false;
}

void message2(Core& core, IsakmpSa& sa, const Inbound& in) {
  const PeerConfig& peer = core.peer(sa);
  const auto* answer = w1::find_first<w1::SaPayload>(in.message.payloads);
  std::optional<Phase1Suite> suite = answer ? accept_phase1(*answer, peer.phase1) : std::nullopt;
  if (!suite) {
    core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Ike, {}, describe_all(peer.phase1)});
    core.phase1_failed(sa, FailureKind::NoProposalChosen, "the peer answered Main Mode 1 with a proposal we did not offer");
    return;
  }
  core.settle(sa.flight);
  sa.cky_r = in.message.header.cky_r;
  read_vendor_ids(in.message.payloads, peer, sa);
  std::string why;
  if (!core.use_suite(sa, *suite, why)) {
    core.phase1_failed(sa, FailureKind::Other, why);
    return;
  }
  sa.dh = core.deps.dh.create(suite->group->iana_id, core.deps.rng);
  if (!sa.dh) {
    core.phase1_failed(sa, FailureKind::Other, "DH group " + std::to_string(suite->group->iana_id) + " is not supported");
    return;
  }
  sa.g_xi = sa.dh->public_value();
  sa.ni = core.nonce();
  std::vector<w1::Payload> p{w1::KePayload{sa.g_xi}, w1::NoncePayload{sa.ni}};
  if (sa.nat_t != NatTMode::None)
    for (auto& n : nat_d_payloads(sa, core.options.force_udp_encapsulation)) p.push_back(std::move(n));
  w1::Header h;
  h.cky_i = sa.cky_i;
  h.cky_r = sa.cky_r;
  sa.state = Phase1State::MmWaitMsg4;
  core.send(sa, sa.flight, w1::encode_message(h, p), kMainMode, 0, true, &in.datagram.bytes);
}

void message4(Core& core, IsakmpSa& sa, const Inbound& in) {
  const auto* ke = w1::find_first<w1::KePayload>(in.message.payloads);
  const auto* nonce = w1::find_first<w1::NoncePayload>(in.message.payloads);
  if (ke == nullptr || nonce == nullptr || nonce->data.size() < 8 || nonce->data.size() > 256)
    return dropped(core, in, "message 4 without KE or a valid nonce");
  std::optional<crypto::SecureBytes> g_xy = sa.dh->shared_secret(ke->data);
  if (!g_xy) return dropped(core, in, "message 4's KE is not a valid group " + std::to_string(sa.dh->group()) + " value");
  core.settle(sa.flight);
  sa.g_xr = ke->data;
  sa.nr = nonce->data;
  core.derive_phase1_keys(sa, *g_xy);
  if (sa.nat_t != NatTMode::None) detect_nat(sa, in.message.payloads, in.datagram, core.options.force_udp_encapsulation);
  if (sa.local_behind_nat || sa.remote_behind_nat) {
    // RFC 3947 4: with a NAT on the path everything from message 5 on runs
    // on UDP 4500 (and ESP follows in UDP encapsulation).
    sa.local.port = io::kNatTPort;
    sa.remote.port = io::kNatTPort;
  }
  const w1::IdPayload id = address_id(core.peer(sa).local_address);
  const wire::Bytes hash_i = crypto::ikev1_hash_i(*sa.prf, sa.keys.skeyid, sa.g_xi, sa.g_xr, cookie_bytes(sa.cky_i),
                                                  cookie_bytes(sa.cky_r), sa.sai_b, id_body(id));
  std::vector<w1::Payload> p{id, w1::HashPayload{hash_i}};
  if (!other_sa_with(core, sa) && !sa.replaces) {
    // No SA with this peer yet: let it drop whatever it still has of us.
    w1::NotificationPayload contact;
    contact.protocol = w1::ProtocolId::Isakmp;
    contact.spi = crypto::concat({cookie_bytes(sa.cky_i), cookie_bytes(sa.cky_r)});
    contact.type = w1::NotifyType::InitialContact;
    p.push_back(contact);
  }
  sa.state = Phase1State::MmWaitMsg6;
  core.send(sa, sa.flight, core.seal_phase1(sa, p), kMainMode, 0, true, &in.datagram.bytes);
}

void message6(Core& core, IsakmpSa& sa, const Inbound& in) {
  auto opened = core.open_phase1(sa, in.message);
  if (auto* e = std::get_if<OpenError>(&opened)) return dropped(core, in, "message 6: " + e->what);
  const Opened& o = std::get<Opened>(opened);
  const auto* id = w1::find_first<w1::IdPayload>(o.chain.payloads);
  const auto* hash = w1::find_first<w1::HashPayload>(o.chain.payloads);
  if (id == nullptr || hash == nullptr) return dropped(core, in, "message 6 without ID and HASH");
  core.settle(sa.flight);
  // The exchange is over: a retransmitted 6 gets nothing back (our 5 would
  // only make the responder send 6 again, forever).
  sa.flight.last_received = in.datagram.bytes;
  sa.flight.last_sent.clear();
  const wire::Bytes expected = crypto::ikev1_hash_r(*sa.prf, sa.keys.skeyid, sa.g_xi, sa.g_xr, cookie_bytes(sa.cky_i),
                                                    cookie_bytes(sa.cky_r), sa.sai_b, id_body(*id));
  sa.remote_id = w1::id_to_string(*id);
  if (!crypto::equal_ct(expected, hash->data)) {
    core.emit(events::AuthenticationFailed{core.ref(sa), sa.remote_id,
                                           "HASH_R does not verify with tunnel-group " + core.peer(sa).tunnel_group +
                                               " ikev1 pre-shared-key"});
    core.phase1_failed(sa, FailureKind::AuthenticationFailed, "pre-shared key mismatch with " + sa.remote_id);
    return;
  }
  core.phase1_done(sa);
}

}  // namespace

void start(Core& core, IsakmpSa& sa) {
  const PeerConfig& peer = core.peer(sa);
  std::vector<w1::Payload> p{phase1_sa(peer.phase1)};
  for (auto& v : our_vendor_ids(peer)) p.push_back(std::move(v));
  const w1::EncodedChain chain = w1::encode_payload_chain(p);
  const w1::PayloadSpan& span = chain.spans.front();
  // SAi_b: the SA payload body (without its generic header), for HASH_I/R.
  sa.sai_b.assign(chain.bytes.begin() + static_cast<std::ptrdiff_t>(span.offset + w1::kGenericPayloadHeaderSize),
                  chain.bytes.begin() + static_cast<std::ptrdiff_t>(span.offset + span.length));
  w1::Header h;
  h.cky_i = sa.cky_i;
  sa.state = Phase1State::MmWaitMsg2;
  wire::Bytes bytes = w1::encode_header(h, chain.first, chain.bytes.size());
  bytes.insert(bytes.end(), chain.bytes.begin(), chain.bytes.end());
  core.send(sa, sa.flight, std::move(bytes), kMainMode, 0, true, nullptr);
  core.arm_phase1_deadline(sa);
}

void receive(Core& core, IsakmpSa& sa, const Inbound& in) {
  const bool encrypted = in.message.header.encrypted;
  switch (sa.state) {
    case Phase1State::MmWaitMsg2:
      if (encrypted) return dropped(core, in, "an encrypted message 2");
      return message2(core, sa, in);
    case Phase1State::MmWaitMsg4:
      if (encrypted) return dropped(core, in, "an encrypted message 4");
      return message4(core, sa, in);
    case Phase1State::MmWaitMsg6:
      if (!encrypted) return dropped(core, in, "message 6 in the clear");
      return message6(core, sa, in);
    default: return dropped(core, in, std::string("unexpected in state ") + state_name(sa.state, false));
  }
}

}  // namespace ikeshift::engine::ikev1::main_mode_initiator
