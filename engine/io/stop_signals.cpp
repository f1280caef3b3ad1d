#include "io/stop_signals.h"

#include <sys/signalfd.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

namespace ikeshift::engine::io {

StopSignals::StopSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGHUP);
  // pthread_sigmask: threads started later inherit the block, so the signal
  // can only be taken from the descriptor.
  if (pthread_sigmask(SIG_BLOCK, &set, &old_) != 0) {
    throw std::system_error(errno, std::generic_category(), "pthread_sigmask");
  }
  fd_ = UniqueFd(signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC));
  if (!fd_) {
    int e = errno;
    pthread_sigmask(SIG_SETMASK, &old_, nullptr);
    throw std::system_error(e, std::generic_category(), "signalfd");
  }
}

StopSignals::~StopSignals() {
  fd_.reset();
  pthread_sigmask(SIG_SETMASK, &old_, nullptr);
}

int StopSignals::take() {
  signalfd_siginfo info;
  ssize_t n = ::read(fd_.get(), &info, sizeof info);
  return n == static_cast<ssize_t>(sizeof info) ? static_cast<int>(info.ssi_signo) : 0;
}

bool StopSignals::requested() {
  if (seen_ == 0) seen_ = take();
  return seen_ != 0;
}

}  // namespace ikeshift::engine::io
