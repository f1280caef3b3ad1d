#include "swanctl/swanctl_reader.h"

#include <algorithm>

#include "SwanctlLexer.h"
#include "SwanctlParser.h"
#include "common/line_stats.h"
#include "common/line_text.h"
#include "grammar/line_parser.h"
#include "grammar/parse_tree.h"
#include "swanctl/swanctl_schema.h"

namespace ikeshift::swanctl {

namespace {

using P = SwanctlParser;

using grammar::token_span;

// A quoted value without its quotes, `\"` and `\\` resolved (strongswan.conf(5)).
std::string unquote(std::string_view q) {
  std::string out;
  for (size_t i = 1; i + 1 < q.size(); ++i) {
    if (q[i] == '\\' && i + 2 < q.size()) {
      ++i;
      out += q[i] == 'n' ? '\n' : q[i] == 't' ? '\t' : q[i];
    } else {
      out += q[i];
    }
  }
  return out;
}

class Reader {
 public:
  explicit Reader(const text::SourceText& src) : src_(src) {
    result_.categories.assign(src.line_count(), LineCategory::Unknown);
    stack_.push_back({&result_.config.root, Context::Root});
  }

  ParseResult run() {
    const uint32_t n = static_cast<uint32_t>(src_.line_count());
    for (uint32_t i = 0; i < n; ++i) line(i, src_.line(i));
    if (stack_.size() > 1) result_.unclosed_line = stack_.back().section->line;  // the innermost
    tally();
    result_.stats.ll_fallbacks = parser_.ll_fallbacks();
    return std::move(result_);
  }

 private:
  struct Open {
    Section* section;
    Context context;
  };

  // The first unknown statement of a line is the one listed (one entry per line).
  LineCategory unknown(uint32_t i, SourceSpan span, std::string reason) {
    if (unknown_line_ != i) {
      result_.unknown.push_back({i, span, std::move(reason)});
      unknown_line_ = i;
    }
    return LineCategory::Unknown;
  }
  Context context() const { return stack_.back().context; }

  // Where we are, for messages: "connections.gw-gw.children.net".
  std::string path() const {
    std::string p;
    for (size_t k = 1; k < stack_.size(); ++k) p += (p.empty() ? "" : ".") + stack_[k].section->name;
    return p.empty() ? "the top level" : p;
  }

  // A line with several statements is as good as its worst one.
  static LineCategory combine(LineCategory a, LineCategory b) {
    auto rank = [](LineCategory c) {
      return c == LineCategory::Unknown ? 3 : c == LineCategory::Modelled ? 2 : c == LineCategory::Ignored ? 1 : 0;
    };
    return rank(b) > rank(a) ? b : a;
  }

  void line(uint32_t i, std::string_view text) {
    if (is_blank_line(text)) {
      result_.categories[i] = LineCategory::Blank;
      return;
    }
    auto* root = parser_.parse(text, &P::swanctl_line);
    if (root == nullptr) {
      const grammar::LineParseError& e = parser_.error();
      std::string reason = e.message;
      if (std::count(text.begin(), text.end(), '"') % 2 == 1)
        reason = "a quoted value that does not end on this line (ikeshift reads one line per setting)";
      result_.categories[i] = unknown(i, SourceSpan::at(i, static_cast<uint32_t>(e.column), static_cast<uint32_t>(e.length)), reason);
      return;
    }
    if (root->statement().empty()) {
      result_.categories[i] = LineCategory::Comment;  // only a `#` comment
      return;
    }
    LineCategory c = LineCategory::Blank;
    for (P::StatementContext* st : root->statement()) c = combine(c, statement(i, st));
    result_.categories[i] = c;
  }

  LineCategory statement(uint32_t i, P::StatementContext* st) {
    if (auto* s = st->s_section()) return section(i, s);
    if (auto* c = st->s_close()) return close(i, c->RBRACE().size(), token_span(c->RBRACE(0)->getSymbol(), i));
    if (auto* s = st->s_setting()) return setting(i, s);
    return include(i, st->s_include());
  }

