#include "io/esp_demux_transport.h"

#include "wire/non_esp_marker.h"

namespace ikeshift::engine::io {

EspDemuxTransport::EspDemuxTransport(Transport& inner, EspHandler esp) : inner_(inner) {
  set_esp_handler(std::move(esp));
  inner_.set_receive_handler([this](const Datagram& d) { receive(d); });
}

EspDemuxTransport::~EspDemuxTransport() { inner_.set_receive_handler(nullptr); }

void EspDemuxTransport::set_receive_handler(ReceiveHandler handler) {
  ike_ = handler ? std::make_shared<ReceiveHandler>(std::move(handler)) : nullptr;
}

void EspDemuxTransport::set_esp_handler(EspHandler esp) {
  esp_ = esp ? std::make_shared<EspHandler>(std::move(esp)) : nullptr;
}

void EspDemuxTransport::receive(const Datagram& d) {
  if (d.to.port == kNatTPort && wire::classify_udp4500(d.bytes).kind == wire::Udp4500Kind::Esp) {
    if (const std::shared_ptr<EspHandler> esp = esp_) (*esp)(d);
    return;
  }
  if (const std::shared_ptr<ReceiveHandler> ike = ike_) (*ike)(d);
}

}  // namespace ikeshift::engine::io
