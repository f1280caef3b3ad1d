// The IKEv2 lines `migrate l2l` writes, derived from IKEv1 definitions through
// the algorithm registry, in the layout `show running-config` prints (lower
// case keywords, one sub-command per indented line, every field written:
// new ASA configs have no default IKE policies).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "asa/asa_model.h"
#include "common/finding.h"

namespace ikeshift::asa {

struct ProposalSpec {  // crypto ipsec ikev2 ipsec-proposal
  std::string name;
  std::vector<std::string> encryption;  // ASA ipsec-proposal spellings: 3des, aes-256 ...
  std::vector<std::string> integrity;   // sha-1, sha-256, null ...
};

struct PolicySpec {  // crypto ikev2 policy
  int priority = 0;
  std::string encryption, integrity, group, prf;  // ASA IKEv2 policy spellings
  uint32_t lifetime_seconds = 86400;
};

class MigrateText {
 public:
  explicit MigrateText(std::string indent) : indent_(std::move(indent)) {}

  // nullopt (with an Error finding) when a transform is not known.
  std::optional<ProposalSpec> proposal_from_transform_set(const TransformSet& ts,
                                                          std::vector<Finding>& findings,
                                                          const std::string& file) const;
  bool same_proposal(const IpsecProposal& existing, const ProposalSpec& wanted) const;
  std::vector<std::string> proposal_block(const ProposalSpec& p) const;

  // Missing IKEv1 fields take the ASA defaults (Info finding); unknown
  // algorithm names give an Error finding and nullopt.
  std::optional<PolicySpec> policy_from_ikev1(const Ikev1Policy& p, std::vector<Finding>& findings,
                                              const std::string& file) const;
  bool same_policy(const Ikev2Policy& existing, const PolicySpec& wanted) const;
  std::vector<std::string> policy_block(const PolicySpec& p) const;

  // "ikev2 local-authentication pre-shared-key VALUE" (no indentation).
  std::string psk_line(bool local, const std::string& value) const;
  // How an IKEv1 key is written again: KEY, "8 KEY", "hex KEY" or *****.
  std::string psk_value(const PresharedKey& key) const;
  // The indentation of a block's existing sub-commands (the file's default if none).
  std::string child_indent_of(const text::SourceText& src, uint32_t header, uint32_t last) const;

 private:
  std::string indent_;
};

}  // namespace ikeshift::asa
