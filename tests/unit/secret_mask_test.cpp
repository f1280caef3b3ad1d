// Masking of secrets in ASA (and a few IOS) configuration lines: every form is
// hidden, every other byte stays, and lines without a secret are untouched.
#include "asa/secret_mask.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace ikeshift::asa {
namespace {

struct Case {
  std::string in;
  std::string out;
};

TEST(SecretMask, MasksEveryForm) {
  const std::vector<Case> cases = {
      // tunnel-group ipsec-attributes, 8.4+ and pre-8.4
      {" ikev1 pre-shared-key S3cr3t!", " ikev1 pre-shared-key *****"},
      {" pre-shared-key S3cr3t!", " pre-shared-key *****"},
      {" pre-shared-key hex 0a1b2c3d", " pre-shared-key hex *****"},
      {" ikev1 pre-shared-key hex 0A1B", " ikev1 pre-shared-key hex *****"},
      // IKEv2, with and without the encryption type
      {" ikev2 local-authentication pre-shared-key L0cal", " ikev2 local-authentication pre-shared-key *****"},
      {" ikev2 remote-authentication pre-shared-key R3m", " ikev2 remote-authentication pre-shared-key *****"},
      {" ikev2 local-authentication pre-shared-key 0 L0cal", " ikev2 local-authentication pre-shared-key 0 *****"},
      {" ikev2 remote-authentication pre-shared-key 8 enc==", " ikev2 remote-authentication pre-shared-key 8 *****"},
      {" ikev2 remote-authentication pre-shared-key hex ab12", " ikev2 remote-authentication pre-shared-key hex *****"},
      // a key that looks like an encryption type is still a key
      {" ikev2 local-authentication pre-shared-key 8", " ikev2 local-authentication pre-shared-key *****"},
      // case-insensitive keywords, indentation and separators kept
      {"  IKEv1 Pre-Shared-Key\tKey", "  IKEv1 Pre-Shared-Key\t*****"},
      {" ikev1 pre-shared-key key with blanks  ", " ikev1 pre-shared-key *****  "},
      // passwords
      {"enable password 8Ry2YjIyt7RRXU24 encrypted", "enable password ***** encrypted"},
      {"enable password $sha512$5000$abc pbkdf2", "enable password ***** pbkdf2"},
      {"enable password cisco level 15", "enable password ***** level 15"},
      {"passwd 2KFQnbNIdI.2KYOU encrypted", "passwd ***** encrypted"},
      {"passwd cisco", "passwd *****"},
      {"username admin password xyz privilege 15", "username admin password ***** privilege 15"},
      {"username admin password xyz encrypted privilege 15", "username admin password ***** encrypted privilege 15"},
      {"username bob password $sha512$x pbkdf2", "username bob password ***** pbkdf2"},
      {"username bob password abc nt-encrypted", "username bob password ***** nt-encrypted"},
      {"username bob password 0 privilege 15", "username bob password ***** privilege 15"},
      {"username rtr secret 5 $1$abc", "username rtr secret 5 *****"},
      // aaa-server host sub-command and key chains
      {" key radiusKey", " key *****"},
      {" key-string 7 0822455D0A16", " key-string 7 *****"},
      {"aaa-server TAC (inside) host 10.1.1.1 tacKey timeout 5", "aaa-server TAC (inside) host 10.1.1.1 ***** timeout 5"},
      // SNMP
      {"snmp-server host inside 10.1.1.5 community public version 2c",
       "snmp-server host inside 10.1.1.5 community ***** version 2c"},
      {"snmp-server host inside 10.1.1.5 community 0 public", "snmp-server host inside 10.1.1.5 community 0 *****"},
      {"snmp-server community private", "snmp-server community *****"},
      {"snmp-server community 8 enc== ", "snmp-server community 8 ***** "},
      {"snmp-server community ro RO", "snmp-server community ***** RO"},
      {"snmp-server user u1 g1 v3 auth sha authPass priv aes 128 privPass",
       "snmp-server user u1 g1 v3 auth sha ***** priv aes 128 *****"},
      // LDAP
      {" ldap-login-password LdapPw", " ldap-login-password *****"},
      // IOS
      {"crypto isakmp key IosKey address 192.0.2.1", "crypto isakmp key ***** address 192.0.2.1"},
      {"crypto isakmp key 6 EncKey address 192.0.2.1", "crypto isakmp key 6 ***** address 192.0.2.1"},
      {"crypto isakmp key 6 address 192.0.2.1", "crypto isakmp key ***** address 192.0.2.1"},
      {"isakmp key PixKey address 192.0.2.1 netmask 255.255.255.255",
       "isakmp key ***** address 192.0.2.1 netmask 255.255.255.255"},
      {" pre-shared-key address 192.0.2.1 key KrKey", " pre-shared-key address 192.0.2.1 key *****"},
      {" pre-shared-key address 0.0.0.0 0.0.0.0 key 0 KrKey", " pre-shared-key address 0.0.0.0 0.0.0.0 key 0 *****"},
      {" pre-shared-key local LKey", " pre-shared-key local *****"},
      {" authentication remote pre-share key RKey", " authentication remote pre-share key *****"},
      // other common secrets
      {"failover key fKey", "failover key *****"},
      {"failover key hex 0011aabb", "failover key hex *****"},
      {"ntp authentication-key 1 md5 NtpKey", "ntp authentication-key 1 md5 *****"},
      {" ospf message-digest-key 1 md5 OspfKey", " ospf message-digest-key 1 md5 *****"},
      // a line handed over with its line ending keeps it
      {" ikev1 pre-shared-key K\r\n", " ikev1 pre-shared-key *****\r\n"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(mask_asa_secrets(c.in), c.out) << c.in;
    EXPECT_TRUE(line_has_asa_secret(c.in)) << c.in;
    // Masking is idempotent and a masked line holds no secret any more.
    EXPECT_EQ(mask_asa_secrets(c.out), c.out) << c.out;
    EXPECT_FALSE(line_has_asa_secret(c.out)) << c.out;
  }
}

TEST(SecretMask, LeavesOtherLinesUnchanged) {
  const std::vector<std::string> lines = {
      "",
      "   ",
      "tunnel-group 192.0.2.1 type ipsec-l2l",
      "tunnel-group 192.0.2.1 ipsec-attributes",
      " ikev1 pre-shared-key *****",
      " ikev2 local-authentication certificate ASDM_TrustPoint0",
      " ikev2 remote-authentication certificate",
      " authentication pre-share",
      "crypto ikev1 policy 10",
      "crypto map outside_map 1 set ikev1 transform-set ESP-AES-SHA",
      "crypto isakmp identity address",
      "username admin attributes",
      "username nopw nopassword privilege 15",
      "enable",
      "snmp-server enable traps snmp authentication",
      "snmp-server location DC1",
      "aaa-server TAC protocol tacacs+",
      "aaa-server TAC (inside) host 10.1.1.1",
      "aaa-server TAC (inside) host 10.1.1.1 timeout 5",
      "access-list OUT remark ikev1 pre-shared-key rotated 2024",
      " description pre-shared-key changed; key cisco",
      "interface GigabitEthernet0/0",
      " nameif outside",
      "ikev2 remote-authentication pre-shared-key",  // no value: nothing to hide
      ": Saved",
      "\xff\xfe non-UTF-8 \x80 line",
  };
  for (const auto& l : lines) {
    EXPECT_EQ(mask_asa_secrets(l), l) << l;
    EXPECT_FALSE(line_has_asa_secret(l)) << l;
  }
}

}  // namespace
}  // namespace ikeshift::asa
