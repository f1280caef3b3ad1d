// The strongSwan swanctl.conf reader: every line in a category, unknown lines
// with a span and a reason, secrets never in a message, charon's defaults
// where a key is absent, the registry's strongSwan spellings, and the round
// trip ASA -> swanctl.conf -> intent (equal up to what the writer reports as
// lossy).
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>

#include "asa/asa_intent.h"
#include "asa/asa_reader.h"
#include "common/dialect_detect.h"
#include "common/ipv4.h"
#include "model/intent_compare.h"
#include "swanctl/swanctl_intent.h"
#include "swanctl/swanctl_reader.h"
#include "swanctl/swanctl_values.h"
#include "swanctl/swanctl_writer.h"
#include "roundtrip_support.h"
#include "prerequisites.h"
#include "test_support.h"
#include "translate/translate_job.h"

namespace ikeshift {
namespace {

using test::expect_equal_but_lossy;

struct Read {
  swanctl::ParseResult parsed;
  model::Intent intent;
};

Read read(const std::string& text, const std::string& name = "test.conf") {
  text::SourceText src(name, text);
  Read r;
  r.parsed = swanctl::read_swanctl(src);
  r.intent = model::derive_intent(r.parsed.config, name);
  return r;
}

std::string all_findings(const std::vector<Finding>& v) {
  std::string s;
  for (const auto& f : v) s += format_finding(f);
  return s;
}

bool has_code(const std::vector<Finding>& v, const std::string& code) {
  for (const auto& f : v)
    if (f.code == code) return true;
  return false;
}

const char* kSite =
    "# site A\n"
    "connections {\n"
    "  gw-gw {\n"
    "    version = 2\n"
    "    local_addrs = 192.0.2.1\n"
    "    remote_addrs = 198.51.100.2\n"
    "    proposals = aes256-sha256-modp2048, aes128-sha1-modp1024\n"
    "    rekey_time = 24h\n"
    "    dpd_delay = 30s\n"
    "    mobike = no\n"
    "    local {\n"
    "      auth = psk\n"
    "      id = 192.0.2.1\n"
    "    }\n"
    "    remote {\n"
    "      auth = psk\n"
    "    }\n"
    "    children {\n"
    "      net {\n"
    "        local_ts = 10.1.0.0/16\n"
    "        remote_ts = 10.2.0.0/24, 10.3.0.1-10.3.0.9[tcp/443]\n"
    "        esp_proposals = aes256gcm16-modp2048\n"
    "        rekey_time = 8h\n"
    "        rekey_bytes = 1048576\n"
    "        start_action = trap\n"
    "        updown = /usr/local/libexec/ipsec/_updown iptables\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "}\n"
    "\n"
    "secrets {\n"
    "  ike-1 {\n"
    "    id-a = 192.0.2.1\n"
    "    id-b = 198.51.100.2\n"
    "    secret = \"s3cr3t#not-a-comment\"\n"
    "  }\n"
    "}\n";

TEST(SwanctlReader, EveryLineHasACategoryAndTheIntentIsComplete) {
  Read r = read(kSite);
  EXPECT_EQ(r.parsed.stats.lines, 38u);
  EXPECT_EQ(r.parsed.stats.unknown, 0u);
  EXPECT_EQ(r.parsed.stats.comments, 1u);
  EXPECT_EQ(r.parsed.stats.blank, 1u);
  EXPECT_EQ(r.parsed.stats.ignored, 2u);  // mobike, updown
  ASSERT_EQ(r.intent.tunnels.size(), 1u) << all_findings(r.intent.findings);
  const model::Tunnel& t = r.intent.tunnels[0];
  EXPECT_EQ(r.intent.dialect, "swanctl");
  EXPECT_EQ(t.map, "gw-gw");
  EXPECT_TRUE(t.ikev2);
  EXPECT_FALSE(t.ikev1);
  EXPECT_EQ(t.local_address, parse_ipv4("192.0.2.1"));
  ASSERT_EQ(t.peers.size(), 1u);
  EXPECT_EQ(t.peers[0], *parse_ipv4("198.51.100.2"));
  ASSERT_EQ(t.ikev2_proposals.size(), 2u);
  EXPECT_EQ(t.ikev2_proposals[0].encryption[0]->id, "aes-cbc-256");
  EXPECT_EQ(t.ikev2_proposals[0].integrity[0]->id, "hmac-sha2-256-128");
  EXPECT_EQ(t.ikev2_proposals[0].prf[0]->id, "prf-hmac-sha2-256");  // charon's PRF from the integrity
  EXPECT_EQ(t.ikev2_proposals[1].dh_groups[0]->id, "modp1024");
  EXPECT_EQ(t.ikev2_proposals[0].lifetime_seconds, 86400u);
  EXPECT_EQ(t.ikev2_proposals[1].span.line, 7u);
  EXPECT_EQ(t.ikev2_proposals[1].span.col, 41u);
  ASSERT_EQ(t.esp_v2.size(), 1u);
  EXPECT_EQ(t.esp_v2[0].encryption[0]->id, "aes-gcm-256");
  EXPECT_TRUE(t.esp_v2[0].integrity.empty());
  ASSERT_NE(t.pfs_group, nullptr);
  EXPECT_EQ(t.pfs_group->id, "modp2048");
  EXPECT_EQ(t.lifetime_seconds, 28800u);
  EXPECT_EQ(t.lifetime_kilobytes, 1024u);
  EXPECT_EQ(t.connection_type, "bidirectional");
  EXPECT_TRUE(t.dpd.enabled);
  EXPECT_EQ(t.dpd.threshold_seconds, 30u);
  EXPECT_EQ(t.local_identity.type, model::IkeIdentity::Type::Address);
  EXPECT_EQ(t.local_identity.value, "");  // its own address
  EXPECT_FALSE(t.remote_identity.has_value());
  ASSERT_TRUE(t.psk.ikev2_local && t.psk.ikev2_remote);
  EXPECT_EQ(t.psk.ikev2_local->reveal(), "s3cr3t#not-a-comment");
  EXPECT_TRUE(t.psk.ikev2_local->equals(*t.psk.ikev2_remote));
  EXPECT_EQ(t.spans.ikev2_local_psk.line, 36u);
  ASSERT_EQ(t.selectors.size(), 2u);
  EXPECT_EQ(t.selectors[0].local.addresses.first, *parse_ipv4("10.1.0.0"));
  EXPECT_EQ(t.selectors[0].local.addresses.last, *parse_ipv4("10.1.255.255"));
  EXPECT_EQ(t.selectors[1].remote.addresses.first, *parse_ipv4("10.3.0.1"));
  EXPECT_EQ(t.selectors[1].remote.protocol, 6);
  EXPECT_EQ(t.selectors[1].remote.port_first, 443);
  EXPECT_EQ(t.selectors[1].remote.port_last, 443);
  EXPECT_FALSE(r.intent.has_errors()) << all_findings(r.intent.findings);
}

TEST(SwanctlReader, UnknownLinesHaveASpanAndAReasonAndNeverTheSecret) {
  const std::string text =
      "connections {\n"
      "  c {\n"
      "    remote_adrs = 198.51.100.2\n"   // typo
      "    local {\n"
      "      auth = psk\n"
      "    }\n"
      "    bogus {\n"
      "      x = 1\n"
      "    }\n"
      "  }\n"
      "}\n"
      "}\n"
      "secrets {\n"
      "  ike {\n"
      "    secret = \"topsecret\n"        // unterminated quote
      "  }\n"
      "}\n";
  text::SourceText src("bad.conf", text);
  swanctl::ParseResult p = swanctl::read_swanctl(src);
  ASSERT_EQ(p.unknown.size(), 6u);
  EXPECT_EQ(p.unknown[0].span.line, 3u);
  EXPECT_EQ(p.unknown[0].span.col, 5u);
  EXPECT_NE(p.unknown[0].reason.find("`remote_adrs` is not a setting of connections.<conn>"), std::string::npos);
  EXPECT_NE(p.unknown[0].reason.find("remote_addrs"), std::string::npos);  // the hint lists the right key
  EXPECT_EQ(p.unknown[1].span.line, 7u);
  EXPECT_NE(p.unknown[1].reason.find("`bogus` is not a section"), std::string::npos);
  EXPECT_EQ(p.unknown[2].span.line, 8u);
  EXPECT_EQ(p.unknown[3].span.line, 9u);
  EXPECT_EQ(p.unknown[4].span.line, 12u);
  EXPECT_NE(p.unknown[4].reason.find("closes no open section"), std::string::npos);
  EXPECT_EQ(p.unknown[5].span.line, 15u);
  EXPECT_NE(p.unknown[5].reason.find("quoted value"), std::string::npos);
  for (const auto& u : p.unknown) EXPECT_EQ(u.reason.find("topsecret"), std::string::npos) << u.reason;
  EXPECT_EQ(p.stats.unknown, 6u);
  EXPECT_EQ(p.stats.lines, p.stats.modelled + p.stats.ignored + p.stats.unknown + p.stats.blank + p.stats.comments);
}

TEST(SwanctlReader, InputChecksNameTheProblemWithAPlace) {
  auto check = [](const std::string& text) {
    text::SourceText src("in.conf", text);
    return swanctl::check_swanctl_input(src, swanctl::read_swanctl(src));
  };
  EXPECT_NE(check("")->message.find("empty input"), std::string::npos);
  auto truncated = check("connections {\n  c {\n    version = 2\n");
  ASSERT_TRUE(truncated);
  EXPECT_EQ(truncated->span.line, 2u);
  EXPECT_NE(truncated->message.find("truncated"), std::string::npos);
  auto none = check("secrets {\n  ike { secret = x }\n}\n");
  ASSERT_TRUE(none);
  EXPECT_NE(none->message.find("no `connections"), std::string::npos);
  auto asa = check("ASA Version 9.8(2)\nhostname a\ntunnel-group 1.2.3.4 type ipsec-l2l\n");
  ASSERT_TRUE(asa);
  EXPECT_NE(asa->message.find("Cisco ASA syntax"), std::string::npos);
  EXPECT_FALSE(check(kSite));
}

TEST(SwanctlReader, CharonDefaultsApplyWhereAKeyIsAbsentAndAreReported) {
  Read r = read(
      "connections {\n"
      "  min {\n"
      "    remote_addrs = 198.51.100.2\n"
      "    proposals = aes128-sha256-ecp256\n"
      "    local { auth = psk }\n"
      "    remote { auth = psk }\n"
      "    children {\n"
      "      c { esp_proposals = aes128-sha256\n local_ts = 10.0.0.0/24 }\n"
      "    }\n"
      "  }\n"
      "}\n"
      "secrets { ike { secret = 0x6b6579 } }\n");
  ASSERT_EQ(r.parsed.stats.unknown, 0u);
  ASSERT_EQ(r.intent.tunnels.size(), 1u) << all_findings(r.intent.findings);
  const model::Tunnel& t = r.intent.tunnels[0];
  EXPECT_TRUE(t.ikev1 && t.ikev2);  // version 0
  EXPECT_FALSE(t.local_address.has_value());
  EXPECT_EQ(t.ikev2_proposals[0].lifetime_seconds, model::kSwanctlDefaultIkeRekeySeconds);
  EXPECT_EQ(t.lifetime_seconds, model::kSwanctlDefaultChildRekeySeconds);
  EXPECT_EQ(t.lifetime_kilobytes, 0u);
  EXPECT_FALSE(t.dpd.enabled);
  EXPECT_EQ(t.connection_type, "answer-only");
  EXPECT_EQ(t.pfs_group, nullptr);
  ASSERT_EQ(t.selectors.size(), 1u);  // remote_ts dynamic: the peer's address
  EXPECT_EQ(t.selectors[0].remote.addresses.first, *parse_ipv4("198.51.100.2"));
  EXPECT_EQ(t.selectors[0].remote.addresses.last, *parse_ipv4("198.51.100.2"));
  ASSERT_TRUE(t.psk.ikev1);
  EXPECT_EQ(t.psk.ikev1->reveal(), "key");  // a secret without ids matches every connection
  size_t defaults = 0;
  for (const auto& f : r.intent.findings) defaults += f.code == "INTENT-DEFAULT-ASSUMED";
  EXPECT_GE(defaults, 5u) << all_findings(r.intent.findings);
}

TEST(SwanctlReader, WhatTheIntentCannotHoldIsAFindingNotAGuess) {
  Read r = read(
      "connections {\n"
      "  rw {\n"
      "    remote_addrs = %any\n"
      "  }\n"
      "  cert {\n"
      "    remote_addrs = 198.51.100.2\n"
      "    proposals = aes256gcm16-ecp384\n"
      "    local { auth = pubkey\n certs = a.pem }\n"
      "    remote { auth = psk\n id = \"C=CH, CN=peer\" }\n"
      "    children { c { local_ts = 2001:db8::/32 } }\n"
      "  }\n"
      "}\n");
  ASSERT_EQ(r.intent.tunnels.size(), 1u);
  EXPECT_TRUE(has_code(r.intent.findings, "INTENT-NO-PEER"));
  EXPECT_TRUE(has_code(r.intent.findings, "INTENT-UNSUPPORTED"));
  EXPECT_TRUE(has_code(r.intent.findings, "INTENT-UNKNOWN-ALGORITHM"));  // AEAD IKE without a PRF
  EXPECT_TRUE(has_code(r.intent.findings, "INTENT-BAD-SELECTOR"));
  EXPECT_TRUE(has_code(r.intent.findings, "INTENT-DEFAULT-PROPOSAL"));
  EXPECT_TRUE(has_code(r.intent.findings, "INTENT-NO-KEY"));
  EXPECT_TRUE(r.intent.has_errors());
}

TEST(SwanctlReader, AKeyPerDirectionIsReadAsTheWriterWritesIt) {
  Read r = read(
      "connections {\n"
      "  a {\n"
      "    version = 2\n    local_addrs = 192.0.2.1\n    remote_addrs = 198.51.100.2\n"
      "    proposals = aes256-sha256-modp2048\n"
      "    local { auth = psk\n id = @a.example }\n"
      "    remote { auth = psk\n id = keyid:peer-b }\n"
      "    children { c { esp_proposals = aes256-sha256 } }\n"
      "  }\n"
      "}\n"
      "secrets {\n"
      "  ike-a-local { id = keyid:peer-b\n secret = 0sbG9jYWwta2V5 }\n"
      "  ike-a-remote { id = a.example\n secret = remote-key }\n"
      "}\n");
  ASSERT_EQ(r.intent.tunnels.size(), 1u);
  const model::Tunnel& t = r.intent.tunnels[0];
  EXPECT_EQ(t.local_identity.type, model::IkeIdentity::Type::Fqdn);
  EXPECT_EQ(t.local_identity.value, "a.example");
  ASSERT_TRUE(t.remote_identity);
  EXPECT_EQ(t.remote_identity->type, model::IkeIdentity::Type::KeyId);
  EXPECT_EQ(t.remote_identity->value, "peer-b");
  ASSERT_TRUE(t.psk.ikev2_local && t.psk.ikev2_remote) << all_findings(r.intent.findings);
  EXPECT_EQ(t.psk.ikev2_remote->reveal(), "remote-key");
  EXPECT_FALSE(t.psk.ikev2_local->equals(*t.psk.ikev2_remote));
}

TEST(SwanctlReader, DetectionAndReadIntentKnowSwanctl) {
  text::SourceText src("x.conf", kSite);
  EXPECT_EQ(detect_dialect(src).dialect, ConfigDialect::Swanctl);
  EXPECT_EQ(parse_dialect("swanctl"), ConfigDialect::Swanctl);
  translate::ReadIntent in = translate::read_intent(src, std::nullopt, "x.conf");
  ASSERT_TRUE(in.intent);
  EXPECT_EQ(in.dialect, ConfigDialect::Swanctl);
  EXPECT_EQ(in.intent->tunnels.size(), 1u);
  // The other dialects' checks name swanctl.conf.
  translate::ReadIntent as_ios = translate::read_intent(src, ConfigDialect::Ios, "x.conf");
  ASSERT_TRUE(as_ios.input_error);
  EXPECT_NE(as_ios.input_error->message.find("strongSwan swanctl.conf syntax"), std::string::npos);
}

class SwanctlRoundTrip : public ::testing::TestWithParam<const char*> {};

TEST_P(SwanctlRoundTrip, AsaToSwanctlKeepsTheIntent) {
  const std::string text = test::read_file(test::fixture(GetParam()));
  text::SourceText asa_src(GetParam(), text);
  auto parsed = asa::read_asa(asa_src);
  const model::Intent original = model::derive_intent(parsed.config, GetParam());
  ASSERT_FALSE(original.tunnels.empty());
  translate::WriteResult w = swanctl::write_swanctl(original, {});
  Read back = read(w.text, "via.conf");
  for (const auto& u : back.parsed.unknown) ADD_FAILURE() << u.span.line << ": " << u.reason;
  EXPECT_FALSE(back.intent.has_errors()) << all_findings(back.intent.findings) << w.text;
  expect_equal_but_lossy(original, back.intent, w.lossy_fields, "swanctl.conf:\n" + w.text);
  // And swanctl.conf written from its own intent reads back the same.
  translate::WriteResult again = swanctl::write_swanctl(back.intent, {});
  Read twice = read(again.text, "again.conf");
  for (const auto& d : model::compare_intents(back.intent, twice.intent)) ADD_FAILURE() << model::describe(d) << "\n" << again.text;
  EXPECT_EQ(w.text.substr(w.text.find('\n')), again.text.substr(again.text.find('\n')));
}

INSTANTIATE_TEST_SUITE_P(Fixtures, SwanctlRoundTrip,
                         ::testing::Values("seed004/asa1.expected.cfg", "seed004/asa2.expected.cfg",
                                           "migrate/several-tunnels.expected.cfg", "seed004/asa1.cfg"));

}  // namespace
}  // namespace ikeshift

