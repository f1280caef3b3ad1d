#include "live/probe.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <stdexcept>

#include "common/ipv4.h"
#include "io/unique_fd.h"
#include "live/netns.h"

namespace ikeshift::live {

namespace {

using engine::io::UniqueFd;
using Clock = std::chrono::steady_clock;
using std::chrono::duration_cast;
using std::chrono::microseconds;
using std::chrono::milliseconds;

constexpr uint32_t kAnswersAfterFirst = 2;  // a tunnel that carries one packet and then stops is not up
constexpr char kPayload[] = "ikeshift-check";

sockaddr_in socket_address(uint32_t address, uint16_t port) {
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(address);
  a.sin_port = htons(port);
  return a;
}

std::string sys_error(const std::string& what) { return what + ": " + std::strerror(errno); }

uint16_t checksum(const uint8_t* data, size_t len) {
  uint32_t sum = 0;
  for (size_t i = 0; i + 1 < len; i += 2) sum += static_cast<uint32_t>(data[i] << 8 | data[i + 1]);
  if (len % 2 != 0) sum += static_cast<uint32_t>(data[len - 1] << 8);
  while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
  return static_cast<uint16_t>(~sum);
}

// Rounded up: a wait that ends a fraction of a millisecond early would find
// the deadline not yet passed and send again at once, in a tight loop.
int remaining_ms(Clock::time_point until) {
  auto left = std::chrono::ceil<milliseconds>(until - Clock::now()).count();
  return left < 0 ? 0 : static_cast<int>(left);
}

class Attempts {
 public:
  explicit Attempts(const ProbeSpec& spec) : spec_(spec), start_(Clock::now()), deadline_(start_ + spec.timeout) {}
  bool expired() const {
    return Clock::now() >= deadline_ || (spec_.cancel != nullptr && spec_.cancel->load());
  }
  Clock::time_point deadline() const { return deadline_; }
  void answered(ProbeOutcome& o) const {
    ++o.answered;
    if (!o.first_answer) o.first_answer = duration_cast<microseconds>(Clock::now() - start_);
    if (o.answered >= 1 + kAnswersAfterFirst) o.passed = true;
  }
  void timed_out(ProbeOutcome& o) const {
    if (o.answered == 0) {
      o.detail = "no answer within " + std::to_string(spec_.timeout.count() / 1000.0).substr(0, 4) + " s (" +
                 std::to_string(o.sent) + " sent)";
    } else {
      o.detail = "only " + std::to_string(o.answered) + " of " + std::to_string(o.sent) + " answered";
    }
  }

 private:
  const ProbeSpec& spec_;
  Clock::time_point start_, deadline_;
};

ProbeOutcome probe_icmp(const ProbeSpec& spec) {
  ProbeOutcome o;
  UniqueFd fd(::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP));
  if (!fd) {
    o.detail = sys_error("raw ICMP socket");
    return o;
  }
  sockaddr_in src = socket_address(spec.source, 0);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) {
    o.detail = sys_error("bind " + format_ipv4(spec.source));
    return o;
  }
  const uint16_t id = static_cast<uint16_t>(::getpid() ^ (spec.destination & 0xffff) ^ (spec.source >> 3));
  sockaddr_in dst = socket_address(spec.destination, 0);
  Attempts attempts(spec);
  uint16_t seq = 0;
  while (!o.passed && !attempts.expired()) {
    std::array<uint8_t, 8 + sizeof kPayload> req{};
    req[0] = ICMP_ECHO;
    req[4] = static_cast<uint8_t>(id >> 8);
    req[5] = static_cast<uint8_t>(id);
    ++seq;
    req[6] = static_cast<uint8_t>(seq >> 8);
    req[7] = static_cast<uint8_t>(seq);
    std::memcpy(req.data() + 8, kPayload, sizeof kPayload);
    uint16_t sum = checksum(req.data(), req.size());
    req[2] = static_cast<uint8_t>(sum >> 8);
    req[3] = static_cast<uint8_t>(sum);
    ++o.sent;
    if (::sendto(fd.get(), req.data(), req.size(), 0, reinterpret_cast<sockaddr*>(&dst), sizeof dst) < 0) {
      o.detail = sys_error("send");  // e.g. no route to the protected network
    }
    // Wait for this echo's reply, at most `resend` (or a short step once answered).
    auto until = std::min(attempts.deadline(), Clock::now() + (o.answered > 0 ? milliseconds(1000) : spec.resend));
    bool got = false;
    while (!got && Clock::now() < until) {
      pollfd p{fd.get(), POLLIN, 0};
      if (::poll(&p, 1, remaining_ms(until)) <= 0) break;
      std::array<uint8_t, 1500> buf{};
      sockaddr_in from{};
      socklen_t len = sizeof from;
      ssize_t n = ::recvfrom(fd.get(), buf.data(), buf.size(), 0, reinterpret_cast<sockaddr*>(&from), &len);
      if (n < 20) continue;
      size_t ihl = static_cast<size_t>(buf[0] & 0x0f) * 4;
      if (static_cast<size_t>(n) < ihl + 8 || ntohl(from.sin_addr.s_addr) != spec.destination) continue;
      const uint8_t* icmp = buf.data() + ihl;
      if (icmp[0] == ICMP_ECHOREPLY && (icmp[4] << 8 | icmp[5]) == id) got = true;
    }
    if (got) {
      attempts.answered(o);
    } else if (Clock::now() < until) {
      // An error or a stray ICMP message ended the wait early: keep the pace.
      ::poll(nullptr, 0, remaining_ms(until));
    }
  }
  if (!o.passed) {
    std::string last = o.detail;
    attempts.timed_out(o);
    if (!last.empty()) o.detail += "; last: " + last;
  }
  return o;
}

