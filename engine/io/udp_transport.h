// Transport over real UDP sockets: one non-blocking socket per (local address,
// port), by default ports 500 and 4500, driven by an EventLoop.
//
// IP_PKTINFO tells us which local address each datagram arrived on, so a
// socket bound to 0.0.0.0 still reports Datagram::to exactly (the engine
// answers from the address the peer used, and NAT detection hashes it), and
// lets send() choose the source address on such a socket.
//
// The bytes are passed through untouched: the 4-byte non-ESP marker on port
// 4500 (RFC 3948) is the IKE codec's business, not the transport's.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "io/event_loop.h"
#include "io/transport.h"
#include "io/unique_fd.h"

namespace ikeshift::engine::io {

struct UdpTransportConfig {
  // Local IPv4 addresses, host order; 0 binds INADDR_ANY.
  std::vector<uint32_t> addresses;
  // 0 picks an ephemeral port (tests); local_endpoints() reports the real one.
  std::vector<uint16_t> ports{kIkePort, kNatTPort};
  // SO_REUSEPORT on the port-4500 sockets, so the ESP data plane can bind a
  // second socket there and take the ESP datagrams (udp4500_steering.h).
  bool share_nat_t_port = false;
};

class UdpTransport final : public Transport {
 public:
  struct Stats {
    uint64_t sent = 0;
    uint64_t received = 0;
    uint64_t send_errors = 0;     // includes "no socket for Datagram::from"
    uint64_t receive_errors = 0;  // recvmsg errors and truncated datagrams
  };

  // Creates, binds and watches every socket, or throws std::system_error
  // naming the endpoint that failed (e.g. EADDRINUSE, EACCES below 1024).
  UdpTransport(EventLoop& loop, const UdpTransportConfig& config);
  UdpTransport(const UdpTransport&) = delete;
  UdpTransport& operator=(const UdpTransport&) = delete;
  ~UdpTransport() override;

  bool send(const Datagram& d) override;
  // Do not destroy the transport from inside the handler.
  void set_receive_handler(ReceiveHandler handler) override;
  std::vector<Endpoint> local_endpoints() const override;
  const Stats& stats() const { return stats_; }

 private:
  struct Socket {
    Endpoint bound;  // port resolved after bind
    UniqueFd fd;
  };
  void on_readable(const Socket& socket);
  const Socket* socket_for(const Endpoint& from) const;

  EventLoop& loop_;
  std::vector<std::unique_ptr<Socket>> sockets_;  // stable addresses for the callbacks
  std::shared_ptr<ReceiveHandler> handler_;
  std::vector<uint8_t> buffer_;
  Stats stats_;
};

}  // namespace ikeshift::engine::io
