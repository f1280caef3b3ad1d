// The IKEv2 codec on real strongSwan 5.9.8 traffic (fixtures/captures, made
// by make-captures.sh + extract.py; see the README there): every message
// decodes, re-encodes to the identical bytes, and says what strongSwan's own
// log says it sent. The SK payloads were decrypted with the keys charon
// logged, so the inner payloads (IDi, AUTH, TSi, Delete, ...) are real too.
#include <gtest/gtest.h>

#include <algorithm>
#include <sstream>
#include <cstdio>
#include <string>
#include <vector>

#include "test_support.h"
#include "wire/ikev2_codec.h"
#include "wire/ikev2_find.h"
#include "wire/ikev2_names.h"
#include "wire/ikev2_summary.h"

namespace ikeshift::wire {
namespace {

namespace fs = std::filesystem;

struct Captured {
  std::string name;  // file stem, e.g. ikev2-01-ike_sa_init-req-m0
  Bytes message;
  std::optional<Bytes> inner;  // decrypted SK content, when the capture has it
};

Bytes load(const fs::path& p) {
  const std::string s = test::read_file(p);
  return Bytes(s.begin(), s.end());
}

// The messages of one capture ("ikev2" or "asym") in exchange order.
std::vector<Captured> capture(const std::string& prefix) {
  std::vector<Captured> out;
  const fs::path dir = test::fixture("captures");
  for (const auto& entry : fs::directory_iterator(dir)) {
    const std::string file = entry.path().filename().string();
    if (file.rfind(prefix + "-", 0) != 0 || entry.path().extension() != ".bin") continue;
    if (file.find("-inner.bin") != std::string::npos) continue;
    Captured c;
    c.name = entry.path().stem().string();
    c.message = load(entry.path());
    const fs::path inner = dir / (c.name + "-inner.bin");
    if (fs::exists(inner)) c.inner = load(inner);
    out.push_back(std::move(c));
  }
  std::sort(out.begin(), out.end(), [](const Captured& a, const Captured& b) { return a.name < b.name; });
  return out;
}

Message decoded(const Captured& c) {
  DecodeResult r = decode_message(c.message);
  if (!r.ok()) ADD_FAILURE() << c.name << ": " << r.error().what << " at " << r.error().offset;
  return r.ok() ? r.message() : Message{};
}

std::vector<Payload> inner_of(const Captured& c) {
  const Message m = decoded(c);
  const auto* sk = find_first<EncryptedPayload>(m.payloads);
  if (sk == nullptr || !c.inner) return {};
  ChainResult r = decode_payload_chain(sk->first_inner, *c.inner);
  if (!r.ok()) ADD_FAILURE() << c.name << " inner: " << r.error().what << " at " << r.error().offset;
  return r.ok() ? r.payloads() : std::vector<Payload>{};
}

// Payload names as strongSwan logs them: "N(NATD_S_IP)" -> "N".
std::vector<std::string> charon_payloads(const std::string& log_line) {
  const auto open = log_line.find(" [ ");  // not the "[ENC]" log-group tag
  const auto close = log_line.rfind(']');
  std::vector<std::string> out;
  if (open == std::string::npos || close < open) return out;
  std::istringstream words(log_line.substr(open + 2, close - open - 2));
  for (std::string w; words >> w;) out.push_back(w.substr(0, w.find('(')));
  return out;
}

std::vector<std::string> our_payloads(const std::vector<Payload>& payloads) {
  std::vector<std::string> out;
  for (const auto& p : payloads) out.push_back(payload_type_name(payload_type(p)));
  return out;
}

class WireCapture : public ::testing::TestWithParam<std::string> {};

TEST_P(WireCapture, HasAWholeExchange) {
  const auto msgs = capture(GetParam());
  ASSERT_EQ(msgs.size(), 14u);  // INIT, AUTH, CHILD rekey + delete, IKE rekey + delete, terminate (x2)
  const std::vector<ExchangeType> expected = {
      ExchangeType::IkeSaInit,     ExchangeType::IkeAuth,       ExchangeType::CreateChildSa,
      ExchangeType::Informational, ExchangeType::CreateChildSa, ExchangeType::Informational,
      ExchangeType::Informational};
  for (size_t i = 0; i < msgs.size(); ++i) {
    const Message m = decoded(msgs[i]);
    EXPECT_EQ(m.header.exchange, expected[i / 2]) << msgs[i].name;
    EXPECT_EQ(m.header.response, i % 2 == 1) << msgs[i].name;
    EXPECT_TRUE(m.header.initiator == (i % 2 == 0)) << msgs[i].name;  // A initiates everything here
  }
}

TEST_P(WireCapture, EveryMessageDecodesAndReencodesToTheSameBytes) {
  for (const auto& c : capture(GetParam())) {
    DecodeResult r = decode_message(c.message);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().what << " at " << r.error().offset;
    EXPECT_EQ(r.message().header.length, c.message.size());
    EXPECT_EQ(encode_message(r.message()), c.message) << c.name;
  }
}

TEST_P(WireCapture, DecryptedInnerChainsDecodeAndReencode) {
  size_t with_inner = 0;
  for (const auto& c : capture(GetParam())) {
    if (!c.inner) continue;
    ++with_inner;
    const Message m = decoded(c);
    const auto* sk = find_first<EncryptedPayload>(m.payloads);
    ASSERT_NE(sk, nullptr) << c.name;
    EXPECT_EQ(m.payloads.size(), 1u) << c.name;  // everything after IKE_SA_INIT is inside SK
    ChainResult r = decode_payload_chain(sk->first_inner, *c.inner);
    ASSERT_TRUE(r.ok()) << c.name << ": " << r.error().what << " at " << r.error().offset;
    EXPECT_EQ(encode_payload_chain(r.payloads()), *c.inner) << c.name;
  }
  EXPECT_EQ(with_inner, 12u);  // every encrypted message of the capture
}

TEST_P(WireCapture, PayloadsMatchWhatCharonLogged) {
  const auto log = test::lines_of(test::read_file(test::fixture("captures/" + GetParam() + "-charon-A-messages.txt")));
  const auto msgs = capture(GetParam());
  ASSERT_EQ(log.size(), msgs.size());
  for (size_t i = 0; i < msgs.size(); ++i) {
    const Message m = decoded(msgs[i]);
    const auto payloads = msgs[i].inner ? inner_of(msgs[i]) : m.payloads;
    EXPECT_EQ(our_payloads(payloads), charon_payloads(log[i])) << msgs[i].name << " vs " << log[i];
    EXPECT_NE(log[i].find(exchange_type_name(m.header.exchange) + (m.header.response ? " response " : " request ") +
                          std::to_string(m.header.message_id) + " ["),
              std::string::npos)
        << log[i] << " / " << summarize(m);
  }
}

TEST_P(WireCapture, IkeSaInitRequestCarriesTheConfiguredProposal) {
  const Message m = decoded(capture(GetParam()).at(0));
  EXPECT_EQ(m.header.exchange, ExchangeType::IkeSaInit);
  EXPECT_EQ(m.header.message_id, 0u);
  EXPECT_EQ(m.header.spi_r, 0u);
  EXPECT_NE(m.header.spi_i, 0u);
  ASSERT_NE(find_first<SaPayload>(m.payloads), nullptr);
  ASSERT_NE(find_first<KePayload>(m.payloads), nullptr);
  ASSERT_NE(find_first<NoncePayload>(m.payloads), nullptr);
  EXPECT_NE(find_notify(m.payloads, NotifyType::NatDetectionSourceIp), nullptr);
  EXPECT_NE(find_notify(m.payloads, NotifyType::NatDetectionDestinationIp), nullptr);
  EXPECT_NE(find_notify(m.payloads, NotifyType::Ikev2FragmentationSupported), nullptr);
  EXPECT_NE(find_notify(m.payloads, NotifyType::SignatureHashAlgorithms), nullptr);
  EXPECT_EQ(find_notify(m.payloads, NotifyType::NatDetectionSourceIp)->data.size(), 20u);  // SHA-1

  // aes256-sha256-modp2048, as the pair script configures it
  const auto& sa = *find_first<SaPayload>(m.payloads);
  ASSERT_EQ(sa.proposals.size(), 1u);
  const Proposal& p = sa.proposals[0];
  EXPECT_EQ(p.number, 1);
  EXPECT_EQ(p.protocol, ProtocolId::Ike);
  EXPECT_TRUE(p.spi.empty());
  EXPECT_EQ(summarize_proposal(p), "ENCR_AES_CBC/256 AUTH_HMAC_SHA2_256_128 PRF_HMAC_SHA2_256 MODP_2048");
  const auto& ke = *find_first<KePayload>(m.payloads);
  EXPECT_EQ(ke.dh_group, 14);
  EXPECT_EQ(ke.data.size(), 256u);
  EXPECT_EQ(find_first<NoncePayload>(m.payloads)->data.size(), 32u);

  const Message resp = decoded(capture(GetParam()).at(1));
  EXPECT_TRUE(resp.header.response);
  EXPECT_EQ(resp.header.spi_i, m.header.spi_i);
  EXPECT_NE(resp.header.spi_r, 0u);
  EXPECT_EQ(find_first<SaPayload>(resp.payloads)->proposals.at(0), p);  // the one offered is chosen
}

TEST_P(WireCapture, IkeAuthRequestInnerPayloads) {
  const auto msgs = capture(GetParam());
  const auto inner = inner_of(msgs.at(2));
  const auto* idi = find_first<IdiPayload>(inner);
  const auto* idr = find_first<IdrPayload>(inner);
  ASSERT_NE(idi, nullptr);
  ASSERT_NE(idr, nullptr);
  if (GetParam() == "asym") {
    EXPECT_EQ(idi->type, IdType::Fqdn);
    EXPECT_EQ(id_to_string(*idi), "gw-a.lab.example");
    EXPECT_EQ(id_to_string(*idr), "gw-b.lab.example");
  } else {
    EXPECT_EQ(idi->type, IdType::Ipv4Addr);
    EXPECT_EQ(id_to_string(*idi), "192.0.2.1");
    EXPECT_EQ(id_to_string(*idr), "192.0.2.2");
  }
  const auto* auth = find_first<AuthPayload>(inner);
  ASSERT_NE(auth, nullptr);
  EXPECT_EQ(auth->method, AuthMethod::SharedKeyMic);
  EXPECT_EQ(auth->data.size(), 32u);  // prf = HMAC-SHA2-256
  EXPECT_NE(find_notify(inner, NotifyType::InitialContact), nullptr);

  const auto& sa = *find_first<SaPayload>(inner);
  ASSERT_EQ(sa.proposals.size(), 1u);
  EXPECT_EQ(sa.proposals[0].protocol, ProtocolId::Esp);
  EXPECT_EQ(sa.proposals[0].spi.size(), 4u);
  // No DH in IKE_AUTH: the first CHILD_SA takes its keys from the IKE SA.
  EXPECT_EQ(summarize_proposal(sa.proposals[0]), "ENCR_AES_CBC/256 AUTH_HMAC_SHA2_256_128 NO_ESN");

  const auto& tsi = *find_first<TsiPayload>(inner);
  ASSERT_EQ(tsi.selectors.size(), 1u);
  const TrafficSelector& ts = tsi.selectors[0];
  EXPECT_EQ(ts.type, TsType::Ipv4AddrRange);
  EXPECT_EQ(ts.ip_protocol, 0);
  EXPECT_EQ(ts.start_port, 0);
  EXPECT_EQ(ts.end_port, 65535);
  EXPECT_EQ(ts.start_address, (Bytes{10, 10, 10, 0}));
  EXPECT_EQ(ts.end_address, (Bytes{10, 10, 10, 255}));
  EXPECT_EQ(find_first<TsrPayload>(inner)->selectors.at(0).start_address, (Bytes{10, 20, 20, 0}));
}

TEST_P(WireCapture, RekeysAndDeletes) {
  const auto msgs = capture(GetParam());
  // CHILD_SA rekey with PFS: REKEY_SA names the old ESP SPI, KE for modp2048.
  const auto child_rekey = inner_of(msgs.at(4));
  const auto* rekey = find_notify(child_rekey, NotifyType::RekeySa);
  ASSERT_NE(rekey, nullptr);
  EXPECT_EQ(rekey->protocol, ProtocolId::Esp);
  EXPECT_EQ(rekey->spi.size(), 4u);
  EXPECT_EQ(find_first<KePayload>(child_rekey)->dh_group, 14);
  EXPECT_EQ(summarize_proposal(find_first<SaPayload>(child_rekey)->proposals.at(0)),
            "ENCR_AES_CBC/256 AUTH_HMAC_SHA2_256_128 MODP_2048 NO_ESN");

  // The old CHILD_SA is deleted by its inbound SPI.
  const auto del_child = inner_of(msgs.at(6));
  const auto* d = find_first<DeletePayload>(del_child);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->protocol, ProtocolId::Esp);
  ASSERT_EQ(d->spis.size(), 1u);
  EXPECT_EQ(d->spis[0].size(), 4u);
  EXPECT_EQ(d->spis[0], rekey->spi);

