#include "asa/asa_reader.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include "asa/asa_line_parser.h"
#include "asa/asa_model_builder.h"
#include "asa/top_level_commands.h"
#include "common/line_stats.h"
#include "common/line_text.h"

namespace ikeshift::asa {

namespace {

using text::SourceSpan;
using text::SourceText;

// True when the tree went through one of the grammar's `*_unmodelled` rules.
bool mentions_unmodelled(antlr4::ParserRuleContext* ctx) {
  switch (ctx->getRuleIndex()) {
    case AsaParser::RuleAcl_unmodelled:
    case AsaParser::RuleCrypto_unmodelled:
    case AsaParser::RuleIkev1_unmodelled:
    case AsaParser::RuleIkev2_unmodelled:
    case AsaParser::RuleSa_unmodelled:
    case AsaParser::RuleIpsec_unmodelled:
    case AsaParser::RuleMap_set_unmodelled:
      return true;
    default:
      break;
  }
  for (auto* child : ctx->children) {
    if (auto* rule = dynamic_cast<antlr4::ParserRuleContext*>(child); rule != nullptr && mentions_unmodelled(rule))
      return true;
  }
  return false;
}

// What indented lines currently belong to.
enum class Owner { None, Block, Ignored, CertificateData, Unknown, Deferred, NoChildren };

struct DeferredStanza {
  uint32_t header = 0;
  uint32_t end = 0;  // one past the last line of the stanza
  TopKind kind = TopKind::Ignored;
  std::string_view name;
  bool parsed = false;
};

class Reader {
 public:
  Reader(const SourceText& src, const ReadOptions& options) : src_(src), options_(options) {
    result_.categories.assign(src.line_count(), LineCategory::Unknown);
  }

  ParseResult run() {
    walk_lines();
    note_trailing_empty_block();
    parse_deferred();
    tally();
    result_.stats.ll_fallbacks = parser_.ll_fallbacks();
    return std::move(result_);
  }

 private:
  void set(uint32_t line, LineCategory c) { result_.categories[line] = c; }

  void unknown(uint32_t line, SourceSpan span, std::string reason) {
    set(line, LineCategory::Unknown);
    result_.unknown.push_back({line, span, std::move(reason)});
  }

  void walk_lines() {
    const uint32_t n = static_cast<uint32_t>(src_.line_count());
    for (uint32_t i = 0; i < n; ++i) {
      std::string_view line = src_.line(i);
      if (is_blank_line(line)) {
        set(i, LineCategory::Blank);
        continue;
      }
      if (line[0] == ' ' || line[0] == '\t') {
        child_line(i, line);
      } else {
        top_line(i, line);
      }
    }
  }

  void top_line(uint32_t i, std::string_view line) {
    TopClass cls = classify_top_line(line);
    first_child_indent_ = 0;
    switch (cls.kind) {
      case TopKind::Comment:
        // A comment does not close the open block: tools (and people) put
        // `!` lines between sub-commands, and what follows still belongs there.
        set(i, LineCategory::Comment);
        return;
      case TopKind::FreeText:
        set(i, LineCategory::FreeText);
        owner_ = Owner::Ignored;
        return;
      case TopKind::Ignored:
        set(i, LineCategory::Ignored);
        owner_ = Owner::Ignored;
        return;
      case TopKind::CertificateData:
        set(i, LineCategory::Ignored);
        owner_ = Owner::CertificateData;
        return;
      case TopKind::Unknown: {
        size_t pos = 0;
        std::string_view w = next_word(line, pos);
        unknown(i, SourceSpan::at(i, 0, static_cast<uint32_t>(w.size())),
                "'" + std::string(w) + "' is not an ASA command ikeshift knows");
        owner_ = Owner::Unknown;
        unknown_owner_ = i;
        return;
      }
      case TopKind::DeferredAcl:
        // The bulk of a real config: keep only the line number (4 bytes).
        set(i, LineCategory::Ignored);
        deferred_acls_.push_back(i);
        owner_ = Owner::NoChildren;  // an access-list has no sub-commands
        return;
      case TopKind::DeferredObject:
      case TopKind::DeferredGroup:
        set(i, LineCategory::Ignored);
        deferred_.push_back({i, i + 1, cls.kind, cls.name, false});
        owner_ = Owner::Deferred;
        return;
      case TopKind::Vpn:
        parse_top(i, line);
        return;
    }
  }

