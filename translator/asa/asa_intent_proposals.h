// ASA IKE policies, transform-sets and ipsec-proposals -> neutral proposals
// (internal to translator/model).
#pragma once

#include <optional>
#include <vector>

#include "asa/asa_model.h"
#include "model/intent.h"
#include "model/intent_diagnostics.h"

namespace ikeshift::model::detail {

// Every global `crypto ikev1 policy`, by priority. A policy with an unknown
// algorithm is left out (with an Error finding).
std::vector<IkeProposal> derive_ikev1_proposals(const asa::AsaConfig& cfg, Diagnostics& diag);
// Every global `crypto ikev2 policy`, by priority; same rule.
std::vector<IkeProposal> derive_ikev2_proposals(const asa::AsaConfig& cfg, Diagnostics& diag);

// nullopt (with an Error finding) when a word is not an ESP algorithm.
std::optional<EspProposal> derive_transform_set(const asa::TransformSet& ts, Diagnostics& diag);
std::optional<EspProposal> derive_ipsec_proposal(const asa::IpsecProposal& p, Diagnostics& diag);

// Looks `word` up in `dialect`; on failure reports INTENT-UNKNOWN-ALGORITHM
// naming `what` and the accepted spellings.
const Algorithm* lookup_algorithm(TransformType type, Dialect dialect, const asa::Word& word,
                                  const char* what, Diagnostics& diag);

}  // namespace ikeshift::model::detail
