// The IKEv2 core's key work: IKE SA keys from IKE_SA_INIT and from an IKE SA
// rekey, CHILD SA KEYMAT through the keymat interface, and handing CHILD SAs
// to (and taking them from) the data plane.
#include "crypto/keymat.h"
#include "ikev2/core.h"
#include "ikev2/exchange_helpers.h"
#include "ikev2/tasks.h"
#include "ikev2/wire_convert.h"

namespace ikeshift::engine::ikev2 {

bool Ikev2Engine::Core::derive_ike_keys(IkeSa& sa, crypto::ByteSpan peer_ke) {
  auto secret = sa.dh->shared_secret(peer_ke);
  if (!secret) return false;
  sa.g_ir = std::move(*secret);
  std::string why;
  sa.crypto = make_sa_crypto(deps.crypto, sa.proposal, why);
  if (!sa.crypto || !sa.crypto->prf) return false;
  const crypto::Prf& prf = *sa.crypto->prf;
  crypto::SecureBytes seed = crypto::skeyseed(prf, crypto::ByteSpan(sa.ni), crypto::ByteSpan(sa.nr), sa.g_ir);
  set_ike_keys(sa, seed);
  emit(events::ProposalChosen{ref(sa), events::SaKind::Ike, sa.proposal.describe()});
  return true;
}

void Ikev2Engine::Core::set_ike_keys(IkeSa& sa, crypto::ByteSpan seed) {
  sa.keys = crypto::derive_ike_sa_keys(*sa.crypto->prf, seed, crypto::ByteSpan(sa.ni), crypto::ByteSpan(sa.nr),
                                       crypto::ByteSpan(spi64_bytes(sa.spi_i)), crypto::ByteSpan(spi64_bytes(sa.spi_r)),
                                       sa.crypto->lengths());
  if (deps.key_sink == nullptr) return;
  IkeSaKeys log;
  log.spi_i = sa.spi_i;
  log.spi_r = sa.spi_r;
  log.sk_ei = sa.keys.sk_ei;
  log.sk_er = sa.keys.sk_er;
  log.sk_ai = sa.keys.sk_ai;
  log.sk_ar = sa.keys.sk_ar;
  log.encryption = model::find_algorithm_by_iana(model::TransformType::Encryption, sa.proposal.encryption->id,
                                                 sa.proposal.encryption->key_bits);
  if (sa.proposal.integrity)
    log.integrity = model::find_algorithm_by_iana(model::TransformType::Integrity, sa.proposal.integrity->id);
  deps.key_sink->ike_keys(log);
}

const crypto::SecureBytes& Ikev2Engine::Core::psk_pad_key(size_t peer, PskKey key, const crypto::Prf& prf) {
  std::vector<PskPadKey>& known = psk_pad_keys_[peer];
  for (const PskPadKey& k : known)
    if (k.key == key && k.prf == prf.id()) return k.value;
  const crypto::SecureBytes& psk = key == PskKey::Local ? peers[peer].psk_local : peers[peer].psk_remote;
  known.push_back(PskPadKey{key, prf.id(), crypto::psk_pad_key(prf, psk)});
  return known.back().value;
}

crypto::SecureBytes Ikev2Engine::Core::psk_auth(const IkeSa& sa, bool of_initiator, const wire::Identification& id,
                                                PskKey key) {
  const crypto::Prf& prf = *sa.crypto->prf;
  const wire::Bytes body = id_body(id);
  crypto::Bytes octets =
      of_initiator ? crypto::signed_octets(prf, crypto::ByteSpan(sa.init_request), crypto::ByteSpan(sa.nr),
                                           sa.keys.sk_pi, crypto::ByteSpan(body))
                   : crypto::signed_octets(prf, crypto::ByteSpan(sa.init_response), crypto::ByteSpan(sa.ni),
                                           sa.keys.sk_pr, crypto::ByteSpan(body));
  return crypto::psk_auth_with_pad_key(prf, psk_pad_key(sa.peer, key, prf), octets);
}

void Ikev2Engine::Core::install_child(IkeSa& sa, bool exchange_initiator, uint32_t spi_in, uint32_t spi_out,
                                      const Selection& proposal, const model::TrafficSelector& local,
                                      const model::TrafficSelector& remote, crypto::ByteSpan ni, crypto::ByteSpan nr,
                                      crypto::ByteSpan g_ir) {
  std::string why;
  auto child_crypto = make_sa_crypto(deps.crypto, proposal, why);
  if (!child_crypto) {
    release_spi(spi_in);
    return;
  }
  crypto::ChildKeyInput key_input;
  key_input.g = g_ir;
  key_input.ni = ni;
  key_input.nr = nr;
  key_input.lengths = child_crypto->lengths();
  crypto::ChildSaKeys k = crypto::Ikev2Keymat(*sa.crypto->prf, sa.keys.sk_d).child_sa_keys(key_input);
  emit(events::ProposalChosen{ref(sa), events::SaKind::Child, proposal.describe()});
  sa.children.push_back(ChildSaInfo{spi_in, spi_out, proposal, local, remote});
  if (deps.child_sink == nullptr) return;
  const PeerConfig& p = peers[sa.peer];
  ChildSaInstall install;
  install.ike_version = 2;
  install.ike_sa = sa.id;
  install.map = p.map;
  install.sequence = p.sequence;
  install.tunnel_group = p.tunnel_group;
  install.spi_in = spi_in;
  install.spi_out = spi_out;
  install.transform = esp_transform_of(proposal);
  install.tunnel_mode = true;  // the engine never sends USE_TRANSPORT_MODE (ASA L2L is tunnel mode)
  install.local = local;
  install.remote = remote;
  install.set_outer_path(sa.local.address, sa.local.port, sa.remote.address, sa.remote.port);
  install.lifetime_seconds = p.tunnel.lifetime_seconds;
  install.lifetime_kilobytes = p.tunnel.lifetime_kilobytes;
  // Inbound traffic was protected by the peer with its direction's keys.
  // "Initiator" is the initiator of the exchange that created this CHILD
  // SA (RFC 7296 2.17), not of the IKE SA: after the IKE SA's responder
  // sends a CREATE_CHILD_SA, the roles of the two differ.
  install.set_keys(crypto::directional(k, exchange_initiator));
  deps.child_sink->install(install);
}

void Ikev2Engine::Core::remove_child(IkeSa& sa, uint32_t spi_in) {
  auto it = std::find_if(sa.children.begin(), sa.children.end(), [&](const ChildSaInfo& c) { return c.spi_in == spi_in; });
  if (it == sa.children.end()) return;
  if (deps.child_sink != nullptr) deps.child_sink->remove(2, sa.id, spi_in);
  sa.children.erase(it);
  release_spi(spi_in);
}

// Keys of the new IKE SA: SKEYSEED = prf(SK_d (old), g^ir (new) | Ni | Nr)
// with the OLD SA's PRF (the exchange belongs to the old SA, RFC 7296 2.18);
// the SK_* with the new SA's PRF and SPIs. The CHILD SAs move over.
void Ikev2Engine::Core::adopt_rekeyed(IkeSa& old, IkeSa& fresh, crypto::ByteSpan g_ir) {
  std::string why;
  fresh.peer = old.peer;
  fresh.local = old.local;
  fresh.remote = old.remote;
  fresh.remote_id = old.remote_id;
  fresh.local_behind_nat = old.local_behind_nat;
  fresh.remote_behind_nat = old.remote_behind_nat;
  fresh.crypto = make_sa_crypto(deps.crypto, fresh.proposal, why);
  if (!fresh.crypto || !fresh.crypto->prf) {
    erase(fresh.id);
    return;
  }
  crypto::SecureBytes seed = crypto::skeyseed_rekey(*old.crypto->prf, old.keys.sk_d, g_ir, crypto::ByteSpan(fresh.ni),
                                                    crypto::ByteSpan(fresh.nr));
  set_ike_keys(fresh, seed);
  forget_setup(fresh);  // its nonces were only for these keys, as an IKE_AUTH SA's are
  fresh.children = std::move(old.children);
  old.children.clear();
  old.replaced = true;
  deps.timers.cancel(old.dpd_timer);
  fresh.state = State::Established;
  fresh.established_at = old.established_at;
  fresh.last_heard = deps.clock.now();
  fresh.next_message_id = 0;  // message IDs start again on the new IKE SA
  fresh.expected_request_id = 0;
  emit(events::RekeyCompleted{ref(old), events::SaKind::Ike, old.spi_i, fresh.spi_i});
  deps.timers.cancel(old.ike_lifetime_timer);
  for (const auto& [spi, timer] : old.child_lifetime_timers) deps.timers.cancel(timer);
  old.child_lifetime_timers.clear();
  dpd::arm(*this, fresh);
  arm_lifetimes(fresh);
}

}  // namespace ikeshift::engine::ikev2
