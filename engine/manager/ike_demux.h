// One set of UDP sockets (500 and 4500) for both IKE engines: IKEv1 and IKEv2
// arrive on the same ports, and the ASA answers either version there per its
// configuration. This splits one Transport into an IKEv1 and an IKEv2
// transport by the version in the IKE header (ISAKMP major 1, IKEv2 major 2:
// octet 17, after the non-ESP marker on 4500), and hands what is not IKE on
// 4500 (ESP in UDP, NAT-keepalives) to the data plane. Sending is shared.
#pragma once

#include <cstdint>
#include <memory>

#include "io/transport.h"

namespace ikeshift::engine::manager {

class IkeDemux {
 public:
  struct Stats {
    uint64_t ikev1 = 0, ikev2 = 0, esp = 0, dropped = 0;  // dropped: no IKE version we run, or junk
  };

  // `shared` must outlive the demux; its receive handler is taken over.
  explicit IkeDemux(io::Transport& shared);
  ~IkeDemux();
  IkeDemux(const IkeDemux&) = delete;
  IkeDemux& operator=(const IkeDemux&) = delete;

  io::Transport& ikev1();
  io::Transport& ikev2();
  // UDP 4500 datagrams that are not IKE (RFC 3948: ESP, and 0xFF keepalives),
  // for the ESP data plane (engine/esp/); dropped while no handler is set.
  void set_esp_handler(io::Transport::ReceiveHandler handler) { esp_ = std::move(handler); }
  const Stats& stats() const { return stats_; }

 private:
  class Port;
  void receive(const io::Datagram& d);

  io::Transport& shared_;
  std::unique_ptr<Port> ikev1_, ikev2_;
  io::Transport::ReceiveHandler esp_;
  Stats stats_;
};

}  // namespace ikeshift::engine::manager