// One exchange over a fresh connection or datagram socket: send the payload,
// expect it echoed. Returns "" on success, else what went wrong.
std::string one_exchange(const ProbeSpec& spec, Clock::time_point until) {
  int type = spec.protocol == 6 ? SOCK_STREAM : SOCK_DGRAM;
  UniqueFd fd(::socket(AF_INET, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
  if (!fd) return sys_error("socket");
  sockaddr_in src = socket_address(spec.source, 0);
  if (::bind(fd.get(), reinterpret_cast<sockaddr*>(&src), sizeof src) != 0) return sys_error("bind");
  sockaddr_in dst = socket_address(spec.destination, spec.port);
  if (::connect(fd.get(), reinterpret_cast<sockaddr*>(&dst), sizeof dst) != 0 && errno != EINPROGRESS) {
    return sys_error("connect");
  }
  if (spec.protocol == 6) {
    pollfd p{fd.get(), POLLOUT, 0};
    if (::poll(&p, 1, remaining_ms(until)) <= 0) return "no answer to the TCP connect";
    int err = 0;
    socklen_t len = sizeof err;
    ::getsockopt(fd.get(), SOL_SOCKET, SO_ERROR, &err, &len);
    if (err != 0) return std::string("TCP connect: ") + std::strerror(err);
  }
  if (::send(fd.get(), kPayload, sizeof kPayload, MSG_NOSIGNAL) != static_cast<ssize_t>(sizeof kPayload)) {
    return sys_error("send");
  }
  pollfd p{fd.get(), POLLIN, 0};
  if (::poll(&p, 1, remaining_ms(until)) <= 0) return "no echo";
  char buf[64];
  ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
  if (n != static_cast<ssize_t>(sizeof kPayload) || std::memcmp(buf, kPayload, sizeof kPayload) != 0) {
    return n < 0 ? sys_error("recv") : "the echo was not what was sent";
  }
  return {};
}

ProbeOutcome probe_stream(const ProbeSpec& spec) {
  ProbeOutcome o;
  Attempts attempts(spec);
  while (!o.passed && !attempts.expired()) {
    ++o.sent;
    auto until = std::min(attempts.deadline(), Clock::now() + (o.answered > 0 ? milliseconds(1000) : spec.resend));
    std::string why = one_exchange(spec, until);
    if (why.empty()) {
      attempts.answered(o);
    } else {
      o.detail = why;
      // Refusals come back at once; pace the next attempt.
      if (Clock::now() < until) ::poll(nullptr, 0, remaining_ms(until));
    }
  }
  if (!o.passed) {
    std::string last = o.detail;
    attempts.timed_out(o);
    if (!last.empty()) o.detail += "; last: " + last;
  }
  return o;
}

}  // namespace

ProbeOutcome run_probe(const ProbeSpec& spec) {
  ProbeOutcome out;
  try {
    run_in_namespace(spec.ns, [&] { out = spec.protocol == 0 ? probe_icmp(spec) : probe_stream(spec); });
  } catch (const std::exception& e) {
    out.detail = e.what();
  }
  return out;
}

ProbeResponder::ProbeResponder(const std::string& ns, uint32_t address, uint8_t protocol, uint16_t port)
    : thread_(&ProbeResponder::serve, this, ns, address, protocol, port) {
  while (!ready_.load()) std::this_thread::yield();
}

ProbeResponder::~ProbeResponder() {
  stop_.store(true);
  thread_.join();
}

void ProbeResponder::serve(std::string ns, uint32_t address, uint8_t protocol, uint16_t port) {
  UniqueFd fd;
  try {
    UniqueFd nsfd(::open(("/var/run/netns/" + ns).c_str(), O_RDONLY | O_CLOEXEC));
    if (!nsfd || ::setns(nsfd.get(), CLONE_NEWNET) != 0) throw std::runtime_error(sys_error("enter " + ns));
    fd.reset(::socket(AF_INET, (protocol == 6 ? SOCK_STREAM : SOCK_DGRAM) | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    int one = 1;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in a = socket_address(address, port);
    if (!fd || ::bind(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 ||
        (protocol == 6 && ::listen(fd.get(), 16) != 0)) {
      throw std::runtime_error(sys_error("listen on " + format_ipv4(address) + ":" + std::to_string(port)));
    }
  } catch (const std::exception& e) {
    problem_ = e.what();
    ready_.store(true);
    return;
  }
  ready_.store(true);
  while (!stop_.load()) {
    pollfd p{fd.get(), POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[512];
    if (protocol == 17) {
      sockaddr_in from{};
      socklen_t len = sizeof from;
      ssize_t n = ::recvfrom(fd.get(), buf, sizeof buf, 0, reinterpret_cast<sockaddr*>(&from), &len);
      if (n > 0) ::sendto(fd.get(), buf, static_cast<size_t>(n), 0, reinterpret_cast<sockaddr*>(&from), len);
      continue;
    }
    UniqueFd conn(::accept4(fd.get(), nullptr, nullptr, SOCK_CLOEXEC));
    if (!conn) continue;
    pollfd c{conn.get(), POLLIN, 0};
    if (::poll(&c, 1, 2000) <= 0) continue;
    ssize_t n = ::recv(conn.get(), buf, sizeof buf, 0);
    if (n > 0) ::send(conn.get(), buf, static_cast<size_t>(n), MSG_NOSIGNAL);
  }
}

}  // namespace ikeshift::live
