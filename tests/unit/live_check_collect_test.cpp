// From observations to report entries, without a lab: canned `show status`
// documents and JSON events for the seed pair, the probes' outcomes and the
// validator's pair findings.
#include "live/check_collect.h"

#include <gtest/gtest.h>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "test_support.h"

namespace ikeshift::live {
namespace {

LabDevice fixture(const std::string& rel) {
  text::SourceText src(rel, test::read_file(test::fixture(rel)));
  return LabDevice{rel, model::derive_intent(asa::read_asa(src).config, rel)};
}

const char* kUp = R"({"entries":[{"map":"vpn","sequence":12,"up_version":2,"attempts":[
  {"ike_version":2,"established":true,"failure":"none","detail":""}]}],
 "ike_sas":[{"ike_version":2,"id":1,"map":"vpn","sequence":12,"status":"up","algorithms":"3des/hmac-sha1-96/prf-hmac-sha1/modp1536",
  "local_spi":"0x297ef9ca996102a6","remote_spi":"0x47088c8fb9f039ad","children":[{"spi_in":"0x637df131","spi_out":"0xb7224866",
  "local":"10.10.10.0-10.10.10.255/0/0-65535","remote":"10.20.20.0-10.20.20.255/0/0-65535","algorithms":"3des/hmac-sha1-96",
  "packets_out":4,"packets_in":5}]}]})";

const char* kAuthFailed = R"({"entries":[{"map":"vpn","sequence":12,"up_version":0,"attempts":[
  {"ike_version":2,"established":false,"failure":"authentication failed","detail":"AUTHENTICATION_FAILED: the peer rejected our pre-shared key"},
  {"ike_version":1,"established":false,"failure":"authentication failed","detail":"pre-shared key mismatch"}]}],"ike_sas":[]})";

YAML::Node event(int asa_id, const std::string& text) {
  return YAML::Load("{\"asa_id\":" + std::to_string(asa_id) + ",\"text\":\"" + text +
                    "\",\"fields\":{\"map_tag\":\"vpn\",\"map_sequence\":12}}");
}

ProbeResult probe(bool passed) {
  ProbeResult p;
  p.outcome.passed = passed;
  p.outcome.sent = 3;
  p.outcome.answered = passed ? 3 : 0;
  if (passed) p.outcome.first_answer = std::chrono::microseconds(2500);
  return p;
}

class Collect : public ::testing::Test {
 protected:
  Collect() : plan(plan_lab({fixture("seed004/asa1.cfg"), fixture("seed004/asa2.cfg")}, "ikc-9-0")) {}
  LabPlan plan;
};

TEST_F(Collect, UpWithAlgorithmsSpisCountersAndTimeToUp) {
  std::vector<DeviceObservation> seen(2);
  seen[0].status = YAML::Load(kUp);
  seen[0].events = {event(752003, "%ASA-5-752003: dispatching to IKEv2"), event(752016, "%ASA-5-752016: IKEv2 up"),
                    event(752002, "%ASA-7-752002: removed")};
  seen[1].status = YAML::Load(R"({"entries":[],"ike_sas":[]})");
  EntryResult e = collect_entry(plan, plan.pairs[0], seen, {probe(true)}, {});
  EXPECT_EQ(e.status, EntryStatus::Up);
  EXPECT_EQ(e.ike_version, 2);
  EXPECT_EQ(e.device, "ASA-1");
  EXPECT_EQ(e.peer_device, "ASA-2");
  EXPECT_EQ(e.ike_algorithms, "3des/hmac-sha1-96/prf-hmac-sha1/modp1536");
  EXPECT_EQ(e.ike_spi_local, 0x297ef9ca996102a6u);
  ASSERT_EQ(e.children.size(), 1u);
  EXPECT_EQ(e.children[0].spi_in, 0x637df131u);
  EXPECT_EQ(e.children[0].local, "10.10.10.0/255.255.255.0/0/0");
  EXPECT_EQ(e.children[0].packets_in, 5u);
  ASSERT_TRUE(e.time_to_up_ms.has_value());
  EXPECT_DOUBLE_EQ(*e.time_to_up_ms, 2.5);
  EXPECT_EQ(e.manager_log.size(), 3u);
}

