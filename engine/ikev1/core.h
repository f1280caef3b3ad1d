// Internal to the IKEv1 engine: the state and the operations the exchange
// tasks share (the SA table, sending with retransmission and duplicate
// answers, the phase 1 and phase 2 encryption, installing and removing IPsec
// SAs, the life cycle of an ISAKMP SA). The tasks themselves are one file
// each (tasks.h lists them); Ikev1Engine only forwards to this class.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sa/peer_index.h"
#include "sa/sa_id_index.h"
#include "ikev1/ikev1_engine.h"
#include "ikev1/protection.h"
#include "io/transport.h"
#include "wire/ikev1_codec.h"

namespace ikeshift::engine::ikev1 {

// A received datagram (port 4500: marker stripped) and its decoded message.
struct Inbound {
  const io::Datagram& datagram;
  const wire::ikev1::Message& message;
};

class Ikev1Engine::Core {
  // Declared first so it outlives the SAs whose leases point into it.
  std::optional<sa::InboundSpiAllocator> own_spis_;  // when none is injected

 public:
  Core(EngineDeps deps, std::vector<PeerConfig> peers, EngineOptions options);
  ~Core();

  EngineDeps deps;
  std::vector<PeerConfig> peers;  // fixed for the engine's life (peer_index_ is built from it)
  EngineOptions options;
  std::map<uint32_t, std::unique_ptr<IsakmpSa>> sas;
  sa::SaIdIndex by_cky_i;  // initiator cookie -> SA ids

  // ---- the SA table
  IsakmpSa& add(std::unique_ptr<IsakmpSa> sa);  // the SA's cky_i is set and never changes
  void erase(uint32_t id);                      // the SA is gone afterwards
  IsakmpSa* find(uint32_t id);
  // The SA a message with these cookies belongs to (an initiator still
  // waiting for Main Mode 2 has cky_r 0 and matches any responder cookie);
  // of several, the oldest.
  IsakmpSa* find(uint64_t cky_i, uint64_t cky_r);
  // The oldest SA with this initiator cookie that `accept` takes.
  template <class Accept>
  IsakmpSa* find_by_cky_i(uint64_t cky_i, Accept accept) {
    IsakmpSa* best = nullptr;
    auto range = by_cky_i.equal_range(cky_i);
    for (auto r = range.first; r != range.second; ++r) {
      IsakmpSa* s = find(r->second);
      if (s != nullptr && accept(*s) && (best == nullptr || s->id < best->id)) best = s;
    }
    return best;
  }
  const PeerConfig* peer_for(uint32_t remote_address, uint32_t local_address, size_t* index) const;
  const PeerConfig& peer(const IsakmpSa& sa) const { return peers[sa.peer]; }
  // The newest established ISAKMP SA with the same peer, other than `not_this`.
  IsakmpSa* sibling(const IsakmpSa& not_this);
  uint32_t next_id();

  // ---- randomness
  uint64_t new_cookie();
  // An inbound SPI from the device-wide allocator, held until the lease ends.
  sa::SpiLease new_spi();
  uint32_t new_message_id(const IsakmpSa& sa);
  wire::Bytes nonce();

  // ---- events
  events::SaRef ref(const IsakmpSa& sa) const;
  events::Ikev1Peer who(const IsakmpSa& sa) const;  // the 713xxx "Group = G, IP = P"
  void emit(const events::Event& e) { deps.events.emit(e); }
  void dropped(const io::Datagram& d, const std::string& why);

  // ---- the first message of a phase 1 (either mode) as responder
  // The crypto map entry for the sender, or nullptr after dropping the
  // message and answering NO-PROPOSAL-CHOSEN in the clear.
  const PeerConfig* responder_peer(const Inbound& in, size_t* index, const std::string& mode);
  // None of our policies fits: logged, and NO-PROPOSAL-CHOSEN in the clear.
  void refuse_phase1(const Inbound& in, const PeerConfig& peer, const std::vector<std::string>& received);
  // A new responder ISAKMP SA for the first message `in` (SAi_b as received).
  IsakmpSa& add_responder(const Inbound& in, size_t peer, bool aggressive);

