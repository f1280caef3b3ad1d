#include "io/unique_fd.h"

#include <unistd.h>

namespace ikeshift::engine::io {

void UniqueFd::reset(int fd) {
  // close() is not retried on EINTR: on Linux the descriptor is released
  // anyway, and a retry could close a descriptor another thread just opened.
  if (fd_ >= 0) ::close(fd_);
  fd_ = fd;
}

}  // namespace ikeshift::engine::io
