// Parse trees of single IOS lines -> the IOS model. apply_top() opens the block
// that the following indented lines belong to; apply_sub() files a
// sub-command of the open block (modelled, ignored on purpose, or unknown with
// a reason); apply_nested() files a line indented below a sub-command (the
// `peer` sub-block of an IKEv2 keyring).
#pragma once

#include <string>

#include "IosParser.h"
#include "ios/ios_model.h"

namespace ikeshift::ios {

enum class BlockKind {
  None, Interface, AclExtended, AclStandard, IsakmpPolicy, Keyring, IsakmpProfile,
  TransformSet, IpsecProfile, CryptoMap, Ikev2Proposal, Ikev2Policy, Ikev2Keyring,
  Ikev2Profile,
};

const char* block_kind_name(BlockKind kind);
// Sub-commands the model does not cover are known IOS syntax (ignored), not unknown.
bool block_is_partially_modelled(BlockKind kind);

struct SubOutcome {
  LineCategory category = LineCategory::Modelled;
  std::string reason;  // for Unknown
};

class IosModelBuilder {
 public:
  explicit IosModelBuilder(IosConfig& config) : cfg_(config) {}

  BlockKind apply_top(IosParser::Top_commandContext* ctx, uint32_t line, bool& unmodelled);
  SubOutcome apply_sub(IosParser::Sub_commandContext* ctx, uint32_t line);
  // A line indented deeper than the block's sub-commands.
  SubOutcome apply_nested(IosParser::Sub_commandContext* ctx, uint32_t line);
  bool nested_open() const { return block_ == BlockKind::Ikev2Keyring && peer_open_; }

 private:
  BlockKind apply_crypto(IosParser::S_cryptoContext* ctx, uint32_t line, bool& unmodelled);
  SubOutcome acl_rule(IosParser::Acl_ruleContext* r, uint32_t line, AccessList& acl);
  Block* block_record();

  SubOutcome sub_interface(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_isakmp_policy(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_keyring(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_isakmp_profile(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_transform_set(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_ipsec_profile(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_crypto_map(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_ikev2_proposal(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_ikev2_policy(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_ikev2_keyring(IosParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_ikev2_profile(IosParser::Sub_commandContext* ctx, uint32_t line);

  IosConfig& cfg_;
  BlockKind block_ = BlockKind::None;
  size_t index_ = 0;
  bool peer_open_ = false;
};

}  // namespace ikeshift::ios
