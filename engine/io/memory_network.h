// An in-process network for whole-exchange tests: transports attach with
// their endpoints, send() queues, and the test decides when datagrams arrive
// (deliver_one / deliver_all) and which are lost, duplicated, reordered or
// delayed. Nothing depends on real time or randomness, so a test run is
// reproducible byte for byte.
//
// Datagrams are numbered from 1 in the order they are sent (or inject()ed);
// the fault hooks refer to those sequence numbers or match by predicate.
// Faults are decided when a datagram is sent, so a hook must be installed
// before the datagram it targets leaves.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

#include "io/clock.h"
#include "io/transport.h"

namespace ikeshift::engine::io {

class MemoryNetwork {
 public:
  using Match = std::function<bool(uint64_t sequence, const Datagram&)>;
  // Sees every datagram as it is sent, before faults apply (a capture point).
  using Tap = std::function<void(uint64_t sequence, const Datagram&)>;

  // `clock` is needed only by the delay hooks (a ManualClock in tests); it
  // must outlive the network.
  explicit MemoryNetwork(const Clock* clock = nullptr) : clock_(clock) {}
  MemoryNetwork(const MemoryNetwork&) = delete;
  MemoryNetwork& operator=(const MemoryNetwork&) = delete;
  ~MemoryNetwork();

  // A transport that owns `endpoints`; it detaches itself when destroyed. The
  // network must outlive it. Throws std::invalid_argument if an endpoint is
  // already attached (two receivers for one address would be ambiguous).
  std::unique_ptr<Transport> attach(std::vector<Endpoint> endpoints);

  // Queues a datagram with any source, as an attacker or a broken peer would
  // (spoofed, malformed). Returns its sequence number.
  uint64_t inject(Datagram d);

  // Hands the first deliverable datagram to its receiver: false when none is
  // deliverable. A datagram for an endpoint nobody attached is consumed and
  // counted in undeliverable().
  bool deliver_one();
  // Repeats deliver_one() (including datagrams sent by the receivers in the
  // meantime) until nothing is deliverable; throws std::runtime_error after
  // `limit` deliveries, which in a test means two engines ping-pong forever.
  size_t deliver_all(size_t limit = 100000);

  // When the earliest delayed datagram becomes deliverable (nullopt: none is
  // delayed), so a test driver can advance a ManualClock straight to it.
  std::optional<TimePoint> next_delayed() const;
  // Queued datagrams, including delayed and held-for-reorder ones.
  size_t pending() const { return queue_.size(); }
  uint64_t sent() const { return next_sequence_ - 1; }
  uint64_t dropped() const { return dropped_; }
  uint64_t undeliverable() const { return undeliverable_; }

  // --- fault injection ---
  void drop_nth(uint64_t sequence);
  void drop_if(Match match);
  void duplicate_nth(uint64_t sequence);  // delivered twice, back to back
  void duplicate_if(Match match);
  // Held until the next datagram that is sent after it and not dropped, then
  // queued right after that one (a two-datagram swap). Stays queued, and
  // undeliverable, until such a datagram exists.
  void reorder_nth(uint64_t sequence);
  // Not deliverable before the clock reaches `until`; later datagrams overtake it.
  // Throws std::logic_error when the network has no clock.
  void delay_nth(uint64_t sequence, TimePoint until);
  void delay_if(Match match, TimePoint until);
  void clear_faults();
  void set_tap(Tap tap) { tap_ = std::move(tap); }

 private:
  class Port;
  friend class Port;
  struct Queued {
    uint64_t sequence;
    Datagram datagram;
    TimePoint not_before;
    bool delayed = false;
    bool held_for_reorder = false;
  };
  enum class Kind { Drop, Duplicate, Reorder, Delay };
  struct Fault {
    Kind kind;
    Match match;  // empty when `sequence` names the target
    uint64_t sequence = 0;
    TimePoint until{};
  };

  uint64_t enqueue(Datagram d);
  bool fault_applies(const Fault& f, uint64_t sequence, const Datagram& d) const;
  void add_fault(Fault f);
  void detach(const Port* port);
  Port* receiver_for(const Endpoint& to) const;

  const Clock* clock_;
  std::vector<Port*> ports_;  // non-owning: each Port detaches in its destructor
  std::deque<Queued> queue_;
  std::vector<Fault> faults_;
  Tap tap_;
  uint64_t next_sequence_ = 1;
  uint64_t dropped_ = 0;
  uint64_t undeliverable_ = 0;
};

}  // namespace ikeshift::engine::io
