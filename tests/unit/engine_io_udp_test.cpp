// UdpTransport and EventLoop on loopback: two transports exchange datagrams,
// IP_PKTINFO reports the local address, timers and stop() drive the loop.
// Skipped (not failed) where the sandbox forbids sockets.
#include "io/udp_transport.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "common/ipv4.h"
#include "io/event_loop.h"

namespace ikeshift::engine::io {
namespace {

using std::chrono::milliseconds;

uint32_t ip(const char* text) { return parse_ipv4(text).value(); }

Datagram dg(Endpoint from, Endpoint to, std::string text) {
  return Datagram{from, to, std::vector<uint8_t>(text.begin(), text.end())};
}

std::string text_of(const Datagram& d) { return std::string(d.bytes.begin(), d.bytes.end()); }

// Creates a transport or records why it could not.
std::unique_ptr<UdpTransport> make(EventLoop& loop, UdpTransportConfig cfg, std::string& why) {
  try {
    return std::make_unique<UdpTransport>(loop, cfg);
  } catch (const std::system_error& e) {
    why = e.what();
    return nullptr;
  }
}

// Runs the loop until `done` or two seconds pass (a failing test must not hang).
template <class Pred>
bool run_until(EventLoop& loop, Pred done) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(2);
  while (!done()) {
    if (std::chrono::steady_clock::now() > give_up) return false;
    loop.run_once(milliseconds(20));
  }
  return true;
}

TEST(UdpTransport, TwoTransportsExchangeDatagramsOnLoopback) {
  SteadyClock clock;
  EventLoop loop(clock);
  std::string why;
  UdpTransportConfig cfg;
  cfg.addresses = {ip("127.0.0.1")};
  cfg.ports = {0, 0};  // ephemeral stand-ins for 500 and 4500
  auto a = make(loop, cfg, why);
  if (!a) GTEST_SKIP() << "cannot create UDP sockets here: " << why;
  auto b = make(loop, cfg, why);
  ASSERT_TRUE(b) << why;

  const auto a_eps = a->local_endpoints();
  const auto b_eps = b->local_endpoints();
  ASSERT_EQ(a_eps.size(), 2u);
  for (const auto& e : a_eps) {
    EXPECT_EQ(e.address, ip("127.0.0.1"));
    EXPECT_NE(e.port, 0) << "ephemeral port not resolved";
  }

  std::vector<Datagram> at_a, at_b;
  a->set_receive_handler([&](const Datagram& d) { at_a.push_back(d); });
  // b answers every datagram from the endpoint it arrived on, as IKE must.
  b->set_receive_handler([&](const Datagram& d) {
    at_b.push_back(d);
    b->send(dg(d.to, d.from, "re:" + text_of(d)));
  });

  EXPECT_TRUE(a->send(dg(a_eps[0], b_eps[0], "IKE_SA_INIT")));
  EXPECT_TRUE(a->send(dg(a_eps[1], b_eps[1], "IKE_AUTH")));
  ASSERT_TRUE(run_until(loop, [&] { return at_a.size() == 2; }));

  ASSERT_EQ(at_b.size(), 2u);
  // Order across two sockets is not defined; match by content.
  for (const auto& d : at_b) {
    const bool init = text_of(d) == "IKE_SA_INIT";
    EXPECT_EQ(d.from, init ? a_eps[0] : a_eps[1]);
    EXPECT_EQ(d.to, init ? b_eps[0] : b_eps[1]);
  }
  for (const auto& d : at_a) {
    const bool init = text_of(d) == "re:IKE_SA_INIT";
    EXPECT_EQ(d.from, init ? b_eps[0] : b_eps[1]);
    EXPECT_EQ(d.to, init ? a_eps[0] : a_eps[1]);
  }
  EXPECT_EQ(a->stats().sent, 2u);
  EXPECT_EQ(b->stats().received, 2u);
}

TEST(UdpTransport, WildcardSocketLearnsAndChoosesTheLocalAddress) {
  SteadyClock clock;
  EventLoop loop(clock);
  std::string why;
  UdpTransportConfig any;
  any.addresses = {0};
  any.ports = {0};
  auto server = make(loop, any, why);
  if (!server) GTEST_SKIP() << "cannot create UDP sockets here: " << why;
  UdpTransportConfig lo;
  lo.addresses = {ip("127.0.0.1")};
  lo.ports = {0};
  auto client = make(loop, lo, why);
  ASSERT_TRUE(client) << why;

  const uint16_t server_port = server->local_endpoints()[0].port;
  const Endpoint client_ep = client->local_endpoints()[0];

  std::vector<Datagram> at_server, at_client;
  server->set_receive_handler([&](const Datagram& d) {
    at_server.push_back(d);
    // Reply from 127.0.0.2 through the wildcard socket: IP_PKTINFO picks it.
    server->send(dg(Endpoint{ip("127.0.0.2"), server_port}, d.from, "from .2"));
  });
  client->set_receive_handler([&](const Datagram& d) { at_client.push_back(d); });

  // Sent to 127.0.0.2 (all of 127/8 is local on Linux).
  ASSERT_TRUE(client->send(dg(client_ep, Endpoint{ip("127.0.0.2"), server_port}, "hello")));
  ASSERT_TRUE(run_until(loop, [&] { return !at_client.empty(); }));
  ASSERT_EQ(at_server.size(), 1u);
  EXPECT_EQ(at_server[0].to, (Endpoint{ip("127.0.0.2"), server_port}))
      << "IP_PKTINFO should report the address the datagram was sent to";
  EXPECT_EQ(at_server[0].from, client_ep);
  EXPECT_EQ(at_client[0].from, (Endpoint{ip("127.0.0.2"), server_port}));
}

TEST(UdpTransport, SendFromAnUnboundEndpointFails) {
  SteadyClock clock;
  EventLoop loop(clock);
  std::string why;
  UdpTransportConfig cfg;
  cfg.addresses = {ip("127.0.0.1")};
  cfg.ports = {0};
  auto t = make(loop, cfg, why);
  if (!t) GTEST_SKIP() << "cannot create UDP sockets here: " << why;
  EXPECT_FALSE(t->send(dg(Endpoint{ip("127.0.0.1"), 1}, Endpoint{ip("127.0.0.1"), 9}, "x")));
  EXPECT_EQ(t->stats().send_errors, 1u);
}

TEST(UdpTransport, BindConflictThrowsWithTheEndpoint) {
  SteadyClock clock;
  EventLoop loop(clock);
  std::string why;
  UdpTransportConfig cfg;
  cfg.addresses = {ip("127.0.0.1")};
  cfg.ports = {0};
  auto first = make(loop, cfg, why);
  if (!first) GTEST_SKIP() << "cannot create UDP sockets here: " << why;
  cfg.ports = {first->local_endpoints()[0].port};
  try {
    UdpTransport second(loop, cfg);
    FAIL() << "second bind to the same port succeeded";
  } catch (const std::system_error& e) {
    EXPECT_NE(std::string(e.what()).find("127.0.0.1:"), std::string::npos) << e.what();
  }
}

TEST(EventLoop, TimersFireAndAStopFromACallbackEndsRun) {
  SteadyClock clock;
  EventLoop loop(clock);
  std::vector<int> fired;
  loop.schedule_after(milliseconds(20), [&] {
    fired.push_back(2);
    loop.stop();
  });
  loop.schedule_after(milliseconds(5), [&] { fired.push_back(1); });
  const auto start = clock.now();
  loop.run();
  EXPECT_EQ(fired, (std::vector<int>{1, 2}));
  EXPECT_GE(clock.now() - start, milliseconds(20));
  EXPECT_FALSE(loop.stop_requested());  // consumed: run() may be called again
}

TEST(EventLoop, RoundEndCallbacksRunAfterTheRoundsWork) {
  SteadyClock clock;
  EventLoop loop(clock);
  std::vector<std::string> order;
  loop.at_round_end([&] { order.push_back("end"); });
  loop.schedule_after(milliseconds(0), [&] { order.push_back("timer"); });
  EXPECT_TRUE(loop.run_once(milliseconds(50)));
  EXPECT_TRUE(loop.run_once(milliseconds(1)));  // nothing ready: still a round
  EXPECT_EQ(order, (std::vector<std::string>{"timer", "end", "end"}));
}

TEST(EventLoop, StopBeforeRunReturnsAtOnce) {
  SteadyClock clock;
  EventLoop loop(clock);
  loop.stop();
  loop.run();
  SUCCEED();
}

TEST(EventLoop, StopFromAnotherThreadWakesABlockedLoop) {
  SteadyClock clock;
  EventLoop loop(clock);
  std::thread stopper([&] {
    std::this_thread::sleep_for(milliseconds(20));
    loop.stop();
  });
  loop.run();  // no fds, no timers: only the eventfd can wake it
  stopper.join();
  SUCCEED();
}

// A signal handler needs somewhere to find the loop; in the daemon that is
// main()'s business, here it is this test's.
std::atomic<EventLoop*> g_loop_for_signal{nullptr};
extern "C" void stop_on_signal(int) {
  if (EventLoop* l = g_loop_for_signal.load()) l->stop();
}

TEST(EventLoop, StopFromASignalHandler) {
  SteadyClock clock;
  EventLoop loop(clock);
  g_loop_for_signal.store(&loop);
  struct sigaction sa {};
  sa.sa_handler = stop_on_signal;
  sigemptyset(&sa.sa_mask);
  struct sigaction old {};
  ASSERT_EQ(sigaction(SIGUSR1, &sa, &old), 0);
  loop.schedule_after(milliseconds(5), [] { ::kill(::getpid(), SIGUSR1); });
  loop.run();
  sigaction(SIGUSR1, &old, nullptr);
  g_loop_for_signal.store(nullptr);
  SUCCEED();
}

TEST(EventLoop, CallbackMayUnwatchItsOwnFd) {
  SteadyClock clock;
  EventLoop loop(clock);
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  int calls = 0;
  loop.watch_readable(fds[0], [&](uint32_t) {
    ++calls;
    EXPECT_TRUE(loop.unwatch(fds[0]));
  });
  ASSERT_EQ(::write(fds[1], "x", 1), 1);
  loop.run_once(milliseconds(100));
  loop.run_once(milliseconds(10));  // still readable, but no longer watched
  EXPECT_EQ(calls, 1);
  EXPECT_FALSE(loop.unwatch(fds[0]));
  ::close(fds[0]);
  ::close(fds[1]);
}

}  // namespace
}  // namespace ikeshift::engine::io
