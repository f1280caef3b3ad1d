#include "esp/data_plane_io.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "common/ipv4.h"
#include "io/udp4500_steering.h"
#include "wire/non_esp_marker.h"

namespace ikeshift::engine::esp {

namespace {

constexpr size_t kMaxRx = 9216 + kHeadroom + kTailroom;  // jumbo-frame ESP from a peer with a larger MTU
constexpr size_t kGroRx = 65536;                          // one UDP GRO buffer (many ESP packets)
constexpr size_t kGroMessages = 16;
constexpr size_t kMaxGsoSegments = 64;                    // the kernel's UDP_MAX_SEGMENTS
constexpr size_t kMaxGsoBytes = 65000;
constexpr int kSocketBuffer = 4 << 20;  // absorbs bursts between two loop iterations

[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

sockaddr_in address_of(uint32_t address, uint16_t port) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(address);
  sa.sin_port = htons(port);
  return sa;
}

void grow_buffers(int fd) {
  // Root may exceed rmem_max/wmem_max; otherwise the plain option caps it.
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &kSocketBuffer, sizeof kSocketBuffer) != 0)
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &kSocketBuffer, sizeof kSocketBuffer);
  if (::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &kSocketBuffer, sizeof kSocketBuffer) != 0)
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &kSocketBuffer, sizeof kSocketBuffer);
}

uint32_t be32(const uint8_t* p) {
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

}  // namespace

