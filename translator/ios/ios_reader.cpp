#include "ios/ios_reader.h"

#include <algorithm>
#include <string_view>

#include "IosLexer.h"
#include "IosParser.h"
#include "asa/top_level_commands.h"
#include "common/line_stats.h"
#include "common/line_text.h"
#include "grammar/line_parser.h"
#include "ios/ios_model_builder.h"
#include "ios/ios_top_level.h"

namespace ikeshift::ios {

namespace {

using text::SourceText;

enum class Owner { None, Block, Ignored, CertificateData, Unknown };

class Reader {
 public:
  explicit Reader(const SourceText& src) : src_(src) {
    result_.categories.assign(src.line_count(), LineCategory::Unknown);
  }

  ParseResult run() {
    const uint32_t n = static_cast<uint32_t>(src_.line_count());
    for (uint32_t i = 0; i < n; ++i) {
      std::string_view line = src_.line(i);
      if (!banner_end_.empty()) {
        set(i, LineCategory::FreeText);
        if (line.find(banner_end_) != std::string_view::npos) banner_end_.clear();
        continue;
      }
      if (is_blank_line(line)) {
        set(i, LineCategory::Blank);
      } else if (line[0] == ' ' || line[0] == '\t') {
        child_line(i, line);
      } else {
        top_line(i, line);
      }
    }
    tally();
    result_.stats.ll_fallbacks = parser_.ll_fallbacks();
    return std::move(result_);
  }

 private:
  void set(uint32_t line, LineCategory c) { result_.categories[line] = c; }
  void unknown(uint32_t line, text::SourceSpan span, std::string reason) {
    set(line, LineCategory::Unknown);
    result_.unknown.push_back({line, span, std::move(reason)});
  }

  void top_line(uint32_t i, std::string_view line) {
    first_child_indent_ = 0;
    size_t pos = 0;
    const std::string_view w1 = asa::next_word(line, pos);
    if (asa::iequals(w1, "end") || asa::iequals(w1, "exit")) {
      set(i, LineCategory::Ignored);
      owner_ = Owner::None;
      return;
    }
    switch (classify_ios_top_line(line)) {
      case TopKind::Comment:
        set(i, LineCategory::Comment);  // does not close the open block
        return;
      case TopKind::Ignored:
        set(i, LineCategory::Ignored);
        owner_ = Owner::Ignored;
        return;
      case TopKind::CertificateData:
        set(i, LineCategory::Ignored);
        owner_ = Owner::CertificateData;
        return;
      case TopKind::Banner:
        banner(i, line);
        return;
      case TopKind::Unknown:
        unknown(i, text::SourceSpan::at(i, 0, static_cast<uint32_t>(w1.size())),
                "'" + std::string(w1) + "' is not an IOS command ikeshift knows");
        owner_ = Owner::Unknown;
        unknown_owner_ = i;
        return;
      case TopKind::Ipsec:
        parse_top(i, line);
        return;
    }
  }

  // `banner motd ^C ... ^C`: the text up to the closing delimiter is free text.
  void banner(uint32_t i, std::string_view line) {
    set(i, LineCategory::FreeText);
    owner_ = Owner::None;
    size_t pos = 0;
    asa::next_word(line, pos);                              // banner
    asa::next_word(line, pos);                              // motd, login, exec ...
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    if (pos >= line.size()) return;
    const std::string delim = line.compare(pos, 2, "^C") == 0 ? "^C" : std::string(1, line[pos]);
    const std::string_view after = line.substr(pos + delim.size());
    if (after.find(delim) == std::string_view::npos) banner_end_ = delim;
  }