  void parse_top(uint32_t i, std::string_view line) {
    auto* ctx = parser_.parse_top(line);
    if (ctx == nullptr) {
      const LineParseError& e = parser_.error();
      unknown(i, SourceSpan::at(i, static_cast<uint32_t>(e.column), static_cast<uint32_t>(e.length)),
              e.message);
      owner_ = Owner::Unknown;
      unknown_owner_ = i;
      return;
    }
    // Known syntax the model does not need (an `*_unmodelled` rule) is ignored, not modelled.
    set(i, mentions_unmodelled(ctx) ? LineCategory::Ignored : LineCategory::Modelled);
    block_ = builder_.apply_top(ctx, i);
    owner_ = Owner::Block;
    last_block_header_ = i;
  }

  void child_line(uint32_t i, std::string_view line) {
    size_t indent = indentation(line);
    if (line[indent] == '!' && owner_ != Owner::CertificateData) {
      set(i, LineCategory::Comment);
      return;
    }
    switch (owner_) {
      case Owner::None:
        unknown(i, SourceSpan::at(i, static_cast<uint32_t>(indent), 1),
                "indented line outside any block");
        return;
      case Owner::Ignored:
        set(i, LineCategory::Ignored);
        return;
      case Owner::CertificateData:
        set(i, LineCategory::FreeText);
        return;
      case Owner::Unknown:
        unknown(i, SourceSpan::at(i, static_cast<uint32_t>(indent), 1),
                "sub-command of the unrecognised line " + std::to_string(unknown_owner_ + 1));
        return;
      case Owner::Deferred:
        set(i, LineCategory::Ignored);
        deferred_.back().end = i + 1;
        return;
      case Owner::NoChildren:
        unknown(i, SourceSpan::at(i, static_cast<uint32_t>(indent), 1),
                "indented line under a command that has no sub-commands");
        return;
      case Owner::Block:
        parse_sub(i, line, indent);
        return;
    }
  }

  void parse_sub(uint32_t i, std::string_view line, size_t indent) {
    if (block_ == BlockKind::TunnelGroupOther) {
      set(i, LineCategory::Ignored);
      return;
    }
    if (first_child_indent_ == 0) first_child_indent_ = indent;
    if (indent > first_child_indent_) {
      // A sub-mode inside a sub-command (group-policy `webvpn`, ...).
      if (block_is_partially_modelled(block_)) {
        set(i, LineCategory::Ignored);
      } else {
        unknown(i, SourceSpan::at(i, static_cast<uint32_t>(indent), 1),
                std::string("unexpected nested sub-command in ") + block_kind_name(block_));
      }
      return;
    }
    auto* ctx = parser_.parse_sub(line);
    if (ctx == nullptr) {
      const LineParseError& e = parser_.error();
      if (block_is_partially_modelled(block_) && block_ != BlockKind::TunnelGroupIpsec &&
          block_ != BlockKind::Interface) {
        // Syntax we do not model inside a block we only read in part.
        set(i, LineCategory::Ignored);
        return;
      }
      unknown(i, SourceSpan::at(i, static_cast<uint32_t>(e.column), static_cast<uint32_t>(e.length)),
              e.message);
      return;
    }
    SubOutcome out = builder_.apply_sub(ctx, i);
    if (out.category == LineCategory::Unknown) {
      unknown(i, SourceSpan::at(i, static_cast<uint32_t>(indent),
                                static_cast<uint32_t>(line.size() - indent)),
              out.reason);
    } else {
      set(i, out.category);
    }
  }

