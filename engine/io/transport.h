// The engine's only view of the network: send a datagram from one of our
// endpoints, and be called back with each datagram that arrives. UdpTransport
// (real sockets) and MemoryNetwork (in-process, fault injection) implement it,
// so the IKE code is the same in production and in whole-exchange unit tests.
#pragma once

#include <functional>
#include <vector>

#include "io/endpoint.h"

namespace ikeshift::engine::io {

class Transport {
 public:
  // Called once per received datagram, on the thread that drives the transport
  // (the EventLoop, or MemoryNetwork::deliver_*). The datagram is only valid
  // during the call.
  using ReceiveHandler = std::function<void(const Datagram&)>;

  virtual ~Transport() = default;

  // Queues or sends d.bytes from d.from to d.to. False when d.from is not one of
  // local_endpoints() or the datagram could not be handed to the network
  // (UDP gives no delivery guarantee either way; IKE retransmits).
  virtual bool send(const Datagram& d) = 0;

  // Replaces the handler; an empty handler discards incoming datagrams.
  virtual void set_receive_handler(ReceiveHandler handler) = 0;

  // The endpoints this transport sends from and receives on, with ephemeral
  // ports (configured as 0) resolved to the ports actually bound.
  virtual std::vector<Endpoint> local_endpoints() const = 0;
};

}  // namespace ikeshift::engine::io