  // ---- sending
  // IKE on UDP 4500 gets the non-ESP marker.
  void transmit(const io::Endpoint& from, const io::Endpoint& to, const wire::Bytes& ike);
  // Sends `bytes` for SA `sa` in slot `flight`, remembering it with the
  // datagram it answers (for duplicates) and, when a reply is expected,
  // retransmitting it with back-off until `give_up` runs.
  void send(IsakmpSa& sa, Flight& flight, wire::Bytes bytes, uint8_t exchange, uint32_t message_id,
            bool awaiting_reply, const wire::Bytes* answers);
  void settle(Flight& flight);  // a reply arrived: no more retransmissions
  Flight* flight_of(IsakmpSa& sa, bool phase1, uint32_t message_id);
  void arm_retransmit(IsakmpSa& sa, Flight& flight);
  // A phase 1 (either mode, either role) that is not done within
  // options.half_open_timeout fails as a timeout, whatever retransmissions
  // remain: a stalled negotiation neither holds a responder's state nor keeps
  // the tunnel manager waiting for minutes.
  void arm_phase1_deadline(IsakmpSa& sa);
  void retransmit(uint32_t sa_id, bool phase1, uint32_t message_id);
  // A datagram equal to one we already answered: resends our answer.
  bool answer_duplicate(IsakmpSa& sa, const io::Datagram& d);

  // ---- crypto
  // The agreed suite: its PRF and cipher (false, with why, when this build
  // cannot run it, e.g. single DES without the legacy provider).
  bool use_suite(IsakmpSa& sa, const Phase1Suite& suite, std::string& why);
  // g^xy known: SKEYID*, Ka, the phase 1 IV; the key log line.
  void derive_phase1_keys(IsakmpSa& sa, crypto::ByteSpan g_xy);
  // Phase 1 messages chain the SA's running IV.
  wire::Bytes seal_phase1(IsakmpSa& sa, const std::vector<wire::ikev1::Payload>& payloads);
  std::variant<Opened, OpenError> open_phase1(IsakmpSa& sa, const wire::ikev1::Message& m);
  // Quick Mode / Informational: `iv` is the exchange's running IV (empty =
  // start from the last phase 1 block and the message ID).
  wire::Bytes seal_phase2(IsakmpSa& sa, wire::ikev1::ExchangeType exchange, uint32_t message_id, wire::Bytes& iv,
                          const wire::ikev1::EncodedChain& chain);
  std::variant<Opened, OpenError> open_phase2(IsakmpSa& sa, const wire::ikev1::Message& m, wire::Bytes& iv);
  wire::Bytes phase2_iv(const IsakmpSa& sa, uint32_t message_id) const;

  // ---- life cycle
  void phase1_done(IsakmpSa& sa);
  void phase1_failed(IsakmpSa& sa, manager::FailureKind kind, const std::string& why);
  // Reports the outcome of the initiate() that created `sa`, once.
  void report(IsakmpSa& sa, bool established, manager::FailureKind kind, const std::string& detail);
  // Derives KEYMAT, hands the pair to the data plane, logs 713049/713120,
  // arms its lifetimes; replaces `rekey_of` when set.
  void install(IsakmpSa& sa, QuickMode& qm, const Phase2Choice& choice, crypto::ByteSpan g_qm);
  // Removes one IPsec SA pair (optionally telling the peer first).
  // `replaced`: a rekey retired it (no 713050, the tunnel stays up).
  void remove_ipsec(IsakmpSa& sa, uint32_t spi_in, const std::string& reason, bool send_delete,
                    bool replaced = false);
  // Removes an ISAKMP SA: its IPsec SAs move to a newer ISAKMP SA with the
  // same peer if there is one, else they go too. `sa` is gone afterwards.
  void remove_isakmp(IsakmpSa& sa, const std::string& reason);
  void arm_isakmp_lifetime(IsakmpSa& sa);
  void arm_ipsec_lifetime(IsakmpSa& sa, IpsecSa& child);
  void arm_dpd(IsakmpSa& sa);
  // The peer said something authenticated: DPD starts counting again.
  void heard(IsakmpSa& sa);

  uint32_t next_id_ = 1;

 private:
  sa::PeerIndex peer_index_;  // after `peers`, from which it is built
};

}  // namespace ikeshift::engine::ikev1
