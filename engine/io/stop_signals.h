// SIGINT and SIGTERM (and SIGHUP) as a readable descriptor: blocked for the
// process while the object lives and delivered through a signalfd, so a loop
// notices them like any other descriptor -- no signal handler and no global
// flag. The old signal mask comes back on destruction. Children started with
// posix_spawn reset their mask (live/process.cpp), so they still die of
// signals normally.
#pragma once

#include <signal.h>

#include "io/unique_fd.h"

namespace ikeshift::engine::io {

class StopSignals {
 public:
  StopSignals();  // throws std::system_error
  ~StopSignals();
  StopSignals(const StopSignals&) = delete;
  StopSignals& operator=(const StopSignals&) = delete;

  int fd() const { return fd_.get(); }
  // Which signal arrived (0 if none is pending); never blocks.
  int take();
  // Whether a stop signal has arrived, now or earlier (remembered once seen).
  bool requested();

 private:
  sigset_t old_;
  UniqueFd fd_;
  int seen_ = 0;
};

}  // namespace ikeshift::engine::io
