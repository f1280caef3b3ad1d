#include "esp/tun_device.h"

#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace ikeshift::engine::esp {

namespace {

[[noreturn]] void fail(const std::string& what) { throw std::system_error(errno, std::generic_category(), what); }

ifreq request_for(const std::string& name) {
  ifreq r{};
  std::strncpy(r.ifr_name, name.c_str(), IFNAMSIZ - 1);
  return r;
}

}  // namespace

TunDevice::TunDevice(const std::string& name, int mtu, bool offload) : name_(name), mtu_(mtu) {
  if (name.empty() || name.size() >= IFNAMSIZ) {
    errno = EINVAL;
    fail("TUN device name '" + name + "' (1 to " + std::to_string(IFNAMSIZ - 1) + " characters)");
  }
  fd_.reset(::open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC));
  if (!fd_) fail("open /dev/net/tun");
  ifreq r = request_for(name);
  r.ifr_flags = static_cast<short>(IFF_TUN | IFF_NO_PI | (offload ? IFF_VNET_HDR : 0));
  if (::ioctl(fd_.get(), TUNSETIFF, &r) != 0) fail("TUNSETIFF " + name);
  name_ = r.ifr_name;
  if (offload) {
    // Checksum and TCPv4 segmentation offload: the kernel may hand over
    // 64 KB TCP super-packets and unchecksummed packets (tun_offload.h).
    const unsigned features = TUN_F_CSUM | TUN_F_TSO4;
    if (::ioctl(fd_.get(), TUNSETOFFLOAD, features) != 0) fail("TUNSETOFFLOAD on " + name_);
    offload_ = true;
  }
  // Interface settings go through an ordinary socket's ioctls.
  io::UniqueFd ctl(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (!ctl) fail("socket for interface ioctls");
  ifreq m = request_for(name_);
  m.ifr_mtu = mtu;
  if (::ioctl(ctl.get(), SIOCSIFMTU, &m) != 0) fail("set MTU " + std::to_string(mtu) + " on " + name_);
  // Before the device is up -- the crypto ACLs are IPv4: keep the kernel's IPv6 chatter (router
  // solicitations, MLD) off the device. Best effort (no IPv6 in the kernel).
  io::UniqueFd v6(::open(("/proc/sys/net/ipv6/conf/" + name_ + "/disable_ipv6").c_str(), O_WRONLY | O_CLOEXEC));
  if (v6) (void)!::write(v6.get(), "1", 1);
  ifreq f = request_for(name_);
  if (::ioctl(ctl.get(), SIOCGIFFLAGS, &f) != 0) fail("get flags of " + name_);
  f.ifr_flags = static_cast<short>(f.ifr_flags | IFF_UP);
  if (::ioctl(ctl.get(), SIOCSIFFLAGS, &f) != 0) fail("bring " + name_ + " up");
  ifreq i = request_for(name_);
  if (::ioctl(ctl.get(), SIOCGIFINDEX, &i) != 0) fail("get ifindex of " + name_);
  ifindex_ = i.ifr_ifindex;
}

}  // namespace ikeshift::engine::esp
