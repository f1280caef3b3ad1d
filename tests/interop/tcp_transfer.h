// A TCP transfer between two lab namespaces with its content checked: the
// client sends `bytes` of a reproducible pseudo-random stream, the server
// compares every byte. Sockets are opened by threads that entered the
// namespaces with setns(2), so no tool beyond the test binary is needed.
// Every wait is bounded.
#pragma once

#include <chrono>
#include <cstddef>
#include <string>

namespace ikeshift::interop {

struct TransferResult {
  bool ok = false;          // all bytes arrived, intact, in time
  size_t received = 0;      // bytes the server got
  size_t first_mismatch = 0;
  double seconds = 0;
  std::string error;        // what went wrong, for the failure message
};

// Server in namespace `server_ns` listening on server_address (port chosen
// by the kernel), client in `client_ns` bound to client_address.
TransferResult tcp_transfer(const std::string& server_ns, const std::string& server_address,
                            const std::string& client_ns, const std::string& client_address, size_t bytes,
                            std::chrono::milliseconds timeout);

}  // namespace ikeshift::interop
