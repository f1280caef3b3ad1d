// The data plane's real I/O in the daemon: the TUN device, one UDP socket
// per local address on port 4500 (sharing the port with the IKE engine
// through udp4500_steering.h) and one raw IP-protocol-50 socket per local
// address (this kernel has no ESP handler; with the raw socket open it
// delivers ESP to us and sends no protocol-unreachable).
//
// Per-packet cost is what limits throughput, so everything is batched: a
// readiness callback reads up to a burst of packets (TUN reads one per call,
// sockets use recvmmsg), processes them in place, and the ESP packets they
// produce leave in one sendmmsg per socket at the end of the burst.
#pragma once

#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <array>
#include <string>
#include <vector>

#include "esp/data_plane.h"
#include "esp/tun_device.h"
#include "esp/tun_offload.h"
#include "io/event_loop.h"
#include "io/transport.h"
#include "io/unique_fd.h"

namespace ikeshift::engine::esp {

struct DataPlaneIoConfig {
  std::string tun_name = "ikeshift0";
  int mtu = 1400;                   // strongSwan kernel-libipsec's default too
  std::vector<uint32_t> addresses;  // local outer addresses (the crypto map interfaces)
  size_t burst = 64;
  bool offload = true;  // TSO/GRO at the TUN device (tun_offload.h)
};

class DataPlaneIo final : public PacketOutput {
 public:
  struct Stats {
    uint64_t tun_read = 0, tun_written = 0, tun_write_errors = 0;
    uint64_t esp_received = 0, esp_sent = 0, send_errors = 0, receive_errors = 0, truncated = 0;
    uint64_t batches = 0;
    uint64_t tun_super_packets = 0, tun_coalesced_writes = 0;
    uint64_t udp_gso_sends = 0, udp_gro_receives = 0;
  };

  // Creates the TUN device and the sockets; throws std::system_error naming
  // what failed. `ike` is the IKE engine's transport: UDP-encapsulated ESP
  // goes out through it when the kernel refuses the steering program.
  DataPlaneIo(io::EventLoop& loop, const DataPlaneIoConfig& config, io::Transport& ike);
  ~DataPlaneIo() override;
  DataPlaneIo(const DataPlaneIo&) = delete;
  DataPlaneIo& operator=(const DataPlaneIo&) = delete;

  // Starts feeding `dp` (which must outlive this object's watches).
  void attach(DataPlane& dp);
  // An ESP datagram that reached the IKE socket instead (no steering):
  // handed to the data plane like our own.
  void esp_from_ike_socket(const io::Datagram& d);

  bool send_esp(const OuterPath& path, const uint8_t* esp, size_t length) override;
  void deliver(const uint8_t* packet, size_t length) override;
  void flush() override;

  const TunDevice& tun() const { return tun_; }
  bool tun_offload() const { return tun_.offload(); }
  bool steering() const { return steering_; }
  const std::string& steering_error() const { return steering_error_; }
  const Stats& stats() const { return stats_; }

 private:
  // Outgoing datagrams of one socket, sent with one sendmmsg. On UDP,
  // consecutive equal-sized ESP packets to one peer share one message with
  // UDP_SEGMENT (UDP GSO): the kernel carries them as one buffer as far as it
  // can and splits them late (or hands them whole to a UDP_GRO receiver).
  struct Message {
    size_t offset = 0, length = 0;
    size_t segment = 0, count = 0;
    bool closed = false;  // ended by a shorter packet
    sockaddr_in to{};
  };
  struct Batch {
    int fd = -1;
    bool udp = false;
    std::vector<uint8_t> arena;  // the packets, back to back
    size_t used = 0;
    std::vector<Message> messages;
    std::vector<iovec> iov;
    std::vector<mmsghdr> msgs;
    std::vector<std::array<uint8_t, 64>> control;
  };
  struct Socket {
    uint32_t address = 0;
    bool udp = false;
    io::UniqueFd fd;
    Batch batch;
  };

  void on_tun();
  void on_socket(Socket& s);
  void flush(Batch& b);
  void write_tun(const uint8_t* vnet, const uint8_t* packet, size_t length);
  Socket* socket_for(const OuterPath& path);
  void init_batch(Batch& b, int fd, bool udp);

  io::EventLoop& loop_;
  io::Transport& ike_;
  TunDevice tun_;
  size_t burst_;
  size_t slot_;  // bytes per packet buffer
  std::vector<std::unique_ptr<Socket>> sockets_;
  DataPlane* dp_ = nullptr;
  bool steering_ = true;
  bool udp_gso_ = true;  // UDP_SEGMENT accepted (switched off after the first refusal)
  bool udp_gro_ = true;  // UDP_GRO enabled on the ESP sockets
  std::string steering_error_;
  std::vector<uint8_t> rx_;  // burst * slot receive buffers
  std::vector<iovec> rx_iov_;
  std::vector<mmsghdr> rx_msgs_;
  std::vector<sockaddr_in> rx_from_;
  std::vector<std::array<uint8_t, 64>> rx_control_;
  std::vector<uint8_t> tun_rx_;        // one TUN read (up to a 64 KB super-packet)
  std::vector<uint8_t> tun_segments_;  // its segments
  TcpCoalescer coalescer_;             // decrypted packets of a burst, merged for the TUN write
  Stats stats_;
};

}  // namespace ikeshift::engine::esp
