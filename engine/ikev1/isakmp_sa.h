// The state of one ISAKMP SA (IKEv1 phase 1) and of the IPsec SAs negotiated
// under it: plain data shared by the exchange tasks. The tasks (one per
// exchange and role) are the only code that changes it, through the engine
// core (core.h) that owns the SAs.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/cbc_cipher.h"
#include "crypto/dh.h"
#include "crypto/ikev1_keymat.h"
#include "crypto/prf.h"
#include "ikev1/proposals.h"
#include "io/clock.h"
#include "io/endpoint.h"
#include "io/timer_queue.h"
#include "manager/initiate_outcome.h"
#include "model/intent.h"
#include "sa/inbound_spi_allocator.h"
#include "wire/ikev1_types.h"

namespace ikeshift::engine::ikev1 {

// ASA `show crypto ikev1 sa` states (MM_WAIT_MSG2 ... MM_ACTIVE, AM_ACTIVE):
// the message a side waits for next.
enum class Phase1State {
  MmWaitMsg2,  // initiator sent 1
  MmWaitMsg3,  // responder sent 2
  MmWaitMsg4,
  MmWaitMsg5,
  MmWaitMsg6,
  AmWaitMsg2,
  AmWaitMsg3,
  Active,
  Deleting,  // our Delete is out; the SA goes once sent
  Failed,
};

const char* state_name(Phase1State s, bool aggressive);

// One message slot: what we sent last and what it answered, for
// retransmission on a timer and for answering a retransmitted message
// (IKEv1 has no message ID in phase 1, so duplicates are whole datagrams).
struct Flight {
  wire::Bytes last_sent;      // as transmitted (IKE bytes; the marker is added on send)
  wire::Bytes last_received;  // the datagram last_sent answers (empty for a first message)
  io::TimePoint sent_at{};
  bool awaiting_reply = false;
  unsigned attempts = 0;
  io::TimerId timer;
  uint8_t exchange = 0;
  uint32_t message_id = 0;
};

// One installed IPsec SA pair.
struct IpsecSa {
  uint32_t spi_in = 0, spi_out = 0;
  Phase2Suite suite;  // lifetimes as negotiated
  model::TrafficSelector local, remote;
  size_t selector = 0;             // the crypto ACL entry it protects
  bool initiator = false;          // we ran the Quick Mode as initiator (and so rekey it)
  io::TimePoint installed_at{};
  io::TimerId rekey_timer, expire_timer;
  sa::SpiLease spi_lease;  // spi_in, reserved in the device's allocator while the SA exists
};

// A Quick Mode in progress.
struct QuickMode {
  uint32_t message_id = 0;
  bool initiator = false;
  size_t selector = 0;
  std::optional<uint32_t> rekey_of;  // inbound SPI of the IPsec SA this one replaces
  uint32_t spi_in = 0;
  sa::SpiLease spi_lease;  // spi_in until the IPsec SA takes it over (or the Quick Mode goes)
  wire::Bytes ni, nr;
  std::unique_ptr<crypto::DhGroup> dh;  // PFS
  wire::Bytes id_ci, id_cr;             // ID payload bodies as sent/received (IDci/IDcr)
  model::TrafficSelector local, remote;
  std::optional<Phase2Choice> choice;  // responder: what QM2 answered
  wire::Bytes iv;                      // running IV of the exchange
  crypto::SecureBytes g_qm;            // responder with PFS: g(qm)^xy until QM3 arrives
  Flight flight;
  bool done = false;  // QM3 sent/received; kept a while to answer duplicates
  io::TimerId linger_timer;
};

struct IsakmpSa {
  uint32_t id = 0;
  size_t peer = 0;
  bool initiator = false;
  bool aggressive = false;
  Phase1State state = Phase1State::MmWaitMsg2;
  uint64_t cky_i = 0, cky_r = 0;
  io::Endpoint local, remote;

  // Negotiation.
  Phase1Suite suite;
  wire::Bytes sai_b;  // the initiator's SA payload body, for HASH_I/HASH_R
  std::unique_ptr<crypto::DhGroup> dh;
  wire::Bytes g_xi, g_xr, ni, nr;
  wire::Bytes id_ii;  // Aggressive Mode responder: IDii_b from message 1, for HASH_I
  bool peer_dpd = false;  // the peer sent the RFC 3706 vendor ID
  NatTMode nat_t = NatTMode::None;
  bool local_behind_nat = false, remote_behind_nat = false;

  // Keys (once g^xy is known).
  std::unique_ptr<crypto::Prf> prf;
  std::unique_ptr<crypto::CbcCipher> cipher;
  crypto::Ikev1Skeyids keys;
  crypto::SecureBytes ka;
  wire::Bytes iv;          // phase 1 running IV; after phase 1 the last block
  wire::Bytes last_block;  // last phase 1 CBC block: seeds every phase 2 IV

  Flight flight;  // phase 1
  io::TimerId half_open_timer;

  // After phase 1.
  std::optional<io::TimePoint> established_at;
  std::string remote_id;  // the identity the peer authenticated with ("192.0.2.2")
  io::TimePoint last_heard{};
  std::vector<IpsecSa> children;
  std::map<uint32_t, QuickMode> quick_modes;  // by message ID
  std::vector<size_t> pending_selectors;      // Quick Modes to start once phase 1 is up

  // DPD (RFC 3706).
  io::TimerId dpd_timer;
  uint32_t dpd_sequence = 0;
  bool dpd_outstanding = false;
  unsigned dpd_attempts = 0;

  // Lifetimes and rekey.
  io::TimerId rekey_timer, expire_timer;
  std::optional<uint32_t> replaces;  // the ISAKMP SA this one rekeys (its IPsec SAs move here)
  bool replaced = false;             // rekeyed: goes away quietly

  manager::OutcomeCallback outcome;  // the initiate() that created it, until reported
  std::string failure;

  bool established() const { return state == Phase1State::Active; }
};

}  // namespace ikeshift::engine::ikev1
