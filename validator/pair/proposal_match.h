// The proposal two peers will agree on, as the responder selects it: IKEv2 per
// transform type (RFC 7296 2.7), IKEv1 policy by policy (same encryption,
// hash, group and authentication), ESP likewise. The initiator's order wins,
// so "first common" is in A's preference order.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/intent.h"

namespace ikeshift::validator {

struct IkeMatch {
  const model::IkeProposal* a = nullptr;
  const model::IkeProposal* b = nullptr;
  const model::Algorithm *encryption = nullptr, *integrity = nullptr, *prf = nullptr, *group = nullptr;
};

struct EspMatch {
  const model::EspProposal* a = nullptr;
  const model::EspProposal* b = nullptr;
  const model::Algorithm *encryption = nullptr, *integrity = nullptr;
};

std::optional<IkeMatch> match_ike(const std::vector<model::IkeProposal>& a,
                                  const std::vector<model::IkeProposal>& b, int version);
std::optional<EspMatch> match_esp(const std::vector<model::EspProposal>& a,
                                  const std::vector<model::EspProposal>& b, int version);

}  // namespace ikeshift::validator
