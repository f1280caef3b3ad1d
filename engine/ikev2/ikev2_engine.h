// The IKEv2 engine of one device: runs its crypto-map tunnels as initiator
// and responder (RFC 7296). Everything it touches is injected -- clock, RNG,
// DH, crypto context, transport, event bus, data plane -- so two engines can
// run a whole exchange in one process, deterministically, in a unit test.
//
// Implemented so far: IKE_SA_INIT (proposal selection, KE, nonces, NAT
// detection, INVALID_KE_PAYLOAD retry, NO_PROPOSAL_CHOSEN), IKE_AUTH with
// pre-shared keys (asymmetric local/remote keys, address/FQDN/key-id IDs, the first
// CHILD SA with its traffic selectors, TS_UNACCEPTABLE, AUTHENTICATION_FAILED),
// retransmission with back-off and a give-up limit, and duplicate requests
// answered from the response cache, NAT detection with the float to UDP 4500
// (non-ESP marker), INFORMATIONAL in both directions (liveness/DPD from
// `isakmp keepalive`, Delete of IKE and CHILD SAs), CREATE_CHILD_SA for the
// further CHILD SAs of a crypto ACL (one per ACL entry, as the ASA does) and
// CHILD SA rekey with PFS, IKE SA rekey in both roles, the stateless COOKIE
// challenge, rekeys when lifetimes run out (seconds; kilobytes need the ESP
// data plane) -- see docs/ARCHITECTURE.md.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "crypto/dh.h"
#include "dataplane/child_sa.h"
#include "crypto/rng.h"
#include "events/event_bus.h"
#include "ikev2/keylog.h"
#include "ikev2/peer_config.h"
#include "ikev2/sa_crypto.h"
#include "io/clock.h"
#include "io/timer_queue.h"
#include "io/transport.h"
#include "manager/initiate_outcome.h"

namespace ikeshift::engine::ikev2 {

// CHILD SA keys go to the data plane through the version-neutral contract.
using dataplane::ChildSaInstall;
using dataplane::ChildSaSink;

struct EngineDeps {
  const io::Clock& clock;
  io::TimerQueue& timers;
  crypto::Rng& rng;
  crypto::DhFactory& dh;
  const crypto::CryptoContext& crypto;
  io::Transport& transport;
  events::EventBus& events;
  ChildSaSink* child_sink = nullptr;
  IkeKeySink* key_sink = nullptr;  // --keylog: nullptr unless the operator asked
};

struct RetransmitPolicy {
  io::Duration first = std::chrono::seconds(2);  // then doubled each time
  unsigned max_attempts = 5;                     // retransmissions before giving up
};

struct EngineOptions {
  RetransmitPolicy retransmit;
  // Claim to be behind a NAT so that IKE and ESP move to UDP 4500 (what
  // strongSwan's `encap = yes` and its userspace data path do): the lab's
  // userspace ESP runs over UDP.
  bool force_udp_encapsulation = false;
  // `crypto ikev2 cookie-challenge`: once this many IKE SAs are half-open
  // (IKE_SA_INIT answered, IKE_AUTH not yet), IKE_SA_INIT requests are answered
  // with a COOKIE and no state until the initiator returns it (RFC 7296 2.6).
  // nullopt: never (the ASA default). 0: always.
  std::optional<size_t> cookie_threshold;
  // Rekeys start at this share of a lifetime (IKE policy `lifetime seconds`,
  // `set security-association lifetime seconds`), on the IKE SA's initiator
  // only, so two ends never rekey the same SA at once.
  double rekey_at = 0.9;
  // A responder SA whose IKE_AUTH does not arrive within this is dropped, so
  // half-open SAs (forged or lost initiators) cannot pile up.
  io::Duration half_open_timeout = std::chrono::seconds(30);
};

// The half-open count from the ASA's `crypto ikev2 cookie-challenge PERCENT`
// and `crypto ikev2 limit max-in-negotiation-sa N` (PERCENT of N).
std::optional<size_t> cookie_threshold_from(std::optional<uint32_t> cookie_challenge_percent,
                                            std::optional<uint32_t> max_in_negotiation_sa);

class Ikev2Engine {
 public:
  enum class State { InitSent, AuthSent, Established, Deleting, Failed };

