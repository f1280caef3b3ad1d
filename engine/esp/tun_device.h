// A layer-3 TUN device (/dev/net/tun, IFF_TUN | IFF_NO_PI): the kernel routes
// packets for the remote protected networks into it, the data plane reads
// them, and writes decrypted packets back. Non-persistent: the device (and
// every route through it) disappears when the descriptor closes.
#pragma once

#include <string>

#include "io/unique_fd.h"

namespace ikeshift::engine::esp {

class TunDevice {
 public:
  // Creates the device `name` (e.g. "ikeshift0"), sets its MTU, brings it up
  // and makes the descriptor non-blocking. Throws std::system_error naming
  // the step that failed (no /dev/net/tun, EBUSY: the name is taken, EPERM).
  // offload: IFF_VNET_HDR with TCP segmentation offload (tun_offload.h);
  // every read and write then carries a virtio_net_hdr.
  TunDevice(const std::string& name, int mtu, bool offload = true);

  int fd() const { return fd_.get(); }
  const std::string& name() const { return name_; }
  int ifindex() const { return ifindex_; }
  int mtu() const { return mtu_; }
  bool offload() const { return offload_; }

 private:
  io::UniqueFd fd_;
  std::string name_;
  int ifindex_ = 0;
  int mtu_ = 0;
  bool offload_ = false;
};

}  // namespace ikeshift::engine::esp
