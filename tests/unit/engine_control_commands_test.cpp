// The control socket's command dispatcher (control/control_commands.h) on a
// fake target: no sockets, no engine, no IKE exchange.
#include <gtest/gtest.h>

#include <tuple>
#include <utility>

#include "control/control_commands.h"

namespace ikeshift::engine::control {
namespace {

class FakeTarget final : public ControlTarget {
 public:
  std::vector<ShowIkeSa> sas;
  std::vector<std::pair<uint32_t, std::string>> terminated;
  std::vector<std::pair<uint32_t, uint32_t>> rekeyed;
  bool accept = true;

  std::vector<ShowIkeSa> snapshot() const override { return sas; }
  bool terminate(uint32_t tunnel_id, const std::string& reason) override {
    terminated.emplace_back(tunnel_id, reason);
    return accept;
  }
  bool rekey_child(uint32_t tunnel_id, uint32_t spi_in) override {
    rekeyed.emplace_back(tunnel_id, spi_in);
    return accept;
  }
};

ShowIkeSa sa(uint32_t id, uint32_t peer, std::vector<std::pair<uint32_t, uint32_t>> spis) {
  ShowIkeSa s;
  s.session_id = s.tunnel_id = id;
  s.status = ShowStatus::Ready;
  s.local = {0xC0000201, 4500};  // 192.0.2.1
  s.remote = {peer, 4500};
  for (auto [in, out] : spis) {
    ShowChildSa c;
    c.spi_in = in;
    c.spi_out = out;
    s.children.push_back(c);
  }
  return s;
}

bool is_error(const std::string& answer) { return answer.rfind("ERROR: ", 0) == 0; }

class Dispatcher : public ::testing::Test {
 protected:
  void SetUp() override {
    target_.sas = {sa(1, 0xC0000202, {{0xc8f01a8e, 0xcb1d1e4b}}),  // 192.0.2.2
                   sa(4, 0xC0000203, {{0x00000abc, 0x11111111}, {0xdeadbeef, 0x22222222}})};  // 192.0.2.3
  }
  std::string ask(const std::string& command) { return answer_command(command, target_); }
  FakeTarget target_;
};

TEST_F(Dispatcher, ShowCommandsKeepTheirTexts) {
  EXPECT_EQ(ask("show ikev2-sa"), format_ikev2_sa(target_.sas, false));
  EXPECT_EQ(ask("  show   ikev2-sa   detail "), format_ikev2_sa(target_.sas, true));
  EXPECT_EQ(ask("show ipsec-sa"), format_ipsec_sa(target_.sas));
  EXPECT_TRUE(is_error(ask("show ikev2-sa brief")));
  EXPECT_TRUE(is_error(ask("show")));
  EXPECT_TRUE(target_.terminated.empty());
  EXPECT_TRUE(target_.rekeyed.empty());
}

TEST_F(Dispatcher, ClearAllTerminatesEverySaWithTheOperatorReason) {
  std::string answer = ask("clear ikev2-sa");
  ASSERT_FALSE(is_error(answer)) << answer;
  ASSERT_EQ(target_.terminated.size(), 2u);
  EXPECT_EQ(target_.terminated[0], std::make_pair(1u, std::string("operator request")));
  EXPECT_EQ(target_.terminated[1].first, 4u);
  EXPECT_NE(answer.find("Clearing IKEv2 SA tunnel-id 1 (192.0.2.1:4500 - 192.0.2.2:4500)"), std::string::npos)
      << answer;
  EXPECT_NE(answer.find("tunnel-id 4"), std::string::npos) << answer;
}

TEST_F(Dispatcher, ClearOneByTunnelIdOrPeerAddress) {
  std::string answer = ask("clear ikev2-sa 4");
  ASSERT_EQ(target_.terminated.size(), 1u) << answer;
  EXPECT_EQ(target_.terminated[0].first, 4u);
  EXPECT_EQ(answer.find("tunnel-id 1 "), std::string::npos) << answer;

  target_.terminated.clear();
  answer = ask("clear ikev2-sa 192.0.2.2");
  ASSERT_EQ(target_.terminated.size(), 1u) << answer;
  EXPECT_EQ(target_.terminated[0].first, 1u);
}

TEST_F(Dispatcher, ClearRefusesUnknownSasAndJunk) {
  EXPECT_TRUE(is_error(ask("clear ikev2-sa 2")));
  EXPECT_TRUE(is_error(ask("clear ikev2-sa 192.0.2.99")));
  EXPECT_TRUE(is_error(ask("clear ikev2-sa 0")));
  EXPECT_TRUE(is_error(ask("clear ikev2-sa 99999999999")));
  EXPECT_TRUE(is_error(ask("clear ikev2-sa -1")));
  EXPECT_TRUE(is_error(ask("clear ikev2-sa 1 2")));
  EXPECT_TRUE(target_.terminated.empty());
}

TEST_F(Dispatcher, ClearWithNoSasSaysSo) {
  target_.sas.clear();
  EXPECT_EQ(ask("clear ikev2-sa"), "There are no IKEv2 SAs\n");
  EXPECT_TRUE(target_.terminated.empty());
}

TEST_F(Dispatcher, ClearReportsAnSaTheEngineNoLongerKnows) {
  target_.accept = false;
  std::string answer = ask("clear ikev2-sa 1");
  EXPECT_FALSE(is_error(answer));
  EXPECT_NE(answer.find("Not cleared"), std::string::npos) << answer;
}

TEST_F(Dispatcher, RekeyChildFindsTheSaHoldingTheInboundSpi) {
  std::string answer = ask("rekey child 0xDEADBEEF");
  ASSERT_FALSE(is_error(answer)) << answer;
  ASSERT_EQ(target_.rekeyed.size(), 1u);
  EXPECT_EQ(target_.rekeyed[0], std::make_pair(4u, 0xdeadbeefu));
  EXPECT_NE(answer.find("0xdeadbeef/0x22222222"), std::string::npos) << answer;

  target_.rekeyed.clear();
  answer = ask("rekey child c8f01a8e");  // as `show ... detail` prints it, without 0x
  ASSERT_EQ(target_.rekeyed.size(), 1u) << answer;
  EXPECT_EQ(target_.rekeyed[0], std::make_pair(1u, 0xc8f01a8eu));

  target_.rekeyed.clear();
  ask("rekey child abc");  // leading zeros are not required
  ASSERT_EQ(target_.rekeyed.size(), 1u);
  EXPECT_EQ(target_.rekeyed[0].second, 0xabcu);
}

TEST_F(Dispatcher, RekeyChildRefusesUnknownOutboundAndMalformedSpis) {
  EXPECT_TRUE(is_error(ask("rekey child 0x12345678")));  // nobody's
  EXPECT_TRUE(is_error(ask("rekey child 0xcb1d1e4b")));  // an outbound SPI
  EXPECT_TRUE(is_error(ask("rekey child 0x")));
  EXPECT_TRUE(is_error(ask("rekey child 0x123456789")));  // 33+ bits
  EXPECT_TRUE(is_error(ask("rekey child xyz")));
  EXPECT_TRUE(is_error(ask("rekey child")));
  EXPECT_TRUE(is_error(ask("rekey ike 1")));
  EXPECT_TRUE(target_.rekeyed.empty());
  target_.accept = false;
  EXPECT_TRUE(is_error(ask("rekey child 0xc8f01a8e")));
}

TEST_F(Dispatcher, UnknownCommandListsTheCommands) {
  std::string answer = ask("reboot");
  ASSERT_TRUE(is_error(answer));
  EXPECT_NE(answer.find("clear ikev2-sa"), std::string::npos);
  EXPECT_NE(answer.find("rekey child SPI"), std::string::npos);
  EXPECT_TRUE(is_error(ask("")));
}

// ---- IKEv1 and the tunnel manager ----------------------------------------------

TEST_F(Dispatcher, AnIkev2OnlyTargetRefusesTheTunnelManagerAndHasNoIkev1Sas) {
  EXPECT_EQ(ask("show ikev1-sa"), "There are no IKEv1 SAs\n");
  EXPECT_EQ(ask("clear ikev1-sa"), "There are no IKEv1 SAs\n");
  EXPECT_EQ(ask("initiate vpn 12"), "ERROR: this engine has no tunnel manager\n");
  EXPECT_EQ(ask("show tunnel-manager"), "ERROR: this engine has no tunnel manager\n");
  EXPECT_TRUE(is_error(ask("rekey child 0x12345678")));
}

class V1Target final : public ControlTarget {
 public:
  std::vector<ShowIkev1Sa> v1;
  std::vector<ShowIkeSa> v1_ipsec;
  std::vector<std::pair<uint32_t, std::string>> terminated;
  std::vector<std::pair<uint32_t, uint32_t>> rekeyed;
  std::vector<std::tuple<std::string, uint32_t, size_t>> acquired;

