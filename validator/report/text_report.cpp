// Compiler-style text: "file:line:col: severity: message [rule]", the source
// line with a caret under the span, related places as notes, then the hint.
// Source lines go through the secret masker: a key never reaches the screen.
#include "asa/secret_mask.h"
#include "validator/report/report.h"

namespace ikeshift::validator {

namespace {

struct Style {
  bool on = false;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? std::string("\x1b[") + code + "m" + s + "\x1b[0m" : s;
  }
};

const char* color_of(Severity s) {
  switch (s) {
    case Severity::Error: return "1;31";
    case Severity::Warning: return "1;35";
    case Severity::Info: return "1;36";
  }
  return "1";
}

// The line, its caret line: a tab stays a tab and a UTF-8 character counts as
// one column on screen, so the caret lines up in a terminal.
void snippet(const text::SourceText* src, const text::SourceSpan& span, const Style& st, std::string& out) {
  if (src == nullptr || !span.valid() || span.line > src->line_count()) return;
  const std::string line = asa::mask_asa_secrets(src->line(span.line - 1));
  const std::string number = std::to_string(span.line);
  out += " " + number + " | " + line + "\n";
  std::string caret;
  const size_t start = span.col - 1;
  for (size_t i = 0; i < start && i < line.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(line[i]);
    if ((c & 0xc0) == 0x80) continue;
    caret += c == '\t' ? '\t' : ' ';
  }
  size_t len = span.end_line == span.line && span.end_col > span.col ? span.end_col - span.col : 1;
  if (start < line.size()) len = std::min(len, line.size() - start);
  std::string marks = "^";
  for (size_t i = 1; i < len; ++i) {
    const unsigned char c = static_cast<unsigned char>(line[start + i]);
    if ((c & 0xc0) != 0x80) marks += '~';
  }
  out += " " + std::string(number.size(), ' ') + " | " + caret + st("1;32", marks) + "\n";
}

void finding(const Report& r, const RuleFinding& f, const Style& st, std::string& out) {
  out += st("1", format_location(f.where) + ":") + " " +
         st(color_of(f.severity), std::string(severity_name(f.severity)) + ":") + " " + f.message;
  if (!f.rule.empty()) out += " [" + f.rule + "]";
  out += "\n";
  snippet(r.source_of(f.where.file), f.where.span, st, out);
  for (const Location& rel : f.related) {
    out += st("1", format_location(rel) + ":") + " " + st("1;36", "note:") + " " +
           (rel.label.empty() ? std::string("related") : rel.label) + "\n";
    snippet(r.source_of(rel.file), rel.span, st, out);
  }
  if (!f.hint.empty()) out += "  " + st("1", "hint:") + " " + f.hint + "\n";
}

std::string plural(size_t n, const char* word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

}  // namespace

std::string render_text(const Report& r, bool color, bool summary) {
  Style st{color};
  std::string out;
  for (const FileReport& f : r.files) {
    if (f.failure) finding(r, *f.failure, st, out);
    for (const RuleFinding& x : f.findings) finding(r, x, st, out);
  }
  for (const PairReport& p : r.pairs)
    for (const RuleFinding& x : p.findings) finding(r, x, st, out);
  if (!summary) return out;
  const Counts c = count(r);
  out += "validate: " + plural(r.files.size(), "file");
  if (!r.pairs.empty()) out += ", " + plural(r.pairs.size(), "pair");
  out += ": " + plural(c.errors, "error") + ", " + plural(c.warnings, "warning") + ", " +
         plural(c.infos, "info");
  if (c.failed > 0) out += "; " + plural(c.failed, "file") + " could not be validated";
  out += "\n";
  return out;
}

}  // namespace ikeshift::validator