namespace ikeshift {
namespace {

// strongSwan's own swanctl.conf (Debian's strongswan-swanctl, which .ci/setup
// installs) documents every section and key as commented-out settings. With
// the setting lines uncommented (the prose left out), the reader knows every
// one of them: none is unknown, so the schema matches strongSwan 5.9's.
TEST(SwanctlReader, EveryKeyStrongswanDocumentsIsKnown) {
  const std::filesystem::path stock = "/etc/swanctl/swanctl.conf";
  IKS_REQUIRE(std::filesystem::exists(stock) ? std::string() : stock.string() + " is missing (install strongswan-swanctl)");
  std::string text;
  size_t settings = 0;
  for (const std::string& line : test::lines_of(test::read_file(stock))) {
    const size_t hash = line.find('#');
    if (hash == std::string::npos || line.find_first_not_of(" \t") != hash) {
      text += line + "\n";
      continue;
    }
    std::string body = line.substr(0, hash) + line.substr(line.size() > hash + 1 && line[hash + 1] == ' ' ? hash + 2 : hash + 1);
    static const std::regex setting(R"(^\s*[A-Za-z0-9_<>.-]+\s*=.*$)"), open(R"(^\s*[A-Za-z0-9_<>.-]+\s*\{\s*$)"),
        close(R"(^\s*\}\s*$)");
    if (std::regex_match(body, setting)) ++settings;
    if (std::regex_match(body, setting) || std::regex_match(body, open) || std::regex_match(body, close)) text += body + "\n";
  }
  text::SourceText src("swanctl.conf", text);
  const swanctl::ParseResult p = swanctl::read_swanctl(src);
  EXPECT_GT(settings, 120u) << "the stock file documents far more keys than this";
  for (const auto& u : p.unknown) ADD_FAILURE() << u.span.line << ": " << u.reason << ": " << src.line(u.line);
  EXPECT_GT(p.stats.modelled, 20u);
  EXPECT_GT(p.stats.ignored, 100u);
  // The defaults the intent derivation assumes are the ones strongSwan documents.
  const swanctl::Section* conns = p.config.root.section("connections");
  ASSERT_NE(conns, nullptr);
  const swanctl::Section* conn = conns->section("<conn>");
  ASSERT_NE(conn, nullptr);
  auto value = [](const swanctl::Section* sec, const char* key) {
    const swanctl::Setting* st = sec == nullptr ? nullptr : sec->setting(key);
    return st == nullptr ? std::string("(absent)") : st->value.text;
  };
  EXPECT_EQ(value(conn, "version"), "0");
  EXPECT_EQ(value(conn, "local_addrs"), "%any");
  EXPECT_EQ(value(conn, "remote_addrs"), "%any");
  EXPECT_EQ(value(conn, "proposals"), "default");
  EXPECT_EQ(swanctl::parse_time(value(conn, "rekey_time")), model::kSwanctlDefaultIkeRekeySeconds);
  EXPECT_EQ(swanctl::parse_time(value(conn, "dpd_delay")), 0u);
  EXPECT_EQ(value(conn->section("local<suffix>"), "auth"), "pubkey");
  EXPECT_EQ(value(conn->section("remote<suffix>"), "id"), "%any");
  const swanctl::Section* children = conn->section("children");
  const swanctl::Section* child = children == nullptr ? nullptr : children->section("<child>");
  ASSERT_NE(child, nullptr);
  EXPECT_EQ(swanctl::parse_time(value(child, "rekey_time")), model::kSwanctlDefaultChildRekeySeconds);
  EXPECT_EQ(value(child, "rekey_bytes"), "0");
  EXPECT_EQ(value(child, "esp_proposals"), "default");
  EXPECT_EQ(value(child, "local_ts"), "dynamic");
  EXPECT_EQ(value(child, "remote_ts"), "dynamic");
  EXPECT_EQ(value(child, "mode"), "tunnel");
  EXPECT_EQ(value(child, "start_action"), "none");
}

}  // namespace
}  // namespace ikeshift
