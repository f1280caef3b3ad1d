// Test traffic for `ikeshift check`, sent from inside a device's namespace by
// this process itself (a thread that entered the namespace), so the check
// needs no ping or netcat and knows exactly when the first answer came back:
//   ICMP echo     for crypto ACL lines on `ip` or `icmp`
//   TCP connect   for `tcp ... eq PORT`, to a listener in the peer's namespace
//   UDP datagram  for `udp ... eq PORT`, to an echo responder there
// The first packet of a tunnel is what triggers KEY_ACQUIRE in the engine, so
// probes resend until an answer arrives or the deadline passes.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace ikeshift::live {

struct ProbeSpec {
  std::string ns;  // the namespace the traffic starts in
  uint32_t source = 0, destination = 0;
  uint8_t protocol = 0;  // 0: ICMP echo; 6: TCP; 17: UDP
  uint16_t port = 0;
  std::chrono::milliseconds timeout{10000};
  std::chrono::milliseconds resend{200};  // between attempts until the first answer
  const std::atomic<bool>* cancel = nullptr;  // set: give up at the next attempt (Ctrl-C)
};

struct ProbeOutcome {
  bool passed = false;
  uint32_t sent = 0;      // attempts (echo requests, connects, datagrams)
  uint32_t answered = 0;  // answers that came back
  std::optional<std::chrono::microseconds> first_answer;  // since the first attempt
  std::string detail;     // why it failed, in words ("no answer in 10 s", "connection refused")
};

// Blocks until the probe passed (first answer; then two more to show the
// tunnel carries traffic steadily) or timed out.
ProbeOutcome run_probe(const ProbeSpec& spec);

// A TCP echo listener or UDP echo responder on address:port inside a
// namespace, for TCP/UDP probes from the other side. Stops on destruction.
class ProbeResponder {
 public:
  ProbeResponder(const std::string& ns, uint32_t address, uint8_t protocol, uint16_t port);
  ~ProbeResponder();
  ProbeResponder(const ProbeResponder&) = delete;
  ProbeResponder& operator=(const ProbeResponder&) = delete;
  // Empty once listening; otherwise why it could not (address in use, ...).
  const std::string& problem() const { return problem_; }

 private:
  void serve(std::string ns, uint32_t address, uint8_t protocol, uint16_t port);
  std::atomic<bool> stop_{false};
  std::atomic<bool> ready_{false};
  std::string problem_;
  std::thread thread_;
};

}  // namespace ikeshift::live