  // A block that cannot be empty, open at the end of the input with no
  // sub-commands, is the classic sign of a file cut off mid-block.
  void note_trailing_empty_block() {
    if (owner_ != Owner::Block || !block_requires_children(block_)) return;
    for (size_t i = src_.line_count(); i-- > 0;) {
      if (is_blank_line(src_.line(i))) continue;
      if (i == last_block_header_) result_.trailing_empty_block = last_block_header_;
      return;
    }
  }

  // Parses the stanzas a crypto map needs: its ACLs, then the objects and
  // groups those ACLs name, until nothing new is referenced.
  void parse_deferred() {
    std::unordered_set<std::string_view> acls;
    for (const auto& e : result_.config.crypto_map_entries)
      if (e.match_address) acls.insert(e.match_address->text);

    for (uint32_t line : deferred_acls_) {
      std::string_view text = src_.line(line);
      size_t pos = 0;
      next_word(text, pos);  // access-list
      if (options_.parse_all || acls.count(next_word(text, pos))) {
        DeferredStanza d{line, line + 1, TopKind::DeferredAcl, {}, false};
        parse_stanza(d);
      }
    }
    std::unordered_map<std::string_view, std::vector<size_t>> objects;
    for (size_t k = 0; k < deferred_.size(); ++k) objects[deferred_[k].name].push_back(k);

    std::vector<std::string> wanted;
    auto want = [&](const AddressSpec& a) {
      if (a.kind == AddressSpec::Kind::Object || a.kind == AddressSpec::Kind::ObjectGroup) wanted.push_back(a.name);
    };
    for (const auto& acl : result_.config.access_lists)
      for (const auto& e : acl.entries) {
        want(e.source);
        want(e.destination);
      }
    if (options_.parse_all)
      for (auto& [name, list] : objects) wanted.emplace_back(name);

    size_t groups_seen = 0;
    while (!wanted.empty()) {
      std::string name = std::move(wanted.back());
      wanted.pop_back();
      auto it = objects.find(name);
      if (it == objects.end()) continue;
      for (size_t k : it->second) {
        if (!deferred_[k].parsed) parse_stanza(deferred_[k]);
      }
      // New groups may name further objects and groups.
      const auto& groups = result_.config.network_object_groups;
      for (; groups_seen < groups.size(); ++groups_seen)
        for (const auto& m : groups[groups_seen].members) want(m);
    }
  }

  void parse_stanza(DeferredStanza& d) {
    d.parsed = true;
    std::string_view header = src_.line(d.header);
    first_child_indent_ = 0;
    parse_top(d.header, header);
    for (uint32_t i = d.header + 1; i < d.end; ++i) {
      std::string_view line = src_.line(i);
      if (is_blank_line(line)) continue;
      if (owner_ == Owner::Block) {
        parse_sub(i, line, indentation(line));
      } else {
        unknown(i, SourceSpan::at(i, 0, 1), "sub-command of an unrecognised line");
      }
    }
  }

  void tally() {
    count_line_categories(result_.categories, result_.stats);
    std::sort(result_.unknown.begin(), result_.unknown.end(),
              [](const UnknownLine& a, const UnknownLine& b) { return a.line < b.line; });
  }

  const SourceText& src_;
  const ReadOptions& options_;
  ParseResult result_;
  AsaLineParser parser_;
  AsaModelBuilder builder_{result_.config};
  std::vector<DeferredStanza> deferred_;  // network objects and groups
  std::vector<uint32_t> deferred_acls_;   // access-list lines
  Owner owner_ = Owner::None;
  BlockKind block_ = BlockKind::None;
  uint32_t unknown_owner_ = 0;
  uint32_t last_block_header_ = 0;
  size_t first_child_indent_ = 0;
};

}  // namespace

ParseResult read_asa(const SourceText& src, const ReadOptions& options) {
  return Reader(src, options).run();
}

}  // namespace ikeshift::asa