  struct ChildSaInfo {
    uint32_t spi_in = 0, spi_out = 0;
    Selection proposal;
    model::TrafficSelector local, remote;
  };
  struct IkeSaInfo {
    uint32_t id = 0;
    size_t peer = 0;
    bool initiator = false;
    State state = State::InitSent;
    uint64_t spi_i = 0, spi_r = 0;
    io::Endpoint local, remote;
    Selection proposal;
    std::vector<ChildSaInfo> children;
    std::string failure;  // why it failed, in words
    bool nat_detected = false;
    std::optional<io::TimePoint> established_at;
    std::string remote_id;  // the identity the peer authenticated with ("192.168.2.2")
  };

  Ikev2Engine(EngineDeps deps, std::vector<PeerConfig> peers, EngineOptions options = {});
  ~Ikev2Engine();
  Ikev2Engine(const Ikev2Engine&) = delete;
  Ikev2Engine& operator=(const Ikev2Engine&) = delete;

  // Starts IKE_SA_INIT towards peer `index` for its first selector pair.
  // Returns the IKE SA id. `outcome` (for the tunnel manager) is called once:
  // established when the IKE SA and its first CHILD SA are up, or failed
  // with the kind (NO_PROPOSAL_CHOSEN for the IKE or the CHILD SA,
  // AUTHENTICATION_FAILED, TS_UNACCEPTABLE, no response).
  uint32_t initiate(size_t index, manager::OutcomeCallback outcome = {});

  // Deletes an IKE SA and its CHILD SAs with an INFORMATIONAL Delete (ASA
  // `clear crypto ikev2 sa`); `reason` goes to the 750007 log line. The SA is
  // gone when the peer answers or the request times out. False if unknown.
  bool terminate(uint32_t ike_sa, const std::string& reason = "operator request");

  // Rekeys the CHILD SA with inbound SPI `spi_in` with CREATE_CHILD_SA (and a
  // fresh DH exchange when `set pfs` is configured), then deletes the old one.
  // Queued behind an outstanding request. False if unknown.
  bool rekey_child(uint32_t ike_sa, uint32_t spi_in);

  // Sets up a CHILD SA for the crypto-ACL entry `selector` of the IKE SA's
  // peer with CREATE_CHILD_SA (queued behind an outstanding request): what a
  // KEY_ACQUIRE asks for when the IKE SA is up but that entry has no CHILD
  // SA (deleted by the peer, or its setup failed). False if the IKE SA is
  // unknown or not established, or the entry does not exist.
  bool create_child(uint32_t ike_sa, size_t selector);

  // Rekeys the IKE SA with CREATE_CHILD_SA (RFC 7296 2.18): a new IKE SA with
  // new SPIs and keys takes over its CHILD SAs, then the old one is deleted.
  bool rekey_ike(uint32_t ike_sa);

  std::vector<IkeSaInfo> ike_sas() const;
  const std::vector<PeerConfig>& peers() const { return peers_; }

 private:
  struct IkeSa;
  static constexpr uint16_t kNatTPort = 4500;
  void receive(const io::Datagram& raw);
  void receive_ike(const io::Datagram& d);
  void transmit(const io::Endpoint& from, const io::Endpoint& to, const wire::Bytes& message);
  void detect_nat(IkeSa& sa, const io::Datagram& d, const wire::Message& m, uint64_t spi_r_hashed);
  void add_nat_detection(std::vector<wire::Payload>& payloads, const IkeSa& sa, uint64_t spi_r);
  void receive_ike_sa_init_request(const io::Datagram& d, const wire::Message& m);
  void receive_ike_sa_init_response(IkeSa& sa, const io::Datagram& d, const wire::Message& m);
  void receive_ike_auth_request(IkeSa& sa, const io::Datagram& d, const wire::Message& m);
  void receive_ike_auth_response(IkeSa& sa, const io::Datagram& d, const wire::Message& m);

