// The ASA's tunnel manager ("IKE common", seed 004): on a KEY_ACQUIRE for a
// crypto map entry it decides which IKE version initiates, and falls back.
//
//   - IKEv2 first when the entry has an IKEv2 ipsec-proposal and IKEv2 is
//     enabled on its interface:      752003 dispatching a KEY_ACQUIRE to IKEv2
//       up:                          752016 IKEv2 was successful, 752002 removed entry
//       failed (no proposal chosen, authentication failed, TS unacceptable,
//       no answer; any failure):     752012 IKEv2 was unsuccessful, then with IKEv1
//                                    752014 dispatching to IKEv1 after a failed attempt
//   - else IKEv1:                    752004 dispatching a KEY_ACQUIRE to IKEv1, and
//                                    752010 IKEv2 Doesn't have a proposal specified
//                                    when IKEv2 is enabled on the interface (seed 004 order)
//       up:                          752016 IKEv1 was successful, 752002
//       failed:                      752012 IKEv1 was unsuccessful, 752015 all
//                                    configured IKE versions failed, 752002
//   - 752013 (to IKEv2 after a failed attempt) never happens: IKEv1 goes
//     first only when the entry cannot run IKEv2.
//
// The engines are reached through EngineHandle (their initiate() with an
// outcome observer), so the manager is tested without any IKE exchange.
//
// KEY_ACQUIRE entry point: acquire(map, sequence, selector). Until the ESP
// data plane (engine/esp/) raises it for the first packet of unprotected
// traffic, the daemon's `--initiate` and the control command `initiate MAP
// SEQ` call it.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "events/event_bus.h"
#include "manager/initiate_outcome.h"

namespace ikeshift::engine::manager {

// One IKE engine as the manager needs it.
struct EngineHandle {
  // Engine::initiate(peer index, observer) -> SA id.
  std::function<uint32_t(size_t index, OutcomeCallback outcome)> initiate;
  // Engine::terminate(SA id, reason): the manager ends a childless IKEv2 SA
  // (TS_UNACCEPTABLE arrives inside a successful IKE_AUTH) before falling back.
  std::function<bool(uint32_t sa, const std::string& reason)> terminate;
  // Whether peer `index` already has an established SA with an IPsec/CHILD SA.
  std::function<bool(size_t index)> has_tunnel;
};

// One crypto map entry and which engines can run it.
struct ManagedEntry {
  std::string map;
  uint32_t sequence = 0;
  size_t selectors = 0;                 // crypto-ACL entries
  std::optional<size_t> ikev2;          // peer index in the IKEv2 engine; nullopt = cannot run IKEv2
  std::optional<size_t> ikev1;          // peer index in the IKEv1 engine
  bool ikev2_enabled_on_interface = false;
  bool ikev2_has_proposal = false;      // `set ikev2 ipsec-proposal` on the entry
  std::string connection_type = "bidirectional";
  std::string why_not_ikev2, why_not_ikev1;  // in words, for `initiate` refusals and `show`
};

class TunnelManager {
 public:
  enum class Acquire {
    Dispatched,       // an attempt started (752003 / 752004)
    InProgress,       // one is already running for this entry: nothing new
    AlreadyUp,        // the entry has a tunnel: nothing to do
    UnknownEntry,
    BadSelector,
    AnswerOnly,       // `set connection-type answer-only`: this end never initiates
    NoIkeVersion,     // neither engine can run the entry
  };
  struct Result {
    Acquire status = Acquire::Dispatched;
    std::string detail;  // for the control socket
  };

  // What the manager remembers about one entry, for `show tunnel-manager`.
  struct EntryStatus {
    ManagedEntry entry;
    bool in_progress = false;
    int trying_version = 0;  // while in progress
    int up_version = 0;      // 0: not established by the manager (or never tried)
    std::string last_result;
    // The outcomes of the last KEY_ACQUIRE's attempts, in order (IKEv2 then
    // the IKEv1 fallback), for tools that explain a failure (`ikeshift check`).
    std::vector<InitiateOutcome> attempts;
  };

  TunnelManager(events::EventBus& events, std::vector<ManagedEntry> entries, EngineHandle ikev2, EngineHandle ikev1);

  // KEY_ACQUIRE for traffic matching crypto-ACL entry `selector` of crypto map
  // `map` `sequence`. The engines bring up every ACL entry of the map entry
  // (one CHILD / IPsec SA pair each), so the selector only has to exist.
  Result acquire(const std::string& map, uint32_t sequence, size_t selector = 0);

  std::vector<EntryStatus> status() const;
  const std::vector<ManagedEntry>& entries() const { return entries_; }

 private:
  struct State {
    bool in_progress = false;
    int trying = 0;
    int up = 0;
    std::string last;
    std::vector<InitiateOutcome> attempts;
  };
  void dispatch_ikev1(size_t entry, bool after_failure);
  void on_ikev2(size_t entry, const InitiateOutcome& o);
  void on_ikev1(size_t entry, const InitiateOutcome& o);
  void finish(size_t entry, int up_version, const std::string& last);
  events::CryptoMapEntry map_of(size_t entry) const;

  events::EventBus& events_;
  std::vector<ManagedEntry> entries_;
  std::vector<State> state_;
  EngineHandle ikev2_, ikev1_;
};

const char* to_string(TunnelManager::Acquire a);

}  // namespace ikeshift::engine::manager