  LineCategory section(uint32_t i, P::S_sectionContext* s) {
    const Context parent = context();
    const std::string name = s->section->getText();
    const SourceSpan span = token_span(s->section->getStart(), i);
    Context c = section_context(parent, name);
    Section sec;
    sec.name = name;
    sec.span = span;
    sec.line = i;
    for (auto* r : s->refs) sec.refs.push_back(r->getText());
    Section* parent_section = stack_.back().section;
    parent_section->sections.push_back(std::move(sec));
    Section* opened = &parent_section->sections.back();
    LineCategory category = LineCategory::Modelled;
    if (c == Context::Unknown) {
      category = parent == Context::Unknown
                     ? unknown(i, span, "inside a section ikeshift does not know (" + path() + ")")
                     : unknown(i, span, "`" + name + "` is not a section of " + context_path(parent) + " in swanctl.conf(5)");
    } else if (!opened->refs.empty()) {
      // A reference copies another section's settings (strongSwan 5.7+); the
      // copy is not made here, so the section's meaning would be incomplete.
      c = Context::Unknown;
      category = unknown(i, token_span(s->refs.front()->getStart(), i),
                         "section references (`" + name + " : " + opened->refs.front() +
                             "`) are not expanded by ikeshift: write the settings into the section");
    } else if (c == Context::Opaque) {
      category = LineCategory::Ignored;
    }
    stack_.push_back({opened, c});
    return category;
  }

  LineCategory close(uint32_t i, size_t count, SourceSpan span) {
    LineCategory category = LineCategory::Blank;
    for (size_t k = 0; k < count; ++k) {
      if (stack_.size() == 1) return unknown(i, span, "`}` closes no open section");
      const Open o = stack_.back();
      o.section->close_line = i;
      stack_.pop_back();
      category = combine(category, o.context == Context::Unknown
                                       ? unknown(i, span, "closes `" + o.section->name + "`, a section ikeshift does not know")
                                       : o.context == Context::Opaque ? LineCategory::Ignored
                                                                      : LineCategory::Modelled);
    }
    return category;
  }

  LineCategory setting(uint32_t i, P::S_settingContext* s) {
    const Context c = context();
    Setting st;
    st.key = s->key->getText();
    st.key_span = token_span(s->key->getStart(), i);
    st.line = i;
    if (!s->value_part().empty()) {
      auto* first = s->value_part().front()->getStart();
      auto* last = s->value_part().back()->getStop();
      const std::string_view text = src_.line(i);
      const size_t a = first->getStartIndex();
      const size_t b = last->getStopIndex() + 1;
      st.value.span = SourceSpan::at(i, static_cast<uint32_t>(a), static_cast<uint32_t>(b - a));
      std::string raw(text.substr(a, b - a));
      if (s->value_part().size() == 1 && s->value_part().front()->QUOTED() != nullptr) {
        st.value.quoted = true;
        raw = unquote(raw);
      }
      if (c == Context::IkeSecret && st.key == "secret") {
        st.secret = Secret(raw);
        wipe_string(raw);
      } else {
        st.value.text = std::move(raw);
      }
    }
    LineCategory category = LineCategory::Modelled;
    switch (key_kind(c, st.key)) {
      case KeyKind::Modelled: break;
      case KeyKind::Ignored: category = LineCategory::Ignored; break;
      case KeyKind::Unknown: {
        if (c == Context::Unknown) return unknown(i, st.key_span, "inside a section ikeshift does not know (" + path() + ")");
        std::string reason = "`" + st.key + "` is not a setting of " + context_path(c) + " in swanctl.conf(5)";
        const std::vector<std::string> keys = keys_of(c);
        if (!keys.empty()) {
          reason += "; expected one of";
          for (const auto& k : keys) reason += " " + k;
        }
        return unknown(i, st.key_span, reason);
      }
    }
    stack_.back().section->settings.push_back(std::move(st));
    return category;
  }

  LineCategory include(uint32_t i, P::S_includeContext* s) {
    Finding f;
    f.severity = Severity::Warning;
    f.code = "SWANCTL-INCLUDE-NOT-FOLLOWED";
    const std::string_view text = src_.line(i);
    const size_t a = s->value_part().front()->getStart()->getStartIndex();
    const size_t b = s->value_part().back()->getStop()->getStopIndex() + 1;
    f.message = "`include " + std::string(text.substr(a, b - a)) + "` is not followed: ikeshift reads this one file";
    f.hint = "put the connections and secrets of the included files into the file you pass";
    f.where = {src_.path(), token_span(s->INCLUDE()->getSymbol(), i)};
    result_.findings.push_back(std::move(f));
    return LineCategory::Ignored;
  }

  void tally() { count_line_categories(result_.categories, result_.stats); }

  const text::SourceText& src_;
  ParseResult result_;
  grammar::LineParser<SwanctlLexer, SwanctlParser> parser_;
  std::vector<Open> stack_;
  std::optional<uint32_t> unknown_line_;
};

}  // namespace

ParseResult read_swanctl(const text::SourceText& src) { return Reader(src).run(); }

}  // namespace ikeshift::swanctl
