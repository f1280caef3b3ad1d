// IKE_AUTH as responder (RFC 7296 1.2, 2.15): the initiator's identity and
// AUTH checked against the tunnel-group (AUTHENTICATION_FAILED otherwise),
// our IDr and AUTH, and the first CHILD SA from the peer's proposal and
// traffic selectors (NO_PROPOSAL_CHOSEN / TS_UNACCEPTABLE inside a
// successful IKE_AUTH when they do not fit the crypto map entry).
#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2::ike_auth_responder {

void receive(Core& core, IkeSa& sa, const Inbound& in) {
  const io::Datagram& d = in.datagram;
  const wire::Message& m = in.message;
  // Not from the peer that did IKE_SA_INIT with us (or damaged): drop, no answer.
  auto opened = core.open(sa, d, m, "IKE_AUTH");
  if (!opened) return;
  const std::vector<wire::Payload>& payloads = *opened;
  const PeerConfig& peer = core.peer(sa);
  const auto* idi = wire::find_first<wire::IdiPayload>(payloads);
  const auto* auth = wire::find_first<wire::AuthPayload>(payloads);
  if (idi == nullptr || auth == nullptr || auth->method != wire::AuthMethod::SharedKeyMic) {
    core.answer_notify(sa, m, wire::NotifyType::AuthenticationFailed);
    core.emit(events::AuthenticationFailed{core.ref(sa), "", "no IDi/AUTH, or not shared-key authentication"});
    core.fail(sa, "AUTHENTICATION_FAILED: the peer did not use pre-shared key authentication",
              manager::FailureKind::AuthenticationFailed);
    return;
  }
  crypto::SecureBytes expected = core.psk_auth(sa, true, *idi, Ikev2Engine::Core::PskKey::Remote);
  std::string identity = identification_text(*idi);
  sa.remote_id = identity;
  if (peer.tunnel.remote_identity && !identification_matches(*idi, *peer.tunnel.remote_identity, peer.peer_address)) {
    core.answer_notify(sa, m, wire::NotifyType::AuthenticationFailed);
    core.emit(events::AuthenticationFailed{core.ref(sa), identity,
                                           "the peer's identity is not the configured " +
                                               describe(*peer.tunnel.remote_identity)});
    core.fail(sa, "AUTHENTICATION_FAILED: unexpected peer identity " + identity);
    return;
  }
  if (!crypto::equal_ct(expected, crypto::ByteSpan(auth->data))) {
    core.answer_notify(sa, m, wire::NotifyType::AuthenticationFailed);
    core.emit(events::AuthenticationFailed{core.ref(sa), identity,
                                           "the peer's AUTH does not match tunnel-group " + peer.tunnel_group +
                                               " ikev2 remote-authentication pre-shared-key"});
    core.fail(sa, "AUTHENTICATION_FAILED: pre-shared key mismatch with " + identity,
              manager::FailureKind::AuthenticationFailed);
    return;
  }

  // The IKE SA is authenticated. Our AUTH:
  std::vector<wire::Payload> reply;
  wire::IdrPayload idr;
  static_cast<wire::Identification&>(idr) = identification_of(peer.tunnel.local_identity, peer.local_address);
  crypto::SecureBytes our_auth = core.psk_auth(sa, false, idr, Ikev2Engine::Core::PskKey::Local);
  reply.push_back(idr);
  wire::AuthPayload a;
  a.method = wire::AuthMethod::SharedKeyMic;
  a.data.assign(our_auth.data(), our_auth.data() + our_auth.size());
  reply.push_back(std::move(a));

  // The first CHILD SA: proposal and traffic selectors.
  const auto* sa2 = wire::find_first<wire::SaPayload>(payloads);
  const auto* tsi = wire::find_first<wire::TsiPayload>(payloads);
  const auto* tsr = wire::find_first<wire::TsrPayload>(payloads);
  std::optional<Selection> child;
  if (sa2 != nullptr) child = select_proposal(without_dh(from_wire(*sa2)), without_dh(esp_offers(peer.tunnel, false, {})));
  std::optional<model::SelectorPair> pair = match_selectors(peer.tunnel, tsi, tsr);
  if (!child) {
    wire::NotifyPayload n;
    n.type = wire::NotifyType::NoProposalChosen;
    reply.push_back(std::move(n));
    core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Child,
                                       sa2 ? describe_all(from_wire(*sa2)) : std::vector<std::string>{},
                                       describe_all(esp_offers(peer.tunnel, false, {}))});
  } else if (!pair) {
    wire::NotifyPayload n;
    n.type = wire::NotifyType::TsUnacceptable;
    reply.push_back(std::move(n));
    core.report_ts_unacceptable(sa, tsi, tsr);
  } else {
    auto their_spi = spi_value(child->spi);
    uint32_t our_spi = core.new_child_spi();
    Selection ours = *child;
    ours.spi = spi_bytes(our_spi);
    reply.push_back(to_wire(std::vector<Proposal>{ours.as_proposal()}));
    add_traffic_selectors(reply, pair->remote, pair->local);
    if (their_spi) {
      core.install_child(sa, false, our_spi, *their_spi, *child, pair->local, pair->remote, crypto::ByteSpan(sa.ni),
                         crypto::ByteSpan(sa.nr), {});
    } else {
      core.release_spi(our_spi);
    }
  }
  core.answer(sa, m, reply);
  core.established(sa);
  core.forget_setup(sa);
}

}  // namespace ikeshift::engine::ikev2::ike_auth_responder
