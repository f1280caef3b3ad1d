// Kernel-side demultiplexing of UDP port 4500 (RFC 3948) between the IKE
// engine's socket and the ESP data plane's socket on the same address: both
// join one SO_REUSEPORT group (the IKE socket first, so it is index 0, the
// data plane's second, index 1), and a classic BPF program picks the socket
// per datagram from its first four payload bytes -- zero (the non-ESP
// marker: IKE) goes to index 0, anything else (an ESP SPI) to index 1. A
// datagram shorter than four bytes (a 1-byte NAT-keepalive) aborts the
// program, which selects index 0 as well. So ESP never crosses the IKE event
// loop, and the IKE side sees exactly what it saw before.
#pragma once

#include <string>

namespace ikeshift::engine::io {

// Attaches the program to the reuseport group of `esp_fd` (which must be
// bound, with SO_REUSEPORT, after the IKE socket). False with `why` when the
// kernel refuses; then both sockets share the group by hash and the IKE
// side must hand ESP over (EspDemuxTransport does).
bool attach_udp4500_steering(int esp_fd, std::string& why);

}  // namespace ikeshift::engine::io
