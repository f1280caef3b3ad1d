// Internal to the IKEv2 engine: the state and the operations the exchange
// tasks share -- the SA table, message IDs and the window of one request,
// sending with retransmission and the response cache, timers (DPD,
// lifetimes, the initiator's setup deadline, failed SAs leaving `show`),
// events, key derivation and CHILD SA installation, the life cycle of an IKE
// SA. The exchanges themselves are one task per exchange and role, each in
// its own file (tasks.h lists them); Ikev2Engine only dispatches to them.
// Built like ikev1/core.h.
#pragma once

#include <map>

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <variant>
#include <vector>

#include "sa/peer_index.h"
#include "sa/sa_id_index.h"
#include "ikev2/ike_sa.h"
#include "ikev2/ikev2_engine.h"
#include "io/transport.h"
#include "sa/inbound_spi_allocator.h"
#include "wire/ikev2_codec.h"

namespace ikeshift::engine::ikev2 {

// A received datagram (port 4500: marker stripped) and its decoded message.
struct Inbound {
  const io::Datagram& datagram;
  const wire::Message& message;
};

constexpr size_t kNonceSize = 32;  // RFC 7296 2.10: at least half the PRF key size, >= 16

class Ikev2Engine::Core {
 public:
  Core(EngineDeps deps, std::vector<PeerConfig> peers, EngineOptions options);
  ~Core();
  Core(const Core&) = delete;
  Core& operator=(const Core&) = delete;

  EngineDeps deps;
  std::vector<PeerConfig> peers;  // fixed for the engine's life (peer_index_ is built from it)
  EngineOptions options;
  std::map<uint32_t, std::unique_ptr<IkeSa>> sas;
  sa::SaIdIndex by_spi_i;                                 // initiator SPI -> SA ids
  crypto::SecureBytes cookie_secret;                      // drawn on first use
  // Responder SAs waiting for IKE_AUTH, what `crypto ikev2 cookie-challenge`
  // counts on every IKE_SA_INIT: kept as a set rather than counted by walking
  // every SA, which under the flood the challenge is for cost O(SAs) a request.
  std::unordered_set<uint32_t> half_open;

  // ---- the SA table (indexed by the initiator's SPI, which every message carries)
  IkeSa& add(std::unique_ptr<IkeSa> sa);
  void erase(uint32_t id);  // releases the SA's inbound SPIs; `sa` is gone afterwards
  IkeSa* find(uint32_t id);
  // The SA a message with these SPIs belongs to; `initiator_sent` is the
  // message's I flag (set exactly when we are not the SA's initiator).
  IkeSa* find(uint64_t spi_i, uint64_t spi_r, bool initiator_sent);
  const PeerConfig* peer_for(uint32_t remote_address, uint32_t local_address, size_t* index) const;
  const PeerConfig& peer(const IkeSa& sa) const { return peers[sa.peer]; }
  uint32_t next_id() { return next_id_++; }

  // ---- randomness
  uint64_t new_ike_spi();
  // An inbound CHILD SA SPI from the device-wide allocator (unique across
  // both IKE versions); give it back with release_spi when the SA goes.
  uint32_t new_child_spi();
  void release_spi(uint32_t spi);
  wire::Bytes nonce() { return deps.rng.bytes(kNonceSize); }

  // ---- events
  events::Peer event_peer(const IkeSa& sa) const;
  events::SaRef ref(const IkeSa& sa) const;
  void emit(const events::Event& e) { deps.events.emit(e); }
  void dropped(const io::Datagram& d, const std::string& why);

  // ---- sending
  // IKE on UDP 4500 carries the 4-octet non-ESP marker (RFC 3948 2.2).
  void transmit(const io::Endpoint& from, const io::Endpoint& to, const wire::Bytes& message);
  // Our request in the window of one, retransmitted with back-off until
  // answered or given up.
  void send_request(IkeSa& sa, wire::Bytes bytes, wire::ExchangeType exchange);
  // A protected request with our next message ID.
  void send_protected_request(IkeSa& sa, wire::ExchangeType exchange, const std::vector<wire::Payload>& inner);
  // Our answer, kept to answer a retransmitted request without processing it again.
  void send_response(IkeSa& sa, wire::Bytes bytes, wire::ExchangeType exchange, uint32_t message_id);
  // A protected answer to request `m`; the peer's next request is m's ID + 1.
  void answer(IkeSa& sa, const wire::Message& m, const std::vector<wire::Payload>& inner);
  // The same with a single notify.
  void answer_notify(IkeSa& sa, const wire::Message& m, wire::NotifyType type, wire::Bytes data = {});
  // An unprotected error answer to an IKE_SA_INIT request (no SA is kept).
  void send_plain_error(const io::Datagram& to_answer, const wire::Header& h, wire::NotifyType type,
                        wire::Bytes data);
  // The response to our request arrived: the window is free again.
  void settle(IkeSa& sa);
  void arm_retransmit(IkeSa& sa);
  // The payloads inside an SK payload, or nullopt (dropped, with `what` in
  // the log) when it does not decrypt or verify.
  std::optional<std::vector<wire::Payload>> open(IkeSa& sa, const io::Datagram& d, const wire::Message& m,
                                                 const char* what);
  // Runs the next queued request when the window (one request) is free.
  void pump(IkeSa& sa);