DataPlaneIo::DataPlaneIo(io::EventLoop& loop, const DataPlaneIoConfig& config, io::Transport& ike)
    : loop_(loop),
      ike_(ike),
      tun_(config.tun_name, config.mtu, config.offload),
      burst_(config.burst == 0 ? 1 : config.burst),
      slot_(kHeadroom + static_cast<size_t>(config.mtu) + kTailroom) {
  for (uint32_t address : config.addresses) {
    const std::string where = format_ipv4(address);
    // UDP 4500, second member of the IKE socket's reuseport group.
    auto udp = std::make_unique<Socket>();
    udp->address = address;
    udp->udp = true;
    udp->fd.reset(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
    if (!udp->fd) fail("ESP socket udp " + where + ":4500");
    const int on = 1;
    if (::setsockopt(udp->fd.get(), SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0)
      fail("SO_REUSEPORT on udp " + where + ":4500");
    sockaddr_in sa = address_of(address, io::kNatTPort);
    if (::bind(udp->fd.get(), reinterpret_cast<sockaddr*>(&sa), sizeof sa) != 0)
      fail("bind ESP socket udp " + where + ":4500 (the IKE socket must share the port)");
    grow_buffers(udp->fd.get());
    const int one = 1;
    if (::setsockopt(udp->fd.get(), SOL_UDP, UDP_GRO, &one, sizeof one) != 0) udp_gro_ = false;
    std::string why;
    if (!io::attach_udp4500_steering(udp->fd.get(), why)) {
      // Without steering the kernel would spread IKE over both sockets:
      // keep this socket for sending only and let the IKE socket receive all.
      steering_ = false;
      steering_error_ = why;
    }
    init_batch(udp->batch, udp->fd.get(), true);
    sockets_.push_back(std::move(udp));

    // Raw ESP (IP protocol 50).
    auto raw = std::make_unique<Socket>();
    raw->address = address;
    raw->udp = false;
    raw->fd.reset(::socket(AF_INET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_ESP));
    if (!raw->fd) fail("raw ESP socket on " + where + " (needs root or CAP_NET_RAW)");
    sockaddr_in ra = address_of(address, 0);
    if (::bind(raw->fd.get(), reinterpret_cast<sockaddr*>(&ra), sizeof ra) != 0) fail("bind raw ESP socket " + where);
    grow_buffers(raw->fd.get());
    init_batch(raw->batch, raw->fd.get(), false);
    sockets_.push_back(std::move(raw));
  }
  rx_.assign(std::max(burst_ * kMaxRx, kGroMessages * kGroRx), 0);
  rx_control_.resize(burst_);
  tun_rx_.assign(kHeadroom + 65536 + kTailroom, 0);
  rx_iov_.resize(burst_);
  rx_msgs_.resize(burst_);
  rx_from_.resize(burst_);
}

DataPlaneIo::~DataPlaneIo() {
  if (dp_ == nullptr) return;
  loop_.unwatch(tun_.fd());
  for (auto& s : sockets_)
    if (!s->udp || steering_) loop_.unwatch(s->fd.get());
}

void DataPlaneIo::init_batch(Batch& b, int fd, bool udp) {
  b.fd = fd;
  b.udp = udp;
  b.arena.assign(burst_ * slot_, 0);
  b.messages.reserve(burst_);
  b.iov.resize(burst_);
  b.msgs.resize(burst_);
  b.control.resize(burst_);
}

void DataPlaneIo::attach(DataPlane& dp) {
  dp_ = &dp;
  loop_.watch_readable(tun_.fd(), [this](uint32_t) { on_tun(); });
  for (auto& s : sockets_) {
    if (s->udp && !steering_) continue;  // ESP reaches us through the IKE socket then
    Socket* raw = s.get();
    loop_.watch_readable(s->fd.get(), [this, raw](uint32_t) { on_socket(*raw); });
  }
}

void DataPlaneIo::on_tun() {
  const EmitPacket outbound = [this](uint8_t* base, size_t capacity, size_t offset, size_t length) {
    dp_->outbound(base, capacity, offset, length);
  };
  for (size_t i = 0; i < burst_; ++i) {
    // Each read is processed at once, so one buffer serves the whole burst.
    uint8_t* base = tun_offload() ? tun_rx_.data() : rx_.data();
    const size_t at = tun_offload() ? kHeadroom - kVnetHeader : kHeadroom;
    const size_t room = (tun_offload() ? tun_rx_.size() : slot_) - at - kTailroom;
    const ssize_t n = ::read(tun_.fd(), base + at, room);
    if (n < 0) {
      if (errno == EINTR) continue;
      break;  // EAGAIN: drained
    }
    ++stats_.tun_read;
    if (!tun_offload()) {
      dp_->outbound(base, slot_, at, static_cast<size_t>(n));
      continue;
    }
    if (static_cast<size_t>(n) > slot_) ++stats_.tun_super_packets;
    if (!split_tun_read(base, tun_rx_.size(), at, static_cast<size_t>(n), tun_segments_, kHeadroom, slot_,
                        outbound)) {
      ++stats_.receive_errors;  // a header the kernel would not send
    }
  }
  flush();
}

void DataPlaneIo::on_socket(Socket& s) {
  // UDP GRO: fewer, larger buffers, each possibly holding many ESP packets.
  const bool gro = s.udp && udp_gro_;
  const size_t count = gro ? std::min(burst_, kGroMessages) : burst_;
  const size_t size = gro ? kGroRx : kMaxRx;
  for (size_t i = 0; i < count; ++i) {
    rx_iov_[i].iov_base = rx_.data() + i * size;
    rx_iov_[i].iov_len = size;
    std::memset(&rx_msgs_[i], 0, sizeof(mmsghdr));
    rx_msgs_[i].msg_hdr.msg_iov = &rx_iov_[i];
    rx_msgs_[i].msg_hdr.msg_iovlen = 1;
    rx_msgs_[i].msg_hdr.msg_name = &rx_from_[i];
    rx_msgs_[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
    if (gro) {
      rx_msgs_[i].msg_hdr.msg_control = rx_control_[i].data();
      rx_msgs_[i].msg_hdr.msg_controllen = rx_control_[i].size();
    }
  }
  const int got = ::recvmmsg(s.fd.get(), rx_msgs_.data(), static_cast<unsigned>(count), MSG_DONTWAIT, nullptr);
  if (got <= 0) {
    if (got < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) ++stats_.receive_errors;
    return;
  }
  for (int i = 0; i < got; ++i) {
    mmsghdr& m = rx_msgs_[static_cast<size_t>(i)];
    uint8_t* data = rx_.data() + static_cast<size_t>(i) * size;
    size_t len = m.msg_len;
    size_t segment = len;  // with UDP GRO: the size of each ESP packet in the buffer
    if (gro) {
      for (cmsghdr* c = CMSG_FIRSTHDR(&m.msg_hdr); c != nullptr; c = CMSG_NXTHDR(&m.msg_hdr, c)) {
        if (c->cmsg_level == SOL_UDP && c->cmsg_type == UDP_GRO && c->cmsg_len >= CMSG_LEN(sizeof(int))) {
          int gso = 0;
          std::memcpy(&gso, CMSG_DATA(c), sizeof gso);
          if (gso > 0 && static_cast<size_t>(gso) < len) {
            segment = static_cast<size_t>(gso);
            ++stats_.udp_gro_receives;
          }
        }
      }
    }
    if ((m.msg_hdr.msg_flags & MSG_TRUNC) != 0) {
      ++stats_.truncated;
      continue;
    }
    const uint32_t from = ntohl(rx_from_[static_cast<size_t>(i)].sin_addr.s_addr);
    OuterPath arrived;
    arrived.local = s.address;
    arrived.peer = from;
    if (s.udp) {
      arrived.udp = true;
      arrived.local_port = io::kNatTPort;
      arrived.peer_port = ntohs(rx_from_[static_cast<size_t>(i)].sin_port);
      for (size_t at = 0; at < len; at += segment) {
        const size_t n = std::min(segment, len - at);
        // The steering program sends only non-marker datagrams here; still,
        // a keepalive or anything short is not ESP.
        if (wire::classify_udp4500(wire::ByteView(data + at, n)).kind != wire::Udp4500Kind::Esp) {
          ++stats_.receive_errors;
          continue;
        }
        ++stats_.esp_received;
        dp_->inbound(arrived, data + at, n);
      }
      continue;
    } else {
      // A raw socket hands over the IP header too.
      if (len < 20 || (data[0] >> 4) != 4) {
        ++stats_.receive_errors;
        continue;
      }
      const size_t ihl = static_cast<size_t>(data[0] & 0x0f) * 4;
      if (ihl < 20 || ihl > len) {
        ++stats_.receive_errors;
        continue;
      }
      arrived.peer = be32(data + 12);
      data += ihl;
      len -= ihl;
    }
    ++stats_.esp_received;
    dp_->inbound(arrived, data, len);
  }
  flush();  // replies produced while decrypting (none today) and anything queued
}

void DataPlaneIo::esp_from_ike_socket(const io::Datagram& d) {
  if (dp_ == nullptr || d.bytes.empty()) return;
  std::vector<uint8_t> copy(d.bytes);  // the datagram is const; decryption works in place
  OuterPath arrived{true, d.to.address, d.from.address, d.to.port, d.from.port};
  ++stats_.esp_received;
  dp_->inbound(arrived, copy.data(), copy.size());
  flush();
}

DataPlaneIo::Socket* DataPlaneIo::socket_for(const OuterPath& path) {
  for (auto& s : sockets_)
    if (s->address == path.local && s->udp == path.udp) return s.get();
  return nullptr;
}

bool DataPlaneIo::send_esp(const OuterPath& path, const uint8_t* esp, size_t length) {
  Socket* s = socket_for(path);
  if (s == nullptr || length > slot_) {
    ++stats_.send_errors;
    return false;
  }
  Batch& b = s->batch;
  if (b.used + length > b.arena.size()) flush(b);
  const sockaddr_in to = address_of(path.peer, path.udp ? path.peer_port : 0);
  std::memcpy(b.arena.data() + b.used, esp, length);
  if (b.udp && udp_gso_ && !b.messages.empty()) {
    Message& last = b.messages.back();
    if (!last.closed && length <= last.segment && last.count < kMaxGsoSegments &&
        last.length + length <= kMaxGsoBytes && last.to.sin_addr.s_addr == to.sin_addr.s_addr &&
        last.to.sin_port == to.sin_port) {
      last.length += length;
      last.count++;
      if (length < last.segment) last.closed = true;  // only the last segment may be shorter
      b.used += length;
      return true;
    }
  }
  if (b.messages.size() == burst_) {
    flush(b);
    std::memcpy(b.arena.data(), esp, length);
  }
  Message m;
  m.offset = b.used;
  m.length = length;
  m.segment = length;
  m.count = 1;
  m.to = to;
  b.messages.push_back(m);
  b.used += length;
  return true;
}

void DataPlaneIo::flush(Batch& b) {
  const size_t count = b.messages.size();
  for (size_t i = 0; i < count; ++i) {
    Message& m = b.messages[i];
    b.iov[i].iov_base = b.arena.data() + m.offset;
    b.iov[i].iov_len = m.length;
    std::memset(&b.msgs[i], 0, sizeof(mmsghdr));
    b.msgs[i].msg_hdr.msg_name = &m.to;
    b.msgs[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
    b.msgs[i].msg_hdr.msg_iov = &b.iov[i];
    b.msgs[i].msg_hdr.msg_iovlen = 1;
    if (m.count > 1) {
      b.msgs[i].msg_hdr.msg_control = b.control[i].data();
      b.msgs[i].msg_hdr.msg_controllen = CMSG_SPACE(sizeof(uint16_t));
      cmsghdr* c = CMSG_FIRSTHDR(&b.msgs[i].msg_hdr);
      c->cmsg_level = SOL_UDP;
      c->cmsg_type = UDP_SEGMENT;
      c->cmsg_len = CMSG_LEN(sizeof(uint16_t));
      const uint16_t segment = static_cast<uint16_t>(m.segment);
      std::memcpy(CMSG_DATA(c), &segment, sizeof segment);
    }
  }
  size_t done = 0;
  while (done < count) {
    const int n = ::sendmmsg(b.fd, b.msgs.data() + done, static_cast<unsigned>(count - done), 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if ((errno == EIO || errno == EINVAL) && b.messages[done].count > 1) udp_gso_ = false;  // no GSO here
      // EAGAIN (full socket buffer) or a real error: like any UDP loss, the
      // rest of the burst is dropped, and counted.
      for (size_t i = done; i < count; ++i) stats_.send_errors += b.messages[i].count;
      break;
    }
    for (size_t i = done; i < done + static_cast<size_t>(n); ++i) {
      stats_.esp_sent += b.messages[i].count;
      if (b.messages[i].count > 1) ++stats_.udp_gso_sends;
    }
    done += static_cast<size_t>(n);
  }
  if (count) ++stats_.batches;
  b.messages.clear();
  b.used = 0;
}

void DataPlaneIo::flush() {
  for (auto& s : sockets_) flush(s->batch);
  if (coalescer_.pending() != 0) {
    coalescer_.flush([this](const uint8_t* vnet, const uint8_t* packet, size_t length) {
      write_tun(vnet, packet, length);
    });
  }
}

void DataPlaneIo::deliver(const uint8_t* packet, size_t length) {
  if (tun_offload()) {
    coalescer_.add(packet, length);  // written, merged where possible, at the end of the burst
    return;
  }
  write_tun(nullptr, packet, length);
}

void DataPlaneIo::write_tun(const uint8_t* vnet, const uint8_t* packet, size_t length) {
  iovec iov[2];
  int parts = 0;
  if (vnet != nullptr) iov[parts++] = iovec{const_cast<uint8_t*>(vnet), kVnetHeader};
  iov[parts++] = iovec{const_cast<uint8_t*>(packet), length};  // writev does not write to them
  for (;;) {
    const ssize_t n = ::writev(tun_.fd(), iov, parts);
    if (n >= 0) {
      ++stats_.tun_written;
      if (vnet != nullptr && length > slot_) ++stats_.tun_coalesced_writes;
      return;
    }
    if (errno != EINTR) {
      ++stats_.tun_write_errors;
      return;
    }
  }
}

}  // namespace ikeshift::engine::esp
