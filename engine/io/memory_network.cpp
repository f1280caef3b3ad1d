#include "io/memory_network.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

namespace ikeshift::engine::io {

class MemoryNetwork::Port final : public Transport {
 public:
  Port(MemoryNetwork& net, std::vector<Endpoint> endpoints)
      : net_(&net), endpoints_(std::move(endpoints)) {}
  ~Port() override {
    if (net_) net_->detach(this);
  }

  bool send(const Datagram& d) override {
    // A real socket cannot send from an address it does not own; inject() can.
    if (!net_ || !owns(d.from)) return false;
    net_->enqueue(d);
    return true;
  }
  void set_receive_handler(ReceiveHandler handler) override {
    handler_ = handler ? std::make_shared<ReceiveHandler>(std::move(handler)) : nullptr;
  }
  std::vector<Endpoint> local_endpoints() const override { return endpoints_; }

  bool owns(const Endpoint& e) const {
    return std::find(endpoints_.begin(), endpoints_.end(), e) != endpoints_.end();
  }
  void receive(const Datagram& d) {
    // Held across the call: the handler may replace itself.
    if (const std::shared_ptr<ReceiveHandler> h = handler_) (*h)(d);
  }
  void orphan() { net_ = nullptr; }

 private:
  MemoryNetwork* net_;
  std::vector<Endpoint> endpoints_;
  std::shared_ptr<ReceiveHandler> handler_;
};

MemoryNetwork::~MemoryNetwork() {
  // Transports that outlive the network (a test bug) then fail send() instead
  // of touching freed memory.
  for (Port* p : ports_) p->orphan();
}

std::unique_ptr<Transport> MemoryNetwork::attach(std::vector<Endpoint> endpoints) {
  for (const Endpoint& e : endpoints) {
    if (receiver_for(e)) throw std::invalid_argument("endpoint " + to_string(e) + " already attached");
  }
  auto port = std::make_unique<Port>(*this, std::move(endpoints));
  ports_.push_back(port.get());
  return port;
}

void MemoryNetwork::detach(const Port* port) {
  ports_.erase(std::remove(ports_.begin(), ports_.end(), port), ports_.end());
}

MemoryNetwork::Port* MemoryNetwork::receiver_for(const Endpoint& to) const {
  for (Port* p : ports_) {
    if (p->owns(to)) return p;
  }
  return nullptr;
}

uint64_t MemoryNetwork::inject(Datagram d) { return enqueue(std::move(d)); }

bool MemoryNetwork::fault_applies(const Fault& f, uint64_t sequence, const Datagram& d) const {
  return f.match ? f.match(sequence, d) : f.sequence == sequence;
}

uint64_t MemoryNetwork::enqueue(Datagram d) {
  const uint64_t seq = next_sequence_++;
  if (tap_) tap_(seq, d);

  bool drop = false, duplicate = false, reorder = false, delayed = false;
  TimePoint until{};
  for (const Fault& f : faults_) {
    if (!fault_applies(f, seq, d)) continue;
    switch (f.kind) {
      case Kind::Drop: drop = true; break;
      case Kind::Duplicate: duplicate = true; break;
      case Kind::Reorder: reorder = true; break;
      case Kind::Delay:
        delayed = true;
        until = std::max(until, f.until);
        break;
    }
  }
  if (drop) {
    ++dropped_;
    return seq;
  }

  // A datagram held for reorder goes right after this one, the next sent.
  auto held = std::find_if(queue_.begin(), queue_.end(),
                           [](const Queued& q) { return q.held_for_reorder; });
  std::deque<Queued> released;
  if (held != queue_.end()) {
    released.push_back(std::move(*held));
    released.back().held_for_reorder = false;
    queue_.erase(held);
  }

  Queued q{seq, std::move(d), until, delayed, reorder};
  if (duplicate) queue_.push_back(q);
  queue_.push_back(std::move(q));
  for (Queued& r : released) queue_.push_back(std::move(r));
  return seq;
}

bool MemoryNetwork::deliver_one() {
  const TimePoint now = clock_ ? clock_->now() : TimePoint{};
  auto it = std::find_if(queue_.begin(), queue_.end(), [&](const Queued& q) {
    return !q.held_for_reorder && (!q.delayed || q.not_before <= now);
  });
  if (it == queue_.end()) return false;
  // Removed before delivery: the receiver may send (and so grow the queue).
  Datagram d = std::move(it->datagram);
  queue_.erase(it);
  if (Port* p = receiver_for(d.to)) {
    p->receive(d);
  } else {
    ++undeliverable_;
  }
  return true;
}

std::optional<TimePoint> MemoryNetwork::next_delayed() const {
  std::optional<TimePoint> best;
  for (const Queued& q : queue_) {
    if (q.delayed && !q.held_for_reorder && (!best || q.not_before < *best)) best = q.not_before;
  }
  return best;
}

size_t MemoryNetwork::deliver_all(size_t limit) {
  size_t n = 0;
  while (deliver_one()) {
    if (++n >= limit) throw std::runtime_error("MemoryNetwork::deliver_all: delivery limit reached");
  }
  return n;
}

void MemoryNetwork::add_fault(Fault f) {
  if (f.kind == Kind::Delay && !clock_) throw std::logic_error("MemoryNetwork: delay needs a clock");
  faults_.push_back(std::move(f));
}

void MemoryNetwork::drop_nth(uint64_t sequence) { add_fault({Kind::Drop, {}, sequence, {}}); }
void MemoryNetwork::drop_if(Match match) { add_fault({Kind::Drop, std::move(match), 0, {}}); }
void MemoryNetwork::duplicate_nth(uint64_t sequence) {
  add_fault({Kind::Duplicate, {}, sequence, {}});
}
void MemoryNetwork::duplicate_if(Match match) {
  add_fault({Kind::Duplicate, std::move(match), 0, {}});
}
void MemoryNetwork::reorder_nth(uint64_t sequence) { add_fault({Kind::Reorder, {}, sequence, {}}); }
void MemoryNetwork::delay_nth(uint64_t sequence, TimePoint until) {
  add_fault({Kind::Delay, {}, sequence, until});
}
void MemoryNetwork::delay_if(Match match, TimePoint until) {
  add_fault({Kind::Delay, std::move(match), 0, until});
}
void MemoryNetwork::clear_faults() { faults_.clear(); }

}  // namespace ikeshift::engine::io