  std::vector<ShowIkeSa> snapshot() const override { return {}; }
  bool terminate(uint32_t, const std::string&) override { return false; }
  bool rekey_child(uint32_t, uint32_t) override { return false; }
  std::vector<ShowIkev1Sa> ikev1_snapshot() const override { return v1; }
  std::vector<ShowIkeSa> ikev1_ipsec_snapshot() const override { return v1_ipsec; }
  bool terminate_ikev1(uint32_t id, const std::string& reason) override {
    terminated.emplace_back(id, reason);
    return true;
  }
  bool rekey_ikev1_child(uint32_t id, uint32_t spi_in) override {
    rekeyed.emplace_back(id, spi_in);
    return true;
  }
  std::string initiate(const std::string& map, uint32_t sequence, size_t selector) override {
    acquired.emplace_back(map, sequence, selector);
    return map + " " + std::to_string(sequence) + ": KEY_ACQUIRE dispatched to IKEv2\n";
  }
  std::string tunnel_manager() const override { return "Crypto map vpn seq 12: IKEv2 yes, IKEv1 yes\n"; }
};

class Ikev1Dispatcher : public ::testing::Test {
 protected:
  void SetUp() override {
    ShowIkev1Sa a;
    a.id = 1;
    a.peer_address = 0xC0000202;  // 192.0.2.2
    a.state = "MM_ACTIVE";
    a.active = true;
    ShowIkev1Sa b = a;
    b.id = 3;
    b.peer_address = 0xC0000203;
    b.state = "MM_WAIT_MSG4";
    b.active = false;
    target_.v1 = {a, b};
    ShowIkeSa ipsec = sa(1, 0xC0000202, {{0x0a0b0c0d, 0x01020304}});
    ipsec.ike_version = 1;
    target_.v1_ipsec = {ipsec};
  }
  std::string ask(const std::string& command) { return answer_command(command, target_); }
  V1Target target_;
};

TEST_F(Ikev1Dispatcher, ShowIkev1SaAndTheIpsecSaListing) {
  EXPECT_EQ(ask("show ikev1-sa"), format_ikev1_sa(target_.v1, false));
  EXPECT_EQ(ask("show ikev1-sa  detail"), format_ikev1_sa(target_.v1, true));
  EXPECT_TRUE(is_error(ask("show ikev1-sa brief")));
  const std::string ipsec = ask("show ipsec-sa");
  EXPECT_EQ(ipsec, format_ipsec_sa(target_.v1_ipsec));
  EXPECT_NE(ipsec.find("IKEv1"), std::string::npos) << ipsec;
  EXPECT_EQ(ask("show tunnel-manager"), target_.tunnel_manager());
}

TEST_F(Ikev1Dispatcher, ClearIkev1SaAllByNumberOrByPeer) {
  std::string answer = ask("clear ikev1-sa");
  EXPECT_EQ(answer, "Clearing IKEv1 SA 1 (peer 192.0.2.2)\nClearing IKEv1 SA 3 (peer 192.0.2.3)\n");
  ASSERT_EQ(target_.terminated.size(), 2u);
  EXPECT_EQ(target_.terminated[0], std::make_pair(1u, std::string(kClearReason)));
  target_.terminated.clear();
  EXPECT_EQ(ask("clear ikev1-sa 3"), "Clearing IKEv1 SA 3 (peer 192.0.2.3)\n");
  EXPECT_EQ(ask("clear ikev1-sa 192.0.2.2"), "Clearing IKEv1 SA 1 (peer 192.0.2.2)\n");
  EXPECT_EQ(target_.terminated.size(), 2u);
  EXPECT_TRUE(is_error(ask("clear ikev1-sa 2")));
  EXPECT_TRUE(is_error(ask("clear ikev1-sa 192.0.2.9")));
  EXPECT_TRUE(is_error(ask("clear ikev1-sa peer")));
  EXPECT_EQ(target_.terminated.size(), 2u);
}

TEST_F(Ikev1Dispatcher, InitiateTakesMapSequenceAndAnAclEntryCountedFromOne) {
  EXPECT_EQ(ask("initiate vpn 12"), "vpn 12: KEY_ACQUIRE dispatched to IKEv2\n");
  ask("initiate vpn 12 2");
  ASSERT_EQ(target_.acquired.size(), 2u);
  EXPECT_EQ(target_.acquired[0], std::make_tuple(std::string("vpn"), 12u, size_t{0}));
  EXPECT_EQ(target_.acquired[1], std::make_tuple(std::string("vpn"), 12u, size_t{1}));
  EXPECT_TRUE(is_error(ask("initiate vpn twelve")));
  EXPECT_TRUE(is_error(ask("initiate vpn 12 0")));
  EXPECT_TRUE(is_error(ask("initiate vpn 12 x")));
  EXPECT_TRUE(is_error(ask("initiate vpn")));
  EXPECT_EQ(target_.acquired.size(), 2u);
}

TEST_F(Ikev1Dispatcher, RekeyChildFindsAnIkev1IpsecSa) {
  const std::string answer = ask("rekey child 0a0b0c0d");
  EXPECT_EQ(answer, "Rekeying IPsec SA spi in/out 0xa0b0c0d/0x1020304 of IKEv1 SA 1 (192.0.2.1:4500 - 192.0.2.2:4500)\n");
  ASSERT_EQ(target_.rekeyed.size(), 1u);
  EXPECT_EQ(target_.rekeyed[0], std::make_pair(1u, 0x0a0b0c0du));
  EXPECT_TRUE(is_error(ask("rekey child 0x01020304")));  // outbound SPIs are not names
}

TEST(ParseSpi, HexWithAndWithoutPrefix) {
  EXPECT_EQ(parse_spi("0xc8f01a8e"), 0xc8f01a8eu);
  EXPECT_EQ(parse_spi("0XC8F01A8E"), 0xc8f01a8eu);
  EXPECT_EQ(parse_spi("C8F01A8E"), 0xc8f01a8eu);
  EXPECT_EQ(parse_spi("1"), 1u);
  EXPECT_EQ(parse_spi("ffffffff"), 0xffffffffu);
  EXPECT_FALSE(parse_spi(""));
  EXPECT_FALSE(parse_spi("0x"));
  EXPECT_FALSE(parse_spi("100000000"));
  EXPECT_FALSE(parse_spi("+1"));
  EXPECT_FALSE(parse_spi("0x-1"));
  EXPECT_FALSE(parse_spi("12 34"));
}

}  // namespace
}  // namespace ikeshift::engine::control
