#include "live/packet_capture.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <stdexcept>

#include "io/unique_fd.h"
#include "live/netns.h"

namespace ikeshift::live {

namespace {

using engine::io::UniqueFd;

constexpr uint32_t kSnapLength = 65535;
constexpr uint32_t kLinkTypeEthernet = 1;

void put32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }  // pcap files use the writer's byte order
void put16(uint8_t* p, uint16_t v) { std::memcpy(p, &v, 2); }

bool write_all(int fd, const uint8_t* data, size_t len) {
  while (len > 0) {
    ssize_t n = ::write(fd, data, len);
    if (n <= 0) return false;
    data += n;
    len -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

PacketCapture::PacketCapture(const std::string& ns, const std::string& interface, const std::filesystem::path& file) {
  UniqueFd sock, out;
  run_in_namespace(ns, [&] {
    sock.reset(::socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, htons(ETH_P_ALL)));
    if (!sock) throw std::runtime_error(std::string("--pcap: AF_PACKET socket: ") + std::strerror(errno));
    const unsigned index = ::if_nametoindex(interface.c_str());
    if (index == 0) throw std::runtime_error("--pcap: no interface " + interface + " in " + ns);
    sockaddr_ll a{};
    a.sll_family = AF_PACKET;
    a.sll_protocol = htons(ETH_P_ALL);
    a.sll_ifindex = static_cast<int>(index);
    if (::bind(sock.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
      throw std::runtime_error("--pcap: bind to " + interface + ": " + std::strerror(errno));
    }
  });
  out.reset(::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600));
  if (!out) throw std::runtime_error("--pcap: " + file.string() + ": " + std::strerror(errno));
  std::array<uint8_t, 24> header{};
  put32(header.data(), 0xa1b2c3d4);  // microsecond timestamps
  put16(header.data() + 4, 2);
  put16(header.data() + 6, 4);
  put32(header.data() + 16, kSnapLength);
  put32(header.data() + 20, kLinkTypeEthernet);
  if (!write_all(out.get(), header.data(), header.size())) throw std::runtime_error("--pcap: cannot write " + file.string());
  thread_ = std::thread(&PacketCapture::run, this, sock.release(), out.release());
}

PacketCapture::~PacketCapture() {
  stop_.store(true);
  if (thread_.joinable()) thread_.join();
}

void PacketCapture::run(int socket_fd, int file_fd) {
  UniqueFd sock(socket_fd), out(file_fd);
  std::array<uint8_t, kSnapLength> buf{};
  auto drain = [&](int timeout_ms) {
    pollfd p{sock.get(), POLLIN, 0};
    while (::poll(&p, 1, timeout_ms) > 0) {
      ssize_t n = ::recv(sock.get(), buf.data(), buf.size(), MSG_TRUNC);
      if (n <= 0) break;
      auto now = std::chrono::system_clock::now().time_since_epoch();
      auto us = std::chrono::duration_cast<std::chrono::microseconds>(now).count();
      const uint32_t captured = static_cast<uint32_t>(std::min<ssize_t>(n, static_cast<ssize_t>(buf.size())));
      std::array<uint8_t, 16> rec{};
      put32(rec.data(), static_cast<uint32_t>(us / 1000000));
      put32(rec.data() + 4, static_cast<uint32_t>(us % 1000000));
      put32(rec.data() + 8, captured);
      put32(rec.data() + 12, static_cast<uint32_t>(n));
      if (!write_all(out.get(), rec.data(), rec.size()) || !write_all(out.get(), buf.data(), captured)) return;
      ++packets_;
      timeout_ms = 0;  // keep reading what is queued, then look at stop_ again
    }
  };
  while (!stop_.load()) drain(50);
  drain(0);  // what arrived before the stop
}

}  // namespace ikeshift::live
