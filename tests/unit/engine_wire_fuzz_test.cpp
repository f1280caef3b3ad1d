// Fuzz-style robustness of the IKEv2 codec: thousands of seeded, deterministic
// mutations of the captured strongSwan messages (and of their decrypted inner
// chains) must decode to a message or a DecodeError, never crash, and anything
// that decodes must survive an encode/decode round trip unchanged. Run under
// -fsanitize=address,undefined this also proves no read goes out of bounds.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "test_support.h"
#include "wire/ikev2_codec.h"
#include "wire/ikev2_find.h"

namespace ikeshift::wire {
namespace {

namespace fs = std::filesystem;

struct Sample {
  std::string name;
  Bytes bytes;
  bool inner = false;
  PayloadType first = PayloadType::NoNext;  // for inner chains
};

std::vector<Sample> samples() {
  std::vector<Sample> out;
  for (const auto& entry : fs::directory_iterator(test::fixture("captures"))) {
    if (entry.path().extension() != ".bin") continue;
    const std::string s = test::read_file(entry.path());
    out.push_back(Sample{entry.path().stem().string(), Bytes(s.begin(), s.end())});
  }
  std::sort(out.begin(), out.end(), [](const Sample& a, const Sample& b) { return a.name < b.name; });
  // An inner chain starts with the type named by its outer message's SK payload.
  for (auto& s : out) {
    const std::string suffix = "-inner";
    if (s.name.size() <= suffix.size() || s.name.compare(s.name.size() - suffix.size(), suffix.size(), suffix) != 0)
      continue;
    s.inner = true;
    const std::string outer = s.name.substr(0, s.name.size() - suffix.size());
    for (const auto& o : out) {
      if (o.name != outer) continue;
      DecodeResult r = decode_message(o.bytes);
      if (r.ok()) {
        if (const auto* sk = find_first<EncryptedPayload>(r.message().payloads)) s.first = sk->first_inner;
      }
    }
  }
  return out;
}

// One random edit; length fields are favoured because they drive the parser.
Bytes mutate(const Bytes& in, std::mt19937& rng) {
  Bytes b = in;
  auto pick = [&rng](size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(rng); };
  const int edits = 1 + static_cast<int>(pick(4));
  for (int e = 0; e < edits; ++e) {
    switch (pick(7)) {
      case 0:  // flip a bit
        if (!b.empty()) b[pick(b.size())] ^= static_cast<uint8_t>(1u << pick(8));
        break;
      case 1:  // random byte
        if (!b.empty()) b[pick(b.size())] = static_cast<uint8_t>(pick(256));
        break;
      case 2:  // interesting byte (0, 0xff, small lengths)
        if (!b.empty()) {
          static constexpr uint8_t kInteresting[] = {0, 1, 2, 3, 4, 7, 8, 0x7f, 0x80, 0xff};
          b[pick(b.size())] = kInteresting[pick(sizeof kInteresting)];
        }
        break;
      case 3:  // truncate
        if (!b.empty()) b.resize(pick(b.size()));
        break;
      case 4:  // insert bytes
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(pick(b.size() + 1)), pick(8) + 1,
                 static_cast<uint8_t>(pick(256)));
        break;
      case 5:  // erase bytes
        if (b.size() > 1) {
          const size_t at = pick(b.size());
          const size_t n = std::min(b.size() - at, pick(8) + 1);
          b.erase(b.begin() + static_cast<std::ptrdiff_t>(at), b.begin() + static_cast<std::ptrdiff_t>(at + n));
        }
        break;
      default:  // nudge a 16-bit big-endian field (most lengths are 16-bit)
        if (b.size() >= 2) {
          const size_t at = pick(b.size() - 1);
          const int delta = static_cast<int>(pick(17)) - 8;
          const int v = ((b[at] << 8) | b[at + 1]) + delta;
          b[at] = static_cast<uint8_t>(v >> 8);
          b[at + 1] = static_cast<uint8_t>(v);
        }
        break;
    }
  }
  return b;
}

TEST(WireFuzz, MutatedCapturesNeverCrashAndRoundTripWhenAccepted) {
  const auto all = samples();
  ASSERT_GE(all.size(), 40u);
  std::mt19937 rng(20240607u);  // fixed seed: failures reproduce
  constexpr int kPerSample = 1000;
  size_t accepted = 0, rejected = 0;
  for (const auto& s : all) {
    for (int i = 0; i < kPerSample; ++i) {
      const Bytes m = mutate(s.bytes, rng);
      if (s.inner) {
        ChainResult r = decode_payload_chain(s.first, m);
        if (!r.ok()) {
          ++rejected;
          EXPECT_LE(r.error().offset, m.size()) << s.name;
          continue;
        }
        ++accepted;
        ChainResult again = decode_payload_chain(s.first, encode_payload_chain(r.payloads()));
        ASSERT_TRUE(again.ok()) << s.name << " mutation " << i;
        EXPECT_EQ(again.payloads(), r.payloads()) << s.name << " mutation " << i;
      } else {
        DecodeResult r = decode_message(m);
        if (!r.ok()) {
          ++rejected;
          EXPECT_LE(r.error().offset, m.size()) << s.name;
          EXPECT_FALSE(r.error().what.empty());
          continue;
        }
        ++accepted;
        DecodeResult again = decode_message(encode_message(r.message()));
        ASSERT_TRUE(again.ok()) << s.name << " mutation " << i << ": " << again.error().what;
        EXPECT_EQ(again.message(), r.message()) << s.name << " mutation " << i;
      }
    }
  }
  // Both outcomes must really be exercised, or the test proves nothing.
  EXPECT_GT(accepted, all.size() * kPerSample / 20);
  EXPECT_GT(rejected, all.size() * kPerSample / 2);
  std::printf("[ wire fuzz ] %zu mutations: %zu decoded, %zu rejected\n", accepted + rejected, accepted, rejected);
}

TEST(WireFuzz, RandomBytesBehindAValidHeader) {
  std::mt19937 rng(7);
  const std::string first = test::read_file(test::fixture("captures/ikev2-01-ike_sa_init-req-m0.bin"));
  for (int i = 0; i < 5000; ++i) {
    const size_t body = std::uniform_int_distribution<size_t>(0, 300)(rng);
    Bytes b(first.begin(), first.begin() + 28);
    for (size_t k = 0; k < body; ++k) b.push_back(static_cast<uint8_t>(rng()));
    const size_t len = b.size();
    b[24] = static_cast<uint8_t>(len >> 24);
    b[25] = static_cast<uint8_t>(len >> 16);
    b[26] = static_cast<uint8_t>(len >> 8);
    b[27] = static_cast<uint8_t>(len);
    b[16] = static_cast<uint8_t>(std::uniform_int_distribution<int>(32, 50)(rng));
    DecodeResult r = decode_message(b);
    if (r.ok()) {
      EXPECT_EQ(decode_message(encode_message(r.message())).message(), r.message());
    } else {
      EXPECT_LE(r.error().offset, b.size());
    }
  }
}

}  // namespace
}  // namespace ikeshift::wire
