#include "esp/route_table.h"

#include <arpa/inet.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#include "common/ipv4.h"

namespace ikeshift::engine::esp {

std::vector<Prefix> prefixes_of(uint32_t first, uint32_t last) {
  std::vector<Prefix> out;
  if (first > last) return out;
  uint64_t at = first;
  const uint64_t end = uint64_t{last} + 1;
  while (at < end) {
    // The largest aligned block starting at `at` that stays within the range.
    int length = 32;
    while (length > 0) {
      const uint64_t size = uint64_t{1} << (32 - (length - 1));
      if ((at & (size - 1)) != 0 || at + size > end) break;
      --length;
    }
    out.push_back(Prefix{static_cast<uint32_t>(at), length});
    at += uint64_t{1} << (32 - length);
  }
  return out;
}

std::string to_string(const Prefix& p) { return format_ipv4(p.address) + "/" + std::to_string(p.length); }

RouteTable::RouteTable() {
  fd_.reset(::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE));
  if (!fd_) throw std::system_error(errno, std::generic_category(), "rtnetlink socket");
  sockaddr_nl local{};
  local.nl_family = AF_NETLINK;
  if (::bind(fd_.get(), reinterpret_cast<sockaddr*>(&local), sizeof local) != 0)
    throw std::system_error(errno, std::generic_category(), "rtnetlink bind");
}

RouteTable::~RouteTable() {
  for (size_t i = added_.size(); i-- > 0;) {
    std::string why;
    request(RTM_DELROUTE, 0, added_[i], ifindex_[i], std::nullopt, why);
  }
}

bool RouteTable::add(const Prefix& prefix, int ifindex, std::optional<uint32_t> source, std::string& why) {
  if (!request(RTM_NEWROUTE, NLM_F_CREATE | NLM_F_EXCL, prefix, ifindex, source, why)) return false;
  added_.push_back(prefix);
  ifindex_.push_back(ifindex);
  return true;
}

namespace {

// Appends one route attribute; the buffer is sized for the few we send.
void add_attr(std::vector<uint8_t>& msg, uint16_t type, const void* data, size_t len) {
  rtattr a{};
  a.rta_type = type;
  a.rta_len = static_cast<unsigned short>(RTA_LENGTH(len));
  const size_t at = msg.size();
  msg.resize(at + RTA_SPACE(len), 0);
  std::memcpy(msg.data() + at, &a, sizeof a);
  std::memcpy(msg.data() + at + RTA_LENGTH(0), data, len);
}

}  // namespace

bool RouteTable::request(uint16_t type, uint16_t flags, const Prefix& prefix, int ifindex,
                         std::optional<uint32_t> source, std::string& why) {
  std::vector<uint8_t> msg(NLMSG_SPACE(sizeof(rtmsg)), 0);
  rtmsg rt{};
  rt.rtm_family = AF_INET;
  rt.rtm_dst_len = static_cast<unsigned char>(prefix.length);
  rt.rtm_table = RT_TABLE_MAIN;
  rt.rtm_protocol = RTPROT_STATIC;
  rt.rtm_scope = RT_SCOPE_LINK;
  rt.rtm_type = RTN_UNICAST;
  std::memcpy(msg.data() + NLMSG_HDRLEN, &rt, sizeof rt);
  const uint32_t dst = htonl(prefix.address);
  add_attr(msg, RTA_DST, &dst, sizeof dst);
  const uint32_t oif = static_cast<uint32_t>(ifindex);
  add_attr(msg, RTA_OIF, &oif, sizeof oif);
  if (source) {
    const uint32_t src = htonl(*source);
    add_attr(msg, RTA_PREFSRC, &src, sizeof src);
  }
  nlmsghdr h{};
  h.nlmsg_len = static_cast<uint32_t>(msg.size());
  h.nlmsg_type = type;
  h.nlmsg_flags = static_cast<uint16_t>(NLM_F_REQUEST | NLM_F_ACK | flags);
  h.nlmsg_seq = sequence_++;
  std::memcpy(msg.data(), &h, sizeof h);

  sockaddr_nl kernel{};
  kernel.nl_family = AF_NETLINK;
  if (::sendto(fd_.get(), msg.data(), msg.size(), 0, reinterpret_cast<sockaddr*>(&kernel), sizeof kernel) < 0) {
    why = std::string("rtnetlink send: ") + std::strerror(errno);
    return false;
  }
  // The kernel answers with one NLMSG_ERROR (error 0 = success).
  alignas(nlmsghdr) uint8_t reply[8192];
  for (;;) {
    const ssize_t n = ::recv(fd_.get(), reply, sizeof reply, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      why = std::string("rtnetlink receive: ") + std::strerror(errno);
      return false;
    }
    size_t left = static_cast<size_t>(n);
    for (auto* r = reinterpret_cast<nlmsghdr*>(reply); NLMSG_OK(r, left); r = NLMSG_NEXT(r, left)) {
      if (r->nlmsg_seq != h.nlmsg_seq) continue;
      if (r->nlmsg_type != NLMSG_ERROR) continue;
      if (r->nlmsg_len < NLMSG_LENGTH(sizeof(nlmsgerr))) {
        why = "rtnetlink: truncated answer";
        return false;
      }
      nlmsgerr e{};
      std::memcpy(&e, reinterpret_cast<const uint8_t*>(r) + NLMSG_HDRLEN, sizeof e);
      if (e.error == 0) return true;
      why = type == RTM_NEWROUTE && e.error == -EEXIST
                ? "a route for " + to_string(prefix) + " exists already"
                : std::string(type == RTM_NEWROUTE ? "add" : "delete") + " route " + to_string(prefix) + ": " +
                      std::strerror(-e.error);
      return false;
    }
  }
}

}  // namespace ikeshift::engine::esp
