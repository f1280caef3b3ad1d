// The bytes of one configuration file, split into lines without losing a byte.
//
// Every consumer (grammar, model, edit script, diff) addresses the input by
// 0-based line index; spans shown to people are 1-based line:column where the
// column counts bytes, so a non-UTF-8 byte never shifts a caret.
// Only "\n" and "\r\n" end a line; a lone "\r" stays part of the line's text.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ikeshift::text {

// 1-based, inclusive start, exclusive end column; end_line == line for one-line spans.
struct SourceSpan {
  uint32_t line = 0;
  uint32_t col = 0;
  uint32_t end_line = 0;
  uint32_t end_col = 0;

  bool valid() const { return line != 0; }
  static SourceSpan whole_line(uint32_t line_index0, uint32_t length) {
    return {line_index0 + 1, 1, line_index0 + 1, length + 1};
  }
  static SourceSpan at(uint32_t line_index0, uint32_t col0, uint32_t len) {
    return {line_index0 + 1, col0 + 1, line_index0 + 1, col0 + 1 + len};
  }
};

class SourceText {
 public:
  struct Line {
    uint64_t offset = 0;     // of the first byte of the line
    uint32_t length = 0;     // without the line ending
    uint8_t eol_length = 0;  // 0 (last line, no final newline), 1 ("\n") or 2 ("\r\n")
  };

  SourceText() = default;
  SourceText(std::string path, std::string bytes);
  // Text backed by a read-only mapping of a file (see load()).
  class Mapping;
  SourceText(std::string path, std::unique_ptr<Mapping> mapping);
  SourceText(const SourceText&) = delete;
  SourceText& operator=(const SourceText&) = delete;
  SourceText(SourceText&&) noexcept;
  SourceText& operator=(SourceText&&) noexcept;
  // The bytes may hold pre-shared keys: they are wiped on destruction.
  ~SourceText();

  // Reads a whole file. On failure returns nullopt and sets `error` to a
  // sentence naming the file and the reason (strerror).
  static std::optional<SourceText> load(const std::string& path, std::string& error);

  const std::string& path() const { return path_; }
  std::string_view bytes() const { return view_; }
  size_t line_count() const { return lines_.size(); }
  const Line& line_info(size_t i) const { return lines_[i]; }
  std::string_view line(size_t i) const {
    const Line& l = lines_[i];
    return view_.substr(l.offset, l.length);
  }
  std::string_view line_with_eol(size_t i) const {
    const Line& l = lines_[i];
    return view_.substr(l.offset, l.length + l.eol_length);
  }
  std::string_view eol(size_t i) const {
    const Line& l = lines_[i];
    return view_.substr(l.offset + l.length, l.eol_length);
  }
  // The line ending new lines should use: the most common one in the file
  // ("\n" for a file with none).
  std::string_view dominant_eol() const { return crlf_majority_ ? "\r\n" : "\n"; }
  bool ends_with_newline() const { return lines_.empty() || lines_.back().eol_length != 0; }

  // Position of the first NUL byte, if any (binary input).
  std::optional<uint64_t> first_nul() const;
  // Converts a byte offset to a 1-based line/column span of one byte.
  SourceSpan span_of_offset(uint64_t offset) const;

 private:
  void split();
  std::string path_;
  std::string bytes_;                 // owned text (tests, small inputs)
  std::unique_ptr<Mapping> mapping_;  // or a mapped file
  std::string_view view_;             // whichever of the two holds the text
  std::vector<Line> lines_;
  bool crlf_majority_ = false;
};

}  // namespace ikeshift::text
