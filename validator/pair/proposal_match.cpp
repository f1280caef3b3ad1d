#include "validator/pair/proposal_match.h"

#include <algorithm>

namespace ikeshift::validator {

namespace {

using model::Algorithm;

const Algorithm* first_common(const std::vector<const Algorithm*>& a,
                              const std::vector<const Algorithm*>& b) {
  for (const Algorithm* x : a)
    if (std::find(b.begin(), b.end(), x) != b.end()) return x;
  return nullptr;
}

bool same_set(std::vector<const Algorithm*> a, std::vector<const Algorithm*> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

}  // namespace

std::optional<IkeMatch> match_ike(const std::vector<model::IkeProposal>& a,
                                  const std::vector<model::IkeProposal>& b, int version) {
  for (const model::IkeProposal& pa : a) {
    for (const model::IkeProposal& pb : b) {
      IkeMatch m;
      m.a = &pa;
      m.b = &pb;
      if (version == 1) {
        // IKEv1: one value per attribute, and the same authentication method.
        if (!same_set(pa.encryption, pb.encryption) || !same_set(pa.integrity, pb.integrity) ||
            !same_set(pa.dh_groups, pb.dh_groups) || pa.authentication != pb.authentication) {
          continue;
        }
        m.encryption = pa.encryption.empty() ? nullptr : pa.encryption.front();
        m.integrity = pa.integrity.empty() ? nullptr : pa.integrity.front();
        m.prf = pa.prf.empty() ? nullptr : pa.prf.front();
        m.group = pa.dh_groups.empty() ? nullptr : pa.dh_groups.front();
        return m;
      }
      m.encryption = first_common(pa.encryption, pb.encryption);
      m.prf = first_common(pa.prf, pb.prf);
      m.group = first_common(pa.dh_groups, pb.dh_groups);
      if (m.encryption == nullptr || m.prf == nullptr || m.group == nullptr) continue;
      if (!m.encryption->aead) {
        m.integrity = first_common(pa.integrity, pb.integrity);
        if (m.integrity == nullptr) continue;
      }
      return m;
    }
  }
  return std::nullopt;
}

std::optional<EspMatch> match_esp(const std::vector<model::EspProposal>& a,
                                  const std::vector<model::EspProposal>& b, int version) {
  for (const model::EspProposal& pa : a) {
    for (const model::EspProposal& pb : b) {
      if (pa.mode != pb.mode) continue;
      EspMatch m;
      m.a = &pa;
      m.b = &pb;
      if (version == 1) {
        // A transform-set is one proposal: the same transforms on both sides.
        if (!same_set(pa.encryption, pb.encryption) || !same_set(pa.integrity, pb.integrity)) continue;
        m.encryption = pa.encryption.empty() ? nullptr : pa.encryption.front();
        m.integrity = pa.integrity.empty() ? nullptr : pa.integrity.front();
        return m;
      }
      m.encryption = first_common(pa.encryption, pb.encryption);
      if (m.encryption == nullptr) continue;
      if (!m.encryption->aead || !pa.integrity.empty() || !pb.integrity.empty()) {
        m.integrity = first_common(pa.integrity, pb.integrity);
        if (m.integrity == nullptr && !(m.encryption->aead && (pa.integrity.empty() || pb.integrity.empty())))
          continue;
      }
      return m;
    }
  }
  return std::nullopt;
}

}  // namespace ikeshift::validator
