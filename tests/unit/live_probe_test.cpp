// The check's test traffic on plain routes between two lab namespaces (no
// tunnel: this tests the probes themselves). Root and namespaces; skipped
// elsewhere, a failure in CI when they are missing.
#include "live/probe.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "common/ipv4.h"
#include "live/lab.h"
#include "test_support.h"

namespace ikeshift::live {
namespace {

using std::chrono::milliseconds;

uint32_t ip(const char* s) { return parse_ipv4(s).value(); }

LabDevice fixture(const std::string& rel) {
  text::SourceText src(rel, test::read_file(test::fixture(rel)));
  return LabDevice{rel, model::derive_intent(asa::read_asa(src).config, rel)};
}

class Probes : public ::testing::Test {
 protected:
  void SetUp() override {
    IKS_REQUIRE(test::netns_problem());
    plan_ = plan_lab({fixture("seed004/asa1.cfg"), fixture("seed004/asa2.cfg")}, Lab::next_prefix());
    lab_ = std::make_unique<Lab>(plan_);
    // Plain routes for the protected networks, where the tunnel would be.
    ip_batch(plan_.device_ns[0], {"route add 10.20.20.0/24 via 192.168.1.2"}, "route A");
    ip_batch(plan_.device_ns[1], {"route add 10.10.10.0/24 via 192.168.2.1"}, "route B");
    ip_batch(*plan_.router_ns, {"route add 10.10.10.0/24 via 192.168.1.1", "route add 10.20.20.0/24 via 192.168.2.2"},
             "router routes");
  }
  ProbeSpec spec(uint8_t protocol, uint16_t port = 0) {
    ProbeSpec s;
    s.ns = plan_.device_ns[0];
    s.source = ip("10.10.10.1");
    s.destination = ip("10.20.20.1");
    s.protocol = protocol;
    s.port = port;
    s.timeout = milliseconds(3000);
    return s;
  }
  LabPlan plan_;
  std::unique_ptr<Lab> lab_;
};

TEST_F(Probes, IcmpEchoIsAnswered) {
  ProbeOutcome o = run_probe(spec(0));
  EXPECT_TRUE(o.passed) << o.detail;
  EXPECT_GE(o.answered, 3u);
  ASSERT_TRUE(o.first_answer.has_value());
  EXPECT_LT(o.first_answer->count(), 3'000'000);
}

TEST_F(Probes, TcpAndUdpReachAResponder) {
  ProbeResponder tcp(plan_.device_ns[1], ip("10.20.20.1"), 6, 443);
  ProbeResponder udp(plan_.device_ns[1], ip("10.20.20.1"), 17, 53);
  ASSERT_EQ(tcp.problem(), "");
  ASSERT_EQ(udp.problem(), "");
  ProbeOutcome t = run_probe(spec(6, 443));
  EXPECT_TRUE(t.passed) << t.detail;
  ProbeOutcome u = run_probe(spec(17, 53));
  EXPECT_TRUE(u.passed) << u.detail;
}

TEST_F(Probes, RefusedAndUnroutedTrafficFailsWithAReason) {
  ProbeSpec refused = spec(6, 444);  // nobody listens
  refused.timeout = milliseconds(800);
  ProbeOutcome r = run_probe(refused);
  EXPECT_FALSE(r.passed);
  EXPECT_NE(r.detail.find("Connection refused"), std::string::npos) << r.detail;

  ProbeSpec lost = spec(0);
  lost.destination = ip("10.99.0.1");  // routed nowhere
  lost.timeout = milliseconds(800);
  ProbeOutcome l = run_probe(lost);
  EXPECT_FALSE(l.passed);
  EXPECT_EQ(l.answered, 0u);
  EXPECT_NE(l.detail.find("no answer within"), std::string::npos) << l.detail;
  EXPECT_GE(l.sent, 2u);  // resent while waiting
  EXPECT_LE(l.sent, 6u) << "resent every 200 ms, not faster";
}

}  // namespace
}  // namespace ikeshift::live
