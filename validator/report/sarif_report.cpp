// SARIF 2.1.0 (OASIS), so code-scanning tools show findings inline on the
// configuration file: one run, the whole rule catalogue as the driver's rules,
// one result per finding with its region and related locations (the other
// file's lines for pair rules). Inputs that could not be validated become
// tool execution notifications. SARIF counts columns in UTF-16 code units by
// default; our spans count bytes, so columns are converted through the line.
#include <cctype>
#include <map>

#include "events/json_writer.h"
#include "validator/report/report.h"
#include "validator/rules/rule_set.h"

namespace ikeshift::validator {

namespace {

using engine::events::JsonWriter;

const char* level(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "note";
  }
  return "warning";
}

// A URI reference for a path as given (relative stays relative, for %SRCROOT%).
std::string uri_of(const std::string& path) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out = !path.empty() && path[0] == '/' ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// 1-based byte column -> 1-based UTF-16 column on the same line. Invalid UTF-8
// bytes count as one unit each (as a decoder's U+FFFD would).
uint32_t utf16_column(const text::SourceText* src, uint32_t line, uint32_t byte_col) {
  if (src == nullptr || line == 0 || line > src->line_count()) return byte_col;
  const std::string_view l = src->line(line - 1);
  uint32_t units = 0;
  size_t i = 0;
  const size_t end = std::min<size_t>(byte_col - 1, l.size());
  while (i < end) {
    const unsigned char c = static_cast<unsigned char>(l[i]);
    size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool valid = n > 0 && i + n <= l.size();
    for (size_t k = 1; valid && k < n; ++k) valid = (static_cast<unsigned char>(l[i + k]) & 0xc0) == 0x80;
    if (!valid) n = 1;
    units += (valid && n == 4) ? 2 : 1;
    i += n;
  }
  // Past the end of the line (an end column), bytes count one each.
  return units + 1 + static_cast<uint32_t>(byte_col - 1 > l.size() ? byte_col - 1 - l.size() : 0);
}

class SarifWriter {
 public:
  explicit SarifWriter(const Report& r) : r_(r), w_(out_) {
    const auto& rules = all_rules();
    for (size_t i = 0; i < rules.size(); ++i) rule_index_[std::string(rules[i]->id)] = i;
    for (size_t i = 0; i < r.files.size(); ++i) artifact_index_.emplace(r.files[i].name, i);
  }

  std::string render() {
    w_.begin_object();
    w_.key("$schema").value("https://json.schemastore.org/sarif-2.1.0.json");
    w_.key("version").value("2.1.0");
    w_.key("runs").begin_array().begin_object();
    tool();
    invocations();
    artifacts();
    results();
    w_.key("columnKind").value("utf16CodeUnits");
    w_.end_object().end_array();
    w_.end_object();
    out_ += '\n';
    return out_;
  }

 private:
  void tool() {
    w_.key("tool").begin_object().key("driver").begin_object();
    w_.key("name").value("ikeshift").key("semanticVersion").value(r_.tool_version);
    w_.key("rules").begin_array();
    for (const RuleInfo* rule : all_rules()) {
      w_.begin_object().key("id").value(rule->id);
      w_.key("shortDescription").begin_object().key("text").value(rule->summary).end_object();
      w_.key("fullDescription").begin_object().key("text").value(rule->rationale).end_object();
      w_.key("help").begin_object().key("text").value(rule->fix).end_object();
      w_.key("defaultConfiguration").begin_object().key("level").value(level(rule->severity));
      w_.key("enabled").value(rule->enabled_by_default).end_object();
      w_.key("properties").begin_object().key("family").value(rule->family);
      w_.key("appliesTo").value(rule->applies_to);
      w_.key("scope").value(rule->scope == Scope::Pair ? "pair" : "config").end_object();
      w_.end_object();
    }
    w_.end_array().end_object().end_object();
  }

  void invocations() {
    w_.key("invocations").begin_array().begin_object();
    bool ok = true;
    for (const FileReport& f : r_.files) ok = ok && !f.failure;
    w_.key("executionSuccessful").value(ok);
    w_.key("toolExecutionNotifications").begin_array();
    for (const FileReport& f : r_.files) {
      if (!f.failure) continue;
      w_.begin_object().key("level").value("error");
      w_.key("message").begin_object().key("text").value(f.failure->message + " (" + f.failure->hint + ")").end_object();
      w_.key("locations").begin_array().begin_object();
      physical(f.failure->where);
      w_.end_object().end_array();
      w_.end_object();
    }
    w_.end_array();
    w_.end_object().end_array();
  }

  void artifacts() {
    w_.key("artifacts").begin_array();
    for (size_t i = 0; i < r_.files.size(); ++i) {
      w_.begin_object().key("location").begin_object().key("uri").value(uri_of(r_.files[i].name)).end_object();
      w_.end_object();
    }
    w_.end_array();
  }

  void physical(const Location& l) {
    w_.key("physicalLocation").begin_object();
    w_.key("artifactLocation").begin_object().key("uri").value(uri_of(l.file));
    auto it = artifact_index_.find(l.file);
    if (it != artifact_index_.end()) w_.key("index").value(static_cast<uint64_t>(it->second));
    w_.end_object();
    if (l.span.valid()) {
      const text::SourceText* src = r_.source_of(l.file);
      const uint32_t end_line = l.span.end_line >= l.span.line ? l.span.end_line : l.span.line;
      uint32_t start_col = utf16_column(src, l.span.line, l.span.col);
      uint32_t end_col = utf16_column(src, end_line, l.span.end_col > 0 ? l.span.end_col : l.span.col + 1);
      if (end_line == l.span.line && end_col <= start_col) end_col = start_col + 1;
      w_.key("region").begin_object();
      w_.key("startLine").value(l.span.line).key("startColumn").value(start_col);
      w_.key("endLine").value(end_line).key("endColumn").value(end_col);
      w_.end_object();
    }
    w_.end_object();
  }

  void result(const RuleFinding& f) {
    w_.begin_object().key("ruleId").value(f.rule);
    auto it = rule_index_.find(f.rule);
    if (it != rule_index_.end()) w_.key("ruleIndex").value(static_cast<uint64_t>(it->second));
    w_.key("level").value(level(f.severity));
    std::string text = f.message;
    if (!f.hint.empty()) text += "\nHint: " + f.hint;
    w_.key("message").begin_object().key("text").value(text).end_object();
    w_.key("locations").begin_array().begin_object();
    physical(f.where);
    w_.end_object().end_array();
    if (!f.related.empty()) {
      w_.key("relatedLocations").begin_array();
      for (size_t i = 0; i < f.related.size(); ++i) {
        w_.begin_object().key("id").value(static_cast<uint64_t>(i + 1));
        physical(f.related[i]);
        if (!f.related[i].label.empty()) {
          w_.key("message").begin_object().key("text").value(f.related[i].label).end_object();
        }
        w_.end_object();
      }
      w_.end_array();
    }
    w_.key("properties").begin_object().key("hint").value(f.hint).end_object();
    w_.end_object();
  }

  void results() {
    w_.key("results").begin_array();
    for (const FileReport& f : r_.files)
      for (const RuleFinding& x : f.findings) result(x);
    for (const PairReport& p : r_.pairs)
      for (const RuleFinding& x : p.findings) result(x);
    w_.end_array();
  }

  const Report& r_;
  std::string out_;
  JsonWriter w_;
  std::map<std::string, size_t> rule_index_;
  std::map<std::string, size_t> artifact_index_;
};

}  // namespace

std::string render_sarif(const Report& r) { return SarifWriter(r).render(); }

}  // namespace ikeshift::validator