  // IKE_SA rekey: the new proposal carries the new initiator SPI (8 bytes).
  const auto ike_rekey = inner_of(msgs.at(8));
  const Proposal& np = find_first<SaPayload>(ike_rekey)->proposals.at(0);
  EXPECT_EQ(np.protocol, ProtocolId::Ike);
  ASSERT_EQ(np.spi.size(), 8u);
  uint64_t new_spi_i = 0;
  for (uint8_t b : np.spi) new_spi_i = (new_spi_i << 8) | b;
  EXPECT_EQ(new_spi_i, decoded(msgs.at(12)).header.spi_i);  // the terminate runs on the new IKE SA

  // The old IKE_SA is deleted with an IKE Delete (no SPIs); the reply is empty.
  const auto del_ike = inner_of(msgs.at(10));  // keep the vector alive for the pointer
  const auto* ike_del = find_first<DeletePayload>(del_ike);
  ASSERT_NE(ike_del, nullptr);
  EXPECT_EQ(ike_del->protocol, ProtocolId::Ike);
  EXPECT_TRUE(ike_del->spis.empty());
  EXPECT_TRUE(inner_of(msgs.at(11)).empty());
  EXPECT_TRUE(inner_of(msgs.at(13)).empty());
}

TEST_P(WireCapture, KeysFileNamesTheCapturedSpis) {
  const std::string keys = test::read_file(test::fixture("captures/" + GetParam() + "-keys.txt"));
  const auto msgs = capture(GetParam());
  char spi[17];
  std::snprintf(spi, sizeof spi, "%016llx", static_cast<unsigned long long>(decoded(msgs.at(1)).header.spi_r));
  EXPECT_TRUE(test::contains(keys, std::string("spi_r = ") + spi));
  EXPECT_TRUE(test::contains(keys, "sk_ei = "));
  EXPECT_TRUE(test::contains(keys, "sk_ar = "));
}

INSTANTIATE_TEST_SUITE_P(StrongSwan, WireCapture, ::testing::Values("ikev2", "asym"));

}  // namespace
}  // namespace ikeshift::wire
