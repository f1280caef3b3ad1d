#include "edit/edit_script.h"

#include <algorithm>
#include <string_view>

namespace ikeshift::edit {

// ---------------------------------------------------------------------------
// EditScript
// ---------------------------------------------------------------------------

void EditScript::insert_after(uint32_t line, std::vector<std::string> lines) {
  insert_before(line + 1, std::move(lines));
}

void EditScript::insert_before(uint32_t line, std::vector<std::string> lines) {
  // An empty insertion would still count as "something inserted at the end",
  // which would change the last line's ending for nothing.
  if (lines.empty()) return;
  Insert ins{line, next_order_++, std::move(lines)};
  // inserts_ stays sorted by (anchor, order) so the renderers can merge it
  // with the line walk. Writers mostly add in ascending line order, so the
  // common case is an O(1) append; otherwise upper_bound keeps equal anchors
  // in insertion order.
  if (inserts_.empty() || inserts_.back().anchor <= line) {
    inserts_.push_back(std::move(ins));
    return;
  }
  auto pos = std::upper_bound(inserts_.begin(), inserts_.end(), line,
                              [](uint32_t a, const Insert& i) { return a < i.anchor; });
  inserts_.insert(pos, std::move(ins));
}

void EditScript::remove(uint32_t line) {
  if (removed_.empty() || removed_.back() < line) {
    removed_.push_back(line);
    return;
  }
  auto pos = std::lower_bound(removed_.begin(), removed_.end(), line);
  if (pos != removed_.end() && *pos == line) return;  // removing twice is removing once
  removed_.insert(pos, line);
}

size_t EditScript::inserted_line_count() const {
  size_t n = 0;
  for (const Insert& i : inserts_) n += i.lines.size();
  return n;
}

bool EditScript::is_removed(uint32_t line) const {
  return std::binary_search(removed_.begin(), removed_.end(), line);
}

namespace {

// Anchors past the end mean "at the end"; the script does not know the line count.
inline size_t clamp_anchor(uint32_t anchor, size_t n) { return anchor < n ? anchor : n; }

// True when the last original line has no line ending and something is
// inserted after it: that line then gets the dominant ending in the output.
bool last_line_gains_eol(const text::SourceText& src, const EditScript& script) {
  const size_t n = src.line_count();
  if (n == 0 || src.ends_with_newline()) return false;
  const auto& ins = script.inserts();
  return !ins.empty() && clamp_anchor(ins.back().anchor, n) == n;
}

}  // namespace

// ---------------------------------------------------------------------------
// render_config
// ---------------------------------------------------------------------------

void render_config_pieces(const text::SourceText& src, const EditScript& script,
                          const std::function<void(std::string_view)>& emit) {
  const std::string_view bytes = src.bytes();
  if (script.empty()) {
    emit(bytes);
    return;
  }

  const size_t n = src.line_count();
  const std::string_view eol = src.dominant_eol();
  const auto& inserts = script.inserts();
  const auto& removed = script.removed();

  // Untouched lines are copied as whole runs (one append per run between
  // edits), which is what keeps this fast on 200k-line files.
  size_t next = 0;  // next original line to emit
  auto rit = removed.begin();
  auto copy_until = [&](size_t end) {
    while (next < end) {
      while (rit != removed.end() && *rit < next) ++rit;
      const size_t stop = (rit != removed.end() && *rit < end) ? *rit : end;
      if (stop > next) {
        const uint64_t from = src.line_info(next).offset;
        const auto& last = src.line_info(stop - 1);
        const uint64_t to = last.offset + last.length + last.eol_length;
        emit(bytes.substr(static_cast<size_t>(from), static_cast<size_t>(to - from)));
        next = stop;
      }
      if (next < end) {  // `next` is a removed line: skip it with its ending
        ++next;
        ++rit;
      }
    }
  };

  const bool gains_eol = last_line_gains_eol(src, script);
  size_t k = 0;
  // Insertions in the middle (and at the end of a file that ends with a newline).
  for (; k < inserts.size(); ++k) {
    const size_t anchor = clamp_anchor(inserts[k].anchor, n);
    if (anchor == n && gains_eol) break;
    copy_until(anchor);
    for (const auto& l : inserts[k].lines) {
      emit(l);
      emit(eol);
    }
  }
  copy_until(n);
  if (k < inserts.size()) {
    // The block after a last line without a newline: separators go *before*
    // each line, so the last line gets an ending and the file still ends
    // without one, as the original did. If that last line was removed, what
    // precedes already ends with a newline.
    bool need_sep = !script.is_removed(static_cast<uint32_t>(n - 1));
    for (; k < inserts.size(); ++k) {
      for (const auto& l : inserts[k].lines) {
        if (need_sep) emit(eol);
        emit(l);
        need_sep = true;
      }
    }
  }
}

std::string render_config(const text::SourceText& src, const EditScript& script) {
  size_t size = src.bytes().size() + src.dominant_eol().size();
  for (const auto& ins : script.inserts())
    for (const auto& l : ins.lines) size += l.size() + src.dominant_eol().size();
  std::string out;
  out.reserve(size);
  render_config_pieces(src, script, [&out](std::string_view piece) { out.append(piece); });
  return out;
}

// ---------------------------------------------------------------------------
// render_unified_diff
// ---------------------------------------------------------------------------

namespace {

// One added line in the new file. `text` points into the script or the source.
struct Added {
  std::string_view text;
  bool no_eol;  // the last line of the new file, without a final newline
};

// A maximal run of removed and added lines with no kept line inside: what GNU
// diff calls a change. old lines [old_begin, old_end) go, added[add_begin,
// add_end) come, starting at new-file line `new_begin` (all 0-based).
struct Change {
  size_t old_begin = 0;
  size_t old_end = 0;
  size_t new_begin = 0;
  size_t add_begin = 0;
  size_t add_end = 0;
};

// Walks the script in output order and collects the changes. Kept lines
// close a change; removals and insertions extend the open one.
void collect_changes(const text::SourceText& src, const EditScript& script,
                     std::vector<Change>& changes, std::vector<Added>& added) {
  const size_t n = src.line_count();
  const auto& inserts = script.inserts();
  const auto& removed = script.removed();
  const bool gains_eol = last_line_gains_eol(src, script);
  const bool new_lacks_final_eol = n != 0 && !src.ends_with_newline();

  // Whether anything is inserted after the last line: the last of those lines
  // is then the new file's last line and may carry the "no newline" mark.
  bool end_inserts = false;
  size_t new_pos = 0;
  bool open = false;
  Change cur;
  auto open_at = [&](size_t old_line) {
    if (open) return;
    open = true;
    cur = Change{old_line, old_line, new_pos, added.size(), added.size()};
  };
  auto close = [&] {
    if (!open) return;
    cur.add_end = added.size();
    changes.push_back(cur);
    open = false;
  };

  size_t k = 0;
  auto rit = removed.begin();
  for (size_t i = 0; i <= n; ++i) {
    for (; k < inserts.size() && clamp_anchor(inserts[k].anchor, n) == i; ++k) {
      open_at(i);
      for (const auto& l : inserts[k].lines) {
        added.push_back({l, false});
        ++new_pos;
      }
      if (i == n) end_inserts = true;
    }
    if (i == n) break;
    while (rit != removed.end() && *rit < i) ++rit;
    const bool is_removed = rit != removed.end() && *rit == i;
    if (is_removed) {
      open_at(i);
      cur.old_end = i + 1;
    } else if (i == n - 1 && gains_eol) {
      // The last line changes from "no newline" to having one: GNU diff shows
      // it removed and added again, followed by the block inserted after it.
      open_at(i);
      cur.old_end = i + 1;
      added.push_back({src.line(i), false});
      ++new_pos;
    } else {
      close();
      ++new_pos;
    }
  }
  if (end_inserts && new_lacks_final_eol) added.back().no_eol = true;
  close();
}

// GNU diff's range format: "start,count", "start" when count == 1, and for an
// empty range the line *before* it with ",0" (what `patch` expects).
void append_range(std::string& out, size_t begin0, size_t count) {
  if (count == 0) {
    out += std::to_string(begin0);
    out += ",0";
  } else if (count == 1) {
    out += std::to_string(begin0 + 1);
  } else {
    out += std::to_string(begin0 + 1);
    out += ',';
    out += std::to_string(count);
  }
}

constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kCyan = "\x1b[36m";
constexpr std::string_view kRed = "\x1b[31m";
constexpr std::string_view kGreen = "\x1b[32m";
constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kNoNewline = "\\ No newline at end of file\n";

class DiffWriter {
 public:
  DiffWriter(std::string& out, const DiffOptions& opts) : out_(out), opts_(opts) {}

