// The check report in every format, from a hand-made result: one entry up
// over IKEv1 after the IKEv2 fallback, one down with its causes, one not
// tested. YAML and JSON are read back with yaml-cpp, JUnit by junitparser.
#include "live/check_report.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "common/ipv4.h"
#include "test_support.h"

namespace ikeshift::live {
namespace {

uint32_t ip(const char* s) { return parse_ipv4(s).value(); }

CheckReport sample() {
  CheckReport r;
  r.files = {"asa1.cfg", "asa2.cfg"};
  r.topology = "2 devices + router";
  r.wall_seconds = 0.42;
  EntryResult up;
  up.device = "ASA-1";
  up.file = "asa1.cfg";
  up.map = "vpn";
  up.sequence = 12;
  up.span = text::SourceSpan::whole_line(19, 10);
  up.peer = "192.168.2.2";
  up.peer_device = "ASA-2";
  up.status = EntryStatus::Up;
  up.ike_version = 1;
  up.manager_log = {"%ASA-4-752010: IKEv2 Doesn't have a proposal specified",
                    "%ASA-5-752016: IKEv1 was successful at setting up a tunnel. Map Tag = vpn. Map Sequence Number = 12."};
  up.ike_algorithms = "3DES/HMAC-SHA1/MODP1536";
  up.esp_algorithms = "3DES/HMAC-SHA1-96";
  up.ike_spi_local = 0x297ef9ca996102a6;
  up.ike_spi_remote = 0x47088c8fb9f039ad;
  up.children.push_back({0x637df131, 0xb7224866, "10.10.10.0/255.255.255.0/0/0", "10.20.20.0/255.255.255.0/0/0", 4, 4});
  up.time_to_up_ms = 12.5;
  ProbeResult p;
  p.from = "ASA-1";
  p.to = "ASA-2";
  p.source = ip("10.10.10.1");
  p.destination = ip("10.20.20.1");
  p.outcome.passed = true;
  p.outcome.sent = 3;
  p.outcome.answered = 3;
  up.probes.push_back(p);
  r.entries.push_back(up);

  EntryResult down = up;
  down.device = "ASA-2";
  down.file = "asa2.cfg";
  down.status = EntryStatus::Down;
  down.ike_version = 0;
  down.ike_algorithms.clear();
  down.esp_algorithms.clear();
  down.children.clear();
  down.time_to_up_ms.reset();
  down.reason = "the pre-shared keys do not match <peer's AUTH>";
  down.causes = {FindingLocation{"asa2.cfg", text::SourceSpan::whole_line(37, 30)},
                 FindingLocation{"asa1.cfg", text::SourceSpan::whole_line(36, 30)}};
  down.probes[0].outcome = ProbeOutcome{false, 10, 0, std::nullopt, "no answer within 10.0 s (10 sent)"};
  r.entries.push_back(down);

  EntryResult skipped;
  skipped.device = "ASA-2";
  skipped.map = "vpn";
  skipped.sequence = 30;
  skipped.status = EntryStatus::NotTested;
  skipped.reason = "its peer 192.168.9.9 is none of the configurations checked";
  r.entries.push_back(skipped);
  return r;
}

TEST(CheckReport, ExitCodes) {
  CheckReport r = sample();
  EXPECT_EQ(exit_code(r), 1);
  r.entries.resize(1);
  EXPECT_EQ(exit_code(r), 0);
  r.entries.clear();
  EXPECT_EQ(exit_code(r), 1);  // nothing tested is not a pass
  r.fatal = "not root";
  EXPECT_EQ(exit_code(r), 2);
}

TEST(CheckReport, TextSaysWhatCameUpAndWhy) {
  std::string t = render_check_text(sample(), false);
  EXPECT_NE(t.find("ASA-1 crypto map vpn 12 -> ASA-2 (192.168.2.2): UP with IKEv1 in 12.5 ms (first packet to first answer)"), std::string::npos) << t;
  EXPECT_NE(t.find("    %ASA-4-752010: IKEv2 Doesn't have a proposal specified\n"), std::string::npos) << t;
  EXPECT_NE(t.find("SPI in/out 0x637df131/0xb7224866"), std::string::npos) << t;
  EXPECT_NE(t.find("ASA-2 crypto map vpn 12 -> ASA-2 (192.168.2.2): DOWN"), std::string::npos) << t;
  EXPECT_NE(t.find("reason: the pre-shared keys do not match"), std::string::npos) << t;
  EXPECT_NE(t.find("      at asa2.cfg:38\n      at asa1.cfg:37\n"), std::string::npos) << t;
  EXPECT_NE(t.find("FAILED (0/10 answered; no answer within 10.0 s"), std::string::npos) << t;
  EXPECT_NE(t.find("check: 1 of 3 crypto map entries up (0.42 s)"), std::string::npos) << t;
  EXPECT_EQ(t.find("\x1b["), std::string::npos);
  EXPECT_NE(render_check_text(sample(), true).find("\x1b[1;32mUP\x1b[0m"), std::string::npos);
}

TEST(CheckReport, YamlAndJsonReadBack) {
  for (const std::string& text : {render_check_yaml(sample()), render_check_json(sample())}) {
    YAML::Node n = YAML::Load(text);
    EXPECT_EQ(n["exit_code"].as<int>(), 1);
    ASSERT_EQ(n["entries"].size(), 3u);
    YAML::Node up = n["entries"][0];
    EXPECT_EQ(up["status"].as<std::string>(), "up");
    EXPECT_EQ(up["ike_version"].as<int>(), 1);
    EXPECT_EQ(up["tunnel_manager"][0].as<std::string>(), "%ASA-4-752010: IKEv2 Doesn't have a proposal specified");
    EXPECT_EQ(up["child_sas"][0]["spi_in"].as<std::string>(), "0x637df131");
    EXPECT_EQ(up["child_sas"][0]["packets_out"].as<int>(), 4);
    EXPECT_EQ(up["traffic"][0]["passed"].as<bool>(), true);
    YAML::Node down = n["entries"][1];
    EXPECT_EQ(down["status"].as<std::string>(), "down");
    EXPECT_EQ(down["reason"].as<std::string>(), "the pre-shared keys do not match <peer's AUTH>");
    EXPECT_EQ(down["causes"][0]["line"].as<int>(), 38);
    EXPECT_EQ(n["entries"][2]["status"].as<std::string>(), "not tested");
  }
}

TEST(CheckReport, JunitIsOneCasePerEntryAndReadsBack) {
  std::string xml = render_check_junit(sample());
  EXPECT_NE(xml.find("tests=\"3\" failures=\"1\" errors=\"0\" skipped=\"1\""), std::string::npos) << xml;
  std::string skip;
  std::string out = test::read_back_junit(xml, skip);
  IKS_REQUIRE(skip);
  EXPECT_NE(out.find("| ASA-1 crypto map vpn 12 |  | "), std::string::npos) << out;
  EXPECT_NE(out.find("| ASA-2 crypto map vpn 12 | Failure | the pre-shared keys do not match"), std::string::npos) << out;
  EXPECT_NE(out.find("| ASA-2 crypto map vpn 30 | Skipped |"), std::string::npos) << out;
  EXPECT_NE(out.find("TOTAL 3 1 0"), std::string::npos) << out;
}

}  // namespace
}  // namespace ikeshift::live
