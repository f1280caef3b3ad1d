// IKE_AUTH as initiator (RFC 7296 1.2, 2.15): IDi, the IDr we expect, AUTH
// from our pre-shared key, INITIAL_CONTACT, the first CHILD SA's proposal and
// traffic selectors; then the peer's AUTH and identity checked, and the
// first CHILD SA installed or its refusal (TS_UNACCEPTABLE,
// NO_PROPOSAL_CHOSEN) reported to the tunnel manager. The further crypto-ACL
// entries follow with CREATE_CHILD_SA, as the ASA builds them.
#include <algorithm>

#include "common/ipv4.h"
#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"
#include "wire/ikev2_find.h"

namespace ikeshift::engine::ikev2::ike_auth_initiator {

void send(Core& core, IkeSa& sa) {
  const PeerConfig& peer = core.peer(sa);
  wire::IdiPayload idi;
  static_cast<wire::Identification&>(idi) = identification_of(peer.tunnel.local_identity, peer.local_address);
  crypto::SecureBytes auth_value = core.psk_auth(sa, true, idi, Ikev2Engine::Core::PskKey::Local);
  sa.child_spi_in = core.new_child_spi();
  sa.selector = 0;

  std::vector<wire::Payload> inner;
  inner.push_back(idi);
  // IDr = the peer we expect (RFC 7296 3.5, optional): strongSwan picks the
  // responder's secret by this pair of identities; without it, asymmetric keys
  // bound to IDs cannot be found. Without a configured remote identity the
  // ASA expects the peer's address.
  wire::IdrPayload expected_idr;
  static_cast<wire::Identification&>(expected_idr) =
      identification_of(peer.tunnel.remote_identity.value_or(model::IkeIdentity{}), peer.peer_address);
  inner.push_back(expected_idr);
  wire::AuthPayload auth;
  auth.method = wire::AuthMethod::SharedKeyMic;
  auth.data.assign(auth_value.data(), auth_value.data() + auth_value.size());
  inner.push_back(std::move(auth));
  wire::NotifyPayload contact;
  contact.type = wire::NotifyType::InitialContact;
  inner.push_back(std::move(contact));
  inner.push_back(to_wire(esp_offers(peer.tunnel, false, spi_bytes(sa.child_spi_in))));
  wire::TsiPayload tsi;
  wire::TsrPayload tsr;
  if (!peer.tunnel.selectors.empty()) {
    tsi.selectors.push_back(to_wire(peer.tunnel.selectors.front().local));
    tsr.selectors.push_back(to_wire(peer.tunnel.selectors.front().remote));
  }
  inner.push_back(std::move(tsi));
  inner.push_back(std::move(tsr));

  sa.next_message_id = 1;
  sa.state = State::AuthSent;
  core.send_protected_request(sa, wire::ExchangeType::IkeAuth, inner);
  auto& a = std::get<wire::AuthPayload>(inner[2]);
  std::fill(a.data.begin(), a.data.end(), uint8_t{0});
}

void receive(Core& core, IkeSa& sa, const Inbound& in) {
  const io::Datagram& d = in.datagram;
  auto opened = core.open(sa, d, in.message, "IKE_AUTH");
  if (!opened) return;
  const std::vector<wire::Payload>& payloads = *opened;
  core.settle(sa);
  if (wire::find_notify(payloads, wire::NotifyType::AuthenticationFailed) != nullptr) {
    core.emit(events::AuthenticationFailed{core.ref(sa), format_ipv4(sa.remote.address),
                                           "the peer rejected our AUTH (ikev2 local-authentication pre-shared-key)"});
    core.fail(sa, "AUTHENTICATION_FAILED: the peer rejected our pre-shared key", manager::FailureKind::AuthenticationFailed);
    return;
  }
  const PeerConfig& peer = core.peer(sa);
  const auto* idr = wire::find_first<wire::IdrPayload>(payloads);
  const auto* auth = wire::find_first<wire::AuthPayload>(payloads);
  if (idr == nullptr || auth == nullptr) {
    core.fail(sa, "IKE_AUTH response without IDr and AUTH");
    return;
  }
  crypto::SecureBytes expected = core.psk_auth(sa, false, *idr, Ikev2Engine::Core::PskKey::Remote);
  sa.remote_id = identification_text(*idr);
  if (peer.tunnel.remote_identity && !identification_matches(*idr, *peer.tunnel.remote_identity, peer.peer_address)) {
    core.emit(events::AuthenticationFailed{core.ref(sa), sa.remote_id,
                                           "the peer's identity is not the configured " +
                                               describe(*peer.tunnel.remote_identity)});
    core.fail(sa, "AUTHENTICATION_FAILED: unexpected peer identity " + sa.remote_id);
    return;
  }
  if (!crypto::equal_ct(expected, crypto::ByteSpan(auth->data))) {
    core.emit(events::AuthenticationFailed{core.ref(sa), format_ipv4(sa.remote.address),
                                           "the peer's AUTH does not match tunnel-group " + peer.tunnel_group +
                                               " ikev2 remote-authentication pre-shared-key"});
    core.fail(sa, "AUTHENTICATION_FAILED: pre-shared key mismatch with " + format_ipv4(sa.remote.address),
              manager::FailureKind::AuthenticationFailed);
    return;
  }
  core.established(sa);

  // The IKE SA is up; the first CHILD SA's keys still need the nonces.
  auto child_refused = [&](manager::FailureKind kind, const std::string& why) {
    core.forget_setup(sa);
    core.release_spi(sa.child_spi_in);
    sa.child_spi_in = 0;
    sa.failure = why;
    core.report(sa, kind, sa.failure);
  };
  if (wire::find_notify(payloads, wire::NotifyType::TsUnacceptable) != nullptr) {
    core.report_ts_unacceptable(sa, nullptr, nullptr);
    return child_refused(manager::FailureKind::TsUnacceptable,
                         "CHILD SA: TS_UNACCEPTABLE (the peer's crypto ACL is not the mirror image)");
  }
  if (wire::find_notify(payloads, wire::NotifyType::NoProposalChosen) != nullptr) {
    core.emit(events::ProposalMismatch{core.ref(sa), events::SaKind::Child, {},
                                       describe_all(esp_offers(peer.tunnel, false, {}))});
    return child_refused(manager::FailureKind::NoProposalChosen, "CHILD SA: NO_PROPOSAL_CHOSEN (no common ipsec-proposal)");
  }
  const auto* sa2 = wire::find_first<wire::SaPayload>(payloads);
  const auto* tsi = wire::find_first<wire::TsiPayload>(payloads);
  const auto* tsr = wire::find_first<wire::TsrPayload>(payloads);
  if (sa2 == nullptr || sa2->proposals.size() != 1 || tsi == nullptr || tsr == nullptr || tsi->selectors.empty() ||
      tsr->selectors.empty()) {
    return child_refused(manager::FailureKind::Other, "CHILD SA: the IKE_AUTH response has no SA or traffic selectors");
  }
  auto child = accept_answer(from_wire(*sa2).front(), esp_offers(peer.tunnel, false, spi_bytes(sa.child_spi_in)));
  auto local = from_wire(tsi->selectors.front());
  auto remote = from_wire(tsr->selectors.front());
  auto their_spi = child ? spi_value(child->spi) : std::nullopt;
  if (!child || !local || !remote || !their_spi) {
    return child_refused(manager::FailureKind::NoProposalChosen, "CHILD SA: the peer's answer is not one of our offers");
  }
  core.install_child(sa, true, sa.child_spi_in, *their_spi, *child, *local, *remote, crypto::ByteSpan(sa.ni),
                     crypto::ByteSpan(sa.nr), {});
  core.forget_setup(sa);
  sa.child_spi_in = 0;  // the CHILD SA holds it now (or install_child gave it back)
  core.arm_lifetimes(sa);
  const uint32_t id = sa.id;
  core.report(sa, manager::FailureKind::None, "");
  IkeSa* still = core.find(id);
  if (still == nullptr) return;
  // The ASA builds one CHILD SA per crypto-ACL entry: the others follow.
  for (size_t i = 1; i < peer.tunnel.selectors.size(); ++i)
    still->queue.push_back([&core, i](IkeSa& s) { create_child_initiator::start(core, s, i, std::nullopt); });
  core.pump(*still);
}

}  // namespace ikeshift::engine::ikev2::ike_auth_initiator