  void parse_top(uint32_t i, std::string_view line) {
    auto* top = parser_.parse(line, &IosParser::top_line);
    if (top == nullptr) {
      const grammar::LineParseError& e = parser_.error();
      unknown(i, text::SourceSpan::at(i, static_cast<uint32_t>(e.column), static_cast<uint32_t>(e.length)),
              e.message);
      owner_ = Owner::Unknown;
      unknown_owner_ = i;
      return;
    }
    auto* ctx = top->top_command();
    if (auto* c = ctx->s_crypto(); c != nullptr && c->crypto_map() != nullptr &&
                                   c->crypto_map()->map_set_oneline() != nullptr) {
      unknown(i, text::SourceSpan::at(i, 0, static_cast<uint32_t>(line.size())),
              "`crypto map M N set|match ...` on one line is ASA syntax; IOS writes `crypto map M N "
              "ipsec-isakmp` and the settings indented below it");
      owner_ = Owner::Unknown;
      unknown_owner_ = i;
      return;
    }
    bool unmodelled = false;
    block_ = builder_.apply_top(ctx, i, unmodelled);
    set(i, unmodelled ? LineCategory::Ignored : LineCategory::Modelled);
    owner_ = unmodelled ? Owner::Ignored : Owner::Block;
  }

  void child_line(uint32_t i, std::string_view line) {
    const size_t indent = indentation(line);
    const std::string_view rest = line.substr(indent);
    if (rest[0] == '!' && owner_ != Owner::CertificateData) {
      set(i, LineCategory::Comment);
      return;
    }
    switch (owner_) {
      case Owner::None:
        unknown(i, text::SourceSpan::at(i, static_cast<uint32_t>(indent), 1), "indented line outside any block");
        return;
      case Owner::Ignored:
        set(i, LineCategory::Ignored);
        return;
      case Owner::CertificateData:
        set(i, LineCategory::FreeText);
        return;
      case Owner::Unknown:
        unknown(i, text::SourceSpan::at(i, static_cast<uint32_t>(indent), 1),
                "sub-command of the unrecognised line " + std::to_string(unknown_owner_ + 1));
        return;
      case Owner::Block:
        break;
    }
    size_t pos = 0;
    if (asa::iequals(asa::next_word(rest, pos), "exit")) {
      set(i, LineCategory::Ignored);  // leaves the sub-mode; the text stays as it is
      return;
    }
    if (first_child_indent_ == 0) first_child_indent_ = indent;
    const bool nested = indent > first_child_indent_;
    if (nested && !builder_.nested_open()) {
      if (block_is_partially_modelled(block_)) {
        set(i, LineCategory::Ignored);
      } else {
        unknown(i, text::SourceSpan::at(i, static_cast<uint32_t>(indent), 1),
                std::string("unexpected nested sub-command in ") + block_kind_name(block_));
      }
      return;
    }
    auto* sub = parser_.parse(line, &IosParser::sub_line);
    if (sub == nullptr) {
      const grammar::LineParseError& e = parser_.error();
      if (block_is_partially_modelled(block_) && block_ != BlockKind::CryptoMap) {
        set(i, LineCategory::Ignored);
        return;
      }
      unknown(i, text::SourceSpan::at(i, static_cast<uint32_t>(e.column), static_cast<uint32_t>(e.length)),
              e.message);
      return;
    }
    SubOutcome out = nested ? builder_.apply_nested(sub->sub_command(), i)
                            : builder_.apply_sub(sub->sub_command(), i);
    if (out.category == LineCategory::Unknown) {
      unknown(i, text::SourceSpan::at(i, static_cast<uint32_t>(indent), static_cast<uint32_t>(rest.size())),
              out.reason);
    } else {
      set(i, out.category);
    }
  }

  void tally() {
    count_line_categories(result_.categories, result_.stats);
  }

  const SourceText& src_;
  ParseResult result_;
  grammar::LineParser<IosLexer, IosParser> parser_;
  IosModelBuilder builder_{result_.config};
  Owner owner_ = Owner::None;
  BlockKind block_ = BlockKind::None;
  uint32_t unknown_owner_ = 0;
  size_t first_child_indent_ = 0;
  std::string banner_end_;
};

}  // namespace

ParseResult read_ios(const SourceText& src) { return Reader(src).run(); }

}  // namespace ikeshift::ios
