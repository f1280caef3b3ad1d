// The crypto objects of one negotiated IKE SA (or CHILD SA): built once from
// the Selection through engine/crypto, and the key lengths they need.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "crypto/aead_cipher.h"
#include "crypto/cbc_cipher.h"
#include "crypto/crypto_context.h"
#include "crypto/ikev2_keymat.h"
#include "crypto/integrity.h"
#include "crypto/prf.h"
#include "ikev2/proposal.h"
#include "ikev2/sk_payload.h"

namespace ikeshift::engine::ikev2 {

struct SaCrypto {
  std::unique_ptr<crypto::CbcCipher> cbc;
  std::unique_ptr<crypto::AeadCipher> aead;
  std::unique_ptr<crypto::Integrity> integrity;
  std::unique_ptr<crypto::Prf> prf;  // IKE SA only

  SkSuite suite() const { return SkSuite{cbc.get(), integrity.get(), aead.get()}; }
  crypto::KeyLengths lengths() const;
};

// nullopt with `why` when this build cannot do a negotiated transform (which
// selection never produces for the configured algorithms; defensive).
std::optional<SaCrypto> make_sa_crypto(const crypto::CryptoContext& ctx, const Selection& s, std::string& why);

}  // namespace ikeshift::engine::ikev2
