// Turns parse trees of single ASA lines into the ASA model.
//
// The reader hands it one line at a time: apply_top() for a line at column 1
// (it opens the block that following indented lines belong to), apply_sub()
// for a sub-command of the open block. The builder knows which sub-commands
// belong to which block, and says what the line was: modelled, deliberately
// ignored, free text, or unknown with a reason.
#pragma once

#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "AsaParser.h"
#include "asa/asa_model.h"

namespace ikeshift::asa {

enum class BlockKind {
  None,                   // a top-level command without sub-commands
  Interface,
  ObjectNetwork,
  ObjectGroupNetwork,
  Ikev1Policy,
  Ikev2Policy,
  IpsecProposal,
  TunnelGroupGeneral,
  TunnelGroupIpsec,
  TunnelGroupOther,       // webvpn-attributes, ppp-attributes: not L2L, kept verbatim
  GroupPolicyAttributes,
};

// Blocks whose sub-commands the model covers only in part: anything else
// under them is known ASA syntax that is deliberately ignored.
bool block_is_partially_modelled(BlockKind kind);
// Blocks that make no sense without sub-commands (used to detect truncation).
bool block_requires_children(BlockKind kind);
const char* block_kind_name(BlockKind kind);

struct SubOutcome {
  LineCategory category = LineCategory::Modelled;
  std::string reason;  // for Unknown
};

class AsaModelBuilder {
 public:
  explicit AsaModelBuilder(AsaConfig& config) : cfg_(config) {}

  BlockKind apply_top(AsaParser::Top_commandContext* ctx, uint32_t line);
  SubOutcome apply_sub(AsaParser::Sub_commandContext* ctx, uint32_t line);
  BlockKind open_block() const { return block_; }

 private:
  BlockKind apply_crypto(AsaParser::S_cryptoContext* ctx, uint32_t line);
  BlockKind apply_tunnel_group(AsaParser::S_tunnel_groupContext* ctx, uint32_t line);
  BlockKind apply_group_policy(AsaParser::S_group_policyContext* ctx, uint32_t line);
  void apply_access_list(AsaParser::S_access_listContext* ctx, uint32_t line);
  void apply_map_entry(const std::string& map, uint32_t seq, bool dynamic,
                       AsaParser::Map_entry_commandContext* ctx, uint32_t line,
                       const SourceSpan& line_span);
  void apply_negated(AsaParser::Top_commandContext* ctx, uint32_t line);

  SubOutcome sub_interface(AsaParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_object(AsaParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_object_group(AsaParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_ikev1_policy(AsaParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_ikev2_policy(AsaParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_proposal(AsaParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_tunnel_group_ipsec(AsaParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_tunnel_group_general(AsaParser::Sub_commandContext* ctx, uint32_t line);
  SubOutcome sub_group_policy(AsaParser::Sub_commandContext* ctx, uint32_t line);

  CryptoMapEntry& map_entry(const std::string& map, uint32_t seq, bool dynamic, uint32_t line);
  TunnelGroup& tunnel_group(const std::string& name, const SourceSpan& span);
  GroupPolicy& group_policy(const std::string& name, const SourceSpan& span);
  Block* open_block_record();
  void open(BlockKind kind, size_t index, uint32_t line, const SourceSpan& span);

  AsaConfig& cfg_;
  BlockKind block_ = BlockKind::None;
  size_t block_index_ = 0;  // index into the vector that holds the open block's owner
  std::unordered_map<std::string, size_t> map_entries_;
  std::unordered_map<std::string, size_t> tunnel_groups_;
  std::unordered_map<std::string, size_t> group_policies_;
  std::unordered_map<std::string, size_t> access_lists_;
  // Per (map entry index, setting): where the single-valued setting was last
  // written and its text, to record settings a later line replaces (RepeatedSetting).
  std::map<std::pair<size_t, int>, std::pair<SourceSpan, std::string>> last_setting_;
};

}  // namespace ikeshift::asa
