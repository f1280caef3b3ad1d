// An edit script over the original text: insertions and deletions of whole
// lines, addressed by 0-based line index. Lines the script does not touch are
// copied byte for byte (line endings included), so the same script renders a
// full config, a unified diff, and -- with the patch steps the caller records --
// a paste-able CLI patch.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "text/source_text.h"

namespace ikeshift::edit {

class EditScript {
 public:
  // Inserts lines (text without line ending) after line `line` (0-based).
  // Several insertions after the same line keep the order they were added in.
  void insert_after(uint32_t line, std::vector<std::string> lines);
  // Inserts lines before line `line`; for line == line_count() this appends at the end.
  void insert_before(uint32_t line, std::vector<std::string> lines);
  // Removes line `line`.
  void remove(uint32_t line);

  bool empty() const { return inserts_.empty() && removed_.empty(); }
  size_t inserted_line_count() const;
  size_t removed_line_count() const { return removed_.size(); }

  struct Insert {
    uint32_t anchor;      // the new lines go before original line `anchor` (== line_count: at end)
    uint64_t order;       // insertion order, to keep insertions at one anchor stable
    std::vector<std::string> lines;
  };
  const std::vector<Insert>& inserts() const { return inserts_; }
  const std::vector<uint32_t>& removed() const { return removed_; }
  bool is_removed(uint32_t line) const;

 private:
  std::vector<Insert> inserts_;
  std::vector<uint32_t> removed_;  // kept sorted, unique
  uint64_t next_order_ = 0;
};

// The whole edited text. New lines use the file's dominant line ending; when a
// line is inserted after a last line that had no final newline, that line gets
// one (the only case where an original line's bytes change).
std::string render_config(const text::SourceText& src, const EditScript& script);
// The same text as a sequence of pieces (runs of original bytes, new lines,
// line endings), for writing a large config without building it in memory.
void render_config_pieces(const text::SourceText& src, const EditScript& script,
                          const std::function<void(std::string_view)>& emit);

// Transforms a line before it is shown to a person (e.g. masks pre-shared keys).
using LineFilter = std::function<std::string(std::string_view)>;

struct DiffOptions {
  std::string old_label;  // "a/<file>"
  std::string new_label;  // "b/<file>"
  unsigned context = 3;
  bool color = false;     // ANSI colours for a terminal
  LineFilter filter;      // applied to every line shown (both sides); may be empty
};

// A unified diff (GNU format, "@@ -a,b +c,d @@" hunks) computed from the
// script itself, so it is exact and needs no LCS. Empty string when the script
// changes nothing. Lines are shown without their original "\r".
std::string render_unified_diff(const text::SourceText& src, const EditScript& script,
                                const DiffOptions& opts);

}  // namespace ikeshift::edit
