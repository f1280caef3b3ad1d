// The IKEv1 engine of one device (RFC 2407/2408/2409 with pre-shared keys):
// runs its crypto-map tunnels as initiator and responder, next to the IKEv2
// engine on the same sockets. Like Ikev2Engine everything it touches is
// injected (clock, timers, RNG, DH, crypto context, transport, event bus,
// data plane, key log), so two engines run whole exchanges in one process.
//
// Exchanges: Main Mode and Aggressive Mode (`set ikev1 phase1-mode
// aggressive`; off otherwise, also as responder), Quick Mode with PFS (one
// IPsec SA pair per crypto-ACL entry, proxy IDs from the ACL), Informational
// (Delete of ISAKMP and IPsec SAs, error notifications), DPD (RFC 3706
// R-U-THERE from `isakmp keepalive`), NAT-T (RFC 3947 and the drafts, the
// float to UDP 4500, UDP-encapsulated modes), retransmission with back-off on
// both sides and answers to duplicates, IPsec SA and ISAKMP SA rekey before
// expiry on the side that initiated them. The exchanges live in one file per
// exchange and role (main_mode_initiator.cpp, quick_mode_responder.cpp ...);
// this class is the front door.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/crypto_context.h"
#include "crypto/dh.h"
#include "crypto/rng.h"
#include "dataplane/child_sa.h"
#include "events/event_bus.h"
#include "ikev1/isakmp_sa.h"
#include "ikev1/keylog.h"
#include "ikev1/peer_config.h"
#include "io/clock.h"
#include "io/timer_queue.h"
#include "io/transport.h"
#include "manager/initiate_outcome.h"
#include "sa/engine_deps.h"
#include "sa/inbound_spi_allocator.h"
#include "sa/negotiation_timers.h"

namespace ikeshift::engine::ikev1 {

// clock, timers, rng, dh, crypto, transport (sees only IKEv1: the daemon
// demultiplexes by version), events, child_sink, key_sink, spis: the same
// for both versions (sa/engine_deps.h).
using EngineDeps = sa::EngineDepsOf<IsakmpKeySink>;

struct RetransmitPolicy {
  // Sends at 0, 2, 6 and 14 s and gives up at 30 s: the same point as the
  // phase 1 deadline (half_open_timeout) for a peer that never answers.
  io::Duration first = std::chrono::seconds(2);  // doubled after each retransmission
  unsigned max_attempts = 3;
};

struct EngineOptions {
  RetransmitPolicy retransmit;
  // Claim a NAT so IKE and ESP move to UDP 4500 (strongSwan's `encap = yes`).
  bool force_udp_encapsulation = false;
  // Rekeys start at this share of a lifetime, on the side that initiated the SA.
  double rekey_at = 0.9;
  // Phase 1 negotiations that stall (lost or forged messages, a peer that
  // stopped answering) fail after this long, in both roles.
  io::Duration half_open_timeout = sa::kNegotiationDeadline;
  // A failed phase 1 stays in `show crypto ikev1 sa` this long, then goes.
  io::Duration failed_linger = sa::kFailedSaLinger;
  // A finished Quick Mode keeps its last message this long to answer a
  // retransmitted QM2 (its QM3 was lost).
  io::Duration quick_mode_linger = std::chrono::seconds(20);
};

class Ikev1Engine {
 public:
  struct IpsecSaInfo {
    uint32_t spi_in = 0, spi_out = 0;
    Phase2Suite suite;
    model::TrafficSelector local, remote;
    bool udp_encapsulation = false;
    std::optional<io::TimePoint> installed_at;
  };
  struct IsakmpSaInfo {
    uint32_t id = 0;
    size_t peer = 0;
    bool initiator = false;
    bool aggressive = false;
    Phase1State state = Phase1State::MmWaitMsg2;
    uint64_t cky_i = 0, cky_r = 0;
    io::Endpoint local, remote;
    Phase1Suite suite;
    bool nat_detected = false;
    bool rekey = false;  // a replacement for an older ISAKMP SA that still exists
    std::optional<io::TimePoint> established_at;
    std::string remote_id;
    std::string failure;
    std::vector<IpsecSaInfo> children;
  };

  Ikev1Engine(EngineDeps deps, std::vector<PeerConfig> peers, EngineOptions options = {});
  ~Ikev1Engine();
  Ikev1Engine(const Ikev1Engine&) = delete;
  Ikev1Engine& operator=(const Ikev1Engine&) = delete;

  // KEY_ACQUIRE: brings up the ISAKMP SA to peer `index` (Main Mode, or
  // Aggressive Mode when configured) and one IPsec SA pair per crypto-ACL
  // entry. `outcome` is called once: established when the first IPsec SA is
  // installed, or failed with the reason. Returns the ISAKMP SA id.
  uint32_t initiate(size_t index, manager::OutcomeCallback outcome = {});

  // Sends Delete for every IPsec SA and then for the ISAKMP SA, and removes
  // them (ASA `clear crypto ikev1 sa`). False if unknown.
  bool terminate(uint32_t isakmp_sa, const std::string& reason = "User Requested");

  // A new Quick Mode for the IPsec SA with inbound SPI `spi_in`, then Delete
  // of the old one.
  bool rekey_ipsec(uint32_t isakmp_sa, uint32_t spi_in);

  // A new Main Mode to the same peer; the IPsec SAs move to it and the old
  // ISAKMP SA is deleted (IKEv1 has no rekey exchange).
  bool rekey_isakmp(uint32_t isakmp_sa);

  std::vector<IsakmpSaInfo> isakmp_sas() const;
  const std::vector<PeerConfig>& peers() const;

  class Core;  // the shared state of the exchange tasks (core.h)

 private:
  std::unique_ptr<Core> core_;
};

}  // namespace ikeshift::engine::ikev1
