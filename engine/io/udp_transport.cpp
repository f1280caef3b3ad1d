#include "io/udp_transport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>

#include <cerrno>
#include <cstring>
#include <string>
#include <system_error>

namespace ikeshift::engine::io {

namespace {

// The largest UDP payload over IPv4; anything longer cannot arrive.
constexpr size_t kMaxDatagram = 65535;
// Datagrams read per readiness callback, so one busy socket cannot starve the
// others; level-triggered epoll calls us again for the rest.
constexpr int kReadBudget = 64;

sockaddr_in to_sockaddr(const Endpoint& e) {
  sockaddr_in sa{};
  sa.sin_family = AF_INET;
  sa.sin_addr.s_addr = htonl(e.address);
  sa.sin_port = htons(e.port);
  return sa;
}

// The socket API takes sockaddr*; these casts are the documented way to pass
// a sockaddr_in and are confined here.
sockaddr* as_sockaddr(sockaddr_in* sa) { return reinterpret_cast<sockaddr*>(sa); }

[[noreturn]] void throw_errno(const std::string& what) {
  throw std::system_error(errno, std::generic_category(), what);
}

}  // namespace

UdpTransport::UdpTransport(EventLoop& loop, const UdpTransportConfig& config)
    : loop_(loop), buffer_(kMaxDatagram) {
  for (uint32_t address : config.addresses) {
    for (uint16_t port : config.ports) {
      auto socket = std::make_unique<Socket>();
      const Endpoint wanted{address, port};
      const std::string where = "udp " + to_string(wanted);
      socket->fd.reset(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
      if (!socket->fd) throw_errno(where + ": socket");
      const int on = 1;
      if (::setsockopt(socket->fd.get(), IPPROTO_IP, IP_PKTINFO, &on, sizeof on) != 0)
        throw_errno(where + ": IP_PKTINFO");
      if (config.share_nat_t_port && port == kNatTPort &&
          ::setsockopt(socket->fd.get(), SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0)
        throw_errno(where + ": SO_REUSEPORT");
      sockaddr_in sa = to_sockaddr(wanted);
      if (::bind(socket->fd.get(), as_sockaddr(&sa), sizeof sa) != 0) throw_errno(where + ": bind");
      socklen_t len = sizeof sa;
      if (::getsockname(socket->fd.get(), as_sockaddr(&sa), &len) != 0)
        throw_errno(where + ": getsockname");
      socket->bound = Endpoint{address, ntohs(sa.sin_port)};
      sockets_.push_back(std::move(socket));
    }
  }
  // Watched only once all sockets exist, so a bind failure above leaves no
  // dangling registrations (the destructor does not run for a throwing constructor).
  for (size_t i = 0; i < sockets_.size(); ++i) {
    const Socket* s = sockets_[i].get();
    try {
      loop_.watch_readable(s->fd.get(), [this, s](uint32_t) { on_readable(*s); });
    } catch (...) {
      for (size_t j = 0; j < i; ++j) loop_.unwatch(sockets_[j]->fd.get());
      throw;
    }
  }
}

UdpTransport::~UdpTransport() {
  for (const auto& s : sockets_) loop_.unwatch(s->fd.get());
}

void UdpTransport::set_receive_handler(ReceiveHandler handler) {
  handler_ = handler ? std::make_shared<ReceiveHandler>(std::move(handler)) : nullptr;
}

std::vector<Endpoint> UdpTransport::local_endpoints() const {
  std::vector<Endpoint> out;
  out.reserve(sockets_.size());
  for (const auto& s : sockets_) out.push_back(s->bound);
  return out;
}

const UdpTransport::Socket* UdpTransport::socket_for(const Endpoint& from) const {
  const Socket* wildcard = nullptr;
  for (const auto& s : sockets_) {
    if (s->bound == from) return s.get();
    if (s->bound.address == 0 && s->bound.port == from.port && !wildcard) wildcard = s.get();
  }
  return wildcard;
}

bool UdpTransport::send(const Datagram& d) {
  const Socket* s = socket_for(d.from);
  if (!s) {
    ++stats_.send_errors;
    return false;
  }
  sockaddr_in to = to_sockaddr(d.to);
  iovec iov{};
  iov.iov_base = const_cast<uint8_t*>(d.bytes.data());  // sendmsg does not write it
  iov.iov_len = d.bytes.size();
  msghdr msg{};
  msg.msg_name = &to;
  msg.msg_namelen = sizeof to;
  msg.msg_iov = &iov;
  msg.msg_iovlen = 1;

  // On a wildcard socket the kernel would pick the source address by route;
  // IKE must answer from the address the peer talked to, so say it explicitly.
  alignas(cmsghdr) unsigned char control[CMSG_SPACE(sizeof(in_pktinfo))] = {};
  if (s->bound.address == 0 && d.from.address != 0) {
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;
    cmsghdr* c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = IPPROTO_IP;
    c->cmsg_type = IP_PKTINFO;
    c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
    in_pktinfo info{};
    info.ipi_spec_dst.s_addr = htonl(d.from.address);
    std::memcpy(CMSG_DATA(c), &info, sizeof info);
  }

  ssize_t n;
  do {
    n = ::sendmsg(s->fd.get(), &msg, MSG_NOSIGNAL);
  } while (n < 0 && errno == EINTR);
  // EAGAIN (full send buffer) is a drop like any other UDP loss.
  if (n < 0 || static_cast<size_t>(n) != d.bytes.size()) {
    ++stats_.send_errors;
    return false;
  }
  ++stats_.sent;
  return true;
}

void UdpTransport::on_readable(const Socket& socket) {
  for (int budget = kReadBudget; budget > 0; --budget) {
    sockaddr_in peer{};
    iovec iov{};
    iov.iov_base = buffer_.data();
    iov.iov_len = buffer_.size();
    alignas(cmsghdr) unsigned char control[CMSG_SPACE(sizeof(in_pktinfo))] = {};
    msghdr msg{};
    msg.msg_name = &peer;
    msg.msg_namelen = sizeof peer;
    msg.msg_iov = &iov;
    msg.msg_iovlen = 1;
    msg.msg_control = control;
    msg.msg_controllen = sizeof control;

    const ssize_t n = ::recvmsg(socket.fd.get(), &msg, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno != EAGAIN && errno != EWOULDBLOCK) ++stats_.receive_errors;
      return;
    }
    if ((msg.msg_flags & MSG_TRUNC) != 0 || peer.sin_family != AF_INET) {
      ++stats_.receive_errors;
      continue;
    }

    Datagram d;
    d.from = Endpoint{ntohl(peer.sin_addr.s_addr), ntohs(peer.sin_port)};
    d.to = socket.bound;
    for (cmsghdr* c = CMSG_FIRSTHDR(&msg); c != nullptr; c = CMSG_NXTHDR(&msg, c)) {
      if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
        in_pktinfo info{};
        std::memcpy(&info, CMSG_DATA(c), sizeof info);
        d.to.address = ntohl(info.ipi_addr.s_addr);
      }
    }
    d.bytes.assign(buffer_.begin(), buffer_.begin() + n);
    ++stats_.received;
    // Held across the call: the handler may replace itself.
    if (const std::shared_ptr<ReceiveHandler> handler = handler_) (*handler)(d);
  }
}

}  // namespace ikeshift::engine::io
