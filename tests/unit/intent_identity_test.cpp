// The local IKE identity from `crypto isakmp identity`, read from real ASA text:
// the grammar, the model and the intent together.
#include <gtest/gtest.h>

#include <string>

#include "asa/asa_reader.h"
#include "asa/asa_intent.h"
#include "model/intent.h"
#include "test_support.h"

namespace ikeshift::model {
namespace {

// The seed 004 device with `extra` inserted before the crypto lines.
Intent intent_with(const std::string& extra, asa::ParseResult* parsed_out = nullptr) {
  std::string cfg = test::read_file(test::fixture("seed004/asa1.cfg"));
  size_t at = cfg.find("crypto isakmp disconnect-notify");
  cfg.insert(at, extra);
  text::SourceText src("asa1.cfg", cfg);
  asa::ParseResult parsed = asa::read_asa(src);
  EXPECT_TRUE(parsed.unknown.empty()) << parsed.unknown.front().reason;
  Intent intent = derive_intent(parsed.config, "asa1.cfg");
  if (parsed_out != nullptr) *parsed_out = std::move(parsed);
  return intent;
}

TEST(IntentIdentity, DefaultIsTheAddress) {
  Intent i = intent_with("");
  ASSERT_EQ(i.tunnels.size(), 1u);
  EXPECT_EQ(i.tunnels[0].local_identity.type, IkeIdentity::Type::Address);
  EXPECT_TRUE(i.tunnels[0].local_identity.value.empty());
  EXPECT_FALSE(i.tunnels[0].local_identity.span.valid());
  EXPECT_FALSE(i.tunnels[0].remote_identity.has_value());
}

TEST(IntentIdentity, AutoAndAddressAreTheAddress) {
  for (const char* kind : {"auto", "address", "ADDRESS"}) {
    Intent i = intent_with(std::string("crypto isakmp identity ") + kind + "\n");
    EXPECT_EQ(i.tunnels.at(0).local_identity.type, IkeIdentity::Type::Address) << kind;
    EXPECT_TRUE(i.tunnels.at(0).local_identity.span.valid()) << kind;
  }
}

TEST(IntentIdentity, HostnameIsTheFqdnWithTheDomainName) {
  asa::ParseResult parsed;
  Intent i = intent_with("domain-name lab.example\ncrypto isakmp identity hostname\n", &parsed);
  const IkeIdentity& id = i.tunnels.at(0).local_identity;
  EXPECT_EQ(id.type, IkeIdentity::Type::Fqdn);
  EXPECT_EQ(id.value, "ASA-1.lab.example");
  EXPECT_EQ(id.span.line, 26u);  // 1-based: the identity line, after domain-name on 25
  ASSERT_TRUE(parsed.config.domain_name.has_value());
  EXPECT_EQ(parsed.config.domain_name->text, "lab.example");
}

TEST(IntentIdentity, HostnameWithoutDomainIsTheHostname) {
  Intent i = intent_with("crypto ikev1 identity hostname\n");
  EXPECT_EQ(i.tunnels.at(0).local_identity.type, IkeIdentity::Type::Fqdn);
  EXPECT_EQ(i.tunnels.at(0).local_identity.value, "ASA-1");
}

TEST(IntentIdentity, KeyIdKeepsItsCase) {
  Intent i = intent_with("crypto isakmp identity key-id Branch-17\n");
  EXPECT_EQ(i.tunnels.at(0).local_identity.type, IkeIdentity::Type::KeyId);
  EXPECT_EQ(i.tunnels.at(0).local_identity.value, "Branch-17");
  EXPECT_STREQ(identity_type_name(IkeIdentity::Type::KeyId), "key-id");
}

TEST(IntentIdentity, HostnameIdentityWithoutAHostnameIsAWarning) {
  text::SourceText src("x.cfg",
                       "crypto isakmp identity hostname\n"
                       "crypto map vpn 1 match address A\ncrypto map vpn 1 set peer 192.0.2.2\n");
  asa::ParseResult parsed = asa::read_asa(src);
  Intent i = derive_intent(parsed.config, "x.cfg");
  bool warned = false;
  for (const Finding& f : i.findings) warned |= f.code == "INTENT-IDENTITY-NO-HOSTNAME";
  EXPECT_TRUE(warned);
  ASSERT_FALSE(i.tunnels.empty());
  EXPECT_EQ(i.tunnels[0].local_identity.type, IkeIdentity::Type::Address);
}

}  // namespace
}  // namespace ikeshift::model
