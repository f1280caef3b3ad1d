// UDP port 4500 carries IKE (behind the non-ESP marker), NAT-keepalives and
// ESP (RFC 3948). This transport sits between a real or in-memory transport
// and the IKE engine: ESP datagrams go to the data plane's handler, all
// others reach the engine unchanged, so the IKE side works exactly as before.
//
// In the daemon the kernel already steers ESP to the data plane's own socket
// (see udp4500_steering.h); this wrapper then only sees ESP that arrived
// before that socket existed or on a transport without steering (tests).
#pragma once

#include <functional>
#include <memory>
#include <vector>

#include "io/transport.h"

namespace ikeshift::engine::io {

class EspDemuxTransport final : public Transport {
 public:
  using EspHandler = std::function<void(const Datagram&)>;

  // `inner` must outlive this object. `esp` may be empty (ESP is dropped).
  EspDemuxTransport(Transport& inner, EspHandler esp);
  ~EspDemuxTransport() override;
  EspDemuxTransport(const EspDemuxTransport&) = delete;
  EspDemuxTransport& operator=(const EspDemuxTransport&) = delete;

  bool send(const Datagram& d) override { return inner_.send(d); }
  void set_receive_handler(ReceiveHandler handler) override;
  std::vector<Endpoint> local_endpoints() const override { return inner_.local_endpoints(); }
  void set_esp_handler(EspHandler esp);

 private:
  void receive(const Datagram& d);

  Transport& inner_;
  std::shared_ptr<ReceiveHandler> ike_;
  std::shared_ptr<EspHandler> esp_;
};

}  // namespace ikeshift::engine::io