  // ---- NAT traversal (nat_detection.cpp)
  void add_nat_detection(std::vector<wire::Payload>& payloads, const IkeSa& sa, uint64_t spi_r);
  void detect_nat(IkeSa& sa, const io::Datagram& d, const wire::Message& m, uint64_t spi_r_hashed);

  // ---- keys
  // g^ir, SKEYSEED and the SK_* for a new IKE SA from IKE_SA_INIT.
  bool derive_ike_keys(IkeSa& sa, crypto::ByteSpan peer_ke);
  // {SK_d | SK_ai | ...} = prf+(SKEYSEED, Ni | Nr | SPIi | SPIr); then to the key log if asked.
  void set_ike_keys(IkeSa& sa, crypto::ByteSpan seed);
  // Derives KEYMAT = prf+(SK_d, [g^ir] | Ni | Nr) for a CHILD SA and hands it to the data plane.
  // exchange_initiator: this end initiated the exchange (IKE_AUTH or
  // CREATE_CHILD_SA) that created it; it decides which half of KEYMAT protects
  // which direction (RFC 7296 2.17).
  void install_child(IkeSa& sa, bool exchange_initiator, uint32_t spi_in, uint32_t spi_out, const Selection& proposal,
                     const model::TrafficSelector& local, const model::TrafficSelector& remote,
                     crypto::ByteSpan ni, crypto::ByteSpan nr, crypto::ByteSpan g_ir);
  // A CHILD SA leaves the IKE SA and the data plane.
  void remove_child(IkeSa& sa, uint32_t spi_in);
  // The pre-shared-key AUTH (RFC 7296 2.15) of the IKE_AUTH initiator
  // (`of_initiator`: its IKE_SA_INIT request, Nr, SK_pi, IDi) or responder
  // (its response, Ni, SK_pr, IDr) for identity `id` with the SA's peer's
  // local key (what we send) or remote key (what we expect).
  enum class PskKey { Local, Remote };
  crypto::SecureBytes psk_auth(const IkeSa& sa, bool of_initiator, const wire::Identification& id, PskKey key);
  // The TS_UNACCEPTABLE diagnostic: what the crypto ACL would have allowed.
  void report_ts_unacceptable(const IkeSa& sa, const wire::TsiPayload* tsi, const wire::TsrPayload* tsr);

  // ---- life cycle
  // The initiator's IKE_SA_INIT + IKE_AUTH must be done by then (if bounded).
  void arm_setup_deadline(IkeSa& sa);
  void fail(IkeSa& sa, const std::string& why, manager::FailureKind kind = manager::FailureKind::Other);
  // The outcome of the initiate() that created `sa`, once.
  void report(IkeSa& sa, manager::FailureKind kind, const std::string& detail);
  void established(IkeSa& sa);
  // After IKE_AUTH (or an IKE SA rekey), what only the set-up needed: the DH
  // private value and g^ir (wiped: they protect nothing once the keys exist,
  // and keeping them would weaken forward secrecy), both IKE_SA_INIT messages
  // and the nonces. About a kilobyte per established SA.
  void forget_setup(IkeSa& sa);
  // Removes the SA with its CHILD SAs (logs the tunnel down when it was up). `sa` is gone afterwards.
  void remove_sa(IkeSa& sa, const std::string& reason);
  void arm_lifetimes(IkeSa& sa);
  void cancel_timers(IkeSa& sa);
  // A new IKE SA from a rekey takes over the old one's CHILD SAs (ike_rekey_*.cpp).
  void adopt_rekeyed(IkeSa& old, IkeSa& fresh, crypto::ByteSpan g_ir);

 private:
  sa::PeerIndex peer_index_;  // after `peers`, from which it is built
  // prf(PSK, "Key Pad for IKEv2") per peer, key and PRF, made on first use:
  // two HMACs fewer per IKE_AUTH. Peers (and so their keys) are fixed for
  // the engine's life; SecureBytes wipes the pad keys with the engine.
  struct PskPadKey {
    PskKey key;
    crypto::PrfId prf;
    crypto::SecureBytes value;
  };
  const crypto::SecureBytes& psk_pad_key(size_t peer, PskKey key, const crypto::Prf& prf);
  std::vector<std::vector<PskPadKey>> psk_pad_keys_;  // indexed like `peers`
  sa::InboundSpiAllocator& spis();
  std::optional<sa::InboundSpiAllocator> own_spis_;  // when none is injected
  uint32_t next_id_ = 1;
};

}  // namespace ikeshift::engine::ikev2
