#include "validator/rules/proposal_completeness.h"

#include <algorithm>

namespace ikeshift::validator {

namespace {

bool any_non_aead_cipher(const std::vector<const model::Algorithm*>& enc) {
  return std::any_of(enc.begin(), enc.end(), [](const model::Algorithm* a) { return !a->aead; });
}

bool any_aead_cipher(const std::vector<const model::Algorithm*>& enc) {
  return std::any_of(enc.begin(), enc.end(), [](const model::Algorithm* a) { return a->aead; });
}

// "none"/"null" integrity protects nothing: it only belongs next to an AEAD cipher.
bool real_integrity(const std::vector<const model::Algorithm*>& integ) {
  return std::any_of(integ.begin(), integ.end(), [](const model::Algorithm* a) { return a->iana_id != 0; });
}

}  // namespace

std::vector<std::string> missing_in_ike_proposal(const ProposalParts& p) {
  std::vector<std::string> out;
  if (p.encryption.empty()) out.emplace_back("an encryption algorithm");
  if (any_non_aead_cipher(p.encryption) && !real_integrity(p.integrity)) {
    out.emplace_back("an integrity algorithm (a non-AEAD cipher needs one)");
  }
  // With AES-GCM alone there is no integrity algorithm to take the PRF from.
  if (!p.encryption.empty() && !any_non_aead_cipher(p.encryption) && any_aead_cipher(p.encryption) &&
      p.prf.empty()) {
    out.emplace_back("a PRF (AES-GCM has no integrity algorithm to derive it from)");
  }
  if (p.groups.empty()) out.emplace_back("a DH group");
  return out;
}

std::vector<std::string> missing_in_esp_proposal(const ProposalParts& p) {
  std::vector<std::string> out;
  if (p.encryption.empty()) out.emplace_back("an encryption algorithm");
  if (any_non_aead_cipher(p.encryption) && !real_integrity(p.integrity)) {
    out.emplace_back("an integrity algorithm (without one ESP does not detect tampering)");
  }
  return out;
}

}  // namespace ikeshift::validator
