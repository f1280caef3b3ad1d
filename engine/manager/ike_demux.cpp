#include "manager/ike_demux.h"

#include "wire/non_esp_marker.h"

namespace ikeshift::engine::manager {

// A transport that sends through the shared one and receives what the demux
// gives it.
class IkeDemux::Port final : public io::Transport {
 public:
  explicit Port(io::Transport& shared) : shared_(shared) {}
  bool send(const io::Datagram& d) override { return shared_.send(d); }
  void set_receive_handler(ReceiveHandler handler) override { handler_ = std::move(handler); }
  std::vector<io::Endpoint> local_endpoints() const override { return shared_.local_endpoints(); }
  bool deliver(const io::Datagram& d) const {
    if (!handler_) return false;
    handler_(d);
    return true;
  }

 private:
  io::Transport& shared_;
  ReceiveHandler handler_;
};

IkeDemux::IkeDemux(io::Transport& shared)
    : shared_(shared), ikev1_(std::make_unique<Port>(shared)), ikev2_(std::make_unique<Port>(shared)) {
  shared_.set_receive_handler([this](const io::Datagram& d) { receive(d); });
}

IkeDemux::~IkeDemux() { shared_.set_receive_handler(nullptr); }

io::Transport& IkeDemux::ikev1() { return *ikev1_; }
io::Transport& IkeDemux::ikev2() { return *ikev2_; }

void IkeDemux::receive(const io::Datagram& d) {
  wire::ByteView ike(d.bytes);
  if (d.to.port == io::kNatTPort) {
    wire::Udp4500Packet p = wire::classify_udp4500(d.bytes);
    if (p.kind == wire::Udp4500Kind::Esp || p.kind == wire::Udp4500Kind::NatKeepalive) {
      ++stats_.esp;
      if (esp_) esp_(d);
      return;
    }
    if (p.kind != wire::Udp4500Kind::Ike) {
      ++stats_.dropped;
      return;
    }
    ike = p.payload;
  }
  // The engines take the datagram as it came (marker included) and strip it themselves.
  if (ike.size() < 28) {
    ++stats_.dropped;
    return;
  }
  const uint8_t major = static_cast<uint8_t>(ike.data()[17] >> 4);
  bool taken = false;
  if (major == 1) {
    ++stats_.ikev1;
    taken = ikev1_->deliver(d);
  } else if (major == 2) {
    ++stats_.ikev2;
    taken = ikev2_->deliver(d);
  }
  if (!taken) ++stats_.dropped;
}

}  // namespace ikeshift::engine::manager
