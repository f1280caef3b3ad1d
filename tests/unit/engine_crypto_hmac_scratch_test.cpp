// The reused HMAC contexts of CryptoContext: an HMAC made while another one
// under the same digest is keyed must not disturb it, and a wipe must leave
// nothing of the last key in the reused context.
#include "crypto/crypto_context.h"
#include "crypto/hex.h"
#include "crypto/hmac.h"

#include <gtest/gtest.h>

#include <openssl/evp.h>

#include <string>

namespace ikeshift::crypto::detail {
namespace {

Bytes text(const std::string& s) { return Bytes(s.begin(), s.end()); }

std::string hmac_hex(const CryptoContext& ctx, ByteSpan key, ByteSpan data) {
  uint8_t out[32];
  hmac(ctx, ctx.sha256(), key, {data}, out);
  return to_hex(ByteSpan(out, sizeof out));
}

// RFC 4231 test case 2 (HMAC-SHA-256, key "Jefe").
constexpr const char* kJefe = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843";

TEST(HmacScratch, AnHmacInsideAnotherUnderTheSameDigestLeavesBothRight) {
  CryptoContext ctx;
  const Bytes data = text("what do ya want for nothing?");
  KeyedHmac outer(ctx, ctx.sha256(), text("Jefe"));  // holds the scratch context
  uint8_t first[32];
  outer.compute({data}, first);
  // A one-shot HMAC under another key while `outer` is keyed: it must use a
  // context of its own, or `outer`'s next block would be under this key.
  EXPECT_EQ(hmac_hex(ctx, Bytes(20, 0x0b), text("Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");  // RFC 4231 case 1
  uint8_t second[32];
  outer.compute({data}, second);
  EXPECT_EQ(to_hex(ByteSpan(first, 32)), kJefe);
  EXPECT_EQ(to_hex(ByteSpan(second, 32)), kJefe);
}

TEST(HmacScratch, TheReusedContextIsReKeyedForEveryHmac) {
  CryptoContext ctx;
  const Bytes data = text("what do ya want for nothing?");
  EXPECT_EQ(hmac_hex(ctx, Bytes(20, 0x0b), data), hmac_hex(CryptoContext(), Bytes(20, 0x0b), data));
  EXPECT_EQ(hmac_hex(ctx, text("Jefe"), data), kJefe);
  EXPECT_EQ(hmac_hex(ctx, text("Jefe"), data), kJefe);
}

TEST(HmacScratch, AWipeLeavesTheEmptyKeysPadsInTheReusedContext) {
  CryptoContext ctx;
  const Bytes data = text("what do ya want for nothing?");
  ASSERT_EQ(hmac_hex(ctx, text("Jefe"), data), kJefe);
  ctx.wipe_hmac_scratch();

  // Restart the reused context under whatever key it holds now and MAC with
  // it: after the wipe that must be the empty key, not "Jefe".
  EVP_MAC_CTX* scratch = ctx.lease_hmac_scratch(ctx.sha256());
  ASSERT_NE(scratch, nullptr);
  ASSERT_EQ(EVP_MAC_init(scratch, nullptr, 0, nullptr), 1);
  ASSERT_EQ(EVP_MAC_update(scratch, data.data(), data.size()), 1);
  uint8_t out[32];
  std::size_t len = 0;
  ASSERT_EQ(EVP_MAC_final(scratch, out, &len, sizeof out), 1);
  ctx.return_hmac_scratch(ctx.sha256());

  CryptoContext fresh;
  EXPECT_EQ(to_hex(ByteSpan(out, len)), hmac_hex(fresh, Bytes(), data));
  EXPECT_NE(to_hex(ByteSpan(out, len)), kJefe);
}

TEST(HmacScratch, ALeasedContextIsNotLentTwice) {
  CryptoContext ctx;
  EVP_MAC_CTX* first = ctx.lease_hmac_scratch(ctx.sha256());
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(ctx.lease_hmac_scratch(ctx.sha256()), nullptr);
  ctx.wipe_hmac_scratch();  // skips the leased one
  ctx.return_hmac_scratch(ctx.sha256());
  EXPECT_EQ(ctx.lease_hmac_scratch(ctx.sha256()), first);
  ctx.return_hmac_scratch(ctx.sha256());
}

}  // namespace
}  // namespace ikeshift::crypto::detail
