// Internal to the IKEv2 engine: one IKE SA and everything negotiated for it
// (the counterpart of ikev1/isakmp_sa.h). The core keeps these in its SA
// table; the exchange tasks read and update them.
#pragma once

#include <cstdint>
#include <functional>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/dh.h"
#include "crypto/ikev2_keymat.h"
#include "crypto/secure_bytes.h"
#include "ikev2/ikev2_engine.h"
#include "ikev2/sa_crypto.h"
#include "ikev2/sk_payload.h"
#include "io/endpoint.h"
#include "io/timer_queue.h"
#include "manager/initiate_outcome.h"
#include "wire/bytes.h"
#include "wire/ikev2_message.h"

namespace ikeshift::engine::ikev2 {

using State = Ikev2Engine::State;
using ChildSaInfo = Ikev2Engine::ChildSaInfo;

// Zeroes and empties a buffer that held key material or protected messages.
inline void wipe(wire::Bytes& b) {
  std::fill(b.begin(), b.end(), uint8_t{0});
  b.clear();
}

struct IkeSa {
  uint32_t id = 0;
  size_t peer = 0;
  bool initiator = false;
  State state = State::InitSent;
  uint64_t spi_i = 0, spi_r = 0;
  io::Endpoint local, remote;

  // IKE_SA_INIT
  std::unique_ptr<crypto::DhGroup> dh;
  wire::Bytes ni, nr;
  wire::Bytes init_request, init_response;  // RealMessage1 / RealMessage2 for AUTH
  Selection proposal;
  std::optional<SaCrypto> crypto;
  crypto::IkeSaKeys keys;
  crypto::SecureBytes g_ir;

  // The CHILD SA being set up in IKE_AUTH.
  uint32_t child_spi_in = 0;
  size_t selector = 0;  // index into the peer's selector pairs

  // Message IDs and retransmission (window of one).
  uint32_t next_message_id = 0;       // our next request
  uint32_t expected_request_id = 0;   // the peer's next request
  wire::Bytes pending_request;        // sent, no response yet
  wire::ExchangeType pending_exchange = wire::ExchangeType::IkeSaInit;
  unsigned attempts = 0;
  io::TimerId retransmit_timer;
  std::optional<uint32_t> cached_response_id;
  wire::Bytes cached_response;
  // The initiator's bound on IKE_SA_INIT + IKE_AUTH (EngineOptions::setup_deadline),
  // and the timer that removes a failed SA from `show` (failed_linger).
  io::TimerId setup_timer;
  std::optional<io::TimePoint> setup_deadline_at;
  io::TimerId linger_timer;

  std::vector<ChildSaInfo> children;
  std::string failure;
  bool local_behind_nat = false;
  bool remote_behind_nat = false;
  io::TimePoint last_heard{};        // any authenticated message from the peer
  std::optional<io::TimePoint> established_at;
  std::string remote_id;
  io::TimerId dpd_timer;
  io::TimerId ike_lifetime_timer;
  std::map<uint32_t, io::TimerId> child_lifetime_timers;  // by inbound SPI
  bool dpd_outstanding = false;      // the pending request is a liveness check
  std::string delete_reason;         // set while our Delete is outstanding
  wire::Bytes cookie;                // returned in IKE_SA_INIT after a COOKIE challenge
  unsigned cookie_rounds = 0;

  // Our CREATE_CHILD_SA in flight, and what waits for the window.
  struct PendingChild {
    size_t selector = 0;
    std::optional<uint32_t> rekey_of;  // inbound SPI of the CHILD SA being rekeyed
    uint32_t spi_in = 0;
    wire::Bytes nonce;
    std::unique_ptr<crypto::DhGroup> dh;
  };
  std::optional<PendingChild> pending_child;
  // Our IKE SA rekey in flight: the new SA's SPI, nonce and DH.
  struct PendingIkeRekey {
    uint64_t spi_i = 0;
    wire::Bytes nonce;
    std::unique_ptr<crypto::DhGroup> dh;
  };
  std::optional<PendingIkeRekey> pending_ike_rekey;
  bool replaced = false;  // rekeyed: goes away quietly, its CHILD SAs live on in the new SA
  std::optional<uint32_t> pending_child_delete;  // inbound SPI our Delete names
  // Requests waiting for the window. A list, not a deque: libstdc++'s deque
  // allocates ~600 bytes the moment it exists, and almost every SA's queue
  // stays empty.
  std::list<std::function<void(IkeSa&)>> queue;
  manager::OutcomeCallback outcome;  // initiate()'s observer, until reported

  IkeSa() = default;
  IkeSa(const IkeSa&) = delete;
  IkeSa& operator=(const IkeSa&) = delete;
  ~IkeSa() {
    wipe(cached_response);
    wipe(pending_request);
  }

  SkKeys outbound() const {
    return initiator ? SkKeys{keys.sk_ei, keys.sk_ai} : SkKeys{keys.sk_er, keys.sk_ar};
  }
  SkKeys inbound() const {
    return initiator ? SkKeys{keys.sk_er, keys.sk_ar} : SkKeys{keys.sk_ei, keys.sk_ai};
  }
  wire::Header header(wire::ExchangeType exchange, bool response, uint32_t message_id) const {
    wire::Header h;
    h.spi_i = spi_i;
    h.spi_r = spi_r;
    h.exchange = exchange;
    h.initiator = initiator;
    h.response = response;
    h.message_id = message_id;
    return h;
  }
  bool established() const { return state == State::Established; }
};

}  // namespace ikeshift::engine::ikev2
