// Completeness of an IKEv2 proposal and of an ESP proposal, as the devices
// enforce it (seed 002, Cisco IOS: "IKEv2 proposal MUST either have a set of an
// encryption algorithm other than aes-gcm, an integrity algorithm and a DH group
// configured or encryption algorithm aes-gcm, a prf algorithm and a DH group").
// Dialect-neutral: the ASA rules feed it `crypto ikev2 policy` and
// `crypto ipsec ikev2 ipsec-proposal`; the IOS rules will feed it
// `crypto ikev2 proposal` and transform-sets.
#pragma once

#include <string>
#include <vector>

#include "model/algorithms.h"

namespace ikeshift::validator {

struct ProposalParts {
  std::vector<const model::Algorithm*> encryption, integrity, prf, groups;
};

// What an IKEv2 proposal lacks, one phrase each ("an integrity algorithm"); empty = complete.
std::vector<std::string> missing_in_ike_proposal(const ProposalParts& p);
// What an ESP proposal lacks; empty = complete.
std::vector<std::string> missing_in_esp_proposal(const ProposalParts& p);

}  // namespace ikeshift::validator
