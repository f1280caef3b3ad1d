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
// data plane) -- see docs/ARCHITECTURE.md. The exchanges live in one file per
// exchange and role (ike_sa_init_initiator.cpp, create_child_responder.cpp
// ...) around a core (core.h), as in engine/ikev1/; this class is the front
// door.
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
#include "sa/engine_deps.h"
#include "sa/inbound_spi_allocator.h"
#include "sa/negotiation_timers.h"

namespace ikeshift::engine::ikev2 {

// CHILD SA keys go to the data plane through the version-neutral contract.
using dataplane::ChildSaInstall;
using dataplane::ChildSaSink;

// clock, timers, rng, dh, crypto, transport, events, child_sink, key_sink,
// spis: the same for both versions (sa/engine_deps.h).
using EngineDeps = sa::EngineDepsOf<IkeKeySink>;

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
  // Bounds our IKE_SA_INIT + IKE_AUTH as initiator: not established by then,
  // the attempt fails as a timeout (FailureKind::Timeout) whatever
  // retransmissions remain, and no retransmission is sent that the deadline
  // would cut short. nullopt: only the retransmissions bound it (2+4+8+16+32 s
  // and 64 s more with the defaults). The tunnel stack sets
  // sa::kNegotiationDeadline, IKEv1's phase 1 deadline, so a silent peer
  // falls back to IKEv1 after 30 s instead of about two minutes.
  std::optional<io::Duration> setup_deadline;
  // A failed SA stays in `show crypto ikev2 sa` this long, then goes (as
  // IKEv1's failed phase 1 does).
  io::Duration failed_linger = sa::kFailedSaLinger;
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
  const std::vector<PeerConfig>& peers() const;

  // The shared state of the exchange tasks (core.h); one task per exchange
  // and role in its own file (tasks.h).
  class Core;

 private:
  std::unique_ptr<Core> core_;
};

const char* state_name(Ikev2Engine::State s);

}  // namespace ikeshift::engine::ikev2