TEST_F(Collect, DownWithTheReasonOfBothSidesAndTheRulesLines) {
  std::vector<DeviceObservation> seen(2);
  seen[0].status = YAML::Load(kAuthFailed);
  seen[1].status = YAML::Load(R"({"entries":[],"ike_sas":[]})");
  validator::RuleFinding f;
  f.rule = "pair-psk-mirror";
  f.severity = Severity::Error;
  f.message = "ASA-1's local key differs from ASA-2's remote key";
  f.where = {"asa1.cfg", text::SourceSpan::whole_line(36, 20), "A's local key"};
  f.related = {{"asa2.cfg", text::SourceSpan::whole_line(37, 20), "B's remote key"}};
  validator::RuleFinding unrelated = f;
  unrelated.rule = "pair-dpd";
  unrelated.message = "DPD differs";
  EntryResult e = collect_entry(plan, plan.pairs[0], seen, {probe(false)}, {f, unrelated});
  EXPECT_EQ(e.status, EntryStatus::Down);
  EXPECT_NE(e.reason.find("the pre-shared keys do not match"), std::string::npos) << e.reason;
  EXPECT_NE(e.reason.find("ASA-1 IKEv2: AUTHENTICATION_FAILED: the peer rejected our pre-shared key"), std::string::npos);
  EXPECT_NE(e.reason.find("ASA-1 IKEv1: pre-shared key mismatch"), std::string::npos);
  ASSERT_EQ(e.because.size(), 1u);  // only the rule that explains an authentication failure
  EXPECT_EQ(e.because[0], "ASA-1's local key differs from ASA-2's remote key [pair-psk-mirror]");
  ASSERT_EQ(e.causes.size(), 2u);
  EXPECT_EQ(e.causes[0].file, "asa1.cfg");
  EXPECT_EQ(e.causes[1].span.line, 38u);
  EXPECT_FALSE(e.time_to_up_ms.has_value());

  // B only answered: its entry carries A's attempts, named as A's.
  EntryResult b = collect_entry(plan, plan.pairs[1], seen, {probe(false)}, {f});
  EXPECT_NE(b.reason.find("ASA-1 IKEv2:"), std::string::npos) << b.reason;
}

TEST_F(Collect, AnSaWithoutTrafficIsDownAndSaysSo) {
  std::vector<DeviceObservation> seen(2);
  seen[0].status = YAML::Load(kUp);
  seen[1].status = YAML::Load(kAuthFailed);
  EntryResult e = collect_entry(plan, plan.pairs[0], seen, {probe(false)}, {});
  EXPECT_EQ(e.status, EntryStatus::Down);
  EXPECT_EQ(e.reason.rfind("an IKEv2 SA is up on this side, but the traffic did not pass", 0), 0u) << e.reason;
}

TEST_F(Collect, AnUnreachableEngineAndAnUnpairedEntry) {
  std::vector<DeviceObservation> seen(2);
  seen[0].problem = "connection refused";
  EntryResult e = collect_entry(plan, plan.pairs[0], seen, {}, {});
  EXPECT_EQ(e.status, EntryStatus::Down);
  EXPECT_NE(e.reason.find("connection refused"), std::string::npos);
  LabTunnelPair lonely = plan.pairs[0];
  lonely.peer_tunnel.reset();
  lonely.why_unpaired = "no way back";
  EXPECT_EQ(collect_entry(plan, lonely, seen, {}, {}).status, EntryStatus::NotTested);
}

TEST(ManagerLines, RepeatedSequencesAreSaidOnceWithTheirCount) {
  std::vector<YAML::Node> ev;
  for (int i = 0; i < 3; ++i) {
    ev.push_back(event(752003, "a"));
    ev.push_back(event(752015, "b"));
    ev.push_back(event(752002, "c"));
  }
  ev.push_back(event(752003, "a"));
  ev.push_back(YAML::Load(R"({"asa_id":750006,"text":"not a manager line","fields":{}})"));
  ev.push_back(YAML::Load(R"({"asa_id":752003,"text":"other entry","fields":{"map_tag":"vpn","map_sequence":20}})"));
  std::vector<std::string> lines = manager_lines(ev, "vpn", 12);
  EXPECT_EQ(lines, (std::vector<std::string>{"a", "b", "c", "(the same sequence 2 more times: every new packet retries)",
                                             "a"}));
}

}  // namespace
}  // namespace ikeshift::live