  void receive_create_child_request(IkeSa& sa, const io::Datagram& d, const wire::Message& m);
  void receive_create_child_response(IkeSa& sa, const io::Datagram& d, const wire::Message& m);
  void start_create_child(IkeSa& sa, size_t selector, std::optional<uint32_t> rekey_spi_in);
  void start_ike_rekey(IkeSa& sa);
  void answer_ike_rekey(IkeSa& old, const io::Datagram& d, const wire::Message& m,
                        const std::vector<wire::Payload>& payloads);
  void finish_ike_rekey(IkeSa& old, IkeSa& fresh, crypto::ByteSpan g_ir);
  void delete_child(IkeSa& sa, uint32_t spi_in);
  void pump(IkeSa& sa);
  void arm_lifetimes(IkeSa& sa);
  void receive_informational_request(IkeSa& sa, const io::Datagram& d, const wire::Message& m);
  void receive_informational_response(IkeSa& sa, const io::Datagram& d, const wire::Message& m);
  void send_informational(IkeSa& sa, std::vector<wire::Payload> inner);
  void arm_dpd(IkeSa& sa);
  void remove_sa(IkeSa& sa, const std::string& reason);

  void send_ike_sa_init(IkeSa& sa, std::optional<uint16_t> group);
  wire::Bytes cookie_for(const io::Datagram& d, const wire::Header& h, const wire::Bytes& ni);
  size_t half_open() const;
  void send_ike_auth(IkeSa& sa);
  bool derive_ike_keys(IkeSa& sa, crypto::ByteSpan peer_ke);
  void set_ike_keys(IkeSa& sa, crypto::ByteSpan seed);
  void report_ts_unacceptable(const IkeSa& sa, const wire::TsiPayload* tsi, const wire::TsrPayload* tsr);
  // Derives KEYMAT = prf+(SK_d, [g^ir] | Ni | Nr) for a CHILD SA and hands it to the data plane.
  // exchange_initiator: this end initiated the exchange (IKE_AUTH or
  // CREATE_CHILD_SA) that created it; it decides which half of KEYMAT protects
  // which direction (RFC 7296 2.17).
  void install_child(IkeSa& sa, bool exchange_initiator, uint32_t spi_in, uint32_t spi_out, const Selection& proposal,
                     const model::TrafficSelector& local, const model::TrafficSelector& remote,
                     crypto::ByteSpan ni, crypto::ByteSpan nr, crypto::ByteSpan g_ir);

  void send_request(IkeSa& sa, wire::Bytes bytes, wire::ExchangeType exchange);
  void send_response(IkeSa& sa, wire::Bytes bytes, wire::ExchangeType exchange, uint32_t message_id);
  void send_plain_error(const io::Datagram& to_answer, const wire::Header& h, wire::NotifyType type,
                        wire::Bytes data);
  void arm_retransmit(IkeSa& sa);
  void fail(IkeSa& sa, const std::string& why, manager::FailureKind kind = manager::FailureKind::Other);
  // The outcome of the initiate() that created `sa`, once.
  void report(IkeSa& sa, manager::FailureKind kind, const std::string& detail);
  void established(IkeSa& sa);

  IkeSa* find(uint64_t spi_i, uint64_t spi_r, bool initiator_sent);
  void add_sa(std::unique_ptr<IkeSa> sa);
  void erase_sa(uint32_t id);
  const PeerConfig* peer_for(uint32_t remote_address, uint32_t local_address, size_t* index) const;
  events::Peer event_peer(const IkeSa& sa) const;
  events::SaRef sa_ref(const IkeSa& sa) const;
  uint64_t new_ike_spi();
  uint32_t new_child_spi();

  EngineDeps deps_;
  std::vector<PeerConfig> peers_;
  EngineOptions options_;
  const RetransmitPolicy& retransmit_ = options_.retransmit;
  std::map<uint32_t, std::unique_ptr<IkeSa>> sas_;
  std::unordered_multimap<uint64_t, uint32_t> by_spi_i_;  // initiator SPI -> SA id
  crypto::SecureBytes cookie_secret_;  // drawn on first use
  uint32_t next_id_ = 1;
};

const char* state_name(Ikev2Engine::State s);

}  // namespace ikeshift::engine::ikev2