  void header() {
    plain_or_colored(kBold, "--- ", opts_.old_label);
    plain_or_colored(kBold, "+++ ", opts_.new_label);
  }

  void hunk_header(size_t old_begin, size_t old_count, size_t new_begin, size_t new_count) {
    if (opts_.color) out_ += kCyan;
    out_ += "@@ -";
    append_range(out_, old_begin, old_count);
    out_ += " +";
    append_range(out_, new_begin, new_count);
    out_ += " @@";
    if (opts_.color) out_ += kReset;
    out_ += '\n';
  }

  // One body line; `color` is empty for context lines.
  void line(char prefix, std::string_view color, std::string_view text, bool no_eol) {
    const bool paint = opts_.color && !color.empty();
    if (paint) out_ += color;
    out_ += prefix;
    if (opts_.filter) {
      out_ += opts_.filter(text);
    } else {
      out_ += text;
    }
    if (paint) out_ += kReset;
    out_ += '\n';
    if (no_eol) out_ += kNoNewline;
  }

 private:
  void plain_or_colored(std::string_view color, std::string_view prefix, std::string_view label) {
    if (opts_.color) out_ += color;
    out_ += prefix;
    out_ += label;
    if (opts_.color) out_ += kReset;
    out_ += '\n';
  }

  std::string& out_;
  const DiffOptions& opts_;
};

}  // namespace

std::string render_unified_diff(const text::SourceText& src, const EditScript& script,
                                const DiffOptions& opts) {
  if (script.empty()) return {};
  std::vector<Change> changes;
  std::vector<Added> added;
  collect_changes(src, script, changes, added);
  if (changes.empty()) return {};  // e.g. only out-of-range removals

  const size_t n = src.line_count();
  const size_t ctx = opts.context;
  // The old file's last line carries the "no newline" mark wherever it is shown.
  const bool old_lacks_final_eol = n != 0 && !src.ends_with_newline();
  auto old_no_eol = [&](size_t i) { return old_lacks_final_eol && i == n - 1; };

  std::string out;
  DiffWriter w(out, opts);
  w.header();

  size_t c = 0;
  while (c < changes.size()) {
    // GNU diff joins two changes into one hunk when the unchanged lines between
    // them number at most 2*context (their contexts touch or overlap).
    size_t last = c;
    while (last + 1 < changes.size() &&
           changes[last + 1].old_begin - changes[last].old_end <= 2 * ctx)
      ++last;

    const Change& first = changes[c];
    const Change& end = changes[last];
    const size_t lead = std::min(ctx, first.old_begin);
    const size_t trail = std::min(ctx, n - end.old_end);
    const size_t old_begin = first.old_begin - lead;
    const size_t old_end = end.old_end + trail;
    const size_t new_begin = first.new_begin - lead;
    const size_t new_end = end.new_begin + (end.add_end - end.add_begin) + trail;
    w.hunk_header(old_begin, old_end - old_begin, new_begin, new_end - new_begin);

    size_t pos = old_begin;
    for (size_t j = c; j <= last; ++j) {
      const Change& ch = changes[j];
      for (; pos < ch.old_begin; ++pos) w.line(' ', {}, src.line(pos), old_no_eol(pos));
      for (; pos < ch.old_end; ++pos) w.line('-', kRed, src.line(pos), old_no_eol(pos));
      for (size_t a = ch.add_begin; a < ch.add_end; ++a)
        w.line('+', kGreen, added[a].text, added[a].no_eol);
    }
    for (; pos < old_end; ++pos) w.line(' ', {}, src.line(pos), old_no_eol(pos));
    c = last + 1;
  }
  return out;
}

}  // namespace ikeshift::edit
