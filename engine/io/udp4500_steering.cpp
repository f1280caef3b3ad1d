#include "io/udp4500_steering.h"

#include <linux/filter.h>
#include <sys/socket.h>

#include <cerrno>
#include <cstring>
#include <iterator>

namespace ikeshift::engine::io {

bool attach_udp4500_steering(int esp_fd, std::string& why) {
  // For reuseport programs the kernel points the packet at the UDP payload.
  sock_filter program[] = {
      {BPF_LD | BPF_W | BPF_ABS, 0, 0, 0},   // A = first 4 payload bytes (too short: return 0)
      {BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0},  // A == 0 (non-ESP marker)?
      {BPF_RET | BPF_K, 0, 0, 0},            //   IKE socket
      {BPF_RET | BPF_K, 0, 0, 1},            //   ESP socket
  };
  sock_fprog prog{};
  prog.len = static_cast<unsigned short>(std::size(program));
  prog.filter = program;
  if (::setsockopt(esp_fd, SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, &prog, sizeof prog) != 0) {
    why = std::string("SO_ATTACH_REUSEPORT_CBPF: ") + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace ikeshift::engine::io
